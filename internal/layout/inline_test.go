package layout

import (
	"strings"
	"testing"
	"unicode/utf8"

	"github.com/careprint/careprint/internal/doc"
	"github.com/careprint/careprint/internal/geom"
)

// setLines breaks text into lines of at most cols characters of the fake measurer (every
// character half an em) in the document language lang, and returns each line's text.
func setLines(t *testing.T, lang, text string, cols int) []string {
	t.Helper()
	return setInlines(t, lang, []doc.Inline{{Text: text}}, cols)
}

func setInlines(t *testing.T, lang string, in []doc.Inline, cols int) []string {
	t.Helper()
	st := small()
	e := &engine{st: st, m: fake{}, lang: lang}
	ss, err := e.paragraph(in, 0, geom.Length(cols)*(st.BodySize/2), st.BodySize, st.Text)
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, s := range ss {
		var b strings.Builder
		for _, it := range s.items {
			b.WriteString(it.(Text).Text)
		}
		out = append(out, b.String())
	}
	return out
}

func TestNoLineStartsWithClosingMarkOrEndsWithOpeningOne(t *testing.T) {
	texts := []string{
		"Avoid retinoids, acids and exfoliants (scrubs, peels). Stop scratching. Call us (day or night): we answer; always!",
		"Use a gentle cleanser (fragrance-free) twice a day; pat dry, then apply the balm (thinly).",
		"Wear sunscreen [SPF 30 or more] every day, even when it is cloudy: UV reaches your skin.",
		"Pneumonoultramicroscopicsilicovolcanoconiosis). Antidisestablishmentarianism, (floccinaucinihilipilification).",
	}
	for _, text := range texts {
		for cols := 4; cols <= 40; cols++ {
			lines := setLines(t, "en", text, cols)
			for i, l := range lines {
				if l == "" {
					t.Errorf("cols %d: line %d of %q is empty", cols, i+1, text)
					continue
				}
				if i > 0 && strings.ContainsRune(".,);:]!?", rune(l[0])) {
					t.Errorf("cols %d: line %d starts with a closing mark: %q (lines %q)", cols, i+1, l, lines)
				}
				if i < len(lines)-1 && strings.ContainsRune("([", rune(l[len(l)-1])) {
					t.Errorf("cols %d: line %d ends with an opening mark: %q", cols, i+1, l)
				}
				if n := utf8.RuneCountInString(l); n > cols {
					t.Errorf("cols %d: line %q is %d characters wide", cols, l, n)
				}
			}
			if got, want := strings.ReplaceAll(strings.Join(lines, ""), "-", ""), strings.ReplaceAll(strings.ReplaceAll(text, " ", ""), "-", ""); strings.ReplaceAll(got, " ", "") != want {
				t.Errorf("cols %d: text changed: %q", cols, lines)
			}
		}
	}
}

// The "Lone punctuation": a word too wide for a narrow table cell was split
// between letters, leaving "." alone on the next line.
func TestTooWideWordIsHyphenatedAndKeepsItsPunctuation(t *testing.T) {
	tests := []struct {
		lang, text string
		cols       int
		want       []string
	}{
		{"en", "Avoid exfoliants).", 8, []string{"Avoid", "exfo-", "liants)."}},
		{"en", "Avoid scratching.", 9, []string{"Avoid", "scratch-", "ing."}},
		{"en", "hyphenation", 8, []string{"hyphen-", "ation"}},
		{"en", "hyphenation", 5, []string{"hy-", "phen-", "ation"}},
		// A word that fits its own line goes there whole: hyphenation is for words
		// wider than the column only.
		{"en", "Use hyphenation", 12, []string{"Use", "hyphenation"}},
		// Started on the current line when a hyphenation point fits there.
		{"en", "Use hyphenation", 9, []string{"Use hy-", "phenation"}},
		{"es", "Evite la hiperpigmentación.", 12, []string{"Evite la hi-", "perpigmenta-", "ción."}},
		{"es", "tratamiento", 6, []string{"trata-", "miento"}},
		// No patterns for the language: split between letters, with a hyphen.
		{"vi", "Brrrrrrrrrrr", 6, []string{"Brrrr-", "rrrrr-", "rr"}},
		// Digits split with no hyphen.
		{"en", "0123456789", 4, []string{"0123", "4567", "89"}},
	}
	for _, tt := range tests {
		if got := setLines(t, tt.lang, tt.text, tt.cols); strings.Join(got, "|") != strings.Join(tt.want, "|") {
			t.Errorf("%s %q at %d: got %q, want %q", tt.lang, tt.text, tt.cols, got, tt.want)
		}
	}
}

