package content

import (
	"fmt"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/careprint/careprint/internal/doc"
)

const okClinic = `name = "Test Clinic"
phone = "555 0100"
`

const okTreatment = `title = "Microneedling"

[[section]]
id = "what-it-is"
heading = "What is it?"
text = "Tiny needles."

[[section]]
id = "conditions"
kind = "conditions"

[[section]]
id = "aftercare"
kind = "aftercare"
heading = "Aftercare"

[[section.phase]]
from = 0
to = 2
expect = "Red skin."
do = ["Use sunscreen."]

[[section]]
id = "next"
kind = "followup"
heading = "Next visit"
[[section.visit]]
id = "next-session"
label = "Book your next session"
from = 4
to = 6

[review]
review_due = 2027-11-30
`

const okCondition = `title = "Acne scars"
treatments = ["microneedling"]
text = "Marks left by acne."

[[visit]]
id = "next-session"
from = 4
to = 6
`

const okLayout = `description = "test"
blocks = ["patient", "sections"]
`

func load(t *testing.T, files map[string]string) (*Project, string) {
	t.Helper()
	fsys := fstest.MapFS{}
	base := map[string]string{
		"content/clinic.toml":                   okClinic,
		"content/treatments/microneedling.toml": okTreatment,
		"content/conditions/acne-scars.toml":    okCondition,
		"layouts/handout.toml":                  okLayout,
	}
	for k, v := range files {
		base[k] = v
	}
	for k, v := range base {
		if v == "" {
			continue // an empty string removes a file
		}
		fsys[k] = &fstest.MapFile{Data: []byte(v)}
	}
	p, diags := Load(&Overlay{Builtin: fsys})
	return p, diags.Error()
}

