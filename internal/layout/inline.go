package layout

import (
	"reflect"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"github.com/careprint/careprint/internal/doc"
	"github.com/careprint/careprint/internal/geom"
	"github.com/careprint/careprint/internal/hyphen"
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
	runs  []run
	w     geom.Length
	space run         // the space after the word; empty text when none
	soft  []softPoint // where the word may break when it is wider than a line
	url   bool        // a web or e-mail address: broken with no hyphen added
}

// softPoint is a rune offset in a word where it may break when it is wider than a line,
// and how strongly the two sides hold together (glueLabel … glueTight).
type softPoint struct {
	at       int
	strength uint8
}

// drawable maps the characters that only steer line breaking to what is drawn: a no-break
// space prints as a space and a no-break hyphen as a hyphen, so that every font can draw
// them and copied text reads normally.
func drawable(r rune) rune {
	switch r {
	case '\u00a0', '\u202f', '\u2007':
		return ' '
	case '\u2011':
		return '-'
	case '\n', '\t':
		return ' '
	}
	return r
}

func drawableString(s string) string {
	if strings.IndexFunc(s, func(r rune) bool { return drawable(r) != r }) < 0 {
		return s
	}
	return strings.Map(drawable, s)
}

// runs splits styled text into runs of one face each. A word is set in one face: the
// wanted one when it has every letter, else the fallback when that has them all, so that
// a name such as "Nguyễn" never alternates faces letter by letter; only a word that no
// one face can set whole mixes them.
func (e *engine) runs(in []doc.Inline, size geom.Length, color geom.RGB) ([]run, error) {
	var out []run
	for _, span := range in {
		want := Face{Family: e.st.Family, Bold: span.Bold, Italic: span.Italic}
		// A soft hyphen (U+00AD) would print as a glyph (fpdf cannot hide it); words
		// too wide for their column are hyphenated by the language's patterns instead.
		// Right-to-left words (a patient's name in Arabic or Hebrew) go in visual order,
		// Arabic joined: fpdf draws code points left to right as they come.
		text := []rune(rtl.Visual(strings.ReplaceAll(span.Text, "\u00ad", "")))
		faces := make([]Face, len(text))
		for i, r := range text {
			if r == '\n' || r == '\t' {
				text[i] = ' '
			}
			f, ok := e.m.FaceFor(want, drawable(text[i]))
			if !ok {
				return nil, &GlyphError{Rune: r}
			}
			faces[i] = f
		}
		e.wholeWords(text, faces)
		for i := 0; i < len(text); {
			j := i + 1
			for j < len(text) && faces[j] == faces[i] {
				j++
			}
			t := string(text[i:j])
			out = append(out, run{text: t, face: faces[i], size: size, color: color, link: span.Link,
				w: e.m.Width(faces[i], size, drawableString(t))})
			i = j
		}
	}
	return out, nil
}

// wholeWords gives every word (a run of characters between spaces) whose characters
// came out in several faces the one face among them that draws them all, if any.
func (e *engine) wholeWords(text []rune, faces []Face) {
	for i := 0; i < len(text); {
		if unicode.IsSpace(text[i]) {
			i++
			continue
		}
		j := i + 1
		mixed := false
		for j < len(text) && !unicode.IsSpace(text[j]) {
			mixed = mixed || faces[j] != faces[i]
			j++
		}
		if mixed {
			for k := i; k < j; k++ {
				if k > i && faces[k] == faces[k-1] {
					continue
				}
				if c := faces[k]; e.drawsAll(c, text[i:j]) {
					for m := i; m < j; m++ {
						faces[m] = c
					}
					break
				}
			}
		}
		i = j
	}
}

// drawsAll says whether face f has every character of word.
func (e *engine) drawsAll(f Face, word []rune) bool {
	for _, r := range word {
		if g, ok := e.m.FaceFor(f, drawable(r)); !ok || g != f {
			return false
		}
	}
	return true
}

func width(rs []run) geom.Length {
	w := geom.Length(0)
	for _, r := range rs {
		w += r.w
	}
	return w
}

