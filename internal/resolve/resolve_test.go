package resolve

import (
	"errors"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"github.com/careprint/careprint/internal/content"
	"github.com/careprint/careprint/internal/doc"
)

var files = fstest.MapFS{
	"content/clinic.toml": {Data: []byte(`name = "Test Clinic"
phone = "555 0100"
after_hours = "555 0199"
website = "https://clinic.example"
booking_url = "https://clinic.example/book"
`)},
	"content/treatments/microneedling.toml": {Data: []byte(`title = "Microneedling"
subtitle = "Your microneedling aftercare"

[[section]]
id = "what-it-is"
heading = "What is microneedling?"
text = "Tiny needles. Call {{.Clinic.Phone}}."

[[section]]
id = "conditions"
kind = "conditions"

[[section]]
id = "during"
heading = "What happens during treatment"
text = """
A session takes about 30 to 60 minutes.

You feel pressure.
"""

[[section]]
id = "aftercare"
kind = "aftercare"
heading = "Your aftercare, day by day"
[[section.phase]]
from = 0
to = 0
expect = "Warm skin."
do = ["Rest."]
[[section.phase]]
from = 1
to = 3
expect = "Redness, like a sunburn."
do = ["Use sunscreen."]
avoid = ["Scrubs."]

[[section]]
id = "next"
kind = "followup"
heading = "Your next session"
show = "handout"
text = "Call us on {{.Clinic.Phone}} to book."
[[section.visit]]
id = "next-session"
label = "Book your next session"
from = 4
to = 6
unit = "weeks"
sessions = { min = 3, max = 6 }

[[section]]
id = "call-us"
kind = "warning"
heading = "Call us if"
text = """
- you have a fever

**Call {{.Clinic.Phone}}**{{if .Clinic.AfterHours}}. After hours, call **{{.Clinic.AfterHours}}**{{end}}.
In an emergency, call your local emergency number.
"""
`)},
	"content/conditions/acne-scars.toml": {Data: []byte(`title = "Acne scars"
treatments = ["microneedling"]
text = "Marks left by acne."
[[section]]
id = "expect"
heading = "What to expect"
kind = "list"
items = ["**Works well with:** serums."]
`)},
	"content/conditions/hair-loss.toml": {Data: []byte(`title = "Hair loss"
treatments = ["microneedling"]
text = "Thinning hair."
[[visit]]
id = "next-session"
from = 2
to = 5
`)},
	"layouts/handout.toml": {Data: []byte(`blocks = ["patient", "sections", "booking"]`)},
}

func project(t *testing.T) *content.Project {
	t.Helper()
	p, diags := content.Load(&content.Overlay{Builtin: files})
	if len(diags) > 0 {
		t.Fatal(diags)
	}
	return p
}

var tuesday = time.Date(2026, 12, 1, 0, 0, 0, 0, time.UTC)

func TestHandoutResolvesBlocksAndDates(t *testing.T) {
	d, st, err := Handout(project(t), Request{Layout: "handout", Patient: Patient{
		Name: "Zoë Ñúñez", TreatmentDate: tuesday, Clinician: "Dr Osei", Conditions: []string{"acne-scars", "hair-loss"},
	}})
	if err != nil {
		t.Fatal(err)
	}
	want := `title "Microneedling aftercare – Test Clinic"
subject "Aftercare: Acne scars, Hair loss"
header "Test Clinic" "Your microneedling aftercare" ["Phone 555 0100" "After hours 555 0199" "clinic.example"]
footer "Test Clinic · 555 0100"
field For: Zoë Ñúñez
field Treatment: Microneedling on Tuesday 1 December 2026
field Clinician: Dr Osei
h1 What is microneedling?
p Tiny needles. Call 555 0100.
h1 Acne scars
p Marks left by acne.
h2 What to expect
ul
  -
    p **Works well with:** serums.
h1 Hair loss
p Thinning hair.
h1 What happens during treatment
p A session takes about 30 to 60 minutes.
p You feel pressure.
h1 Your aftercare, day by day
table [5 6 7 6]
  row
    cell
      p When
    cell
      p What to expect
    cell
      p What to do
    cell
      p Avoid
  row
    cell
      p **Tue 1 Dec**
      p The day of treatment
    cell
      p Warm skin.
    cell
      ul
        -
          p Rest.
    cell
  row
    cell
      p **Wed 2 Dec – Fri 4 Dec**
      p Days 1 to 3
    cell
      p Redness, like a sunburn.
    cell
      ul
        -
          p Use sunscreen.
    cell
      ul
        -
          p Scrubs.
h1 Your next session
p Book your next session between **Tue 29 Dec 2026 and Tue 5 Jan 2027** (4 to 5 weeks after your treatment; 3 to 6 sessions in all).
p Call us on 555 0100 to book.
callout "Call us if"
  ul
    -
      p you have a fever
  p **Call 555 0100**. After hours, call **555 0199**. In an emergency, call your local emergency number.
qr https://clinic.example/book "Scan to book your next visit at clinic.example, or call 555 0100."
`
	if got := doc.Dump(d); got != want {
		t.Errorf("document:\n%s\nwant:\n%s", got, want)
	}
	if strings.Contains(d.Title+d.Subject+d.Author, "Zoë") {
		t.Error("the patient's name reached the metadata")
	}
	if st.PageWidth.String() != "210.000" || st.BodySize.String() != "4.233" {
		t.Errorf("style: page %s, body %s", st.PageWidth, st.BodySize)
	}
}

