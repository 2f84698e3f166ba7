// Package readability scores English text the way patient-education guidelines ask:
// Flesch-Kincaid grade, SMOG grade and Flesch reading ease (DOMAIN.md b2), on the text as
// printed. Syllables come from a word list for the field's words and rules for the rest.
package readability

import (
	"math"
	"strings"
	"unicode"
)

// Counts are the raw counts behind the scores.
type Counts struct {
	Words, Sentences, Syllables, Polysyllables int
	// Long lists the distinct words of three or more syllables, in order of appearance.
	Long []string
}

// Scores are the three formulas' results.
type Scores struct {
	Counts
	FleschKincaid float64 // US school grade
	SMOG          float64 // US school grade
	ReadingEase   float64 // 0-100, higher is easier
}

// Score counts text and applies the formulas. Each line is at least one sentence (list
// items and headings end a sentence even without a full stop).
func Score(text string) Scores {
	c := Count(text)
	s := Scores{Counts: c}
	if c.Words == 0 || c.Sentences == 0 {
		return s
	}
	w, st, y := float64(c.Words), float64(c.Sentences), float64(c.Syllables)
	s.FleschKincaid = 0.39*(w/st) + 11.8*(y/w) - 15.59
	s.ReadingEase = 206.835 - 1.015*(w/st) - 84.6*(y/w)
	s.SMOG = 1.0430*math.Sqrt(float64(c.Polysyllables)*30/st) + 3.1291
	return s
}

// Count splits text into sentences and words and counts syllables.
func Count(text string) Counts {
	var c Counts
	seen := map[string]bool{}
	for _, line := range strings.Split(text, "\n") {
		words := 0
		for _, tok := range strings.Fields(line) {
			end := endsSentence(tok)
			for _, w := range spoken(tok) {
				n := Syllables(w)
				words++
				c.Words++
				c.Syllables += n
				if n >= 3 {
					c.Polysyllables++
					lw := strings.ToLower(w)
					if !seen[lw] && !strings.HasPrefix(lw, "#") {
						seen[lw] = true
						c.Long = append(c.Long, lw)
					}
				}
			}
			if end && words > 0 {
				c.Sentences++
				words = 0
			}
		}
		if words > 0 {
			c.Sentences++
		}
	}
	return c
}

var abbreviations = map[string]bool{"dr.": true, "e.g.": true, "i.e.": true, "mr.": true, "mrs.": true, "ms.": true, "etc.": true, "vs.": true, "st.": true}

func endsSentence(tok string) bool {
	t := strings.TrimRight(tok, `"'”’)]`)
	if abbreviations[strings.ToLower(t)] {
		return false
	}
	return strings.HasSuffix(t, ".") || strings.HasSuffix(t, "!") || strings.HasSuffix(t, "?") || strings.HasSuffix(t, ":")
}

// spoken turns a token into the words a reader says: "4–6" is "four to six", "24" is
// "twenty-four" (counted as one word with its syllables), "PRP" is read letter by letter,
// a hyphenated word is one word (DOMAIN.md b2).
func spoken(tok string) []string {
	tok = strings.TrimFunc(tok, func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) })
	if tok == "" {
		return nil
	}
	var out []string
	for _, part := range strings.FieldsFunc(tok, func(r rune) bool { return r == '–' || r == '—' || r == '/' }) {
		if isNumber(part) {
			out = append(out, numberWords(part)...)
			continue
		}
		out = append(out, part)
	}
	return out
}

func isNumber(s string) bool {
	for _, r := range s {
		if !unicode.IsDigit(r) && r != ',' && r != '.' {
			return false
		}
	}
	return s != ""
}

// numberWords spells a number as one word whose syllables are those of its spoken form,
// represented by placeholder syllable tokens.
func numberWords(s string) []string {
	return []string{"#" + s}
}

var ones = []int{0, 1, 1, 1, 1, 1, 1, 2, 1, 1}  // zero..nine: zero=2 handled separately
var teens = []int{1, 3, 2, 2, 2, 2, 2, 3, 2, 2} // ten..nineteen
var tens = []int{0, 0, 2, 2, 2, 2, 2, 3, 2, 2}  // twenty..ninety

