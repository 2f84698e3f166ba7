package roster

import (
	"fmt"
	"regexp"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Kind is the kind of value a column holds, for Show.
type Kind int

// The kinds of value Show knows.
const (
	KindDate     Kind = iota // digits and separators: 2026-12-01, 01/12/2026
	KindWord                 // an id: lower-case letters, digits, - _ . (acne-scars, handout-large, a4)
	KindLanguage             // a language tag: en, es-MX
	KindTime                 // a time of day: 14:30, 9am, 2.30 pm
	KindPaper                // a paper size: a4, A3, letter
)

var shapes = map[Kind]*regexp.Regexp{
	KindDate:     regexp.MustCompile(`^[0-9][0-9 ./-]{0,15}$`),
	KindWord:     regexp.MustCompile(`^[a-z0-9][a-z0-9._-]{0,39}$`),
	KindTime:     regexp.MustCompile(`^[0-9]{1,2}([:.h][0-9]{2})? ?([aApP]\.?[mM]\.?)?$`),
	KindLanguage: regexp.MustCompile(`^[a-z]{2,3}([-_][A-Za-z0-9]{2,8}){0,3}$`),
	KindPaper:    regexp.MustCompile(`^([A-Ca-c][0-9]{1,2}|(?i:letter|legal|tabloid|ledger|executive))$`),
}

// Show quotes a cell for a message when it is short and has the shape of its column's
// kind (quoted is true), and otherwise only describes it ("9 letters"): a value of
// another shape may be a name or a note that landed in the wrong column, and names
// never go into messages. An id-like word is lower case: a capitalised word is more
// likely a name than an id.
func Show(k Kind, s string) (text string, quoted bool) {
	if shapes[k].MatchString(s) {
		return fmt.Sprintf("%q", s), true
	}
	return Describe(s), false
}

// Is says "<what> <quoted value>" or "<what>: <description>", e.g. `unknown condition
// "acne-scar"` or `unknown condition: 9 letters`.
func Is(what string, k Kind, s string) string {
	text, quoted := Show(k, s)
	if quoted {
		return what + " " + text
	}
	return what + ": " + text
}

// Describe says what a value is made of without saying what it is: "9 letters",
// "2 words, 14 characters".
func Describe(s string) string {
	n := utf8.RuneCountInString(s)
	if n == 0 {
		return "nothing"
	}
	words := len(strings.Fields(s))
	letters := strings.IndexFunc(s, func(r rune) bool { return !unicode.IsLetter(r) }) < 0
	what := plural(n, "character")
	if letters {
		what = plural(n, "letter")
	}
	if words > 1 {
		return plural(words, "word") + ", " + what
	}
	return what
}

func plural(n int, s string) string {
	if n == 1 {
		return "1 " + s
	}
	return fmt.Sprintf("%d %ss", n, s)
}
