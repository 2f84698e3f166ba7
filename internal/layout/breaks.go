package layout

import (
	"strings"
	"sync"
	"unicode"

	"github.com/go-text/typesetting/segmenter"
)

// Where a line may break is decided in two steps. Unicode's line-breaking algorithm
// (UAX #14, from go-text's segmenter) gives the opportunities: never before a closing
// mark (".", ",", ")", ";", ":"), never after an opening one, never at a no-break space
// (U+00A0) or hyphen (U+2011). Then breakPoints takes back the opportunities that would
// split what a reader takes in as one thing, judged by the shape of the tokens around
// a space (numbers, short words, dashes) and never by particular strings:
//
//   - a number and the word after it: "30 minutes", "12 mm", "2 Dec", "9 am", "4 to";
//   - a short capitalised word (a label: a day, a month, "Days", "Page") and the short
//     number after it: "Wed 2", "Dec 2026", "Days 4"; in lower case only a word of up to
//     three letters, which is how Spanish and French abbreviate days and months ("mié 2",
//     "vie 4") and write "de 2026";
//   - a range or a date of three tokens: "4 to 7", "2 Dec 2026", "30 November 2027";
//   - two numbers: "(555) 010-4477";
//   - a dash and what comes before it, so that no line starts with "–";
//   - the inside of a number ("010-4477", "4–7") and of a web or e-mail address.
//
// Those taken-back places are kept as soft points, each with a strength: a piece too
// wide for its column is broken at its weakest soft point that fits (an address only
// after "/", "." or "-"), and no hyphen is added there. Joined phrases often chain
// ("Wait 30 minutes", "Days 4 to 7 after"), so the links differ in strength: a number
// holds its unit harder than the word before it, and a range ("4 to 7", "2 Dec 2026")
// holds harder still.

// Strengths of soft points, weakest first. splitWord tries glueLabel to glueWord before
// hyphenating a word, and the others after.
const (
	glueLabel  uint8 = 1 + iota // "Wait | 30 minutes": a word before a number that has its unit
	glueUnitOf                  // "7 | after": a number's word when the number is already held
	glueWord                    // "30 | minutes", "Dec | 2026", "call | (555)"
	glueRange                   // "4 | to | 7", "2 | Dec | 2026"
	glueTight                   // "(555) | 010-4477", "Dec | –", inside "010-4477"
)

// breaks is what breakPoints finds for a paragraph of n runes. Index i is the place
// before rune i.
type breaks struct {
	allow []bool  // a line may break here
	soft  []uint8 // not normally, but a piece wider than its column may break here: the strength
	url   []bool  // rune i belongs to a web or e-mail address (never hyphenated)
}

var segmenters = sync.Pool{New: func() any { return new(segmenter.Segmenter) }}

// maxGluedWord is the longest word that stays with a number before it ("30 minutes");
// maxLeadWord the longest that stays with a number after it ("Days 4", "Dec 2026"), and
// maxLowerLead the longest such word in lower case ("mié 2", "de 2026").
// maxRangeWord the longest word between two numbers that makes them one ("4 to 7");
// maxLabelled the longest number held by the word before it ("Day 3", "Dec 2026"; not a
// phone number or one in brackets: "call | (555) 010-4477" may break).
const (
	maxLabelled  = 4
	maxGluedWord = 12
	maxLeadWord  = 6
	maxLowerLead = 3
	maxRangeWord = 3
)

