package layout

import (
	"fmt"
	"strconv"
	"strings"

	"github.com/careprint/careprint/internal/doc"
	"github.com/careprint/careprint/internal/geom"
)

// This file holds the handout's own furniture beyond the flow of content: the footer
// that wraps rather than drops what the clinic gave it, the patient's note set apart,
// the sign-off line and the notes box with ruled lines to write on.

// footing is the footer as every page of a document prints it: its text broken into
// lines (the same on every page), where the rule and the first baseline go, and the
// bottom margin that leaves the text area clear of it.
type footing struct {
	lines  []slice     // the footer's lines, each one line of small text
	top    geom.Length // the rule's y
	base   geom.Length // the first line's baseline
	margin geom.Length // the bottom margin the text area keeps: the layout's, or more
}

// footerLines is the most lines the footer text takes; what does not fit in them is
// left out whole, and Result.Warnings says so.
const footerLines = 2

// pageLabel is the page number of page i (from 0) as the document prints it: with the
// patient's discreet identifier on every page after the first.
func pageLabel(d *doc.Document, i int) string {
	label := d.PageLabel
	if label == "" {
		label = "{page}/{pages}"
	}
	if i > 0 && d.Running != "" {
		label = d.Running + " · " + label
	}
	return label
}

// planFooter breaks the footer text into lines, the first beside the widest page number
// the document can have and the second under both, keeping its " · " parts whole where
// it can. A part that does not fit even then is left out (never the first, the
// clinic's name) and reported in warnings. Two lines push the text area up by one line,
// so that the footer keeps its distance from the page's edge and from the body.
func (e *engine) planFooter(d *doc.Document) (footing, []string, error) {
	st := e.st
	left := st.MarginLeft
	right := st.PageWidth - st.MarginRight
	mb := st.MarginBottom
	lh := st.LineHeight(st.SmallSize)
	// The widest label: page numbers have at most two digits (MaxPages), and the same
	// break on every page keeps the footer steady from one to the next.
	labelW := geom.Length(0)
	for i := range 2 {
		l := strings.NewReplacer("{page}", "88", "{pages}", "88").Replace(pageLabel(d, i))
		rs, err := e.runs([]doc.Inline{{Text: l}}, st.SmallSize, st.Muted)
		if err != nil {
			return footing{}, nil, err
		}
		labelW = max(labelW, width(rs))
	}
	avail := right - left - labelW - geom.MM(6)
	var warns []string
	var lines []slice
	if d.Footer != "" && avail <= 0 {
		warns = append(warns, fmt.Sprintf("the footer does not fit beside the page number: %s left out", quoteAll([]string{d.Footer})))
	}
	if d.Footer != "" && avail > 0 {
		parts := strings.Split(d.Footer, " · ")
		for k := len(parts); k > 0; k-- {
			var err error
			lines, err = e.footerGroups(parts[:k], left, avail, right-left)
			if err != nil {
				return footing{}, nil, err
			}
			if len(lines) > footerLines {
				// The page number alone on the first line, the text under it at full
				// width: large type fits a clinic's name and phone that way.
				under, err := e.footerGroups(parts[:k], left, right-left, right-left)
				if err != nil {
					return footing{}, nil, err
				}
				if 1+len(under) < len(lines) {
					lines = append([]slice{{}}, under...)
				}
			}
			if len(lines) <= footerLines || k == 1 {
				if k < len(parts) {
					warns = append(warns, fmt.Sprintf("the footer does not fit on %d lines: %s left out", footerLines, quoteAll(parts[k:])))
				}
				break
			}
		}
	}
	extra := geom.Length(0)
	if len(lines) > 1 {
		extra = lh * geom.Length(len(lines)-1)
	}
	f := footing{lines: lines, margin: mb + extra}
	f.top = st.PageHeight - f.margin + mb*250/1000
	f.base = f.top + mb*100/1000 + baseline(lh, st.SmallSize)
	return f, warns, nil
}

