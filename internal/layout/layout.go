// Package layout is careprint's own layout engine. It measures words with the fonts'
// metrics (through Measurer), breaks lines, keeps headings with what follows, flows
// blocks into pages, numbers them, and returns a display list of positioned items that
// the writer draws and a test can dump as text. It knows nothing of PDF.
//
// The engine works in two steps. Blocks are first turned into slices: the smallest
// vertical pieces that may not be split (a line of a paragraph, a table row, a boxed
// callout), each with items positioned relative to its own top and a flag saying whether
// a page may break before it. Then the slices are distributed onto pages: a run of slices
// chained by "no break before" moves to the next page whole when it does not fit.
package layout

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/careprint/careprint/internal/doc"
	"github.com/careprint/careprint/internal/geom"
)

// GlyphError is a character that no font can draw. The engine never draws it as a box.
type GlyphError struct {
	Rune rune
}

func (e *GlyphError) Error() string {
	return fmt.Sprintf("no font can print U+%04X", e.Rune)
}

// slice is an unsplittable vertical piece of the flow.
type slice struct {
	h           geom.Length // height of the content
	before      geom.Length // space above it, dropped at the top of a page
	items       []Item      // Y relative to the slice's top
	keep        bool        // no page break before this slice
	tableHeader *slice      // repeated at the top of a page when a table row moves there
	isHeader    bool
	repeat      bool   // a table header drawn again at the top of a page: an artifact
	part        string // the layout block it comes from, for messages about brochure panels
	// short marks a keep that holds only because its list is short enough to move whole:
	// a box that breaks between its lines lets its lists break too.
	short bool
}

type engine struct {
	st   *Style
	m    Measurer
	lang string // the document's language (BCP 47), for hyphenation
	// warnings are what the layout was asked to print and could not (Result.Warnings).
	warnings []string
	tags     *Tags
	parent   *Node // the node that new nodes belong to (nil: the document)
	// direct makes the next paragraph's text the parent's own (a list item's body or a
	// table cell that holds one paragraph): one element less for each, which keeps the
	// tagged file small.
	direct bool
}

// Layout lays out a document on pages of the style's size.
func Layout(d *doc.Document, st *Style, m Measurer) (*Result, error) {
	e := &engine{st: st, m: m, lang: d.Lang, tags: &Tags{}}
	left := st.MarginLeft
	width := st.PageWidth - st.MarginLeft - st.MarginRight
	if width <= 0 || st.PageHeight-st.MarginTop-st.MarginBottom <= 0 {
		return nil, fmt.Errorf("the margins leave no room for text")
	}
	band, bandH, err := e.header(d.Header)
	if err != nil {
		return nil, err
	}
	slices, err := e.blocks(d.Blocks, left, width)
	if err != nil {
		return nil, err
	}
	res := &Result{Title: d.Title, Subject: d.Subject, Lang: d.Lang, Author: d.Author}
	foot, warns, err := e.planFooter(d)
	if err != nil {
		return nil, err
	}
	res.Warnings = append(e.warnings, warns...)
	if foot.margin != st.MarginBottom {
		// A footer of two lines: the text area ends higher.
		sc := *st
		sc.MarginBottom = foot.margin
		e.st = &sc
	}
	firstTop := st.MarginTop
	if bandH > 0 {
		firstTop = bandH + st.ParaSpace*2
	}
	pages, err := e.distribute(slices, firstTop)
	if err != nil {
		return nil, err
	}
	for i, items := range pages {
		pg := Page{Width: st.PageWidth, Height: st.PageHeight}
		if i == 0 {
			pg.Items = append(pg.Items, band...)
		}
		pg.Items = append(pg.Items, items...)
		fi, err := e.footer(foot, pageLabel(d, i), i+1, len(pages))
		if err != nil {
			return nil, err
		}
		pg.Items = append(pg.Items, fi...)
		res.Pages = append(res.Pages, pg)
	}
	return res, nil
}

// MaxPages is the most pages a document may run to. A handout is a few pages; more than
// this is text pasted by mistake, and laying it out would cost time and memory in
// proportion.
const MaxPages = 50

// ErrTooManyPages is the error of a document longer than MaxPages.
var ErrTooManyPages = fmt.Errorf("the document runs to more than %d pages (the limit): shorten the text", MaxPages)

