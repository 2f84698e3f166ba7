package hyphen

import "testing"

// "hy-phen-ation" is the TeXbook's own example, and table, project and associates come
// from the exception list; the Spanish words follow the RAE's syllable division, which
// the Spanish patterns encode. The other English points are the patterns' (no TeX was
// at hand to run \showhyphens): they pin the algorithm, so that a change shows.
func TestPointsMatchTeX(t *testing.T) {
	tests := []struct {
		lang, word, want string
	}{
		{"en", "hyphenation", "hy-phen-ation"},
		{"en", "Hyphenation", "Hy-phen-ation"},
		{"en", "concatenation", "con-cate-na-tion"},
		{"en", "exfoliants", "ex-fo-liants"},
		{"en", "table", "ta-ble"},            // an exception
		{"en", "project", "project"},         // an exception with no point
		{"en", "associates", "as-so-ciates"}, // an exception
		{"en", "microneedling", "mi-croneedling"},
		{"en-US", "recommendation", "rec-om-men-da-tion"},
		{"en", "a", "a"},
		{"en", "it's", "it's"}, // not letters only: no points
		{"es", "hiperpigmentación", "hi-per-pig-men-ta-ción"},
		{"es", "tratamiento", "tra-ta-mien-to"},
		{"es-MX", "cicatrices", "ci-ca-tri-ces"},
		{"es", "enrojecimiento", "en-ro-je-ci-mien-to"},
	}
	for _, tt := range tests {
		if got := For(tt.lang).Hyphenate(tt.word); got != tt.want {
			t.Errorf("%s %q: got %q, want %q", tt.lang, tt.word, got, tt.want)
		}
	}
}

func TestMinimumFragments(t *testing.T) {
	// English keeps 2 letters before and 3 after a hyphen; Spanish 2 and 2.
	for _, tt := range []struct {
		lang, word string
		min, max   int
	}{
		{"en", "dermatologist", 2, len("dermatologist") - 3},
		{"es", "dermatólogo", 2, len([]rune("dermatólogo")) - 2},
	} {
		for _, p := range For(tt.lang).Points(tt.word) {
			if p < tt.min || p > tt.max {
				t.Errorf("%s %q: point %d outside [%d, %d]", tt.lang, tt.word, p, tt.min, tt.max)
			}
		}
	}
}

func TestUnknownLanguageHasNoHyphenator(t *testing.T) {
	if h := For("vi"); h != nil {
		t.Fatalf("For(vi) = %v, want nil", h)
	}
	if got := For("vi").Points("hyphenation"); got != nil {
		t.Fatalf("nil hyphenator gave points %v", got)
	}
}
