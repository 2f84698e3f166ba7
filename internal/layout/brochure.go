package layout

import (
	"errors"
	"fmt"
	"strings"

	"github.com/careprint/careprint/internal/doc"
	"github.com/careprint/careprint/internal/geom"
)

// Sheet says how a brochure is printed: its kind and paper, the tri-fold's fold allowance,
// and the print-shop options.
type Sheet struct {
	Kind      string     // "trifold" or "booklet"
	Paper     geom.Paper // portrait size of the sheet (trifold) or of a page (booklet)
	Allowance geom.Length
	Bleed     geom.Length // added on every side, 0 for office printing
	Marks     bool        // crop marks outside the bleed, dashed fold marks outside the trim
	Imposed   bool        // booklet: two pages a sheet, in printer-spread order
}

// SafeArea is how far text stays from every trim and fold: 1/8 in (DOMAIN.md c2).
const SafeArea = geom.Inch / 8

// DefaultBleed is 0.125 in on Letter and 3 mm on A4 (DOMAIN.md c2).
func DefaultBleed(p geom.Paper) geom.Length {
	if p.Name == "letter" {
		return geom.Inch / 8
	}
	return 3 * geom.Millimetre
}

// foldOverlap is how far a colour area that ends at a fold runs on past it, so that a
// fold off by a little shows no white sliver: the bleed, or without one the bleed a print
// shop would ask for on this paper (a hand or office fold drifts as much).
func (sh Sheet) foldOverlap() geom.Length {
	if sh.Bleed > 0 {
		return sh.Bleed
	}
	return DefaultBleed(sh.Paper)
}

// Mark geometry: crop marks start at least 1/8 in from the trim and 2 mm outside the
// bleed, and are 6 mm long; the sheet keeps 2 mm of paper beyond them.
const (
	markGap = 2 * geom.Millimetre
	markLen = 6 * geom.Millimetre
	markPad = 2 * geom.Millimetre
)

func (sh Sheet) markOffset() geom.Length { return max(sh.Bleed+markGap, SafeArea) }

// offset is the distance from the media box's edge to the trim.
func (sh Sheet) offset() geom.Length {
	if sh.Marks {
		return sh.markOffset() + markLen + markPad
	}
	return sh.Bleed
}

// PanelBox is one panel of a folded sheet: its side (0 outside, 1 inside) and its left
// edge and width, measured from the left trim of that side.
type PanelBox struct {
	Name string
	Side int
	X, W geom.Length
}

// Folds returns the x positions of the folds on a side, from the left trim.
func Folds(panels []PanelBox, side int) []geom.Length {
	var out []geom.Length
	for _, p := range panels {
		if p.Side == side && p.X > 0 {
			out = append(out, p.X)
		}
	}
	return out
}

// TrifoldPanels divides a sheet of the given long side into the six panels of a letter
// fold. The two outer panels are a third of the sheet plus a third of the allowance,
// rounded up to the paper's grid (1/32 in on inch paper, 0.5 mm on metric); the folds-in
// panel takes the rest, so it is the allowance narrower and tucks in without buckling.
// Letter with 1/16 in gives 3.6875 / 3.6875 / 3.625 in; A4 with 3 mm gives 100 / 100 / 97 mm.
func TrifoldPanels(paper geom.Paper, allowance geom.Length) []PanelBox {
	long := max(paper.Width, paper.Height)
	// Work in quarter-micrometres, so that 1/32 in (793.75 µm) is a whole number.
	g := int64(geom.Millimetre/2) * 4
	if paper.Name == "letter" {
		g = int64(geom.Inch) * 4 / 32
	}
	third := int64(long+allowance) * 4 / 3
	// Round up to the grid, forgiving 2 µm: an allowance of 1/16 in is 1587.5 µm, stored
	// to the nearest micrometre.
	n := (third - 8 + g - 1) / g
	outer := geom.Length((n*g + 2) / 4)
	tuck := long - 2*outer
	return []PanelBox{
		{"folds-in", 0, 0, tuck}, {"back", 0, tuck, outer}, {"front", 0, tuck + outer, outer},
		{"inside-1", 1, 0, outer}, {"inside-2", 1, outer, outer}, {"inside-3", 1, 2 * outer, tuck},
	}
}

