package layout

import (
	"errors"
	"flag"
	"fmt"
	"strconv"
	"strings"
	"testing"

	"github.com/careprint/careprint/internal/doc"
	"github.com/careprint/careprint/internal/geom"
)

var update = flag.Bool("update", false, "rewrite the golden dumps in testdata/")

// fake measures every character as half an em wide. It lacks 'Ł' (the fallback draws it)
// and no font has '術'.
type fake struct{}

func (fake) Width(f Face, size geom.Length, s string) geom.Length {
	return geom.Length(len([]rune(s))) * size / 2
}

func (fake) FaceFor(f Face, r rune) (Face, bool) {
	switch r {
	case '術':
		return Face{}, false
	case 'Ł':
		f.Family = "Fallback"
	}
	return f, true
}

// small is a 100 × 120 mm page with 10 mm margins and a 10 pt body: 80 mm of line, about
// 45 characters.
func small() *Style {
	return &Style{
		PageWidth: geom.MM(100), PageHeight: geom.MM(120),
		MarginTop: geom.MM(10), MarginBottom: geom.MM(14), MarginLeft: geom.MM(10), MarginRight: geom.MM(10),
		Family: "Sans", BodySize: geom.Pt(10), SmallSize: geom.Pt(8), H1Size: geom.Pt(14), H2Size: geom.Pt(12), TitleSize: geom.Pt(16),
		Leading: 1400, ParaSpace: geom.MM(2),
		Text: geom.RGB{R: 0x11, G: 0x11, B: 0x11}, Heading: geom.RGB{B: 0x80}, Muted: geom.RGB{R: 0x55, G: 0x55, B: 0x55},
		Band: geom.RGB{B: 0x80}, BandText: geom.White, Rule: geom.RGB{R: 0x88, G: 0x88, B: 0x88},
		CalloutBg: geom.RGB{R: 0xee, G: 0xee, B: 0xff}, TableHead: geom.RGB{R: 0xee, G: 0xee, B: 0xee},
	}
}

func para(s string) doc.Paragraph { return doc.Text(s) }

const lorem = "Wash your face with a gentle cleanser and cool water twice a day, then pat it dry with a clean towel."

var goldens = []struct {
	name string
	doc  doc.Document
}{
	{"paragraph", doc.Document{Footer: "Clinic", Blocks: []doc.Block{para(lorem)}}},
	{"mixed-styles", doc.Document{Blocks: []doc.Block{doc.Paragraph{Inlines: []doc.Inline{
		{Text: "Call "}, {Text: "us", Bold: true}, {Text: " if it "}, {Text: "gets worse", Italic: true}, {Text: " or visit "},
		{Text: "our site", Link: "https://x.example"}, {Text: "."}}}}}},
	{"lists", doc.Document{Blocks: []doc.Block{
		doc.List{Items: [][]doc.Block{{para("short")}, {para(lorem)}}},
		doc.List{Ordered: true, Start: 9, Items: [][]doc.Block{{para("nine")}, {para("ten")}}},
	}}},
	{"header-band", doc.Document{Header: doc.Header{Title: "Clinic", Subtitle: "Aftercare", Lines: []string{"555 0100", "x.example"}}, Blocks: []doc.Block{
		doc.Fields{Items: []doc.Field{{Label: "For", Value: "Zoë Łukasiewicz"}, {Label: "Date", Value: "Tue 1 Dec"}}},
	}}},
	{"table-header-repeats", doc.Document{Blocks: []doc.Block{
		doc.Heading{Level: 1, Text: "Aftercare"},
		doc.Table{Widths: []int{1, 2}, Header: []doc.Cell{{para("When")}, {para("Do")}}, Rows: [][]doc.Cell{
			{{para("Day 1")}, {para(lorem)}}, {{para("Day 2")}, {para(lorem)}}, {{para("Day 3")}, {para(lorem)}}, {{para("Day 4")}, {para(lorem)}},
		}},
	}}},
	{"heading-kept-with-next", doc.Document{Blocks: []doc.Block{
		para(lorem), para(lorem), para(lorem), para(lorem), para(lorem), para("One more line here."),
		doc.Heading{Level: 1, Text: "Next section"}, para(lorem),
	}}},
	{"callout-moves-whole", doc.Document{Blocks: []doc.Block{
		para(lorem), para(lorem), para(lorem), para(lorem), para(lorem),
		doc.Callout{Title: "Call us if", Blocks: []doc.Block{doc.List{Items: [][]doc.Block{{para("you have a fever")}, {para("it hurts more")}}}}},
	}}},
	{"long-word-and-qr", doc.Document{Blocks: []doc.Block{
		para("Pneumonoultramicroscopicsilicovolcanoconiosisisaverylongwordindeed ends."),
		doc.QR{URL: "https://x.example/book", Caption: "Scan to book."},
	}}},
}

