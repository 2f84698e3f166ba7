package content

import (
	"strings"

	"github.com/careprint/careprint/internal/geom"
)

// Logo placements a layout's [header] logo may name.
const (
	LogoNone  = "none"
	LogoLeft  = "left"
	LogoRight = "right"
)

// DefaultNotesLines is how many ruled lines a notes box has when the layout does not
// say; MaxNotesLines is the most it may ask for (a page's worth).
const (
	DefaultNotesLines = 4
	MaxNotesLines     = 25
)

// DefaultLogoHeight is a handout logo's height when the layout does not say.
var DefaultLogoHeight = geom.MM(12)

// checkLayout fills the defaults of the layout keys for the header, the heading font and
// colours and the treatments a layout is for, and checks them.
func (l *loader) checkLayout(f *file, lay *Layout) {
	l.checkLayoutTreatments(f, lay)
	if lay.Type.HeadingFont == "" {
		lay.Type.HeadingFont = lay.Type.Font
	}
	h := &lay.Header
	switch h.Logo {
	case "":
		h.Logo = LogoLeft // printed when the clinic has a logo
	case LogoNone, LogoLeft, LogoRight:
	default:
		f.errorf("header.logo", "unknown logo place %q (want left, right or none)", h.Logo)
	}
	if lay.Kind != KindHandout && (f.has("header") || f.has("header.logo") || f.has("header.logo_height")) {
		f.errorf("header", "a %s has no header band: its logo prints on the cover; remove [header]", lay.Kind)
	}
	if !f.has("notes_box.lines") {
		lay.NotesBox.Lines = DefaultNotesLines
	}
	if n := lay.NotesBox.Lines; n < 1 || n > MaxNotesLines {
		f.errorf("notes_box.lines", "%d ruled lines is out of range (1 to %d)", n, MaxNotesLines)
	}
	if !f.has("header.logo_height") {
		h.LogoHeight = DefaultLogoHeight
	}
	if h.LogoHeight < geom.MM(5) || h.LogoHeight > geom.MM(40) {
		f.errorf("header.logo_height", "logo height %s mm is out of range (5 mm to 40 mm)", strings.TrimRight(strings.TrimRight(h.LogoHeight.String(), "0"), "."))
	}
	if f.has("header.logo") && h.Logo != LogoNone && l.p.Clinic != nil && l.p.Clinic.Logo == "" && l.o.Origin(f.name) == FromProject {
		f.warnf("header.logo", "the clinic has no logo to print: add logo = \"logo.png\" to %s, or set logo = \"none\"", clinicFile)
	}
}

func (f *file) warnf(key, format string, args ...any) {
	line, col := f.at(key)
	f.l.diags.Warnf(f.name, line, col, key, format, args...)
}
