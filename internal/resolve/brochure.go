package resolve

import (
	"fmt"
	"sort"
	"strings"

	"github.com/careprint/careprint/internal/content"
	"github.com/careprint/careprint/internal/doc"
	"github.com/careprint/careprint/internal/geom"
	"github.com/careprint/careprint/internal/i18n"
	"github.com/careprint/careprint/internal/layout"
)

// BrochureRequest is one brochure to make.
type BrochureRequest struct {
	Treatment string
	Layout    string // a trifold or booklet layout, e.g. trifold
	Paper     string // a4 or letter; empty means the layout's paper
	Bleed     bool
	Marks     bool
	Imposed   bool
	// Language is a BCP 47 tag, e.g. "es"; empty means the clinic's language.
	Language string
}

// Brochure resolves a treatment's brochure: every condition it treats, in brief, in the
// layout's flows. It returns the document, the style and how the sheet is printed.
func Brochure(p *content.Project, req BrochureRequest) (*doc.Document, *layout.Style, layout.Sheet, error) {
	var sh layout.Sheet
	lay := p.Layouts[req.Layout]
	if lay == nil || lay.Kind == content.KindHandout {
		var known []string
		for _, id := range content.IDs(p.Layouts) {
			if p.Layouts[id].Kind != content.KindHandout {
				known = append(known, id)
			}
		}
		return nil, nil, sh, &UnknownError{"brochure layout", req.Layout, known}
	}
	t, err := Treatment(p, req.Treatment)
	if err != nil {
		return nil, nil, sh, err
	}
	if err := lay.Allows(t.ID); err != nil {
		return nil, nil, sh, err
	}
	w, err := Words(p, req.Language)
	if err != nil {
		return nil, nil, sh, err
	}
	if w.Lang != i18n.Reference {
		var ids []string
		for _, id := range content.IDs(p.Conditions) {
			if p.Conditions[id].Covers(t.ID) {
				ids = append(ids, id)
			}
		}
		if p, err = p.In(w.Lang, t.ID, ids); err != nil {
			return nil, nil, sh, err
		}
		t = p.Treatments[t.ID]
	}
	paper := req.Paper
	if paper == "" {
		paper = lay.Paper
	}
	st, err := Style(p, lay, paper)
	if err != nil {
		return nil, nil, sh, err
	}
	pp, _ := geom.PaperNamed(paper)
	sh = layout.Sheet{Kind: lay.Kind, Paper: pp, Marks: req.Marks, Imposed: req.Imposed}
	sh.Allowance = lay.Fold.Allowance[pp.Name]
	if _, set := lay.Fold.Allowance[pp.Name]; !set {
		sh.Allowance = DefaultAllowance(pp)
	}
	if req.Bleed {
		sh.Bleed = DefaultBleed(pp)
	}
	var conds []*content.Condition
	for _, id := range content.IDs(p.Conditions) {
		if c := p.Conditions[id]; c.Covers(t.ID) {
			conds = append(conds, c)
		}
	}
	sort.SliceStable(conds, func(i, j int) bool { return conds[i].Title < conds[j].Title })
	r := &resolver{p: p, t: t, lay: lay, conds: conds, clinic: p.Clinic, f: content.FieldsOf(p.Clinic, t, nil), brochure: true, w: w}
	titles := make([]string, len(conds))
	for i, c := range conds {
		titles[i] = c.Title
	}
	d := &doc.Document{
		Title:     fmt.Sprintf("%s – %s", t.Title, p.Clinic.Name),
		Subject:   t.Title + ": " + strings.Join(titles, ", "),
		Lang:      w.Locale,
		Author:    p.Clinic.Name,
		Footer:    footer(p.Clinic),
		PageLabel: w.PageLabel(),
	}
	for _, f := range lay.Flows {
		fl := doc.Flow{Panels: f.Panels}
		for _, id := range f.Blocks {
			if id == "patient" {
				return nil, nil, sh, fmt.Errorf("%s: block %q is personal: it belongs in a handout, not a brochure", lay.File, id)
			}
			bs, err := r.block(id)
			if err != nil {
				return nil, nil, sh, err
			}
			fl.Parts = append(fl.Parts, doc.Part{Name: id, Blocks: bs})
		}
		d.Flows = append(d.Flows, fl)
	}
	return d, st, sh, nil
}

// DefaultAllowance is how much narrower a tri-fold's folds-in panel is: 1/16 in on Letter
// (3.6875 / 3.6875 / 3.625 in) and 3 mm on A4 (100 / 100 / 97 mm).
func DefaultAllowance(p geom.Paper) geom.Length {
	if p.Name == "letter" {
		return geom.Inch / 16
	}
	return 3 * geom.Millimetre
}

// DefaultBleed is 0.125 in on Letter and 3 mm on A4 (DOMAIN.md c2).
func DefaultBleed(p geom.Paper) geom.Length { return layout.DefaultBleed(p) }

func (r *resolver) cover() (doc.Block, error) {
	promise, err := r.t.PromiseText.Inlines(r.f)
	if err != nil {
		return nil, err
	}
	c := doc.Cover{Clinic: r.clinic.Name, Tagline: r.clinic.Tagline, Title: r.t.Title, Promise: promise}
	if r.t.AlsoCalled != "" {
		c.Also = r.w.T("AlsoCalled", i18n.Data{"Name": r.t.AlsoCalled})
	}
	var contact []string
	if r.clinic.Phone != "" {
		contact = append(contact, r.clinic.Phone)
	}
	if w := r.clinic.Website; w != "" {
		contact = append(contact, strings.TrimPrefix(strings.TrimPrefix(w, "https://"), "http://"))
	}
	c.Contact = contact
	if img := r.clinic.LogoImage; img != nil {
		c.Logo = &doc.Image{Name: img.File, PNG: img.PNG, Width: img.Width, Height: img.Height, Alt: r.clinic.LogoAlt}
	}
	return c, nil
}

