package layout

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/careprint/careprint/internal/doc"
	"github.com/careprint/careprint/internal/geom"
)

func paper(name string) geom.Paper {
	p, _ := geom.PaperNamed(name)
	return p
}

// widths lists a side's panels as "name width" in reading order, in inches or mm.
func widths(ps []PanelBox, side int, unit geom.Length) string {
	var out []string
	for _, p := range ps {
		if p.Side == side {
			out = append(out, fmt.Sprintf("%s %.4f", p.Name, float64(p.W)/float64(unit)))
		}
	}
	return strings.Join(out, ", ")
}

func TestTrifoldPanels(t *testing.T) {
	tests := []struct {
		paper     string
		allowance geom.Length
		unit      geom.Length
		outside   string
		inside    string
	}{
		{"letter", geom.Inch / 16, geom.Inch,
			"folds-in 3.6250, back 3.6875, front 3.6875", "inside-1 3.6875, inside-2 3.6875, inside-3 3.6250"},
		{"a4", 3 * geom.Millimetre, geom.Millimetre,
			"folds-in 97.0000, back 100.0000, front 100.0000", "inside-1 100.0000, inside-2 100.0000, inside-3 97.0000"},
		// Heavier paper, more allowance: the outer panels round up to the next 1/32 in.
		{"letter", geom.Inch / 8, geom.Inch,
			"folds-in 3.5625, back 3.7187, front 3.7187", "inside-1 3.7187, inside-2 3.7187, inside-3 3.5625"},
		{"a4", 0, geom.Millimetre,
			"folds-in 99.0000, back 99.0000, front 99.0000", "inside-1 99.0000, inside-2 99.0000, inside-3 99.0000"},
	}
	for _, tt := range tests {
		ps := TrifoldPanels(paper(tt.paper), tt.allowance)
		// Widths are whole micrometres; 3.6875 in is 93662.5 µm, so round to 4 places.
		if got := widths(ps, 0, tt.unit); got != tt.outside {
			t.Errorf("%s %v outside:\n got %s\nwant %s", tt.paper, tt.allowance, got, tt.outside)
		}
		if got := widths(ps, 1, tt.unit); got != tt.inside {
			t.Errorf("%s %v inside:\n got %s\nwant %s", tt.paper, tt.allowance, got, tt.inside)
		}
		long := paper(tt.paper).Height
		for side := range 2 {
			sum := geom.Length(0)
			for _, p := range ps {
				if p.Side == side {
					if p.X != sum {
						t.Errorf("%s: panel %s starts at %s, want %s", tt.paper, p.Name, p.X, sum)
					}
					sum += p.W
				}
			}
			if sum != long {
				t.Errorf("%s side %d: panels add up to %s mm, want %s", tt.paper, side, sum, long)
			}
		}
	}
}

func TestSpreadOrder(t *testing.T) {
	for n, want := range map[int]string{
		4:  "[4 1] [2 3]",
		8:  "[8 1] [2 7] [6 3] [4 5]",
		16: "[16 1] [2 15] [14 3] [4 13] [12 5] [6 11] [10 7] [8 9]",
	} {
		got := strings.Trim(fmt.Sprint(SpreadOrder(n)), "[]")
		if "["+got+"]" != want {
			t.Errorf("SpreadOrder(%d) = [%s], want %s", n, got, want)
		}
	}
}

func brochureStyle() *Style {
	st := small()
	st.MarginTop, st.MarginBottom = geom.MM(8), geom.MM(8)
	st.MarginLeft, st.MarginRight = geom.MM(6), geom.MM(6)
	return st
}

func trifoldDoc(inside ...doc.Part) *doc.Document {
	return &doc.Document{Flows: []doc.Flow{
		{Panels: []string{"front"}, Parts: []doc.Part{{Name: "cover", Blocks: []doc.Block{doc.Cover{Clinic: "Clinic", Tagline: "Care", Title: "Microneedling", Promise: []doc.Inline{{Text: "Better skin"}}}}}}},
		{Panels: []string{"inside-1", "inside-2", "inside-3"}, Parts: inside},
		{Panels: []string{"folds-in"}, Parts: []doc.Part{{Name: "not_recommended", Blocks: []doc.Block{doc.Heading{Level: 1, Text: "Not for you if"}, para(lorem)}}}},
		{Panels: []string{"back"}, Parts: []doc.Part{{Name: "contact", Blocks: []doc.Block{doc.Heading{Level: 1, Text: "Contact us"}, para("12 Example Street")}}}},
	}}
}