// OverflowError is content that does not fit the panels of its flow.
type OverflowError struct {
	Panel string      // the last panel of the flow
	Over  geom.Length // how much taller the content is than the room left
	Parts []string    // the layout blocks that did not fit
}

func (e *OverflowError) Error() string {
	mm := (e.Over + geom.Millimetre - 1) / geom.Millimetre
	return fmt.Sprintf("panel %q: content over by %d mm (%s)", e.Panel, mm, strings.Join(e.Parts, ", "))
}

// OverflowErrors is every flow of a brochure whose content does not fit, in the order of
// the layout's flows, so that a writer fixes them all in one pass. errors.As finds each
// *OverflowError in it.
type OverflowErrors []*OverflowError

func (es OverflowErrors) Error() string {
	msgs := make([]string, len(es))
	for i, e := range es {
		msgs[i] = e.Error()
	}
	return strings.Join(msgs, "; ")
}

// Unwrap returns the overflows, for errors.As and errors.Is.
func (es OverflowErrors) Unwrap() []error {
	out := make([]error, len(es))
	for i, e := range es {
		out[i] = e
	}
	return out
}

// overflows collects the overflow of each flow and lets the layout go on to the next;
// any other error stops it.
type overflows OverflowErrors

func (o *overflows) add(err error) error {
	var oe *OverflowError
	if errors.As(err, &oe) {
		*o = append(*o, oe)
		return nil
	}
	return err
}

// err returns nil, the one overflow, or all of them.
func (o overflows) err() error {
	switch len(o) {
	case 0:
		return nil
	case 1:
		return o[0]
	}
	return OverflowErrors(o)
}

// region is a rectangle that a flow fills, in media-box coordinates.
type region struct {
	name        string
	page        int
	x, w        geom.Length // the text column
	top, bottom geom.Length
	// The panel's trim edges, for a cover band that runs to them: into the bleed where
	// the panel meets the sheet's edge, across the fold where it meets another panel.
	panelX, panelW geom.Length
	leftEdge       bool
	rightEdge      bool
	leftFold       bool
	rightFold      bool
}

// Brochure lays out a brochure's flows on a folded sheet (trifold) or on booklet pages.
func Brochure(d *doc.Document, st *Style, m Measurer, sh Sheet) (*Result, error) {
	e := &engine{st: st, m: m, lang: d.Lang, tags: &Tags{}}
	res := &Result{Title: d.Title, Subject: d.Subject, Lang: d.Lang, Author: d.Author}
	var err error
	switch sh.Kind {
	case "trifold":
		res, err = e.trifold(d, sh, res)
	case "booklet":
		res, err = e.booklet(d, sh, res)
	default:
		return nil, fmt.Errorf("unknown brochure kind %q", sh.Kind)
	}
	if err != nil {
		return nil, err
	}
	// A print shop cuts at the trim and takes colour up to the bleed box: the trim grown
	// by the bleed on every side (the trim itself with marks but no bleed).
	for i, pg := range res.Pages {
		if pg.Trim != nil {
			t := *pg.Trim
			res.Pages[i].Bleed = &Box{X: t.X - sh.Bleed, Y: t.Y - sh.Bleed, W: t.W + 2*sh.Bleed, H: t.H + 2*sh.Bleed}
		}
	}
	return res, nil
}

func (e *engine) trifold(d *doc.Document, sh Sheet, res *Result) (*Result, error) {
	st := e.st
	long, short := max(sh.Paper.Width, sh.Paper.Height), min(sh.Paper.Width, sh.Paper.Height)
	off := sh.offset()
	panels := TrifoldPanels(sh.Paper, sh.Allowance)
	regions := map[string]region{}
	for _, p := range panels {
		regions[p.Name] = region{
			name: p.Name, page: p.Side,
			x: off + p.X + st.MarginLeft, w: p.W - st.MarginLeft - st.MarginRight,
			top: off + st.MarginTop, bottom: off + short - st.MarginBottom,
			panelX: off + p.X, panelW: p.W, leftEdge: p.X == 0, rightEdge: p.X+p.W >= long,
			leftFold: p.X > 0, rightFold: p.X+p.W < long,
		}
	}
	pages := make([][]Item, 2)
	var over overflows
	for _, f := range d.Flows {
		// A reader of the folded sheet meets the cover first, then the inside left to
		// right, the folds-in panel and the back: the structure reads in that order,
		// whatever side each panel is printed on.
		if len(f.Panels) > 0 {
			e.tags.base = readingRank(f.Panels[0]) * 1_000_000
		}
		var rs []region
		for _, name := range f.Panels {
			r, ok := regions[name]
			if !ok {
				return nil, fmt.Errorf("a tri-fold has no panel %q", name)
			}
			rs = append(rs, r)
		}
		if err := over.add(e.flow(f, rs, sh, pages)); err != nil {
			return nil, err
		}
	}
	if err := over.err(); err != nil {
		return nil, err
	}
	for side := range pages {
		pg := Page{Width: long + 2*off, Height: short + 2*off}
		if off > 0 {
			pg.Trim = &Box{X: off, Y: off, W: long, H: short}
		}
		pg.Items = pages[side]
		if sh.Marks {
			pg.Items = append(pg.Items, marks(sh, off, long, short, Folds(panels, side))...)
		}
		res.Pages = append(res.Pages, pg)
	}
	return res, nil
}