// conditionsBrief is every condition the treatment helps, a few lines each: its summary
// and its follow-up visits without dates. When every condition has the same visits, they
// are said once, before them.
func (r *resolver) conditionsBrief(level int) ([]doc.Block, error) {
	var out []doc.Block
	plan := r.t.Plan()
	visits := func(c *content.Condition) ([]doc.Block, string, error) {
		if plan == nil {
			return nil, "", nil
		}
		var bs []doc.Block
		var key []string
		for _, pv := range plan.Visits {
			v, _ := c.VisitFor(r.t.ID, pv)
			label, err := pv.LabelText.String(r.f)
			if err != nil {
				return nil, "", err
			}
			bs = append(bs, doc.Paragraph{Inlines: r.visitBrief(label, v)})
			key = append(key, fmt.Sprint(v.From, v.To, v.Unit, v.Sessions))
		}
		return bs, strings.Join(key, ";"), nil
	}
	shared := ""
	var sharedBlocks []doc.Block
	for i, c := range r.conds {
		bs, key, err := visits(c)
		if err != nil {
			return nil, err
		}
		if i == 0 {
			shared, sharedBlocks = key, bs
		} else if key != shared {
			shared, sharedBlocks = "", nil
			break
		}
	}
	for _, b := range sharedBlocks {
		out = append(out, boldParagraph(b))
	}
	for _, c := range r.conds {
		out = append(out, doc.Heading{Level: level, Text: c.Title})
		part := c.For(r.t.ID)
		body := part.SummaryC
		if body == nil {
			body = part.TextC
		}
		bs, err := body.Blocks(r.f)
		if err != nil {
			return nil, err
		}
		out = append(out, bs...)
		if shared == "" {
			vs, _, err := visits(c)
			if err != nil {
				return nil, err
			}
			out = append(out, vs...)
		}
	}
	return out, nil
}

func boldParagraph(b doc.Block) doc.Block {
	p, ok := b.(doc.Paragraph)
	if !ok {
		return b
	}
	in := make([]doc.Inline, len(p.Inlines))
	for i, x := range p.Inlines {
		x.Bold = true
		in[i] = x
	}
	return doc.Paragraph{Inlines: in}
}

// aftercareBrief is the aftercare table without dates, as a list of phases.
func (r *resolver) aftercareBrief(s *content.Section) ([]doc.Block, error) {
	var items [][]doc.Block
	for i, ph := range s.Phases {
		pt := s.C.Phases[i]
		expect, err := pt.Expect.Inlines(r.f)
		if err != nil {
			return nil, err
		}
		in := append([]doc.Inline{{Text: phaseLabel(r.w, ph) + ": ", Bold: true}}, expect...)
		item := []doc.Block{doc.Paragraph{Inlines: in}}
		do, err := r.inlines(pt.Do)
		if err != nil {
			return nil, err
		}
		avoid, err := r.inlines(pt.Avoid)
		if err != nil {
			return nil, err
		}
		if len(do) > 0 {
			item = append(item, labelled(r.w.T("BriefDo", nil)+" ", do))
		}
		if len(avoid) > 0 {
			item = append(item, labelled(r.w.T("BriefAvoid", nil)+" ", avoid))
		}
		items = append(items, item)
	}
	if len(items) == 0 {
		return nil, nil
	}
	return []doc.Block{doc.List{Items: items}}, nil
}

// labelled joins short phrases after a bold label: "Do: wash gently. Keep your hands off."
func labelled(label string, phrases [][]doc.Inline) doc.Paragraph {
	in := []doc.Inline{{Text: label, Bold: true}}
	for i, p := range phrases {
		if i > 0 {
			in = append(in, doc.Inline{Text: " "})
		}
		in = append(in, p...)
	}
	return doc.Paragraph{Inlines: in}
}

// contact is the clinic's address, phones, opening hours and web address.
func (r *resolver) contact() []doc.Block {
	c := r.clinic
	out := []doc.Block{doc.Heading{Level: 1, Text: r.w.T("ContactUs", nil)}, doc.Paragraph{Inlines: []doc.Inline{{Text: c.Name, Bold: true}}}}
	if len(c.Address) > 0 {
		out = append(out, doc.Text(strings.Join(c.Address, ", ")))
	}
	var lines []doc.Block
	add := func(label, v string) {
		if v != "" {
			lines = append(lines, doc.Paragraph{Inlines: []doc.Inline{{Text: label + " ", Bold: true}, {Text: v}}})
		}
	}
	add(r.w.T("ContactPhone", nil), c.Phone)
	add(r.w.T("ContactAfterHours", nil), c.AfterHours)
	add(r.w.T("ContactEmail", nil), c.Email)
	add(r.w.T("ContactWeb", nil), strings.TrimPrefix(strings.TrimPrefix(c.Website, "https://"), "http://"))
	add(r.w.T("ContactOpen", nil), c.Hours)
	return append(out, lines...)
}

// about is the content's version and review date, which a clinic must keep current.
func (r *resolver) about() []doc.Block {
	rv := r.t.Review
	var parts []string
	if rv.Version != "" {
		parts = append(parts, r.w.T("ContentVersion", i18n.Data{"Version": rv.Version}))
	}
	if !rv.ReviewDue.IsZero() {
		parts = append(parts, r.w.T("ReviewDue", i18n.Data{"Date": r.w.Medium(rv.ReviewDue.Time)}))
	}
	if len(parts) == 0 {
		return nil
	}
	return []doc.Block{doc.Paragraph{Inlines: []doc.Inline{{Text: strings.Join(parts, ", ") + "."}}}}
}
