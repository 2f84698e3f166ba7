package layout

import (
	"strings"
	"testing"

	"github.com/careprint/careprint/internal/doc"
	"github.com/careprint/careprint/internal/geom"
)

// cjkFake is fake without CJK: only the family "CJK" has '中'.
type cjkFake struct{ fake }

func (f cjkFake) FaceFor(face Face, r rune) (Face, bool) {
	if r == '中' && face.Family != "CJK" {
		return Face{}, false
	}
	return f.fake.FaceFor(face, r)
}

// Each line of the notice is a paragraph of its own language; a right-to-left line ends
// at the column's right edge, its lines broken in reading order; a line that names a
// family takes from it what the body font lacks.
func TestLanguageHelpTagsEachLineAndAlignsRightToLeft(t *testing.T) {
	long := strings.Repeat("שלום ", 20) + "\u2066(555) 010-4477\u2069."
	d := &doc.Document{Lang: "en", Blocks: []doc.Block{doc.LanguageHelp{Title: "Help in your language", Lines: []doc.LanguageLine{
		{Text: "Free help. Call (555) 010-4477."},
		{Lang: "zh-Hant", Text: "中中 (555) 010-4477", Family: "CJK"},
		{Lang: "he", Text: long},
	}}}}
	res, err := Layout(d, small(), cjkFake{})
	if err != nil {
		t.Fatal(err)
	}
	st := small()
	right := st.PageWidth - st.MarginRight
	langs := map[string]bool{}
	var heLines []Text
	for _, it := range res.Pages[0].Items {
		tx, ok := it.(Text)
		if !ok || tx.Tag == nil {
			continue
		}
		langs[tx.Tag.Role+" "+tx.Tag.Lang] = true
		switch tx.Tag.Lang {
		case "zh-Hant":
			if strings.ContainsRune(tx.Text, '中') && tx.Face.Family != "CJK" {
				t.Errorf("%q is set in %s, want CJK", tx.Text, tx.Face.Family)
			}
		case "he":
			heLines = append(heLines, tx)
		}
	}
	for _, want := range []string{"H2 ", "P ", "P zh-Hant", "P he"} {
		if !langs[want] {
			t.Errorf("no text tagged %q (have %v)", want, langs)
		}
	}
	// The last line of each baseline ends at the right edge.
	ends := map[geom.Length]geom.Length{}
	for _, tx := range heLines {
		ends[tx.Y] = max(ends[tx.Y], tx.X+tx.Width)
	}
	if len(ends) < 2 {
		t.Fatalf("the Hebrew line takes %d lines, want it broken", len(ends))
	}
	for y, end := range ends {
		if end != right {
			t.Errorf("the Hebrew line at y %s ends at %s, want the right edge %s", y, end, right)
		}
	}
	// In reading order, the number comes last: on the last line.
	var lastY geom.Length
	for y := range ends {
		lastY = max(lastY, y)
	}
	for _, tx := range heLines {
		if strings.Contains(tx.Text, "4477") && tx.Y != lastY {
			t.Errorf("the number is on a line at %s, want the last (%s)", tx.Y, lastY)
		}
	}
}