func partOf(n int) doc.Part {
	var bs []doc.Block
	for i := range n {
		bs = append(bs, doc.Heading{Level: 1, Text: fmt.Sprintf("Section %d", i+1)}, para(lorem), para(lorem))
	}
	return doc.Part{Name: "what_it_is", Blocks: bs}
}

// panelOf names the panel that holds x on a side of a Letter tri-fold laid out at off.
func panelOf(ps []PanelBox, side int, off, x geom.Length) PanelBox {
	for _, p := range ps {
		if p.Side == side && x >= off+p.X && x < off+p.X+p.W {
			return p
		}
	}
	return PanelBox{Name: "none"}
}

// TestTrifoldFlow lays out a tri-fold and checks, from the display list, that every text
// run sits in its flow's panel, inside the safe area, and that the inside flow runs on
// from panel to panel in reading order.
func TestTrifoldFlow(t *testing.T) {
	for _, sh := range []Sheet{
		{Kind: "trifold", Paper: paper("letter"), Allowance: geom.Inch / 16},
		{Kind: "trifold", Paper: paper("a4"), Allowance: 3 * geom.Millimetre, Bleed: 3 * geom.Millimetre, Marks: true},
	} {
		res, err := Brochure(trifoldDoc(partOf(12)), brochureStyle(), fake{}, sh)
		if err != nil {
			t.Fatal(err)
		}
		if len(res.Pages) != 2 {
			t.Fatalf("%d pages, want 2 (outside, inside)", len(res.Pages))
		}
		ps := TrifoldPanels(sh.Paper, sh.Allowance)
		off := sh.offset()
		wantPanel := map[string]string{"Clinic": "front", "Microneedling": "front", "Not": "folds-in", "Contact": "back"}
		var sections []string
		for side, pg := range res.Pages {
			if pg.Width != sh.Paper.Height+2*off || pg.Height != sh.Paper.Width+2*off {
				t.Errorf("page %d is %s × %s mm", side+1, pg.Width, pg.Height)
			}
			if (off > 0) != (pg.Trim != nil) {
				t.Errorf("page %d: trim box %v with offset %s", side+1, pg.Trim, off)
			}
			for _, it := range pg.Items {
				tx, ok := it.(Text)
				if !ok {
					continue
				}
				p := panelOf(ps, side, off, tx.X)
				if tx.X < off+p.X+SafeArea || tx.X+tx.Width > off+p.X+p.W-SafeArea {
					t.Errorf("page %d: %q at x %s–%s strays into the safe area of panel %s (%s–%s)",
						side+1, tx.Text, tx.X, tx.X+tx.Width, p.Name, off+p.X, off+p.X+p.W)
				}
				if tx.Y-tx.Size < off+SafeArea || tx.Y > off+sh.Paper.Width-SafeArea {
					t.Errorf("page %d: %q at y %s is in the safe area", side+1, tx.Text, tx.Y)
				}
				first := strings.Fields(tx.Text)[0]
				if want := wantPanel[first]; want != "" && (p.Name != want || side != 0) {
					t.Errorf("%q is on side %d panel %s, want outside %s", tx.Text, side, p.Name, want)
				}
				if first == "Section" {
					if side != 1 {
						t.Errorf("%q is on the outside", tx.Text)
					}
					sections = append(sections, p.Name+":"+tx.Text)
				}
			}
		}
		got := strings.Join(sections, " ")
		if !strings.HasPrefix(got, "inside-1:Section 1 ") || !strings.Contains(got, "inside-2:") || !strings.HasSuffix(got, "inside-3:Section 12") {
			t.Errorf("sections do not run on through the inside panels in order: %s", got)
		}
		if sh.Marks {
			dashed, solid := 0, 0
			for _, it := range res.Pages[0].Items {
				if l, ok := it.(Line); ok {
					if l.Dash > 0 {
						dashed++
						// Fold marks sit at the folds, outside the trim.
						if x := l.X1 - off; x != ps[1].X && x != ps[2].X {
							t.Errorf("fold mark at %s, not at a fold", x)
						}
						if l.Y2 > off && l.Y1 < off+sh.Paper.Width {
							t.Errorf("fold mark %s–%s reaches inside the trim", l.Y1, l.Y2)
						}
					} else {
						solid++
					}
				}
			}
			if dashed != 4 || solid != 8 {
				t.Errorf("outside has %d fold marks and %d crop marks, want 4 and 8", dashed, solid)
			}
		}
	}
}