func TestLoadReportsEveryProblemWithPosition(t *testing.T) {
	tests := []struct {
		name  string
		files map[string]string
		want  string
	}{
		{"valid", nil, ""},
		{"syntax error", map[string]string{"content/clinic.toml": "name = \"x\"\ncolors.primary = #1a5f7a\n"},
			"content/clinic.toml:2:18: colors.primary: expected value but found '#' instead"},
		{"unknown key with suggestion", map[string]string{"content/conditions/acne-scars.toml": okCondition + "tot = 6\n"},
			`content/conditions/acne-scars.toml:9:1: visit.tot: unknown key "tot" (did you mean to?)`},
		{"unknown top-level key lists known ones", map[string]string{"layouts/handout.toml": okLayout + "colour = \"red\"\n"},
			`layouts/handout.toml:3:1: colour: unknown key "colour" (did you mean colors?)`},
		{"wrong type", map[string]string{"content/conditions/acne-scars.toml": "title = \"A\"\ntreatments = [\"microneedling\"]\n[[visit]]\nfrom = \"three\"\n"},
			`content/conditions/acne-scars.toml:4:1: visit.from: wrong type: want an integer, found a string`},
		{"bad colour", map[string]string{"content/clinic.toml": okClinic + "[colors]\nprimary = \"#1a5f7\"\n"},
			`content/clinic.toml:4:12: colors.primary: invalid colour "#1a5f7" (want #rrggbb, e.g. "#1a5f7a")`},
		{"bad length", map[string]string{"layouts/handout.toml": okLayout + "[margins]\ntop = \"99 furlongs\"\n"},
			`layouts/handout.toml:4:8: margins.top: invalid length "99 furlongs" (want a number and a unit: mm, cm, in or pt, e.g. "12mm")`},
		{"unknown treatment", map[string]string{"content/conditions/acne-scars.toml": strings.Replace(okCondition, `"microneedling"`, `"microneedlin"`, 1)},
			`content/conditions/acne-scars.toml:2:16: treatments[0]: unknown treatment "microneedlin" (did you mean microneedling?)`},
		{"the old one-treatment form", map[string]string{"content/conditions/acne-scars.toml": strings.Replace(okCondition, `treatments = ["microneedling"]`, `treatment = "microneedling"`, 1)},
			`content/conditions/acne-scars.toml:2:1: treatment: treatment = "x" is the old form: write treatments = ["x"] (a condition may belong to several treatments)`},
		{"a visit the plan does not have", map[string]string{"content/conditions/acne-scars.toml": strings.Replace(okCondition, `id = "next-session"`, `id = "next-sesion"`, 1)},
			`content/conditions/acne-scars.toml:5:3: visit[0]: visit "next-sesion" is not in the follow-up plan of microneedling (did you mean next-session?)`},
		{"unknown block", map[string]string{"layouts/handout.toml": "blocks = [\"patient\", \"After_care\"]\n"},
			`layouts/handout.toml:1:23: blocks[1]: unknown block "After_care" (did you mean aftercare?)`},
		{"days run backwards", map[string]string{"content/treatments/microneedling.toml": strings.Replace(okTreatment, "to = 2", "to = -1", 1)},
			`content/treatments/microneedling.toml:19:1: section[2].phase[0].to: days -1 must come after from = 0`},
		{"unknown unit", map[string]string{"content/treatments/microneedling.toml": strings.Replace(okTreatment, "to = 2", "to = 2\nunit = \"hour\"", 1)},
			`content/treatments/microneedling.toml:20:1: section[2].phase[0].unit: unknown unit "hour" (known: hours, days, weeks)`},
		{"unknown section kind", map[string]string{"content/treatments/microneedling.toml": strings.Replace(okTreatment, `kind = "followup"`, `kind = "folowup"`, 1)},
			`content/treatments/microneedling.toml:25:1: section[3].kind: unknown kind "folowup" (did you mean followup?)`},
		{"no place for the conditions", map[string]string{"content/treatments/microneedling.toml": strings.Replace(okTreatment, `kind = "conditions"`, `kind = "text"`+"\ntext = \"x\"", 1)},
			`content/treatments/microneedling.toml:3:3: section: no section of kind = "conditions": add one where the patient's conditions print`},
		{"a warning without a heading", map[string]string{"content/treatments/microneedling.toml": okTreatment + "[[section]]\nid = \"call\"\nkind = \"warning\"\ntone = \"loud\"\ntext = \"- fever\"\n"},
			"content/treatments/microneedling.toml:35:3: section[4]: a warning needs a heading: the title of its box, e.g. heading = \"Call us if\"\ncontent/treatments/microneedling.toml:38:1: section[4].tone: unknown tone \"loud\" (known: caution, urgent)"},
		{"a phase of a second aftercare section", map[string]string{"content/treatments/microneedling.toml": okTreatment + "[[section]]\nid = \"later\"\nkind = \"aftercare\"\nheading = \"Later\"\n[[section.phase]]\nfrom = 3\nto = 1\nexpect = \"x\"\n"},
			`content/treatments/microneedling.toml:41:1: section[4].phase[0].to: days 1 must come after from = 3`},
		{"the patient on a brochure", map[string]string{"content/treatments/microneedling.toml": strings.Replace(okTreatment, `heading = "What is it?"`, `heading = "{{.Patient.FirstName}}, what is it?"`, 1)},
			`content/treatments/microneedling.toml:5:1: section[0].heading: names the patient, but a brochure has no patient: set show = "handout", or give a brochure_text without {{.Patient…}}`},
		{"unknown placeholder", map[string]string{"content/conditions/acne-scars.toml": strings.Replace(okCondition, "Marks left by acne.", "Call {{.Clinic.Phon}}.", 1)},
			`content/conditions/acne-scars.toml:3:1: text: unknown placeholder field "Phon" (known: {{.Clinic.Name}}, {{.Clinic.Phone}}, {{.Clinic.AfterHours}}, {{.Clinic.Email}}, {{.Clinic.Website}}, {{.Clinic.BookingURL}}, {{.Clinic.Hours}}, {{.Treatment.Title}}, {{.Treatment.AlsoCalled}}, {{.Patient.Name}}, {{.Patient.FirstName}}, {{.Patient.Clinician}}, {{.Patient.Date}})`},
		{"raw HTML in a multi-line field", map[string]string{"content/conditions/acne-scars.toml": strings.Replace(okCondition, `text = "Marks left by acne."`, "text = \"\"\"\nMarks left by acne.\n\n<div>scars</div>\n\"\"\"", 1)},
			`content/conditions/acne-scars.toml:6:1: text: raw HTML cannot be printed; use Markdown (**bold**, *italic*, - lists)`},
		{"bad review date", map[string]string{"content/treatments/microneedling.toml": strings.Replace(okTreatment, "2027-11-30", `"30/11/2027"`, 1)},
			`content/treatments/microneedling.toml:34:15: review.review_due: invalid date "30/11/2027" (want YYYY-MM-DD, e.g. 2027-11-30)`},
		{"missing required", map[string]string{"content/clinic.toml": "name = \"\"\n"},
			"content/clinic.toml: phone: missing: add phone = \"...\"\ncontent/clinic.toml:1:1: name: must not be empty"},
		{"several files at once, sorted", map[string]string{
			"layouts/handout.toml": "paper = \"a3\"\nblocks = [\"patient\"]\n",
			"content/clinic.toml":  okClinic + "website = \"www.example\"\n"},
			"content/clinic.toml:3:1: website: invalid web address \"www.example\" (want https://…)\nlayouts/handout.toml:1:1: paper: unknown paper \"a3\" (known: a4, letter, a5)"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, got := load(t, tt.files)
			if got != tt.want {
				t.Errorf("diagnostics:\n got: %s\nwant: %s", got, tt.want)
			}
		})
	}
}

