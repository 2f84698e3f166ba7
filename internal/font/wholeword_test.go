package font

import (
	"regexp"
	"strings"
	"testing"

	"github.com/careprint/careprint/internal/doc"
	"github.com/careprint/careprint/internal/geom"
	"github.com/careprint/careprint/internal/layout"
)

// With the real fonts: a word with a letter Atkinson Hyperlegible lacks is set whole in
// DejaVu Sans, never letter by letter, and the characters that only steer line breaking
// (U+00A0, U+2011) are drawn with glyphs the main face has.
func TestLayoutSetsEachWordInOneFace(t *testing.T) {
	st := &layout.Style{
		PageWidth: geom.MM(210), PageHeight: geom.MM(297),
		MarginTop: geom.MM(20), MarginBottom: geom.MM(20), MarginLeft: geom.MM(20), MarginRight: geom.MM(20),
		Family: "AtkinsonHyperlegible", BodySize: geom.Pt(12), SmallSize: geom.Pt(9), H1Size: geom.Pt(16),
		H2Size: geom.Pt(14), TitleSize: geom.Pt(18), Leading: 1400, ParaSpace: geom.MM(2),
	}
	d := &doc.Document{Lang: "en", PageLabel: "Page {page} of {pages}", Blocks: []doc.Block{
		doc.Text("For Nguyễn Thị Phương Thảo, and Dr\u00a0Ana Núñez\u2011Pérez."),
	}}
	res, err := layout.Layout(d, st, load(t))
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	re := regexp.MustCompile(` (\S+)-Regular \S+ \S+ "(.*)"$`)
	for _, l := range strings.Split(layout.DumpString(res), "\n") {
		if m := re.FindStringSubmatch(l); m != nil && !strings.HasPrefix(m[2], "Page ") {
			got = append(got, m[1]+":"+m[2])
		}
	}
	want := []string{
		"AtkinsonHyperlegible:For ",
		"DejaVuSans:Nguyễn",
		"AtkinsonHyperlegible: ",
		"DejaVuSans:Thị",
		"AtkinsonHyperlegible: ",
		"DejaVuSans:Phương",
		"AtkinsonHyperlegible: ",
		"DejaVuSans:Thảo,",
		"AtkinsonHyperlegible: and Dr Ana Núñez-Pérez.",
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("runs:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}
