package engine

import (
	"fmt"
	"math"
	"strings"

	"github.com/careprint/careprint/internal/content"
	"github.com/careprint/careprint/internal/diag"
	"github.com/careprint/careprint/internal/readability"
)

// minSentences is the shortest section the formulas judge: SMOG scales a short sample up
// to 30 sentences, so one long word in a two-sentence note would read as grade 9.
const minSentences = 3

// SectionScore is one line of check's readability report.
type SectionScore struct {
	File          string  `json:"file"`
	Line          int     `json:"line"`
	Key           string  `json:"key"`
	FleschKincaid float64 `json:"flesch_kincaid_grade"`
	SMOG          float64 `json:"smog_grade"`
	ReadingEase   float64 `json:"reading_ease"`
	Words         int     `json:"words"`
	Sentences     int     `json:"sentences"`
	// Lang is set for a translation scored by its language's formulas (Spanish).
	Lang            string  `json:"lang,omitempty"`
	FernandezHuerta float64 `json:"fernandez_huerta,omitempty"`
	Inflesz         float64 `json:"szigriszt_pazos_inflesz,omitempty"`
}

func (s SectionScore) String() string {
	if s.Lang == "es" {
		return fmt.Sprintf("%s:%d: %s: Fernández-Huerta %.0f, Szigriszt-Pazos/INFLESZ %.0f (%s) (%d words, %d sentences)",
			s.File, s.Line, s.Key, s.FernandezHuerta, s.Inflesz, readability.InflezBand(s.Inflesz), s.Words, s.Sentences)
	}
	return fmt.Sprintf("%s:%d: %s: Flesch-Kincaid %.1f, SMOG %.1f, reading ease %.0f (%d words, %d sentences)",
		s.File, s.Line, s.Key, s.FleschKincaid, s.SMOG, s.ReadingEase, s.Words, s.Sentences)
}

func round1(f float64) float64 { return math.Round(f*10) / 10 }

// section is the printed text of one section of a content file.
type section struct {
	file, key string
	line      int
	text      string
}

// sections groups a project's printed text as a reader meets it: each text field of a
// treatment is a section (its aftercare phases together), and each condition is one.
func sections(p *content.Project) []section {
	var out []section
	index := map[string]int{}
	ids := map[string][]string{} // a treatment file's section ids, by index
	for _, t := range p.Treatments {
		for _, s := range t.Sections {
			ids[t.File] = append(ids[t.File], s.ID)
		}
	}
	for _, tf := range p.Texts {
		if tf.File == "content/clinic.toml" || !isProse(tf.Key) {
			continue
		}
		// A treatment's section is one section (its aftercare phases together); a
		// condition is one, whatever its sections.
		key := strings.SplitN(strings.SplitN(tf.Key, ".", 2)[0], "[", 2)[0]
		if key == "section" {
			var i int
			if _, err := fmt.Sscanf(tf.Key, "section[%d]", &i); err == nil && i < len(ids[tf.File]) {
				key = ids[tf.File][i]
			}
		}
		if strings.HasPrefix(tf.File, "content/conditions/") {
			key = strings.SplitN(strings.TrimSuffix(tf.File[len("content/conditions/"):], ".toml"), ".", 2)[0] // acne-scars.es.toml too
		}
		id := tf.File + "\x00" + key
		i, ok := index[id]
		if !ok {
			i = len(out)
			index[id] = i
			out = append(out, section{file: tf.File, key: key, line: tf.Line})
		}
		out[i].text += tf.Text + "\n"
	}
	return out
}

// CheckReadability scores every section and warns when one is over the grade.
func CheckReadability(p *content.Project) ([]SectionScore, diag.List) {
	maxGrade := p.Settings.Readability.MaxGrade
	var lines []SectionScore
	var warns diag.List
	for _, s := range sections(p) {
		sc := readability.Score(s.text)
		lines = append(lines, SectionScore{File: s.file, Line: s.line, Key: s.key, FleschKincaid: round1(sc.FleschKincaid),
			SMOG: round1(sc.SMOG), ReadingEase: round1(sc.ReadingEase), Words: sc.Words, Sentences: sc.Sentences})
		if sc.Sentences < minSentences {
			continue
		}
		long := ""
		if len(sc.Long) > 0 {
			long = fmt.Sprintf(" (long words: %s)", strings.Join(sc.Long[:min(len(sc.Long), 5)], ", "))
		}
		if sc.SMOG > maxGrade {
			warns.Warnf(s.file, s.line, 0, s.key, "SMOG %.1f over %g%s", sc.SMOG, maxGrade, long)
		}
		if sc.FleschKincaid > maxGrade {
			warns.Warnf(s.file, s.line, 0, s.key, "Flesch-Kincaid grade %.1f over %g: use shorter sentences and words%s", sc.FleschKincaid, maxGrade, long)
		}
	}
	for _, lang := range content.IDs(p.Translations) {
		if lang != "es" {
			continue // no formulas for it: its words are not scored
		}
		for _, s := range sections(p.Translations[lang].Project) {
			sc := readability.ScoreSpanish(s.text)
			lines = append(lines, SectionScore{File: s.file, Line: s.line, Key: s.key, Lang: lang, Words: sc.Words, Sentences: sc.Sentences,
				FernandezHuerta: round1(sc.FernandezHuerta), Inflesz: round1(sc.SzigrisztPazos)})
			if sc.Sentences < minSentences {
				continue
			}
			if sc.FernandezHuerta < readability.FernandezHuertaEasy || sc.SzigrisztPazos < readability.InflezEasy {
				warns.Warnf(s.file, s.line, 0, s.key, "Fernández-Huerta %.0f (want %g or more), Szigriszt-Pazos/INFLESZ %.0f, %s (want %g or more, \"bastante fácil\"): use shorter sentences and words",
					sc.FernandezHuerta, readability.FernandezHuertaEasy, sc.SzigrisztPazos, readability.InflezBand(sc.SzigrisztPazos), readability.InflezEasy)
			}
		}
	}
	return lines, warns
}

// isProse says whether a text field is prose that the reading rules judge: titles,
// headings and labels name things, and review data is for the clinic.
func isProse(key string) bool {
	last := key[strings.LastIndexByte(key, '.')+1:]
	switch last {
	case "title", "also_called", "promise", "subtitle", "heading", "brochure_heading", "label":
		return false
	}
	return !strings.HasPrefix(key, "review.")
}
