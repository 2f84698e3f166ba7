package content

import (
	"strings"
	"testing"
	"testing/fstest"
)

const okClinic = `name = "Test Clinic"
phone = "555 0100"
`

const okTreatment = `title = "Microneedling"
what_it_is = "Tiny needles."
warning_signs = ["you have a fever"]

[[aftercare]]
from_day = 0
to_day = 2
expect = "Red skin."
do = ["Use sunscreen."]

[review]
review_due = 2027-11-30
`

const okCondition = `title = "Acne scars"
treatment = "microneedling"
what_it_is = "Marks left by acne."

[weeks_between]
min = 4
max = 6
`

const okLayout = `description = "test"
blocks = ["patient", "aftercare"]
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
		{"unknown key with suggestion", map[string]string{"content/conditions/acne-scars.toml": okCondition + "\n[sessions]\nmin = 3\nmax = 6\nmxa = 6\n"},
			`content/conditions/acne-scars.toml:12:1: sessions.mxa: unknown key "mxa" (did you mean max?)`},
		{"unknown top-level key lists known ones", map[string]string{"layouts/handout.toml": okLayout + "colour = \"red\"\n"},
			`layouts/handout.toml:3:1: colour: unknown key "colour" (did you mean colors?)`},
		{"wrong type", map[string]string{"content/conditions/acne-scars.toml": "title = \"A\"\ntreatment = \"microneedling\"\n[sessions]\nmin = \"three\"\n"},
			`content/conditions/acne-scars.toml:4:1: sessions.min: wrong type: want an integer, found a string`},
		{"bad colour", map[string]string{"content/clinic.toml": okClinic + "[colors]\nprimary = \"#1a5f7\"\n"},
			`content/clinic.toml:4:12: colors.primary: invalid colour "#1a5f7" (want #rrggbb, e.g. "#1a5f7a")`},
		{"bad length", map[string]string{"layouts/handout.toml": okLayout + "[margins]\ntop = \"99 furlongs\"\n"},
			`layouts/handout.toml:4:8: margins.top: invalid length "99 furlongs" (want a number and a unit: mm, cm, in or pt, e.g. "12mm")`},
		{"unknown treatment", map[string]string{"content/conditions/acne-scars.toml": strings.Replace(okCondition, `"microneedling"`, `"microneedlin"`, 1)},
			`content/conditions/acne-scars.toml:2:1: treatment: unknown treatment "microneedlin" (did you mean microneedling?)`},
		{"unknown block", map[string]string{"layouts/handout.toml": "blocks = [\"patient\", \"aftercar\"]\n"},
			`layouts/handout.toml:1:23: blocks[1]: unknown block "aftercar" (did you mean aftercare?)`},
		{"days run backwards", map[string]string{"content/treatments/microneedling.toml": strings.Replace(okTreatment, "to_day = 2", "to_day = -1", 1)},
			`content/treatments/microneedling.toml:7:1: aftercare[0].to_day: day -1 comes before from_day 0`},
		{"unknown placeholder", map[string]string{"content/conditions/acne-scars.toml": strings.Replace(okCondition, "Marks left by acne.", "Call {{.Clinic.Phon}}.", 1)},
			`content/conditions/acne-scars.toml:3:29: what_it_is: unknown placeholder field "Phon" (known: {{.Clinic.Name}}, {{.Clinic.Phone}}, {{.Clinic.AfterHours}}, {{.Clinic.Email}}, {{.Clinic.Website}}, {{.Clinic.BookingURL}}, {{.Clinic.Hours}})`},
		{"raw HTML in a multi-line field", map[string]string{"content/conditions/acne-scars.toml": strings.Replace(okCondition, `what_it_is = "Marks left by acne."`, "what_it_is = \"\"\"\nMarks left by acne.\n\n<div>scars</div>\n\"\"\"", 1)},
			`content/conditions/acne-scars.toml:6:1: what_it_is: raw HTML cannot be printed; use Markdown (**bold**, *italic*, - lists)`},
		{"bad review date", map[string]string{"content/treatments/microneedling.toml": strings.Replace(okTreatment, "2027-11-30", `"30/11/2027"`, 1)},
			`content/treatments/microneedling.toml:12:15: review.review_due: invalid date "30/11/2027" (want YYYY-MM-DD, e.g. 2027-11-30)`},
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
	p, errs := load(t, map[string]string{"content/conditions/acne-scars.toml": strings.Replace(okCondition, "Marks left by acne.", "Call **{{.Clinic.Phone}}** today.", 1)})
	if errs != "" {
		t.Fatal(errs)
	}
	got := p.Conditions["acne-scars"].Doc.WhatItIs
	if len(got) != 1 {
		t.Fatalf("blocks: %#v", got)
	}
	want := "Call 555 0100 today.\n"
	found := false
	for _, tf := range p.Texts {
		if tf.Key == "what_it_is" && tf.Text == want {
			found = true
		}
	}
	if !found {
		t.Errorf("printed text of what_it_is not recorded as %q: %+v", want, p.Texts)
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
			"layouts/handout.toml: cannot read the file: is 1048634 bytes, more than the limit of 1 MB"},
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
			`content/conditions/acne-scars.toml:3:20: what_it_is: placeholder: {{printf "%0999999999d" 1}} is not allowed: use {{.Clinic.Phone}} and the like`},
		{"define and template", withText(`"""{{define "a"}}xx{{end}}{{template "a"}}"""`),
			`content/conditions/acne-scars.toml:3:17: what_it_is: placeholder: define and block are not allowed: write the text out`},
		{"range", withText("\"\"\"\nOne.\n{{range .Clinic.Address}}x{{end}}\n\"\"\""),
			`content/conditions/acne-scars.toml:5:1: what_it_is: placeholder: {{range .Clinic.Address}}x{{end}} is not allowed: use {{.Clinic.Phone}} and the like, or {{if .Clinic.AfterHours}}…{{end}}`},
		{"parse error on a later line", withText("\"\"\"\nOne.\nTwo {{.Clinic.Phone\n\"\"\""),
			`content/conditions/acne-scars.toml:5:1: what_it_is: placeholder: unclosed action`},
		{"javascript link", withText(`"See [this](javascript:alert(1))."`),
			`content/conditions/acne-scars.toml:3:19: what_it_is: link "javascript:alert(1)" is not allowed: a link starts with https://, http://, mailto: or tel:`},
		{"file link on line 4 of a multi-line string", withText("\"\"\"\nOne.\n\nTwo, \\\n  then [a file](file:///etc/passwd).\n\"\"\""),
			`content/conditions/acne-scars.toml:7:8: what_it_is: link "file:///etc/passwd" is not allowed: a link starts with https://, http://, mailto: or tel:`},
		{"raw HTML on line 22", withText("'''\n" + strings.Repeat("Line.\n", 21) + "  Hello <b>there</b>.\n'''"),
			`content/conditions/acne-scars.toml:25:9: what_it_is: raw HTML cannot be printed; use Markdown (**bold**, *italic*, [text](url))`},
		{"link in an array element", map[string]string{"content/treatments/microneedling.toml": strings.Replace(okTreatment, `do = ["Use sunscreen."]`, "do = [\n  \"Use sunscreen.\",\n  \"Read [this](tel:1) and [that](ftp://x).\",\n]", 1)},
			`content/treatments/microneedling.toml:11:27: aftercare[0].do[1]: link "ftp://x" is not allowed: a link starts with https://, http://, mailto: or tel:`},
		{"a formatting artefact", map[string]string{
			"content/clinic.toml":                okClinic + "hours = \"9 to 5 %!(NOVERB)\"\n",
			"content/conditions/acne-scars.toml": strings.Replace(okCondition, `"Marks left by acne."`, `"Open {{.Clinic.Hours}}."`, 1)},
			`content/conditions/acne-scars.toml:3:15: what_it_is: placeholder: a formatting error (%!) would be printed`},
		{"placeholders filling more than 1 MB", map[string]string{
			"content/clinic.toml":                okClinic + "hours = \"" + strings.Repeat("9 to 5 ", 20000) + "\"\n",
			"content/conditions/acne-scars.toml": strings.Replace(okCondition, `"Marks left by acne."`, `"`+strings.Repeat("{{.Clinic.Hours}}", 10)+`"`, 1)},
			`content/conditions/acne-scars.toml:3:1: what_it_is: the placeholders fill more than 1 MB (the limit)`},
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
