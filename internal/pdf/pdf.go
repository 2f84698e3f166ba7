// Package pdf writes a laid-out display list as PDF bytes with fpdf. It is the only
// package that imports fpdf, and it makes no layout decisions: every position comes from
// the display list. Output is reproducible: fixed dates, producer and catalogue order.
package pdf

import (
	"bytes"
	"crypto/sha256"
	"fmt"
	"io"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/boombuler/barcode"
	"github.com/boombuler/barcode/qr"
	"github.com/go-pdf/fpdf"
	"golang.org/x/image/font/sfnt"

	"github.com/careprint/careprint/internal/font"
	"github.com/careprint/careprint/internal/geom"
	"github.com/careprint/careprint/internal/layout"
	"github.com/careprint/careprint/internal/pdftag"
)

// Options are what the caller fixes so that the same input gives the same bytes.
type Options struct {
	Producer string
	Date     time.Time // creation and modification date, written in UTC
	// Untagged leaves out the logical structure (tags) that screen readers follow.
	Untagged bool
}

var globals sync.Once

// cutFonts is off only in the test that checks cut faces print the same pixels.
var cutFonts = true

// Write draws r and writes the PDF to w. Nothing is written to w unless the whole
// document was made.
func Write(w io.Writer, r *layout.Result, fonts *font.Set, opt Options) error {
	s := NewStream(r, fonts)
	// fpdf lists the width of every character under U+0100 the font has, each in a
	// range it builds in cubic time, and parses, hashes and subsets the whole font for
	// every document. A face cut first to the characters this document draws with it
	// makes all of that cheaper (a handout's write: 16 to 11 ms) and prints the same
	// pixels.
	s.cut = func(fc layout.Face, data []byte) []byte {
		if !cutFonts {
			return data
		}
		return fpdf.UTF8CutFont(data, runesOf(r, fc))
	}
	if err := s.Add(r.Pages); err != nil {
		return err
	}
	return s.Close(w, opt)
}

// Stream is a PDF drawn a few pages at a time, for a document too long to hold laid out
// whole: a merged batch of handouts. Its faces are embedded whole, since a later page
// may use any character (fpdf still subsets them at the end).
type Stream struct {
	head  *layout.Result // the title, subject, author and language; its pages are not used
	fonts *font.Set
	pdf   *fpdf.Fpdf
	faces map[layout.Face]bool
	cut   func(layout.Face, []byte) []byte // nil: faces whole
	pen   pen
	tags  tagger
	pages int
	boxes []pdftag.PageBoxes // by page; pdftag writes them, since fpdf writes two in map order
	names map[string]string  // fpdf's font name → the face's name
	err   error
}

// NewStream starts a document with head's metadata.
func NewStream(head *layout.Result, fonts *font.Set) *Stream {
	globals.Do(func() { fpdf.SetDefaultCatalogSort(true) })
	return &Stream{head: head, fonts: fonts, faces: map[layout.Face]bool{}}
}

// Pages is how many pages have been added.
func (s *Stream) Pages() int { return s.pages }

// Add draws pages after those already added.
func (s *Stream) Add(pages []layout.Page) (err error) {
	if s.err != nil {
		return s.err
	}
	defer func() {
		if p := recover(); p != nil {
			err = fmt.Errorf("the PDF library failed: %v", p)
		}
		if err != nil {
			s.err = err
		}
	}()
	if err := checkRunes(pages, s.pages); err != nil {
		return err
	}
	s.tags.adds++
	for _, pg := range pages {
		if s.pdf == nil {
			s.start(pg)
		}
		for _, it := range pg.Items {
			if t, ok := it.(layout.Text); ok && !s.faces[t.Face] {
				if err := s.addFace(t.Face); err != nil {
					return err
				}
			}
		}
		// fpdf swaps the size for "L"; "P" with the real size gives a landscape page
		// without a /Rotate entry, which print shops and viewers read as drawn.
		s.pdf.AddPageFormat("P", fpdf.SizeType{Wd: pg.Width.MM(), Ht: pg.Height.MM()})
		s.boxes = append(s.boxes, pageBoxes(pg))
		for _, it := range pg.Items {
			link := s.tags.before(s.pdf, s.pages, it)
			s.pen.draw(s.pdf, it)
			s.tags.after(s.pdf, s.pages, link)
		}
		s.tags.endPage(s.pdf)
		s.pages++
	}
	return s.pdf.Error()
}

// start makes the fpdf document, its default page size that of the first page.
func (s *Stream) start(first layout.Page) {
	pdf := fpdf.NewCustom(&fpdf.InitType{
		UnitStr: "mm",
		Size:    fpdf.SizeType{Wd: first.Width.MM(), Ht: first.Height.MM()},
	})
	pdf.SetCompression(true)
	pdf.SetAutoPageBreak(false, 0)
	pdf.SetMargins(0, 0, 0)
	pdf.SetCatalogSort(true)
	pdf.SetTitle(s.head.Title, true)
	pdf.SetSubject(s.head.Subject, true)
	pdf.SetAuthor(s.head.Author, true)
	if s.head.Lang != "" {
		pdf.SetLang(s.head.Lang)
	}
	s.pdf = pdf
}

