// Package plain checks text against the plain-language rules that a program can check
// (DOMAIN.md b5-b8, the PEMAT items marked Auto): long sentences, passive voice,
// percentages and fractions, jargon with a plain word to use instead, and medical terms
// that are not explained where they first appear.
package plain

import (
	"fmt"
	"regexp"
	"slices"
	"strings"
	"unicode"
)

// Limits of the rules.
const (
	MaxWords   = 25 // words in a sentence
	MaxPassive = 20 // per cent of a section's sentences
)

// Finding is one rule broken, with the fix to make.
type Finding struct {
	Rule string // long-sentence, passive-voice, numbers, jargon, unexplained-term
	Msg  string
}

// Sentences splits text into sentences: at . ! ? : and at line ends (list items and
// headings end a sentence without a full stop).
func Sentences(text string) []string {
	var out []string
	for _, line := range strings.Split(text, "\n") {
		start := 0
		rs := []rune(line)
		for i, r := range rs {
			if (r == '.' || r == '!' || r == '?') && (i == len(rs)-1 || rs[i+1] == ' ') && !abbreviation(string(rs[start:i+1])) {
				if s := strings.TrimSpace(string(rs[start : i+1])); s != "" {
					out = append(out, s)
				}
				start = i + 1
			}
		}
		if s := strings.TrimSpace(string(rs[start:])); s != "" {
			out = append(out, s)
		}
	}
	return out
}

func abbreviation(s string) bool {
	f := strings.Fields(s)
	if len(f) == 0 {
		return false
	}
	last := strings.ToLower(f[len(f)-1])
	switch last {
	case "dr.", "e.g.", "i.e.", "mr.", "mrs.", "ms.", "etc.", "vs.", "st.":
		return true
	}
	return false
}

func words(s string) []string {
	return strings.FieldsFunc(s, func(r rune) bool {
		return !unicode.IsLetter(r) && !unicode.IsDigit(r) && r != '-' && r != '\'' && r != '’'
	})
}

// Check runs every rule on the text of one section.
func Check(text string) []Finding {
	var out []Finding
	sents := Sentences(text)
	passive := 0
	for _, s := range sents {
		n := len(words(s))
		if n > MaxWords {
			out = append(out, Finding{"long-sentence", fmt.Sprintf("sentence of %d words (at most %d): split it after a comma or an \"and\" (%q)", n, MaxWords, start(s))})
		}
		if isPassive(s) {
			passive++
		}
		if m := numbers.FindString(s); m != "" {
			out = append(out, Finding{"numbers", fmt.Sprintf("%q: write whole numbers a reader can picture, e.g. \"1 in 4 people\", not a percentage or fraction", strings.TrimSpace(m))})
		}
		for _, w := range words(s) {
			if plain, ok := jargon[strings.ToLower(w)]; ok {
				out = append(out, Finding{"jargon", fmt.Sprintf("%q is jargon: write %q", w, plain)})
			}
		}
	}
	for _, p := range []string{"prior to", "in order to", "a number of"} {
		if strings.Contains(strings.ToLower(text), p) {
			out = append(out, Finding{"jargon", fmt.Sprintf("%q: write %q", p, phrases[p])})
		}
	}
	if len(sents) >= 3 && passive*100 > MaxPassive*len(sents) {
		out = append(out, Finding{"passive-voice", fmt.Sprintf("%d of %d sentences are passive (at most %d %%): say who does what, e.g. \"we put cream on your skin\", not \"cream is put on\"", passive, len(sents), MaxPassive)})
	}
	return out
}

func start(s string) string {
	f := strings.Fields(s)
	if len(f) > 6 {
		return strings.Join(f[:6], " ") + " …"
	}
	return s
}

var numbers = regexp.MustCompile(`\d+(\.\d+)?\s?%|\bper ?cent\b|\b\d+/\d+\b|[½¼¾⅓⅔]`)

var beForms = map[string]bool{"is": true, "are": true, "was": true, "were": true, "be": true, "been": true, "being": true, "am": true, "gets": true, "get": true, "got": true}

// irregular past participles that do not end in -ed.
var participles = map[string]bool{"made": true, "done": true, "given": true, "taken": true, "seen": true, "known": true, "shown": true,
	"written": true, "put": true, "found": true, "held": true, "kept": true, "left": true, "sent": true, "told": true, "brought": true,
	"bought": true, "caught": true, "built": true, "cut": true, "set": true, "spread": true, "worn": true, "hurt": true}

// adjectives ending in -ed that follow "is" without making a sentence passive.
var notParticiples = map[string]bool{"red": true, "tired": true, "interested": true, "bored": true, "scared": true, "worried": true}

// isPassive finds "be + (adverb) + past participle", the common English passive.
func isPassive(s string) bool {
	ws := words(strings.ToLower(s))
	for i := 0; i+1 < len(ws); i++ {
		if !beForms[ws[i]] {
			continue
		}
		j := i + 1
		if strings.HasSuffix(ws[j], "ly") && j+1 < len(ws) {
			j++
		}
		w := ws[j]
		if notParticiples[w] {
			continue
		}
		if participles[w] || (strings.HasSuffix(w, "ed") && len(w) > 4) {
			return true
		}
	}
	return false
}

// jargon maps words patients stumble over to everyday words (PEMAT item 3).
var jargon = map[string]string{
	"analgesic": "pain medicine", "analgesics": "pain medicines", "utilize": "use", "utilise": "use",
	"commence": "start", "administer": "give", "adverse": "harmful", "erythema": "redness", "oedema": "swelling",
	"edema": "swelling", "pruritus": "itching", "contraindicated": "not safe for you", "efficacy": "how well it works",
	"subsequently": "later", "approximately": "about", "sufficient": "enough", "physician": "doctor",
	"medication": "medicine", "cutaneous": "skin", "ameliorate": "improve", "lesion": "spot or sore", "lesions": "spots or sores",
	"topically": "on the skin", "regimen": "plan", "optimal": "best", "discontinue": "stop", "facilitate": "help",
}

var phrases = map[string]string{"prior to": "before", "in order to": "to", "a number of": "some"}

// Terms are medical words a reader may not know: each must be explained where it first
// appears (PEMAT item 4), by a parenthesis, "called", "means", "is a", or a next sentence
// that starts "This is", "It is", "They" or "These".
var Terms = []string{"collagen", "elastin", "dermis", "keloid", "melasma", "hyperpigmentation", "prp", "anaesthetic",
	"anesthetic", "hypertrophic", "autoimmune", "striae", "alopecia", "minoxidil", "dermatologist", "exfoliant",
	"exfoliants", "platelet-rich", "pigment", "inflammation", "contraindicated"}

var explainCue = regexp.MustCompile(`\(|\bcalled\b|\bmeans\b|\bis an?\b|\bare\b|\bcalls?\b|, an? |, the |\bsuch as\b|\bproteins?\b`)
var explainNext = regexp.MustCompile(`^(This|These|They|It|That) |^\S+ (means|is an?) `)

// Unexplained returns the terms of the text whose first appearance is not explained.
// seen holds the terms already met (earlier in the same file) and is updated.
func Unexplained(text string, seen map[string]bool) []string {
	var out []string
	sents := Sentences(text)
	for i, s := range sents {
		for _, w := range words(s) {
			lw := strings.ToLower(w)
			if !slices.Contains(Terms, lw) || seen[lw] {
				continue
			}
			seen[lw] = true
			if explainCue.MatchString(s) || (i+1 < len(sents) && explainNext.MatchString(sents[i+1])) {
				continue
			}
			out = append(out, w)
		}
	}
	return out
}
