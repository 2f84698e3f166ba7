package layout

import (
	"slices"
	"strings"
	"testing"

	"github.com/careprint/careprint/internal/doc"
	"github.com/careprint/careprint/internal/geom"
)

// wide is small() made 160 mm wide: 140 mm of line.
func wide() *Style {
	st := small()
	st.PageWidth = geom.MM(160)
	return st
}

var signoff = doc.Signoff{Parts: []string{"Given by", "on", ""}}

func TestExtraBlocksGoldenDumps(t *testing.T) {
	tests := []struct {
		name string
		st   *Style
		doc  doc.Document
	}{
		// Three ruled lines under the title, inside one box.
		{"notes-box", small(), doc.Document{Blocks: []doc.Block{para("Before."), doc.NotesBox{Title: "Your notes", Lines: 3}}}},
		// Two blanks sharing the line, the last (the date) at most 45 mm.
		{"signoff", wide(), doc.Document{Blocks: []doc.Block{para("Before."), signoff}}},
		// Blanks shorter than 30 mm: each part and its blank on a line of its own.
		{"signoff-narrow", small(), doc.Document{Blocks: []doc.Block{para("Before."), signoff}}},
		{"note", small(), doc.Document{Blocks: []doc.Block{doc.Note{Label: "Notes", Text: lorem}}}},
		{"details-small-print", small(), doc.Document{Blocks: []doc.Block{
			doc.Details{Items: []doc.Field{{Label: "Address", Value: "12 Example Street"}, {Label: "Open", Value: "Mon to Fri"}}},
			doc.SmallPrint{Text: "Content version 1.0."},
		}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d := tt.doc
			d.Footer = "Clinic"
			res, err := Layout(&d, tt.st, fake{})
			if err != nil {
				t.Fatal(err)
			}
			checkInside(t, res, tt.st)
			golden(t, tt.name, DumpString(res))
		})
	}
}

// lines returns the dump's lines of one kind ("text", "line", "rect") on page p.
func dumpLines(res *Result, kind string) []string {
	var out []string
	for _, l := range strings.Split(DumpString(res), "\n") {
		if f := strings.Fields(l); len(f) > 1 && f[1] == kind {
			out = append(out, l)
		}
	}
	return out
}

func TestNotesBoxRulesAsManyLinesAsAsked(t *testing.T) {
	for _, n := range []int{1, 4, 7} {
		res, err := Layout(&doc.Document{Blocks: []doc.Block{doc.NotesBox{Title: "Notes", Lines: n}}}, small(), fake{})
		if err != nil {
			t.Fatal(err)
		}
		// The footer draws one rule; the box draws the rest.
		if got := len(dumpLines(res, "line")) - 1; got != n {
			t.Errorf("%d lines asked: %d ruled", n, got)
		}
		for _, it := range res.Pages[0].Items {
			if l, ok := it.(Line); ok && l.Y2-l.Y1 != 0 {
				t.Errorf("a ruled line is not level: %+v", l)
			}
		}
	}
}

// textBottom is the lowest baseline of body text on a page (above the footer's rule).
func footerRule(pg Page) geom.Length {
	y := geom.Length(0)
	for _, it := range pg.Items {
		if l, ok := it.(Line); ok {
			y = max(y, l.Y1)
		}
	}
	return y
}

func TestLongFooterWrapsToTwoLinesAboveTheEdge(t *testing.T) {
	st := small()
	var blocks []doc.Block
	for range 12 {
		blocks = append(blocks, para(lorem))
	}
	one := &doc.Document{Footer: "Clinic", PageLabel: "Page {page} of {pages}", Blocks: blocks}
	two := &doc.Document{Footer: "Harbourview Clinic · 555 0100 · 12 Example Street", PageLabel: "Page {page} of {pages}", Blocks: blocks}
	r1, err := Layout(one, st, fake{})
	if err != nil {
		t.Fatal(err)
	}
	r2, err := Layout(two, st, fake{})
	if err != nil {
		t.Fatal(err)
	}
	if len(r2.Warnings) > 0 {
		t.Errorf("warnings for a footer that fits on two lines: %q", r2.Warnings)
	}
	lh := st.LineHeight(st.SmallSize)
	for pi, pg := range r2.Pages {
		checkInside(t, r2, st)
		var foot []Text
		rule := footerRule(pg)
		for _, it := range pg.Items {
			tx, ok := it.(Text)
			if !ok {
				continue
			}
			if tx.Y > rule {
				foot = append(foot, tx)
			} else if tx.Y > rule-st.MarginBottom*250/1000+1 {
				t.Errorf("page %d: body text %q at %s runs into the footer (rule at %s)", pi+1, tx.Text, tx.Y, rule)
			}
		}
		var got []string
		for _, tx := range foot {
			got = append(got, tx.Text)
		}
		want := []string{"Page " + string(rune('1'+pi)) + " of " + string(rune('0'+len(r2.Pages))), "Harbourview Clinic · 555 0100", "12 Example Street"}
		if !slices.Equal(got, want) {
			t.Errorf("page %d: footer %q, want %q", pi+1, got, want)
		}
		// The second line sits as far from the edge as a one-line footer's only line.
		if pi == 0 && foot[2].Y != footerText(r1.Pages[0]) {
			t.Errorf("second footer line at %s, a one-line footer's at %s", foot[2].Y, footerText(r1.Pages[0]))
		}
		if pi == 0 && footerRule(r1.Pages[0])-rule != lh {
			t.Errorf("the rule moved up by %s, want one line (%s)", footerRule(r1.Pages[0])-rule, lh)
		}
	}
	if len(r2.Pages) < len(r1.Pages) {
		t.Errorf("a two-line footer gave fewer pages (%d) than a one-line one (%d)", len(r2.Pages), len(r1.Pages))
	}
}

