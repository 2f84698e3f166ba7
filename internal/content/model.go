package content

import (
	"fmt"
	"strconv"
	"strings"
	"time"

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
	// LogoAlt is what the logo shows, for screen readers (default: "<name> logo").
	LogoAlt string `toml:"logo_alt"`
	// Locale is the clinic's language and region, e.g. "en-US": the language of handouts
	// that ask for none, and the form of its dates (default en-GB).
	Locale string `toml:"locale"`
	// Translation is set in a translation (clinic.es.toml).
	Translation TranslationInfo `toml:"translation"`
	// LanguageHelp lists the languages the clinic offers free help in, each line in its
	// own language, for the "language_help" block.
	LanguageHelp []LanguageHelp `toml:"language_help"`
	// LogoImage is the logo, decoded and re-encoded as PNG at load (nil without a logo).
	LogoImage *Image `toml:"-"`
	// Where returns the line and column of a key in the file (0, 0 when not written).
	Where  func(key string) (line, col int) `toml:"-"`
	Colors struct {
		Primary geom.RGB `toml:"primary"` // header band, headings
		Light   geom.RGB `toml:"light"`   // callout and table-header backgrounds
	} `toml:"colors"`
}

// Treatment is content/treatments/<id>.toml: its name, and the sections its author
// writes, headings included, in the order they print.
type Treatment struct {
	ID         string                           `toml:"-"`
	File       string                           `toml:"-"`
	Where      func(key string) (line, col int) `toml:"-"`
	Title      string                           `toml:"title"`
	AlsoCalled string                           `toml:"also_called"`
	Promise    string                           `toml:"promise"` // one line for a brochure cover
	// Subtitle is the line under the clinic's name in a handout's header band (default:
	// the title).
	Subtitle string    `toml:"subtitle"`
	Sections []Section `toml:"section"`
	Review   Review    `toml:"review"`
	// Translation is set in a translation (microneedling.es.toml).
	Translation TranslationInfo `toml:"translation"`

	// PromiseText is Promise, compiled at load.
	PromiseText *Text `toml:"-"`
}

// Section kinds.
const (
	SectionText       = "text"       // Markdown
	SectionList       = "list"       // a bullet list of items, after the text
	SectionChecklist  = "checklist"  // items with empty tick boxes, after the text
	SectionWarning    = "warning"    // a box titled by the heading, in a tone
	SectionAftercare  = "aftercare"  // a table of phases with real dates, then the text
	SectionFollowup   = "followup"   // visits with real dates, then the text
	SectionConditions = "conditions" // where the chosen conditions print
)

// SectionKinds lists the kinds a section may have.
var SectionKinds = []string{SectionText, SectionList, SectionChecklist, SectionWarning, SectionAftercare, SectionFollowup, SectionConditions}

// Where a section prints.
const (
	ShowBoth     = "both"
	ShowHandout  = "handout"
	ShowBrochure = "brochure"
)

// Warning tones, each drawn differently.
const (
	ToneCaution = "caution" // "Call us if": a box in the clinic's colour
	ToneUrgent  = "urgent"  // "Call 911 now if": a red box with a solid title bar
)

// Section is one [[section]] of a treatment or a condition.
type Section struct {
	ID string `toml:"id"`
	// Heading is printed above the section (the box's title for a warning); it may use
	// the placeholders of a handout, such as {{.Patient.FirstName}}.
	Heading         string   `toml:"heading"`
	BrochureHeading string   `toml:"brochure_heading"`
	Kind            string   `toml:"kind"`
	Show            string   `toml:"show"`
	Tone            string   `toml:"tone"`
	Text            string   `toml:"text"`
	BrochureText    string   `toml:"brochure_text"`
	Items           []string `toml:"items"`
	Phases          []Phase  `toml:"phase"`
	Visits          []Visit  `toml:"visit"`

	// C is the section compiled at load: placeholders checked, Markdown parsed.
	C SectionDoc `toml:"-"`
}

// SectionDoc holds a section's text fields, compiled.
type SectionDoc struct {
	Heading, BrochureHeading, Text, BrochureText *Text
	Items                                        []*Text
	Phases                                       []PhaseText
}

// OnHandout and OnBrochure say where the section prints.
func (s *Section) OnHandout() bool  { return s.Show != ShowBrochure }
func (s *Section) OnBrochure() bool { return s.Show != ShowHandout }

