// Package rtl prepares a line of text that holds right-to-left script (Arabic, Persian,
// Urdu in Naskh, Hebrew) for a writer that draws characters left to right, one code point
// after another, as fpdf does: Arabic letters take their contextual (joined) forms from
// Unicode's Arabic Presentation Forms, and the line is put in visual order by the Unicode
// bidirectional algorithm (go-text/typesetting's bidi).
//
// It is for short lines inside a left-to-right document, such as a patient's name; it
// does not set whole right-to-left paragraphs.
package rtl

import (
	"slices"
	"sync"
	"unicode"

	"github.com/go-text/typesetting/bidi"
	xbidi "golang.org/x/text/unicode/bidi"
	"golang.org/x/text/unicode/norm"
)

// Has reports whether s holds a right-to-left character.
func Has(s string) bool {
	for _, r := range s {
		// Nothing before Hebrew (U+0590) is right to left: Latin text, the most of what
		// a batch sets, needs no table lookup.
		if r >= 0x0590 && isRTL(r) {
			return true
		}
	}
	return false
}

func isRTL(r rune) bool {
	p, _ := xbidi.LookupRune(r)
	c := p.Class()
	return c == xbidi.R || c == xbidi.AL
}

// Visual returns s shaped and in visual order, ready to draw left to right. A line without
// right-to-left characters comes back as it is.
func Visual(s string) string {
	if !Has(s) {
		return s
	}
	rs := shape([]rune(s))
	var p bidi.Paragraph
	runs := p.Segment(rs, bidi.LeftToRight)
	levels := make([]int, len(rs))
	for i := range runs.NumRuns() {
		r := runs.Run(i)
		for j := r.Start; j < r.End; j++ {
			levels[j] = int(r.Level)
		}
	}
	out := reorder(rs, levels)
	// The directional formatting characters (an isolate around a right-to-left line,
	// marks) have done their work: they are never drawn.
	out = slices.DeleteFunc(out, isBidiControl)
	return string(out)
}

// Isolate marks s, text put into a sentence of another direction (a patient's name in
// an English line), as a first-strong isolate, so that the marks around it stay on their
// own side: "سارة أ." keeps its full stop at its end, on the left. Text without
// right-to-left letters comes back as it is.
func Isolate(s string) string {
	if !Has(s) {
		return s
	}
	return "\u2068" + s + "\u2069"
}

// isBidiControl says whether r is one of Unicode's directional formatting characters.
func isBidiControl(r rune) bool {
	return r == 0x061c || r == 0x200e || r == 0x200f || (r >= 0x202a && r <= 0x202e) || (r >= 0x2066 && r <= 0x2069)
}

// reorder applies rule L2 of UAX #9: from the highest level down to the lowest odd one,
// reverse every sequence at that level or higher. A combining mark stays after the letter
// it belongs to, and brackets in right-to-left runs are mirrored.
func reorder(rs []rune, levels []int) []rune {
	// Clusters: a base character and the marks that follow it.
	type cluster struct {
		runes []rune
		level int
	}
	var cs []cluster
	for i, r := range rs {
		if len(cs) > 0 && unicode.Is(unicode.Mn, r) {
			cs[len(cs)-1].runes = append(cs[len(cs)-1].runes, r)
			continue
		}
		if levels[i]%2 == 1 {
			r = mirror(r)
		}
		cs = append(cs, cluster{[]rune{r}, levels[i]})
	}
	high, lowOdd := 0, 1<<30
	for _, c := range cs {
		high = max(high, c.level)
		if c.level%2 == 1 {
			lowOdd = min(lowOdd, c.level)
		}
	}
	for lv := high; lv >= lowOdd && lv > 0; lv-- {
		for i := 0; i < len(cs); {
			if cs[i].level < lv {
				i++
				continue
			}
			j := i
			for j < len(cs) && cs[j].level >= lv {
				j++
			}
			slices.Reverse(cs[i:j])
			i = j
		}
	}
	out := make([]rune, 0, len(rs))
	for _, c := range cs {
		out = append(out, c.runes...)
	}
	return out
}

func mirror(r rune) rune {
	if p, _ := xbidi.LookupRune(r); p.IsBracket() {
		return []rune(xbidi.ReverseString(string(r)))[0]
	}
	return r
}

