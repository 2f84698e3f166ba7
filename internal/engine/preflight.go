package engine

import (
	"errors"
	"fmt"
	"io/fs"
	"math"
	"slices"
	"strings"

	"github.com/BurntSushi/toml"

	"github.com/careprint/careprint/internal/content"
	"github.com/careprint/careprint/internal/diag"
	"github.com/careprint/careprint/internal/doc"
	"github.com/careprint/careprint/internal/font"
	"github.com/careprint/careprint/internal/geom"
	"github.com/careprint/careprint/internal/layout"
	"github.com/careprint/careprint/internal/markdown"
	"github.com/careprint/careprint/internal/plain"
	"github.com/careprint/careprint/internal/resolve"
	"github.com/careprint/careprint/internal/rtl"
)

// CheckPlain applies the plain-language rules to every section, and asks every aftercare
// phase for at least one action (PEMAT item 20).
func CheckPlain(p *content.Project) diag.List {
	var warns diag.List
	for _, s := range sections(p) {
		for _, f := range plain.Check(s.text) {
			warns.Warnf(s.file, s.line, 0, s.key, "%s", f.Msg)
		}
	}
	seen := map[string]map[string]bool{}
	for _, tf := range p.Texts {
		// Titles name things; the explanation belongs in the text that follows.
		if !isProse(tf.Key) {
			continue
		}
		if seen[tf.File] == nil {
			seen[tf.File] = map[string]bool{}
		}
		for _, term := range plain.Unexplained(tf.Text, seen[tf.File]) {
			warns.Warnf(tf.File, tf.Line, tf.Col, tf.Key, "%q is a medical term: explain it where it first appears, in brackets after it or with \"this is called %s\"", term, term)
		}
	}
	// Readers skip long unbroken text (DOMAIN.md b7, PEMAT item 8: "informative headers"):
	// a field of more than four paragraphs or lists needs a heading of its own inside.
	unbrokenText := func(file string, where func(string) (int, int), f *content.Fields, tx *content.Text) {
		if tx == nil || where == nil {
			return
		}
		bs, err := tx.Blocks(f)
		if err != nil {
			return
		}
		if msg := unbroken(bs); msg != "" {
			line, col := where(tx.Key)
			warns.Warnf(file, line, col, tx.Key, "%s", msg)
		}
	}
	for _, id := range content.IDs(p.Treatments) {
		t := p.Treatments[id]
		f := content.FieldsOf(p.Clinic, t, content.SamplePatient)
		for i, s := range t.Sections {
			unbrokenText(t.File, t.Where, f, s.C.Text)
			unbrokenText(t.File, t.Where, f, s.C.BrochureText)
			for j, ph := range s.Phases {
				if len(ph.Do) == 0 && t.Where != nil {
					key := fmt.Sprintf("section[%d].phase[%d]", i, j)
					line, col := t.Where(key)
					warns.Warnf(t.File, line, col, key, "no action for %s %d to %d: add do = [\"...\"] so the patient knows what to do", ph.Unit, ph.From, ph.To)
				}
			}
		}
	}
	for _, id := range content.IDs(p.Conditions) {
		c := p.Conditions[id]
		var t *content.Treatment
		if len(c.Treatments) > 0 {
			t = p.Treatments[c.Treatments[0]]
		}
		f := content.FieldsOf(p.Clinic, t, content.SamplePatient)
		parts := []*content.ConditionPart{&c.Part}
		for _, tid := range content.IDs(c.PerTreatment) {
			parts = append(parts, c.PerTreatment[tid])
		}
		for _, part := range parts {
			unbrokenText(c.File, c.Where, f, part.TextC)
			for _, s := range part.Sections {
				unbrokenText(c.File, c.Where, f, s.C.Text)
			}
		}
	}
	return warns
}

// unbroken says why a field's text needs a heading inside: more than four paragraphs or
// lists in a row with none.
func unbroken(bs []doc.Block) string {
	run := 0
	for _, b := range bs {
		if _, ok := b.(doc.Heading); ok {
			run = 0
			continue
		}
		run++
		if run > 4 {
			return "more than four paragraphs without a heading: readers skip long unbroken text; split it with a \"### Heading\" line"
		}
	}
	return ""
}

// Contrast is the WCAG 2 contrast ratio of two colours, from 1 to 21.
func Contrast(a, b geom.RGB) float64 {
	la, lb := luminance(a), luminance(b)
	if la < lb {
		la, lb = lb, la
	}
	return (la + 0.05) / (lb + 0.05)
}

