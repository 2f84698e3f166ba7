package doc

// LanguageHelp is the notice that free language help is available: a title and one line
// per language, each line in its own language and script (HHS Section 1557 taglines).
type LanguageHelp struct {
	Title string
	Lines []LanguageLine
}

// LanguageLine is one line of a LanguageHelp notice.
type LanguageLine struct {
	// Lang is the line's language (BCP 47), or "" when it is the document's.
	Lang string
	Text string
	// Family is a font family that prints the characters the layout's fonts lack (a CJK
	// font for Chinese), or "".
	Family string
}

func (LanguageHelp) block() {}
