package content

import (
	"fmt"
	"slices"
	"strings"
	"time"

	"github.com/careprint/careprint/internal/diag"
)

// reserved are names a section id cannot take: a layout lists section ids among its own
// blocks.
func reservedID(id string) bool {
	return slices.Contains(BlockIDs, id) || strings.HasPrefix(id, "kind:")
}

func (l *loader) loadTreatment(name string) {
	t := &Treatment{ID: idOf(name), File: name}
	f, ok := l.decode(name, t)
	// Registered even when broken, so that conditions naming it report nothing more.
	l.p.Treatments[t.ID] = t
	if !ok {
		return
	}
	t.Where = f.at
	f.require("title", t.Title)
	f.plain("title", t.Title)
	f.plain("also_called", t.AlsoCalled)
	f.plain("subtitle", t.Subtitle)
	t.PromiseText = f.inlineText("promise", t.Promise, t, textOpts{brochure: true})
	if len(t.Sections) == 0 {
		f.errorf("section", "no sections: add [[section]] tables with id, heading and text, in the order they print")
	}
	f.sections("section", t.Sections, t, true)
	count := map[string]int{}
	for _, s := range t.Sections {
		count[s.Kind]++
	}
	switch {
	case len(t.Sections) > 0 && count[SectionConditions] == 0:
		f.errorf("section", "no section of kind = \"conditions\": add one where the patient's conditions print")
	case count[SectionConditions] > 1:
		f.errorf("section", "%d sections of kind = \"conditions\": the conditions print in one place", count[SectionConditions])
	case count[SectionFollowup] > 1:
		f.errorf("section", "%d sections of kind = \"followup\": put every visit in one follow-up plan", count[SectionFollowup])
	}
	f.plain("review.version", t.Review.Version)
	f.plain("review.reviewed_by", t.Review.ReviewedBy)
}

