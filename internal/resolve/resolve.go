// Package resolve turns the loaded content, one patient and one layout into a document:
// it picks the blocks the layout lists, fills in the patient's details and computes real
// dates from the treatment date. The result knows nothing of pages.
package resolve

import (
	"fmt"
	"slices"
	"strings"
	"time"

	careprint "github.com/careprint/careprint"
	"github.com/careprint/careprint/internal/content"
	"github.com/careprint/careprint/internal/doc"
	"github.com/careprint/careprint/internal/geom"
	"github.com/careprint/careprint/internal/i18n"
	"github.com/careprint/careprint/internal/layout"
	"github.com/careprint/careprint/internal/rtl"
)

// Patient is who a handout is for. Its fields are health data: they reach the printed
// page and nothing else (never metadata, file names, logs or errors).
type Patient struct {
	Name string
	// TreatmentDate is the day of the treatment, and its time of day when HasTime.
	TreatmentDate time.Time
	HasTime       bool
	Clinician     string
	Conditions    []string
	Notes         string
}

// Request is one handout to make.
type Request struct {
	Treatment string // a treatment id; empty means the project's only treatment
	Layout    string // a layout id, e.g. handout
	Paper     string // a4 or letter; empty means the layout's paper
	// Language is a BCP 47 tag, e.g. "es-MX"; empty means the clinic's language.
	Language string
	Patient  Patient
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

// Treatment picks the treatment of a request: the id given, or the project's only one.
// Errors are an *UnknownError or a *content.NoTreatmentError.
func Treatment(p *content.Project, id string) (*content.Treatment, error) {
	t, err := p.Treatment(id)
	if err != nil {
		return nil, err
	}
	if t == nil {
		return nil, &UnknownError{"treatment", id, content.IDs(p.Treatments)}
	}
	return t, nil
}

// Handout resolves a personalised handout.
func Handout(p *content.Project, req Request) (*doc.Document, *layout.Style, error) {
	w, err := Words(p, req.Language)
	if err != nil {
		return nil, nil, err
	}
	if w.Lang != i18n.Reference {
		if t, err := Treatment(p, req.Treatment); err == nil {
			if p, err = p.In(w.Lang, t.ID, req.Patient.Conditions); err != nil {
				return nil, nil, err
			}
			req.Treatment = t.ID
		}
	}
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
	t, err := Treatment(p, req.Treatment)
	if err != nil {
		return nil, nil, err
	}
	if err := p.Covers(t.ID, req.Patient.Conditions); err != nil {
		return nil, nil, err
	}
	if err := lay.Allows(t.ID); err != nil {
		return nil, nil, err
	}
	pt := &req.Patient
	if pt.TreatmentDate.IsZero() {
		return nil, nil, fmt.Errorf("no treatment date given")
	}
	first := strings.Fields(pt.Name)
	pf := &content.PatientFields{Name: pt.Name, Clinician: pt.Clinician, Date: w.Long(pt.TreatmentDate)}
	if len(first) > 0 {
		pf.FirstName = first[0]
	}
	r := &resolver{p: p, t: t, lay: lay, conds: conds, pt: pt, clinic: p.Clinic, f: content.FieldsOf(p.Clinic, t, pf), w: w}
	subtitle := t.Subtitle
	if subtitle == "" {
		subtitle = t.Title
	}
	titles := make([]string, len(conds))
	for i, c := range conds {
		titles[i] = c.Title
	}
	d := &doc.Document{
		Title:   w.T("DocTitle", i18n.Data{"Treatment": t.Title, "Clinic": p.Clinic.Name}),
		Subject: w.T("DocSubject", i18n.Data{"Conditions": strings.Join(titles, ", ")}),
		Lang:    w.Locale,
		Author:  p.Clinic.Name,
		Header: doc.Header{
			Title:    p.Clinic.Name,
			Subtitle: subtitle,
			Lines:    headerLines(w, p.Clinic),
			Address:  p.Clinic.Address,
		},
		Footer:    handoutFooter(p.Clinic),
		PageLabel: w.PageLabel(),
	}
	if lay.RunningPatient() {
		d.Running = rtl.Isolate(initials(pt.Name)) + " · " + w.Short(pt.TreatmentDate, true)
	}
	for _, b := range lay.Blocks {
		bs, err := r.block(b)
		if err != nil {
			return nil, nil, err
		}
		d.Blocks = append(d.Blocks, bs...)
	}
	d.Blocks = besideCode(d.Blocks)
	d.Warnings = r.warnings
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
	if lay.LargePrint {
		// Large print sets nothing smaller than its body: the header's contact lines, the
		// footer and its page numbers, captions (DOMAIN.md b7: page numbers as large as
		// the text).
		st.SmallSize = max(st.SmallSize, st.BodySize)
		st.NoColumns = true
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
			Image:  doc.Image{Name: img.File, PNG: img.PNG, Width: img.Width, Height: img.Height, Alt: c.LogoAlt},
			Right:  lay.Header.Logo == content.LogoRight,
			Height: lay.Header.LogoHeight,
		}
	}
}

