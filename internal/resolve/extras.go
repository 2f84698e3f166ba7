package resolve

import (
	"github.com/careprint/careprint/internal/content"
	"strings"

	"github.com/careprint/careprint/internal/doc"
	"github.com/careprint/careprint/internal/i18n"
)

// clinicInfo is the clinic's address and opening hours, each after a bold label: what
// a patient needs to come back, on the handout they take home.
func (r *resolver) clinicInfo() []doc.Block {
	c := r.clinic
	var d doc.Details
	if len(c.Address) > 0 {
		// Each entry stays whole ("Harbourview, ST 00000"): the address breaks between
		// the lines the clinic wrote, as on an envelope.
		lines := make([]string, len(c.Address))
		for i, a := range c.Address {
			lines[i] = strings.ReplaceAll(a, " ", "\u00a0")
		}
		d.Items = append(d.Items, doc.Field{Label: r.w.T("ClinicAddress", nil), Value: strings.Join(lines, ", ")})
	}
	if c.Hours != "" {
		d.Items = append(d.Items, doc.Field{Label: r.w.T("ClinicHours", nil), Value: c.Hours})
	}
	if len(d.Items) == 0 {
		return nil
	}
	return []doc.Block{d}
}

// blank stands for a blank to write on in the Signoff message; no message holds it.
const blank = "\x00"

// signoff is the "Given by ______ on ______" line: the catalogue's Signoff message, cut
// at its blanks.
func (r *resolver) signoff() doc.Signoff {
	parts := strings.Split(r.w.T("Signoff", i18n.Data{"Blank": blank}), blank)
	for i, p := range parts {
		parts[i] = strings.TrimSpace(p)
	}
	return doc.Signoff{Parts: parts}
}

// notesBox is the box with ruled lines to write on, as many as the layout asks for.
func (r *resolver) notesBox() doc.NotesBox {
	return doc.NotesBox{Title: r.w.T("NotesBoxTitle", nil), Lines: r.lay.NotesBox.Lines}
}

// note is the patient's note (--notes), set apart under its label.
func (r *resolver) note() doc.Note {
	return doc.Note{Label: r.w.T("Notes", nil), Text: r.pt.Notes}
}

// aboutSmall is the content's version and review date as a handout prints them: in
// small print at the end.
func (r *resolver) aboutSmall() []doc.Block {
	var out []doc.Block
	for _, b := range r.about() {
		if p, ok := b.(doc.Paragraph); ok && len(p.Inlines) == 1 {
			out = append(out, doc.SmallPrint{Text: p.Inlines[0].Text})
		}
	}
	return out
}

// handoutFooter is the clinic's name and phone, the footer of every page of a handout;
// its address is in the header band of the first page.
func handoutFooter(c *content.Clinic) string {
	if c.Phone == "" {
		return c.Name
	}
	return c.Name + " · " + c.Phone
}

// besideCode sets the clinic's details beside the booking code, under its caption, when
// the layout lists them right before it: the code is taller than its caption, so they
// take no room of their own.
func besideCode(bs []doc.Block) []doc.Block {
	var out []doc.Block
	for i := 0; i < len(bs); i++ {
		if d, ok := bs[i].(doc.Details); ok && i+1 < len(bs) {
			if q, ok := bs[i+1].(doc.QR); ok {
				q.Details = append(q.Details, d.Items...)
				out = append(out, q)
				i++
				continue
			}
		}
		out = append(out, bs[i])
	}
	return out
}
