package resolve

import (
	"fmt"
	"sort"
	"strings"

	"github.com/careprint/careprint/internal/content"
	"github.com/careprint/careprint/internal/doc"
	"github.com/careprint/careprint/internal/geom"
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
}

// personal blocks need a patient; a brochure is for everyone.
var personal = map[string]string{
	"patient": "", "conditions": "conditions_brief", "aftercare": "aftercare_brief", "next_session": "booking",
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
	t := p.Treatments[req.Treatment]
	if t == nil {
		return nil, nil, sh, &UnknownError{"treatment", req.Treatment, content.IDs(p.Treatments)}
	}
	if err := lay.Allows(t.ID); err != nil {
		return nil, nil, sh, err
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
		if c := p.Conditions[id]; c.Treatment == t.ID {
			conds = append(conds, c)
		}
	}
	sort.SliceStable(conds, func(i, j int) bool { return conds[i].Title < conds[j].Title })
	r := &resolver{p: p, t: t, conds: conds, clinic: p.Clinic}
	d := &doc.Document{
		Title:   fmt.Sprintf("%s – %s", t.Title, p.Clinic.Name),
		Subject: "About " + strings.ToLower(t.Title) + ": " + joinTitles(conds),
		Lang:    "en",
		Author:  p.Clinic.Name,
		Footer:  footer(p.Clinic),
	}
	for _, f := range lay.Flows {
		fl := doc.Flow{Panels: f.Panels}
		for _, id := range f.Blocks {
			if _, ok := personal[id]; ok {
				return nil, nil, sh, fmt.Errorf("%s: block %q is personal: it belongs in a handout, not a brochure", lay.File, id)
			}
			fl.Parts = append(fl.Parts, doc.Part{Name: id, Blocks: r.block(id)})
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
func DefaultBleed(p geom.Paper) geom.Length {
	if p.Name == "letter" {
		return geom.Inch / 8
	}
	return 3 * geom.Millimetre
}

func (r *resolver) cover() doc.Block {
	c := doc.Cover{Clinic: r.clinic.Name, Tagline: r.clinic.Tagline, Title: r.t.Title, Promise: r.t.Doc.Promise}
	if r.t.AlsoCalled != "" {
		c.Also = "Also called " + r.t.AlsoCalled
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
		c.Logo = &doc.Image{Name: img.File, PNG: img.PNG, Width: img.Width, Height: img.Height}
	}
	return c
}

// conditionsBrief is every condition the treatment helps, a few lines each: its summary
// and how many sessions, how far apart. When every condition needs the same, that is said
// once, before them.
func (r *resolver) conditionsBrief() []doc.Block {
	out := []doc.Block{doc.Heading{Level: 1, Text: "What it can help with"}}
	need := func(c *content.Condition) string {
		var parts []string
		if s := c.Sessions; s.Max > 0 {
			parts = append(parts, span(s.Min, s.Max)+" sessions")
		}
		if w := c.WeeksBetween; w.Max > 0 {
			parts = append(parts, span(w.Min, w.Max)+" weeks apart")
		}
		return strings.Join(parts, ", ")
	}
	shared := ""
	for i, c := range r.conds {
		if i == 0 {
			shared = need(c)
		} else if need(c) != shared {
			shared = ""
			break
		}
	}
	if shared != "" {
		out = append(out, doc.Paragraph{Inlines: []doc.Inline{{Text: "Most people need " + shared + ".", Bold: true}}})
	}
	for _, c := range r.conds {
		out = append(out, doc.Heading{Level: 2, Text: c.Title})
		body := c.Doc.Summary
		if len(body) == 0 {
			body = c.Doc.WhatItIs
		}
		out = append(out, body...)
		if n := need(c); shared == "" && n != "" {
			out = append(out, doc.Paragraph{Inlines: []doc.Inline{{Text: "Most people need: ", Bold: true}, {Text: n + "."}}})
		}
	}
	return out
}

// aftercareBrief is the aftercare table without dates, as a list by days.
func (r *resolver) aftercareBrief() []doc.Block {
	var items [][]doc.Block
	for i, ph := range r.t.Aftercare {
		pd := r.t.Doc.Phases[i]
		in := []doc.Inline{{Text: dayRange(ph.FromDay, ph.ToDay) + ": ", Bold: true}}
		in = append(in, pd.Expect...)
		item := []doc.Block{doc.Paragraph{Inlines: in}}
		if len(pd.Do) > 0 {
			item = append(item, labelled("Do: ", pd.Do))
		}
		if len(pd.Avoid) > 0 {
			item = append(item, labelled("Avoid: ", pd.Avoid))
		}
		items = append(items, item)
	}
	out := []doc.Block{doc.Heading{Level: 1, Text: "Aftercare"}}
	if len(items) > 0 {
		out = append(out, doc.List{Items: items})
	}
	return append(out, r.t.Doc.AftercareNote...)
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
	out := []doc.Block{doc.Heading{Level: 1, Text: "Contact us"}, doc.Paragraph{Inlines: []doc.Inline{{Text: c.Name, Bold: true}}}}
	if len(c.Address) > 0 {
		out = append(out, doc.Text(strings.Join(c.Address, ", ")))
	}
	var lines []doc.Block
	add := func(label, v string) {
		if v != "" {
			lines = append(lines, doc.Paragraph{Inlines: []doc.Inline{{Text: label + " ", Bold: true}, {Text: v}}})
		}
	}
	add("Phone", c.Phone)
	add("After hours", c.AfterHours)
	add("Email", c.Email)
	add("Web", strings.TrimPrefix(strings.TrimPrefix(c.Website, "https://"), "http://"))
	add("Open", c.Hours)
	return append(out, lines...)
}

// about is the content's version and review date, which a clinic must keep current.
func (r *resolver) about() []doc.Block {
	rv := r.t.Review
	var parts []string
	if rv.Version != "" {
		parts = append(parts, "Content version "+rv.Version)
	}
	if !rv.ReviewDue.IsZero() {
		parts = append(parts, "review due "+rv.ReviewDue.Format("2 January 2006"))
	}
	if len(parts) == 0 {
		return nil
	}
	return []doc.Block{doc.Paragraph{Inlines: []doc.Inline{{Text: strings.Join(parts, ", ") + "."}}}}
}