// words cuts runs into the pieces a line may break between, by breakPoints: Unicode's
// line-breaking rules with numbers, dates, times and addresses held together.
func (e *engine) words(rs []run) []word {
	n := 0
	for _, r := range rs {
		n += utf8.RuneCountInString(r.text)
	}
	text := make([]rune, 0, n)
	src := make([]int, 0, n)
	for i, r := range rs {
		for _, c := range r.text {
			text = append(text, c)
			src = append(src, i)
		}
	}
	bp := breakPoints(text)
	out := make([]word, 0, n/5+1)
	start := 0
	for start < len(text) && text[start] == ' ' {
		start++ // spaces before the first word are not drawn
	}
	for i := start + 1; i <= len(text); i++ {
		if i < len(text) && !bp.allow[i] {
			continue
		}
		end := i
		for end > start && text[end-1] == ' ' {
			end--
		}
		var wd word
		if end < i {
			sp := rs[src[end]]
			sp.text = " "
			sp.w = e.m.Width(sp.face, sp.size, " ")
			wd.space = sp
		}
		for a := start; a < end; {
			b := a + 1
			for b < end && src[b] == src[a] {
				b++
			}
			piece := rs[src[a]]
			piece.text = drawableString(string(text[a:b]))
			piece.w = e.m.Width(piece.face, piece.size, piece.text)
			wd.runs = append(wd.runs, piece)
			wd.w += piece.w
			a = b
		}
		for k := start; k < end; k++ {
			if k > start && bp.soft[k] != 0 {
				wd.soft = append(wd.soft, softPoint{k - start, bp.soft[k]})
			}
			wd.url = wd.url || bp.url[k]
		}
		if len(wd.runs) > 0 {
			out = append(out, wd)
		}
		start = i
	}
	return out
}

// line is one laid-out line: its runs with x offsets from the line's start.
type line struct {
	runs []run
	xs   []geom.Length
	w    geom.Length
	gap  bool // the line broke at a space
}

