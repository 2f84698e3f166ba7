// Package doc is the resolved document: what a handout or brochure says, in reading order,
// with every placeholder filled and every date computed. It knows nothing of pages; the
// layout engine turns it into positioned items.
package doc

// Document is one printed material before layout.
type Document struct {
	// Title, Subject, Lang and Author go into the PDF metadata. They never hold the
	// patient's name.
	Title   string
	Subject string
	Lang    string
	Author  string

	// Header is drawn as a coloured band at the top of the first page.
	Header Header
	// Footer is the text at the bottom of every page, left of the page number.
	Footer string
	// PageLabel is the page number in the document's language, as a format: the layout
	// fills in {page} and {pages}, e.g. "Página {page} de {pages}". Empty prints
	// "{page}/{pages}".
	PageLabel string
	// Running identifies the patient discreetly beside the page number on every page
	// after the first ("Zoë Ł. · Tue 1 Dec 2026"); empty for none.
	Running string

	Blocks []Block

	// Warnings are problems of the content that the run reports (never patient data),
	// such as conditions whose follow-up windows do not overlap.
	Warnings []string

	// Flows are a brochure's content: each fills a run of named panels, in reading
	// order. A handout has none.
	Flows []Flow
}

// Flow is a run of named parts that fills panels one after the other.
type Flow struct {
	Panels []string
	Parts  []Part
}

// Part is the blocks of one layout block id, named so that a message can say which
// content does not fit.
type Part struct {
	Name   string
	Blocks []Block
}

// Header is the clinic band at the top of the first page.
type Header struct {
	Title    string   // the clinic's name
	Subtitle string   // e.g. "Your microneedling aftercare"
	Lines    []string // contact lines, right-aligned
	// Address is the clinic's address, under the contact lines: on one line when it fits
	// in their column, else one line per entry.
	Address []string
}

// Block is a piece of flow content: Heading, Paragraph, List, Table, Callout, Fields, QR.
type Block interface{ block() }

// Inline is a run of text in one style.
type Inline struct {
	Text   string
	Bold   bool
	Italic bool
	Link   string // a URL, or empty
}

// Heading starts a section. Level 1 headings are the sections of the handout and become
// bookmarks in the PDF outline; level 2 headings sit inside a section.
type Heading struct {
	Level int
	Text  string
}

// Paragraph is a run of inline text that wraps.
type Paragraph struct {
	Inlines []Inline
	// Heading, when above 0, makes the paragraph a heading of that level in the PDF's
	// structure (tags) while it is drawn as a paragraph: a warning box's title.
	Heading int
}

// List is a bullet or numbered list. Each item is a sequence of blocks, usually one
// paragraph.
type List struct {
	Ordered bool
	// Check draws each item with an empty tick box, for a checklist.
	Check bool
	Start int // first number of an ordered list; 0 means 1
	Items [][]Block
}

// Table has a header row and body rows; each cell is a sequence of blocks. Widths are
// relative column weights (e.g. 1, 2, 2); nil means equal columns.
type Table struct {
	Header []Cell
	Rows   [][]Cell
	Widths []int
}

// Cell is one table cell.
type Cell []Block

// Callout is a boxed block, such as "Call us if". Its title is a section of the outline.
type Callout struct {
	Title string
	// Tone is "caution" (the default) or "urgent", drawn so that the two are told apart
	// also in grey.
	Tone   string
	Blocks []Block
}

// Fields is a row of label/value pairs, such as the patient line.
type Fields struct {
	Items []Field
}

// Field is one label/value pair.
type Field struct {
	Label string
	Value string
}

// QR is a QR code that links to URL, with a caption beside it.
type QR struct {
	URL     string
	Caption string
	// Details are labelled lines set under the caption, such as the clinic's address and
	// opening hours.
	Details []Field
}

// Cover is a brochure's front: a colour band with the clinic's name and tagline, the
// logo, the title, what it is also called, a one-line promise and how to reach the clinic.
type Cover struct {
	Clinic, Tagline string
	Title, Also     string
	Promise         []Inline
	Logo            *Image
	Contact         []string // lines at the foot of the cover: the phone, the web address
}

// Image is a picture: PNG bytes, its pixel size, and the file it came from.
type Image struct {
	Name          string
	PNG           []byte
	Width, Height int
	Alt           string // what it shows, for screen readers
}

func (Cover) block()     {}
func (Heading) block()   {}
func (Paragraph) block() {}
func (List) block()      {}
func (Table) block()     {}
func (Callout) block()   {}
func (Fields) block()    {}
func (QR) block()        {}

// Text returns a paragraph of one plain run.
func Text(s string) Paragraph { return Paragraph{Inlines: []Inline{{Text: s}}} }
