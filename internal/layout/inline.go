package layout

import (
	"reflect"
	"strings"
	"sync"

	"github.com/careprint/careprint/internal/doc"
	"github.com/careprint/careprint/internal/geom"
	"github.com/careprint/careprint/internal/rtl"
)

// run is text in one face, size, colour and link: the unit the writer draws.
type run struct {
	text  string
	face  Face
	size  geom.Length
	color geom.RGB
	link  string
	w     geom.Length
}

// word is a piece of a line that is never broken (unless it is wider than the line):
// its runs, and the space that follows it.
type word struct {
	runs   []run
	w      geom.Length
	space  run // the space after the word; empty text when none
	hyphen bool
}

// runs splits styled text into runs of one face each, choosing for every character the
// face that can draw it.
func (e *engine) runs(in []doc.Inline, size geom.Length, color geom.RGB) ([]run, error) {
	var out []run
	for _, span := range in {
		want := Face{Family: e.st.Family, Bold: span.Bold, Italic: span.Italic}
		var b strings.Builder
		var cur Face
		flush := func() {
			if b.Len() == 0 {
				return
			}
			t := b.String()
			out = append(out, run{text: t, face: cur, size: size, color: color, link: span.Link, w: e.m.Width(cur, size, t)})
			b.Reset()
		}
		// Right-to-left words (a patient's name in Arabic or Hebrew) go in visual order,
		// Arabic joined: fpdf draws code points left to right as they come.
		for _, r := range rtl.Visual(span.Text) {
			if r == '\n' || r == '\t' {
				r = ' '
			}
			f, ok := e.m.FaceFor(want, r)
			if !ok {
				return nil, &GlyphError{Rune: r}
			}
			if f != cur && b.Len() > 0 {
				flush()
			}
			cur = f
			b.WriteRune(r)
		}
		flush()
	}
	return out, nil
}

func width(rs []run) geom.Length {
	w := geom.Length(0)
	for _, r := range rs {
		w += r.w
	}
	return w
}

// words splits runs at spaces (and after hyphens inside words) into words.
func (e *engine) words(rs []run) []word {
	var out []word
	var cur word
	push := func() {
		if len(cur.runs) > 0 {
			out = append(out, cur)
		} else if cur.space.text != "" && len(out) > 0 && out[len(out)-1].space.text == "" {
			out[len(out)-1].space = cur.space
		}
		cur = word{}
	}
	for _, r := range rs {
		var b strings.Builder
		flush := func() {
			if b.Len() == 0 {
				return
			}
			t := b.String()
			piece := r
			piece.text = t
			piece.w = e.m.Width(r.face, r.size, t)
			cur.runs = append(cur.runs, piece)
			cur.w += piece.w
			b.Reset()
		}
		rr := []rune(r.text)
		for i, c := range rr {
			switch {
			case c == ' ':
				flush()
				sp := r
				sp.text = " "
				sp.w = e.m.Width(r.face, r.size, " ")
				cur.space = sp
				push()
			case c == '-' && i > 0 && i < len(rr)-1 && rr[i-1] != ' ' && rr[i+1] != ' ':
				b.WriteRune(c)
				flush()
				cur.hyphen = true
				push()
			default:
				b.WriteRune(c)
			}
		}
		flush()
	}
	push()
	return out
}

// line is one laid-out line: its runs with x offsets from the line's start.
type line struct {
	runs []run
	xs   []geom.Length
	w    geom.Length
}

// breakLines fills lines greedily up to width w. A word wider than a line is broken
// between characters.
func (e *engine) breakLines(ws []word, w geom.Length) []line {
	var lines []line
	var cur line
	x := geom.Length(0)
	var pendingSpace run
	emit := func() {
		lines = append(lines, cur)
		cur = line{}
		x = 0
		pendingSpace = run{}
	}
	for _, wd := range ws {
		spaceW := geom.Length(0)
		if len(cur.runs) > 0 {
			spaceW = pendingSpace.w
		}
		if len(cur.runs) > 0 && x+spaceW+wd.w > w {
			emit()
			spaceW = 0
		}
		if wd.w > w {
			// Break the word between characters.
			for _, piece := range e.splitWord(wd, w-x) {
				if len(cur.runs) > 0 && x+piece.w > w {
					emit()
				}
				cur.runs = append(cur.runs, piece.runs...)
				for _, r := range piece.runs {
					cur.xs = append(cur.xs, x)
					x += r.w
				}
				cur.w = x
			}
			pendingSpace = wd.space
			continue
		}
		if spaceW > 0 {
			cur.runs = append(cur.runs, pendingSpace)
			cur.xs = append(cur.xs, x)
			x += spaceW
		}
		for _, r := range wd.runs {
			cur.runs = append(cur.runs, r)
			cur.xs = append(cur.xs, x)
			x += r.w
		}
		cur.w = x
		pendingSpace = wd.space
	}
	if len(cur.runs) > 0 || len(lines) == 0 {
		lines = append(lines, cur)
	}
	return lines
}

// splitWord cuts a too-long word into pieces, the first at most first wide and the others
// at most full.
func (e *engine) splitWord(wd word, first geom.Length) []word {
	full := first
	var out []word
	var cur word
	limit := first
	for _, r := range wd.runs {
		for _, c := range r.text {
			cw := e.m.Width(r.face, r.size, string(c))
			if cur.w+cw > limit && cur.w > 0 {
				out = append(out, cur)
				cur = word{}
				limit = full
			}
			piece := r
			piece.text = string(c)
			piece.w = cw
			cur.runs = append(cur.runs, piece)
			cur.w += cw
		}
	}
	if len(cur.runs) > 0 {
		out = append(out, cur)
	}
	return out
}

