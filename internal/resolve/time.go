package resolve

import (
	"fmt"
	"strings"
	"time"

	"github.com/careprint/careprint/internal/content"
	"github.com/careprint/careprint/internal/doc"
	"github.com/careprint/careprint/internal/i18n"
)

// dates prints a range of days: "Tue 1 Dec", "Wed 2 Dec – Fri 4 Dec" (in the document's
// locale). Each end says its year when the range runs into another year, or lies in a
// year other than the treatment's: "Tue 29 Dec 2026 – Tue 12 Jan 2027".
func dates(w *i18n.Words, treatment, a, b time.Time, sep string) string {
	year := a.Year() != b.Year() || a.Year() != treatment.Year()
	if a.Equal(b) {
		return w.Short(a, year)
	}
	return w.Short(a, year) + sep + w.Short(b, year)
}

// times prints a range of hours: "Tue 1 Dec 14:30 – 20:30", "Tue 1 Dec 14:30 – Wed 2 Dec 02:30".
func times(w *i18n.Words, treatment, a, b time.Time) string {
	day := func(t time.Time) time.Time { return time.Date(t.Year(), t.Month(), t.Day(), 0, 0, 0, 0, time.UTC) }
	if day(a).Equal(day(b)) {
		return dates(w, treatment, day(a), day(a), "") + " " + w.Time(a) + " – " + w.Time(b)
	}
	year := a.Year() != b.Year() || a.Year() != treatment.Year()
	return w.Short(a, year) + " " + w.Time(a) + " – " + w.Short(b, year) + " " + w.Time(b)
}

// phaseDates is the "When" of an aftercare phase: its dates, and its times when the
// unit is hours and the treatment's time is known. Without a time, hours count from the
// start of the treatment day.
func phaseDates(w *i18n.Words, pt *Patient, ph content.Phase) string {
	d := pt.TreatmentDate
	day := time.Date(d.Year(), d.Month(), d.Day(), 0, 0, 0, 0, time.UTC)
	switch ph.Unit {
	case content.Hours:
		if pt.HasTime {
			return times(w, day, d.Add(time.Duration(ph.From)*time.Hour), d.Add(time.Duration(ph.To)*time.Hour))
		}
		return dates(w, day, day.AddDate(0, 0, ph.From/24), day.AddDate(0, 0, (ph.To-1)/24), " – ")
	case content.Weeks:
		return dates(w, day, day.AddDate(0, 0, 7*ph.From), day.AddDate(0, 0, 7*ph.To-1), " – ")
	}
	return dates(w, day, day.AddDate(0, 0, ph.From), day.AddDate(0, 0, ph.To), " – ")
}

// phaseLabel names a phase by its place in time: "The day of treatment", "Days 1 to 3",
// "First 12 hours", "24 to 48 hours", "Weeks 2 to 4".
func phaseLabel(w *i18n.Words, ph content.Phase) string {
	d := i18n.Data{"From": ph.From, "To": ph.To}
	switch ph.Unit {
	case content.Hours:
		if ph.From == 0 {
			return w.N("PhaseFirstHours", ph.To, fmt.Sprint(ph.To))
		}
		return w.T("PhaseHours", d)
	case content.Weeks:
		if ph.From == 0 {
			return w.N("PhaseFirstWeeks", ph.To, fmt.Sprint(ph.To))
		}
		return w.T("PhaseWeeks", d)
	}
	switch from, to := ph.From, ph.To; {
	case from == 0 && to == 0:
		return w.T("PhaseDayOfTreatment", nil)
	case from == to:
		return w.T("PhaseDay", i18n.Data{"Day": from})
	case from == 0:
		return w.T("PhaseDayOfTreatmentTo", d)
	default:
		return w.T("PhaseDays", d)
	}
}

// span says a range of things, by the catalogue's counted message id: "4 to 6 weeks",
// "2 weeks", "1 week"; the plural form is that of the larger number.
func span(w *i18n.Words, lo, hi int, id string) string {
	if lo == hi || lo == 0 {
		return w.N(id, hi, fmt.Sprint(hi))
	}
	return w.N(id, hi, w.T("Range", i18n.Data{"From": lo, "To": hi}))
}

// unitWords is the catalogue's counted message for a visit's unit.
func unitWords(unit string) string {
	switch unit {
	case content.Days:
		return "Days"
	case content.Months:
		return "Months"
	}
	return "Weeks"
}

// window is one visit as a handout prints it: its window for the chosen conditions.
type window struct {
	v        content.Visit // the treatment's visit, with the window that applies
	from, to time.Time
	sameUnit bool
}