// footerText is the baseline of the footer's first text line on a page: "Clinic".
func footerText(pg Page) geom.Length {
	for _, it := range pg.Items {
		if tx, ok := it.(Text); ok && tx.Text == "Clinic" {
			return tx.Y
		}
	}
	return 0
}

func TestFooterThatDoesNotFitTwoLinesSaysWhatItLeftOut(t *testing.T) {
	d := &doc.Document{Footer: "Harbourview Clinic · 555 0100 · 12 Example Street, Harbourview · Open Monday to Friday 9 am to 6 pm", PageLabel: "Page {page} of {pages}", Blocks: []doc.Block{para("Text.")}}
	res, err := Layout(d, small(), fake{})
	if err != nil {
		t.Fatal(err)
	}
	want := []string{`the footer does not fit on 2 lines: "Open Monday to Friday 9 am to 6 pm" left out`}
	if !slices.Equal(res.Warnings, want) {
		t.Errorf("warnings %q, want %q", res.Warnings, want)
	}
	if strings.Contains(DumpString(res), "Monday") {
		t.Error("the part left out is printed")
	}
	ws, err := Furniture(d, small(), fake{})
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(ws, want) {
		t.Errorf("Furniture: warnings %q, want %q", ws, want)
	}
}

func TestHeaderContactLineWiderThanHalfTheBandWraps(t *testing.T) {
	// Words that wrap are no warning; an address that wraps is.
	d := &doc.Document{Header: doc.Header{Title: "Clinic", Lines: []string{"555 0100", "After hours ask for the nurse on call at 555 0199", "the-harbourview-dermatology-and-laser-skin-clinic.example"}}, Blocks: []doc.Block{para("Text.")}}
	res, err := Layout(d, small(), fake{})
	if err != nil {
		t.Fatal(err)
	}
	want := []string{`the header's contact line "the-harbourview-dermatology-and-laser-skin-clinic.example" is wider than half the band: it wraps onto 3 lines`}
	if !slices.Equal(res.Warnings, want) {
		t.Errorf("warnings %q, want %q", res.Warnings, want)
	}
	checkInside(t, res, small())
}

func TestExtraBlocksTagTheirWordsAndLeaveTheRulesOut(t *testing.T) {
	d := &doc.Document{Blocks: []doc.Block{
		doc.Note{Label: "Notes", Text: "Call on Friday."},
		doc.NotesBox{Title: "Your notes", Lines: 2},
		signoff,
		doc.QR{URL: "https://x.example/book", Caption: "Scan to book.", Details: []doc.Field{{Label: "Open", Value: "Mon"}}},
		doc.SmallPrint{Text: "Version 1."},
	}}
	res, err := Layout(d, wide(), fake{})
	if err != nil {
		t.Fatal(err)
	}
	var b strings.Builder
	DumpTags(&b, res)
	want := `P "Notes:  Call on Friday."
P "Your notes"
P "Given by on"
Figure alt="QR code: x.example/book"
P "Scan to book."
P "Open:  Mon"
P "Version 1."
`
	if b.String() != want {
		t.Errorf("structure:\n%s\nwant:\n%s", b.String(), want)
	}
}

func TestFooterWithNoRoomBesideThePageNumberSaysSo(t *testing.T) {
	d := &doc.Document{Footer: "Clinic", PageLabel: strings.Repeat("Page {page} of {pages} ", 5), Blocks: []doc.Block{para("Text.")}}
	res, err := Layout(d, small(), fake{})
	if err != nil {
		t.Fatal(err)
	}
	want := []string{`the footer does not fit beside the page number: "Clinic" left out`}
	if !slices.Equal(res.Warnings, want) {
		t.Errorf("warnings %q, want %q", res.Warnings, want)
	}
}