// sections checks and compiles a list of [[section]] tables. top is true for a
// treatment's own sections, which may place the conditions and hold a follow-up plan.
func (f *file) sections(key string, ss []Section, t *Treatment, top bool) {
	seen := map[string]string{}
	for i := range ss {
		s := &ss[i]
		k := fmt.Sprintf("%s[%d]", key, i)
		switch {
		case s.ID == "":
			f.errorf(k, "missing: add id = \"...\" (lower-case letters, digits and hyphens, e.g. \"aftercare\")")
		case !validID.MatchString(s.ID):
			f.errorf(k+".id", "id %q is not valid: use lower-case letters, digits and hyphens, e.g. \"aftercare\"", s.ID)
		case top && reservedID(s.ID):
			f.errorf(k+".id", "id %q is a layout block's name: choose another", s.ID)
		case seen[s.ID] != "":
			f.errorf(k+".id", "id %q is used twice (also at %s)", s.ID, seen[s.ID])
		default:
			seen[s.ID] = k
		}
		if s.Kind == "" {
			s.Kind = SectionText
		}
		kinds := SectionKinds
		if !top {
			kinds = []string{SectionText, SectionList, SectionChecklist, SectionWarning}
		}
		if !slices.Contains(kinds, s.Kind) {
			f.errorf(k+".kind", "unknown kind %q%s", s.Kind, Suggest(s.Kind, kinds))
			continue
		}
		if s.Show == "" {
			s.Show = ShowBoth
		}
		if s.Show != ShowBoth && s.Show != ShowHandout && s.Show != ShowBrochure {
			f.errorf(k+".show", "unknown value %q (known: handout, brochure, both)", s.Show)
		}
		if !top && s.Show != ShowBoth {
			f.errorf(k+".show", "a condition's sections print in handouts; a brochure prints its summary")
		}
		brochure := top && s.OnBrochure()
		// A brochure prints brochure_text when there is one.
		textOnBrochure := brochure && strings.TrimSpace(s.BrochureText) == ""
		c := &s.C
		c.Heading = f.compile(k+".heading", s.Heading, t, textOpts{brochure: brochure && s.BrochureHeading == ""})
		c.BrochureHeading = f.compile(k+".brochure_heading", s.BrochureHeading, t, textOpts{brochure: true})
		c.Text = f.compile(k+".text", s.Text, t, textOpts{markdown: true, brochure: textOnBrochure})
		c.BrochureText = f.compile(k+".brochure_text", s.BrochureText, t, textOpts{markdown: true, brochure: true})
		if s.BrochureHeading != "" && !brochure {
			f.errorf(k+".brochure_heading", "this section does not print on brochures (show = %q)", s.Show)
		}
		if s.BrochureText != "" && !brochure {
			f.errorf(k+".brochure_text", "this section does not print on brochures (show = %q)", s.Show)
		}
		for j, it := range s.Items {
			c.Items = append(c.Items, f.compile(fmt.Sprintf("%s.items[%d]", k, j), it, t, textOpts{markdown: true, brochure: brochure}))
		}
		needsItems := s.Kind == SectionList || s.Kind == SectionChecklist
		switch {
		case needsItems && len(s.Items) == 0:
			f.errorf(k, "a %s needs items = [\"...\", \"...\"]", s.Kind)
		case !needsItems && len(s.Items) > 0:
			f.errorf(k+".items", "items are for kind = \"list\" or \"checklist\", not %q: write a Markdown list in text", s.Kind)
		}
		if s.Tone != "" && s.Kind != SectionWarning {
			f.errorf(k+".tone", "tone is for warnings, not kind %q", s.Kind)
		}
		if s.Kind == SectionWarning {
			if s.Tone == "" {
				s.Tone = ToneCaution
			}
			if s.Tone != ToneCaution && s.Tone != ToneUrgent {
				f.errorf(k+".tone", "unknown tone %q (known: caution, urgent)", s.Tone)
			}
			if s.Heading == "" {
				f.errorf(k, "a warning needs a heading: the title of its box, e.g. heading = \"Call us if\"")
			}
		}
		if len(s.Phases) > 0 && s.Kind != SectionAftercare {
			f.errorf(k+".phase", "phases are for kind = \"aftercare\", not %q", s.Kind)
		}
		if len(s.Visits) > 0 && s.Kind != SectionFollowup {
			f.errorf(k+".visit", "visits are for kind = \"followup\", not %q", s.Kind)
		}
		switch s.Kind {
		case SectionText:
			if s.Text == "" {
				f.require(k+".text", s.Text)
			}
		case SectionAftercare:
			f.phases(k, s, t)
		case SectionFollowup:
			if len(s.Visits) == 0 {
				f.errorf(k, "a follow-up plan needs visits: add [[%s.visit]] tables with id, label, from, to and unit", key)
			}
			f.visits(k+".visit", s.Visits, t, nil)
		}
		if s.Kind != SectionConditions && s.Kind != SectionWarning && s.Heading == "" && s.Kind != SectionText {
			f.errorf(k, "missing: add heading = \"...\"")
		}
	}
}

func (f *file) phases(k string, s *Section, t *Treatment) {
	if len(s.Phases) == 0 {
		f.errorf(k, "no aftercare phases: add [[section.phase]] tables with from, to, unit, expect and do")
	}
	end := -1 // the hour the phase before ends
	for i := range s.Phases {
		ph := &s.Phases[i]
		key := fmt.Sprintf("%s.phase[%d]", k, i)
		if ph.Unit == "" {
			ph.Unit = Days
		}
		var from, to int // in hours from the start of the treatment day
		switch ph.Unit {
		case Days:
			from, to = ph.From*24, (ph.To+1)*24
		case Hours:
			from, to = ph.From, ph.To
		case Weeks:
			from, to = ph.From*24*7, ph.To*24*7
		default:
			f.errorf(key+".unit", "unknown unit %q (known: hours, days, weeks)", ph.Unit)
			continue
		}
		switch {
		case ph.From < 0:
			f.errorf(key+".from", "must be 0 (the treatment) or later, not %d", ph.From)
		case ph.To < ph.From || (ph.Unit != Days && ph.To == ph.From):
			f.errorf(key+".to", "%s %d must come after from = %d", ph.Unit, ph.To, ph.From)
		case from < end:
			f.errorf(key+".from", "overlaps the phase before: phases run in order of time, one after the other")
		}
		end = to
		if strings.TrimSpace(ph.Expect) == "" && len(ph.Do) == 0 && len(ph.Avoid) == 0 {
			f.errorf(key, "empty phase: give expect, do or avoid")
		}
		pt := PhaseText{Expect: f.inlineText(key+".expect", ph.Expect, t, textOpts{brochure: s.OnBrochure()})}
		for j, x := range ph.Do {
			pt.Do = append(pt.Do, f.inlineText(fmt.Sprintf("%s.do[%d]", key, j), x, t, textOpts{brochure: s.OnBrochure()}))
		}
		for j, x := range ph.Avoid {
			pt.Avoid = append(pt.Avoid, f.inlineText(fmt.Sprintf("%s.avoid[%d]", key, j), x, t, textOpts{brochure: s.OnBrochure()}))
		}
		s.C.Phases = append(s.C.Phases, pt)
	}
}