func TestLayoutGoldenDumps(t *testing.T) {
	for _, tt := range goldens {
		t.Run(tt.name, func(t *testing.T) {
			d := tt.doc
			d.PageLabel = "Page {page} of {pages}"
			res, err := Layout(&d, small(), fake{})
			if err != nil {
				t.Fatal(err)
			}
			checkInside(t, res, small())
			golden(t, tt.name, DumpString(res))
		})
	}
}

// checkInside asserts that every text run lies inside the page's text area (or the header
// band or footer), and that no two runs on a page overlap.
func checkInside(t *testing.T, r *Result, st *Style) {
	t.Helper()
	m := fake{}
	for pi, pg := range r.Pages {
		var boxes []Box
		for _, it := range pg.Items {
			tx, ok := it.(Text)
			if !ok {
				continue
			}
			w := m.Width(tx.Face, tx.Size, tx.Text)
			if tx.Width != w {
				t.Errorf("page %d: %q has width %s, measured %s", pi+1, tx.Text, tx.Width, w)
			}
			if tx.X < st.MarginLeft || tx.X+w > st.PageWidth-st.MarginRight+1 {
				t.Errorf("page %d: %q runs outside the text area horizontally (x %s to %s)", pi+1, tx.Text, tx.X, tx.X+w)
			}
			if tx.Y > st.PageHeight-geom.MM(2) || tx.Y < tx.Size {
				t.Errorf("page %d: %q is off the page (baseline %s)", pi+1, tx.Text, tx.Y)
			}
			b := Box{X: tx.X, Y: tx.Y - tx.Size*800/1000, W: w, H: tx.Size}
			for _, o := range boxes {
				if b.X < o.X+o.W && o.X < b.X+b.W && b.Y < o.Y+o.H && o.Y < b.Y+b.H {
					t.Errorf("page %d: %q overlaps another run", pi+1, tx.Text)
				}
			}
			boxes = append(boxes, b)
		}
	}
}

func TestPageXOfYCountsEveryPage(t *testing.T) {
	var blocks []doc.Block
	for range 30 {
		blocks = append(blocks, para(lorem))
	}
	// The label comes in with the document, in its language: the layout only fills it in.
	res, err := Layout(&doc.Document{Blocks: blocks, PageLabel: "Page {page} of {pages}"}, small(), fake{})
	if err != nil {
		t.Fatal(err)
	}
	n := len(res.Pages)
	if n < 3 {
		t.Fatalf("want at least 3 pages, got %d", n)
	}
	for i, pg := range res.Pages {
		want := "Page " + strconv.Itoa(i+1) + " of " + strconv.Itoa(n)
		found := false
		for _, it := range pg.Items {
			if tx, ok := it.(Text); ok && tx.Text == want {
				found = true
			}
		}
		if !found {
			t.Errorf("page %d has no %q", i+1, want)
		}
	}
}