// distribute places slices on pages, starting the first page at firstTop.
func (e *engine) distribute(slices []slice, firstTop geom.Length) ([][]Item, error) {
	st := e.st
	bottom := st.PageHeight - st.MarginBottom
	var pages [][]Item
	var cur []Item
	y := firstTop
	atTop := true
	newPage := func() {
		pages = append(pages, cur)
		cur = nil
		y = st.MarginTop
		atTop = true
	}
	place := func(s *slice) {
		if !atTop {
			y += s.before
		}
		items := s.items
		if s.isHeader && s.repeat {
			items = untagged(items)
		}
		for _, it := range items {
			cur = append(cur, shift(it, y))
		}
		y += s.h
		atTop = false
	}
	for i := 0; i < len(slices); {
		// The chain: this slice and those that may not be separated from it.
		j := i + 1
		for j < len(slices) && slices[j].keep {
			j++
		}
		chainH := func(top bool) geom.Length {
			h := geom.Length(0)
			for k := i; k < j; k++ {
				if k > i || !top {
					h += slices[k].before
				}
				h += slices[k].h
			}
			return h
		}
		pageH := bottom - st.MarginTop
		if y+chainH(atTop) > bottom && !atTop {
			if chainH(true) <= pageH || y+slices[i].before+slices[i].h > bottom {
				newPage()
				if hd := slices[i].tableHeader; hd != nil && !slices[i].isHeader {
					place(&slice{h: hd.h, items: hd.items, isHeader: true, repeat: true})
				}
			}
		}
		// Place the chain; a chain taller than a page breaks wherever it must.
		for k := i; k < j; k++ {
			s := &slices[k]
			gap := s.before
			if atTop {
				gap = 0
			}
			if y+gap+s.h > bottom && !atTop {
				newPage()
				if hd := s.tableHeader; hd != nil && !s.isHeader {
					place(&slice{h: hd.h, items: hd.items, isHeader: true, repeat: true})
				}
			}
			if atTop && y+s.h > bottom {
				return nil, fmt.Errorf("a block is %s mm tall, taller than the page's text area (%s mm)", s.h, pageH)
			}
			place(s)
		}
		i = j
		if len(pages) >= MaxPages {
			return nil, ErrTooManyPages
		}
	}
	pages = append(pages, cur)
	return pages, nil
}

func shift(it Item, dy geom.Length) Item {
	switch it := it.(type) {
	case Text:
		it.Y += dy
		return it
	case Rect:
		it.Y += dy
		return it
	case Line:
		it.Y1 += dy
		it.Y2 += dy
		return it
	case QR:
		it.Y += dy
		return it
	case Image:
		it.Y += dy
		return it
	case Bookmark:
		it.Y += dy
		return it
	}
	return it
}

// move shifts an item right by dx and down by dy.
func move(it Item, dx, dy geom.Length) Item {
	it = shift(it, dy)
	switch it := it.(type) {
	case Text:
		it.X += dx
		return it
	case Rect:
		it.X += dx
		return it
	case Line:
		it.X1 += dx
		it.X2 += dx
		return it
	case QR:
		it.X += dx
		return it
	case Image:
		it.X += dx
		return it
	}
	return it
}

// stack joins slices into one, as if placed on an endless page.
func stack(ss []slice) slice {
	var out slice
	y := geom.Length(0)
	for i, s := range ss {
		if i > 0 {
			y += s.before
		} else {
			out.before = s.before
		}
		for _, it := range s.items {
			out.items = append(out.items, shift(it, y))
		}
		y += s.h
	}
	out.h = y
	return out
}

// blocks turns blocks into slices for a column at x of the given width.
func (e *engine) blocks(bs []doc.Block, x, w geom.Length) ([]slice, error) {
	ss, _, err := e.blockStarts(bs, x, w)
	return ss, err
}

