package layout

import (
	"testing"

	"github.com/careprint/careprint/internal/doc"
	"github.com/careprint/careprint/internal/geom"
)

// BenchmarkBreakUncached measures what the paragraph cache saves: faces, break points
// and lines of a 60-word paragraph with numbers, dates and an address.
func BenchmarkBreakUncached(b *testing.B) {
	st := small()
	e := &engine{st: st, m: fake{}, lang: "en"}
	in := []doc.Inline{{Text: lorem + " Book between Tue 29 Dec and Tue 12 Jan, or call (555) 010-4477 from 9 am to 1 pm. " +
		"Visit harbourview-skin.example/book to choose a time. " + lorem}}
	w := geom.MM(60)
	b.ReportAllocs()
	for b.Loop() {
		rs, err := e.runs(in, st.BodySize, st.Text)
		if err != nil {
			b.Fatal(err)
		}
		if len(e.breakLines(e.words(rs), w)) == 0 {
			b.Fatal("no lines")
		}
	}
}