func luminance(c geom.RGB) float64 {
	ch := func(v uint8) float64 {
		s := float64(v) / 255
		if s <= 0.03928 {
			return s / 12.92
		}
		return math.Pow((s+0.055)/1.055, 2.4)
	}
	return 0.2126*ch(c.R) + 0.7152*ch(c.G) + 0.0722*ch(c.B)
}

// preflight checks each layout as it will print: body size, colour contrast and line
// length (DOMAIN.md b7). Problems are errors naming the file and key.
func preflight(p *content.Project, fonts *font.Set) diag.List {
	var errs diag.List
	c := p.Clinic
	for _, id := range content.IDs(p.Layouts) {
		lay := p.Layouts[id]
		at := func(key string) (int, int) {
			if lay.Where == nil {
				return 0, 0
			}
			return lay.Where(key)
		}
		minBody := geom.Pt(12)
		if lay.LargePrint {
			minBody = geom.Pt(18)
		}
		if lay.Type.Body < minBody-geom.Micrometre*2 {
			l, col := at("type.body")
			what := "patient material"
			if lay.LargePrint {
				what = "large print"
			}
			errs.Errorf(lay.File, l, col, "type.body", "body text %spt is under %gpt, the minimum for %s", trimPt(lay.Type.Body), math.Round(minBody.Pt()), what)
		}
		// A brochure's text keeps 1/8 in from every trim and fold (DOMAIN.md c2).
		if lay.Kind != content.KindHandout {
			for _, k := range []struct {
				key string
				v   geom.Length
			}{{"margins.top", lay.Margins.Top}, {"margins.bottom", lay.Margins.Bottom}, {"margins.left", lay.Margins.Left}, {"margins.right", lay.Margins.Right}} {
				if k.v < layout.SafeArea {
					l, col := at(k.key)
					errs.Errorf(lay.File, l, col, k.key, "margin %s mm puts text inside the safe area: keep at least 1/8 in (3.175 mm) from trims and folds", k.v)
				}
			}
		}
		// Text against its background. Large text (>= 18 pt, or >= 14 pt bold) needs 3:1.
		type pair struct {
			file, key string
			fg, bg    geom.RGB
			size      geom.Length
			bold      bool
			what      string
		}
		pairs := []pair{
			{lay.File, "colors.text", lay.Colors.Text, geom.White, lay.Type.Body, false, "body text on white paper"},
			{lay.File, "colors.muted", lay.Colors.Muted, geom.White, lay.Type.Small, false, "footer text on white paper"},
			{lay.File, "colors.text", lay.Colors.Text, c.Colors.Light, lay.Type.Body, false, "text in the \"Call us if\" box and table headings"},
		}
		// Headings and the band's text take the layout's colours when it sets them, else
		// the clinic's primary colour and white.
		heading := pair{"content/clinic.toml", "colors.primary", c.Colors.Primary, geom.White, lay.Type.H2, true, "headings on white paper"}
		if h := lay.Colors.Heading; h != nil {
			heading.file, heading.key, heading.fg = lay.File, "colors.heading", *h
		}
		band := pair{"content/clinic.toml", "colors.primary", geom.White, c.Colors.Primary, lay.Type.Small, false, "white text on the header band"}
		if bt := lay.Colors.BandText; bt != nil {
			band.file, band.key, band.fg, band.what = lay.File, "colors.band_text", *bt, "text on the header band"
		}
		for _, pr := range []pair{heading, band} {
			if c.Where != nil || pr.file == lay.File {
				pairs = append(pairs, pr)
			}
		}
		for _, pr := range pairs {
			need := 4.5
			if pr.size >= geom.Pt(18) || (pr.bold && pr.size >= geom.Pt(14)) {
				need = 3
			}
			if r := Contrast(pr.fg, pr.bg); r < need-0.005 {
				line, col := 0, 0
				if pr.file == lay.File {
					line, col = at(pr.key)
				} else if c.Where != nil {
					line, col = c.Where(pr.key)
				}
				errs.Errorf(pr.file, line, col, pr.key, "contrast %.1f:1 for %s in layout %s is under %g:1 (WCAG): use a darker or lighter colour", r, pr.what, id, need)
			}
		}
		// Line length in characters of average English text.
		if fonts != nil {
			pp, ok := geom.PaperNamed(lay.Paper)
			if ok {
				width := textWidth(lay, pp)
				sample := "The tiny wounds tell your body to start healing, and your skin makes more collagen."
				per := fonts.Width(layout.Face{Family: lay.Type.Font}, lay.Type.Body, sample) / geom.Length(len(sample))
				if per > 0 {
					chars := int(width / per)
					// A tri-fold's panels are narrow columns by nature: the print guides'
					// 3.19 in column (DOMAIN.md c1) holds about 40 characters at 12 pt,
					// so panels may go down to 38 rather than 45.
					lo := 45
					if lay.Kind == content.KindTrifold {
						lo = 38
					}
					if chars < lo || chars > 90 {
						l, col := at("margins.left")
						errs.Errorf(lay.File, l, col, "margins", "lines hold about %d characters of body text; keep them between %d and 90 (change the margins or type.body)", chars, lo)
					}
				}
			}
		}
	}
	return errs
}

