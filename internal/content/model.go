package content

import (
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/careprint/careprint/internal/doc"
	"github.com/careprint/careprint/internal/geom"
)

// Clinic is content/clinic.toml: who prints the material and how patients reach them.
type Clinic struct {
	Name       string   `toml:"name"`
	Tagline    string   `toml:"tagline"`
	Phone      string   `toml:"phone"`
	AfterHours string   `toml:"after_hours"`
	Email      string   `toml:"email"`
	Website    string   `toml:"website"`
	BookingURL string   `toml:"booking_url"`
	Address    []string `toml:"address"`
	Hours      string   `toml:"hours"`
	Logo       string   `toml:"logo"` // a path relative to the project root, optional
	// LogoImage is the logo, decoded and re-encoded as PNG at load (nil without a logo).
	LogoImage *Image `toml:"-"`
	// Where returns the line and column of a key in the file (0, 0 when not written).
	Where  func(key string) (line, col int) `toml:"-"`
	Colors struct {
		Primary geom.RGB `toml:"primary"` // header band, headings
		Light   geom.RGB `toml:"light"`   // callout and table-header backgrounds
	} `toml:"colors"`
}

// Treatment is content/treatments/<id>.toml.
type Treatment struct {
	ID         string                           `toml:"-"`
	File       string                           `toml:"-"`
	Where      func(key string) (line, col int) `toml:"-"`
	Title      string                           `toml:"title"`
	AlsoCalled string                           `toml:"also_called"`
	Promise    string                           `toml:"promise"` // one line for a brochure cover
	WhatItIs   string                           `toml:"what_it_is"`
	HowItHelps string                           `toml:"how_it_helps"`
	During     struct {
		MinutesMin int    `toml:"minutes_min"`
		MinutesMax int    `toml:"minutes_max"`
		Text       string `toml:"text"`
	} `toml:"during"`
	Aftercare      []Phase  `toml:"aftercare"`
	AftercareNote  string   `toml:"aftercare_note"`
	WarningSigns   []string `toml:"warning_signs"`
	NotRecommended string   `toml:"not_recommended"`
	Closing        string   `toml:"closing"`
	Review         Review   `toml:"review"`

	// Doc is the printed form of the text fields, compiled once at load.
	Doc TreatmentDoc `toml:"-"`
}

// TreatmentDoc holds a treatment's text fields with placeholders filled and Markdown parsed.
type TreatmentDoc struct {
	WhatItIs, HowItHelps, During, AftercareNote, NotRecommended, Closing []doc.Block
	Promise                                                              []doc.Inline
	WarningSigns                                                         [][]doc.Inline
	Phases                                                               []PhaseDoc
}

// PhaseDoc is one aftercare phase, compiled.
type PhaseDoc struct {
	Expect    []doc.Inline
	Do, Avoid [][]doc.Inline
}

// Phase is one row of the aftercare table: days counted from the treatment day (day 0).
type Phase struct {
	FromDay int      `toml:"from_day"`
	ToDay   int      `toml:"to_day"`
	Expect  string   `toml:"expect"`
	Do      []string `toml:"do"`
	Avoid   []string `toml:"avoid"`
}

// Review is the content's review metadata.
type Review struct {
	Version    string `toml:"version"`
	ReviewedBy string `toml:"reviewed_by"`
	ReviewDue  Date   `toml:"review_due"`
}

// Condition is content/conditions/<id>.toml: a skin condition a treatment helps with.
type Condition struct {
	ID        string                           `toml:"-"`
	File      string                           `toml:"-"`
	Where     func(key string) (line, col int) `toml:"-"`
	Title     string                           `toml:"title"`
	Treatment string                           `toml:"treatment"` // the id of a treatment
	WhatItIs  string                           `toml:"what_it_is"`
	Sessions  struct {
		Min int `toml:"min"`
		Max int `toml:"max"`
	} `toml:"sessions"`
	WeeksBetween struct {
		Min int `toml:"min"`
		Max int `toml:"max"`
	} `toml:"weeks_between"`
	Results      string `toml:"results"`
	CombinesWith string `toml:"combines_with"`
	Cautions     string `toml:"cautions"`
	// Summary is one or two sentences for a brochure, where every condition gets a few
	// lines; without it a brochure prints what_it_is.
	Summary string `toml:"summary"`

	// Doc is the printed form of the text fields, compiled once at load.
	Doc ConditionDoc `toml:"-"`
}

// ConditionDoc holds a condition's text fields, compiled.
type ConditionDoc struct {
	WhatItIs, Results, CombinesWith, Cautions, Summary []doc.Block
}

// Date is a calendar date, written in TOML as 2027-11-30 or "2027-11-30".
type Date struct{ time.Time }

// UnmarshalText reads YYYY-MM-DD.
func (d *Date) UnmarshalText(b []byte) error {
	s := string(b)
	// A TOML local date reaches us as a time at midnight UTC.
	if rest, ok := strings.CutPrefix(s[min(len(s), 10):], "T00:00:00"); ok && (rest == "" || rest == "Z") {
		s = s[:10]
	}
	t, err := time.Parse("2006-01-02", s)
	if err != nil {
		return fmt.Errorf("invalid date %q (want YYYY-MM-DD, e.g. 2027-11-30)", string(b))
	}
	d.Time = t
	return nil
}