func TestHeadingNeverEndsAPage(t *testing.T) {
	// Slide a heading down the page one short paragraph at a time: wherever it lands, the
	// next item on its page must be text of the section, never the footer.
	for n := 0; n < 12; n++ {
		var blocks []doc.Block
		for range n {
			blocks = append(blocks, para("A short line."))
		}
		blocks = append(blocks, doc.Heading{Level: 1, Text: "Section"}, para(lorem))
		res, err := Layout(&doc.Document{Blocks: blocks}, small(), fake{})
		if err != nil {
			t.Fatal(err)
		}
		for pi, pg := range res.Pages {
			for i, it := range pg.Items {
				if b, ok := it.(Bookmark); ok {
					next := pg.Items[i+2] // the bookmark, the heading text, then what follows
					if tx, ok := next.(Text); !ok || tx.Size != small().BodySize {
						t.Errorf("%d lines before: heading %q on page %d is not followed by its text (next: %#v)", n, b.Title, pi+1, next)
					}
				}
			}
		}
	}
}

func TestGlyphFallbackAndMissingGlyph(t *testing.T) {
	res, err := Layout(&doc.Document{Blocks: []doc.Block{para("Łukasiewicz")}}, small(), fake{})
	if err != nil {
		t.Fatal(err)
	}
	var faces []string
	for _, it := range res.Pages[0].Items {
		if tx, ok := it.(Text); ok {
			faces = append(faces, tx.Face.Family+":"+tx.Text)
		}
	}
	if got := strings.Join(faces, " "); !strings.HasPrefix(got, "Fallback:Łukasiewicz Sans:") {
		t.Errorf("runs = %s", got)
	}
	_, err = Layout(&doc.Document{Blocks: []doc.Block{para("Dr 術")}}, small(), fake{})
	var ge *GlyphError
	if !errors.As(err, &ge) || ge.Rune != '術' || err.Error() != "no font can print U+8853" {
		t.Errorf("error = %v", err)
	}
}

func BenchmarkLayout(b *testing.B) {
	var blocks []doc.Block
	for i := range 12 {
		blocks = append(blocks, doc.Heading{Level: 1, Text: "Section " + strconv.Itoa(i)}, para(lorem), doc.List{Items: [][]doc.Block{{para(lorem)}, {para("short")}}})
	}
	d := &doc.Document{Header: doc.Header{Title: "Clinic"}, Footer: "Clinic", Blocks: blocks}
	st := small()
	st.PageWidth, st.PageHeight = geom.MM(210), geom.MM(297)
	for b.Loop() {
		if _, err := Layout(d, st, fake{}); err != nil {
			b.Fatal(err)
		}
	}
}

func TestListNeverSplitsAfterOneLine(t *testing.T) {
	// Slide a list of one-line items, too long to move whole, down the page: wherever a
	// page breaks inside it, at least two lines of the list stay on each side of the break.
	words := []string{"one", "two", "three", "four", "five", "six", "seven", "eight"}
	items := [][]doc.Block{}
	for _, s := range words {
		items = append(items, []doc.Block{para(s)})
	}
	broke := 0
	for n := 0; n < 20; n++ {
		var blocks []doc.Block
		for range n {
			blocks = append(blocks, para("A short line."))
		}
		blocks = append(blocks, doc.List{Items: items})
		res, err := Layout(&doc.Document{Blocks: blocks}, small(), fake{})
		if err != nil {
			t.Fatal(err)
		}
		for pi, pg := range res.Pages {
			count := 0
			for _, it := range pg.Items {
				if tx, ok := it.(Text); ok && strings.Contains(" "+strings.Join(words, " ")+" ", " "+tx.Text+" ") {
					count++
				}
			}
			if count == 1 {
				t.Errorf("%d lines before: page %d holds one line of the list", n, pi+1)
			}
			if count > 0 && count < len(words) {
				broke++
			}
		}
	}
	if broke == 0 {
		t.Fatal("the list never crossed a page break: the test proves nothing")
	}
}

// TestSameDocumentTwice lays every golden document out twice: the second run takes its
// paragraphs from the cache, and the engine changes the slices it gets (spacing, keep
// flags, list markers), so a cache that handed out its own copy would show here.
func TestSameDocumentTwice(t *testing.T) {
	for _, g := range goldens {
		d := g.doc
		first, err1 := Layout(&d, small(), fake{})
		second, err2 := Layout(&d, small(), fake{})
		if err1 != nil || err2 != nil {
			continue // the golden test checks the errors
		}
		if a, b := DumpString(first), DumpString(second); a != b {
			t.Errorf("%s: a second layout differs:\n%s\n---\n%s", g.name, a, b)
		}
	}
}

