// Package markdown turns the Markdown of a content text field into document blocks.
// Fields hold paragraphs, bullet and numbered lists, emphasis and links; anything that
// cannot be printed faithfully (raw HTML, images, code blocks, tables) is an error.
package markdown

import (
	"bytes"
	"fmt"
	"slices"
	"strings"

	"github.com/yuin/goldmark"
	"github.com/yuin/goldmark/ast"
	"github.com/yuin/goldmark/extension"
	"github.com/yuin/goldmark/text"
	"github.com/yuin/goldmark/util"

	"github.com/careprint/careprint/internal/doc"
)

// Error is a problem at a line of the Markdown source (1-based), found at byte Offset of
// the source.
type Error struct {
	Line   int
	Offset int
	Msg    string
}

func (e *Error) Error() string { return fmt.Sprintf("line %d: %s", e.Line, e.Msg) }

var md = goldmark.New(goldmark.WithExtensions(
	extension.NewTypographer(extension.WithTypographicSubstitutions(extension.TypographicSubstitutions{
		extension.LeftSingleQuote:  []byte("‘"),
		extension.RightSingleQuote: []byte("’"),
		extension.LeftDoubleQuote:  []byte("“"),
		extension.RightDoubleQuote: []byte("”"),
		extension.EnDash:           []byte("–"),
		extension.EmDash:           []byte("—"),
		extension.Ellipsis:         []byte("…"),
		extension.LeftAngleQuote:   []byte("«"),
		extension.RightAngleQuote:  []byte("»"),
		extension.Apostrophe:       []byte("’"),
	})),
))

// Convert parses src and returns its blocks.
func Convert(src string) ([]doc.Block, error) {
	source := []byte(src)
	root := md.Parser().Parse(text.NewReader(source))
	c := converter{src: source}
	blocks := c.blocks(root)
	if c.err != nil {
		return nil, c.err
	}
	return blocks, nil
}

type converter struct {
	src []byte
	err *Error
}

func (c *converter) fail(n ast.Node, format string, args ...any) {
	if c.err != nil {
		return
	}
	c.err = &Error{Line: c.line(n), Offset: c.offset(n), Msg: fmt.Sprintf(format, args...)}
}

// failAt records a problem at byte offset off of the source.
func (c *converter) failAt(off int, format string, args ...any) {
	if c.err != nil {
		return
	}
	off = min(max(off, 0), len(c.src))
	c.err = &Error{Line: bytes.Count(c.src[:off], []byte("\n")) + 1, Offset: off, Msg: fmt.Sprintf(format, args...)}
}

// offset finds the byte offset in the source where a node starts, as far as its
// segments tell: the start of its first line, or of its first text.
func (c *converter) offset(n ast.Node) int {
	for m := n; m != nil; m = m.FirstChild() {
		if m.Type() == ast.TypeBlock && m.Lines().Len() > 0 {
			return m.Lines().At(0).Start
		}
		if t, ok := m.(*ast.Text); ok {
			return t.Segment.Start
		}
	}
	if p := n.Parent(); p != nil && p.Kind() != ast.KindDocument {
		return c.offset(p)
	}
	return 0
}

// linkSchemes are the only kinds of link a printed document may carry: a web page, an
// e-mail address or a phone number. Anything else (javascript:, file:, a relative path
// that a PDF reader would open on the reader's disk) is refused.
var linkSchemes = []string{"https", "http", "mailto", "tel"}

// checkLink reports a link whose destination is not https:, http:, mailto: or tel:.
func (c *converter) checkLink(dest string, off int) {
	scheme, _, ok := strings.Cut(dest, ":")
	if ok && slices.Contains(linkSchemes, strings.ToLower(scheme)) {
		return
	}
	c.failAt(off, "link %q is not allowed: a link starts with https://, http://, mailto: or tel:", dest)
}

// linkStart finds where the link node n starts: its first text, less the "[".
func (c *converter) linkStart(n ast.Node) int {
	off := c.offset(n)
	if i := bytes.LastIndexByte(c.src[:min(off, len(c.src))], '['); i >= 0 && bytes.Count(c.src[i:off], []byte("\n")) == 0 {
		return i
	}
	return off
}

// line finds the 1-based source line of a node from its first segment.
func (c *converter) line(n ast.Node) int {
	for m := n; m != nil; m = m.FirstChild() {
		if m.Type() == ast.TypeBlock && m.Lines().Len() > 0 {
			return bytes.Count(c.src[:m.Lines().At(0).Start], []byte("\n")) + 1
		}
		if t, ok := m.(*ast.Text); ok {
			return bytes.Count(c.src[:t.Segment.Start], []byte("\n")) + 1
		}
	}
	if p := n.Parent(); p != nil && p.Kind() != ast.KindDocument {
		return c.line(p)
	}
	return 1
}