// followup resolves a follow-up plan. Each visit's window is the overlap of the windows
// of the chosen conditions (a condition without its own uses the plan's); when they do
// not overlap, each condition's window is printed under its name, and the run warns.
func (r *resolver) followup(s *content.Section) ([]doc.Block, error) {
	var items [][]doc.Block
	for _, pv := range s.Visits {
		label, err := pv.LabelText.String(r.f)
		if err != nil {
			return nil, err
		}
		if r.brochure {
			items = append(items, []doc.Block{doc.Paragraph{Inlines: r.visitBrief(label, pv)}})
			continue
		}
		type own struct {
			c    *content.Condition
			v    content.Visit
			a, b time.Time
		}
		var owns []own
		for _, c := range r.conds {
			v, _ := c.VisitFor(r.t.ID, pv)
			a, b := v.Window(r.pt.TreatmentDate)
			owns = append(owns, own{c, v, a, b})
		}
		if len(owns) == 0 {
			a, b := pv.Window(r.pt.TreatmentDate)
			owns = append(owns, own{nil, pv, a, b})
		}
		w := window{v: pv, from: owns[0].a, to: owns[0].b, sameUnit: true}
		w.v.From, w.v.To, w.v.Unit, w.v.Sessions = owns[0].v.From, owns[0].v.To, owns[0].v.Unit, content.Sessions{}
		for _, o := range owns {
			if o.a.After(w.from) {
				w.from = o.a
			}
			if o.b.Before(w.to) {
				w.to = o.b
			}
			if o.v.Unit != w.v.Unit {
				w.sameUnit = false
			}
			w.v.From, w.v.To = max(w.v.From, o.v.From), min(w.v.To, o.v.To)
			w.v.Sessions.Min = max(w.v.Sessions.Min, o.v.Sessions.Min)
			w.v.Sessions.Max = max(w.v.Sessions.Max, o.v.Sessions.Max)
		}
		if !w.from.After(w.to) {
			items = append(items, []doc.Block{doc.Paragraph{Inlines: r.visitLine(label, w)}})
			continue
		}
		// No day suits every condition: each condition's own window, under its name.
		var names []string
		for _, o := range owns {
			names = append(names, o.c.ID)
			in := []doc.Inline{{Text: o.c.Title + ": ", Bold: true}}
			in = append(in, r.visitLine(label, window{v: o.v, from: o.a, to: o.b, sameUnit: true})...)
			items = append(items, []doc.Block{doc.Paragraph{Inlines: in}})
		}
		r.warnings = append(r.warnings, fmt.Sprintf("%s: the %q windows of %s do not overlap: the handout gives each condition's window under its name", r.t.ID, pv.ID, strings.Join(names, ", ")))
	}
	if len(items) == 1 {
		return items[0], nil
	}
	return []doc.Block{doc.List{Items: items}}, nil
}

// visitLine is "Book your next session between **Tue 29 Dec and Tue 12 Jan** (4 to 6
// weeks after your treatment; 3 to 6 sessions in all)."
func (r *resolver) visitLine(label string, w window) []doc.Inline {
	id := "VisitOn"
	if !w.from.Equal(w.to) {
		id = "VisitBetween"
	}
	in := []doc.Inline{{Text: r.w.T(id, i18n.Data{"Label": label}) + " "}, {Text: dates(r.w, r.pt.TreatmentDate, w.from, w.to, " "+r.w.T("DatesAnd", nil)+" "), Bold: true}}
	var paren []string
	if w.sameUnit {
		paren = append(paren, r.w.T("AfterTreatment", i18n.Data{"Span": span(r.w, w.v.From, w.v.To, unitWords(w.v.Unit))}))
	}
	if s := w.v.Sessions; s.Max > 0 {
		paren = append(paren, r.w.T("InAll", i18n.Data{"Span": span(r.w, s.Min, s.Max, "Sessions")}))
	}
	end := "."
	if len(paren) > 0 {
		end = " (" + strings.Join(paren, "; ") + ")."
	}
	return append(in, doc.Inline{Text: end})
}

// visitBrief is a visit without dates, for a brochure: "Book your next session 4 to 6
// weeks after your treatment; 3 to 6 sessions in all."
func (r *resolver) visitBrief(label string, v content.Visit) []doc.Inline {
	s := r.w.T("AfterTreatment", i18n.Data{"Span": span(r.w, v.From, v.To, unitWords(v.Unit))})
	if v.Sessions.Max > 0 {
		s += "; " + r.w.T("InAll", i18n.Data{"Span": span(r.w, v.Sessions.Min, v.Sessions.Max, "Sessions")})
	}
	return []doc.Inline{{Text: r.w.T("VisitBrief", i18n.Data{"Label": label, "When": s}) + "."}}
}