// footerGroups packs parts onto lines joined by " · ", a part moving whole to the next
// line when it does not fit: the first line is first wide (beside the page number), the
// others rest wide (the whole line under it). A part wider than its line wraps inside.
func (e *engine) footerGroups(parts []string, x, first, rest geom.Length) ([]slice, error) {
	st := e.st
	var out []slice
	w := func() geom.Length {
		if len(out) == 0 {
			return first
		}
		return rest
	}
	set := func(s string) ([]slice, error) {
		return e.paragraph([]doc.Inline{{Text: s}}, x, w(), st.SmallSize, st.Muted)
	}
	cur := ""
	flush := func() error {
		if cur == "" {
			return nil
		}
		ss, err := set(cur)
		out = append(out, ss...)
		cur = ""
		return err
	}
	for _, p := range parts {
		if cur != "" {
			ss, err := set(cur + " · " + p)
			if err != nil {
				return nil, err
			}
			if len(ss) == 1 {
				cur += " · " + p
				continue
			}
			if err := flush(); err != nil {
				return nil, err
			}
		}
		cur = p
	}
	return out, flush()
}

func quoteAll(ss []string) string {
	q := make([]string, len(ss))
	for i, s := range ss {
		q[i] = strconv.Quote(s)
	}
	return strings.Join(q, " and ")
}

// note sets the patient's note apart: a bold label and the text, on the callout's tint
// with a rule in the heading colour down its left edge. Each line is a slice of its own
// (a long note may run onto the next page), the band drawn behind each.
func (e *engine) note(n doc.Note, x, w geom.Length) ([]slice, error) {
	st := e.st
	bar := geom.MM(1.2)
	pad := st.BodySize * 300 / 1000
	in := []doc.Inline{{Text: n.Label + ":\u00a0", Bold: true}, {Text: n.Text}}
	ss, err := e.paragraph(in, x+bar+pad*2, w-bar-pad*3, st.BodySize, st.Text)
	if err != nil {
		return nil, err
	}
	tagSlices(ss, e.node("P"))
	keepLines(ss)
	bg, rule := st.CalloutBg, st.Heading
	for i := range ss {
		s := &ss[i]
		top, bottom := geom.Length(0), geom.Length(0)
		if i == 0 {
			top = pad
		}
		if i == len(ss)-1 {
			bottom = pad
		}
		items := []Item{Rect{X: x, Y: 0, W: w, H: top + s.h + bottom, Fill: &bg}, Rect{X: x, Y: 0, W: bar, H: top + s.h + bottom, Fill: &rule}}
		for _, it := range s.items {
			items = append(items, shift(it, top))
		}
		s.items = items
		s.h += top + bottom
	}
	return ss, nil
}

// minBlank is the shortest blank of a sign-off line that a name or a date can be
// written on by hand.
var minBlank = geom.MM(30)

// dateBlank is the longest the last blank of a sign-off line grows: room for a date.
var dateBlank = geom.MM(45)