// breakLines fills lines greedily up to width w (ragged right: a word that does not fit
// goes to the next line whole). A word wider than a line is cut by splitWord.
func (e *engine) breakLines(ws []word, w geom.Length) []line {
	var lines []line
	var cur line
	x := geom.Length(0)
	var pendingSpace run
	emit := func() {
		cur.gap = pendingSpace.text != ""
		lines = append(lines, cur)
		cur = line{}
		x = 0
		pendingSpace = run{}
	}
	add := func(wd word, spaceW geom.Length) {
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
	for _, wd := range ws {
		spaceW := geom.Length(0)
		if len(cur.runs) > 0 {
			spaceW = pendingSpace.w
		}
		if wd.w <= w {
			if len(cur.runs) > 0 && x+spaceW+wd.w > w {
				emit()
				spaceW = 0
			}
			add(wd, spaceW)
			continue
		}
		pieces := e.splitWord(wd, w-x-spaceW, w)
		for k, pc := range pieces {
			if k > 0 || len(pc.runs) == 0 {
				if len(cur.runs) > 0 {
					emit()
				}
				spaceW = 0
			}
			add(pc, spaceW)
		}
	}
	if len(cur.runs) > 0 || len(lines) == 0 {
		lines = append(lines, cur)
	}
	return lines
}

// char is one character of a word being split, with the run it comes from.
type char struct {
	r   rune
	run int
	w   geom.Length
}

// splitWord cuts a word wider than a line into pieces, every piece but the last ending
// a line. The first piece is at most first wide and continues the current line; it is
// empty when nothing may go there. The others are at most full wide. Where a piece
// ends is fit's choice: never before a closing mark or after an opening one.
func (e *engine) splitWord(wd word, first, full geom.Length) []word {
	var cs []char
	for i, r := range wd.runs {
		for _, c := range r.text {
			cs = append(cs, char{r: c, run: i, w: e.m.Width(r.face, r.size, string(c))})
		}
	}
	var hy []int
	if !wd.url {
		hy = e.hyphenPoints(cs)
	}
	var out []word
	limit := first
	midLine := first < full
	for pos := 0; pos < len(cs); midLine = false {
		rest := geom.Length(0)
		for _, c := range cs[pos:] {
			rest += c.w
		}
		if rest <= limit {
			out = append(out, e.piece(wd, cs, pos, len(cs), false))
			break
		}
		p, hyph := e.fit(wd, cs, pos, limit, hy, !midLine)
		if p == pos {
			if midLine {
				out = append(out, word{})
				limit = full
				continue
			}
			// Not even one character fits: set one anyway, with what combines with it.
			for p = pos + 1; p < len(cs) && unicode.Is(unicode.Mn, cs[p].r); p++ {
			}
		}
		out = append(out, e.piece(wd, cs, pos, p, hyph))
		pos = p
		limit = full
	}
	if len(out) > 0 {
		out[len(out)-1].space = wd.space
	}
	return out
}

// fit finds where the piece of cs starting at pos ends so as to fill limit, trying in
// turn: the weak soft points, weakest first (a glued space, or after "/", "." or "-" in
// an address; no hyphen is added), the hyphenation points of the document's language (a
// hyphen is drawn), then, only at the start of a line (letters set), the strong soft
// points (inside a range, a date or a number) and last any place between two letters or
// digits (with a hyphen between letters, none in an address). Of each kind it takes the
// last that fits. It returns pos when none fits.
func (e *engine) fit(wd word, cs []char, pos int, limit geom.Length, hy []int, letters bool) (int, bool) {
	last := cs[len(cs)-1]
	hw := e.m.Width(wd.runs[last.run].face, wd.runs[last.run].size, "-")
	fits := func(p int, hyph bool) bool {
		w := geom.Length(0)
		end := p
		for end > pos && cs[end-1].r == ' ' {
			end--
		}
		for _, c := range cs[pos:end] {
			w += c.w
		}
		if hyph {
			w += hw
		}
		return end > pos && w <= limit
	}
	best := func(points []int, hyph func(int) bool) int {
		for k := len(points) - 1; k >= 0; k-- {
			if p := points[k]; p > pos && fits(p, hyph(p)) {
				return p
			}
		}
		return pos
	}
	never := func(int) bool { return false }
	always := func(int) bool { return true }
	soft := func(from, to uint8) []int {
		var ps []int
		for _, sp := range wd.soft {
			if sp.strength >= from && sp.strength <= to {
				ps = append(ps, sp.at)
			}
		}
		return ps
	}
	// Weakest first. In the middle of a line, a word that has points of some strength
	// but none that fits goes to the next line rather than break at a stronger point.
	for s := glueLabel; s <= glueWord; s++ {
		ps := soft(s, s)
		if p := best(ps, never); p > pos {
			return p, false
		}
		if len(ps) > 0 && !letters {
			return pos, false
		}
	}
	if p := best(hy, always); p > pos {
		return p, true
	}
	if !letters {
		return pos, false
	}
	if p := best(soft(glueRange, glueTight), never); p > pos {
		return p, false
	}
	between := func(p int) bool { return !wd.url && unicode.IsLetter(cs[p-1].r) && unicode.IsLetter(cs[p].r) }
	var ps []int
	for p := pos + 1; p < len(cs); p++ {
		if isAlnum(cs[p-1].r) && isAlnum(cs[p].r) {
			ps = append(ps, p)
		}
	}
	if p := best(ps, between); p > pos {
		return p, between(p)
	}
	return pos, false
}

// hyphenPoints returns where the letters of cs may be hyphenated in the document's
// language: each run of letters is hyphenated on its own ("exfoliants)." as
// "exfoliants").
func (e *engine) hyphenPoints(cs []char) []int {
	h := hyphen.For(e.language())
	if h == nil {
		return nil
	}
	var out []int
	for i := 0; i < len(cs); {
		if !unicode.IsLetter(cs[i].r) {
			i++
			continue
		}
		j := i
		var b strings.Builder
		for j < len(cs) && (unicode.IsLetter(cs[j].r) || unicode.Is(unicode.Mn, cs[j].r)) {
			b.WriteRune(cs[j].r)
			j++
		}
		for _, p := range h.Points(b.String()) {
			out = append(out, i+p)
		}
		i = j
	}
	return out
}

// language is the document's language, English when it does not say.
func (e *engine) language() string {
	if e.lang == "" {
		return "en"
	}
	return e.lang
}

// piece makes a word of cs[a:b], without the spaces at its end, with a hyphen after it
// when hyph is set.
func (e *engine) piece(wd word, cs []char, a, b int, hyph bool) word {
	for b > a && cs[b-1].r == ' ' {
		b--
	}
	var out word
	for i := a; i < b; {
		j := i + 1
		for j < b && cs[j].run == cs[i].run {
			j++
		}
		r := wd.runs[cs[i].run]
		var t strings.Builder
		for _, c := range cs[i:j] {
			t.WriteRune(c.r)
		}
		if hyph && j == b {
			t.WriteByte('-')
		}
		r.text = t.String()
		r.w = e.m.Width(r.face, r.size, r.text)
		out.runs = append(out.runs, r)
		out.w += r.w
		i = j
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
		key = paraKey{m: e.m, family: e.st.Family, leading: e.st.Leading, lang: e.lang, x: x, w: w, size: size, color: color, text: inlineKey(in)}
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
	lang       string
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
	gap := l.gap
	for len(l.runs) > 0 && strings.TrimSpace(l.runs[len(l.runs)-1].text) == "" {
		gap = true
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
		text = drawableString(text)
		items = append(items, Text{X: x + l.xs[i], Y: y, Face: r.face, Size: r.size, Color: r.color,
			Text: text, Width: e.m.Width(r.face, r.size, text), Link: r.link})
		i = j
	}
	if n := len(items); n > 0 && gap {
		t := items[n-1].(Text)
		t.Gap = true
		items[n-1] = t
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
