// Package resolve turns the loaded content, one patient and one layout into a document:
// it picks the blocks the layout lists, fills in the patient's details and computes real
// dates from the treatment date. The result knows nothing of pages.
package resolve

import (
	"fmt"
	"strings"
	"time"

	"github.com/careprint/careprint/internal/content"
	"github.com/careprint/careprint/internal/doc"
	"github.com/careprint/careprint/internal/geom"
	"github.com/careprint/careprint/internal/layout"
)

// Patient is who a handout is for. Its fields are health data: they reach the printed
// page and nothing else (never metadata, file names, logs or errors).
type Patient struct {
	Name          string
	TreatmentDate time.Time
	Clinician     string
	Conditions    []string
	Notes         string
}

// Request is one handout to make.
type Request struct {
	Treatment string // a treatment id; empty means the only treatment the conditions name
	Layout    string // a layout id, e.g. handout
	Paper     string // a4 or letter; empty means the layout's paper
	Patient   Patient
}

// UnknownError is a reference to something the project does not have.
type UnknownError struct {
	What  string // "condition", "layout", "treatment" or "paper"
	ID    string
	Known []string
}

func (e *UnknownError) Error() string {
	return fmt.Sprintf("unknown %s %q (valid: %s)", e.What, e.ID, strings.Join(e.Known, ", "))
}

// Handout resolves a personalised handout.
func Handout(p *content.Project, req Request) (*doc.Document, *layout.Style, error) {
	lay := p.Layouts[req.Layout]
	if lay == nil || lay.Kind != content.KindHandout {
		var known []string
		for _, id := range content.IDs(p.Layouts) {
			if p.Layouts[id].Kind == content.KindHandout {
				known = append(known, id)
			}
		}
		return nil, nil, &UnknownError{"layout", req.Layout, known}
	}
	st, err := Style(p, lay, req.Paper)
	if err != nil {
		return nil, nil, err
	}
	if len(req.Patient.Conditions) == 0 {
		return nil, nil, fmt.Errorf("no condition given: name at least one (valid: %s)", strings.Join(content.IDs(p.Conditions), ", "))
	}
	var conds []*content.Condition
	seen := map[string]bool{}
	for _, id := range req.Patient.Conditions {
		c := p.Conditions[id]
		if c == nil {
			return nil, nil, &UnknownError{"condition", id, content.IDs(p.Conditions)}
		}
		if !seen[id] {
			conds = append(conds, c)
			seen[id] = true
		}
	}
	tid := req.Treatment
	if tid == "" {
		tid = conds[0].Treatment
	}
	t := p.Treatments[tid]
	if t == nil {
		return nil, nil, &UnknownError{"treatment", tid, content.IDs(p.Treatments)}
	}
	if err := lay.Allows(t.ID); err != nil {
		return nil, nil, err
	}
	for _, c := range conds {
		if c.Treatment != t.ID {
			return nil, nil, fmt.Errorf("condition %q is treated with %s, not %s: print a separate handout for it", c.ID, c.Treatment, t.ID)
		}
	}
	if req.Patient.TreatmentDate.IsZero() {
		return nil, nil, fmt.Errorf("no treatment date given")
	}
	r := &resolver{p: p, t: t, conds: conds, pt: &req.Patient, clinic: p.Clinic}
	d := &doc.Document{
		Title:   fmt.Sprintf("%s aftercare – %s", t.Title, p.Clinic.Name),
		Subject: "Aftercare for " + joinTitles(conds),
		Lang:    "en",
		Author:  p.Clinic.Name,
		Header: doc.Header{
			Title:    p.Clinic.Name,
			Subtitle: fmt.Sprintf("Your %s aftercare", strings.ToLower(t.Title)),
			Lines:    headerLines(p.Clinic),
		},
		Footer: footer(p.Clinic),
	}
	for _, b := range lay.Blocks {
		d.Blocks = append(d.Blocks, r.block(b)...)
	}
	return d, st, nil
}

