package cli

import (
	"testing"
	"testing/fstest"

	careprint "github.com/careprint/careprint"
	"github.com/careprint/careprint/internal/content"
)

// TestBuiltInContentReadsAtGradeEight fails when an edit to the built-in content pushes a
// section over grade 8 on either formula.
func TestBuiltInContentReadsAtGradeEight(t *testing.T) {
	p, diags := content.Load(&content.Overlay{Builtin: careprint.Defaults})
	if diags.HasErrors() {
		t.Fatal(diags)
	}
	lines, warns := checkReadability(p)
	if len(warns) > 0 {
		t.Errorf("built-in content over grade 8:\n%s", warns.Error())
	}
	if len(lines) != 16 {
		t.Errorf("want 16 scored sections (8 of the treatment, 8 conditions), got %d: %v", len(lines), lines)
	}
}

func TestHardSectionIsAWarningWithPosition(t *testing.T) {
	files := fstest.MapFS{
		"content/conditions/melasma.toml": {Data: []byte(`title = "Melasma"
treatment = "microneedling"
what_it_is = """
Melasma is an acquired hypermelanotic disorder characterised by symmetrical hyperpigmented macules.
Its pathogenesis involves ultraviolet irradiation, hormonal influences and genetic predisposition.
Therapeutic interventions frequently demonstrate considerable variability regarding efficacy.
"""
`)},
	}
	p, _ := content.Load(&content.Overlay{Builtin: careprint.Defaults, Project: files})
	_, warns := checkReadability(p)
	want := "content/conditions/melasma.toml:3: warning: melasma: SMOG 18.2 over 8 (long words: melasma, hypermelanotic, disorder, characterised, symmetrical)\n" +
		"content/conditions/melasma.toml:3: warning: melasma: Flesch-Kincaid grade 27.6 over 8: use shorter sentences and words (long words: melasma, hypermelanotic, disorder, characterised, symmetrical)"
	if got := warns.Error(); got != want {
		t.Errorf("warnings:\n%s\nwant:\n%s", got, want)
	}
}