func TestHandoutLetterPaper(t *testing.T) {
	_, st, err := Handout(project(t), Request{Layout: "handout", Paper: "letter", Patient: Patient{Name: "A", TreatmentDate: tuesday, Conditions: []string{"acne-scars"}}})
	if err != nil {
		t.Fatal(err)
	}
	if st.PageWidth.String() != "215.900" || st.PageHeight.String() != "279.400" {
		t.Errorf("letter = %s × %s", st.PageWidth, st.PageHeight)
	}
}

func TestHandoutErrorsNameValidIDsAndNotThePatient(t *testing.T) {
	tests := []struct {
		req  Request
		want string
	}{
		{Request{Layout: "handout", Patient: Patient{Name: "Secret Name", TreatmentDate: tuesday, Conditions: []string{"acne-scar"}}},
			`unknown condition "acne-scar" (valid: acne-scars, hair-loss)`},
		{Request{Layout: "trifold", Patient: Patient{Name: "Secret Name", TreatmentDate: tuesday, Conditions: []string{"acne-scars"}}},
			`unknown layout "trifold" (valid: handout)`},
		{Request{Layout: "handout", Paper: "a3", Patient: Patient{Name: "Secret Name", TreatmentDate: tuesday, Conditions: []string{"acne-scars"}}},
			`unknown paper "a3" (valid: a4, letter)`},
		{Request{Layout: "handout", Patient: Patient{Name: "Secret Name", TreatmentDate: tuesday}},
			`no condition given: name at least one (valid: acne-scars, hair-loss)`},
	}
	for _, tt := range tests {
		_, _, err := Handout(project(t), tt.req)
		if err == nil || err.Error() != tt.want {
			t.Errorf("error = %v, want %s", err, tt.want)
		}
		if err != nil && strings.Contains(err.Error(), "Secret") {
			t.Errorf("error names the patient: %v", err)
		}
	}
	_, _, err := Handout(project(t), tests[0].req)
	var ue *UnknownError
	if !errors.As(err, &ue) || ue.What != "condition" {
		t.Errorf("want an *UnknownError for a condition, got %T", err)
	}
}

func TestBrochurePlacesSectionsByIDKindAndRest(t *testing.T) {
	fs := fstest.MapFS{}
	for k, v := range files {
		fs[k] = v
	}
	fs["layouts/trifold.toml"] = &fstest.MapFile{Data: []byte(`kind = "trifold"
omit = ["during"]
[[flow]]
panels = ["front"]
blocks = ["cover"]
[[flow]]
panels = ["inside-1", "inside-2", "inside-3"]
blocks = ["sections"]
[[flow]]
panels = ["folds-in"]
blocks = ["kind:warning"]
[[flow]]
panels = ["back"]
blocks = ["what-it-is", "contact"]
`)}
	p, diags := content.Load(&content.Overlay{Builtin: fs})
	if len(diags) > 0 {
		t.Fatal(diags)
	}
	d, _, _, err := Brochure(p, BrochureRequest{Treatment: "microneedling", Layout: "trifold"})
	if err != nil {
		t.Fatal(err)
	}
	// The follow-up plan is for handouts only, and "during" is omitted; the conditions'
	// visits differ, so each condition gives its own, without dates.
	want := `title "Microneedling – Test Clinic"
subject "Microneedling: Acne scars, Hair loss"
header "" "" []
footer "Test Clinic · 555 0100"
flow front
  part cover
    cover "Test Clinic" "" "Microneedling" "" 
flow inside-1 inside-2 inside-3
  part sections
    h1 Acne scars
    p Marks left by acne.
    p Book your next session 4 to 6 weeks after your treatment; 3 to 6 sessions in all.
    h1 Hair loss
    p Thinning hair.
    p Book your next session 2 to 5 weeks after your treatment; 3 to 6 sessions in all.
    h1 Your aftercare, day by day
    ul
      -
        p **The day of treatment: **Warm skin.
        p **Do: **Rest.
      -
        p **Days 1 to 3: **Redness, like a sunburn.
        p **Do: **Use sunscreen.
        p **Avoid: **Scrubs.
flow folds-in
  part kind:warning
    callout "Call us if"
      ul
        -
          p you have a fever
      p **Call 555 0100**. After hours, call **555 0199**. In an emergency, call your local emergency number.
flow back
  part what-it-is
    h1 What is microneedling?
    p Tiny needles. Call 555 0100.
  part contact
    h1 Contact us
    p **Test Clinic**
    p **Phone **555 0100
    p **After hours **555 0199
    p **Web **clinic.example
`
	if got := doc.Dump(d); got != want {
		t.Errorf("brochure:\n%s\nwant:\n%s", got, want)
	}
}

func TestInitials(t *testing.T) {
	for in, want := range map[string]string{
		"Zoë Łukasiewicz-Ñúñez":  "Zoë Ł.",
		"Ana":                    "Ana",
		"Nguyễn Thị Phương Thảo": "Nguyễn T.",
		"  Ana   de la Cruz ":    "Ana C.",
	} {
		if got := initials(in); got != want {
			t.Errorf("initials(%q) = %q, want %q", in, got, want)
		}
	}
}
