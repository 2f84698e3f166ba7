// Package hyphen finds where a word may be hyphenated, by Frank Liang's algorithm (the
// one TeX uses) over TeX's hyphenation patterns from hyph-utf8, which are embedded with
// their licences (patterns/*.LICENSE.txt).
package hyphen

import (
	"bufio"
	"bytes"
	"embed"
	"strings"
	"sync"
	"unicode"
)

//go:embed patterns/*.txt
var files embed.FS

// Hyphenator hyphenates the words of one language.
type Hyphenator struct {
	// LeftMin and RightMin are the fewest letters left before and after a hyphen.
	LeftMin, RightMin int

	file       string
	once       sync.Once
	patterns   map[string][]byte // letters → the values between and around them
	maxLen     int               // the longest pattern, in runes
	exceptions map[string][]int  // a word → its hyphen positions, in runes
}

var languages = map[string]*Hyphenator{
	"en-us": {LeftMin: 2, RightMin: 3, file: "hyph-en-us"},
	"es":    {LeftMin: 2, RightMin: 2, file: "hyph-es"},
}

// For returns the hyphenator of a language given as a BCP 47 tag ("en", "en-US", "es",
// "es-MX"), or nil when careprint has no patterns for it. English without a region is
// set with the American patterns.
func For(lang string) *Hyphenator {
	tag := strings.ToLower(strings.ReplaceAll(lang, "_", "-"))
	if h, ok := languages[tag]; ok {
		return h
	}
	base, _, _ := strings.Cut(tag, "-")
	switch base {
	case "en":
		return languages["en-us"]
	case "es":
		return languages["es"]
	}
	return nil
}

// load parses the patterns and exceptions on first use.
func (h *Hyphenator) load() {
	h.patterns = map[string][]byte{}
	h.exceptions = map[string][]int{}
	pat, _ := files.ReadFile("patterns/" + h.file + ".pat.txt")
	sc := bufio.NewScanner(bytes.NewReader(pat))
	for sc.Scan() {
		for _, p := range strings.Fields(sc.Text()) {
			h.addPattern(p)
		}
	}
	hyp, _ := files.ReadFile("patterns/" + h.file + ".hyp.txt") // absent for some languages
	sc = bufio.NewScanner(bytes.NewReader(hyp))
	for sc.Scan() {
		for _, x := range strings.Fields(sc.Text()) {
			var word strings.Builder
			var at []int
			n := 0
			for _, r := range x {
				if r == '-' {
					at = append(at, n)
					continue
				}
				word.WriteRune(r)
				n++
			}
			h.exceptions[strings.ToLower(word.String())] = at
		}
	}
}

// addPattern stores a pattern such as "a1b2c": the letters "abc" and the values
// 0,1,2,0 (before, between and after them).
func (h *Hyphenator) addPattern(p string) {
	var letters []rune
	vals := []byte{0}
	for _, r := range p {
		if r >= '0' && r <= '9' {
			vals[len(vals)-1] = byte(r - '0')
			continue
		}
		letters = append(letters, r)
		vals = append(vals, 0)
	}
	if len(letters) == 0 {
		return
	}
	h.patterns[string(letters)] = vals
	if len(letters) > h.maxLen {
		h.maxLen = len(letters)
	}
}

// Points returns the positions (in runes, counted from the word's start) where word may
// be broken with a hyphen: before the rune at each position. word is letters only; the
// caller strips punctuation around it. No point leaves fewer than LeftMin letters
// before it or RightMin after it.
func (h *Hyphenator) Points(word string) []int {
	if h == nil {
		return nil
	}
	h.once.Do(h.load)
	rs := []rune(strings.ToLower(word))
	n := len(rs)
	if n < h.LeftMin+h.RightMin {
		return nil
	}
	for _, r := range rs {
		if !unicode.IsLetter(r) && !unicode.Is(unicode.Mn, r) {
			return nil
		}
	}
	if at, ok := h.exceptions[string(rs)]; ok {
		return h.within(at, n)
	}
	// Liang: every substring of ".word." that is a pattern raises the values between
	// its letters; an odd value allows a hyphen there.
	w := make([]rune, 0, n+2)
	w = append(append(append(w, '.'), rs...), '.')
	vals := make([]byte, len(w)+1)
	for i := range w {
		for j := i + 1; j <= len(w) && j-i <= h.maxLen; j++ {
			p, ok := h.patterns[string(w[i:j])]
			if !ok {
				continue
			}
			for k, v := range p {
				if v > vals[i+k] {
					vals[i+k] = v
				}
			}
		}
	}
	var at []int
	for i := 1; i < n; i++ {
		// vals[i+1] is the value between w[i] and w[i+1], that is before rs[i].
		if vals[i+1]%2 == 1 {
			at = append(at, i)
		}
	}
	return h.within(at, n)
}

// within keeps the points that leave enough letters on each side.
func (h *Hyphenator) within(at []int, n int) []int {
	var out []int
	for _, i := range at {
		if i >= h.LeftMin && n-i >= h.RightMin {
			out = append(out, i)
		}
	}
	return out
}

// Hyphenate returns word with a hyphen at every point, for tests and messages:
// "hy-phen-ation".
func (h *Hyphenator) Hyphenate(word string) string {
	rs := []rune(word)
	var b strings.Builder
	prev := 0
	for _, i := range h.Points(word) {
		b.WriteString(string(rs[prev:i]))
		b.WriteByte('-')
		prev = i
	}
	b.WriteString(string(rs[prev:]))
	return b.String()
}
