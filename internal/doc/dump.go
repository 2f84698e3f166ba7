package doc

import (
	"fmt"
	"strings"
)

// Dump prints the document tree as indented text, one block a line, for tests.
func Dump(d *Document) string {
	var b strings.Builder
	fmt.Fprintf(&b, "title %q\nsubject %q\nheader %q %q %q\nfooter %q\n", d.Title, d.Subject, d.Header.Title, d.Header.Subtitle, d.Header.Lines, d.Footer)
	dumpBlocks(&b, d.Blocks, "")
	for _, f := range d.Flows {
		fmt.Fprintf(&b, "flow %s\n", strings.Join(f.Panels, " "))
		for _, p := range f.Parts {
			fmt.Fprintf(&b, "  part %s\n", p.Name)
			dumpBlocks(&b, p.Blocks, "    ")
		}
	}
	return b.String()
}

func dumpBlocks(b *strings.Builder, blocks []Block, indent string) {
	for _, bl := range blocks {
		switch bl := bl.(type) {
		case Heading:
			fmt.Fprintf(b, "%sh%d %s\n", indent, bl.Level, bl.Text)
		case Paragraph:
			fmt.Fprintf(b, "%sp %s\n", indent, inlines(bl.Inlines))
		case List:
			kind := "ul"
			if bl.Ordered {
				kind = "ol"
			}
			if bl.Check {
				kind = "checklist"
			}
			fmt.Fprintf(b, "%s%s\n", indent, kind)
			for _, it := range bl.Items {
				fmt.Fprintf(b, "%s  -\n", indent)
				dumpBlocks(b, it, indent+"    ")
			}
		case Table:
			fmt.Fprintf(b, "%stable %v\n", indent, bl.Widths)
			for _, row := range append([][]Cell{bl.Header}, bl.Rows...) {
				fmt.Fprintf(b, "%s  row\n", indent)
				for _, c := range row {
					fmt.Fprintf(b, "%s    cell\n", indent)
					dumpBlocks(b, c, indent+"      ")
				}
			}
		case Callout:
			if bl.Tone != "" && bl.Tone != "caution" {
				fmt.Fprintf(b, "%scallout %s %q\n", indent, bl.Tone, bl.Title)
			} else {
				fmt.Fprintf(b, "%scallout %q\n", indent, bl.Title)
			}
			dumpBlocks(b, bl.Blocks, indent+"  ")
		case Fields:
			for _, f := range bl.Items {
				fmt.Fprintf(b, "%sfield %s: %s\n", indent, f.Label, f.Value)
			}
		case QR:
			fmt.Fprintf(b, "%sqr %s %q\n", indent, bl.URL, bl.Caption)
		case Cover:
			fmt.Fprintf(b, "%scover %q %q %q %q %s", indent, bl.Clinic, bl.Tagline, bl.Title, bl.Also, inlines(bl.Promise))
			if bl.Logo != nil {
				fmt.Fprintf(b, " logo=%s %dx%d", bl.Logo.Name, bl.Logo.Width, bl.Logo.Height)
			}
			b.WriteString("\n")
		}
	}
}

func inlines(in []Inline) string {
	var b strings.Builder
	for _, i := range in {
		s := i.Text
		if i.Bold {
			s = "**" + s + "**"
		}
		if i.Italic {
			s = "*" + s + "*"
		}
		if i.Link != "" {
			s = "[" + s + "](" + i.Link + ")"
		}
		b.WriteString(s)
	}
	return b.String()
}

// PlainText returns every word the document prints, in reading order, one block a line,
// with no markup: for tests and readability checks.
func PlainText(d *Document) string {
	var b strings.Builder
	b.WriteString(d.Header.Title + "\n" + d.Header.Subtitle + "\n")
	for _, l := range d.Header.Lines {
		b.WriteString(l + "\n")
	}
	plainBlocks(&b, d.Blocks)
	for _, f := range d.Flows {
		for _, p := range f.Parts {
			plainBlocks(&b, p.Blocks)
		}
	}
	b.WriteString(d.Footer + "\n")
	return b.String()
}

func plainBlocks(b *strings.Builder, blocks []Block) {
	for _, bl := range blocks {
		switch bl := bl.(type) {
		case Heading:
			b.WriteString(bl.Text + "\n")
		case Paragraph:
			for _, in := range bl.Inlines {
				b.WriteString(in.Text)
			}
			b.WriteString("\n")
		case List:
			for _, it := range bl.Items {
				plainBlocks(b, it)
			}
		case Table:
			for _, row := range append([][]Cell{bl.Header}, bl.Rows...) {
				for _, c := range row {
					plainBlocks(b, c)
				}
			}
		case Callout:
			b.WriteString(bl.Title + "\n")
			plainBlocks(b, bl.Blocks)
		case Fields:
			for _, f := range bl.Items {
				b.WriteString(f.Label + ": " + f.Value + "\n")
			}
		case QR:
			b.WriteString(bl.Caption + "\n")
		case Cover:
			b.WriteString(bl.Clinic + "\n" + bl.Tagline + "\n" + bl.Title + "\n" + bl.Also + "\n")
			for _, in := range bl.Promise {
				b.WriteString(in.Text)
			}
			b.WriteString("\n")
		}
	}
}