func TestLoadCompilesMarkdownAndPlaceholders(t *testing.T) {
	p, errs := load(t, map[string]string{"content/conditions/acne-scars.toml": strings.Replace(okCondition, "Marks left by acne.", "Call **{{.Clinic.Phone}}** about {{.Treatment.Title}}, {{.Patient.FirstName}}.", 1)})
	if errs != "" {
		t.Fatal(errs)
	}
	c := p.Conditions["acne-scars"]
	f := FieldsOf(p.Clinic, p.Treatments["microneedling"], &PatientFields{FirstName: "Zoë_*"})
	got, err := c.Part.TextC.Blocks(f)
	if err != nil {
		t.Fatal(err)
	}
	// The patient's name is text, never Markdown.
	if d := doc.Dump(&doc.Document{Blocks: got}); !strings.HasSuffix(d, "p Call **555 0100** about Microneedling, Zoë_*.\n") {
		t.Errorf("blocks: %s", d)
	}
	want := "Call 555 0100 about Microneedling, Alex.\n"
	found := false
	for _, tf := range p.Texts {
		if tf.Key == "text" && tf.Text == want {
			found = true
		}
	}
	if !found {
		t.Errorf("printed text of text not recorded as %q: %+v", want, p.Texts)
	}
	if d := p.Treatments["microneedling"].Review.ReviewDue; d.Format("2006-01-02") != "2027-11-30" {
		t.Errorf("review_due = %v", d)
	}
}

func TestOverlayPrefersProjectFiles(t *testing.T) {
	builtin := fstest.MapFS{"layouts/a.toml": {Data: []byte("x")}, "layouts/b.toml": {Data: []byte("y")}}
	proj := fstest.MapFS{"layouts/b.toml": {Data: []byte("mine")}, "layouts/c.toml": {Data: []byte("z")}}
	o := &Overlay{Project: proj, Builtin: builtin}
	entries, err := o.ReadDir("layouts")
	if err != nil {
		t.Fatal(err)
	}
	var names []string
	for _, e := range entries {
		names = append(names, e.Name()+":"+string(o.Origin("layouts/"+e.Name())))
	}
	if got := strings.Join(names, " "); got != "a.toml:built-in b.toml:project c.toml:project" {
		t.Errorf("got %s", got)
	}
}

// A content file is read only when it is UTF-8 and at most MaxFileSize bytes; otherwise
// it is one error naming the file (and, for bad bytes, where they are).
func TestFilesBeyondTheLimitsAreErrors(t *testing.T) {
	tests := []struct {
		name string
		file string
		src  string
		want string
	}{
		{"Windows-1252", "content/conditions/acne-scars.toml",
			"title = \"Acne scars\"\ntreatment = \"microneedling\"\nwhat_it_is = \"Zo\xeb says hello.\"\n",
			"content/conditions/acne-scars.toml:3:17: the file is not UTF-8 text: save it as UTF-8 (in most editors: Save As, encoding UTF-8)"},
		{"larger than 1 MB", "layouts/handout.toml",
			okLayout + "# " + strings.Repeat("x", MaxFileSize) + "\n",
			fmt.Sprintf("layouts/handout.toml: cannot read the file: is %d bytes, more than the limit of 1 MB", len(okLayout)+2+MaxFileSize+1)},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, got := load(t, map[string]string{tt.file: tt.src})
			if got != tt.want {
				t.Errorf("got:\n%s\nwant:\n%s", got, tt.want)
			}
		})
	}
}