// Style turns a layout file, the clinic's colours and the paper into the engine's style.
func Style(p *content.Project, lay *content.Layout, paper string) (*layout.Style, error) {
	if paper == "" {
		paper = lay.Paper
	}
	pp, ok := geom.PaperNamed(paper)
	if !ok || pp.Name == "a5" {
		return nil, &UnknownError{"paper", paper, []string{"a4", "letter"}}
	}
	c := p.Clinic
	st := &layout.Style{
		PageWidth: pp.Width, PageHeight: pp.Height,
		MarginTop: lay.Margins.Top, MarginBottom: lay.Margins.Bottom,
		MarginLeft: lay.Margins.Left, MarginRight: lay.Margins.Right,
		Family: lay.Type.Font, HeadingFamily: lay.Type.HeadingFont,
		BodySize: lay.Type.Body, SmallSize: lay.Type.Small,
		H1Size: lay.Type.H1, H2Size: lay.Type.H2, TitleSize: lay.Type.Title,
		Leading:   int(lay.Type.Leading),
		ParaSpace: lay.Type.ParaSpace,
		Text:      lay.Colors.Text, Heading: c.Colors.Primary, Muted: lay.Colors.Muted,
		Band: c.Colors.Primary, BandText: geom.White, Rule: lay.Colors.Rule,
		CalloutBg: c.Colors.Light, TableHead: c.Colors.Light,
	}
	layoutLook(st, lay, c)
	return st, nil
}

// layoutLook applies what a layout says of its look over the clinic's: the heading and
// band-text colours, and the logo in a handout's header band.
func layoutLook(st *layout.Style, lay *content.Layout, c *content.Clinic) {
	if lay.Colors.Heading != nil {
		st.Heading = *lay.Colors.Heading
	}
	if lay.Colors.BandText != nil {
		st.BandText = *lay.Colors.BandText
	}
	if img := c.LogoImage; img != nil && lay.Kind == content.KindHandout && lay.Header.Logo != content.LogoNone && lay.Header.Logo != "" {
		st.Logo = &layout.Logo{
			Image:  doc.Image{Name: img.File, PNG: img.PNG, Width: img.Width, Height: img.Height},
			Right:  lay.Header.Logo == content.LogoRight,
			Height: lay.Header.LogoHeight,
		}
	}
}

type resolver struct {
	p      *content.Project
	t      *content.Treatment
	conds  []*content.Condition
	pt     *Patient
	clinic *content.Clinic
}

func (r *resolver) block(id string) []doc.Block {
	t := &r.t.Doc
	h := func(s string) doc.Block { return doc.Heading{Level: 1, Text: s} }
	switch id {
	case "patient":
		f := doc.Fields{Items: []doc.Field{
			{Label: "For", Value: r.pt.Name},
			{Label: "Treatment", Value: r.t.Title + " on " + longDate(r.pt.TreatmentDate)},
		}}
		if r.pt.Clinician != "" {
			f.Items = append(f.Items, doc.Field{Label: "Clinician", Value: r.pt.Clinician})
		}
		out := []doc.Block{f}
		if r.pt.Notes != "" {
			out = append(out, doc.Paragraph{Inlines: []doc.Inline{{Text: "Notes: ", Bold: true}, {Text: r.pt.Notes}}})
		}
		return out
	case "what_it_is":
		return section(h("What is "+lowerFirst(r.t.Title)+"?"), t.WhatItIs)
	case "how_it_helps":
		return section(h("How "+lowerFirst(r.t.Title)+" helps your skin"), t.HowItHelps)
	case "conditions":
		var out []doc.Block
		for _, c := range r.conds {
			out = append(out, r.condition(c)...)
		}
		return out
	case "during":
		var body []doc.Block
		if d := r.t.During; d.MinutesMax > 0 {
			body = append(body, doc.Text(fmt.Sprintf("A session takes about %s minutes.", span(d.MinutesMin, d.MinutesMax))))
		}
		return section(h("What happens during treatment"), append(body, t.During...))
	case "aftercare":
		return section(h("Your aftercare, day by day"), append([]doc.Block{r.aftercareTable()}, t.AftercareNote...))
	case "next_session":
		if p := r.nextSession(); p != nil {
			return []doc.Block{h("Your next session"), p}
		}
		return nil
	case "not_recommended":
		return section(h("When "+lowerFirst(r.t.Title)+" is not recommended"), t.NotRecommended)
	case "warning_signs":
		return []doc.Block{h("When to call us"), r.callUs()}
	case "closing":
		return section(h("Our advice"), t.Closing)
	case "cover":
		return []doc.Block{r.cover()}
	case "conditions_brief":
		return r.conditionsBrief()
	case "aftercare_brief":
		return r.aftercareBrief()
	case "contact":
		return r.contact()
	case "about":
		return r.about()
	case "booking":
		if r.clinic.BookingURL == "" {
			return nil
		}
		return []doc.Block{doc.QR{URL: r.clinic.BookingURL, Caption: r.bookingCaption()}}
	}
	return nil
}