func (c *converter) blocks(parent ast.Node) []doc.Block {
	var out []doc.Block
	for n := parent.FirstChild(); n != nil; n = n.NextSibling() {
		switch n := n.(type) {
		case *ast.Paragraph, *ast.TextBlock:
			if in := c.inlines(n, doc.Inline{}); len(in) > 0 {
				out = append(out, doc.Paragraph{Inlines: in})
			}
		case *ast.List:
			l := doc.List{Ordered: n.IsOrdered()}
			if l.Ordered && n.Start != 1 {
				l.Start = n.Start
			}
			for it := n.FirstChild(); it != nil; it = it.NextSibling() {
				l.Items = append(l.Items, c.blocks(it))
			}
			out = append(out, l)
		case *ast.Heading:
			out = append(out, doc.Heading{Level: 2, Text: plain(c.inlines(n, doc.Inline{}))})
		case *ast.Blockquote:
			out = append(out, c.blocks(n)...)
		case *ast.ThematicBreak:
			// A rule carries no words; leave it out.
		case *ast.HTMLBlock:
			c.fail(n, "raw HTML cannot be printed; use Markdown (**bold**, *italic*, - lists)")
		case *ast.FencedCodeBlock, *ast.CodeBlock:
			c.fail(n, "code blocks cannot be printed; write the text as a paragraph (an indented line starts a code block)")
		default:
			c.fail(n, "%s cannot be printed in a text field", n.Kind())
		}
	}
	return out
}

func (c *converter) inlines(parent ast.Node, style doc.Inline) []doc.Inline {
	var out []doc.Inline
	add := func(s string, st doc.Inline) {
		if s == "" {
			return
		}
		st.Text = s
		if k := len(out) - 1; k >= 0 && out[k].Bold == st.Bold && out[k].Italic == st.Italic && out[k].Link == st.Link {
			out[k].Text += s
			return
		}
		out = append(out, st)
	}
	for n := parent.FirstChild(); n != nil; n = n.NextSibling() {
		switch n := n.(type) {
		case *ast.Text:
			// Backslash escapes (\* \_) print the character itself, as goldmark's own
			// renderers do.
			add(string(util.UnescapePunctuations(n.Segment.Value(c.src))), style)
			if n.SoftLineBreak() || n.HardLineBreak() {
				add(" ", style)
			}
		case *ast.String:
			add(string(n.Value), style)
		case *ast.Emphasis:
			st := style
			if n.Level >= 2 {
				st.Bold = true
			} else {
				st.Italic = true
			}
			for _, in := range c.inlines(n, st) {
				add(in.Text, in)
			}
		case *ast.Link:
			c.checkLink(string(n.Destination), c.linkStart(n))
			st := style
			st.Link = string(n.Destination)
			for _, in := range c.inlines(n, st) {
				add(in.Text, in)
			}
		case *ast.AutoLink:
			if n.AutoLinkType == ast.AutoLinkURL {
				// An autolink keeps no position: find its text.
				c.checkLink(string(n.URL(c.src)), bytes.Index(c.src, append([]byte("<"), n.Label(c.src)...)))
			}
			st := style
			st.Link = string(n.URL(c.src))
			if n.AutoLinkType == ast.AutoLinkEmail && !strings.HasPrefix(strings.ToLower(st.Link), "mailto:") {
				// <ana@clinic.example> is an e-mail address: the PDF link must say so, or a
				// reader would open it as a file.
				st.Link = "mailto:" + st.Link
			}
			add(string(n.Label(c.src)), st)
		case *ast.CodeSpan:
			for _, in := range c.inlines(n, style) {
				add(in.Text, in)
			}
		case *ast.RawHTML:
			if n.Segments.Len() > 0 {
				c.failAt(n.Segments.At(0).Start, "raw HTML cannot be printed; use Markdown (**bold**, *italic*, [text](url))")
			}
			c.fail(parent, "raw HTML cannot be printed; use Markdown (**bold**, *italic*, [text](url))")
		case *ast.Image:
			c.fail(parent, "images cannot be placed in a text field")
		default:
			for _, in := range c.inlines(n, style) {
				add(in.Text, in)
			}
		}
	}
	// Trim the paragraph's outer spaces.
	if len(out) > 0 {
		out[0].Text = strings.TrimLeft(out[0].Text, " ")
		out[len(out)-1].Text = strings.TrimRight(out[len(out)-1].Text, " ")
	}
	return out
}

func plain(in []doc.Inline) string {
	var b strings.Builder
	for _, i := range in {
		b.WriteString(i.Text)
	}
	return b.String()
}

// Plain returns the printed words of blocks, for checks such as glyph coverage and
// readability: one paragraph or list item a line.
func Plain(blocks []doc.Block) string {
	var b strings.Builder
	var walk func([]doc.Block)
	walk = func(bs []doc.Block) {
		for _, bl := range bs {
			switch bl := bl.(type) {
			case doc.Paragraph:
				b.WriteString(plain(bl.Inlines))
				b.WriteByte('\n')
			case doc.Heading:
				b.WriteString(bl.Text)
				b.WriteByte('\n')
			case doc.List:
				for _, it := range bl.Items {
					walk(it)
				}
			}
		}
	}
	walk(blocks)
	return b.String()
}