// blockStarts is blocks, also saying where each block's slices start (an index into the
// slices; a block that makes no slice starts where the next one does).
func (e *engine) blockStarts(bs []doc.Block, x, w geom.Length) ([]slice, []int, error) {
	st := e.st
	var out []slice
	var starts []int
	keepNext := 0 // slices still to chain to a heading above
	afterHeading := false
	add := func(ss []slice, before geom.Length) {
		if afterHeading {
			before = st.ParaSpace / 3
			afterHeading = false
		}
		for i := range ss {
			if i == 0 {
				ss[i].before = before
			}
			if keepNext > 0 {
				ss[i].keep, ss[i].short = true, false
				keepNext--
			}
		}
		out = append(out, ss...)
	}
	for _, b := range bs {
		starts = append(starts, len(out))
		switch b := b.(type) {
		case doc.Heading:
			size, level, before := st.H1Size, 0, st.ParaSpace*2
			if b.Level > 1 {
				size, level, before = st.H2Size, 1, st.ParaSpace
			}
			ss, err := e.heading().paragraph([]doc.Inline{{Text: b.Text, Bold: true}}, x, w, size, st.Heading)
			if err != nil {
				return nil, nil, err
			}
			tagSlices(ss, e.node(headingRole(b.Level+1)))
			ss[0].items = append([]Item{Bookmark{Title: b.Text, Level: level}}, ss[0].items...)
			for i := 1; i < len(ss); i++ {
				ss[i].keep = true
			}
			add(ss, before)
			keepNext = 2
			afterHeading = true
			continue
		case doc.Paragraph:
			role := "P"
			if b.Heading > 0 {
				role = headingRole(b.Heading)
			}
			n := e.parent
			if !e.direct || n == nil || b.Heading > 0 {
				n = e.node(role)
				n.Actual = logical(b.Inlines)
			}
			e.direct = false
			ss, err := e.paragraph(b.Inlines, x, w, st.BodySize, st.Text)
			if err != nil {
				return nil, nil, err
			}
			tagSlices(ss, n)
			keepLines(ss)
			add(ss, st.ParaSpace)
		case doc.List:
			ss, err := e.list(b, x, w)
			if err != nil {
				return nil, nil, err
			}
			add(ss, st.ParaSpace)
		case doc.Table:
			ss, err := e.table(b, x, w)
			if err != nil {
				return nil, nil, err
			}
			add(ss, st.ParaSpace)
		case doc.Callout:
			ss, err := e.callout(b, x, w)
			if err != nil {
				return nil, nil, err
			}
			add(ss, st.ParaSpace)
		case doc.Fields:
			n := e.node("P")
			var in []doc.Inline
			for i, f := range b.Items {
				sep := ""
				if i < len(b.Items)-1 {
					sep = "\u00a0\u00a0\u00a0\u00a0 "
				}
				// A field breaks to the next line whole, never inside its value.
				value := strings.ReplaceAll(f.Value, " ", "\u00a0")
				in = append(in, doc.Inline{Text: f.Label + ":\u00a0", Bold: true}, doc.Inline{Text: value + sep})
			}
			ss, err := e.paragraph(in, x, w, st.BodySize, st.Text)
			if err != nil {
				return nil, nil, err
			}
			n.Actual = logical(in)
			tagSlices(ss, n)
			keepLines(ss)
			add(ss, st.ParaSpace)
		case doc.LanguageHelp:
			ss, err := e.languageHelp(b, x, w)
			if err != nil {
				return nil, nil, err
			}
			add(ss, st.ParaSpace*2)
		case doc.Note, doc.Signoff, doc.NotesBox, doc.SmallPrint, doc.Details:
			ss, before, err := e.extra(b, x, w)
			if err != nil {
				return nil, nil, err
			}
			add(ss, before)
		case doc.QR:
			s, err := e.qr(b, x, w)
			if err != nil {
				return nil, nil, err
			}
			// The booking code closes the handout: it goes to a new page only with the
			// end of what it follows, never alone.
			s.keep = len(out) > 0
			add([]slice{s}, st.ParaSpace*2)
		}
	}
	return out, starts, nil
}

// keepLines applies widow and orphan control to the lines of a paragraph: short
// paragraphs stay whole, and longer ones never leave one line alone at either end.
func keepLines(ss []slice) {
	n := len(ss)
	if n <= 1 {
		return
	}
	if n <= 3 {
		for i := 1; i < n; i++ {
			ss[i].keep = true
		}
		return
	}
	ss[1].keep = true
	ss[n-1].keep = true
}

