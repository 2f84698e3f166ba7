package rtl

import (
	"fmt"
	"testing"
)

func codes(s string) string {
	out := ""
	for _, r := range s {
		if out != "" {
			out += " "
		}
		out += fmt.Sprintf("%04X", r)
	}
	return out
}

func TestVisual(t *testing.T) {
	for _, c := range []struct{ name, in, want string }{
		{"latin unchanged", "Zoë Łukasiewicz", "005A 006F 00EB 0020 0141 0075 006B 0061 0073 0069 0065 0077 0069 0063 007A"},
		// Hebrew has no joining: only the order changes.
		{"hebrew", "שלום", "05DD 05D5 05DC 05E9"},
		// meem initial, hah medial, meem medial, dal final; then reversed.
		{"arabic", "محمد", "FEAA FEE4 FEA4 FEE3"},
		// seen initial, lam-alef final ligature, meem isolated.
		{"lam-alef", "سلام", "FEE1 FEFC FEB3"},
		// Persian peh initial, reh final (joins only before it), farsi yeh isolated.
		{"persian", "پری", "FBFC FEAE FB58"},
		// Two words: each reversed, and the words in right-to-left order.
		{"two words", "علي حسن", "FEE6 FEB4 FEA3 0020 FEF2 FEE0 FECB"},
		// A left-to-right line keeps its order; digits after Arabic letters belong to
		// their run (rule W2) and keep their own order inside it.
		{"mixed", "Dr علي 12", "0044 0072 0020 0031 0032 0020 FEF2 FEE0 FECB"},
		{"latin after", "علي Dr", "FEF2 FEE0 FECB 0020 0044 0072"},
		// A mark stays after its letter.
		{"mark", "بَاب", "FE8F FE8E FE91 064E"},
		// Brackets inside a right-to-left run are mirrored.
		{"brackets", "(שלום)", "0028 05DD 05D5 05DC 05E9 0029"},
	} {
		t.Run(c.name, func(t *testing.T) {
			if got := codes(Visual(c.in)); got != c.want {
				t.Errorf("Visual(%q) = %s, want %s", c.in, got, c.want)
			}
		})
	}
}

func TestHas(t *testing.T) {
	for s, want := range map[string]bool{"Ana": false, "שלום": true, "محمد": true, "Zo\uFEFFë": false} {
		if Has(s) != want {
			t.Errorf("Has(%q) = %v", s, !want)
		}
	}
}

// A right-to-left name in an English line keeps its own full stop at its own end (the
// left), not after it in the English reading order.
func TestIsolateKeepsANamesMarksWithIt(t *testing.T) {
	got := []rune(Visual(Isolate("سارة أ.") + " · Page 2"))
	if got[0] != '.' {
		t.Errorf("Visual(Isolate(name) + label) = %q, want the name's full stop first (leftmost)", string(got))
	}
	if Isolate("Zoë Ł.") != "Zoë Ł." {
		t.Errorf("Isolate changed a name with no right-to-left letters: %q", Isolate("Zoë Ł."))
	}
}