func section(heading doc.Block, body []doc.Block) []doc.Block {
	if len(body) == 0 {
		return nil
	}
	return append([]doc.Block{heading}, body...)
}

func (r *resolver) condition(c *content.Condition) []doc.Block {
	out := []doc.Block{doc.Heading{Level: 1, Text: c.Title}}
	out = append(out, c.Doc.WhatItIs...)
	var items [][]doc.Block
	item := func(label string, rest []doc.Inline) {
		items = append(items, []doc.Block{doc.Paragraph{Inlines: append([]doc.Inline{{Text: label + " ", Bold: true}}, rest...)}})
	}
	if s := c.Sessions; s.Max > 0 {
		item("Sessions:", []doc.Inline{{Text: fmt.Sprintf("most people need %s sessions.", span(s.Min, s.Max))}})
	}
	if w := c.WeeksBetween; w.Max > 0 {
		item("Time between sessions:", []doc.Inline{{Text: fmt.Sprintf("%s weeks.", span(w.Min, w.Max))}})
	}
	for _, f := range []struct {
		label  string
		blocks []doc.Block
	}{{"When you will see results:", c.Doc.Results}, {"Works well with:", c.Doc.CombinesWith}, {"Take care:", c.Doc.Cautions}} {
		if len(f.blocks) == 0 {
			continue
		}
		if p, ok := f.blocks[0].(doc.Paragraph); ok {
			item(f.label, p.Inlines)
			items[len(items)-1] = append(items[len(items)-1], f.blocks[1:]...)
			continue
		}
		items = append(items, append([]doc.Block{doc.Paragraph{Inlines: []doc.Inline{{Text: f.label, Bold: true}}}}, f.blocks...))
	}
	if len(items) > 0 {
		out = append(out, doc.Heading{Level: 2, Text: "What to expect"}, doc.List{Items: items})
	}
	return out
}

func (r *resolver) aftercareTable() doc.Table {
	tb := doc.Table{
		Header: []doc.Cell{cell(doc.Text("When")), cell(doc.Text("What to expect")), cell(doc.Text("What to do")), cell(doc.Text("Avoid"))},
		Widths: []int{5, 6, 7, 6},
	}
	for i, ph := range r.t.Aftercare {
		pd := r.t.Doc.Phases[i]
		when := []doc.Block{doc.Paragraph{Inlines: []doc.Inline{{Text: dateRange(r.pt.TreatmentDate, ph.FromDay, ph.ToDay), Bold: true}}},
			doc.Text(dayRange(ph.FromDay, ph.ToDay))}
		var expect []doc.Block
		if len(pd.Expect) > 0 {
			expect = append(expect, doc.Paragraph{Inlines: pd.Expect})
		}
		var todo, avoid []doc.Block
		if len(pd.Do) > 0 {
			todo = append(todo, bullets(pd.Do))
		}
		if len(pd.Avoid) > 0 {
			avoid = append(avoid, bullets(pd.Avoid))
		}
		tb.Rows = append(tb.Rows, []doc.Cell{when, expect, todo, avoid})
	}
	return tb
}

func cell(b ...doc.Block) doc.Cell { return doc.Cell(b) }

func bullets(items [][]doc.Inline) doc.List {
	l := doc.List{}
	for _, in := range items {
		l.Items = append(l.Items, []doc.Block{doc.Paragraph{Inlines: in}})
	}
	return l
}

