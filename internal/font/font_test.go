package font

import (
	"bytes"
	"errors"
	"os"
	"reflect"
	"strings"
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

func TestLoadRejectsFilesItCannotEmbed(t *testing.T) {
	ttf, err := os.ReadFile("../../fonts/AtkinsonHyperlegible-Regular.ttf")
	if err != nil {
		t.Fatal(err)
	}
	// A TrueType font whose glyf table is renamed CFF: a font with PostScript outlines
	// in all but its outlines.
	cffTable := bytes.Replace(ttf, []byte("glyf"), []byte("CFF "), 1)
	const cffMsg = "the font has CFF (PostScript) outlines: only TrueType (glyf) outlines can be embedded; use the family's TrueType (.ttf) files"
	tests := []struct {
		file string
		data []byte
		want string
	}{
		{"fonts/Broken-Bold.ttf", []byte("not a font"), "fonts/Broken-Bold.ttf: not a TrueType font: sfnt: invalid bounds"},
		{"fonts/Inter-Regular.otf", []byte("OTTO\x00\x0a\x00\x80\x00\x03\x00\x20"), "fonts/Inter-Regular.otf: " + cffMsg},
		{"fonts/Inter-Bold.ttf", []byte("OTTO\x00\x0a\x00\x80\x00\x03\x00\x20"), "fonts/Inter-Bold.ttf: " + cffMsg},
		{"fonts/Sans-Italic.ttf", cffTable, "fonts/Sans-Italic.ttf: " + cffMsg},
		{"fonts/Sans-Bold.ttf", bytes.Replace(ttf, []byte("glyf"), []byte("glyx"), 1), "fonts/Sans-Bold.ttf: the font has no glyf table: only TrueType (glyf) outlines can be embedded; use the family's TrueType (.ttf) files"},
	}
	for _, tt := range tests {
		s, err := Load(fstest.MapFS{tt.file: {Data: tt.data}, "fonts/Sans-Regular.ttf": {Data: ttf}}, "fonts")
		if err != nil {
			t.Fatalf("%s: Load: %v", tt.file, err)
		}
		rej := s.Rejected()
		if len(rej) != 1 || rej[0].Err.Error() != tt.want || rej[0].File != tt.file {
			t.Errorf("%s: rejected %v, want %q", tt.file, rej, tt.want)
			continue
		}
		if tt.want != "" && strings.Contains(tt.want, "glyf") && !errors.Is(rej[0].Err, ErrNotTrueType) {
			t.Errorf("%s: not ErrNotTrueType", tt.file)
		}
		if s.HasFace(rej[0].Face) {
			t.Errorf("%s: the set has %v", tt.file, rej[0].Face)
		}
		if !s.HasFace(layout.Face{Family: "Sans"}) {
			t.Errorf("%s: the good file next to it is not loaded", tt.file)
		}
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
