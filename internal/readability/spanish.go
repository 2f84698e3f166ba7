package readability

import (
	"strings"
	"unicode"
)

// Spanish are the Spanish formulas' results (DOMAIN.md b4), on the text as printed.
//
//   - Fernández-Huerta = 206.84 − 60·(syllables/words) − 1.02·(words/sentences): the
//     1959 formula (206.84 − 0.60·P − 1.02·F, P syllables per 100 words) with F read as
//     words per sentence, as Law (2011) corrected it; with F as sentences per 100 words,
//     more sentences would make a text harder.
//   - Szigriszt-Pazos perspicuity = 206.835 − 62.3·(syllables/words) − words/sentences;
//     INFLESZ is the same formula with bands recalibrated on Spanish publications.
type Spanish struct {
	Words, Sentences, Syllables int
	FernandezHuerta             float64
	SzigrisztPazos              float64
}

// SpanishEasy is the lowest score of the "bastante fácil" (fairly easy) band, the
// equivalent of grade 8: 70 for Fernández-Huerta (Flesch's bands), 65 for INFLESZ.
const (
	FernandezHuertaEasy = 70.0
	InflezEasy          = 65.0
)

// ScoreSpanish counts Spanish text and applies the Spanish formulas. Sentences end as in
// Score (a line is at least one); a number counts as a word of two syllables.
func ScoreSpanish(text string) Spanish {
	var s Spanish
	for _, line := range strings.Split(text, "\n") {
		words := 0
		for _, tok := range strings.Fields(line) {
			end := endsSentence(tok)
			w := strings.TrimFunc(tok, func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) })
			if w != "" {
				words++
				s.Words++
				if isNumber(w) {
					s.Syllables += 2
				} else {
					s.Syllables += SyllablesES(w)
				}
			}
			if end && words > 0 {
				s.Sentences++
				words = 0
			}
		}
		if words > 0 {
			s.Sentences++
		}
	}
	if s.Words == 0 || s.Sentences == 0 {
		return s
	}
	w, st, y := float64(s.Words), float64(s.Sentences), float64(s.Syllables)
	s.FernandezHuerta = 206.84 - 60*(y/w) - 1.02*(w/st)
	s.SzigrisztPazos = 206.835 - 62.3*(y/w) - w/st
	return s
}

// InflezBand names an INFLESZ score's band (Barrio-Cantalejo et al. 2008).
func InflezBand(score float64) string {
	switch {
	case score < 40:
		return "muy difícil"
	case score < 55:
		return "algo difícil"
	case score < 65:
		return "normal"
	case score < 80:
		return "bastante fácil"
	}
	return "muy fácil"
}

// SyllablesES counts the syllables of a Spanish word by its vowel groups: a diphthong or
// triphthong (a weak vowel i, u, ü next to another vowel, unaccented) is one syllable;
// two strong vowels (a, e, o, or an accented í, ú) are two; a final y after a vowel
// ("muy", "hay") is part of its diphthong; the u of "que", "qui", "gue", "gui" is silent.
func SyllablesES(word string) int {
	w := []rune(strings.ToLower(word))
	n := 0
	prev := rune(0) // the previous letter, when it was a vowel of the current group
	for i, r := range w {
		v := spanishVowel(r) || (r == 'y' && i == len(w)-1 && i > 0 && spanishVowel(w[i-1]))
		if r == 'u' && i > 0 && (w[i-1] == 'q' || w[i-1] == 'g') && i+1 < len(w) && (w[i+1] == 'e' || w[i+1] == 'i' || w[i+1] == 'é' || w[i+1] == 'í') {
			v = false // silent u
		}
		if !v {
			prev = 0
			continue
		}
		if prev != 0 && (weak(prev) || weak(r)) {
			prev = r // the same syllable
			continue
		}
		n++
		prev = r
	}
	if n == 0 {
		return 1
	}
	return n
}

func spanishVowel(r rune) bool { return strings.ContainsRune("aeiouáéíóúü", r) }

// weak says whether a vowel joins its neighbour in one syllable: i, u, ü and a final y.
func weak(r rune) bool { return r == 'i' || r == 'u' || r == 'ü' || r == 'y' }
