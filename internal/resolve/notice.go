package resolve

import (
	"golang.org/x/text/language"

	"github.com/careprint/careprint/internal/doc"
	"github.com/careprint/careprint/internal/i18n"
)

// languageHelp is the notice of free language help: the line in the document's language
// (the clinic's own line for it when it lists that language, else careprint's), then the
// clinic's lines in its other languages, in the order it lists them. A clinic that lists
// no languages gets the document's line alone.
func (r *resolver) languageHelp() []doc.Block {
	c := r.clinic
	docBase, _ := language.Make(r.w.Lang).Base()
	n := doc.LanguageHelp{Title: r.w.T("LanguageHelpTitle", nil)}
	first := doc.LanguageLine{Text: r.w.T("LanguageHelp", i18n.Data{"Phone": c.Phone})}
	var rest []doc.LanguageLine
	for i := range c.LanguageHelp {
		h := &c.LanguageHelp[i]
		if b, _ := language.Make(h.Tag).Base(); b == docBase {
			first.Text = h.Line(c.Phone)
			continue
		}
		rest = append(rest, doc.LanguageLine{Lang: h.Tag, Text: h.Line(c.Phone)})
	}
	n.Lines = append([]doc.LanguageLine{first}, rest...)
	return []doc.Block{n}
}