// textWidth is the width of the layout's text column: the page's, the narrowest panel's
// of a tri-fold, or a booklet page's.
func textWidth(lay *content.Layout, pp geom.Paper) geom.Length {
	w := pp.Width
	switch lay.Kind {
	case content.KindTrifold:
		a, ok := lay.Fold.Allowance[pp.Name]
		if !ok {
			a = resolve.DefaultAllowance(pp)
		}
		for _, p := range layout.TrifoldPanels(pp, a) {
			w = min(w, p.W)
		}
	case content.KindBooklet:
		w = layout.BookletPage(pp).Width
	}
	return w - lay.Margins.Left - lay.Margins.Right
}

func trimPt(l geom.Length) string {
	return strings.TrimRight(strings.TrimRight(fmt.Sprintf("%.2f", l.Pt()), "0"), ".")
}

// own says whether file is the project's own, not a built-in default.
func (p *Project) own(file string) bool {
	return p.Content.FS != nil && p.Content.FS.Origin(file) == content.FromProject
}

// CheckBrochures lays out every brochure layout for every treatment it is for (its
// treatments list, or all) on both papers, and reports content that does not fit its
// panels and text that strays into the safe area by a fold or trim. They are errors for the brochures a clinic uses (its own layout
// file, or one its careprint.toml lists) and warnings for built-in layouts it has not
// chosen, so that a clinic that prints only handouts is told but not stopped.
func (p *Project) CheckBrochures() diag.List {
	var all diag.List
	for _, id := range content.IDs(p.Content.Layouts) {
		lay := p.Content.Layouts[id]
		if lay.Kind == content.KindHandout {
			continue
		}
		used := p.own(lay.File)
		for _, o := range p.Content.Settings.Outputs {
			if o.Layout == id {
				used = true
			}
		}
		errs := fitBrochure(p, id, lay)
		if !used {
			for i := range errs {
				errs[i].Severity = diag.Warning
			}
		}
		all = append(all, errs...)
	}
	return all
}

// fitBrochure lays out one brochure layout for every treatment it is for, on both papers,
// and reports every panel that overflows.
func fitBrochure(p *Project, id string, lay *content.Layout) diag.List {
	var errs diag.List
	{
		at := func(key string) (int, int) {
			if lay.Where == nil {
				return 0, 0
			}
			return lay.Where(key)
		}
		// Each language the treatment is translated into, too: Spanish runs longer.
		type job struct{ tid, lang, what string }
		var jobs []job
		for _, tid := range content.IDs(p.Content.Treatments) {
			if !lay.For(tid) {
				continue // the layout never prints it
			}
			jobs = append(jobs, job{tid, "", tid})
			for _, lang := range content.IDs(p.Content.Translations) {
				if p.Content.Translations[lang].Project.Treatments[tid] != nil {
					jobs = append(jobs, job{tid, lang, tid + " in " + lang})
				}
			}
		}
		for _, j := range jobs {
			tid := j.what
			for _, paper := range []string{"letter", "a4"} {
				req := resolve.BrochureRequest{Treatment: j.tid, Layout: id, Paper: paper, Language: j.lang}
				d, st, sh, err := resolve.Brochure(p.Content, req)
				if err == nil {
					p.Fonts.SetFallback(lay.Type.Font, lay.Type.Fallback)
					p.languageHelpFonts(d, lay.Type.Font)
					var res *layout.Result
					res, err = layout.Brochure(d, st, p.Fonts, sh)
					if err == nil {
						if ss := layout.Strays(res, sh); len(ss) > 0 {
							l, col := at("margins")
							errs.Errorf(lay.File, l, col, "margins", "%d lines of %s on %s paper come within 1/8 in of a trim or fold (first: %s): widen the margins", len(ss), tid, paper, ss[0])
						}
						continue
					}
				}
				// Every overflowing panel of the brochure, each at its [[flow]].
				var oes []*layout.OverflowError
				if all := (layout.OverflowErrors{}); errors.As(err, &all) {
					oes = all
				} else if oe := (*layout.OverflowError)(nil); errors.As(err, &oe) {
					oes = []*layout.OverflowError{oe}
				}
				if len(oes) == 0 && j.lang != "" {
					continue // an incomplete translation: its own warnings say what is missing
				}
				if len(oes) == 0 {
					l, col := at("flow")
					errs.Errorf(lay.File, l, col, "flow", "%v, for %s on %s paper", err, tid, paper)
					continue
				}
				for _, oe := range oes {
					key := "flow"
					for i, f := range lay.Flows {
						if slices.Contains(f.Panels, oe.Panel) {
							key = fmt.Sprintf("flow[%d]", i)
						}
					}
					l, col := at(key)
					errs.Errorf(lay.File, l, col, key, "%v, for %s on %s paper: shorten the text or move a block to another panel", oe, tid, paper)
				}
			}
		}
	}
	return errs
}

