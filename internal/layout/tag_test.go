package layout

import (
	"strconv"
	"strings"
	"testing"

	"github.com/careprint/careprint/internal/doc"
	"github.com/careprint/careprint/internal/geom"
)

// The structure a screen reader follows: headings, paragraphs, lists with labels and
// bodies, a table with column headers (repeated on the next page only as an artifact),
// a boxed warning grouped with its title, and the QR code as a figure with its text.
func TestStructureFollowsTheDocument(t *testing.T) {
	d := doc.Document{
		Header: doc.Header{Title: "Clinic", Subtitle: "Aftercare", Lines: []string{"555 0100"}},
		Footer: "Clinic",
		Blocks: []doc.Block{
			doc.Heading{Level: 1, Text: "Steps"},
			para("Do this."),
			doc.List{Ordered: true, Items: [][]doc.Block{{para("one")}, {para("two"), para("more")}}},
			doc.Table{Header: []doc.Cell{{para("When")}, {para("Do")}}, Rows: [][]doc.Cell{
				{{para("Day 1")}, {para(lorem)}}, {{para("Day 2")}, {para(lorem)}}, {{para("Day 3")}, {para(lorem)}}, {{para("Day 4")}, {para(lorem)}},
			}},
			doc.Callout{Title: "Call 911 now if", Tone: "urgent", Blocks: []doc.Block{para("you cannot breathe.")}},
			doc.Callout{Title: "Call us if", Blocks: []doc.Block{para("it hurts.")}},
			doc.QR{URL: "https://x.example/book/", Caption: "Scan to book."},
		},
	}
	res, err := Layout(&d, small(), fake{})
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Pages) < 2 {
		t.Fatalf("want the table to run onto a second page, got %d page(s)", len(res.Pages))
	}
	var b strings.Builder
	DumpTags(&b, res)
	want := `P "Clinic"
H1 "Aftercare"
P "555 0100"
H2 "Steps"
P "Do this."
L
  LI
    Lbl "1."
    LBody "one"
  LI
    Lbl "2."
    LBody
      P "two"
      P "more"
Table
  TR
    TH scope=Column "When"
    TH scope=Column "Do"
  TR
    TD "Day 1"
    TD "Wash your face with a gentle cleanser and cool water twice a day, then pat it dry with a clean towel."
  TR
    TD "Day 2"
    TD "Wash your face with a gentle cleanser and cool water twice a day, then pat it dry with a clean towel."
  TR
    TD "Day 3"
    TD "Wash your face with a gentle cleanser and cool water twice a day, then pat it dry with a clean towel."
  TR
    TD "Day 4"
    TD "Wash your face with a gentle cleanser and cool water twice a day, then pat it dry with a clean towel."
Sect
  H3 "Call 911 now if"
  P "you cannot breathe."
Sect
  H3 "Call us if"
  P "it hurts."
Figure alt="QR code: x.example/book"
P "Scan to book."
`
	if got := b.String(); got != want {
		t.Errorf("structure:\n%s\nwant:\n%s", got, want)
	}
	// Page furniture is never tagged.
	for i, pg := range res.Pages {
		for _, it := range pg.Items {
			if tx, ok := it.(Text); ok && strings.HasPrefix(tx.Text, "Page") && tx.Tag != nil {
				t.Errorf("page %d: the page number is tagged", i+1)
			}
		}
	}
}

// The patient's running identifier stands beside the page number from page 2 on, never
// on page 1 (which has the patient line), and it is page furniture, not structure.
func TestRunningPatientFromPageTwo(t *testing.T) {
	d := doc.Document{PageLabel: "Page {page} of {pages}", Running: "Ana N. · Tue 1 Dec 2026",
		Blocks: []doc.Block{para(lorem), para(lorem), para(lorem), para(lorem), para(lorem), para(lorem), para(lorem), para(lorem)}}
	res, err := Layout(&d, small(), fake{})
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Pages) < 2 {
		t.Fatalf("want 2 pages or more, got %d", len(res.Pages))
	}
	for i, pg := range res.Pages {
		var label string
		for _, it := range pg.Items {
			if tx, ok := it.(Text); ok && strings.Contains(tx.Text, "Page ") {
				label = tx.Text
				if tx.Tag != nil {
					t.Errorf("page %d: the footer is tagged", i+1)
				}
			}
		}
		want := "Page " + strconv.Itoa(i+1) + " of " + strconv.Itoa(len(res.Pages))
		if i > 0 {
			want = "Ana N. · Tue 1 Dec 2026 · " + want
		}
		if label != want {
			t.Errorf("page %d: footer %q, want %q", i+1, label, want)
		}
	}
}

// The header's logo is a figure with the clinic file's alternative text, or, without
// one, the clinic's name and "logo".
func TestHeaderLogoIsAFigure(t *testing.T) {
	for alt, want := range map[string]string{"": `Figure alt="Clinic logo"`, "A blue wave": `Figure alt="A blue wave"`} {
		d := doc.Document{Header: doc.Header{Title: "Clinic", Subtitle: "Aftercare"}, Blocks: []doc.Block{para("x")}}
		st := small()
		st.Logo = &Logo{Image: doc.Image{Name: "logo.png", PNG: []byte("png"), Width: 300, Height: 100, Alt: alt}, Height: geom.MM(8)}
		res, err := Layout(&d, st, fake{})
		if err != nil {
			t.Fatal(err)
		}
		var b strings.Builder
		DumpTags(&b, res)
		if !strings.HasPrefix(b.String(), want+"\n") {
			t.Errorf("structure:\n%s\nwant it to start with %s", b.String(), want)
		}
	}
}