func (s *Stream) addFace(fc layout.Face) error {
	data := s.fonts.Bytes(fc)
	if data == nil {
		return fmt.Errorf("font %s is not loaded", fc)
	}
	name := postScriptName(data, fc)
	if s.cut != nil {
		data = s.cut(fc, data)
	}
	s.pdf.AddUTF8FontFromBytes(fc.Family, fpdfStyle(fc), data)
	s.faces[fc] = true
	if s.names == nil {
		s.names = map[string]string{}
	}
	// fpdf names a font "utf8" + its key: the family in lower case and the style.
	s.names["utf8"+strings.ToLower(fc.Family)+fpdfStyle(fc)] = name
	return s.pdf.Error()
}

// Close writes the document to w. Nothing is written to w unless the whole document was
// made.
func (s *Stream) Close(w io.Writer, opt Options) (err error) {
	if s.err != nil {
		return s.err
	}
	if s.pdf == nil {
		return fmt.Errorf("no pages to write")
	}
	defer func() {
		if p := recover(); p != nil {
			err = fmt.Errorf("the PDF library failed: %v", p)
		}
	}()
	s.pdf.SetCreationDate(opt.Date.UTC())
	s.pdf.SetModificationDate(opt.Date.UTC())
	s.pdf.SetProducer(opt.Producer, true)
	s.pdf.SetCreator(opt.Producer, true)
	var buf bytes.Buffer
	if err := s.pdf.Output(&buf); err != nil {
		return err
	}
	// pdftag appends what fpdf cannot write, tagged or not: the font subsets' tags and the
	// print boxes, and the structure unless it is left out.
	d := pdftag.Doc{Lang: s.head.Lang, Title: s.head.Title, Boxes: s.boxes, FontNames: s.names}
	if !opt.Untagged {
		d.Root = s.tags.tree()
	}
	out, err := pdftag.Update(buf.Bytes(), d)
	if err != nil {
		return err
	}
	_, err = w.Write(out)
	return err
}

// pageBoxes are pg's trim and bleed boxes in PDF user space (points, y up); zero when it
// has no trim.
func pageBoxes(pg layout.Page) pdftag.PageBoxes {
	if pg.Trim == nil {
		return pdftag.PageBoxes{}
	}
	box := func(b layout.Box) pdftag.Box {
		return pdftag.Box{X0: b.X.Pt(), Y0: (pg.Height - b.Y - b.H).Pt(), X1: (b.X + b.W).Pt(), Y1: (pg.Height - b.Y).Pt()}
	}
	bleed := pg.Trim
	if pg.Bleed != nil {
		bleed = pg.Bleed
	}
	return pdftag.PageBoxes{Trim: box(*pg.Trim), Bleed: box(*bleed)}
}

func checkRunes(pages []layout.Page, before int) error {
	for i, pg := range pages {
		for _, it := range pg.Items {
			if t, ok := it.(layout.Text); ok {
				for _, c := range t.Text {
					if c > 0xffff {
						return fmt.Errorf("page %d: character U+%04X cannot be written to PDF (outside the Basic Multilingual Plane)", before+i+1, c)
					}
				}
			}
		}
	}
	return nil
}

// runesOf is every character r draws with face fc, in code point order.
func runesOf(r *layout.Result, fc layout.Face) string {
	seen := map[rune]bool{}
	var out []rune
	for _, pg := range r.Pages {
		for _, it := range pg.Items {
			if t, ok := it.(layout.Text); ok && t.Face == fc {
				for _, c := range t.Text {
					if !seen[c] {
						seen[c] = true
						out = append(out, c)
					}
				}
			}
		}
	}
	slices.Sort(out)
	return string(out)
}

// postScriptName is the font's PostScript name (name ID 6), which PDF asks for as a
// TrueType font's /BaseFont; the face's own name when the font has none.
func postScriptName(data []byte, fc layout.Face) string {
	if f, err := sfnt.Parse(data); err == nil {
		if n, err := f.Name(nil, sfnt.NameIDPostScript); err == nil && n != "" {
			return n
		}
	}
	return fc.String()
}

func fpdfStyle(f layout.Face) string {
	s := ""
	if f.Bold {
		s += "B"
	}
	if f.Italic {
		s += "I"
	}
	return s
}

// pen remembers the font and the text colour last set, so that a run of text in one
// style sets them once: fpdf formats a colour on every call, and draws text whose colour
// differs from the fill colour inside its own q … Q with the colour repeated. Text colour
// is the fill colour in PDF, so setting both to it keeps each line a bare BT … ET.
type pen struct {
	face  layout.Face
	size  geom.Length
	color *geom.RGB
}