type resolver struct {
	p        *content.Project
	t        *content.Treatment
	lay      *content.Layout
	conds    []*content.Condition
	pt       *Patient // nil for a brochure
	clinic   *content.Clinic
	f        *content.Fields
	brochure bool
	warnings []string
	w        *i18n.Words
}

// Words picks the words and dates of a document in the language asked for (a BCP 47
// tag; empty for the clinic's). The error is an *i18n.UnsupportedError.
func Words(p *content.Project, lang string) (*i18n.Words, error) {
	cat := p.Messages
	if cat == nil || len(cat.Languages()) == 0 {
		// A project loaded without the built-in defaults (tests): careprint's own words.
		cat, _ = i18n.Load(careprint.Defaults, nil)
	}
	locale := ""
	if p.Clinic != nil {
		locale = p.Clinic.Locale
	}
	l, loc, err := cat.Match(lang, locale)
	if err != nil {
		return nil, err
	}
	return cat.Words(l, loc), nil
}

func (r *resolver) block(id string) ([]doc.Block, error) {
	switch id {
	case "patient":
		w := r.w
		when := w.T("TreatmentOn", i18n.Data{"Treatment": r.t.Title, "Date": w.Long(r.pt.TreatmentDate)})
		if r.pt.HasTime {
			when = w.T("TreatmentOnAt", i18n.Data{"Treatment": r.t.Title, "Date": w.Long(r.pt.TreatmentDate), "Time": w.Time(r.pt.TreatmentDate)})
		}
		f := doc.Fields{Items: []doc.Field{{Label: w.T("For", nil), Value: r.pt.Name}, {Label: w.T("Treatment", nil), Value: when}}}
		if r.pt.Clinician != "" {
			f.Items = append(f.Items, doc.Field{Label: w.T("Clinician", nil), Value: r.pt.Clinician})
		}
		out := []doc.Block{f}
		if r.pt.Notes != "" {
			out = append(out, r.note())
		}
		return out, nil
	case "cover":
		c, err := r.cover()
		return []doc.Block{c}, err
	case "contact":
		return r.contact(), nil
	case "about":
		if !r.brochure {
			return r.aboutSmall(), nil
		}
		return r.about(), nil
	case "language_help":
		return r.languageHelp(), nil
	case "clinic":
		return r.clinicInfo(), nil
	case "signoff":
		return []doc.Block{r.signoff()}, nil
	case "notes_box":
		return []doc.Block{r.notesBox()}, nil
	case "booking":
		if r.clinic.BookingURL == "" {
			return nil, nil
		}
		return []doc.Block{doc.QR{URL: r.clinic.BookingURL, Caption: r.bookingCaption()}}, nil
	}
	var out []doc.Block
	for _, s := range Placed(r.lay, r.t, id, r.brochure) {
		bs, err := r.section(s, 1)
		if err != nil {
			return nil, err
		}
		out = append(out, bs...)
	}
	return out, nil
}

