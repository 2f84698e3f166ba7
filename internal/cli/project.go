package cli

import (
	"fmt"
	"os"
	"path/filepath"
	"runtime/debug"
	"slices"
	"strconv"
	"time"

	careprint "github.com/careprint/careprint"
	"github.com/careprint/careprint/internal/content"
	"github.com/careprint/careprint/internal/diag"
	"github.com/careprint/careprint/internal/font"
	"github.com/careprint/careprint/internal/layout"
)

// project is what every command works from: the loaded content and the fonts.
type project struct {
	root  string // the project folder, or "" for built-in defaults only
	c     *content.Project
	fonts *font.Set
	diags diag.List
}

// openProject loads the project folder (or the current folder, when it has content/,
// layouts/, fonts/ or careprint.toml) over the built-in defaults, and runs every check.
func openProject(env *Env, g *globalOptions) (*project, error) {
	root := g.project
	if root == "" {
		for _, d := range []string{"content", "layouts", "fonts", content.SettingsFile} {
			if _, err := os.Stat(filepath.Join(env.Dir, d)); err == nil {
				root = env.Dir
				break
			}
		}
	} else {
		if !filepath.IsAbs(root) {
			root = filepath.Join(env.Dir, root)
		}
		if fi, err := os.Stat(root); err != nil || !fi.IsDir() {
			return nil, flagErrorf("--project: %s is not a folder", g.project)
		}
	}
	o := &content.Overlay{Builtin: careprint.Defaults}
	if root != "" {
		o.Project = os.DirFS(root)
	}
	p := &project{root: root}
	p.c, p.diags = content.Load(o)
	fonts, err := font.Load(o, "fonts")
	if err != nil {
		p.diags.Errorf("fonts", 0, 0, "", "%v", err)
	}
	p.fonts = fonts
	if fonts != nil {
		checkFonts(p)
	}
	if p.c.Clinic != nil {
		p.diags = append(p.diags, preflight(p.c, fonts)...)
	}
	p.diags.Sort()
	return p, nil
}

// checkFonts reports layouts whose fonts are missing and content no font can print.
func checkFonts(p *project) {
	type pair struct{ main, fallback string }
	faces := map[pair]bool{}
	for _, id := range content.IDs(p.c.Layouts) {
		lay := p.c.Layouts[id]
		ok := true
		for _, fam := range []struct{ key, name string }{{"type.font", lay.Type.Font}, {"type.fallback", lay.Type.Fallback}} {
			if !p.fonts.Has(layout.Face{Family: fam.name}) {
				p.diags.Errorf(lay.File, 0, 0, fam.key, "font %q not found: add fonts/%s-Regular.ttf (and -Bold.ttf)", fam.name, fam.name)
				ok = false
			}
		}
		if ok {
			faces[pair{lay.Type.Font, lay.Type.Fallback}] = true
		}
	}
	for pr := range faces {
		p.fonts.SetFallback(pr.main, pr.fallback)
		texts := p.c.Texts
		for _, lang := range content.IDs(p.c.Translations) {
			texts = append(slices.Clip(texts), p.c.Translations[lang].Project.Texts...)
		}
		for _, t := range texts {
			if bad := p.fonts.Missing(layout.Face{Family: pr.main}, t.Text); len(bad) > 0 {
				p.diags.Errorf(t.File, t.Line, t.Col, t.Key, "%s, or change the text", cannotPrint(bad, runeList(bad)))
			}
		}
	}
}

func runeList(rs []rune) string {
	s := ""
	for i, r := range rs {
		if i > 0 {
			s += ", "
		}
		s += fmt.Sprintf("U+%04X", r)
		if strconv.IsPrint(r) {
			s += fmt.Sprintf(" %q", r)
		}
	}
	return s
}

// openForPrinting opens the project and refuses to go on when it has errors: nothing is
// printed from content that fails its checks.
func openForPrinting(env *Env, g *globalOptions) (*project, error) {
	p, err := openProject(env, g)
	if err != nil {
		return nil, err
	}
	if err := p.report(env); err != nil {
		fmt.Fprintln(env.Err, "nothing was printed: fix the problems above (run 'careprint check' to list them)")
		return nil, err
	}
	return p, nil
}

// report prints diagnostics to stderr and returns ErrSilent when any is an error.
func (p *project) report(env *Env) error {
	for _, d := range p.diags {
		fmt.Fprintln(env.Err, d.Error())
	}
	if p.diags.HasErrors() {
		return ErrSilent
	}
	return nil
}

// documentDate is the date written into PDF metadata: SOURCE_DATE_EPOCH when set, else
// the given fallback (the treatment date), so output never depends on the clock.
func documentDate(env *Env, fallback time.Time) (time.Time, error) {
	if s := env.Getenv("SOURCE_DATE_EPOCH"); s != "" {
		n, err := strconv.ParseInt(s, 10, 64)
		if err != nil || n < 0 {
			return time.Time{}, flagErrorf("SOURCE_DATE_EPOCH=%q is not a number of seconds since 1970", s)
		}
		return time.Unix(n, 0).UTC(), nil
	}
	return fallback.UTC(), nil
}

// oneDocument tunes the collector for a process that makes one document and exits: it
// allocates some 20 MB (fpdf parses and subsets its fonts) and keeps little, so
// collecting on the way costs more than it frees (a cold handout: 34 → 26 ms here). The
// collector still runs if the heap nears 256 MB. It returns the undo, for tests and for
// callers that go on.
func oneDocument() (undo func()) {
	gc := debug.SetGCPercent(-1)
	limit := debug.SetMemoryLimit(256 << 20)
	return func() {
		debug.SetGCPercent(gc)
		debug.SetMemoryLimit(limit)
	}
}

// cannotPrint says why the characters bad (named as codes) cannot be printed and what to
// do: add a font, or, for right-to-left scripts that no font helps with, write Latin.
func cannotPrint(bad []rune, codes string) string {
	if slices.ContainsFunc(bad, font.RightToLeft) {
		return fmt.Sprintf("%s: right-to-left text (Hebrew, Arabic) cannot be printed correctly yet: write it in Latin letters", codes)
	}
	return fmt.Sprintf("no font can print %s: add a font that has it to fonts/", codes)
}