func TestTrifoldOverflow(t *testing.T) {
	d := trifoldDoc(partOf(14), doc.Part{Name: "aftercare", Blocks: []doc.Block{doc.Heading{Level: 1, Text: "Aftercare"}, para(lorem), para(lorem), para(lorem), para(lorem)}})
	_, err := Brochure(d, brochureStyle(), fake{}, Sheet{Kind: "trifold", Paper: paper("letter"), Allowance: geom.Inch / 16})
	var oe *OverflowError
	if !errors.As(err, &oe) {
		t.Fatalf("err = %v, want an OverflowError", err)
	}
	if want := `panel "inside-3": content over by 90 mm (what_it_is, aftercare)`; err.Error() != want {
		t.Errorf("err:\n got %s\nwant %s", err, want)
	}
}

func TestTrifoldReportsEveryOverflowingPanel(t *testing.T) {
	d := trifoldDoc(partOf(14))
	for range 20 {
		d.Flows[2].Parts[0].Blocks = append(d.Flows[2].Parts[0].Blocks, para(lorem))
	}
	_, err := Brochure(d, brochureStyle(), fake{}, Sheet{Kind: "trifold", Paper: paper("letter"), Allowance: geom.Inch / 16})
	var oes OverflowErrors
	if !errors.As(err, &oes) {
		t.Fatalf("err = %v, want OverflowErrors", err)
	}
	want := `panel "inside-3": content over by 13 mm (what_it_is); panel "folds-in": content over by 159 mm (not_recommended)`
	if err.Error() != want {
		t.Errorf("err:\n got %s\nwant %s", err, want)
	}
	var oe *OverflowError
	if !errors.As(err, &oe) || oe.Panel != "inside-3" {
		t.Errorf("errors.As finds %v, want the first overflow", oe)
	}
}

func TestBooklet(t *testing.T) {
	d := &doc.Document{Footer: "Clinic", Flows: []doc.Flow{
		{Panels: []string{"cover"}, Parts: []doc.Part{{Name: "cover", Blocks: []doc.Block{doc.Cover{Clinic: "Clinic", Title: "Microneedling"}}}}},
		{Panels: []string{"pages"}, Parts: []doc.Part{partOf(5)}},
		{Panels: []string{"back"}, Parts: []doc.Part{{Name: "contact", Blocks: []doc.Block{para("Back page")}}}},
	}}
	sh := Sheet{Kind: "booklet", Paper: paper("a4")}
	res, err := Brochure(d, brochureStyle(), fake{}, sh)
	if err != nil {
		t.Fatal(err)
	}
	n := len(res.Pages)
	if n%4 != 0 {
		t.Fatalf("%d pages, not a multiple of 4", n)
	}
	a5 := paper("a5")
	for i, pg := range res.Pages {
		if pg.Width != a5.Width || pg.Height != a5.Height {
			t.Errorf("page %d is %s × %s mm, want A5", i+1, pg.Width, pg.Height)
		}
	}
	if !strings.Contains(DumpString(&Result{Pages: res.Pages[n-1:]}), `"Back page"`) {
		t.Error("the back page is not last")
	}
	sh.Imposed = true
	imp, err := Brochure(d, brochureStyle(), fake{}, sh)
	if err != nil {
		t.Fatal(err)
	}
	if len(imp.Pages) != n/2 {
		t.Fatalf("imposed: %d sheet sides, want %d", len(imp.Pages), n/2)
	}
	if imp.Pages[0].Width != geom.MM(297) || imp.Pages[0].Height != geom.MM(210) {
		t.Errorf("imposed sheet is %s × %s mm, want A4 landscape", imp.Pages[0].Width, imp.Pages[0].Height)
	}
	// Sheet 1 front: the back page on the left, the cover on the right.
	var left, right []string
	for _, it := range imp.Pages[0].Items {
		if tx, ok := it.(Text); ok {
			if tx.X < geom.MM(148.5) {
				left = append(left, tx.Text)
			} else {
				right = append(right, tx.Text)
			}
		}
	}
	if strings.Join(left, " ") != "Back page" || !strings.Contains(strings.Join(right, " "), "Microneedling") {
		t.Errorf("sheet 1 front: left %q, right %q; want the back page, then the cover", left, right)
	}
	sh.Bleed = 3 * geom.Millimetre
	if _, err := Brochure(d, brochureStyle(), fake{}, sh); err == nil {
		t.Error("an imposed booklet with bleed gave no error")
	}
}

