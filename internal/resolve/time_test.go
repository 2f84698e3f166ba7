package resolve

import (
	"testing"
	"time"

	careprint "github.com/careprint/careprint"
	"github.com/careprint/careprint/internal/content"
	"github.com/careprint/careprint/internal/i18n"
)

func TestPhaseDatesInHoursDaysAndWeeks(t *testing.T) {
	day := time.Date(2026, 12, 29, 0, 0, 0, 0, time.UTC)
	at := day.Add(14*time.Hour + 30*time.Minute)
	tests := []struct {
		pt    Patient
		phase content.Phase
		date  string
		label string
	}{
		{Patient{TreatmentDate: day}, content.Phase{From: 0, To: 0, Unit: content.Days}, "Tue 29 Dec", "The day of treatment"},
		{Patient{TreatmentDate: day}, content.Phase{From: 1, To: 2, Unit: content.Days}, "Wed 30 Dec – Thu 31 Dec", "Days 1 to 2"},
		// A range into the next year says both years.
		{Patient{TreatmentDate: day}, content.Phase{From: 2, To: 5, Unit: content.Days}, "Thu 31 Dec 2026 – Sun 3 Jan 2027", "Days 2 to 5"},
		{Patient{TreatmentDate: day}, content.Phase{From: 3, To: 3, Unit: content.Days}, "Fri 1 Jan 2027", "Day 3"},
		// Hours without a time count from the treatment day; with one, they say the times.
		{Patient{TreatmentDate: day}, content.Phase{From: 0, To: 12, Unit: content.Hours}, "Tue 29 Dec", "First 12 hours"},
		{Patient{TreatmentDate: day}, content.Phase{From: 24, To: 48, Unit: content.Hours}, "Wed 30 Dec", "24 to 48 hours"},
		{Patient{TreatmentDate: at, HasTime: true}, content.Phase{From: 0, To: 6, Unit: content.Hours}, "Tue 29 Dec 14:30 – 20:30", "First 6 hours"},
		{Patient{TreatmentDate: at, HasTime: true}, content.Phase{From: 0, To: 1, Unit: content.Hours}, "Tue 29 Dec 14:30 – 15:30", "First hour"},
		{Patient{TreatmentDate: at, HasTime: true}, content.Phase{From: 0, To: 12, Unit: content.Hours}, "Tue 29 Dec 14:30 – Wed 30 Dec 02:30", "First 12 hours"},
		{Patient{TreatmentDate: at, HasTime: true}, content.Phase{From: 48, To: 72, Unit: content.Hours}, "Thu 31 Dec 2026 14:30 – Fri 1 Jan 2027 14:30", "48 to 72 hours"},
		{Patient{TreatmentDate: day}, content.Phase{From: 2, To: 4, Unit: content.Weeks}, "Tue 12 Jan 2027 – Mon 25 Jan 2027", "Weeks 2 to 4"},
		{Patient{TreatmentDate: day}, content.Phase{From: 0, To: 1, Unit: content.Weeks}, "Tue 29 Dec 2026 – Mon 4 Jan 2027", "First week"},
	}
	w := gb(t)
	for _, tt := range tests {
		if got := phaseDates(w, &tt.pt, tt.phase); got != tt.date {
			t.Errorf("%+v: dates %q, want %q", tt.phase, got, tt.date)
		}
		if got := phaseLabel(w, tt.phase); got != tt.label {
			t.Errorf("%+v: label %q, want %q", tt.phase, got, tt.label)
		}
	}
}

func TestVisitLineGrammar(t *testing.T) {
	day := time.Date(2026, 12, 1, 0, 0, 0, 0, time.UTC)
	r := &resolver{pt: &Patient{TreatmentDate: day}, w: gb(t)}
	tests := []struct {
		v    content.Visit
		want string
	}{
		{content.Visit{From: 2, To: 2, Unit: content.Weeks}, "Come back on Tue 15 Dec (2 weeks after your treatment)."},
		{content.Visit{From: 1, To: 1, Unit: content.Weeks, Sessions: content.Sessions{Min: 1, Max: 1}}, "Come back on Tue 8 Dec (1 week after your treatment; 1 session in all)."},
		{content.Visit{From: 4, To: 6, Unit: content.Weeks, Sessions: content.Sessions{Min: 3, Max: 6}}, "Come back between Tue 29 Dec 2026 and Tue 12 Jan 2027 (4 to 6 weeks after your treatment; 3 to 6 sessions in all)."},
		{content.Visit{From: 6, To: 18, Unit: content.Months}, "Come back between Tue 1 Jun 2027 and Thu 1 Jun 2028 (6 to 18 months after your treatment)."},
		{content.Visit{From: 10, To: 10, Unit: content.Days}, "Come back on Fri 11 Dec (10 days after your treatment)."},
	}
	for _, tt := range tests {
		a, b := tt.v.Window(day)
		got := ""
		for _, in := range r.visitLine("Come back", window{v: tt.v, from: a, to: b, sameUnit: true}) {
			got += in.Text
		}
		if got != tt.want {
			t.Errorf("%+v:\n got %q\nwant %q", tt.v, got, tt.want)
		}
	}
}

// words returns the built-in words of a language for a clinic's locale.
func words(t *testing.T, lang, clinicLocale string) *i18n.Words {
	t.Helper()
	cat, probs := i18n.Load(careprint.Defaults, nil)
	if len(probs) > 0 {
		t.Fatal(probs)
	}
	l, loc, err := cat.Match(lang, clinicLocale)
	if err != nil {
		t.Fatal(err)
	}
	return cat.Words(l, loc)
}