// readingRank is a tri-fold panel's place in the order a reader meets it.
func readingRank(panel string) int {
	for i, p := range []string{"front", "inside-1", "inside-2", "inside-3", "folds-in", "back"} {
		if p == panel {
			return i
		}
	}
	return 6
}

// flow lays out one flow's parts and fills its regions in order. The blocks are set at
// the narrowest region's width, so that they fit every region they may land in.
func (e *engine) flow(f doc.Flow, rs []region, sh Sheet, pages [][]Item) error {
	w := rs[0].w
	for _, r := range rs {
		w = min(w, r.w)
	}
	if w <= 0 {
		return fmt.Errorf("panel %q: the margins leave no room for text", rs[0].name)
	}
	var ss []slice
	coverH := geom.Length(0)
	for _, p := range f.Parts {
		var rest []doc.Block
		for _, b := range p.Blocks {
			c, ok := b.(doc.Cover)
			if !ok {
				rest = append(rest, b)
				continue
			}
			if len(ss) > 0 || coverH > 0 {
				return fmt.Errorf("panel %q: the cover must come first in its panel", rs[0].name)
			}
			alone := len(f.Parts) == 1 && len(p.Blocks) == 1 && len(rs) == 1
			items, h, err := e.cover(c, rs[0], sh, alone)
			if err != nil {
				return err
			}
			pages[rs[0].page] = append(pages[rs[0].page], items...)
			coverH = h
		}
		bs, err := e.blocks(rest, 0, w)
		if err != nil {
			return err
		}
		for i := range bs {
			bs[i].part = p.Name
		}
		ss = append(ss, bs...)
	}
	placed, err := e.fill(ss, rs, coverH)
	if err != nil {
		return err
	}
	for i, items := range placed {
		pages[rs[i].page] = append(pages[rs[i].page], items...)
	}
	return nil
}

// fill places slices into regions in order, the first starting at top+skip. A chain of
// slices that may not be separated moves to the next region whole; content left when
// the last region is full is an OverflowError.
func (e *engine) fill(ss []slice, rs []region, skip geom.Length) ([][]Item, error) {
	out := make([][]Item, len(rs))
	ri := 0
	y := rs[0].top + skip
	atTop := skip == 0
	remaining := func(from int) (geom.Length, []string) {
		h := geom.Length(0)
		var parts []string
		for k := from; k < len(ss); k++ {
			if k > from || !atTop {
				h += ss[k].before
			}
			h += ss[k].h
			if len(parts) == 0 || parts[len(parts)-1] != ss[k].part {
				parts = append(parts, ss[k].part)
			}
		}
		return h, parts
	}
	for i := 0; i < len(ss); {
		j := i + 1
		for j < len(ss) && ss[j].keep {
			j++
		}
		chain := geom.Length(0)
		for k := i; k < j; k++ {
			if k > i || !atTop {
				chain += ss[k].before
			}
			chain += ss[k].h
		}
		if y+chain > rs[ri].bottom {
			if ri == len(rs)-1 || atTop {
				h, parts := remaining(i)
				return nil, &OverflowError{Panel: rs[ri].name, Over: y + h - rs[ri].bottom, Parts: parts}
			}
			ri++
			y = rs[ri].top
			atTop = true
			continue
		}
		for k := i; k < j; k++ {
			if !atTop {
				y += ss[k].before
			}
			for _, it := range ss[k].items {
				out[ri] = append(out[ri], move(it, rs[ri].x, y))
			}
			y += ss[k].h
			atTop = false
		}
		i = j
	}
	return out, nil
}

