package layout

import (
	"github.com/careprint/careprint/internal/doc"
	"github.com/careprint/careprint/internal/geom"
)

// Measurer measures text with a font's metrics. The real one reads the TrueType files;
// tests use a fixed-width fake so that golden dumps do not depend on fonts.
type Measurer interface {
	// Width is the advance of s set in face at size. s is drawn in that one face: the
	// caller has already split text by FaceFor.
	Width(face Face, size geom.Length, s string) geom.Length
	// FaceFor returns the face that draws r when face is wanted: face itself when its font
	// has the glyph, else the fallback family's face. ok is false when no font has it.
	FaceFor(face Face, r rune) (f Face, ok bool)
}

// Style is the geometry and type scale of a page layout, read from layouts/*.toml.
type Style struct {
	PageWidth, PageHeight geom.Length
	MarginTop             geom.Length
	MarginBottom          geom.Length
	MarginLeft            geom.Length
	MarginRight           geom.Length

	Family string // primary font family, e.g. "AtkinsonHyperlegible"
	// HeadingFamily sets headings and the clinic's name in the header band and on a
	// brochure cover; empty means Family.
	HeadingFamily string
	BodySize      geom.Length // body text
	SmallSize     geom.Length // footer, captions
	H1Size        geom.Length // section headings
	H2Size        geom.Length // sub-headings
	TitleSize     geom.Length // the clinic's name in the header band
	// Leading is the line height as a multiple of the font size, in thousandths
	// (1350 = 1.35).
	Leading int
	// ParaSpace is the space after a paragraph, list or table.
	ParaSpace geom.Length
	// NoColumns sets tables without columns, one row after another with each cell led by
	// its column's heading: large print avoids columns (DOMAIN.md b7).
	NoColumns bool

	Text      geom.RGB // body text
	Heading   geom.RGB // headings
	Muted     geom.RGB // footer, captions
	Band      geom.RGB // header band background
	BandText  geom.RGB // text on the band
	Rule      geom.RGB // table rules, callout border
	CalloutBg geom.RGB // callout background
	TableHead geom.RGB // table header row background

	// Logo is the clinic's logo in a handout's header band, or nil.
	Logo *Logo
}

// Logo is a picture in the header band: left of the clinic's name, or right of the
// contact lines, at a fixed height (narrowed to a third of the text width when wide).
type Logo struct {
	Image  doc.Image
	Right  bool
	Height geom.Length
}

// LineHeight is the distance between baselines for text of the given size.
func (s *Style) LineHeight(size geom.Length) geom.Length {
	return size * geom.Length(s.Leading) / 1000
}

// headingFamily is the family of headings.
func (s *Style) headingFamily() string {
	if s.HeadingFamily != "" {
		return s.HeadingFamily
	}
	return s.Family
}

// heading returns the engine, set to draw text in the heading family: a copy of it with
// its own style, so that everything else the engine carries stays as it is.
func (e *engine) heading() *engine {
	if e.st.headingFamily() == e.st.Family {
		return e
	}
	st := *e.st
	st.Family = st.headingFamily()
	he := *e
	he.st = &st
	return &he
}