// Phase is one row of an aftercare table, a span of time counted from the treatment:
// days are whole days (day 0 is the treatment day, from 1 to 3 is three days); hours and
// weeks run from the treatment's time, from "from" up to "to".
type Phase struct {
	From   int      `toml:"from"`
	To     int      `toml:"to"`
	Unit   string   `toml:"unit"` // hours, days or weeks (default days)
	Expect string   `toml:"expect"`
	Do     []string `toml:"do"`
	Avoid  []string `toml:"avoid"`
}

// Units of time.
const (
	Hours  = "hours"
	Days   = "days"
	Weeks  = "weeks"
	Months = "months"
)

// PhaseText is one aftercare phase, compiled.
type PhaseText struct {
	Expect    *Text
	Do, Avoid []*Text
}

// Visit is one visit of a follow-up plan: a window counted from the treatment date, from
// "from" to "to" units after it (equal ends: one day).
type Visit struct {
	ID       string   `toml:"id"`
	Label    string   `toml:"label"` // e.g. "Book your next session"
	From     int      `toml:"from"`
	To       int      `toml:"to"`
	Unit     string   `toml:"unit"` // days, weeks or months
	Sessions Sessions `toml:"sessions"`

	// LabelText is Label, compiled.
	LabelText *Text `toml:"-"`
}

// Sessions is how many sessions a course takes in all; zero when the plan does not say.
type Sessions struct {
	Min int `toml:"min"`
	Max int `toml:"max"`
}

// Review is the content's review metadata.
type Review struct {
	Version    string `toml:"version"`
	ReviewedBy string `toml:"reviewed_by"`
	ReviewDue  Date   `toml:"review_due"`
}

// Condition is content/conditions/<id>.toml: a skin condition that one or more
// treatments help with, and its part of the handout.
type Condition struct {
	ID    string                           `toml:"-"`
	File  string                           `toml:"-"`
	Where func(key string) (line, col int) `toml:"-"`
	Title string                           `toml:"title"`
	// Treatments are the ids of the treatments that cover the condition.
	Treatments []string `toml:"treatments"`
	// OldTreatment is the key of the first model (one treatment); it is an error that
	// says how to move on.
	OldTreatment any `toml:"treatment"`
	// Text is printed under the condition's title in a handout.
	Text string `toml:"text"`
	// Summary is one or two sentences for a brochure, where every condition gets a few
	// lines; without it a brochure prints the text.
	Summary  string    `toml:"summary"`
	Sections []Section `toml:"section"`
	// Visits give the condition's own windows for visits of the treatment's follow-up
	// plan, by visit id.
	Visits []Visit `toml:"visit"`
	// PerTreatment holds what is different when a given treatment treats it:
	// [for.chemical-peel] tables.
	PerTreatment map[string]*ConditionPart `toml:"for"`
	// Translation is set in a translation (acne-scars.es.toml).
	Translation TranslationInfo `toml:"translation"`

	// Part is the shared text, compiled.
	Part ConditionPart `toml:"-"`
}

// ConditionPart is what a condition prints: its text, summary, sections and visits,
// shared or for one treatment.
type ConditionPart struct {
	Text     string    `toml:"text"`
	Summary  string    `toml:"summary"`
	Sections []Section `toml:"section"`
	Visits   []Visit   `toml:"visit"`

	TextC, SummaryC *Text `toml:"-"`
}

// For returns what the condition prints with a treatment: the shared part, with the
// treatment's own text and summary in place of the shared ones, its own sections after
// the shared ones (one with the id of a shared section replaces it), and its own visits
// in place of shared visits of the same id.
func (c *Condition) For(treatment string) ConditionPart {
	out := c.Part
	pt := c.PerTreatment[treatment]
	if pt == nil {
		return out
	}
	if pt.TextC != nil {
		out.TextC = pt.TextC
	}
	if pt.SummaryC != nil {
		out.SummaryC = pt.SummaryC
	}
	out.Sections = append([]Section(nil), out.Sections...)
	for _, s := range pt.Sections {
		replaced := false
		for i := range out.Sections {
			if s.ID != "" && out.Sections[i].ID == s.ID {
				out.Sections[i], replaced = s, true
			}
		}
		if !replaced {
			out.Sections = append(out.Sections, s)
		}
	}
	out.Visits = append([]Visit(nil), out.Visits...)
	for _, v := range pt.Visits {
		replaced := false
		for i := range out.Visits {
			if out.Visits[i].ID == v.ID {
				out.Visits[i], replaced = v, true
			}
		}
		if !replaced {
			out.Visits = append(out.Visits, v)
		}
	}
	return out
}