// cover draws a brochure's front in region r: a colour band that runs to the panel's
// trims (and into the bleed at the sheet's edges) with the clinic's name and tagline,
// then the logo, the title, what it is also called and the promise. It returns the items
// and how far below the region's top the flow may continue. Alone in its panel, the
// title sits a third of the way down and the contact line at the foot.
func (e *engine) cover(c doc.Cover, r region, sh Sheet, alone bool) ([]Item, geom.Length, error) {
	st := e.st
	var items []Item
	// The band's text, wrapped to the column.
	var band []slice
	name, err := e.heading().paragraph([]doc.Inline{{Text: c.Clinic, Bold: true}}, r.x, r.w, st.H1Size, st.BandText)
	if err != nil {
		return nil, 0, err
	}
	tagSlices(name, e.node("P"))
	band = append(band, name...)
	if c.Tagline != "" {
		tag, err := e.paragraph([]doc.Inline{{Text: c.Tagline}}, r.x, r.w, st.BodySize, st.BandText)
		if err != nil {
			return nil, 0, err
		}
		tagSlices(tag, e.node("P"))
		band = append(band, tag...)
	}
	logo := e.node("Figure")
	if c.Logo != nil {
		logo.Alt = c.Logo.Alt
	}
	if logo.Alt == "" {
		logo.Alt = c.Clinic + " logo"
	}
	titleNode := e.node(headingRole(1))
	contactNode := e.node("P")
	bs := stack(band)
	bandTop := r.top - st.MarginTop // the trim
	bandH := st.MarginTop + bs.h + st.MarginTop*600/1000
	// The band runs into the bleed at the sheet's edges and over a fold by the fold
	// overlap, so that neither a trim nor a fold a little off shows paper.
	bx, bw := r.panelX, r.panelW
	by, bh := bandTop-sh.Bleed, bandH+sh.Bleed
	switch {
	case r.leftEdge:
		bx, bw = bx-sh.Bleed, bw+sh.Bleed
	case r.leftFold:
		bx, bw = bx-sh.foldOverlap(), bw+sh.foldOverlap()
	}
	switch {
	case r.rightEdge:
		bw += sh.Bleed
	case r.rightFold:
		bw += sh.foldOverlap()
	}
	fill := st.Band
	items = append(items, Rect{X: bx, Y: by, W: bw, H: bh, Fill: &fill})
	for _, it := range bs.items {
		items = append(items, shift(it, r.top))
	}
	y := bandTop + bandH + st.ParaSpace*3
	var foot slice
	if alone && len(c.Contact) > 0 {
		var ss []slice
		for _, l := range c.Contact {
			ls, err := e.paragraph([]doc.Inline{{Text: l, Bold: true}}, r.x, r.w, st.H2Size, st.Heading)
			if err != nil {
				return nil, 0, err
			}
			tagSlices(ls, contactNode)
			ss = append(ss, ls...)
		}
		foot = stack(ss)
	}
	if alone {
		y = max(y, r.top+(r.bottom-r.top)*30/100)
	}
	if c.Logo != nil && c.Logo.Width > 0 {
		w := min(r.w, geom.MM(40))
		h := w * geom.Length(c.Logo.Height) / geom.Length(c.Logo.Width)
		if maxH := geom.MM(30); h > maxH {
			h = maxH
			w = h * geom.Length(c.Logo.Width) / geom.Length(c.Logo.Height)
		}
		items = append(items, Image{X: r.x, Y: y, W: w, H: h, Name: c.Logo.Name, PNG: c.Logo.PNG, Tag: logo})
		y += h + st.ParaSpace*2
	}
	var body []slice
	add := func(pe *engine, in []doc.Inline, size geom.Length, color geom.RGB, gap geom.Length, n *Node) error {
		if len(in) == 0 || in[0].Text == "" {
			return nil
		}
		ss, err := pe.paragraph(in, r.x, r.w, size, color)
		if err != nil {
			return err
		}
		tagSlices(ss, n)
		ss[0].before = gap
		body = append(body, ss...)
		return nil
	}
	if err := add(e.heading(), []doc.Inline{{Text: c.Title, Bold: true}}, st.TitleSize, st.Heading, 0, titleNode); err != nil {
		return nil, 0, err
	}
	if c.Also != "" {
		if err := add(e, []doc.Inline{{Text: c.Also}}, st.BodySize, st.Muted, st.ParaSpace/2, e.node("P")); err != nil {
			return nil, 0, err
		}
	}
	if err := add(e, c.Promise, st.H2Size, st.Text, st.ParaSpace*2, e.node("P")); err != nil {
		return nil, 0, err
	}
	contactNode.Seq = e.tags.Next() // read after the title and the promise
	t := stack(body)
	if y+t.h+foot.h > r.bottom {
		return nil, 0, &OverflowError{Panel: r.name, Over: y + t.h + foot.h - r.bottom, Parts: []string{"cover"}}
	}
	for _, it := range t.items {
		items = append(items, shift(it, y))
	}
	for _, it := range foot.items {
		items = append(items, shift(it, r.bottom-foot.h))
	}
	y += t.h + st.ParaSpace*3
	return items, y - r.top, nil
}