// TestBookletBalancesItsLastPages grows a booklet's text one section at a time: wherever
// it ends, no page of a few lines is followed by a blank one (the text is spread over
// the pages that would be blank, each page shortened alike), and page numbers sit on the
// outer edge: on the left of even (left-hand) pages, on the right of odd ones.
func TestBookletBalancesItsLastPages(t *testing.T) {
	st := brochureStyle()
	a5 := paper("a5")
	area := a5.Height - st.MarginTop - st.MarginBottom
	spread, blank := 0, 0
	for sections := 1; sections <= 24; sections++ {
		d := &doc.Document{Footer: "Clinic", PageLabel: "Page {page}", Flows: []doc.Flow{
			{Panels: []string{"cover"}, Parts: []doc.Part{{Name: "cover", Blocks: []doc.Block{doc.Cover{Clinic: "Clinic", Title: "Microneedling"}}}}},
			{Panels: []string{"pages"}, Parts: []doc.Part{partOf(sections)}},
			{Panels: []string{"back"}, Parts: []doc.Part{{Name: "contact", Blocks: []doc.Block{para("Back page")}}}},
		}}
		res, err := Brochure(d, st, fake{}, Sheet{Kind: "booklet", Paper: paper("a4")})
		if err != nil {
			t.Fatal(err)
		}
		n := len(res.Pages)
		if n%4 != 0 {
			t.Fatalf("%d sections: %d pages, not a multiple of 4", sections, n)
		}
		for i := 1; i < n-1; i++ {
			pg := res.Pages[i]
			if len(pg.Items) == 0 {
				// A blank page follows a page at least half full, or another blank page.
				prev := res.Pages[i-1].Items
				if used := lowestBody(prev) - st.MarginTop; i > 1 && len(prev) > 0 && used*2 < area {
					t.Errorf("%d sections: page %d holds %s mm of text (of %s) and page %d is blank", sections, i, used, area, i+1)
				}
				blank++
				continue
			}
			label := fmt.Sprintf("Page %d", i+1)
			found := false
			for _, it := range pg.Items {
				tx, ok := it.(Text)
				if !ok || tx.Text != label {
					continue
				}
				found = true
				if (i+1)%2 == 0 && tx.X != st.MarginLeft {
					t.Errorf("%d sections: %q at x %s, want the left margin %s (a left-hand page)", sections, label, tx.X, st.MarginLeft)
				}
				if (i+1)%2 == 1 && tx.X+tx.Width != a5.Width-st.MarginRight {
					t.Errorf("%d sections: %q ends at x %s, want the right margin %s", sections, label, tx.X+tx.Width, a5.Width-st.MarginRight)
				}
			}
			if !found {
				t.Errorf("%d sections: page %d has no %q", sections, i+1, label)
			}
		}
		// Spread pages: the body ends higher than the full text area would let it.
		full := false
		for _, pg := range res.Pages[1 : n-1] {
			if lowestBody(pg.Items) > a5.Height-st.MarginBottom-st.LineHeight(st.BodySize)*2 {
				full = true
			}
		}
		if !full {
			spread++
		}
	}
	if spread == 0 {
		t.Error("no booklet was spread: the test checks nothing")
	}
}