// visits checks a follow-up plan's visits, or (plan != nil) a condition's windows for the
// visits of a treatment's plan.
func (f *file) visits(key string, vs []Visit, t *Treatment, plan []Visit) {
	seen := map[string]bool{}
	for i := range vs {
		v := &vs[i]
		k := fmt.Sprintf("%s[%d]", key, i)
		if v.ID == "" {
			f.errorf(k, "missing: add id = \"...\" (e.g. \"next-session\")")
		} else if seen[v.ID] {
			f.errorf(k+".id", "visit %q is listed twice", v.ID)
		}
		seen[v.ID] = true
		if plan == nil {
			if v.Label == "" {
				f.errorf(k, "missing: add label = \"...\" (e.g. \"Book your next session\")")
			}
			v.LabelText = f.compile(k+".label", v.Label, t, textOpts{brochure: true})
		} else if v.Label != "" {
			f.errorf(k+".label", "the label comes from the treatment's follow-up plan: a condition gives only from, to, unit and sessions")
		}
		if v.Unit == "" {
			v.Unit = Weeks
		}
		if v.Unit != Days && v.Unit != Weeks && v.Unit != Months {
			f.errorf(k+".unit", "unknown unit %q (known: days, weeks, months)", v.Unit)
		}
		switch {
		case v.From < 0:
			f.errorf(k+".from", "must be 0 or later, not %d", v.From)
		case v.To == 0 && v.From > 0:
			v.To = v.From
		case v.To < v.From:
			f.errorf(k+".to", "%d comes before from = %d", v.To, v.From)
		}
		if v.To == 0 {
			f.errorf(k+".to", "missing: add to = ... (the end of the window, in %s after the treatment)", v.Unit)
		}
		if s := v.Sessions; s.Min < 0 || s.Max < s.Min || (s.Min == 0 && s.Max > 0) {
			f.errorf(k+".sessions", "sessions need min >= 1 and max >= min, e.g. sessions = { min = 3, max = 6 }")
		}
	}
}

func (l *loader) loadCondition(name string) {
	c := &Condition{ID: idOf(name), File: name}
	f, ok := l.decode(name, c)
	if !ok {
		return
	}
	l.p.Conditions[c.ID] = c
	c.Where = f.at
	f.require("title", c.Title)
	f.plain("title", c.Title)
	if c.OldTreatment != nil {
		f.errorf("treatment", "treatment = \"x\" is the old form: write treatments = [\"x\"] (a condition may belong to several treatments)")
	} else if len(c.Treatments) == 0 {
		f.errorf("treatments", "missing: add treatments = [\"...\"], the ids of the treatments that treat it")
	}
	// Compiled after every treatment is loaded: placeholders may name the treatment, and
	// visits must be in its follow-up plan.
	l.pending = append(l.pending, func() {
		var first *Treatment
		for i, id := range c.Treatments {
			t := l.p.Treatments[id]
			if t == nil {
				f.errorf(fmt.Sprintf("treatments[%d]", i), "unknown treatment %q%s", id, Suggest(id, IDs(l.p.Treatments)))
				continue
			}
			if first == nil {
				first = t
			}
		}
		for tid := range c.PerTreatment {
			if !c.Covers(tid) {
				f.errorf("for."+tid, "treatment %q is not in treatments = [%s]: add it there, or remove this table", tid, strings.Join(quoteAll(c.Treatments), ", "))
			}
		}
		f.conditionPart("", &c.Part, c, first)
		for _, tid := range IDs(c.PerTreatment) {
			f.conditionPart("for."+tid+".", c.PerTreatment[tid], c, l.p.Treatments[tid])
		}
		// Visits must be in the plan of every treatment they are printed with.
		for _, id := range c.Treatments {
			t := l.p.Treatments[id]
			if t == nil {
				continue
			}
			if len(t.Sections) == 0 || slices.ContainsFunc(t.Sections, func(s Section) bool { return !slices.Contains(SectionKinds, s.Kind) }) {
				continue // reported with the treatment
			}
			plan := t.Plan()
			part := c.For(id)
			for i, v := range part.Visits {
				if plan == nil || !slices.ContainsFunc(plan.Visits, func(p Visit) bool { return p.ID == v.ID }) {
					var known []string
					if plan != nil {
						for _, p := range plan.Visits {
							known = append(known, p.ID)
						}
					}
					f.errorf(visitKey(c, id, v.ID, i), "visit %q is not in the follow-up plan of %s%s", v.ID, id, Suggest(v.ID, known))
				}
			}
		}
	})
}

