package resolve

import (
	"fmt"
	"strings"
	"time"

	"github.com/careprint/careprint/internal/content"
	"github.com/careprint/careprint/internal/doc"
)

func longDate(t time.Time) string { return t.Format("Monday 2 January 2006") }

// dates prints a range of days: "Tue 1 Dec", "Wed 2 Dec – Fri 4 Dec". Each end says its
// year when the range runs into another year, or lies in a year other than the
// treatment's: "Tue 29 Dec 2026 – Tue 12 Jan 2027".
func dates(treatment, a, b time.Time, sep string) string {
	year := a.Year() != b.Year() || a.Year() != treatment.Year()
	f := func(t time.Time) string {
		if year {
			return t.Format("Mon 2 Jan 2006")
		}
		return t.Format("Mon 2 Jan")
	}
	if a.Equal(b) {
		return f(a)
	}
	return f(a) + sep + f(b)
}

// times prints a range of hours: "Tue 1 Dec 14:30 – 20:30", "Tue 1 Dec 14:30 – Wed 2 Dec 02:30".
func times(treatment, a, b time.Time) string {
	day := func(t time.Time) time.Time { return time.Date(t.Year(), t.Month(), t.Day(), 0, 0, 0, 0, time.UTC) }
	if day(a).Equal(day(b)) {
		return dates(treatment, day(a), day(a), "") + " " + a.Format("15:04") + " – " + b.Format("15:04")
	}
	year := a.Year() != b.Year() || a.Year() != treatment.Year()
	layout := "Mon 2 Jan 15:04"
	if year {
		layout = "Mon 2 Jan 2006 15:04"
	}
	return a.Format(layout) + " – " + b.Format(layout)
}

// phaseDates is the "When" of an aftercare phase: its dates, and its times when the
// unit is hours and the treatment's time is known. Without a time, hours count from the
// start of the treatment day.
func phaseDates(pt *Patient, ph content.Phase) string {
	d := pt.TreatmentDate
	day := time.Date(d.Year(), d.Month(), d.Day(), 0, 0, 0, 0, time.UTC)
	switch ph.Unit {
	case content.Hours:
		if pt.HasTime {
			return times(day, d.Add(time.Duration(ph.From)*time.Hour), d.Add(time.Duration(ph.To)*time.Hour))
		}
		return dates(day, day.AddDate(0, 0, ph.From/24), day.AddDate(0, 0, (ph.To-1)/24), " – ")
	case content.Weeks:
		return dates(day, day.AddDate(0, 0, 7*ph.From), day.AddDate(0, 0, 7*ph.To-1), " – ")
	}
	return dates(day, day.AddDate(0, 0, ph.From), day.AddDate(0, 0, ph.To), " – ")
}

// phaseLabel names a phase by its place in time: "The day of treatment", "Days 1 to 3",
// "First 12 hours", "24 to 48 hours", "Weeks 2 to 4".
func phaseLabel(ph content.Phase) string {
	switch ph.Unit {
	case content.Hours:
		if ph.From == 0 {
			return "First " + count(ph.To, "hour", "hours", true)
		}
		return fmt.Sprintf("%d to %d hours", ph.From, ph.To)
	case content.Weeks:
		if ph.From == 0 {
			return "First " + count(ph.To, "week", "weeks", true)
		}
		return fmt.Sprintf("Weeks %d to %d", ph.From, ph.To)
	}
	switch from, to := ph.From, ph.To; {
	case from == 0 && to == 0:
		return "The day of treatment"
	case from == to:
		return fmt.Sprintf("Day %d", from)
	case from == 0:
		return fmt.Sprintf("Day of treatment to day %d", to)
	default:
		return fmt.Sprintf("Days %d to %d", from, to)
	}
}

// count says n things: "1 session", "3 sessions"; bare drops the 1 ("First hour").
func count(n int, one, many string, bare bool) string {
	if n == 1 {
		if bare {
			return one
		}
		return "1 " + one
	}
	return fmt.Sprintf("%d %s", n, many)
}

// span says a range of things: "4 to 6 weeks", "2 weeks", "1 week".
func span(lo, hi int, one, many string) string {
	if lo == hi || lo == 0 {
		return count(hi, one, many, false)
	}
	return fmt.Sprintf("%d to %d %s", lo, hi, many)
}

func unitWords(unit string) (string, string) {
	switch unit {
	case content.Days:
		return "day", "days"
	case content.Months:
		return "month", "months"
	}
	return "week", "weeks"
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
			v := pv
			for _, cv := range c.For(r.t.ID).Visits {
				if cv.ID == pv.ID {
					v = cv.Over(pv)
				}
			}
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
	when := "on "
	if !w.from.Equal(w.to) {
		when = "between "
	}
	in := []doc.Inline{{Text: label + " " + when}, {Text: dates(r.pt.TreatmentDate, w.from, w.to, " and "), Bold: true}}
	var paren []string
	if w.sameUnit {
		one, many := unitWords(w.v.Unit)
		paren = append(paren, span(w.v.From, w.v.To, one, many)+" after your treatment")
	}
	if s := w.v.Sessions; s.Max > 0 {
		paren = append(paren, span(s.Min, s.Max, "session", "sessions")+" in all")
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
	one, many := unitWords(v.Unit)
	s := label + " " + span(v.From, v.To, one, many) + " after your treatment"
	if v.Sessions.Max > 0 {
		s += "; " + span(v.Sessions.Min, v.Sessions.Max, "session", "sessions") + " in all"
	}
	return []doc.Inline{{Text: s + "."}}
}
