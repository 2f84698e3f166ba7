package content

import (
	"fmt"
	"strings"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/language"
	"golang.org/x/text/language/display"

	"github.com/careprint/careprint/internal/rtl"
)

// LanguageHelp is one [[language_help]] line of the clinic file: that free help in a
// language is available and the number to call, written in that language and its own
// script. A clinic lists its state's top languages (HHS Section 1557); the layout block
// "language_help" prints them.
type LanguageHelp struct {
	// Language is a BCP 47 tag, such as "es", "vi" or "zh-Hant".
	Language string `toml:"language"`
	// Text is the line; {{.Clinic.Phone}} stands for the clinic's phone number.
	Text string `toml:"text"`
	// Font is the font family that prints what the layout's fonts lack (optional: by
	// default the first family of fonts/, by name, that has every such character).
	Font string `toml:"font"`

	// Tag is Language in canonical form ("zh-Hant"); Name its English name
	// ("Traditional Chinese"). Both are set at load.
	Tag  string `toml:"-"`
	Name string `toml:"-"`
	// At returns the line and column in the clinic file of byte off of Text; nil for a
	// line not loaded from a file.
	At func(off int) (line, col int) `toml:"-"`
	// Key is the line's key path, e.g. "language_help[2].text".
	Key string `toml:"-"`
}

// PhonePlaceholder stands for the clinic's phone number in a language-help line.
const PhonePlaceholder = "{{.Clinic.Phone}}"

// MaxLanguageHelp is the longest a language-help line may be, in characters: a notice
// line, not a paragraph.
const MaxLanguageHelp = 300

// Line returns the line as printed, with the phone number filled in. In a right-to-left
// line the number is marked as a left-to-right run, so that "(555) 010-4477" keeps its
// order.
func (h *LanguageHelp) Line(phone string) string {
	if rtl.Has(h.Text) {
		phone = "\u2066" + phone + "\u2069"
	}
	return strings.ReplaceAll(h.Text, PhonePlaceholder, phone)
}

// Pos returns where byte off of the text is written (0, 0 when not known).
func (h *LanguageHelp) Pos(off int) (int, int) {
	if h.At == nil {
		return 0, 0
	}
	return h.At(off)
}

// languageHelp checks the clinic's language-help lines.
func (f *file) languageHelp(c *Clinic) {
	seen := map[string]int{}
	for i := range c.LanguageHelp {
		h := &c.LanguageHelp[i]
		k := fmt.Sprintf("language_help[%d]", i)
		h.Key = k + ".text"
		h.At = func(off int) (int, int) { return f.valuePos(k+".text", off) }
		for _, r := range []struct{ key, v string }{{"language", h.Language}, {"text", h.Text}} {
			switch {
			case strings.TrimSpace(r.v) != "":
			case f.has(k + "." + r.key):
				f.require(k+"."+r.key, r.v)
			default:
				f.errorf(k, "missing: add %s = \"...\"", r.key)
			}
		}
		if h.Language != "" {
			tag, err := language.Raw.Parse(h.Language)
			name := ""
			if err == nil {
				name = display.English.Tags().Name(tag)
			}
			switch {
			case err != nil || name == "":
				f.errorf(k+".language", "unknown language %q: want a BCP 47 tag such as \"es\", \"vi\" or \"zh-Hant\"", h.Language)
			default:
				h.Tag, h.Name = tag.String(), name
				if j, dup := seen[h.Tag]; dup {
					f.errorf(k+".language", "%s (%s) is listed twice (also language_help[%d]): keep one line per language", h.Name, h.Tag, j)
				}
				seen[h.Tag] = i
			}
		}
		if h.Text == "" {
			continue
		}
		if i := strings.IndexAny(h.Text, "\r\n"); i >= 0 {
			line, col := f.valuePos(h.Key, i)
			f.l.diags.Errorf(f.name, line, col, h.Key, "a language-help line is one line: remove the line break")
			continue
		}
		if n := utf8.RuneCountInString(h.Text); n > MaxLanguageHelp {
			f.errorf(h.Key, "%d characters: a language-help line is at most %d; say that free help is available and whom to call", n, MaxLanguageHelp)
			continue
		}
		rest := strings.ReplaceAll(h.Text, PhonePlaceholder, strings.Repeat(" ", len(PhonePlaceholder)))
		if i := strings.Index(rest, "{{"); i >= 0 {
			line, col := f.valuePos(h.Key, i)
			f.l.diags.Errorf(f.name, line, col, h.Key, "unknown placeholder: a language-help line may use only %s, where the phone number goes", PhonePlaceholder)
			continue
		}
		if !strings.Contains(h.Text, PhonePlaceholder) && strings.IndexFunc(h.Text, unicode.IsDigit) < 0 {
			f.errorf(h.Key, "no number to call: write %s where the clinic's phone number goes (or the language line's own number)", PhonePlaceholder)
		}
		if strings.ContainsRune(h.Text, utf8.RuneError) || strings.IndexFunc(h.Text, unicode.IsControl) >= 0 {
			f.errorf(h.Key, "a control character or invalid UTF-8: retype the line")
		}
	}
}

// ClinicFile is where the clinic file is, from the project root.
const ClinicFile = clinicFile