func visitKey(c *Condition, treatment, id string, i int) string {
	if pt := c.PerTreatment[treatment]; pt != nil {
		for j, v := range pt.Visits {
			if v.ID == id {
				return fmt.Sprintf("for.%s.visit[%d]", treatment, j)
			}
		}
	}
	for j, v := range c.Part.Visits {
		if v.ID == id {
			return fmt.Sprintf("visit[%d]", j)
		}
	}
	return fmt.Sprintf("visit[%d]", i)
}

// conditionPart compiles the shared part of a condition (prefix "") or its part for one
// treatment (prefix "for.<id>.").
func (f *file) conditionPart(prefix string, p *ConditionPart, c *Condition, t *Treatment) {
	if prefix == "" {
		p.Text, p.Summary, p.Sections, p.Visits = c.Text, c.Summary, c.Sections, c.Visits
	}
	// In reading order, so that a term is explained where a handout first prints it.
	p.TextC = f.compile(prefix+"text", p.Text, t, textOpts{markdown: true})
	f.sections(prefix+"section", p.Sections, t, false)
	p.SummaryC = f.compile(prefix+"summary", p.Summary, t, textOpts{markdown: true, brochure: true})
	f.visits(prefix+"visit", p.Visits, t, []Visit{})
	if prefix == "" {
		c.Sections, c.Visits = p.Sections, p.Visits
	}
}

// Plan returns the treatment's follow-up section, or nil.
func (t *Treatment) Plan() *Section {
	for i := range t.Sections {
		if t.Sections[i].Kind == SectionFollowup {
			return &t.Sections[i]
		}
	}
	return nil
}

// Window is the dates of a visit for a treatment on date d: from its first to its last
// day, both included.
func (v Visit) Window(d time.Time) (from, to time.Time) {
	add := func(n int) time.Time {
		switch v.Unit {
		case Days:
			return d.AddDate(0, 0, n)
		case Months:
			return d.AddDate(0, n, 0)
		}
		return d.AddDate(0, 0, 7*n)
	}
	return add(v.From), add(v.To)
}

// knownBlock says whether a layout may list b: a block of its own, "kind:" and a section
// kind, or the id of a section of some treatment.
func (l *loader) knownBlock(b string) bool {
	if slices.Contains(BlockIDs, b) {
		return true
	}
	if k, ok := strings.CutPrefix(b, "kind:"); ok {
		return slices.Contains(SectionKinds, k)
	}
	for _, t := range l.p.Treatments {
		for _, s := range t.Sections {
			if s.ID == b {
				return true
			}
		}
	}
	return false
}

func (l *loader) blockNames() []string {
	out := append([]string{}, BlockIDs...)
	for _, k := range SectionKinds {
		out = append(out, "kind:"+k)
	}
	var ids []string
	for _, id := range IDs(l.p.Treatments) {
		for _, s := range l.p.Treatments[id].Sections {
			if s.ID != "" && !slices.Contains(ids, s.ID) {
				ids = append(ids, s.ID)
			}
		}
	}
	return append(out, ids...)
}

// CoverError is a condition that the chosen treatment does not treat.
type CoverError struct {
	Treatment, Condition string
	// Treatments are the condition's own treatments.
	Treatments []string
}