// Placed returns the sections of the treatment that a layout block prints: the section of
// that id, the sections of a "kind:x", or for "sections" every section that no other block
// of the layout names by id or kind. Sections the layout omits, or that do not print on
// this kind of material, are left out.
func Placed(lay *content.Layout, t *content.Treatment, block string, brochure bool) []*content.Section {
	named := map[string]bool{}
	kinds := map[string]bool{}
	note := func(b string) {
		if k, ok := strings.CutPrefix(b, "kind:"); ok {
			kinds[k] = true
		} else {
			named[b] = true
		}
	}
	for _, b := range lay.Blocks {
		note(b)
	}
	for _, f := range lay.Flows {
		for _, b := range f.Blocks {
			note(b)
		}
	}
	var out []*content.Section
	for i := range t.Sections {
		s := &t.Sections[i]
		if slices.Contains(lay.Omit, s.ID) || (brochure && !s.OnBrochure()) || (!brochure && !s.OnHandout()) {
			continue
		}
		var ok bool
		switch {
		case block == "sections":
			ok = !named[s.ID] && !kinds[s.Kind]
		case strings.HasPrefix(block, "kind:"):
			ok = "kind:"+s.Kind == block && !named[s.ID]
		default:
			ok = s.ID == block
		}
		if ok {
			out = append(out, s)
		}
	}
	return out
}

// section resolves one section, its heading at the given level.
func (r *resolver) section(s *content.Section, level int) ([]doc.Block, error) {
	c := &s.C
	headT, textT := c.Heading, c.Text
	if r.brochure && c.BrochureHeading != nil {
		headT = c.BrochureHeading
	}
	if r.brochure && c.BrochureText != nil {
		textT = c.BrochureText
	}
	heading, err := headT.String(r.f)
	if err != nil {
		return nil, err
	}
	text, err := textT.Blocks(r.f)
	if err != nil {
		return nil, err
	}
	var out []doc.Block
	if heading != "" && s.Kind != content.SectionWarning {
		out = append(out, doc.Heading{Level: level, Text: heading})
	}
	switch s.Kind {
	case content.SectionText:
		out = append(out, text...)
	case content.SectionList, content.SectionChecklist:
		out = append(out, text...)
		l := doc.List{Check: s.Kind == content.SectionChecklist}
		for _, it := range c.Items {
			bs, err := it.Blocks(r.f)
			if err != nil {
				return nil, err
			}
			l.Items = append(l.Items, bs)
		}
		out = append(out, l)
	case content.SectionWarning:
		out = append(out, doc.Callout{Title: heading, Tone: s.Tone, Blocks: text})
	case content.SectionAftercare:
		if r.brochure {
			bs, err := r.aftercareBrief(s)
			if err != nil {
				return nil, err
			}
			out = append(out, bs...)
		} else {
			tb, err := r.aftercareTable(s)
			if err != nil {
				return nil, err
			}
			out = append(out, tb)
		}
		out = append(out, text...)
	case content.SectionFollowup:
		bs, err := r.followup(s)
		if err != nil {
			return nil, err
		}
		out = append(out, bs...)
		out = append(out, text...)
	case content.SectionConditions:
		out = append(out, text...)
		sub := level
		if heading != "" {
			sub = level + 1
		}
		if r.brochure {
			bs, err := r.conditionsBrief(sub)
			if err != nil {
				return nil, err
			}
			out = append(out, bs...)
			break
		}
		for _, cd := range r.conds {
			bs, err := r.condition(cd, sub)
			if err != nil {
				return nil, err
			}
			out = append(out, bs...)
		}
	}
	if len(out) == 1 {
		if _, ok := out[0].(doc.Heading); ok {
			return nil, nil // a heading over nothing
		}
	}
	return out, nil
}