func (e *engine) list(l doc.List, x, w geom.Length) ([]slice, error) {
	st := e.st
	size := st.BodySize
	indent := size * 1300 / 1000
	if l.Ordered {
		last := max(l.Start, 1) + len(l.Items) - 1
		indent = max(indent, e.m.Width(Face{Family: st.Family}, size, strconv.Itoa(last)+".")+size/2)
	}
	var out []slice
	list := e.node("L")
	for i, item := range l.Items {
		li := e.tags.New("LI", list)
		lbl := e.tags.New("Lbl", li)
		body := e.tags.New("LBody", li)
		var ss []slice
		err := e.within(body, func() (err error) {
			e.direct = onlyParagraph(item)
			ss, err = e.blocks(item, x+indent, w-indent)
			return err
		})
		if err != nil {
			return nil, err
		}
		if len(ss) == 0 {
			continue
		}
		lh := st.LineHeight(size)
		if l.Check {
			// An empty tick box, drawn as a square (no glyph a font may lack), as tall as a
			// capital letter and sitting on the first line's baseline.
			box := size * 700 / 1000
			line := st.Text
			ss[0].items = append(ss[0].items, Rect{X: x, Y: baseline(lh, size) - box, W: box, H: box, Stroke: &line, LineWidth: geom.MM(0.35)})
		} else {
			marker := "•"
			if l.Ordered {
				marker = strconv.Itoa(max(l.Start, 1)+i) + "."
			}
			mk, err := e.runs([]doc.Inline{{Text: marker, Bold: l.Ordered}}, size, st.Text)
			if err != nil {
				return nil, err
			}
			mks := e.place(mk, x, baseline(lh, size))
			tagItems(mks, lbl)
			ss[0].items = append(ss[0].items, mks...)
		}
		// An item of up to three lines stays whole, like a short paragraph; a longer one
		// may break between its lines, but never leaves one line alone at either end.
		if len(ss) <= 3 {
			for k := 1; k < len(ss); k++ {
				ss[k].keep = true
			}
		} else {
			ss[1].keep = true
			ss[len(ss)-1].keep = true
		}
		ss[0].before = st.ParaSpace / 3
		// A list never splits after its first line, nor leaves its last line alone: a
		// one-line first item keeps the second item with it, and a one-line last item
		// stays with the one before.
		if (i == 1 && len(out) == 1) || (i == len(l.Items)-1 && i > 0 && len(ss) == 1) {
			ss[0].keep = true
		}
		out = append(out, ss...)
	}
	// A short list (up to shortList lines) is read in one place: it moves to the next
	// page whole rather than split.
	if len(out) <= shortList {
		for k := 1; k < len(out); k++ {
			if !out[k].keep {
				out[k].keep, out[k].short = true, true
			}
		}
	}
	return out, nil
}

// shortList is the most lines a list may have and still move to the next page whole;
// a longer list breaks between its items or lines, with two lines at least on each side.
const shortList = 6

func (e *engine) table(t doc.Table, x, w geom.Length) ([]slice, error) {
	st := e.st
	n := len(t.Header)
	for _, r := range t.Rows {
		n = max(n, len(r))
	}
	if n == 0 {
		return nil, nil
	}
	weights := t.Widths
	if len(weights) != n {
		weights = make([]int, n)
		for i := range weights {
			weights[i] = 1
		}
	}
	total := 0
	for _, wt := range weights {
		total += wt
	}
	if st.NoColumns && n > 1 {
		return e.rows(t, n, x, w)
	}
	cols := make([]geom.Length, n)
	xs := make([]geom.Length, n)
	acc := geom.Length(0)
	for i, wt := range weights {
		xs[i] = x + acc
		cols[i] = w * geom.Length(wt) / geom.Length(total)
		if i == n-1 {
			cols[i] = w - acc
		}
		acc += cols[i]
	}
	pad := st.BodySize * 450 / 1000
	rule := st.Rule
	table := e.node("Table")
	row := func(cells []doc.Cell, header bool) (slice, error) {
		var contents []slice
		h := geom.Length(0)
		tr := e.tags.New("TR", table)
		for i := 0; i < n; i++ {
			var blocks []doc.Block
			if i < len(cells) {
				blocks = cells[i]
			}
			if header {
				blocks = boldBlocks(blocks)
			}
			cell := e.tags.New("TD", tr)
			if header {
				cell.Role, cell.Scope = "TH", "Column"
			}
			var ss []slice
			err := e.within(cell, func() (err error) {
				e.direct = onlyParagraph(blocks)
				ss, err = e.blocks(blocks, xs[i]+pad, cols[i]-2*pad)
				return err
			})
			if err != nil {
				return slice{}, err
			}
			c := stack(ss)
			contents = append(contents, c)
			h = max(h, c.h)
		}
		h += 2 * pad
		var s slice
		s.h = h
		for i := 0; i < n; i++ {
			r := Rect{X: xs[i], Y: 0, W: cols[i], H: h, Stroke: &rule, LineWidth: geom.MM(0.3)}
			if header {
				bg := st.TableHead
				r.Fill = &bg
			}
			s.items = append(s.items, r)
		}
		for _, c := range contents {
			for _, it := range c.items {
				s.items = append(s.items, shift(it, pad))
			}
		}
		return s, nil
	}
	var out []slice
	var hd *slice
	if len(t.Header) > 0 {
		h, err := row(t.Header, true)
		if err != nil {
			return nil, err
		}
		h.isHeader = true
		hd = &h
		out = append(out, h)
	}
	for i, r := range t.Rows {
		s, err := row(r, false)
		if err != nil {
			return nil, err
		}
		s.tableHeader = hd
		if i == 0 && hd != nil {
			s.keep = true // a header row never ends a page alone
		}
		out = append(out, s)
	}
	return out, nil
}

