// Package engine is the work every command shares, below the command line: it opens a
// project once (its content, layouts and fonts over the built-in ones), checks it, and
// makes handouts and brochures from it as a display list or PDF bytes.
//
//	p := engine.Open(root, untagged)      // load and check; p.Diags holds every problem
//	r, err := p.Handout(req, date, true)  // resolve → lay out → write: r.Layout, r.PDF
//	r, err := p.Brochure(breq, date, true)
//
// Further checks that commands ask for on their own: CheckPlain, CheckReadability and
// (*Project).CheckBrochures. engine never prints and never exits: it returns diagnostics
// and errors, and the commands (package cli) decide what to say and with which exit code.
package engine

import (
	"fmt"
	"slices"
	"strconv"
	"strings"

	careprint "github.com/careprint/careprint"
	"github.com/careprint/careprint/internal/content"
	"github.com/careprint/careprint/internal/diag"
	"github.com/careprint/careprint/internal/font"
	"github.com/careprint/careprint/internal/layout"
	"github.com/careprint/careprint/internal/rtl"
	"github.com/careprint/careprint/internal/safefile"
)

// Project is what every command works from: the loaded content and the fonts.
type Project struct {
	Root    string // the project folder, or "" for built-in defaults only
	Content *content.Project
	Fonts   *font.Set
	Diags   diag.List
	// Untagged leaves the structure (tags) out of the PDFs (--no-tags).
	Untagged bool
	// Version is careprint's version, written into each PDF's producer.
	Version string
}

// Open loads the project folder root (none when "") over the built-in defaults, and runs
// every check that printing needs; their findings are in Diags, sorted.
func Open(root string, untagged bool) *Project {
	o := &content.Overlay{Builtin: careprint.Defaults}
	if root != "" {
		o.Project = safefile.NewDir(root, "project folder", ", or set allow_outside_links = true in careprint.toml")
	}
	p := &Project{Root: root, Untagged: untagged}
	p.Content, p.Diags = content.Load(o)
	fonts, err := font.Load(o, "fonts")
	if err != nil {
		p.Diags.Errorf("fonts", 0, 0, "", "%v", err)
	}
	p.Fonts = fonts
	if fonts != nil {
		checkFonts(p)
	}
	if p.Content.Clinic != nil {
		p.Diags = append(p.Diags, preflight(p.Content, fonts)...)
	}
	p.Diags.Sort()
	return p
}

// RuneList names characters by code point and, when printable, as themselves.
func RuneList(rs []rune) string {
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

// RuneCodes names characters by code point only: they come from health data.
func RuneCodes(rs []rune) string {
	s := make([]string, len(rs))
	for i, r := range rs {
		s[i] = fmt.Sprintf("U+%04X", r)
	}
	return strings.Join(s, ", ")
}

// CannotPrintPatient says why the body font of layout lay, with its fallback, cannot
// print s, a patient's name, clinician or note (characters named by code only: they are
// health data), and what to do; "" when it can. s is checked as drawn: right-to-left
// text shaped and in visual order.
func (p *Project) CannotPrintPatient(lay *content.Layout, s string) string {
	bad := p.Fonts.Missing(layout.Face{Family: lay.Type.Font}, rtl.Visual(s))
	if len(bad) == 0 {
		return ""
	}
	return CannotPrint(bad, RuneCodes(bad))
}

// CannotPrint says why the characters bad (named as codes) cannot be printed and what to
// do: add a font, or, for scripts that need a text shaper, write Latin.
func CannotPrint(bad []rune, codes string) string {
	if slices.ContainsFunc(bad, font.NeedsShaping) {
		return fmt.Sprintf("%s: this script needs its letters joined or reordered by a text shaper, which the PDF library cannot do: write it in Latin letters", codes)
	}
	return fmt.Sprintf("no font can print %s: add a font that has it to fonts/", codes)
}