// signoff draws "Given by ______ on ______": the words as text and each blank as a rule
// on the baseline (page furniture: a screen reader reads the words). The line is tall
// enough to write on; when the blanks would be shorter than minBlank, each part and its
// blank take a line of their own.
func (e *engine) signoff(so doc.Signoff, x, w geom.Length) ([]slice, error) {
	st := e.st
	size := st.BodySize
	lh := max(st.LineHeight(size)*2, geom.MM(11))
	base := lh - (st.LineHeight(size) - baseline(st.LineHeight(size), size))
	gap := size / 3
	rule := st.Text
	para := e.node("P")
	type seg struct {
		rs    []run
		blank bool
		last  bool // the last blank: it runs to the end of the line
	}
	var segs []seg
	textW := geom.Length(0)
	blanks := 0
	for i, p := range so.Parts {
		var rs []run
		if p != "" {
			var err error
			rs, err = e.runs([]doc.Inline{{Text: p}}, size, st.Text)
			if err != nil {
				return nil, err
			}
			textW += width(rs) + gap
		}
		blank := i < len(so.Parts)-1
		if blank {
			blanks++
			textW += gap
		}
		if p != "" || blank {
			segs = append(segs, seg{rs, blank, i == len(so.Parts)-2})
		}
	}
	if len(segs) == 0 {
		return nil, nil
	}
	drawSegs := func(ss []seg, bw geom.Length) slice {
		s := slice{h: lh}
		cx := x
		for _, sg := range ss {
			if len(sg.rs) > 0 {
				items := e.place(sg.rs, cx, base)
				tagItems(items, para)
				s.items = append(s.items, items...)
				cx += width(sg.rs) + gap
			}
			if sg.blank {
				end := min(cx+bw, x+w)
				if bw == 0 || sg.last {
					end = x + w
				}
				s.items = append(s.items, Line{X1: cx, Y1: base + geom.MM(0.6), X2: end, Y2: base + geom.MM(0.6), Color: rule, Width: geom.MM(0.3)})
				cx = end + gap
			}
		}
		return s
	}
	if blanks > 0 && (w-textW)/geom.Length(blanks) >= minBlank {
		// The blanks share the line, the last (a date, most often) at most dateBlank long.
		bw := (w - textW) / geom.Length(blanks)
		if blanks > 1 && bw > dateBlank {
			bw = (w - textW - dateBlank) / geom.Length(blanks-1)
		}
		return []slice{drawSegs(segs, bw)}, nil
	}
	var out []slice
	for i, sg := range segs {
		s := drawSegs([]seg{sg}, 0)
		s.keep = i > 0
		out = append(out, s)
	}
	return out, nil
}

// notesLineGap is the least space between the ruled lines of a notes box: room for
// handwriting.
var notesLineGap = geom.MM(8)

// notesBox draws a titled box with ruled lines to write on, as one piece: it moves to
// the next page whole. The title is text; the box and its lines are page furniture.
func (e *engine) notesBox(nb doc.NotesBox, x, w geom.Length) ([]slice, error) {
	st := e.st
	pad := st.BodySize * 900 / 1000
	gap := max(notesLineGap, st.LineHeight(st.BodySize)*1300/1000)
	n := max(nb.Lines, 1)
	var title slice
	if nb.Title != "" {
		ts, err := e.paragraph([]doc.Inline{{Text: nb.Title, Bold: true}}, x+pad, w-2*pad, st.BodySize, st.Text)
		if err != nil {
			return nil, err
		}
		tagSlices(ts, e.node("P"))
		title = stack(ts)
	}
	s := slice{h: pad + title.h + gap*geom.Length(n) + pad/2}
	border := st.Rule
	s.items = append(s.items, Rect{X: x, Y: 0, W: w, H: s.h, Stroke: &border, LineWidth: geom.MM(0.4)})
	for _, it := range title.items {
		s.items = append(s.items, shift(it, pad))
	}
	for i := 1; i <= n; i++ {
		y := pad + title.h + gap*geom.Length(i)
		s.items = append(s.items, Line{X1: x + pad, Y1: y, X2: x + w - pad, Y2: y, Color: st.Rule, Width: geom.MM(0.25)})
	}
	return []slice{s}, nil
}

// extra lays out the blocks of this file, and says the space above each: the closing
// blocks (the clinic's details, the notes box, the sign-off) stand apart from the
// section they follow.
func (e *engine) extra(b doc.Block, x, w geom.Length) ([]slice, geom.Length, error) {
	st := e.st
	switch b := b.(type) {
	case doc.Note:
		ss, err := e.note(b, x, w)
		return ss, st.ParaSpace, err
	case doc.Signoff:
		// The sign-off closes what it follows: it never starts a page alone.
		ss, err := e.signoff(b, x, w)
		if len(ss) > 0 {
			ss[0].keep = true
		}
		return ss, st.ParaSpace, err
	case doc.NotesBox:
		ss, err := e.notesBox(b, x, w)
		return ss, st.ParaSpace * 2, err
	case doc.Details:
		ss, err := e.details(b.Items, x, w)
		return ss, st.ParaSpace * 2, err
	case doc.SmallPrint:
		ss, err := e.paragraph([]doc.Inline{{Text: b.Text}}, x, w, st.SmallSize, st.Muted)
		if err != nil {
			return nil, 0, err
		}
		tagSlices(ss, e.node("P"))
		for i := range ss {
			ss[i].keep = true
		}
		return ss, st.ParaSpace, nil
	}
	return nil, 0, nil
}

