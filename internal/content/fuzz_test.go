package content

import (
	"os"
	"strings"
	"testing"
	"testing/fstest"
)

// FuzzLoad loads a project whose condition file (the bytes fuzzed) sits beside valid
// content: any bytes give diagnostics, never a panic, and every diagnostic names a file.
func FuzzLoad(f *testing.F) {
	f.Add([]byte(okCondition))
	f.Add([]byte("title = \"\"\"\n<div>x</div>\n\"\"\"\ntreatments = [\"microneedling\"]\ntext = \"[a](javascript:x)\"\n"))
	f.Add([]byte("text = \"{{printf \\\"%0999999999d\\\" 1}}\"\n"))
	f.Add([]byte("text = \"Zo\xeb\"\n"))
	f.Fuzz(func(t *testing.T, src []byte) {
		checkLoad(t, "content/conditions/acne-scars.toml", src)
	})
}

// FuzzLoadLayout does the same for a layout file.
func FuzzLoadLayout(f *testing.F) {
	f.Add([]byte(okLayout))
	f.Add([]byte("kind = \"trifold\"\n[[flow]]\npanels = [\"inside-left\"]\nblocks = [\"cover\"]\n"))
	f.Add([]byte("[margins]\ntop = \"99 furlongs\"\n[type]\nbody = \"1000pt\"\n"))
	f.Fuzz(func(t *testing.T, src []byte) {
		checkLoad(t, "layouts/handout.toml", src)
	})
}

func checkLoad(t *testing.T, name string, src []byte) {
	fsys := fstest.MapFS{
		"content/clinic.toml":                   {Data: []byte(okClinic)},
		"content/treatments/microneedling.toml": {Data: []byte(okTreatment)},
		"content/conditions/acne-scars.toml":    {Data: []byte(okCondition)},
		"layouts/handout.toml":                  {Data: []byte(okLayout)},
	}
	fsys[name] = &fstest.MapFile{Data: src}
	_, diags := Load(&Overlay{Builtin: fsys})
	for _, d := range diags {
		if d.File == "" {
			t.Errorf("a diagnostic without a file: %v", d)
		}
	}
}

// FuzzText runs a text field through placeholders and Markdown: an error or blocks,
// never a panic, and an error's position is inside the file.
func FuzzText(f *testing.F) {
	for _, s := range []string{
		"Call **{{.Clinic.Phone}}** today.", "{{if .Clinic.AfterHours}}Out of hours: {{.Clinic.AfterHours}}{{end}}",
		`{{define "a"}}xx{{end}}{{template "a"}}{{template "a"}}`, `{{printf "%0999999999d" 1}}`,
		"See [x](javascript:alert(1)) and <file:///etc/passwd>.", "- one\n- two\n\n1. a\n2. b\n", "<div>x</div>",
		"{{range .Clinic.Address}}{{.}}{{end}}", "{{.Clinic.Phon}}", "a\\\n  b",
	} {
		f.Add(s, true)
		f.Add(s, false)
	}
	f.Fuzz(func(t *testing.T, text string, multiline bool) {
		q := `"` + strings.NewReplacer(`\`, `\\`, `"`, `\"`, "\n", `\n`, "\r", `\r`).Replace(text) + `"`
		if multiline && !strings.Contains(text, "'''") {
			q = "'''\n" + text + "'''"
		}
		src := strings.Replace(okCondition, `"Marks left by acne."`, q, 1)
		fsys := fstest.MapFS{
			"content/clinic.toml":                   {Data: []byte(okClinic)},
			"content/treatments/microneedling.toml": {Data: []byte(okTreatment)},
			"content/conditions/acne-scars.toml":    {Data: []byte(src)},
			"layouts/handout.toml":                  {Data: []byte(okLayout)},
		}
		_, diags := Load(&Overlay{Builtin: fsys})
		lines := strings.Count(src, "\n") + 1
		for _, d := range diags {
			if d.Line > lines {
				t.Errorf("%v: line %d is past the end of the file (%d lines)", d, d.Line, lines)
			}
		}
	})
}

// FuzzDecodeImage decodes any bytes as a logo: an error or a PNG, never a panic and
// never more than the pixel limit decoded (the seeds include a 68-byte PNG that claims
// 100000 × 100000 pixels).
func FuzzDecodeImage(f *testing.F) {
	for _, file := range []string{"testdata/huge-header.png", "testdata/interlaced.png", "testdata/logo.webp"} {
		data, err := os.ReadFile(file)
		if err != nil {
			f.Fatal(err)
		}
		f.Add(data)
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		img, err := DecodeImage("logo.png", data)
		if err == nil && (img.Width > maxImageSide || img.Height > maxImageSide || len(img.PNG) == 0) {
			t.Errorf("decoded %d × %d, %d bytes", img.Width, img.Height, len(img.PNG))
		}
	})
}