// marks draws crop marks at the trim's corners, outside the bleed, and dashed fold marks
// above and below each fold, outside the trim.
func marks(sh Sheet, off, w, h geom.Length, folds []geom.Length) []Item {
	black := geom.Black
	lw := geom.Pt(0.25)
	a, b := sh.markOffset(), sh.markOffset()+markLen
	var out []Item
	for _, x := range []geom.Length{off, off + w} {
		for _, y := range []geom.Length{off, off + h} {
			dx, dy := geom.Length(-1), geom.Length(-1)
			if x > off {
				dx = 1
			}
			if y > off {
				dy = 1
			}
			out = append(out,
				Line{X1: x + dx*a, Y1: y, X2: x + dx*b, Y2: y, Color: black, Width: lw},
				Line{X1: x, Y1: y + dy*a, X2: x, Y2: y + dy*b, Color: black, Width: lw})
		}
	}
	for _, f := range folds {
		x := off + f
		out = append(out,
			Line{X1: x, Y1: off - b, X2: x, Y2: off - a, Color: black, Width: lw, Dash: geom.MM(1)},
			Line{X1: x, Y1: off + h + a, X2: x, Y2: off + h + b, Color: black, Width: lw, Dash: geom.MM(1)})
	}
	return out
}

// BookletPage is the page of a booklet folded from the sheet: A5 from A4, 5.5 × 8.5 in
// from Letter.
func BookletPage(sheet geom.Paper) geom.Paper {
	if sheet.Name == "a4" {
		p, _ := geom.PaperNamed("a5")
		return p
	}
	long, short := max(sheet.Width, sheet.Height), min(sheet.Width, sheet.Height)
	return geom.Paper{Name: "half-" + sheet.Name, Width: long / 2, Height: short}
}

// SpreadOrder is the printer-spread order of an n-page saddle-stitched booklet (n a
// multiple of 4): for sheet k, the front holds pages n-2k+2 and 2k-1, the back 2k and
// n-2k+1 (DOMAIN.md c3). For 8 pages: 8/1, 2/7, 6/3, 4/5.
func SpreadOrder(n int) [][2]int {
	var out [][2]int
	for k := 1; k <= n/4; k++ {
		out = append(out, [2]int{n - 2*k + 2, 2*k - 1}, [2]int{2 * k, n - 2*k + 1})
	}
	return out
}