// rows sets a table without columns, for large print (DOMAIN.md b7: avoid columns; a
// four-column table at 18 pt leaves a few words a line and runs pages long): each row
// becomes its first cell, bold on the header colour, then each further cell at the full
// width, led by its column's heading in bold ("Avoid: Scrubs and peels."). A row's lead
// stays with the two lines after it and its last line with the one before; the rest
// breaks between its parts and lines like body text, and the lead is repeated at the top
// of the next page.
func (e *engine) rows(t doc.Table, n int, x, w geom.Length) ([]slice, error) {
	st := e.st
	pad := st.BodySize * 300 / 1000
	table := e.node("Table")
	label := func(i int) []doc.Inline {
		if i >= len(t.Header) || !onlyParagraph(t.Header[i]) {
			return nil
		}
		var in []doc.Inline
		for _, r := range t.Header[i][0].(doc.Paragraph).Inlines {
			r.Bold = true
			in = append(in, r)
		}
		if len(in) > 0 {
			in[len(in)-1].Text += ":\u00a0"
		}
		return in
	}
	var out []slice
	for _, r := range t.Rows {
		tr := e.tags.New("TR", table)
		var row []slice
		for i := 0; i < n; i++ {
			var blocks []doc.Block
			if i < len(r) {
				blocks = r[i]
			}
			if len(blocks) == 0 {
				continue
			}
			cell := e.tags.New("TD", tr)
			if i == 0 {
				cell.Role, cell.Scope = "TH", "Row"
				blocks = joinParagraphs(blocks)
				var ss []slice
				err := e.within(cell, func() (err error) {
					e.direct = onlyParagraph(blocks)
					ss, err = e.blocks(boldBlocks(blocks), x+pad, w-2*pad)
					return err
				})
				if err != nil {
					return nil, err
				}
				for k := 1; k < len(ss); k++ {
					ss[k].before = 0 // the lead's paragraphs read as one block of lines
				}
				c := stack(ss)
				bg := st.TableHead
				lead := slice{h: c.h + 2*pad, before: st.ParaSpace}
				lead.items = append(lead.items, Rect{X: x, Y: 0, W: w, H: lead.h, Fill: &bg})
				for _, it := range c.items {
					lead.items = append(lead.items, shift(it, pad))
				}
				row = append(row, lead)
				continue
			}
			var ss []slice
			err := e.within(cell, func() error {
				l := label(i)
				if p, ok := blocks[0].(doc.Paragraph); ok && l != nil {
					// "Avoid: Scrubs and peels." on one line.
					l = append(l, p.Inlines...)
					blocks = blocks[1:]
				}
				if l != nil {
					ls, err := e.paragraph(l, x, w, st.BodySize, st.Text)
					if err != nil {
						return err
					}
					tagSlices(ls, e.node("P"))
					keepLines(ls)
					ss = ls
				}
				rest, err := e.blocks(blocks, x, w)
				if err != nil {
					return err
				}
				if len(ss) > 0 && len(rest) > 0 {
					// What follows a label line stays close to it, and with it.
					rest[0].before, rest[0].keep = st.ParaSpace/3, true
				}
				ss = append(ss, rest...)
				return nil
			})
			if err != nil {
				return nil, err
			}
			if len(ss) > 0 {
				ss[0].before = st.ParaSpace / 3
			}
			row = append(row, ss...)
		}
		// The lead stays with the two lines after it and the row's last line with the one
		// before: a page never ends on a lead with one line under it, nor starts with one
		// line under the repeated lead. Between, the row breaks between its parts, and
		// inside them as body text does: the lead repeated at the top of the next page
		// keeps a part's list in its context, so a short list need not move whole (a
		// label stays with its first line, and a list never splits after its first line
		// nor leaves its last alone).
		for k := 1; k < len(row); k++ {
			if row[k].short {
				row[k].keep, row[k].short = false, false
			}
			if k <= 2 || k == len(row)-1 {
				row[k].keep = true
			}
		}
		if len(row) > 0 && len(r) > 0 && len(r[0]) > 0 {
			// A row that runs onto the next page has its lead again at the top of it.
			lead := row[0]
			lead.before = 0
			row[0].isHeader = true
			for k := 1; k < len(row); k++ {
				row[k].tableHeader = &lead
			}
		}
		out = append(out, row...)
	}
	return out, nil
}