// breakPoints finds where the lines of a paragraph may break: UAX #14's opportunities,
// less those inside the tokens and phrases described above, which become soft points.
func breakPoints(text []rune) breaks {
	n := len(text)
	b := breaks{allow: make([]bool, n+1), soft: make([]uint8, n+1), url: make([]bool, n)}
	seg := segmenters.Get().(*segmenter.Segmenter)
	seg.Init(text)
	it := seg.LineIterator()
	for it.Next() {
		l := it.Line()
		if end := l.Offset + len(l.Text); end < n {
			b.allow[end] = true
		}
	}
	segmenters.Put(seg)

	toks := tokens(text)
	links := links(toks)
	for k, t := range toks {
		switch t.kind {
		case tokNumber:
			for i := t.start + 1; i < t.end; i++ {
				if b.allow[i] {
					b.allow[i], b.soft[i] = false, glueTight
				}
			}
		case tokURL:
			for i := t.start; i < t.end; i++ {
				b.url[i] = true
				if i > t.start {
					b.allow[i] = false
				}
			}
			// After "/", "." or "-" inside the address, when a letter or digit follows;
			// after "/" rather than ".", and after "." rather than "-" (a break after a
			// hyphen reads as a hyphenated word).
			for i := t.coreStart + 1; i < t.coreEnd; i++ {
				if mark := strings.IndexRune("/.-", text[i-1]); mark >= 0 && isAlnum(text[i]) {
					b.soft[i] = glueLabel + uint8(mark)
				}
			}
		}
		if links[k] != 0 && b.allow[t.start] {
			b.allow[t.start], b.soft[t.start] = false, links[k]
		}
	}
	return b
}

type tokKind uint8

const (
	tokOther  tokKind = iota
	tokNumber         // "30", "(555)", "010-4477.", "4–7", "9:30", "1st", "12mm"
	tokWord           // letters, perhaps with an inner "." or apostrophe: "Dec", "a.m."
	tokDash           // "–", "—", "-"
	tokURL            // "https://x.example/book", "harbourview-skin.example", "a@b.example"
)

// token is a run of text between spaces. core is the token without the opening marks
// before it and the closing marks after it.
type token struct {
	start, end         int
	coreStart, coreEnd int
	kind               tokKind
	closed             bool // the token ends with a closing mark (",", ".", ")", …)
	ended              bool // the token ends a phrase: its last mark is ".", ",", ";", …
	capital            bool // the core starts with a capital letter
}

// tokens splits text at breaking spaces (U+0020) and classifies each piece by its shape.
func tokens(text []rune) []token {
	out := make([]token, 0, len(text)/5+1)
	for i := 0; i < len(text); {
		if text[i] == ' ' {
			i++
			continue
		}
		j := i
		for j < len(text) && text[j] != ' ' {
			j++
		}
		t := token{start: i, end: j, coreStart: i, coreEnd: j}
		for t.coreStart < t.coreEnd && isOpening(text[t.coreStart]) {
			t.coreStart++
		}
		for t.coreEnd > t.coreStart && isClosing(text[t.coreEnd-1]) {
			t.coreEnd--
		}
		t.closed = t.coreEnd < t.end
		t.capital = t.coreStart < t.coreEnd && unicode.IsUpper(text[t.coreStart])
		t.ended = strings.ContainsRune(".,;:!?", text[j-1])
		t.kind = classify(text[t.start:t.end], text[t.coreStart:t.coreEnd])
		out = append(out, t)
		i = j
	}
	return out
}

func isOpening(r rune) bool {
	return strings.ContainsRune("([{\"'“‘«¿¡", r)
}

func isClosing(r rune) bool {
	return strings.ContainsRune(")]}\"'”’».,;:!?", r)
}

func isAlnum(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) }

func isDashRune(r rune) bool { return r == '-' || r == '–' || r == '—' || r == '−' || r == '‑' }

func classify(whole, core []rune) tokKind {
	if len(core) == 0 {
		if len(whole) > 0 && allRunes(whole, isDashRune) {
			return tokDash
		}
		return tokOther
	}
	if allRunes(core, isDashRune) {
		return tokDash
	}
	if isURL(core) {
		return tokURL
	}
	if isNumber(whole) {
		return tokNumber
	}
	if isWord(core) {
		return tokWord
	}
	return tokOther
}

func allRunes(rs []rune, f func(rune) bool) bool {
	for _, r := range rs {
		if !f(r) {
			return false
		}
	}
	return true
}