// The "Split numbers and dates", each set at every width from the narrowest that
// holds the phrase: the phrase is never split across lines.
func TestPhrasesStayTogether(t *testing.T) {
	tests := []struct{ text, phrase string }{
		{"or call (555) 010-4477.", "(555) 010-4477."},
		{"Ring the clinic on (555) 010-4478 any day.", "(555) 010-4478"},
		{"Redness lasts from Wed 2 Dec – Fri 4 Dec in most people.", "Wed 2 Dec –"},
		{"Redness lasts from Wed 2 Dec – Fri 4 Dec in most people.", "Fri 4 Dec"},
		{"We are open 9 am to 1 pm on Saturdays.", "9 am"},
		{"We are open 9 am to 1 pm on Saturdays.", "1 pm"},
		{"Each session takes 30 to 60 minutes.", "30 to 60 minutes."},
		{"Peeling is normal on Days 4 to 7 after treatment.", "Days 4 to 7"},
		{"Wait 30 minutes before you apply make-up.", "30 minutes"},
		{"Keep a gap of 12 mm around the area.", "12 mm"},
		{"Book for 2 Dec 2026 or later.", "2 Dec 2026"},
		{"Content version 1.0, review due 30 November 2027.", "30 November 2027."},
		{"Avoid the sun for 4–7 days.", "4–7 days."},
		// Languages that write days and months in lower case: "mié 2 dic", "vie 4 dic".
		{"El enrojecimiento dura del mié 2 dic – vie 4 dic en casi todos.", "mié 2 dic –"},
		{"El enrojecimiento dura del mié 2 dic – vie 4 dic en casi todos.", "vie 4 dic"},
		{"Su próxima cita es el martes, 1 de diciembre de 2026.", "de 2026."},
		// Content can glue with U+00A0 and U+2011 itself.
		{"Ask for Dr\u00a0Ana Núñez‑Pérez at the desk.", "Dr Ana"},
		{"Ask for Dr\u00a0Ana Núñez‑Pérez at the desk.", "Núñez-Pérez"},
	}
	for _, tt := range tests {
		n := utf8.RuneCountInString(tt.phrase)
		for cols := n; cols <= n+20; cols++ {
			lines := setLines(t, "en", tt.text, cols)
			found := false
			for _, l := range lines {
				found = found || strings.Contains(l, tt.phrase)
			}
			if !found {
				t.Errorf("%q at %d: %q is split: %q", tt.text, cols, tt.phrase, lines)
			}
		}
	}
}

func TestSoftHyphenIsNotPrinted(t *testing.T) {
	if got := setLines(t, "en", "hy\u00adphen\u00adation", 40); len(got) != 1 || got[0] != "hyphenation" {
		t.Errorf("got %q, want [hyphenation]", got)
	}
}

func TestNoBreakHyphenPrintsAsHyphen(t *testing.T) {
	lines := setLines(t, "en", "Núñez‑Pérez", 40)
	if len(lines) != 1 || lines[0] != "Núñez-Pérez" {
		t.Errorf("got %q, want the no-break hyphen drawn as U+002D", lines)
	}
}