// contactLine sets one of the header's contact lines at x 0 in at most maxW, for the
// caller to right-align line by line. A line wider than that wraps (a web address after
// "/", "." or "-"). Words that wrap still read well ("After hours" / "(555) 010-4478"
// in large type), but a web or e-mail address cut in two is hard to type from paper, so
// Result.Warnings says so for a line that holds one.
func (e *engine) contactLine(l string, maxW geom.Length) ([]slice, geom.Length, error) {
	st := e.st
	ss, err := e.paragraph([]doc.Inline{{Text: l}}, 0, maxW, st.SmallSize, st.BandText)
	if err != nil {
		return nil, 0, err
	}
	if len(ss) > 1 && hasAddress(l) {
		e.warnings = append(e.warnings, fmt.Sprintf("the header's contact line %q is wider than half the band: it wraps onto %d lines", l, len(ss)))
	}
	w := geom.Length(0)
	for _, s := range ss {
		w = max(w, lineWidth(s.items))
	}
	return ss, w, nil
}

// lineWidth is the width of one line's text items set from x 0: where its last text
// ends.
func lineWidth(items []Item) geom.Length {
	w := geom.Length(0)
	for _, it := range items {
		if t, ok := it.(Text); ok {
			w = max(w, t.X+t.Width)
		}
	}
	return w
}

// Furniture sets only what a handout prints on every page around its content (the
// header band and the footer) and returns the warnings of what it could not print, for
// careprint check: much quicker than laying out the whole document.
func Furniture(d *doc.Document, st *Style, m Measurer) ([]string, error) {
	e := &engine{st: st, m: m, lang: d.Lang, tags: &Tags{}}
	if _, _, err := e.header(d.Header); err != nil {
		return nil, err
	}
	_, warns, err := e.planFooter(d)
	if err != nil {
		return nil, err
	}
	return append(e.warnings, warns...), nil
}

// details sets labelled lines, "Label: value" each, kept together.
func (e *engine) details(fs []doc.Field, x, w geom.Length) ([]slice, error) {
	st := e.st
	var out []slice
	for i, f := range fs {
		ss, err := e.paragraph([]doc.Inline{{Text: f.Label + ":\u00a0", Bold: true}, {Text: f.Value}}, x, w, st.BodySize, st.Text)
		if err != nil {
			return nil, err
		}
		tagSlices(ss, e.node("P"))
		for j := range ss {
			ss[j].keep = i > 0 || j > 0
		}
		out = append(out, ss...)
	}
	return out, nil
}

// withAddress is the header's contact lines and then the clinic's address: on one line,
// its entries joined by ", ", when that is no wider than the widest contact line (the
// column does not grow into the clinic's name), else one line per entry, as the clinic
// wrote them (the footer of every page has no room for the address beside the page
// number).
func (e *engine) withAddress(h doc.Header, maxW geom.Length) ([]string, error) {
	if len(h.Address) == 0 {
		return h.Lines, nil
	}
	st := e.st
	measure := func(s string) (geom.Length, error) {
		rs, err := e.runs([]doc.Inline{{Text: s}}, st.SmallSize, st.BandText)
		return width(rs), err
	}
	limit := geom.Length(0)
	for _, l := range h.Lines {
		w, err := measure(l)
		if err != nil {
			return nil, err
		}
		limit = max(limit, w)
	}
	out := append([]string{}, h.Lines...)
	joined := strings.Join(h.Address, ", ")
	w, err := measure(joined)
	if err != nil {
		return nil, err
	}
	if w <= min(limit, maxW) {
		return append(out, joined), nil
	}
	return append(out, h.Address...), nil
}

// hasAddress says whether s holds a web or e-mail address.
func hasAddress(s string) bool {
	for _, t := range tokens([]rune(s)) {
		if t.kind == tokURL {
			return true
		}
	}
	return false
}