// isNumber: digits with the marks numbers are written with ("(555)", "010-4477",
// "+44", "4–7", "9:30", "1,500.50"), perhaps ending in a few letters ("1st", "12mm", "9am").
func isNumber(rs []rune) bool {
	digits, letters := 0, 0
	for i, r := range rs {
		switch {
		case unicode.IsDigit(r):
			if letters > 0 {
				return false
			}
			digits++
		case unicode.IsLetter(r):
			if digits == 0 {
				return false
			}
			letters++
		case strings.ContainsRune("()+.,:/–-‑", r):
			if letters > 0 && !isClosing(r) {
				return false
			}
		default:
			if !(isClosing(r) && i > 0) {
				return false
			}
		}
	}
	return digits > 0 && letters <= 3
}

// isWord: letters, with perhaps an apostrophe or a full stop inside ("don't", "a.m").
func isWord(rs []rune) bool {
	for i, r := range rs {
		if unicode.IsLetter(r) || unicode.Is(unicode.Mn, r) {
			continue
		}
		if (r == '\'' || r == '’' || r == '.') && i > 0 && i < len(rs)-1 {
			continue
		}
		return false
	}
	return true
}

// isURL: a web address with a scheme or "www.", an e-mail address, or a domain name
// (labels of letters, digits and hyphens joined by dots, the last all letters and at
// least two long: "harbourview-skin.example", "x.example/book"), perhaps with a path.
func isURL(rs []rune) bool {
	s := string(rs)
	if strings.Contains(s, "://") || strings.HasPrefix(strings.ToLower(s), "www.") {
		return true
	}
	host := s
	if at := strings.IndexByte(s, '@'); at > 0 {
		host = s[at+1:]
	}
	host, _, _ = strings.Cut(host, "/")
	labels := strings.Split(host, ".")
	if len(labels) < 2 {
		return false
	}
	for _, l := range labels {
		if l == "" || !allRunes([]rune(l), func(r rune) bool { return isAlnum(r) || r == '-' }) {
			return false
		}
	}
	tld := []rune(labels[len(labels)-1])
	return len(tld) >= 2 && allRunes(tld, unicode.IsLetter)
}

// links returns, for each token, the strength of its link to the token before it (0
// when a line may break there).
func links(toks []token) []uint8 {
	const (
		none = iota
		dash
		numNum
		rangeLink
		unit  // a number and the word after it
		label // a capitalised word and the number after it
	)
	kind := make([]int, len(toks)+1)
	for k := 1; k < len(toks); k++ {
		a, b := toks[k-1], toks[k]
		switch {
		case b.kind == tokDash:
			kind[k] = dash // no line starts with a dash
		case a.ended || (a.closed && !(a.kind == tokNumber && b.kind == tokNumber)):
			// "at 4, then": the comma ends the phrase
		case a.kind == tokNumber && b.kind == tokNumber:
			kind[k] = numNum
		case a.kind == tokNumber && b.kind == tokWord && b.coreStart == b.start && !b.closed &&
			k+1 < len(toks) && toks[k+1].kind == tokNumber && toks[k+1].coreStart == toks[k+1].start &&
			(b.coreEnd-b.coreStart <= maxRangeWord || (b.capital && b.coreEnd-b.coreStart <= maxGluedWord)):
			// "4 to 7", "2 Dec 2026", "30 November 2027"
			kind[k], kind[k+1] = rangeLink, rangeLink
			k++
		case a.kind == tokNumber && b.kind == tokWord && b.coreStart == b.start && b.coreEnd-b.coreStart <= maxGluedWord:
			kind[k] = unit
		case a.kind == tokWord && (a.capital || a.coreEnd-a.coreStart <= maxLowerLead) && b.kind == tokNumber && a.coreEnd-a.coreStart <= maxLeadWord && b.coreStart == b.start && b.coreEnd-b.coreStart <= maxLabelled:
			kind[k] = label
		}
	}
	out := make([]uint8, len(toks))
	for k := 1; k < len(toks); k++ {
		switch kind[k] {
		case dash, numNum:
			out[k] = glueTight
		case rangeLink:
			out[k] = glueRange
		case unit:
			out[k] = glueWord
			if kind[k-1] != none {
				out[k] = glueUnitOf
			}
		case label:
			out[k] = glueWord
			if kind[k+1] == unit {
				out[k] = glueLabel
			}
		}
	}
	return out
}