// Covers says whether the treatment treats the condition.
func (c *Condition) Covers(treatment string) bool {
	for _, t := range c.Treatments {
		if t == treatment {
			return true
		}
	}
	return false
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
	// Treatments are the ids of the treatments this layout prints; empty means all.
	Treatments []string `toml:"treatments"`
	// Kind is handout (pages of flowing text), trifold (a letter-fold brochure of six
	// panels) or booklet (A5 pages for saddle stitching).
	Kind       string   `toml:"kind"`
	Paper      string   `toml:"paper"`
	LargePrint bool     `toml:"large_print"`
	Blocks     []string `toml:"blocks"`
	// Omit names sections, by id, that this layout leaves out (e.g. a long closing text
	// that a tri-fold has no room for).
	Omit []string `toml:"omit"`
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
		Font     string `toml:"font"`
		Fallback string `toml:"fallback"`
		// HeadingFont is the family of headings and of the clinic's name in the header
		// band and on a brochure cover; empty means font.
		HeadingFont string      `toml:"heading_font"`
		Body        geom.Length `toml:"body"`
		Small       geom.Length `toml:"small"`
		H1          geom.Length `toml:"h1"`
		H2          geom.Length `toml:"h2"`
		Title       geom.Length `toml:"title"`
		Leading     Ratio       `toml:"leading"`
		ParaSpace   geom.Length `toml:"para_space"`
	} `toml:"type"`
	Colors struct {
		Text  geom.RGB `toml:"text"`
		Muted geom.RGB `toml:"muted"`
		Rule  geom.RGB `toml:"rule"`
		// Heading colours headings and the border of the "Call us if" box; nil means the
		// clinic's primary colour.
		Heading *geom.RGB `toml:"heading"`
		// BandText colours the text on the header band and on a brochure's cover band;
		// nil means white.
		BandText *geom.RGB `toml:"band_text"`
	} `toml:"colors"`
	// Header is the band at the top of a handout's first page.
	Header struct {
		// Logo places the clinic's logo (content/clinic.toml logo) in the band: left of the
		// clinic's name (the default), right of the contact lines, or none.
		Logo string `toml:"logo"`
		// LogoHeight is the logo's height; its width follows from the picture.
		LogoHeight geom.Length `toml:"logo_height"`
	} `toml:"header"`
	// NotesBox is the box of the "notes_box" block.
	NotesBox struct {
		// Lines is how many ruled lines it has to write on (default DefaultNotesLines).
		Lines int `toml:"lines"`
	} `toml:"notes_box"`
	// Footer is the line at the foot of every page.
	Footer struct {
		// Patient, true by default, puts a discreet identifier of the patient ("Zoë Ł. ·
		// Tue 1 Dec 2026") beside the page number on every page after the first, so that
		// loose sheets of a merged batch can be matched to their patient.
		Patient *bool `toml:"patient"`
	} `toml:"footer"`
}

// RunningPatient reports whether the layout identifies the patient on later pages.
func (l *Layout) RunningPatient() bool {
	return l.Footer.Patient == nil || *l.Footer.Patient
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

// Block ids a layout may list besides the ids of sections. "sections" is every section of
// the treatment that the layout does not place by id or kind elsewhere, in the
// treatment's order; "kind:warning" (any section kind) is every section of that kind not
// placed by id.
var BlockIDs = []string{
	"patient", "sections", "booking",
	// Brochure blocks: the cover, the clinic's contact details, and the content's version
	// and review date.
	"cover", "contact", "about",
	// The notice of free language help, in the languages the clinic lists.
	"language_help",
	// The clinic's address and opening hours, a "Given by ___ on ___" line to sign, and a
	// box with ruled lines to write on.
	"clinic", "signoff", "notes_box",
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
		Time       string   `toml:"time"` // HH:MM, optional: times for aftercare in hours
		Clinician  string   `toml:"clinician"`
		Conditions []string `toml:"conditions"`
		Notes      string   `toml:"notes"`
	} `toml:"patient"`
}
