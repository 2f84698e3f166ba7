package font

import (
	"os"
	"reflect"
	"testing"
	"testing/fstest"

	"github.com/careprint/careprint/internal/geom"
	"github.com/careprint/careprint/internal/layout"
)

func load(t *testing.T) *Set {
	t.Helper()
	s, err := Load(os.DirFS("../.."), "fonts")
	if err != nil {
		t.Fatal(err)
	}
	s.SetFallback("AtkinsonHyperlegible", "DejaVuSans")
	return s
}

var atkinson = layout.Face{Family: "AtkinsonHyperlegible"}

func TestFaceForPicksTheFallbackOnlyWhenNeeded(t *testing.T) {
	s := load(t)
	tests := []struct {
		r    rune
		want string
		ok   bool
	}{
		{'a', "AtkinsonHyperlegible-Regular", true},
		{'ñ', "AtkinsonHyperlegible-Regular", true},
		{'Ж', "DejaVuSans-Regular", true}, // Cyrillic: Atkinson lacks it
		{'→', "DejaVuSans-Regular", true}, // arrows
		{'ệ', "DejaVuSans-Regular", true}, // Vietnamese
		{'術', "", false},                  // CJK: no font
		{'😀', "", false},                  // above U+FFFF: fpdf cannot draw it
	}
	for _, tt := range tests {
		f, ok := s.FaceFor(atkinson, tt.r)
		got := ""
		if ok {
			got = f.String()
		}
		if got != tt.want || ok != tt.ok {
			t.Errorf("FaceFor(%q) = %s, %v; want %s, %v", tt.r, got, ok, tt.want, tt.ok)
		}
	}
	// Bold text falls back to the fallback's bold; italic to its regular (no italic file).
	if f, _ := s.FaceFor(layout.Face{Family: "AtkinsonHyperlegible", Bold: true}, 'Ж'); f.String() != "DejaVuSans-Bold" {
		t.Errorf("bold Ж drawn with %s", f)
	}
	if f, _ := s.FaceFor(layout.Face{Family: "AtkinsonHyperlegible", Italic: true}, 'Ж'); f.String() != "DejaVuSans-Regular" {
		t.Errorf("italic Ж drawn with %s", f)
	}
}

func TestMissingListsOnlyUnprintableRunes(t *testing.T) {
	s := load(t)
	got := s.Missing(atkinson, "Zoë Łukasiewicz-Ñúñez 山田 術 😀 山")
	want := []rune{'山', '田', '術', '😀'}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("Missing = %q, want %q", got, want)
	}
	if got := s.Missing(atkinson, "Ana Núñez, Đặng, Ольга"); got != nil {
		t.Errorf("Missing = %q, want none", got)
	}
}

func TestWidthUsesTheFontsAdvances(t *testing.T) {
	s := load(t)
	// At 1000 pt, a width in points equals the sum of the advances in thousandths of an
	// em, the numbers fpdf writes into the PDF's /W array.
	w := s.Width(atkinson, geom.Pt(1000), "i")
	wide := s.Width(atkinson, geom.Pt(1000), "W")
	if w <= 0 || wide <= w*2 {
		t.Errorf("i = %s mm, W = %s mm at 1000pt: a proportional font", w, wide)
	}
	if two := s.Width(atkinson, geom.Pt(1000), "ii"); two != 2*w && two != 2*w+1 && two != 2*w-1 {
		t.Errorf("ii = %s, want twice %s", two, w)
	}
}

func TestLoadRejectsABrokenFont(t *testing.T) {
	fsys := fstest.MapFS{"fonts/Broken-Bold.ttf": {Data: []byte("not a font")}}
	_, err := Load(fsys, "fonts")
	if err == nil || err.Error() != "fonts/Broken-Bold.ttf: not a TrueType font: sfnt: invalid bounds" {
		t.Errorf("error = %v", err)
	}
}

// Hebrew letters and Arabic presentation forms are drawable (the layout puts them in
// visual order and joins Arabic first); an Arabic letter left in its base form, and
// scripts that need a shaper, are not: fpdf would print them unjoined or unordered.
func TestOnlyShapedRightToLeftIsDrawable(t *testing.T) {
	s, err := Load(os.DirFS("../.."), "fonts")
	if err != nil {
		t.Fatal(err)
	}
	s.SetFallback("AtkinsonHyperlegible", "DejaVuSans")
	atkinson := layout.Face{Family: "AtkinsonHyperlegible"}
	if got := s.Missing(atkinson, "Ana שרה \uFEB3\uFE8E\uFEAD\uFE93 سارة नमस्ते Ольга"); string(got) != "سارةनमस्ते" {
		t.Errorf("missing = %q, want the unshaped Arabic and the Devanagari letters only", string(got))
	}
}
