package layout

import (
	"fmt"
	"io"
	"sort"
	"strconv"
	"strings"

	"github.com/careprint/careprint/internal/doc"
	"github.com/careprint/careprint/internal/rtl"
)

// Node is an element of the document's logical structure, the tags a screen reader
// follows: a heading, a paragraph, a list item, a table cell, a figure. Items drawn for a
// node carry it as their Tag; items without a Tag are page furniture (artifacts: bands,
// rules, footers, page numbers, marks).
//
// Nodes form a tree through Parent (nil: a child of the document). Siblings are read in
// Seq order, which is the reading order the layout decides (a tri-fold's cover comes
// first, whatever page it is printed on); within one node, its own text is read in the
// order it is drawn.
type Node struct {
	Role  string // a PDF standard structure type: Sect, H1, H2, H3, P, L, LI, Lbl, LBody, Table, TR, TH, TD, Figure, Div, Caption
	Alt   string // alternative text of a Figure
	Lang  string // set where the language differs from the document's
	Scope string // a TH's scope: Row, Column or Both
	// Actual is the node's text in reading (logical) order, set when it holds
	// right-to-left text, which is drawn in visual order with joined letter forms.
	Actual string
	Parent *Node
	Seq    int
}

// Tags hands out nodes in reading order.
type Tags struct {
	seq  int
	base int // added to every Seq: a brochure panel's place in the reading order
}

// New returns a node with the next sequence number.
func (t *Tags) New(role string, parent *Node) *Node {
	t.seq++
	return &Node{Role: role, Parent: parent, Seq: t.base + t.seq}
}

// Next reserves the next place in the reading order, for a node made before the ones it
// must follow.
func (t *Tags) Next() int {
	t.seq++
	return t.base + t.seq
}

// headingRole is the structure type of a heading of level l (1 is the document's title).
func headingRole(l int) string {
	return "H" + strconv.Itoa(min(max(l, 1), 6))
}

// node starts a node under the engine's current parent.
func (e *engine) node(role string) *Node {
	return e.tags.New(role, e.parent)
}

// within runs f with n as the parent of the nodes f makes.
func (e *engine) within(n *Node, f func() error) error {
	saved := e.parent
	e.parent = n
	defer func() { e.parent, e.direct = saved, false }()
	return f()
}

// tagSlices sets n as the tag of every drawn item in ss that has none yet: what nested
// blocks drew keeps its own node.
func tagSlices(ss []slice, n *Node) {
	for i := range ss {
		tagItems(ss[i].items, n)
	}
}

func tagItems(items []Item, n *Node) {
	for j, it := range items {
		switch t := it.(type) {
		case Text:
			if t.Tag == nil {
				t.Tag = n
				items[j] = t
			}
		case QR:
			if t.Tag == nil {
				t.Tag = n
				items[j] = t
			}
		case Image:
			if t.Tag == nil {
				t.Tag = n
				items[j] = t
			}
		}
	}
}

// untagged returns copies of items as artifacts: a table header repeated on a new page
// is read once, where it first stands.
func untagged(items []Item) []Item {
	out := make([]Item, len(items))
	for j, it := range items {
		switch t := it.(type) {
		case Text:
			t.Tag = nil
			it = t
		case QR:
			t.Tag = nil
			it = t
		case Image:
			t.Tag = nil
			it = t
		}
		out[j] = it
	}
	return out
}

// DumpTags writes the structure the items carry, one node a line, indented by depth,
// with the text drawn for it: the reading order a screen reader follows.
func DumpTags(w io.Writer, r *Result) {
	kids := map[*Node][]*Node{}
	text := map[*Node][]string{}
	seen := map[*Node]bool{}
	var roots []*Node
	var note func(n *Node)
	note = func(n *Node) {
		if seen[n] {
			return
		}
		seen[n] = true
		if n.Parent == nil {
			roots = append(roots, n)
			return
		}
		note(n.Parent)
		kids[n.Parent] = append(kids[n.Parent], n)
	}
	for _, pg := range r.Pages {
		for _, it := range pg.Items {
			var n *Node
			s := ""
			switch t := it.(type) {
			case Text:
				n, s = t.Tag, t.Text
			case QR:
				n = t.Tag
			case Image:
				n = t.Tag
			}
			if n != nil {
				note(n)
				if s != "" {
					text[n] = append(text[n], s)
				}
			}
		}
	}
	bySeq := func(ns []*Node) {
		sort.SliceStable(ns, func(i, j int) bool { return ns[i].Seq < ns[j].Seq })
	}
	var walk func(n *Node, depth int)
	walk = func(n *Node, depth int) {
		fmt.Fprintf(w, "%s%s", strings.Repeat("  ", depth), n.Role)
		if n.Alt != "" {
			fmt.Fprintf(w, " alt=%q", n.Alt)
		}
		if n.Scope != "" {
			fmt.Fprintf(w, " scope=%s", n.Scope)
		}
		if t := text[n]; len(t) > 0 {
			fmt.Fprintf(w, " %q", strings.Join(t, " "))
		}
		fmt.Fprintln(w)
		ks := kids[n]
		bySeq(ks)
		for _, k := range ks {
			walk(k, depth+1)
		}
	}
	bySeq(roots)
	for _, n := range roots {
		walk(n, 0)
	}
}

// logical is the text of inlines as written (logical order) when any of it is
// right-to-left, and "" otherwise: a node's Actual.
func logical(in []doc.Inline) string {
	var b strings.Builder
	rtlText := false
	for _, x := range in {
		rtlText = rtlText || rtl.Has(x.Text)
		b.WriteString(x.Text)
	}
	if !rtlText {
		return ""
	}
	return strings.NewReplacer("\u00ad", "", "\u00a0", " ").Replace(b.String())
}