// checkFonts reports font files that cannot be used, layouts whose fonts lack a face
// they print with (naming the file to add), and content that no font can print.
func checkFonts(p *Project) {
	used := map[string]bool{} // families some layout prints with
	for _, lay := range p.Content.Layouts {
		used[lay.Type.Font], used[lay.Type.HeadingFont], used[lay.Type.Fallback] = true, true, true
	}
	rejected := map[string][]string{} // family → files that cannot be used
	for _, r := range p.Fonts.Rejected() {
		msg := strings.TrimPrefix(r.Err.Error(), r.File+": ")
		switch {
		case p.Fonts.HasFace(r.Face):
			p.Diags.Warnf(r.File, 0, 0, "", "%s (another file gives %s, so this one is left out)", msg, r.Face)
		case used[r.Face.Family]:
			p.Diags.Errorf(r.File, 0, 0, "", "%s", msg)
			rejected[r.Face.Family] = append(rejected[r.Face.Family], r.File)
		default:
			p.Diags.Warnf(r.File, 0, 0, "", "%s (no layout uses it)", msg)
		}
	}
	var emphasis *emphasisUse
	type pair struct{ main, fallback string }
	faces := map[pair]bool{}
	for _, id := range content.IDs(p.Content.Layouts) {
		lay := p.Content.Layouts[id]
		at := func(key string) (int, int) {
			if lay.Where == nil {
				return 0, 0
			}
			return lay.Where(key)
		}
		ok := true
		missing := func(key string, f layout.Face, why string) {
			line, col := at(key)
			ok = false
			if !p.Fonts.Has(layout.Face{Family: f.Family}) {
				msg := fmt.Sprintf("font %q not found: add fonts/%s-Regular.ttf and fonts/%s-Bold.ttf", f.Family, f.Family, f.Family)
				if files := rejected[f.Family]; len(files) > 0 {
					msg += fmt.Sprintf(" (%s cannot be used: see above)", strings.Join(files, ", "))
				}
				p.Diags.Errorf(lay.File, line, col, key, "%s", msg)
				return
			}
			p.Diags.Errorf(lay.File, line, col, key, "font %q has no %s face: add fonts/%s.ttf (%s)", f.Family, strings.ToLower(styleWords(f)), f, why)
		}
		ty := lay.Type
		if !p.Fonts.Has(layout.Face{Family: ty.Fallback}) {
			missing("type.fallback", layout.Face{Family: ty.Fallback}, "")
		}
		type need struct {
			key  string
			face layout.Face
			why  string
		}
		needs := []need{
			{"type.font", layout.Face{Family: ty.Font}, "body text prints in it"},
			{"type.font", layout.Face{Family: ty.Font, Bold: true}, "headings, labels and warnings print in bold"},
		}
		if ty.HeadingFont != ty.Font {
			needs[1].why = "labels, table headings and warnings print in bold"
			needs = append(needs,
				need{"type.heading_font", layout.Face{Family: ty.HeadingFont, Bold: true}, "headings and the clinic's name print in bold"},
				need{"type.heading_font", layout.Face{Family: ty.HeadingFont}, "the header's subtitle prints in it"})
		}
		reported := map[string]bool{}
		for _, n := range needs {
			if p.Fonts.HasFace(n.face) || reported[n.face.Family] && !p.Fonts.Has(layout.Face{Family: n.face.Family}) {
				continue
			}
			reported[n.face.Family] = true
			missing(n.key, n.face, n.why)
		}
		// Italic faces are needed only when the content has italic text.
		if p.Fonts.Has(layout.Face{Family: ty.Font}) {
			for _, f := range []layout.Face{{Family: ty.Font, Italic: true}, {Family: ty.Font, Bold: true, Italic: true}} {
				if p.Fonts.HasFace(f) {
					continue
				}
				if emphasis == nil {
					emphasis = findEmphasis(p.Content)
				}
				if file := emphasis.file(f); file != "" {
					missing("type.font", f, fmt.Sprintf("%s has %s text", file, strings.ToLower(styleWords(f))))
				}
			}
		}
		if ok {
			faces[pair{ty.Font, ty.Fallback}] = true
			faces[pair{ty.HeadingFont, ty.Fallback}] = true
		}
	}
	for _, pr := range sortedPairs(faces, func(a pair) string { return a.main + "\x00" + a.fallback }) {
		p.Fonts.SetFallback(pr.main, pr.fallback)
		texts := p.Content.Texts
		for _, lang := range content.IDs(p.Content.Translations) {
			texts = append(slices.Clip(texts), p.Content.Translations[lang].Project.Texts...)
		}
		for _, t := range texts {
			if rtl.Has(t.Text) {
				p.Diags.Errorf(t.File, t.Line, t.Col, t.Key, "right-to-left text (Hebrew, Arabic) in content cannot be set yet: careprint sets patients' and clinicians' names right to left, not whole paragraphs")
				continue
			}
			if bad := p.Fonts.Missing(layout.Face{Family: pr.main}, rtl.Visual(t.Text)); len(bad) > 0 {
				p.Diags.Errorf(t.File, t.Line, t.Col, t.Key, "%s, or change the text", CannotPrint(bad, RuneList(bad)))
			}
		}
	}
	checkLanguageHelp(p)
}

