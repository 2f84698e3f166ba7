package content

import (
	"maps"
	"os"
	"strings"
	"testing"
)

func TestLanguageHelpLinesAreChecked(t *testing.T) {
	tests := []struct {
		name, lines, want string
	}{
		{"valid", "[[language_help]]\nlanguage = \"zh-hant\"\ntext = \"請致電 {{.Clinic.Phone}}。\"\n", ""},
		{"inline tables", "language_help = [{language = \"es\", text = \"Llame al {{.Clinic.Phone}}\"}]\n", ""},
		{"a line break", "[[language_help]]\nlanguage = \"es\"\ntext = \"\"\"Llame al\n{{.Clinic.Phone}}.\"\"\"\n",
			`content/clinic.toml:6:19: language_help[0].text: a language-help line is one line: remove the line break`},
		{"too long", "[[language_help]]\nlanguage = \"es\"\ntext = \"" + strings.Repeat("á", 301) + " {{.Clinic.Phone}}\"\n",
			`content/clinic.toml:6:1: language_help[0].text: 319 characters: a language-help line is at most 300; say that free help is available and whom to call`},
		{"no text", "[[language_help]]\nlanguage = \"es\"\n",
			`content/clinic.toml:4:3: language_help[0]: missing: add text = "..."`},
		{"empty language", "[[language_help]]\nlanguage = \"\"\ntext = \"Llame al 555\"\n",
			`content/clinic.toml:5:1: language_help[0].language: must not be empty`},
		{"a control character", "[[language_help]]\nlanguage = \"es\"\ntext = \"Llame\\u0007 al {{.Clinic.Phone}}\"\n",
			`content/clinic.toml:6:1: language_help[0].text: a control character or invalid UTF-8: retype the line`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, got := load(t, map[string]string{"content/clinic.toml": okClinic + "\n" + tt.lines})
			if got != tt.want {
				t.Errorf("got  %s\nwant %s", got, tt.want)
			}
		})
	}
}

func TestLanguageHelpLineFillsThePhoneAndNamesItsLanguage(t *testing.T) {
	p, errs := load(t, map[string]string{"content/clinic.toml": okClinic + `
[[language_help]]
language = "zh-hant"
text = "請致電 {{.Clinic.Phone}}。"

[[language_help]]
language = "ar"
text = "اتصل برقم {{.Clinic.Phone}}."
`})
	if errs != "" {
		t.Fatal(errs)
	}
	zh, ar := &p.Clinic.LanguageHelp[0], &p.Clinic.LanguageHelp[1]
	if zh.Tag != "zh-Hant" || zh.Name != "Traditional Chinese" {
		t.Errorf("tag %q, name %q; want zh-Hant, Traditional Chinese", zh.Tag, zh.Name)
	}
	if got, want := zh.Line("555 0100"), "請致電 555 0100。"; got != want {
		t.Errorf("Line = %q, want %q", got, want)
	}
	// In a right-to-left line the number is a left-to-right isolate, so that it keeps
	// its order.
	if got, want := ar.Line("555 0100"), "اتصل برقم \u2066555 0100\u2069."; got != want {
		t.Errorf("Line = %q, want %q", got, want)
	}
	// Columns count bytes, as in every message.
	if line, col := zh.Pos(len("請致電 ")); line != 6 || col != 19 {
		t.Errorf("Pos = %d:%d, want 6:19 (the placeholder)", line, col)
	}
}

// A translation of the clinic file keeps the source's language-help lines: they are in
// their own languages already.
func TestClinicTranslationKeepsTheLanguageHelpLines(t *testing.T) {
	lines := "\n[[language_help]]\nlanguage = \"vi\"\ntext = \"Gọi số {{.Clinic.Phone}}.\"\n"
	cat := map[string]string{}
	for _, f := range []string{"en.toml", "es.toml"} {
		b, err := os.ReadFile("../../i18n/" + f)
		if err != nil {
			t.Fatal(err)
		}
		cat["i18n/"+f] = string(b)
	}
	files := func(m map[string]string) map[string]string {
		maps.Copy(m, cat)
		return m
	}
	p, errs := load(t, files(map[string]string{
		"content/clinic.toml":    okClinic + lines,
		"content/clinic.es.toml": "tagline = \"Hola\"\n",
	}))
	if errs != "" {
		t.Fatal(errs)
	}
	if got := p.Translations["es"].Project.Clinic.LanguageHelp; len(got) != 1 || got[0].Tag != "vi" || got[0].At == nil {
		t.Errorf("the Spanish clinic's lines = %+v, want the source's", got)
	}
	_, errs = load(t, files(map[string]string{
		"content/clinic.toml":    okClinic + lines,
		"content/clinic.es.toml": "tagline = \"Hola\"\n" + strings.Replace(lines, "Gọi số", "Llame al", 1),
	}))
	want := `content/clinic.es.toml:5:1: language_help[0].text: language-help lines are each in their own language already: list them once, in content/clinic.toml`
	if errs != want {
		t.Errorf("got  %s\nwant %s", errs, want)
	}
}