// baseline is the distance from a line's top to its baseline.
func baseline(lineH, size geom.Length) geom.Length {
	return (lineH-size)/2 + size*800/1000
}

// paragraph lays out inline text as one slice per line. The same paragraph set the same
// way (most of a handout: only the patient's line and the dates differ from one patient
// to the next) is broken into lines once per run and copied after that.
func (e *engine) paragraph(in []doc.Inline, x, w, size geom.Length, color geom.RGB) ([]slice, error) {
	cacheable := reflect.TypeOf(e.m).Comparable()
	var key paraKey
	if cacheable {
		key = paraKey{m: e.m, family: e.st.Family, leading: e.st.Leading, x: x, w: w, size: size, color: color, text: inlineKey(in)}
		if fb, ok := e.m.(interface{ Fallback(string) string }); ok {
			key.fallback = fb.Fallback(e.st.Family)
		}
		if ss, ok := paraCache.get(key); ok {
			return ss, nil
		}
	}
	rs, err := e.runs(in, size, color)
	if err != nil {
		return nil, err
	}
	lh := e.st.LineHeight(size)
	var out []slice
	for _, l := range e.breakLines(e.words(rs), w) {
		s := slice{h: lh}
		s.items = e.placeLine(l, x, baseline(lh, size))
		out = append(out, s)
	}
	if !cacheable {
		return out, nil
	}
	paraCache.put(key, out)
	return copySlices(out), nil
}

// paraKey is everything a paragraph's lines depend on. Measurers that cannot be map keys
// are not cached.
type paraKey struct {
	m          Measurer
	family     string
	fallback   string
	leading    int
	x, w, size geom.Length
	color      geom.RGB
	text       string
}

// inlineKey writes styled text as one string: each run's style, link and text.
func inlineKey(in []doc.Inline) string {
	var b strings.Builder
	for _, r := range in {
		flags := byte('0')
		if r.Bold {
			flags |= 1
		}
		if r.Italic {
			flags |= 2
		}
		b.WriteByte(flags)
		b.WriteString(r.Link)
		b.WriteByte(0)
		b.WriteString(r.Text)
		b.WriteByte(1)
	}
	return b.String()
}

// paraCacheSize bounds the cache: a handout has about a hundred paragraphs shared by
// every patient and a few of its own (the patient's line, the dates), so a batch empties
// and refills it every hundred or so handouts. A larger cache held more of those unique
// paragraphs and, under a batch's heap limit, made the collector run more (a 200-row
// batch took 2.5 s with 4096 entries and 1.24 s with 512).
const paraCacheSize = 512

type paragraphCache struct {
	mu sync.RWMutex
	m  map[paraKey][]slice
}

var paraCache = &paragraphCache{m: map[paraKey][]slice{}}

func (c *paragraphCache) get(k paraKey) ([]slice, bool) {
	c.mu.RLock()
	ss, ok := c.m[k]
	c.mu.RUnlock()
	if !ok {
		return nil, false
	}
	return copySlices(ss), true
}

func (c *paragraphCache) put(k paraKey, ss []slice) {
	c.mu.Lock()
	if len(c.m) >= paraCacheSize {
		c.m = map[paraKey][]slice{} // start again rather than grow
	}
	c.m[k] = ss
	c.mu.Unlock()
}

// copySlices returns slices the caller may change (keep flags, spacing, added items)
// without touching the cached ones.
func copySlices(ss []slice) []slice {
	out := make([]slice, len(ss))
	for i, s := range ss {
		out[i] = s
		out[i].items = append([]Item(nil), s.items...)
	}
	return out
}

// placeLine turns a line into Text items, merging neighbouring runs of one style.
func (e *engine) placeLine(l line, x, y geom.Length) []Item {
	// Trailing spaces are not drawn.
	for len(l.runs) > 0 && strings.TrimSpace(l.runs[len(l.runs)-1].text) == "" {
		l.runs = l.runs[:len(l.runs)-1]
		l.xs = l.xs[:len(l.xs)-1]
	}
	var items []Item
	for i := 0; i < len(l.runs); {
		r := l.runs[i]
		text := r.text
		j := i + 1
		for j < len(l.runs) && same(l.runs[j], r) {
			text += l.runs[j].text
			j++
		}
		// No-break spaces only steer line breaking; they print as spaces, so that copied
		// and extracted text reads normally.
		text = strings.ReplaceAll(text, "\u00a0", " ")
		items = append(items, Text{X: x + l.xs[i], Y: y, Face: r.face, Size: r.size, Color: r.color,
			Text: text, Width: e.m.Width(r.face, r.size, text), Link: r.link})
		i = j
	}
	return items
}

func same(a, b run) bool {
	return a.face == b.face && a.size == b.size && a.color == b.color && a.link == b.link
}

// place draws runs on one line at x, baseline y.
func (e *engine) place(rs []run, x, y geom.Length) []Item {
	l := line{}
	cx := geom.Length(0)
	for _, r := range rs {
		l.runs = append(l.runs, r)
		l.xs = append(l.xs, cx)
		cx += r.w
	}
	return e.placeLine(l, x, y)
}