// joinParagraphs makes paragraphs one, their texts separated by " · " ("Tue 1 Dec · The
// day of treatment"), so that a row's lead takes one line where it fits; blocks that are
// not all paragraphs are returned as they are.
func joinParagraphs(bs []doc.Block) []doc.Block {
	var in []doc.Inline
	for i, b := range bs {
		p, ok := b.(doc.Paragraph)
		if !ok || p.Heading > 0 {
			return bs
		}
		if i > 0 {
			in = append(in, doc.Inline{Text: " · "})
		}
		in = append(in, p.Inlines...)
	}
	return []doc.Block{doc.Paragraph{Inlines: in}}
}

// onlyParagraph reports whether bs is one paragraph.
func onlyParagraph(bs []doc.Block) bool {
	if len(bs) != 1 {
		return false
	}
	_, ok := bs[0].(doc.Paragraph)
	return ok
}

func boldBlocks(bs []doc.Block) []doc.Block {
	out := make([]doc.Block, len(bs))
	for i, b := range bs {
		if p, ok := b.(doc.Paragraph); ok {
			in := make([]doc.Inline, len(p.Inlines))
			for j, r := range p.Inlines {
				r.Bold = true
				in[j] = r
			}
			b = doc.Paragraph{Inlines: in, Heading: p.Heading}
		}
		out[i] = b
	}
	return out
}

// Colours of an urgent warning: a dark red that keeps 4.5:1 contrast with white and with
// its pale background, so that it reads as urgent in colour and, by its solid title bar
// and heavier border, in grey.
var (
	urgentRed = geom.RGB{R: 0xa3, G: 0x12, B: 0x1b}
	urgentBg  = geom.RGB{R: 0xfd, G: 0xee, B: 0xee}
)