// Text fields may use only the clinic's details as placeholders; links only go to web
// pages, e-mail and phones. Each problem is reported where it is written: inside a
// multi-line string, on its own line and column.
func TestTextFieldsAreSafe(t *testing.T) {
	withText := func(text string) map[string]string {
		return map[string]string{"content/conditions/acne-scars.toml": strings.Replace(okCondition, `"Marks left by acne."`, text, 1)}
	}
	tests := []struct {
		name  string
		files map[string]string
		want  string
	}{
		{"printf", withText(`"Call {{printf \"%0999999999d\" 1}}."`),
			`content/conditions/acne-scars.toml:3:14: text: placeholder: {{printf "%0999999999d" 1}} is not allowed: use {{.Clinic.Phone}} and the like`},
		{"define and template", withText(`"""{{define "a"}}xx{{end}}{{template "a"}}"""`),
			`content/conditions/acne-scars.toml:3:11: text: placeholder: define and block are not allowed: write the text out`},
		{"range", withText("\"\"\"\nOne.\n{{range .Clinic.Address}}x{{end}}\n\"\"\""),
			`content/conditions/acne-scars.toml:5:1: text: placeholder: {{range .Clinic.Address}}x{{end}} is not allowed: use {{.Clinic.Phone}} and the like, or {{if .Clinic.AfterHours}}…{{end}}`},
		{"parse error on a later line", withText("\"\"\"\nOne.\nTwo {{.Clinic.Phone\n\"\"\""),
			`content/conditions/acne-scars.toml:5:1: text: placeholder: unclosed action`},
		{"javascript link", withText(`"See [this](javascript:alert(1))."`),
			`content/conditions/acne-scars.toml:3:13: text: link "javascript:alert(1)" is not allowed: a link starts with https://, http://, mailto: or tel:`},
		{"file link on line 4 of a multi-line string", withText("\"\"\"\nOne.\n\nTwo, \\\n  then [a file](file:///etc/passwd).\n\"\"\""),
			`content/conditions/acne-scars.toml:7:8: text: link "file:///etc/passwd" is not allowed: a link starts with https://, http://, mailto: or tel:`},
		{"raw HTML on line 22", withText("'''\n" + strings.Repeat("Line.\n", 21) + "  Hello <b>there</b>.\n'''"),
			`content/conditions/acne-scars.toml:25:9: text: raw HTML cannot be printed; use Markdown (**bold**, *italic*, [text](url))`},
		{"link in an array element", map[string]string{"content/treatments/microneedling.toml": strings.Replace(okTreatment, `do = ["Use sunscreen."]`, "do = [\n  \"Use sunscreen.\",\n  \"Read [this](tel:1) and [that](ftp://x).\",\n]", 1)},
			`content/treatments/microneedling.toml:23:27: section[2].phase[0].do[1]: link "ftp://x" is not allowed: a link starts with https://, http://, mailto: or tel:`},
		{"a formatting artefact", map[string]string{
			"content/clinic.toml":                okClinic + "hours = \"9 to 5 %!(NOVERB)\"\n",
			"content/conditions/acne-scars.toml": strings.Replace(okCondition, `"Marks left by acne."`, `"Open {{.Clinic.Hours}}."`, 1)},
			`content/conditions/acne-scars.toml:3:1: text: placeholder: a formatting error (%!) would be printed`},
		{"placeholders filling more than 1 MB", map[string]string{
			"content/clinic.toml":                okClinic + "hours = \"" + strings.Repeat("9 to 5 ", 20000) + "\"\n",
			"content/conditions/acne-scars.toml": strings.Replace(okCondition, `"Marks left by acne."`, `"`+strings.Repeat("{{.Clinic.Hours}}", 10)+`"`, 1)},
			`content/conditions/acne-scars.toml:3:1: text: the placeholders fill more than 1 MB (the limit)`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, got := load(t, tt.files)
			if got != tt.want {
				t.Errorf("got:\n%s\nwant:\n%s", got, tt.want)
			}
		})
	}
}
