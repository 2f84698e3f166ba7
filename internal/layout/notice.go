package layout

import (
	"reflect"
	"slices"
	"strings"

	"github.com/careprint/careprint/internal/doc"
	"github.com/careprint/careprint/internal/geom"
	"github.com/careprint/careprint/internal/rtl"
)

// languageHelp lays out the notice of free language help: its title, then each line in
// its own language, tagged with that language (/Lang) so that a screen reader reads it
// with the right voice. A line may name a font family for the characters the layout's
// fonts lack (a CJK font for Chinese); a right-to-left line (Arabic, Persian, Hebrew) is
// broken into lines in reading order and set right-aligned. The title stays with the
// first line, and a line's own lines stay together.
func (e *engine) languageHelp(n doc.LanguageHelp, x, w geom.Length) ([]slice, error) {
	st := e.st
	sect := e.node("Sect")
	var out []slice
	if n.Title != "" {
		ts, err := e.heading().paragraph([]doc.Inline{{Text: n.Title, Bold: true}}, x, w, st.BodySize, st.Heading)
		if err != nil {
			return nil, err
		}
		tagSlices(ts, e.tags.New(headingRole(2), sect))
		keepLines(ts)
		out = append(out, ts...)
	}
	for i, l := range n.Lines {
		le := *e
		if l.Lang != "" {
			le.lang = l.Lang // hyphenation patterns of the line's language, or none
		}
		if l.Family != "" {
			le.m = withFamily(e.m, l.Family)
		}
		if fam := le.lineFamily(l.Text); fam != st.Family {
			lst := *st
			lst.Family = fam
			le.st = &lst
		}
		var ss []slice
		var err error
		if rtl.Has(l.Text) {
			ss, err = le.rightToLeft(l.Text, x, w, st.BodySize, st.Text)
		} else {
			ss, err = le.paragraph([]doc.Inline{{Text: l.Text}}, x, w, st.BodySize, st.Text)
		}
		if err != nil {
			return nil, err
		}
		p := e.tags.New("P", sect)
		p.Lang = l.Lang
		p.Actual = logical([]doc.Inline{{Text: l.Text}})
		tagSlices(ss, p)
		keepLines(ss)
		ss[0].before = st.ParaSpace / 3
		if i == 0 && len(out) > 0 {
			ss[0].keep = true
		}
		out = append(out, ss...)
	}
	return out, nil
}

// rightToLeft sets a right-to-left line: broken between words in reading order, each line
// then put in visual order and aligned right.
func (e *engine) rightToLeft(text string, x, w, size geom.Length, color geom.RGB) ([]slice, error) {
	// A left-to-right run inside the line (the phone number, which content marks so)
	// breaks nowhere.
	depth := 0
	text = strings.Map(func(r rune) rune {
		switch {
		case r == '\u2066':
			depth++
		case r == '\u2069' && depth > 0:
			depth--
		case r == ' ' && depth > 0:
			return '\u00a0'
		}
		return r
	}, text)
	var lines []string
	cur := ""
	for _, word := range strings.Split(text, " ") {
		if word == "" {
			continue
		}
		next := word
		if cur != "" {
			next = cur + " " + word
		}
		if cur != "" {
			nw, err := e.textWidth(isolate(next), size, color)
			if err != nil {
				return nil, err
			}
			if nw > w {
				lines = append(lines, cur)
				next = word
			}
		}
		cur = next
	}
	lines = append(lines, cur)
	var out []slice
	for _, l := range lines {
		ss, err := e.paragraph([]doc.Inline{{Text: isolate(l)}}, x, w, size, color)
		if err != nil {
			return nil, err
		}
		for i := range ss {
			right := max(x, lineWidth(ss[i].items))
			for j, it := range ss[i].items {
				ss[i].items[j] = move(it, x+w-right, 0)
			}
		}
		out = append(out, ss...)
	}
	return out, nil
}

// lineFamily is the one family that sets the whole line when the body font lacks some of
// its letters (a Vietnamese, Arabic or Chinese line), so that the line does not change
// face from word to word; the body font otherwise, or when no one family has them all.
func (e *engine) lineFamily(text string) string {
	body := e.st.Family
	var rs []rune
	var cands []string
	for _, r := range rtl.Visual(text) {
		if r == ' ' {
			continue
		}
		r = drawable(r)
		rs = append(rs, r)
		if f, ok := e.m.FaceFor(Face{Family: body}, r); ok && f.Family != body && !slices.Contains(cands, f.Family) {
			cands = append(cands, f.Family)
		}
	}
	for _, c := range cands {
		if e.drawsAll(Face{Family: c}, rs) {
			return c
		}
	}
	return body
}

// isolate marks s as a right-to-left run, whatever it starts with (a phone number). A
// piece with no right-to-left letter (the number alone on the last line) loses its
// directional marks instead: they are never drawn.
func isolate(s string) string {
	if !rtl.Has(s) {
		return strings.Map(func(r rune) rune {
			if r >= 0x2066 && r <= 0x2069 {
				return -1
			}
			return r
		}, s)
	}
	return "\u2067" + s + "\u2069"
}

// textWidth is the width of s set on one line.
func (e *engine) textWidth(s string, size geom.Length, color geom.RGB) (geom.Length, error) {
	rs, err := e.runs([]doc.Inline{{Text: s}}, size, color)
	if err != nil {
		return 0, err
	}
	return width(rs), nil
}

// familyMeasurer is a Measurer that draws what its own fonts lack in one more family.
type familyMeasurer struct {
	m      Measurer
	family string
}

func (f familyMeasurer) Width(face Face, size geom.Length, s string) geom.Length {
	return f.m.Width(face, size, s)
}

func (f familyMeasurer) FaceFor(face Face, r rune) (Face, bool) {
	if g, ok := f.m.FaceFor(face, r); ok {
		return g, true
	}
	return f.m.FaceFor(Face{Family: f.family, Bold: face.Bold, Italic: face.Italic}, r)
}

// withFamily returns m with family as its last resort. The paragraph cache keys on the
// measurer: one that cannot be a map key is wrapped by pointer (and then not shared).
func withFamily(m Measurer, family string) Measurer {
	if !reflect.TypeOf(m).Comparable() {
		return &familyMeasurer{m, family}
	}
	return familyMeasurer{m, family}
}
