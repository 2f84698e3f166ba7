package cli

import (
	"errors"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"github.com/careprint/careprint/internal/content"
	"github.com/careprint/careprint/internal/diag"
	"github.com/careprint/careprint/internal/doc"
	"github.com/careprint/careprint/internal/font"
	"github.com/careprint/careprint/internal/geom"
	"github.com/careprint/careprint/internal/layout"
	"github.com/careprint/careprint/internal/plain"
	"github.com/careprint/careprint/internal/resolve"
)

// checkPlain applies the plain-language rules to every section, and asks every aftercare
// phase for at least one action (PEMAT item 20).
func checkPlain(p *content.Project) diag.List {
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
		if c.Where != nil {
			pairs = append(pairs,
				pair{"content/clinic.toml", "colors.primary", c.Colors.Primary, geom.White, lay.Type.H2, true, "headings on white paper"},
				pair{"content/clinic.toml", "colors.primary", geom.White, c.Colors.Primary, lay.Type.Small, false, "white text on the header band"})
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

// checkBrochures lays out every brochure layout for every treatment on both papers, and
// reports content that does not fit its panels and text that strays into the safe area
// by a fold or trim. They are errors for the brochures a clinic uses (its own layout
// file, or one its careprint.toml lists) and warnings for built-in layouts it has not
// chosen, so that a clinic that prints only handouts is told but not stopped.
func checkBrochures(p *project) diag.List {
	var all diag.List
	for _, id := range content.IDs(p.c.Layouts) {
		lay := p.c.Layouts[id]
		if lay.Kind == content.KindHandout {
			continue
		}
		used := false
		if p.root != "" {
			if _, err := os.Stat(filepath.Join(p.root, lay.File)); err == nil {
				used = true
			}
		}
		for _, o := range p.c.Settings.Outputs {
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

// fitBrochure lays out one brochure layout for every treatment on both papers.
func fitBrochure(p *project, id string, lay *content.Layout) diag.List {
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
		for _, tid := range content.IDs(p.c.Treatments) {
			jobs = append(jobs, job{tid, "", tid})
			for _, lang := range content.IDs(p.c.Translations) {
				if p.c.Translations[lang].Project.Treatments[tid] != nil {
					jobs = append(jobs, job{tid, lang, tid + " in " + lang})
				}
			}
		}
		for _, j := range jobs {
			tid := j.what
			for _, paper := range []string{"letter", "a4"} {
				req := resolve.BrochureRequest{Treatment: j.tid, Layout: id, Paper: paper, Language: j.lang}
				d, st, sh, err := resolve.Brochure(p.c, req)
				if err == nil {
					p.fonts.SetFallback(lay.Type.Font, lay.Type.Fallback)
					var res *layout.Result
					res, err = layout.Brochure(d, st, p.fonts, sh)
					if err == nil {
						if ss := layout.Strays(res, sh); len(ss) > 0 {
							l, col := at("margins")
							errs.Errorf(lay.File, l, col, "margins", "%d lines of %s on %s paper come within 1/8 in of a trim or fold (first: %s): widen the margins", len(ss), tid, paper, ss[0])
						}
						continue
					}
				}
				key := "flow"
				var oe *layout.OverflowError
				if j.lang != "" && !errors.As(err, &oe) {
					continue // an incomplete translation: its own warnings say what is missing
				}
				if errors.As(err, &oe) {
					for i, f := range lay.Flows {
						if slices.Contains(f.Panels, oe.Panel) {
							key = fmt.Sprintf("flow[%d]", i)
						}
					}
				}
				l, col := at(key)
				errs.Errorf(lay.File, l, col, key, "%v, for %s on %s paper: shorten the text or move a block to another panel", err, tid, paper)
			}
		}
	}
	return errs
}