func (e *engine) booklet(d *doc.Document, sh Sheet, res *Result) (*Result, error) {
	page := BookletPage(sh.Paper)
	pw, ph := page.Width, page.Height
	off := sh.offset()
	if sh.Imposed && off > 0 {
		return nil, fmt.Errorf("an imposed booklet fills its sheets edge to edge, so it has no room for bleed or marks: send a print shop the single pages (without --imposed)")
	}
	st := *e.st
	st.PageWidth, st.PageHeight = pw, ph
	pe := &engine{st: &st, m: e.m, lang: e.lang, tags: e.tags}
	foot, warns, err := pe.planFooter(d)
	if err != nil {
		return nil, err
	}
	res.Warnings = append(res.Warnings, warns...)
	// The body pages end above the footer, of one line or two.
	fe, fst := *pe, st
	fst.MarginBottom = foot.margin
	fe.st = &fst
	full := func(name string) region {
		return region{name: name, x: off + st.MarginLeft, w: pw - st.MarginLeft - st.MarginRight,
			top: off + st.MarginTop, bottom: off + ph - st.MarginBottom,
			panelX: off, panelW: pw, leftEdge: true, rightEdge: true}
	}
	var cover, back []Item
	var body [][]Item
	var bodySlices []slice
	hasBack := false
	var over overflows
	for _, f := range d.Flows {
		if len(f.Panels) != 1 {
			return nil, fmt.Errorf("a booklet flow fills one of cover, pages or back, not %s", strings.Join(f.Panels, " and "))
		}
		switch name := f.Panels[0]; name {
		case "cover", "back":
			out := make([][]Item, 1)
			if err := over.add(pe.flow(f, []region{full(name)}, sh, out)); err != nil {
				return nil, err
			}
			if name == "cover" {
				cover = out[0]
			} else {
				back, hasBack = out[0], true
			}
		case "pages":
			var bs []doc.Block
			for _, p := range f.Parts {
				bs = append(bs, p.Blocks...)
			}
			ss, err := pe.blocks(bs, st.MarginLeft, pw-st.MarginLeft-st.MarginRight)
			if err != nil {
				return nil, err
			}
			pages, err := fe.distribute(ss, st.MarginTop)
			if err != nil {
				return nil, err
			}
			body, bodySlices = pages, ss
		default:
			return nil, fmt.Errorf("a booklet has no panel %q", name)
		}
	}
	if err := over.err(); err != nil {
		return nil, err
	}
	n := 1 + len(body)
	if hasBack {
		n++
	}
	blanks := (4 - n%4) % 4
	if blanks > 0 {
		if spread := fe.spread(bodySlices, len(body), len(body)+blanks); spread != nil {
			n += len(spread) - len(body)
			blanks -= len(spread) - len(body)
			body = spread
		}
	}
	n += blanks
	// Blank pages left over follow the text when its last page is at least half full
	// (room for notes before the back cover); after a shorter last page they would look
	// like a printing fault, so they go right after the cover instead.
	first := 2 // the number of the first body page
	if blanks > 0 && len(body) > 0 && (lowest(body[len(body)-1])-st.MarginTop)*2 < ph-st.MarginTop-st.MarginBottom {
		first += blanks
	}
	var singles []Page
	newPage := func(items []Item) Page {
		pg := Page{Width: pw + 2*off, Height: ph + 2*off, Items: items}
		if off > 0 {
			pg.Trim = &Box{X: off, Y: off, W: pw, H: ph}
		}
		if sh.Marks {
			pg.Items = append(pg.Items, marks(sh, off, pw, ph, nil)...)
		}
		return pg
	}
	singles = append(singles, newPage(cover))
	for range first - 2 {
		singles = append(singles, newPage(nil))
	}
	for i, items := range body {
		fi, err := pe.footer(foot, d.PageLabel, first+i, n)
		if err != nil {
			return nil, err
		}
		if (first+i)%2 == 0 {
			// A left-hand page: its page number goes to the outer edge, on the left.
			fi = mirror(fi, st.MarginLeft, pw-st.MarginRight)
		}
		var moved []Item
		for _, it := range append(items, fi...) {
			moved = append(moved, move(it, off, off))
		}
		singles = append(singles, newPage(moved))
	}
	for range blanks - (first - 2) {
		singles = append(singles, newPage(nil))
	}
	if hasBack {
		singles = append(singles, newPage(back))
	}
	if !sh.Imposed {
		res.Pages = singles
		return res, nil
	}
	// Two pages a sheet side, centred on the sheet turned landscape.
	long, short := max(sh.Paper.Width, sh.Paper.Height), min(sh.Paper.Width, sh.Paper.Height)
	x0, y0 := (long-2*pw)/2, (short-ph)/2
	for _, pair := range SpreadOrder(n) {
		sheet := Page{Width: long, Height: short}
		for i, pn := range pair {
			for _, it := range singles[pn-1].Items {
				if _, ok := it.(Bookmark); ok {
					continue // an outline entry would point at the wrong sheet
				}
				sheet.Items = append(sheet.Items, move(it, x0+geom.Length(i)*pw, y0))
			}
		}
		res.Pages = append(res.Pages, sheet)
	}
	return res, nil
}