// numberSyllables counts the syllables of a number read aloud ("24" = twen-ty-four = 3).
func numberSyllables(s string) int {
	n := 0
	for _, r := range s {
		if r >= '0' && r <= '9' {
			n = n*10 + int(r-'0')
			if n > 1_000_000 {
				return 4
			}
		}
	}
	return spokenSyllables(n)
}

func spokenSyllables(n int) int {
	switch {
	case n == 0:
		return 2
	case n < 10:
		return ones[n]
	case n < 20:
		return teens[n-10]
	case n < 100:
		s := tens[n/10]
		if n%10 != 0 {
			s += ones[n%10]
		}
		return s
	case n < 1000:
		s := ones[n/100] + 2 // "hundred"
		if n%100 != 0 {
			s += spokenSyllables(n % 100)
		}
		return s
	}
	s := spokenSyllables(n/1000) + 2 // "thousand"
	if n%1000 != 0 {
		s += spokenSyllables(n % 1000)
	}
	return s
}

// Syllables counts the syllables of one word: a word list first, then rules.
func Syllables(word string) int {
	if strings.HasPrefix(word, "#") {
		return numberSyllables(word[1:])
	}
	w := strings.ToLower(strings.Trim(word, "'’"))
	w = strings.TrimSuffix(strings.TrimSuffix(w, "'s"), "’s")
	if n, ok := dictionary[w]; ok {
		return n
	}
	if isAcronym(word) {
		n := 0
		for _, r := range word {
			if r == 'W' {
				n += 3
			} else {
				n++
			}
		}
		return n
	}
	// A hyphenated word is one word; its syllables are its parts'.
	if strings.Contains(w, "-") {
		n := 0
		for _, p := range strings.Split(w, "-") {
			if p != "" {
				n += Syllables(p)
			}
		}
		return max(n, 1)
	}
	return rules(w)
}

func isAcronym(w string) bool {
	if len(w) < 2 || len(w) > 5 {
		return false
	}
	for _, r := range w {
		if !unicode.IsUpper(r) {
			return false
		}
	}
	return true
}

func isVowel(r rune) bool {
	return strings.ContainsRune("aeiouyàáâäèéêëìíîïòóôöùúûü", r)
}

// rules counts vowel groups, then corrects the common English exceptions: a silent final
// e, -ed and -es that add no syllable, and -le, -ia, -io, -eo that do.
func rules(w string) int {
	rs := []rune(w)
	if len(rs) == 0 {
		return 0
	}
	n := 0
	prev := false
	for i, r := range rs {
		v := isVowel(r)
		if r == 'y' && i == 0 {
			v = false
		}
		if v && !prev {
			n++
		}
		prev = v
	}
	s := w
	switch {
	case strings.HasSuffix(s, "le") && len(rs) > 2 && !isVowel(rs[len(rs)-3]):
		// table, simple: the e is silent but -le is a syllable (already counted).
	case strings.HasSuffix(s, "les") && len(rs) > 3 && !isVowel(rs[len(rs)-4]):
		// bubbles, candles: -les after a consonant is a syllable.
	case strings.HasSuffix(s, "e") && !strings.HasSuffix(s, "ee") && !strings.HasSuffix(s, "ye") && len(rs) > 2:
		n--
	case strings.HasSuffix(s, "ed") && len(rs) > 3 && !strings.HasSuffix(s, "ted") && !strings.HasSuffix(s, "ded"):
		n--
	case strings.HasSuffix(s, "es") && len(rs) > 3 && !strings.HasSuffix(s, "ses") && !strings.HasSuffix(s, "zes") &&
		!strings.HasSuffix(s, "ces") && !strings.HasSuffix(s, "ges") && !strings.HasSuffix(s, "xes") && !strings.HasSuffix(s, "shes") && !strings.HasSuffix(s, "ches"):
		n--
	}
	for _, hiatus := range []string{"ia", "io", "eo", "ua", "uo", "iu", "ie" + "t"} {
		n += strings.Count(s, hiatus)
	}
	for _, diph := range []string{"tion", "sion", "cial", "tial", "cious", "tious", "geous"} {
		if strings.Contains(s, diph) {
			n -= strings.Count(diph, "io") + strings.Count(diph, "ia")
		}
	}
	return max(n, 1)
}