func (e *CoverError) Error() string {
	return fmt.Sprintf("treatment %q does not cover condition %q (%s is for: %s)", e.Treatment, e.Condition, e.Condition, strings.Join(e.Treatments, ", "))
}

// Covers returns a *CoverError for the first condition that the treatment does not treat.
// Unknown conditions are the caller's to report.
func (p *Project) Covers(treatment string, conditions []string) error {
	for _, id := range conditions {
		if c := p.Conditions[id]; c != nil && !c.Covers(treatment) {
			return &CoverError{Treatment: treatment, Condition: id, Treatments: c.Treatments}
		}
	}
	return nil
}

// NoTreatmentError is a request that names no treatment in a project with several.
type NoTreatmentError struct{ Known []string }

func (e *NoTreatmentError) Error() string {
	return fmt.Sprintf("which treatment? this project has %d: %s", len(e.Known), strings.Join(e.Known, ", "))
}

// Treatment returns the treatment of the id, or, for "", the project's only treatment.
// It returns nil and a *NoTreatmentError when id is "" and the project has several; nil
// and no error when the id is unknown.
func (p *Project) Treatment(id string) (*Treatment, error) {
	if id != "" {
		return p.Treatments[id], nil
	}
	if len(p.Treatments) == 1 {
		for _, t := range p.Treatments {
			return t, nil
		}
	}
	return nil, &NoTreatmentError{Known: IDs(p.Treatments)}
}

// CheckVisits warns about conditions of a treatment whose windows for a visit do not
// overlap: a handout that names both cannot give one window, so it prints each
// condition's window under its name (and warns too).
func CheckVisits(p *Project) diag.List {
	var diags diag.List
	l := &loader{p: p}
	ref := time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	for _, tid := range IDs(l.p.Treatments) {
		plan := l.p.Treatments[tid].Plan()
		if plan == nil {
			continue
		}
		var conds []*Condition
		for _, id := range IDs(l.p.Conditions) {
			if c := l.p.Conditions[id]; c.Covers(tid) {
				conds = append(conds, c)
			}
		}
		for _, pv := range plan.Visits {
			type win struct {
				c    *Condition
				v    Visit
				own  bool
				a, b time.Time
			}
			var ws []win
			for _, c := range conds {
				w := win{c: c}
				w.v, w.own = c.VisitFor(tid, pv)
				w.a, w.b = w.v.Window(ref)
				ws = append(ws, w)
			}
			for i, x := range ws {
				for _, y := range ws[i+1:] {
					if !x.a.After(y.b) && !y.a.After(x.b) {
						continue
					}
					at, other := y, x
					if !y.own {
						at, other = x, y
					}
					if !at.own || at.c.Where == nil {
						continue
					}
					key := visitKey(at.c, tid, pv.ID, 0)
					line, col := at.c.Where(key)
					diags.Warnf(at.c.File, line, col, key, "the %q window (%s) does not overlap %s's (%s) for %s: a handout naming both gives each condition's window under its name",
						pv.ID, windowWords(at.v), other.c.ID, windowWords(other.v), tid)
				}
			}
		}
	}
	return diags
}

func windowWords(v Visit) string {
	if v.From == v.To {
		if v.To == 1 {
			return "1 " + strings.TrimSuffix(v.Unit, "s")
		}
		return fmt.Sprintf("%d %s", v.To, v.Unit)
	}
	return fmt.Sprintf("%d to %d %s", v.From, v.To, v.Unit)
}

// VisitFor returns the plan's visit pv as condition c gives it for the treatment: its
// own visit of that id over pv (see Over) and true, or pv and false when c has none.
func (c *Condition) VisitFor(treatment string, pv Visit) (Visit, bool) {
	v, own := pv, false
	for _, cv := range c.For(treatment).Visits {
		if cv.ID == pv.ID {
			v, own = cv.Over(pv), true
		}
	}
	return v, own
}

// Over returns a condition's visit v over the plan's visit p: v's window, with the plan's
// label, and the plan's session count when v gives none.
func (v Visit) Over(p Visit) Visit {
	out := p
	out.From, out.To, out.Unit = v.From, v.To, v.Unit
	if v.Sessions.Max > 0 {
		out.Sessions = v.Sessions
	}
	return out
}