// spread balances a booklet's last pages. The page count must be a multiple of 4, so a
// booklet whose text ends early would get blank pages before its back cover, after a
// last page of perhaps a few lines. Instead, the text is spread over more pages, up to
// want: every body page's text area is shortened by the same amount, the least that
// makes the text fill that many pages with the last of them at least half full (the
// most pages for which that holds; failing that, the most pages it can fill). A text
// area is never shortened by more than a third, so a text much shorter than the booklet
// is spread over fewer pages than want, or none (spread returns nil); booklet places the
// blank pages left over.
func (e *engine) spread(ss []slice, have, want int) [][]Item {
	if len(ss) == 0 {
		return nil
	}
	st := *e.st
	se := *e
	se.st = &st
	top, bottom := e.st.MarginTop, e.st.PageHeight-e.st.MarginBottom
	var fallback [][]Item
	for k := want; k > have; k-- {
		for cut := geom.MM(1); cut <= (bottom-top)/3; cut += geom.MM(1) {
			st.MarginBottom = e.st.MarginBottom + cut
			pages, err := se.distribute(ss, top)
			if err != nil || len(pages) > k {
				break // a block taller than the shortened area, or too many pages
			}
			if len(pages) < k {
				continue
			}
			if used := lowest(pages[len(pages)-1]) - top; used*2 >= bottom-cut-top {
				return pages
			}
			if fallback == nil || len(fallback) == k {
				fallback = pages
			}
		}
	}
	return fallback
}

// lowest is how far down the page the items reach.
func lowest(items []Item) geom.Length {
	y := geom.Length(0)
	for _, it := range items {
		switch it := it.(type) {
		case Text:
			y = max(y, it.Y)
		case Rect:
			y = max(y, it.Y+it.H)
		case QR:
			y = max(y, it.Y+it.Size)
		case Image:
			y = max(y, it.Y+it.H)
		}
	}
	return y
}

// mirror sets a footer for a left-hand page: each run of text on a line (the page
// number, the footer text) moves as a whole to the mirror position between left and
// right, so that the page number sits on the outer edge and the text reads as before.
func mirror(items []Item, left, right geom.Length) []Item {
	out := make([]Item, len(items))
	copy(out, items)
	for i := 0; i < len(out); {
		t, ok := out[i].(Text)
		if !ok {
			i++
			continue
		}
		// The group: runs that follow one another on the same baseline.
		j, end := i+1, t.X+t.Width
		for j < len(out) {
			n, ok := out[j].(Text)
			if !ok || n.Y != t.Y || n.X < end-geom.MM(0.1) || n.X > end+geom.MM(0.1) {
				break
			}
			end = n.X + n.Width
			j++
		}
		dx := left + right - end - t.X
		for k := i; k < j; k++ {
			out[k] = move(out[k], dx, 0)
		}
		i = j
	}
	return out
}

// Strays lists the text of a laid-out brochure that comes nearer than SafeArea to a trim
// or a fold, as "page N: "text"", for check.
func Strays(res *Result, sh Sheet) []string {
	off := sh.offset()
	var panels []PanelBox
	if sh.Kind == "trifold" {
		panels = TrifoldPanels(sh.Paper, sh.Allowance)
	}
	var out []string
	for i, pg := range res.Pages {
		// The safe columns of this page: each panel, or the whole trimmed page.
		type span struct{ lo, hi geom.Length }
		var cols []span
		for _, p := range panels {
			if p.Side == i%2 {
				cols = append(cols, span{off + p.X + SafeArea, off + p.X + p.W - SafeArea})
			}
		}
		w, h := pg.Width-2*off, pg.Height-2*off
		if len(cols) == 0 {
			cols = []span{{off + SafeArea, off + w - SafeArea}}
		}
		for _, it := range pg.Items {
			t, ok := it.(Text)
			if !ok {
				continue
			}
			in := false
			for _, c := range cols {
				if t.X >= c.lo && t.X+t.Width <= c.hi {
					in = true
				}
			}
			if !in || t.Y-t.Size < off+SafeArea || t.Y > off+h-SafeArea {
				out = append(out, fmt.Sprintf("page %d: %q", i+1, t.Text))
			}
		}
	}
	return out
}