// TestBookingCodeNeverStandsAlone slides the booking QR code down the page after a
// paragraph: wherever a page ends, the code shares its page with text above it.
func TestBookingCodeNeverStandsAlone(t *testing.T) {
	moved := false
	for n := 0; n < 16; n++ {
		var blocks []doc.Block
		for range n {
			blocks = append(blocks, para("A short line."))
		}
		blocks = append(blocks, para(lorem), doc.QR{URL: "https://x.example/book", Caption: "Scan to book."})
		res, err := Layout(&doc.Document{Blocks: blocks}, small(), fake{})
		if err != nil {
			t.Fatal(err)
		}
		for pi, pg := range res.Pages {
			for i, it := range pg.Items {
				if _, ok := it.(QR); !ok {
					continue
				}
				if pi > 0 {
					moved = true
				}
				body := 0
				for _, before := range pg.Items[:i] {
					if tx, ok := before.(Text); ok && tx.Size == small().BodySize {
						body++
					}
				}
				if body == 0 {
					t.Errorf("%d lines before: the QR code is alone at the top of page %d", n, pi+1)
				}
			}
		}
	}
	if !moved {
		t.Error("the QR code never reached a second page: the test checks nothing")
	}
}

// A document longer than MaxPages is an error, found while distributing (the pages past
// the limit are never laid out), not a 2,000-page handout.
func TestTooManyPagesIsAnError(t *testing.T) {
	var blocks []doc.Block
	for range 5000 {
		blocks = append(blocks, para(lorem))
	}
	_, err := Layout(&doc.Document{Blocks: blocks}, small(), fake{})
	want := "the document runs to more than 50 pages (the limit): shorten the text"
	if err == nil || err.Error() != want || !errors.Is(err, ErrTooManyPages) {
		t.Fatalf("Layout = %v, want %s", err, want)
	}
	// At the limit, it is fine.
	res, err := Layout(&doc.Document{Blocks: blocks[:10]}, small(), fake{})
	if err != nil || len(res.Pages) == 0 {
		t.Fatalf("Layout = %v", err)
	}
}

// TestLongListSplitsBetweenLines slides a list of long items (five lines each, more than
// a short list) down the page: the list breaks across pages rather than moving whole,
// sometimes inside an item, and never leaves one of its lines alone on a page.
func TestLongListSplitsBetweenLines(t *testing.T) {
	item := lorem + " " + lorem
	inside, broke := 0, 0
	for n := 0; n < 24; n++ {
		var blocks []doc.Block
		for range n {
			blocks = append(blocks, para("A short line."))
		}
		blocks = append(blocks, doc.List{Items: [][]doc.Block{{para(item)}, {para(item)}, {para(item)}}})
		res, err := Layout(&doc.Document{Blocks: blocks}, small(), fake{})
		if err != nil {
			t.Fatal(err)
		}
		for pi, pg := range res.Pages {
			c := 0
			top, bullet := geom.Length(-1), map[geom.Length]bool{}
			for _, it := range pg.Items {
				tx, ok := it.(Text)
				if !ok || tx.Size != small().BodySize {
					continue
				}
				if tx.Text == "•" {
					bullet[tx.Y] = true
				} else if tx.X > small().MarginLeft {
					c++ // a line of an item, right of its bullet
					if top < 0 || tx.Y < top {
						top = tx.Y
					}
				}
			}
			if c == 1 {
				t.Errorf("%d lines before: page %d holds one line of the list", n, pi+1)
			}
			if pi > 0 && c > 0 {
				broke++
				if !bullet[top] {
					inside++ // the page starts in the middle of an item
				}
			}
		}
	}
	if broke == 0 || inside == 0 {
		t.Fatalf("the list broke %d times, %d of them inside an item: the test proves nothing", broke, inside)
	}
}

