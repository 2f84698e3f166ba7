package layout

import (
	"fmt"
	"io"
	"strconv"
	"strings"

	"github.com/careprint/careprint/internal/geom"
)

// Face names one font face: a family and a style.
type Face struct {
	Family string
	Bold   bool
	Italic bool
}

// Style returns the face's style as the font files name it: Regular, Bold, Italic or
// BoldItalic.
func (f Face) Style() string {
	switch {
	case f.Bold && f.Italic:
		return "BoldItalic"
	case f.Bold:
		return "Bold"
	case f.Italic:
		return "Italic"
	}
	return "Regular"
}

// String is the face as "Family-Style", the name of its font file.
func (f Face) String() string { return f.Family + "-" + f.Style() }

// Result is the laid-out material: pages of positioned items, plus the metadata the writer
// puts in the PDF.
type Result struct {
	Title   string
	Subject string
	Lang    string
	Author  string
	Pages   []Page
	// Warnings say what the layout was asked to print and could not, such as a footer
	// part that does not fit on its lines. They never hold patient data.
	Warnings []string
}

// Page is one page of positioned items. Coordinates are from the top-left corner of the
// page (the media box), y growing downwards.
type Page struct {
	Width, Height geom.Length
	// Trim, when set, is the finished size inside a bleed, and Bleed that size with the
	// bleed around it (the page itself, unless marks are drawn outside the bleed); the
	// writer records them as the TrimBox and the BleedBox.
	Trim  *Box
	Bleed *Box
	Items []Item
}

// Box is a rectangle.
type Box struct{ X, Y, W, H geom.Length }

// Item is one thing drawn on a page: Text, Rect, Line, QR, Image or Bookmark.
type Item interface{ dump(w io.Writer, page int) }

// Text is a run of text in one face, placed on its baseline at (X, Y).
type Text struct {
	X, Y  geom.Length
	Face  Face
	Size  geom.Length
	Color geom.RGB
	Text  string
	// Width is the measured advance of Text, used for links and underlines.
	Width geom.Length
	Link  string
	Tag   *Node // nil: an artifact
	// Gap says the line broke at a space after Text. The space is not drawn where it
	// could be seen, but the PDF writes it, so that text read out of the file (by a
	// screen reader, or copied) keeps the gap between the last word of a line and the
	// first of the next.
	Gap bool
}

// Rect is a filled and/or stroked rectangle with its top-left corner at (X, Y).
type Rect struct {
	X, Y, W, H geom.Length
	Fill       *geom.RGB // nil: not filled
	Stroke     *geom.RGB // nil: not stroked
	LineWidth  geom.Length
}

// Line is a straight line; Dash > 0 draws it dashed with that dash length.
type Line struct {
	X1, Y1, X2, Y2 geom.Length
	Color          geom.RGB
	Width          geom.Length
	Dash           geom.Length
}

// QR is a QR code of the URL, drawn as vector squares in a Size × Size square whose
// top-left corner is (X, Y), quiet zone included.
type QR struct {
	X, Y, Size geom.Length
	URL        string
	Tag        *Node // a Figure with its alternative text; nil: an artifact
}

// Image is a picture drawn in the W × H box whose top-left corner is (X, Y). PNG holds
// its bytes (never interlaced); Name is the file it came from.
type Image struct {
	X, Y, W, H geom.Length
	Name       string
	PNG        []byte
	Tag        *Node // a Figure with its alternative text; nil: an artifact
}

// Bookmark is an entry of the PDF outline pointing at Y on its page.
type Bookmark struct {
	Title string
	Level int
	Y     geom.Length
}

func (t Text) dump(w io.Writer, p int) {
	fmt.Fprintf(w, "p%d text %s %s %s %spt %s %s", p, t.X, t.Y, t.Face, fmtPt(t.Size), t.Color, strconv.Quote(t.Text))
	if t.Link != "" {
		fmt.Fprintf(w, " link=%s", strconv.Quote(t.Link))
	}
	fmt.Fprintln(w)
}

func (r Rect) dump(w io.Writer, p int) {
	fmt.Fprintf(w, "p%d rect %s %s %s %s", p, r.X, r.Y, r.W, r.H)
	if r.Fill != nil {
		fmt.Fprintf(w, " fill=%s", r.Fill)
	}
	if r.Stroke != nil {
		fmt.Fprintf(w, " stroke=%s/%s", r.Stroke, r.LineWidth)
	}
	fmt.Fprintln(w)
}

func (l Line) dump(w io.Writer, p int) {
	fmt.Fprintf(w, "p%d line %s %s %s %s %s/%s", p, l.X1, l.Y1, l.X2, l.Y2, l.Color, l.Width)
	if l.Dash > 0 {
		fmt.Fprintf(w, " dash=%s", l.Dash)
	}
	fmt.Fprintln(w)
}

func (q QR) dump(w io.Writer, p int) {
	fmt.Fprintf(w, "p%d qr %s %s %s %s\n", p, q.X, q.Y, q.Size, strconv.Quote(q.URL))
}

func (im Image) dump(w io.Writer, p int) {
	fmt.Fprintf(w, "p%d image %s %s %s %s %s\n", p, im.X, im.Y, im.W, im.H, strconv.Quote(im.Name))
}

func (b Bookmark) dump(w io.Writer, p int) {
	fmt.Fprintf(w, "p%d bookmark %d %s %s\n", p, b.Level, b.Y, strconv.Quote(b.Title))
}

// Dump writes the display list as text, one item a line, lengths in millimetres:
//
//	page 1 210.000 297.000
//	p1 text 20.000 31.500 AtkinsonHyperlegible-Bold 14.000pt #1a1a1a "After your treatment"
func Dump(w io.Writer, r *Result) {
	for i, pg := range r.Pages {
		fmt.Fprintf(w, "page %d %s %s", i+1, pg.Width, pg.Height)
		if pg.Trim != nil {
			fmt.Fprintf(w, " trim=%s,%s,%s,%s", pg.Trim.X, pg.Trim.Y, pg.Trim.W, pg.Trim.H)
		}
		if pg.Bleed != nil {
			fmt.Fprintf(w, " bleed=%s,%s,%s,%s", pg.Bleed.X, pg.Bleed.Y, pg.Bleed.W, pg.Bleed.H)
		}
		fmt.Fprintln(w)
		for _, it := range pg.Items {
			it.dump(w, i+1)
		}
	}
}

// DumpString is Dump into a string.
func DumpString(r *Result) string {
	var b strings.Builder
	Dump(&b, r)
	return b.String()
}

func fmtPt(l geom.Length) string {
	// Points with two decimals: lengths are whole micrometres, so 12pt is 4.233 mm,
	// which reads back as 11.999pt at three.
	v := int64(l.Pt()*100 + 0.5)
	return fmt.Sprintf("%d.%02d", v/100, v%100)
}