// Addresses break only after "/", "." or "-", with no hyphen added, and only when they
// are wider than the column; otherwise they move to the next line whole.
func TestAddressesBreakOnlyAfterSlashDotOrHyphen(t *testing.T) {
	tests := []struct {
		text string
		cols int
		want []string
	}{
		{"visit harbourview-skin.example today", 24, []string{"visit", "harbourview-skin.example", "today"}},
		{"visit harbourview-skin.example today", 18, []string{"visit", "harbourview-skin.", "example today"}},
		{"visit harbourview-skin.example today", 14, []string{"visit", "harbourview-", "skin.example", "today"}},
		{"visit harbourview-skin.example today", 30, []string{"visit harbourview-skin.example", "today"}},
		{"see https://x.example/book/now.", 16, []string{"see https://", "x.example/book/", "now."}},
		{"mail care@harbourview.example", 17, []string{"mail", "care@harbourview.", "example"}},
		// No point fits: between letters, still with no hyphen.
		{"mail care@harbourview.example", 16, []string{"mail", "care@harbourvie", "w.example"}},
	}
	for _, tt := range tests {
		got := setLines(t, "en", tt.text, tt.cols)
		if strings.Join(got, "|") != strings.Join(tt.want, "|") {
			t.Errorf("%q at %d: got %q, want %q", tt.text, tt.cols, got, tt.want)
		}
	}
}

// A word with a letter the main face lacks is set whole in the face that has them all.
func TestFallbackIsPerWord(t *testing.T) {
	st := small()
	e := &engine{st: st, m: fake{}, lang: "en"}
	rs, err := e.runs([]doc.Inline{{Text: "Zoë Łukasiewicz-Łódź, hi"}}, st.BodySize, st.Text)
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, r := range rs {
		got = append(got, r.face.Family+":"+r.text)
	}
	want := "Sans:Zoë |Fallback:Łukasiewicz-Łódź,|Sans: hi"
	if strings.Join(got, "|") != want {
		t.Errorf("runs %q, want %q", strings.Join(got, "|"), want)
	}
}

// The aftercare table, in narrow columns: through the whole engine, as a dump.
func TestNarrowTableKeepsPhrasesAndPunctuation(t *testing.T) {
	d := doc.Document{Lang: "en", PageLabel: "Page {page} of {pages}", Blocks: []doc.Block{
		doc.Table{Widths: []int{3, 4, 2}, Header: []doc.Cell{{para("When")}, {para("Do")}, {para("Avoid")}}, Rows: [][]doc.Cell{
			{{para("Wed 2 Dec – Fri 4 Dec")}, {para("Call (555) 010-4477.")}, {para("Scrubs and peels (active exfoliants).")}},
			{{para("Days 4 to 7")}, {para("Open 9 am to 1 pm.")}, {para("Picking or scratching.")}},
		}},
		doc.QR{URL: "https://harbourview-skin.example/book", Caption: "Scan to book at harbourview-skin.example."},
	}}
	res, err := Layout(&d, small(), fake{})
	if err != nil {
		t.Fatal(err)
	}
	checkInside(t, res, small())
	golden(t, "narrow-table-breaks", DumpString(res))
}

// Text read out of the PDF keeps the space at a line break: every line that broke at a
// space says so, and a line that ends a paragraph or a hyphenated piece does not.
func TestLineBrokenAtSpaceKeepsItsGap(t *testing.T) {
	st := small()
	e := &engine{st: st, m: fake{}, lang: "en"}
	text := "Keep the treated area clean and dry overnight; pneumonoultramicroscopicsilicovolcanoconiosis ends here."
	ss, err := e.paragraph([]doc.Inline{{Text: text}}, 0, 14*(st.BodySize/2), st.BodySize, st.Text)
	if err != nil {
		t.Fatal(err)
	}
	var joined strings.Builder
	for i, s := range ss {
		last := s.items[len(s.items)-1].(Text)
		for _, it := range s.items {
			joined.WriteString(it.(Text).Text)
		}
		if last.Gap {
			joined.WriteString(" ")
		}
		hyphen := strings.HasSuffix(last.Text, "-")
		if want := i < len(ss)-1 && !hyphen; last.Gap != want {
			t.Errorf("line %d %q: Gap = %v, want %v", i, last.Text, last.Gap, want)
		}
	}
	got := strings.NewReplacer("-", "").Replace(joined.String())
	if got != strings.NewReplacer("-", "").Replace(text) {
		t.Errorf("lines read back as %q", joined.String())
	}
}