// TestTableSplitsBetweenRowsWithItsHeader sets a table taller than a page: it breaks
// between rows, and every page it reaches starts with its header row again.
func TestTableSplitsBetweenRowsWithItsHeader(t *testing.T) {
	var rows [][]doc.Cell
	for i := range 12 {
		rows = append(rows, []doc.Cell{{para("Day " + strconv.Itoa(i+1))}, {para(lorem)}})
	}
	d := &doc.Document{Blocks: []doc.Block{
		para(lorem),
		doc.Table{Widths: []int{1, 2}, Header: []doc.Cell{{para("When")}, {para("Do")}}, Rows: rows},
	}}
	res, err := Layout(d, small(), fake{})
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Pages) < 3 {
		t.Fatalf("%d pages, want the table to run over 3 at least", len(res.Pages))
	}
	day := 1
	for pi, pg := range res.Pages {
		var texts []string
		for _, it := range pg.Items {
			if tx, ok := it.(Text); ok && tx.Size == small().BodySize {
				texts = append(texts, tx.Text)
			}
		}
		if pi > 0 && (len(texts) < 2 || texts[0] != "When" || texts[1] != "Do") {
			t.Errorf("page %d does not start with the header row: %q", pi+1, texts)
		}
		// Rows are whole and in order: each day's label comes with its row's last line.
		for _, s := range texts {
			if s == "Day "+strconv.Itoa(day) {
				day++
			}
		}
		if n := strings.Count(strings.Join(texts, "|"), "When"); pi == 0 && n != 1 {
			t.Errorf("page 1 has the header %d times", n)
		}
	}
	if day != 13 {
		t.Errorf("found the rows up to Day %d, want all 12 in order", day-1)
	}
}

// TestShortCalloutMovesWhole puts a callout at the foot of a page: it moves to the next
// page whole (its box and all its lines), never split.
func TestShortCalloutMovesWhole(t *testing.T) {
	moved := false
	for n := 0; n < 16; n++ {
		var blocks []doc.Block
		for range n {
			blocks = append(blocks, para("A short line."))
		}
		blocks = append(blocks, doc.Callout{Title: "Call us if", Blocks: []doc.Block{doc.List{Items: [][]doc.Block{{para("you have a fever")}, {para("it hurts more")}, {para("it bleeds")}}}}})
		res, err := Layout(&doc.Document{Blocks: blocks}, small(), fake{})
		if err != nil {
			t.Fatal(err)
		}
		for pi, pg := range res.Pages {
			var got []string
			for _, it := range pg.Items {
				if tx, ok := it.(Text); ok && strings.Contains("|Call us if|you have a fever|it hurts more|it bleeds|", "|"+tx.Text+"|") {
					got = append(got, tx.Text)
				}
			}
			if len(got) > 0 && len(got) != 4 {
				t.Errorf("%d lines before: page %d holds part of the callout: %q", n, pi+1, got)
			}
			if len(got) == 4 && pi > 0 {
				moved = true
			}
		}
	}
	if !moved {
		t.Error("the callout never moved to a second page: the test checks nothing")
	}
}