func (p *pen) draw(pdf *fpdf.Fpdf, it layout.Item) {
	switch it := it.(type) {
	case layout.Text:
		if it.Face != p.face || it.Size != p.size {
			pdf.SetFont(it.Face.Family, fpdfStyle(it.Face), it.Size.Pt())
			p.face, p.size = it.Face, it.Size
		}
		if p.color == nil || *p.color != it.Color {
			c := it.Color
			pdf.SetTextColor(int(c.R), int(c.G), int(c.B))
			pdf.SetFillColor(int(c.R), int(c.G), int(c.B))
			p.color = &c
		}
		text := it.Text
		if it.Gap {
			text += " "
		}
		pdf.Text(it.X.MM(), it.Y.MM(), text)
		if it.Link != "" {
			h := it.Size.MM()
			pdf.LinkString(it.X.MM(), it.Y.MM()-h*0.8, it.Width.MM(), h, it.Link)
		}
	case layout.Rect:
		style := ""
		if it.Fill != nil {
			pdf.SetFillColor(int(it.Fill.R), int(it.Fill.G), int(it.Fill.B))
			p.color = nil
			style += "F"
		}
		if it.Stroke != nil {
			pdf.SetDrawColor(int(it.Stroke.R), int(it.Stroke.G), int(it.Stroke.B))
			pdf.SetLineWidth(it.LineWidth.MM())
			style += "D"
		}
		if style != "" {
			pdf.Rect(it.X.MM(), it.Y.MM(), it.W.MM(), it.H.MM(), style)
		}
	case layout.Line:
		pdf.SetDrawColor(int(it.Color.R), int(it.Color.G), int(it.Color.B))
		pdf.SetLineWidth(it.Width.MM())
		if it.Dash > 0 {
			pdf.SetDashPattern([]float64{it.Dash.MM(), it.Dash.MM()}, 0)
		}
		pdf.Line(it.X1.MM(), it.Y1.MM(), it.X2.MM(), it.Y2.MM())
		if it.Dash > 0 {
			pdf.SetDashPattern(nil, 0)
		}
	case layout.QR:
		drawQR(pdf, it)
		p.color = nil
	case layout.Image:
		// Registered under its content's hash, so one picture drawn twice is embedded once.
		name := fmt.Sprintf("img-%x", sha256.Sum256(it.PNG))
		if pdf.GetImageInfo(name) == nil {
			pdf.RegisterImageOptionsReader(name, fpdf.ImageOptions{ImageType: "PNG"}, bytes.NewReader(it.PNG))
		}
		pdf.ImageOptions(name, it.X.MM(), it.Y.MM(), it.W.MM(), it.H.MM(), false, fpdf.ImageOptions{ImageType: "PNG"}, 0, "")
	case layout.Bookmark:
		pdf.Bookmark(it.Title, it.Level, it.Y.MM())
	}
}

// drawQR draws the code as vector squares, one rectangle per horizontal run of dark
// modules, with a four-module quiet zone inside Size.
func drawQR(pdf *fpdf.Fpdf, q layout.QR) {
	code, err := encodeQR(q.URL)
	if err != nil {
		pdf.SetError(fmt.Errorf("QR code for %s: %w", q.URL, err))
		return
	}
	n := code.Bounds().Dx()
	module := q.Size.MM() / float64(n+8)
	x0, y0 := q.X.MM()+4*module, q.Y.MM()+4*module
	pdf.SetFillColor(255, 255, 255)
	pdf.Rect(q.X.MM(), q.Y.MM(), q.Size.MM(), q.Size.MM(), "F")
	pdf.SetFillColor(0, 0, 0)
	for y := 0; y < n; y++ {
		for x := 0; x < n; {
			if !dark(code.At(x, y)) {
				x++
				continue
			}
			start := x
			for x < n && dark(code.At(x, y)) {
				x++
			}
			pdf.Rect(x0+float64(start)*module, y0+float64(y)*module, float64(x-start)*module, module, "F")
		}
	}
}

// qrCodes caches encoded QR codes by URL: a batch prints the same booking link on every
// handout, and encoding it (with its mask penalties) was 8 % of writing one.
var qrCodes sync.Map // string → *qrCode

type qrCode struct {
	once sync.Once
	code barcode.Barcode
	err  error
}

func encodeQR(url string) (barcode.Barcode, error) {
	v, _ := qrCodes.LoadOrStore(url, &qrCode{})
	c := v.(*qrCode)
	c.once.Do(func() { c.code, c.err = qr.Encode(url, qr.M, qr.Auto) })
	return c.code, c.err
}

// PrepareQR starts encoding the QR code for url in the background, so that a document
// that draws it later finds it done: a cold handout encodes its booking link on the
// second core while the first lays the handout out (1.5 ms off its time).
func PrepareQR(url string) {
	if url != "" {
		go encodeQR(url)
	}
}

func dark(c interface{ RGBA() (r, g, b, a uint32) }) bool {
	r, _, _, _ := c.RGBA()
	return r < 0x8000
}