// condition is a condition's part of a handout: its title, text and sections.
func (r *resolver) condition(c *content.Condition, level int) ([]doc.Block, error) {
	part := c.For(r.t.ID)
	out := []doc.Block{doc.Heading{Level: level, Text: c.Title}}
	text, err := part.TextC.Blocks(r.f)
	if err != nil {
		return nil, err
	}
	out = append(out, text...)
	for i := range part.Sections {
		bs, err := r.section(&part.Sections[i], level+1)
		if err != nil {
			return nil, err
		}
		out = append(out, bs...)
	}
	return out, nil
}

func (r *resolver) aftercareTable(s *content.Section) (doc.Table, error) {
	tb := doc.Table{
		Header: []doc.Cell{cell(doc.Text(r.w.T("TableWhen", nil))), cell(doc.Text(r.w.T("TableExpect", nil))), cell(doc.Text(r.w.T("TableDo", nil))), cell(doc.Text(r.w.T("TableAvoid", nil)))},
		Widths: []int{5, 6, 7, 6},
	}
	for i, ph := range s.Phases {
		pt := s.C.Phases[i]
		when := []doc.Block{doc.Paragraph{Inlines: []doc.Inline{{Text: phaseDates(r.w, r.pt, ph), Bold: true}}},
			doc.Text(phaseLabel(r.w, ph))}
		var expect, todo, avoid []doc.Block
		in, err := pt.Expect.Inlines(r.f)
		if err != nil {
			return tb, err
		}
		if len(in) > 0 {
			expect = append(expect, doc.Paragraph{Inlines: in})
		}
		do, err := r.inlines(pt.Do)
		if err != nil {
			return tb, err
		}
		av, err := r.inlines(pt.Avoid)
		if err != nil {
			return tb, err
		}
		if len(do) > 0 {
			todo = append(todo, bullets(do))
		}
		if len(av) > 0 {
			avoid = append(avoid, bullets(av))
		}
		tb.Rows = append(tb.Rows, []doc.Cell{when, expect, todo, avoid})
	}
	return tb, nil
}

func (r *resolver) inlines(ts []*content.Text) ([][]doc.Inline, error) {
	var out [][]doc.Inline
	for _, t := range ts {
		in, err := t.Inlines(r.f)
		if err != nil {
			return nil, err
		}
		out = append(out, in)
	}
	return out, nil
}

func cell(b ...doc.Block) doc.Cell { return doc.Cell(b) }

func bullets(items [][]doc.Inline) doc.List {
	l := doc.List{}
	for _, in := range items {
		l.Items = append(l.Items, []doc.Block{doc.Paragraph{Inlines: in}})
	}
	return l
}

func (r *resolver) bookingCaption() string {
	web := strings.TrimPrefix(strings.TrimPrefix(r.clinic.Website, "https://"), "http://")
	d := i18n.Data{"Web": web, "Phone": r.clinic.Phone}
	switch {
	case web != "" && r.clinic.Phone != "":
		return r.w.T("QRCaptionWebPhone", d)
	case web != "":
		return r.w.T("QRCaptionWeb", d)
	case r.clinic.Phone != "":
		return r.w.T("QRCaptionPhone", d)
	}
	return r.w.T("QRCaption", d)
}

func headerLines(w *i18n.Words, c *content.Clinic) []string {
	var out []string
	if c.Phone != "" {
		out = append(out, w.T("HeaderPhone", i18n.Data{"Phone": c.Phone}))
	}
	if c.AfterHours != "" {
		out = append(out, w.T("HeaderAfterHours", i18n.Data{"Phone": c.AfterHours}))
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

// initials shortens a name to its first word and the initial of its last: "Zoë
// Łukasiewicz-Ñúñez" is "Zoë Ł.", enough to match a loose sheet to its patient without
// printing the whole name again.
func initials(name string) string {
	f := strings.Fields(name)
	if len(f) < 2 {
		return name
	}
	last := []rune(f[len(f)-1])
	return f[0] + " " + string(last[0]) + "."
}
