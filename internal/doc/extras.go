package doc

// Note is the clinician's note for this patient (--notes), set apart from the body: a
// bold label and the text, on a tinted band with a rule down its left edge.
type Note struct {
	Label string // "Notes"
	Text  string
}

// Signoff is a line for the clinician to fill in by hand: "Given by ______ on ______".
// Parts are the words around the blanks: a blank is drawn between each part and the
// next, so Parts {"Given by", "on", ""} has two blanks. Empty parts draw nothing.
type Signoff struct {
	Parts []string
}

// NotesBox is a box with a title and ruled lines to write on.
type NotesBox struct {
	Title string
	Lines int // ruled lines, at least 1
}

func (Note) block()     {}
func (Signoff) block()  {}
func (NotesBox) block() {}

// SmallPrint is a line of fine print, such as the content's version and review date: set
// small and muted, and never alone at the top of a page.
type SmallPrint struct {
	Text string
}

func (SmallPrint) block() {}

// Details are short labelled lines, such as the clinic's address and opening hours:
// each "Label: value" on a line of its own, kept together on one page.
type Details struct {
	Items []Field
}

func (Details) block() {}