// lowestBody is how far down the page its body text reaches (the footer left out).
func lowestBody(items []Item) geom.Length {
	y := geom.Length(0)
	for _, it := range items {
		if tx, ok := it.(Text); ok && tx.Size != brochureStyle().SmallSize {
			y = max(y, tx.Y)
		}
	}
	return y
}

// TestBrochureGolden keeps a full tri-fold's display list, with bleed and marks, as a
// golden dump (-update rewrites it).
func TestBrochureGolden(t *testing.T) {
	res, err := Brochure(trifoldDoc(partOf(2)), brochureStyle(), fake{}, Sheet{Kind: "trifold", Paper: paper("letter"), Allowance: geom.Inch / 16, Bleed: geom.Inch / 8, Marks: true})
	if err != nil {
		t.Fatal(err)
	}
	got := DumpString(res)
	path := filepath.Join("testdata", "trifold-bleed-marks.golden")
	if *update {
		if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if got != string(want) {
		t.Errorf("dump differs from %s (run go test -update to accept):\n%s", path, got)
	}
}

// TestCoverBandOverlapsTheFold checks, in the dump, that a cover band ending at a fold
// runs on past it by the bleed (or the paper's usual bleed without one), and into the
// bleed at the sheet's edges, so that neither a fold nor a trim a little off shows paper.
func TestCoverBandOverlapsTheFold(t *testing.T) {
	onBack := func() *doc.Document {
		d := trifoldDoc(partOf(2))
		d.Flows[0].Panels, d.Flows[3].Panels = []string{"back"}, []string{"front"}
		return d
	}
	tests := []struct {
		name string
		d    *doc.Document
		sh   Sheet
		want string // the page line and the band's rect
	}{
		// Letter with bleed and marks: trim at 13.175 mm, the front panel's fold at
		// 13.175 + 3.625 in + 3.6875 in = 198.912 mm; the band starts 1/8 in before it
		// and ends 1/8 in past the right trim.
		{"letter bleed marks", trifoldDoc(partOf(2)), Sheet{Kind: "trifold", Paper: paper("letter"), Allowance: geom.Inch / 16, Bleed: geom.Inch / 8, Marks: true},
			"page 1 305.750 242.250 trim=13.175,13.175,279.400,215.900 bleed=10.000,10.000,285.750,222.250\np1 rect 195.737 10.000 100.013 27.828 fill=#000080\n"},
		// A4 for an office printer: no bleed, yet the band crosses the fold at 197 mm by 3 mm.
		{"a4 office", trifoldDoc(partOf(2)), Sheet{Kind: "trifold", Paper: paper("a4"), Allowance: 3 * geom.Millimetre},
			"page 1 297.000 210.000\np1 rect 194.000 0.000 103.000 24.653 fill=#000080\n"},
		// A4 with bleed: the fold at 3 + 97 + 100 mm, the band from 197 mm to the bleed's edge.
		{"a4 bleed", trifoldDoc(partOf(2)), Sheet{Kind: "trifold", Paper: paper("a4"), Allowance: 3 * geom.Millimetre, Bleed: 3 * geom.Millimetre},
			"page 1 303.000 216.000 trim=3.000,3.000,297.000,210.000 bleed=0.000,0.000,303.000,216.000\np1 rect 197.000 0.000 106.000 27.653 fill=#000080\n"},
		// A cover on the back panel, between two folds (97 and 197 mm), crosses both.
		{"between folds", onBack(), Sheet{Kind: "trifold", Paper: paper("a4"), Allowance: 3 * geom.Millimetre},
			"page 1 297.000 210.000\np1 rect 94.000 0.000 106.000 24.653 fill=#000080\n"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res, err := Brochure(tt.d, brochureStyle(), fake{}, tt.sh)
			if err != nil {
				t.Fatal(err)
			}
			var band []Item
			for _, it := range res.Pages[0].Items {
				if r, ok := it.(Rect); ok && r.Fill != nil {
					band = append(band, r)
					break
				}
			}
			pg := res.Pages[0]
			pg.Items = band
			if got := DumpString(&Result{Pages: []Page{pg}}); got != tt.want {
				t.Errorf("got\n%swant\n%s", got, tt.want)
			}
		})
	}
}