// nextSession is the window in which to book the next session: the overlap of the chosen
// conditions' intervals, or the latest start when they do not overlap.
func (r *resolver) nextSession() doc.Block {
	lo, hi := 0, 0
	for _, c := range r.conds {
		w := c.WeeksBetween
		if w.Max == 0 {
			continue
		}
		if lo == 0 || w.Min > lo {
			lo = w.Min
		}
		if hi == 0 || w.Max < hi {
			hi = w.Max
		}
	}
	if hi == 0 {
		return nil
	}
	if hi < lo {
		hi = lo
	}
	from := r.pt.TreatmentDate.AddDate(0, 0, 7*lo)
	to := r.pt.TreatmentDate.AddDate(0, 0, 7*hi)
	in := []doc.Inline{{Text: "Book your next session between "},
		{Text: shortDate(from) + " and " + shortDate(to), Bold: true},
		{Text: fmt.Sprintf(" (%s weeks after this one).", span(lo, hi))}}
	if r.clinic.Phone != "" {
		in = append(in, doc.Inline{Text: " Call us on " + r.clinic.Phone + " to book."})
	}
	return doc.Paragraph{Inlines: in}
}

func (r *resolver) callUs() doc.Block {
	c := doc.Callout{Title: "Call us if"}
	c.Blocks = append(c.Blocks, bullets(r.t.Doc.WarningSigns))
	in := []doc.Inline{{Text: "Call " + r.clinic.Phone, Bold: true}}
	if r.clinic.AfterHours != "" {
		in = append(in, doc.Inline{Text: ". After hours, call "}, doc.Inline{Text: r.clinic.AfterHours, Bold: true})
	}
	in = append(in, doc.Inline{Text: ". In an emergency, call your local emergency number."})
	c.Blocks = append(c.Blocks, doc.Paragraph{Inlines: in})
	return c
}

func (r *resolver) bookingCaption() string {
	s := "Scan to book your next visit"
	if r.clinic.Website != "" {
		s += ", visit " + strings.TrimPrefix(strings.TrimPrefix(r.clinic.Website, "https://"), "http://")
	}
	if r.clinic.Phone != "" {
		s += " or call " + r.clinic.Phone
	}
	return s + "."
}

func headerLines(c *content.Clinic) []string {
	var out []string
	if c.Phone != "" {
		out = append(out, "Phone "+c.Phone)
	}
	if c.AfterHours != "" {
		out = append(out, "After hours "+c.AfterHours)
	}
	if c.Website != "" {
		out = append(out, strings.TrimPrefix(strings.TrimPrefix(c.Website, "https://"), "http://"))
	}
	return out
}

func footer(c *content.Clinic) string {
	parts := []string{c.Name}
	if c.Phone != "" {
		parts = append(parts, c.Phone)
	}
	if len(c.Address) > 0 {
		parts = append(parts, strings.Join(c.Address, ", "))
	}
	return strings.Join(parts, " · ")
}

func joinTitles(cs []*content.Condition) string {
	t := make([]string, len(cs))
	for i, c := range cs {
		t[i] = strings.ToLower(c.Title)
	}
	return strings.Join(t, ", ")
}

func lowerFirst(s string) string {
	if s == "" {
		return s
	}
	return strings.ToLower(s[:1]) + s[1:]
}

func span(lo, hi int) string {
	if lo == hi || lo == 0 {
		return fmt.Sprint(hi)
	}
	return fmt.Sprintf("%d to %d", lo, hi)
}

func shortDate(t time.Time) string { return t.Format("Mon 2 Jan") }
func longDate(t time.Time) string  { return t.Format("Monday 2 January 2006") }

func dateRange(start time.Time, from, to int) string {
	a := start.AddDate(0, 0, from)
	if from == to {
		return shortDate(a)
	}
	return shortDate(a) + " – " + shortDate(start.AddDate(0, 0, to))
}

func dayRange(from, to int) string {
	switch {
	case from == 0 && to == 0:
		return "The day of treatment"
	case from == to:
		return fmt.Sprintf("Day %d", from)
	case from == 0:
		return fmt.Sprintf("Day of treatment to day %d", to)
	}
	return fmt.Sprintf("Days %d to %d", from, to)
}
