package engine

import (
	"errors"
	"fmt"
	"slices"
	"strings"
	"unicode"

	"github.com/careprint/careprint/internal/content"
	"github.com/careprint/careprint/internal/doc"
	"github.com/careprint/careprint/internal/font"
	"github.com/careprint/careprint/internal/layout"
	"github.com/careprint/careprint/internal/rtl"
)

// What to add to fonts/ for Chinese and Japanese, and for Korean: TrueType fonts that
// Debian packages (Droid Sans Fallback has no Hangul).
const (
	hanFontHint = "for Chinese and Japanese a TrueType CJK font such as Droid Sans Fallback " +
		"(Debian package fonts-droid-fallback: copy /usr/share/fonts/truetype/droid/DroidSansFallbackFull.ttf)"
	hangulFontHint = "for Korean a TrueType Hangul font such as NanumGothic " +
		"(Debian package fonts-nanum: copy /usr/share/fonts/truetype/nanum/NanumGothic.ttf)"
	cffHint = "CFF-only fonts such as Noto Sans CJK (.otf) cannot be embedded"
)

// maxNamed is how many characters a message names before "and N more".
const maxNamed = 5

// drawnText is a language-help line as the fonts must draw it: the phone filled in and a
// right-to-left line shaped and in visual order.
func drawnText(h *content.LanguageHelp, phone string) string {
	return rtl.Visual(h.Line(phone))
}

// helpFamily returns the family that prints the characters of text that main (with its
// fallback) lacks: own when the line names a font, else the first family of the project,
// by name, that has them all; "" when main prints everything. bad is the characters no
// one family can add.
func helpFamily(fonts *font.Set, main, own, text string) (family string, bad []rune) {
	bad = fonts.Missing(layout.Face{Family: main}, text)
	if len(bad) == 0 {
		return "", nil
	}
	cands := fonts.Families()
	if own != "" {
		cands = []string{own}
	}
	for _, fam := range cands {
		if fam == main || !fonts.Has(layout.Face{Family: fam}) {
			continue
		}
		if len(fonts.Missing(layout.Face{Family: fam}, string(bad))) == 0 {
			return fam, nil
		}
	}
	return "", bad
}

// checkLanguageHelp reports the clinic's language-help lines that the project's fonts
// cannot print with the body font of some layout: a script that needs a text shaper, or
// characters that no font has (with what to add to fonts/).
func checkLanguageHelp(p *Project) {
	c := p.Content.Clinic
	if c == nil || len(c.LanguageHelp) == 0 {
		return
	}
	var mains []string
	for _, id := range content.IDs(p.Content.Layouts) {
		if f := p.Content.Layouts[id].Type.Font; p.Fonts.Has(layout.Face{Family: f}) && !slices.Contains(mains, f) {
			mains = append(mains, f)
		}
	}
	for i := range c.LanguageHelp {
		h := &c.LanguageHelp[i]
		if h.Text == "" || h.Tag == "" {
			continue // the loader has reported it
		}
		if h.Font != "" && !p.Fonts.Has(layout.Face{Family: h.Font}) {
			k := fmt.Sprintf("language_help[%d].font", i)
			line, col := c.Where(k)
			p.Diags.Errorf(content.ClinicFile, line, col, k, "font %q not found: add fonts/%s.ttf (known: %s)", h.Font, h.Font, strings.Join(p.Fonts.Families(), ", "))
			continue
		}
		text := drawnText(h, c.Phone)
		for _, main := range mains {
			_, bad := helpFamily(p.Fonts, main, h.Font, text)
			if len(bad) == 0 {
				continue
			}
			at := bad[0]
			if i := slices.IndexFunc(bad, font.NeedsShaping); i >= 0 {
				at = bad[i]
			}
			off := max(strings.IndexRune(h.Text, at), 0)
			line, col := h.Pos(off)
			msg := cannotPrintLine(h, bad)
			if cff := cffFiles(p.Fonts); len(cff) > 0 && !slices.ContainsFunc(bad, font.NeedsShaping) {
				msg += fmt.Sprintf(" (%s: CFF outlines, left out)", strings.Join(cff, ", "))
			}
			p.Diags.Errorf(content.ClinicFile, line, col, h.Key, "%s", msg)
			break
		}
	}
}

// cffFiles lists the font files left out for their CFF outlines, such as Noto Sans CJK.
func cffFiles(fonts *font.Set) []string {
	var out []string
	for _, r := range fonts.Rejected() {
		if errors.Is(r.Err, font.ErrNotTrueType) {
			out = append(out, r.File)
		}
	}
	return out
}

// cannotPrintLine says why a language-help line cannot be printed and what to do.
func cannotPrintLine(h *content.LanguageHelp, bad []rune) string {
	lang := fmt.Sprintf("%s (%s)", h.Name, h.Tag)
	if i := slices.IndexFunc(bad, font.NeedsShaping); i >= 0 {
		return fmt.Sprintf("%s is written in a script whose letters must be joined or reordered by a text shaper (%s), which the PDF library cannot do: remove the line, and give patients the notice in %s printed by other means", lang, RuneList(bad[i:i+1]), h.Name)
	}
	named := bad[:min(len(bad), maxNamed)]
	chars := RuneList(named)
	if len(bad) > len(named) {
		chars += fmt.Sprintf(" and %d more", len(bad)-len(named))
	}
	msg := fmt.Sprintf("%s cannot be printed: no font in fonts/ has %s: add a TrueType font that has them to fonts/", lang, chars)
	if h.Font != "" {
		msg = fmt.Sprintf("%s cannot be printed: font %q does not have %s: add a TrueType font that has them to fonts/ and name it in font", lang, h.Font, chars)
	}
	var hints []string
	if slices.ContainsFunc(bad, isHan) {
		hints = append(hints, hanFontHint)
	}
	if slices.ContainsFunc(bad, isHangul) {
		hints = append(hints, hangulFontHint)
	}
	if len(hints) > 0 {
		msg += ", " + strings.Join(append(hints, cffHint), "; ")
	}
	return msg
}

// isHan says whether r is Chinese or Japanese: ideographs, kana, CJK punctuation and
// full-width forms.
func isHan(r rune) bool {
	return unicode.In(r, unicode.Han, unicode.Hiragana, unicode.Katakana, unicode.Bopomofo) ||
		(r >= 0x3000 && r <= 0x303f) || (r >= 0xff00 && r <= 0xffef)
}

func isHangul(r rune) bool { return unicode.Is(unicode.Hangul, r) }

// languageHelpFonts gives each language-help line of d the family that prints what the
// layout's body font (main) lacks, as check chose it.
func (p *Project) languageHelpFonts(d *doc.Document, main string) {
	own := map[string]string{}
	if c := p.Content.Clinic; c != nil {
		for _, h := range c.LanguageHelp {
			own[h.Tag] = h.Font
		}
	}
	fill := func(bs []doc.Block) {
		for _, b := range bs {
			n, ok := b.(doc.LanguageHelp)
			if !ok {
				continue
			}
			for i := range n.Lines {
				l := &n.Lines[i]
				l.Family, _ = helpFamily(p.Fonts, main, own[l.Lang], rtl.Visual(l.Text))
			}
		}
	}
	fill(d.Blocks)
	for _, f := range d.Flows {
		for _, pt := range f.Parts {
			fill(pt.Blocks)
		}
	}
}