// Layout is layouts/<id>.toml: page geometry, type scale, colours and the order of blocks.
// A layout never holds content text.
type Layout struct {
	ID          string                           `toml:"-"`
	File        string                           `toml:"-"`
	Where       func(key string) (line, col int) `toml:"-"`
	Description string                           `toml:"description"`
	// Kind is handout (pages of flowing text), trifold (a letter-fold brochure of six
	// panels) or booklet (A5 pages for saddle stitching).
	Kind       string   `toml:"kind"`
	Paper      string   `toml:"paper"`
	LargePrint bool     `toml:"large_print"`
	Blocks     []string `toml:"blocks"`
	// Flows say which blocks fill which panels of a brochure, in reading order: a flow's
	// blocks fill its first panel, then run on into the next.
	Flows []Flow `toml:"flow"`
	Fold  struct {
		// Allowance is how much narrower the folds-in panel is than the other two, by
		// paper (letter 1/16 in, a4 3 mm), so that it tucks in without buckling.
		Allowance map[string]geom.Length `toml:"allowance"`
	} `toml:"fold"`
	Margins struct {
		Top    geom.Length `toml:"top"`
		Bottom geom.Length `toml:"bottom"`
		Left   geom.Length `toml:"left"`
		Right  geom.Length `toml:"right"`
	} `toml:"margins"`
	Type struct {
		Font      string      `toml:"font"`
		Fallback  string      `toml:"fallback"`
		Body      geom.Length `toml:"body"`
		Small     geom.Length `toml:"small"`
		H1        geom.Length `toml:"h1"`
		H2        geom.Length `toml:"h2"`
		Title     geom.Length `toml:"title"`
		Leading   Ratio       `toml:"leading"`
		ParaSpace geom.Length `toml:"para_space"`
	} `toml:"type"`
	Colors struct {
		Text  geom.RGB `toml:"text"`
		Muted geom.RGB `toml:"muted"`
		Rule  geom.RGB `toml:"rule"`
	} `toml:"colors"`
}

// Ratio is a number such as a line height of 1.35, kept as thousandths (1350).
type Ratio int

// UnmarshalText reads a decimal number between 0.5 and 3.
func (r *Ratio) UnmarshalText(b []byte) error {
	f, err := strconv.ParseFloat(string(b), 64)
	if err != nil || f < 0.5 || f > 3 {
		return fmt.Errorf("invalid ratio %q (want a number from 0.5 to 3, e.g. 1.4)", string(b))
	}
	*r = Ratio(f*1000 + 0.5)
	return nil
}

// Flow is one [[flow]] of a brochure layout.
type Flow struct {
	Panels []string `toml:"panels"`
	Blocks []string `toml:"blocks"`
}

// Image is a picture ready for the PDF: PNG bytes (never interlaced) and its size in
// pixels.
type Image struct {
	File          string
	PNG           []byte
	Width, Height int
}

// Layout kinds.
const (
	KindHandout = "handout"
	KindTrifold = "trifold"
	KindBooklet = "booklet"
)

// Panels each brochure kind has. A trifold's outside reads [folds-in][back][front] left
// to right and its inside [inside-1][inside-2][inside-3]; inside-3 is the back of the
// folds-in panel. A booklet has a cover page, body pages and a back page.
var Panels = map[string][]string{
	KindTrifold: {"front", "back", "folds-in", "inside-1", "inside-2", "inside-3"},
	KindBooklet: {"cover", "pages", "back"},
}

// Block ids a layout may list, in the handout's usual order.
var BlockIDs = []string{
	"patient", "what_it_is", "how_it_helps", "conditions", "during", "aftercare",
	"next_session", "not_recommended", "warning_signs", "closing", "booking",
	// Brochure blocks: the cover, every condition in brief, aftercare without dates, the
	// clinic's contact details, and the content's version and review date.
	"cover", "conditions_brief", "aftercare_brief", "contact", "about",
}

// Settings is careprint.toml at the project root: the project's thresholds and the
// printed materials that careprint build makes.
type Settings struct {
	Where func(key string) (line, col int) `toml:"-"`
	// Date fixes the document date of every output (else SOURCE_DATE_EPOCH, else each
	// sample patient's treatment date).
	Date    Date     `toml:"date"`
	Outputs []Output `toml:"output"`
	// AllowOutsideLinks lets symbolic links in the project lead to files outside it.
	AllowOutsideLinks bool `toml:"allow_outside_links"`
	Readability       struct {
		// MaxGrade is the highest reading grade a section may score on Flesch-Kincaid and
		// SMOG (default 8).
		MaxGrade float64 `toml:"max_grade"`
	} `toml:"readability"`
}

// Output is one printed material that careprint build makes.
type Output struct {
	Kind      string `toml:"kind"` // handout or brochure
	Path      string `toml:"path"` // under the output folder, e.g. samples/acne-scars.pdf
	Treatment string `toml:"treatment"`
	Layout    string `toml:"layout"`
	Paper     string `toml:"paper"`
	Language  string `toml:"language"`
	// Print-shop options of a brochure: bleed, crop and fold marks, and (for a booklet)
	// printer spreads.
	Bleed   bool `toml:"bleed"`
	Marks   bool `toml:"marks"`
	Imposed bool `toml:"imposed"`
	Patient struct {
		Name       string   `toml:"name"` // a fictional sample patient
		Date       Date     `toml:"date"`
		Clinician  string   `toml:"clinician"`
		Conditions []string `toml:"conditions"`
		Notes      string   `toml:"notes"`
	} `toml:"patient"`
}