// TestTableWithoutColumns sets a table for large print: no columns, each row led by its
// first cell on the header colour, then each further cell at the full width after its
// column's heading as a bold label.
func TestTableWithoutColumns(t *testing.T) {
	st := small()
	st.NoColumns = true
	d := &doc.Document{Blocks: []doc.Block{doc.Table{
		Header: []doc.Cell{{para("When")}, {para("Do")}, {para("Avoid")}},
		Rows: [][]doc.Cell{
			{{para("Tue 1 Dec"), para("Day 1")}, {para("Rest.")}, {doc.List{Items: [][]doc.Block{{para("Scrubs")}, {para("Sun")}}}}},
		},
	}}}
	res, err := Layout(d, st, fake{})
	if err != nil {
		t.Fatal(err)
	}
	checkInside(t, res, st)
	var got []string
	for _, it := range res.Pages[0].Items {
		switch it := it.(type) {
		case Text:
			if it.Size == st.BodySize {
				got = append(got, fmt.Sprintf("%s %s %q", it.X, it.Face.Style(), it.Text))
			}
		case Rect:
			got = append(got, fmt.Sprintf("rect %s %s w %s", it.X, it.Y, it.W))
		}
	}
	want := []string{
		`rect 10.000 10.000 w 80.000`,     // the lead's band, across the text width
		`11.058 Bold "Tue 1 Dec · Day 1"`, // the lead's paragraphs share a line
		`10.000 Bold "Do: "`,
		`17.056 Regular "Rest."`,
		`10.000 Bold "Avoid: "`,
		`14.586 Regular "Scrubs"`,
		`10.000 Regular "•"`,
		`14.586 Regular "Sun"`,
		`10.000 Regular "•"`,
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("items:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}

	// A row that runs onto the next page has its lead again at its top, as an artifact.
	long := strings.Repeat(lorem+" ", 12)
	d = &doc.Document{Blocks: []doc.Block{doc.Table{
		Header: []doc.Cell{{para("When")}, {para("Do")}},
		Rows:   [][]doc.Cell{{{para("Tue 1 Dec")}, {para(long)}}},
	}}}
	res, err = Layout(d, st, fake{})
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Pages) < 2 {
		t.Fatalf("%d pages, want the row to run onto a second", len(res.Pages))
	}
	for pi, pg := range res.Pages {
		var first *Text
		for _, it := range pg.Items {
			if tx, ok := it.(Text); ok {
				first = &tx
				break
			}
		}
		if first == nil || first.Text != "Tue 1 Dec" || (pi > 0) != (first.Tag == nil) {
			t.Errorf("page %d starts with %+v, want the row's lead (tagged on page 1 only)", pi+1, first)
		}
	}
}

// TestTallCalloutBreaksBetweenLines slides a callout taller than half the page down
// it: rather than leave the foot of a page empty, it breaks between lines, its title
// with two lines at least, never one line alone, with its background on both pages.
func TestTallCalloutBreaksBetweenLines(t *testing.T) {
	st := small()
	long := strings.Repeat(lorem+" ", 5)
	broke := 0
	for n := 0; n < 16; n++ {
		var blocks []doc.Block
		for range n {
			blocks = append(blocks, para("A short line."))
		}
		blocks = append(blocks, doc.Callout{Title: "Call us if", Blocks: []doc.Block{para(long)}})
		res, err := Layout(&doc.Document{Blocks: blocks}, st, fake{})
		if err != nil {
			t.Fatal(err)
		}
		checkInside(t, res, st)
		for pi, pg := range res.Pages {
			lines, bg, title := 0, false, false
			for _, it := range pg.Items {
				switch it := it.(type) {
				case Text:
					if it.Text == "Call us if" {
						title = true
					} else if it.Size == st.BodySize && it.X > st.MarginLeft {
						lines++ // inside the box's padding
					}
				case Rect:
					bg = bg || (it.Fill != nil && *it.Fill == st.CalloutBg)
				}
			}
			if lines == 1 || (title && lines < 2) {
				t.Errorf("%d lines before: page %d holds %d lines of the callout (title: %v)", n, pi+1, lines, title)
			}
			if lines > 0 && !bg {
				t.Errorf("%d lines before: page %d has callout text but no box", n, pi+1)
			}
			if lines > 0 && !title {
				broke++
			}
		}
	}
	if broke == 0 {
		t.Error("the callout never broke across pages: the test checks nothing")
	}
}

// TestCalloutOverAThirdBreaks slides down the page a callout shorter than half the page
// but taller than a third of it: rather than move whole and leave up to half a page
// empty, it breaks between lines, with two lines at least on each side, and its closing
// paragraph (the phone numbers) always keeps the line before it.
func TestCalloutOverAThirdBreaks(t *testing.T) {
	st := small()
	words := []string{"you have a fever", "it hurts more", "it bleeds", "it swells", "it itches"}
	items := [][]doc.Block{}
	for _, s := range words {
		items = append(items, []doc.Block{para(s)})
	}
	phone := "Call 555 0100 in the day. After hours, call 555 0199 or the emergency line."
	box := doc.Callout{Title: "Call us if", Blocks: []doc.Block{doc.List{Items: items}, para(phone)}}
	broke := 0
	for n := 0; n < 20; n++ {
		var blocks []doc.Block
		for range n {
			blocks = append(blocks, para("A short line."))
		}
		blocks = append(blocks, box)
		res, err := Layout(&doc.Document{Blocks: blocks}, st, fake{})
		if err != nil {
			t.Fatal(err)
		}
		checkInside(t, res, st)
		for pi, pg := range res.Pages {
			var got []string // the box's lines: "title", "item" or "phone"
			for _, it := range pg.Items {
				tx, ok := it.(Text)
				switch {
				case !ok || tx.Size != st.BodySize || tx.X <= st.MarginLeft || tx.Text == "•":
				case tx.Text == "Call us if":
					got = append(got, "title")
				case strings.Contains("|"+strings.Join(words, "|")+"|", "|"+tx.Text+"|"):
					got = append(got, "item")
				default:
					got = append(got, "phone")
				}
			}
			if len(got) == 0 || len(got) == 8 {
				continue
			}
			broke++
			if len(got) < 2 {
				t.Errorf("%d lines before: page %d holds one line of the callout: %q", n, pi+1, got)
			}
			if got[0] == "phone" {
				t.Errorf("%d lines before: page %d holds the phone lines without an item: %q", n, pi+1, got)
			}
			if got[len(got)-1] == "title" {
				t.Errorf("%d lines before: page %d ends with the box's title: %q", n, pi+1, got)
			}
		}
	}
	if broke == 0 {
		t.Error("the callout never broke across pages: it moved whole, as only a short one may")
	}
}

// TestTallRowBreaksBetweenParts slides a large-print row, too tall to move whole without
// wasting much of a page, down the page: it breaks between its parts and inside its
// list, its lead with two lines at least, the next page starting with the lead again and
// two lines at least of the row under it.
func TestTallRowBreaksBetweenParts(t *testing.T) {
	st := small()
	st.NoColumns = true
	var todo [][]doc.Block
	for _, s := range []string{"Wash gently.", "Use sunscreen.", "Drink water.", "Sleep well.", "Rest a lot."} {
		todo = append(todo, []doc.Block{para(s)})
	}
	row := []doc.Cell{{para("Tue 1 Dec")}, {para("Red skin.")}, {doc.List{Items: todo}}, {para("Scrubs.")}}
	table := doc.Table{Header: []doc.Cell{{para("When")}, {para("Expect")}, {para("Do")}, {para("Avoid")}}, Rows: [][]doc.Cell{row}}
	inList, broke := 0, 0
	for n := 0; n < 20; n++ {
		var blocks []doc.Block
		for range n {
			blocks = append(blocks, para("A short line."))
		}
		blocks = append(blocks, table)
		res, err := Layout(&doc.Document{Blocks: blocks}, st, fake{})
		if err != nil {
			t.Fatal(err)
		}
		checkInside(t, res, st)
		pages := 0
		for pi, pg := range res.Pages {
			var got []string // the row's lines, each by its first run
			y := geom.Length(-1)
			for _, it := range pg.Items {
				tx, ok := it.(Text)
				if !ok || tx.Text == "A short line." || tx.Text == "•" || tx.Size != st.BodySize || tx.Y == y {
					continue
				}
				got, y = append(got, tx.Text), tx.Y
			}
			if len(got) == 0 {
				continue
			}
			pages++
			if got[0] != "Tue 1 Dec" {
				t.Errorf("%d lines before: page %d starts the row without its lead: %q", n, pi+1, got)
			}
			if len(got) < 3 {
				t.Errorf("%d lines before: page %d holds the lead with fewer than two lines: %q", n, pi+1, got)
			}
			if pages > 1 && got[1] != "Do: " && got[1] != "Avoid: " {
				inList++ // the row broke inside its list
			}
		}
		if pages > 1 {
			broke++
		}
	}
	if broke == 0 || inList == 0 {
		t.Errorf("the row broke %d times, %d of them inside its list: the test proves nothing", broke, inList)
	}
}