// styleWords names a face's style in words: "bold italic", "italic", "bold", "regular".
func styleWords(f layout.Face) string {
	switch {
	case f.Bold && f.Italic:
		return "bold italic"
	case f.Bold:
		return "bold"
	case f.Italic:
		return "italic"
	}
	return "regular"
}

func sortedPairs[T comparable](m map[T]bool, key func(T) string) []T {
	out := make([]T, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	slices.SortFunc(out, func(a, b T) int { return strings.Compare(key(a), key(b)) })
	return out
}

// emphasisUse is the first content file with italic and with bold italic text.
type emphasisUse struct{ italic, boldItalic string }

func (e *emphasisUse) file(f layout.Face) string {
	if f.Bold {
		return e.boldItalic
	}
	return e.italic
}

// findEmphasis reads every active content file's text as Markdown and notes the first
// file with italic and with bold italic text. It reads the files' strings, whatever
// their keys, so that it holds for any content model.
func findEmphasis(p *content.Project) *emphasisUse {
	var files []string
	for _, t := range p.Treatments {
		files = append(files, t.File)
	}
	for _, c := range p.Conditions {
		files = append(files, c.File)
	}
	slices.Sort(files)
	e := &emphasisUse{}
	for _, file := range files {
		var v any
		src, err := fs.ReadFile(p.FS, file)
		if err != nil {
			continue
		}
		if _, err := toml.Decode(string(src), &v); err != nil {
			continue
		}
		walkStrings(v, func(s string) {
			if !strings.ContainsAny(s, "*_") {
				return
			}
			bs, err := markdown.Convert(s)
			if err != nil {
				return
			}
			walkInlines(bs, func(in doc.Inline) {
				switch {
				case in.Italic && in.Bold && e.boldItalic == "":
					e.boldItalic = file
				case in.Italic && !in.Bold && e.italic == "":
					e.italic = file
				}
			})
		})
	}
	return e
}

func walkStrings(v any, fn func(string)) {
	switch v := v.(type) {
	case string:
		fn(v)
	case []any:
		for _, x := range v {
			walkStrings(x, fn)
		}
	case []map[string]any:
		for _, x := range v {
			walkStrings(x, fn)
		}
	case map[string]any:
		for _, x := range v {
			walkStrings(x, fn)
		}
	}
}

func walkInlines(bs []doc.Block, fn func(doc.Inline)) {
	for _, b := range bs {
		switch b := b.(type) {
		case doc.Paragraph:
			for _, in := range b.Inlines {
				fn(in)
			}
		case doc.List:
			for _, item := range b.Items {
				walkInlines(item, fn)
			}
		case doc.Table:
			for _, row := range append([][]doc.Cell{b.Header}, b.Rows...) {
				for _, c := range row {
					walkInlines(c, fn)
				}
			}
		case doc.Callout:
			walkInlines(b.Blocks, fn)
		}
	}
}
