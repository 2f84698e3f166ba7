package engine

import (
	"strings"
	"testing"
	"testing/fstest"

	careprint "github.com/careprint/careprint"
	"github.com/careprint/careprint/internal/content"
)

// TestBuiltInContentReadsAtGradeEight fails when an edit to the built-in content pushes a
// section over grade 8 on either formula.
func TestBuiltInContentReadsAtGradeEightInEnglishAndSpanish(t *testing.T) {
	p, diags := content.Load(&content.Overlay{Builtin: careprint.Defaults})
	if diags.HasErrors() {
		t.Fatal(diags)
	}
	lines, warns := CheckReadability(p)
	if len(warns) > 0 {
		t.Errorf("built-in content over grade 8:\n%s", warns.Error())
	}
	// In English and, with the Spanish formulas, in Spanish ("bastante fácil" or easier).
	if len(lines) != 32 {
		t.Errorf("want 32 scored sections (8 of the treatment, 8 conditions, in en and es), got %d: %v", len(lines), lines)
	}
}

func TestHardSectionIsAWarningWithPosition(t *testing.T) {
	files := fstest.MapFS{
		"content/conditions/melasma.toml": {Data: []byte(`title = "Melasma"
treatments = ["microneedling"]
text = """
Melasma is an acquired hypermelanotic disorder characterised by symmetrical hyperpigmented macules.
Its pathogenesis involves ultraviolet irradiation, hormonal influences and genetic predisposition.
Therapeutic interventions frequently demonstrate considerable variability regarding efficacy.
"""
`)},
	}
	p, _ := content.Load(&content.Overlay{Builtin: careprint.Defaults, Project: files})
	_, warns := CheckReadability(p)
	want := "content/conditions/melasma.toml:3: warning: melasma: SMOG 18.2 over 8 (long words: melasma, hypermelanotic, disorder, characterised, symmetrical)\n" +
		"content/conditions/melasma.toml:3: warning: melasma: Flesch-Kincaid grade 27.6 over 8: use shorter sentences and words (long words: melasma, hypermelanotic, disorder, characterised, symmetrical)"
	if got := warns.Error(); got != want {
		t.Errorf("warnings:\n%s\nwant:\n%s", got, want)
	}
}

func TestLongSectionWithoutAHeading(t *testing.T) {
	para := "Keep the skin clean.\n\n"
	for _, tt := range []struct {
		name, text, want string
	}{
		{"five paragraphs", strings.Repeat(para, 5),
			`content/conditions/acne-scars.toml:3:1: warning: text: more than four paragraphs without a heading: readers skip long unbroken text; split it with a "### Heading" line`},
		{"four paragraphs", strings.Repeat(para, 4), ""},
		{"five, split by a heading", strings.Repeat(para, 3) + "### Later\n\n" + strings.Repeat(para, 2), ""},
	} {
		t.Run(tt.name, func(t *testing.T) {
			got := plainFindings(t, "content/conditions/acne-scars.toml", "title = \"Acne scars\"\ntreatments = [\"microneedling\"]\ntext = \"\"\"\n"+tt.text+"\"\"\"\n", "without a heading")
			if got != tt.want {
				t.Errorf("got:\n%s\nwant:\n%s", got, tt.want)
			}
		})
	}
}

// PEMAT item 20: every aftercare phase tells the patient at least one thing to do.
func TestAftercarePhaseWithoutAnAction(t *testing.T) {
	builtin, err := careprint.Defaults.ReadFile("content/treatments/microneedling.toml")
	if err != nil {
		t.Fatal(err)
	}
	for _, tt := range []struct {
		name, from, to, want string
	}{
		{"no action", `do = ["Go back to your normal skin care.", "Keep wearing sunscreen."]`, `do = []`,
			`content/treatments/microneedling.toml:99:3: warning: section[4].phase[3]: no action for days 8 to 14: add do = ["..."] so the patient knows what to do`},
		{"one action is enough", `do = ["Go back to your normal skin care.", "Keep wearing sunscreen."]`, `do = ["Keep wearing sunscreen."]`, ""},
	} {
		t.Run(tt.name, func(t *testing.T) {
			src := strings.Replace(string(builtin), tt.from, tt.to, 1)
			if src == string(builtin) {
				t.Fatal("the built-in treatment changed: update the test")
			}
			if got := plainFindings(t, "content/treatments/microneedling.toml", src, "no action"); got != tt.want {
				t.Errorf("got:\n%s\nwant:\n%s", got, tt.want)
			}
		})
	}
}

// plainFindings loads the built-in project with file replaced by src and returns the
// plain-language findings whose message contains about, one per line.
func plainFindings(t *testing.T, file, src, about string) string {
	t.Helper()
	p, diags := content.Load(&content.Overlay{Builtin: careprint.Defaults, Project: fstest.MapFS{file: {Data: []byte(src)}}})
	if diags.HasErrors() {
		t.Fatal(diags)
	}
	var got []string
	for _, d := range CheckPlain(p) {
		if strings.Contains(d.Msg, about) {
			got = append(got, d.Error())
		}
	}
	return strings.Join(got, "\n")
}
