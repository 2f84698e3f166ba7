package resolve

import (
	"testing"
	"time"

	"github.com/careprint/careprint/internal/content"
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
	for _, tt := range tests {
		if got := phaseDates(&tt.pt, tt.phase); got != tt.date {
			t.Errorf("%+v: dates %q, want %q", tt.phase, got, tt.date)
		}
		if got := phaseLabel(tt.phase); got != tt.label {
			t.Errorf("%+v: label %q, want %q", tt.phase, got, tt.label)
		}
	}
}

func TestVisitLineGrammar(t *testing.T) {
	day := time.Date(2026, 12, 1, 0, 0, 0, 0, time.UTC)
	r := &resolver{pt: &Patient{TreatmentDate: day}}
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