func gb(t *testing.T) *i18n.Words { return words(t, "", "en-GB") }

func TestWordsInSpanishAndUSEnglish(t *testing.T) {
	day := time.Date(2026, 12, 1, 0, 0, 0, 0, time.UTC)
	tests := []struct {
		lang, clinic string
		v            content.Visit
		want         string
	}{
		{"es", "en-US", content.Visit{From: 1, To: 1, Unit: content.Weeks, Sessions: content.Sessions{Min: 1, Max: 1}}, "Vuelva el mar 8 dic (1 semana después del tratamiento; 1 sesión en total)."},
		{"es", "en-US", content.Visit{From: 4, To: 6, Unit: content.Weeks, Sessions: content.Sessions{Min: 3, Max: 6}}, "Vuelva entre el mar 29 dic 2026 y el mar 12 ene 2027 (4 a 6 semanas después del tratamiento; 3 a 6 sesiones en total)."},
		{"es", "", content.Visit{From: 6, To: 18, Unit: content.Months}, "Vuelva entre el mar 1 jun 2027 y el jue 1 jun 2028 (6 a 18 meses después del tratamiento)."},
		{"en", "en-US", content.Visit{From: 2, To: 2, Unit: content.Weeks}, "Vuelva on Tue, Dec 15 (2 weeks after your treatment)."},
	}
	for _, tt := range tests {
		r := &resolver{pt: &Patient{TreatmentDate: day}, w: words(t, tt.lang, tt.clinic)}
		a, b := tt.v.Window(day)
		got := ""
		for _, in := range r.visitLine("Vuelva", window{v: tt.v, from: a, to: b, sameUnit: true}) {
			got += in.Text
		}
		if got != tt.want {
			t.Errorf("%s %+v:\n got %q\nwant %q", tt.lang, tt.v, got, tt.want)
		}
	}
	es := words(t, "es", "")
	for _, tt := range []struct {
		ph   content.Phase
		want string
	}{
		{content.Phase{From: 0, To: 0, Unit: content.Days}, "El día del tratamiento"},
		{content.Phase{From: 1, To: 3, Unit: content.Days}, "Días 1 a 3"},
		{content.Phase{From: 0, To: 1, Unit: content.Hours}, "Primera hora"},
		{content.Phase{From: 0, To: 12, Unit: content.Hours}, "Primeras 12 horas"},
		{content.Phase{From: 2, To: 4, Unit: content.Weeks}, "Semanas 2 a 4"},
	} {
		if got := phaseLabel(es, tt.ph); got != tt.want {
			t.Errorf("%+v: %q, want %q", tt.ph, got, tt.want)
		}
	}
}

func TestADateInAnotherYearThanTheTreatmentSaysItsYearInEveryLocale(t *testing.T) {
	day := time.Date(2026, 12, 29, 0, 0, 0, 0, time.UTC)
	twoWeeks := content.Visit{From: 2, To: 2, Unit: content.Weeks}
	sameYear := content.Visit{From: 2, To: 2, Unit: content.Days}
	tests := []struct {
		lang, clinic string
		visit, near  string // a single follow-up date in 2027, and one in 2026
		day3, day1   string // a single aftercare day in 2027, and one in 2026
	}{
		{"en", "en-GB", "Come back on Tue 12 Jan 2027 (2 weeks after your treatment).", "Come back on Thu 31 Dec (2 days after your treatment).", "Fri 1 Jan 2027", "Wed 30 Dec"},
		{"en", "en-US", "Come back on Tue, Jan 12, 2027 (2 weeks after your treatment).", "Come back on Thu, Dec 31 (2 days after your treatment).", "Fri, Jan 1, 2027", "Wed, Dec 30"},
		{"es", "", "Come back el mar 12 ene 2027 (2 semanas después del tratamiento).", "Come back el jue 31 dic (2 días después del tratamiento).", "vie 1 ene 2027", "mié 30 dic"},
	}
	for _, tt := range tests {
		w := words(t, tt.lang, tt.clinic)
		r := &resolver{pt: &Patient{TreatmentDate: day}, w: w}
		line := func(v content.Visit) string {
			a, b := v.Window(day)
			got := ""
			for _, in := range r.visitLine("Come back", window{v: v, from: a, to: b, sameUnit: true}) {
				got += in.Text
			}
			return got
		}
		if got := line(twoWeeks); got != tt.visit {
			t.Errorf("%s %s: %q, want %q", tt.lang, tt.clinic, got, tt.visit)
		}
		if got := line(sameYear); got != tt.near {
			t.Errorf("%s %s: %q, want %q", tt.lang, tt.clinic, got, tt.near)
		}
		if got := phaseDates(w, r.pt, content.Phase{From: 3, To: 3, Unit: content.Days}); got != tt.day3 {
			t.Errorf("%s %s: day 3 is %q, want %q", tt.lang, tt.clinic, got, tt.day3)
		}
		if got := phaseDates(w, r.pt, content.Phase{From: 1, To: 1, Unit: content.Days}); got != tt.day1 {
			t.Errorf("%s %s: day 1 is %q, want %q", tt.lang, tt.clinic, got, tt.day1)
		}
	}
}