// callout draws a boxed block. A caution box has the clinic's colour as its border and
// its title in bold; an urgent box has a solid red title bar with white text, a heavier
// red border and a pale red background. The title is a section of the PDF outline.
//
// A short box (shortBox lines at most, and a third of the page's text area high at
// most) is one slice: it moves to the next page whole, read in one place. A longer one,
// which would leave up to a third of a page empty or more, is a slice for each of its
// lines, each drawing its own strip of the box, so that it breaks between lines like
// body text: its title and first two lines stay together, its last two lines too, and
// its closing block (the "Call us on ..." paragraph after a warning's list) keeps the
// line before it, so that a phone number never reaches the next page without what it
// is for. The box stays open at the break.
func (e *engine) callout(c doc.Callout, x, w geom.Length) ([]slice, error) {
	st := e.st
	pad := st.BodySize * 900 / 1000
	urgent := c.Tone == "urgent"
	var title slice
	box := e.node("Sect")
	titleLevel := 3 // under the section headings (H2)
	if c.Title != "" {
		color := st.Text
		if urgent {
			color = geom.White
		}
		ts, err := e.paragraph([]doc.Inline{{Text: c.Title, Bold: true}}, x+pad, w-2*pad, st.BodySize, color)
		if err != nil {
			return nil, err
		}
		tagSlices(ts, e.tags.New(headingRole(titleLevel), box))
		title = stack(ts)
	}
	top := pad
	inner := c.Blocks
	if !urgent && c.Title != "" {
		inner = append([]doc.Block{doc.Paragraph{Inlines: []doc.Inline{{Text: c.Title, Bold: true}}, Heading: titleLevel}}, inner...)
	}
	if urgent && c.Title != "" {
		top = title.h + pad*3/2
	}
	var ss []slice
	var starts []int
	err := e.within(box, func() (err error) {
		ss, starts, err = e.blockStarts(inner, x+pad, w-2*pad)
		return err
	})
	if err != nil {
		return nil, err
	}
	body := stack(ss)
	bg, border, lw := st.CalloutBg, st.Heading, geom.MM(0.8)
	if urgent {
		bg, border, lw = urgentBg, urgentRed, geom.MM(1.4)
	}
	var head []Item // the bookmark and an urgent box's title bar, at the box's top
	if c.Title != "" {
		head = append(head, Bookmark{Title: c.Title, Level: 0})
	}
	titleBar := func() []Item {
		if !urgent || c.Title == "" {
			return nil
		}
		items := []Item{Rect{X: x, Y: 0, W: w, H: title.h + pad, Fill: &border}}
		for _, it := range title.items {
			items = append(items, shift(it, pad/2))
		}
		return items
	}
	if h := top + body.h + pad; (h <= (st.PageHeight-st.MarginTop-st.MarginBottom)/3 && len(ss) <= shortBox) || len(ss) < 4 {
		s := slice{h: h}
		s.items = append(s.items, head...)
		s.items = append(s.items, Rect{X: x, Y: 0, W: w, H: s.h, Fill: &bg, Stroke: &border, LineWidth: lw})
		s.items = append(s.items, titleBar()...)
		for _, it := range body.items {
			s.items = append(s.items, shift(it, top))
		}
		return []slice{s}, nil
	}
	closing := -1 // where the box's last block starts
	if len(starts) > 0 {
		closing = starts[len(starts)-1]
	}
	out := make([]slice, len(ss))
	for i, in := range ss {
		s := slice{before: in.before, keep: (in.keep && !in.short) || i <= 2 || i == len(ss)-1 || i == closing}
		y0 := geom.Length(0) // where this slice's content starts
		if i == 0 {
			s.before, s.keep = 0, false
			y0 = top
		}
		s.h = y0 + in.h
		if i == len(ss)-1 {
			s.h += pad
		}
		// The strip reaches down over the gap to the next slice, so that the box's
		// background and sides run on unbroken where no page breaks.
		strip := s.h
		if i < len(ss)-1 {
			strip += ss[i+1].before
		}
		if i == 0 {
			s.items = append(s.items, head...)
		}
		s.items = append(s.items, Rect{X: x, Y: 0, W: w, H: strip, Fill: &bg})
		if i == 0 {
			s.items = append(s.items, titleBar()...)
			s.items = append(s.items, Line{X1: x - lw/2, Y1: 0, X2: x + w + lw/2, Y2: 0, Color: border, Width: lw})
		}
		s.items = append(s.items,
			Line{X1: x, Y1: 0, X2: x, Y2: strip, Color: border, Width: lw},
			Line{X1: x + w, Y1: 0, X2: x + w, Y2: strip, Color: border, Width: lw})
		if i == len(ss)-1 {
			s.items = append(s.items, Line{X1: x - lw/2, Y1: s.h, X2: x + w + lw/2, Y2: s.h, Color: border, Width: lw})
		}
		for _, it := range in.items {
			s.items = append(s.items, shift(it, y0))
		}
		out[i] = s
	}
	return out, nil
}

// shortBox is the most lines a callout may have and still move to the next page whole:
// a short list's (shortList) and a title and a closing line. In large print a third of
// the text area comes first (eight 18 pt lines are about a third of an A4 page).
const shortBox = shortList + 2

func (e *engine) qr(q doc.QR, x, w geom.Length) (slice, error) {
	st := e.st
	// 24 mm beside a 12 pt caption, and as much larger as the body is: a large-print
	// caption of several lines stays beside its code.
	size := max(geom.MM(24), geom.MM(2)*st.BodySize/geom.Pt(1))
	gap := size * 5 / 24
	fig := e.node("Figure")
	fig.Alt = qrAlt(q.URL)
	ss, err := e.paragraph([]doc.Inline{{Text: q.Caption}}, x+size+gap, w-size-gap, st.BodySize, st.Text)
	if err != nil {
		return slice{}, err
	}
	tagSlices(ss, e.node("P"))
	ds, err := e.details(q.Details, x+size+gap, w-size-gap)
	if err != nil {
		return slice{}, err
	}
	if len(ds) > 0 {
		ds[0].before = st.ParaSpace / 2
	}
	cap := stack(append(ss, ds...))
	s := slice{h: max(size, cap.h)}
	s.items = append(s.items, QR{X: x, Y: 0, Size: size, URL: q.URL, Tag: fig})
	dy := (s.h - cap.h) / 2
	for _, it := range cap.items {
		s.items = append(s.items, shift(it, dy))
	}
	return s, nil
}

// qrAlt is the alternative text of a QR code: what it leads to.
func qrAlt(url string) string {
	for _, p := range []string{"https://", "http://"} {
		url = strings.TrimPrefix(url, p)
	}
	return "QR code: " + strings.TrimSuffix(url, "/")
}