// Forms of a joining letter.
const (
	isolated = iota
	final
	initial
	medial
)

type letter struct {
	forms [4]rune // 0 where the form does not exist
	dual  bool    // joins on both sides (else only to the letter before it)
}

var (
	tablesOnce sync.Once
	letters    map[rune]*letter
	lamAlef    map[rune][2]rune // alef variant → isolated and final ligature with lam
)

// tables reads the presentation forms from Unicode's compatibility decompositions: each
// form decomposes to its letter, and the forms of a letter follow each other in the order
// isolated, final, initial, medial (a letter that joins only to the one before it has the
// first two). The Forms-B block comes first, so a letter keeps the forms found there.
func tables() {
	letters = map[rune]*letter{}
	lamAlef = map[rune][2]rune{}
	for _, block := range [][2]rune{{0xFE80, 0xFEFC}, {0xFB50, 0xFBFF}} {
		var group []rune
		var base rune
		flush := func() {
			if len(group) == 0 {
				return
			}
			if _, seen := letters[base]; !seen && (len(group) == 2 || len(group) == 4 || len(group) == 1) {
				l := &letter{dual: len(group) == 4}
				copy(l.forms[:], group)
				letters[base] = l
			}
			group = nil
		}
		for r := block[0]; r <= block[1]; r++ {
			d := []rune(norm.NFKD.String(string(r)))
			// Lam-alef ligatures decompose to lam and an alef (itself decomposed).
			if len(d) >= 2 && d[0] == 0x0644 && r >= 0xFEF5 {
				flush()
				alef := []rune(norm.NFC.String(string(d[1:])))[0]
				l := lamAlef[alef]
				if l[0] == 0 {
					l[0] = r
				} else {
					l[1] = r
				}
				lamAlef[alef] = l
				continue
			}
			b := []rune(norm.NFC.String(string(d)))
			if len(b) != 1 || b[0] == r {
				flush()
				continue
			}
			if b[0] != base {
				flush()
				base = b[0]
			}
			group = append(group, r)
		}
		flush()
	}
	// A letter with a single form (hamza) does not join.
	for _, l := range letters {
		if l.forms[final] == 0 {
			l.forms = [4]rune{l.forms[isolated]}
		}
	}
}

// joinsBefore reports whether r, as the letter before another, joins to it (a dual
// letter or the tatweel and zero-width joiner, which cause joining).
func joinsBefore(r rune) bool {
	if r == 0x0640 || r == 0x200D {
		return true
	}
	l, ok := letters[r]
	return ok && l.dual
}

// joinsAfter reports whether r joins to the letter before it.
func joinsAfter(r rune) bool {
	if r == 0x0640 || r == 0x200D {
		return true
	}
	l, ok := letters[r]
	return ok && l.forms[final] != 0
}

// shape replaces each Arabic letter by its contextual form, and lam followed by alef by
// their ligature. Marks (harakat) do not break joining.
func shape(rs []rune) []rune {
	tablesOnce.Do(tables)
	// neighbour finds the nearest letter before (step -1) or after (step 1) i, skipping
	// marks; it returns -1 when there is none.
	neighbour := func(i, step int) int {
		for j := i + step; j >= 0 && j < len(rs); j += step {
			if !unicode.Is(unicode.Mn, rs[j]) {
				return j
			}
		}
		return -1
	}
	out := make([]rune, 0, len(rs))
	for i := 0; i < len(rs); i++ {
		r := rs[i]
		l, ok := letters[r]
		if !ok {
			out = append(out, r)
			continue
		}
		prev := neighbour(i, -1)
		before := prev >= 0 && joinsBefore(rs[prev]) && joinsAfter(r)
		next := neighbour(i, 1)
		if r == 0x0644 && next == i+1 {
			if lig, ok := lamAlef[rs[next]]; ok && lig[0] != 0 {
				if before {
					out = append(out, lig[1])
				} else {
					out = append(out, lig[0])
				}
				i = next
				continue
			}
		}
		after := next >= 0 && l.dual && joinsAfter(rs[next])
		form := isolated
		switch {
		case before && after:
			form = medial
		case before:
			form = final
		case after:
			form = initial
		}
		if f := l.forms[form]; f != 0 {
			out = append(out, f)
		} else {
			out = append(out, r)
		}
	}
	return out
}