// header builds the clinic band at the top of the first page: the clinic's name and the
// subtitle on the left, the contact lines right-aligned on the right, and the logo, when
// the style has one, left of the name or right of the contact lines.
func (e *engine) header(h doc.Header) ([]Item, geom.Length, error) {
	if h.Title == "" {
		return nil, 0, nil
	}
	st := e.st
	left := st.MarginLeft
	right := st.PageWidth - st.MarginRight
	pad := st.MarginTop * 700 / 1000
	var items []Item
	logoBottom := geom.Length(0)
	if lg := st.Logo; lg != nil && lg.Image.Width > 0 && lg.Image.Height > 0 {
		lh := lg.Height
		lw := lh * geom.Length(lg.Image.Width) / geom.Length(lg.Image.Height)
		if maxW := (right - left) / 3; lw > maxW {
			lw = maxW
			lh = lw * geom.Length(lg.Image.Height) / geom.Length(lg.Image.Width)
		}
		x := left
		if lg.Right {
			x = right - lw
			right -= lw + geom.MM(5)
		} else {
			left += lw + geom.MM(5)
		}
		fig := e.node("Figure")
		fig.Alt = lg.Image.Alt
		if fig.Alt == "" {
			fig.Alt = h.Title + " logo"
		}
		items = append(items, Image{X: x, Y: pad, W: lw, H: lh, Name: lg.Image.Name, PNG: lg.Image.PNG, Tag: fig})
		logoBottom = pad + lh
	}
	// Right: contact lines, right-aligned, in at most half the band.
	y := pad
	var rightW geom.Length
	lines, err := e.withAddress(h, (right-left)/2)
	if err != nil {
		return nil, 0, err
	}
	for li, l := range lines {
		ls, lw, err := e.contactLine(l, (right-left)/2)
		if err != nil {
			return nil, 0, err
		}
		rightW = max(rightW, lw)
		for si, s := range ls {
			for k, it := range s.items {
				if t, ok := it.(Text); ok && li < len(lines)-1 && si == len(ls)-1 && k == len(s.items)-1 {
					t.Gap = true // read out, the lines stay apart: "010-4477 After hours"
					it = t
				}
				items = append(items, move(it, right-lineWidth(s.items), y))
			}
			y += s.h
		}
	}
	// Read in order: the clinic's name, the document's title, the contact lines.
	clinic := e.node("P")
	title := e.node(headingRole(1))
	contact := e.node("P")
	tagItems(items, contact)
	rightBottom := y
	// Left: the clinic's name and the subtitle, wrapped before the contact column.
	avail := right - left - rightW - geom.MM(6)
	y = pad
	he := e.heading()
	ss, err := he.paragraph([]doc.Inline{{Text: h.Title, Bold: true}}, left, avail, st.TitleSize, st.BandText)
	if err != nil {
		return nil, 0, err
	}
	tagSlices(ss, clinic)
	if h.Subtitle != "" {
		sub, err := he.paragraph([]doc.Inline{{Text: h.Subtitle}}, left, avail, st.H2Size, st.BandText)
		if err != nil {
			return nil, 0, err
		}
		tagSlices(sub, title)
		ss = append(ss, sub...)
	}
	block := stack(ss)
	for _, it := range block.items {
		items = append(items, shift(it, y))
	}
	bandH := max(y+block.h, rightBottom, logoBottom) + pad*800/1000
	band := st.Band
	items = append([]Item{Rect{X: 0, Y: 0, W: st.PageWidth, H: bandH, Fill: &band}}, items...)
	return items, bandH, nil
}

// footer draws the rule, the footer's lines and the page number inside the bottom
// margin. label is the page number's format in the document's language ({page},
// {pages}).
func (e *engine) footer(f footing, label string, page, pages int) ([]Item, error) {
	st := e.st
	left := st.MarginLeft
	right := st.PageWidth - st.MarginRight
	items := []Item{Line{X1: left, Y1: f.top, X2: right, Y2: f.top, Color: st.Rule, Width: geom.MM(0.3)}}
	lh := st.LineHeight(st.SmallSize)
	if label == "" {
		label = "{page}/{pages}"
	}
	label = strings.NewReplacer("{page}", strconv.Itoa(page), "{pages}", strconv.Itoa(pages)).Replace(label)
	num, err := e.runs([]doc.Inline{{Text: label}}, st.SmallSize, st.Muted)
	if err != nil {
		return nil, err
	}
	items = append(items, e.place(num, right-width(num), f.base)...)
	for i, l := range f.lines {
		for _, it := range l.items {
			items = append(items, shift(it, f.base-baseline(lh, st.SmallSize)+lh*geom.Length(i)))
		}
	}
	return items, nil
}
