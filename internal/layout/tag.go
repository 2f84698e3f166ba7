package layout

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
	Role   string // a PDF standard structure type: Sect, H1, H2, H3, P, L, LI, Lbl, LBody, Table, TR, TH, TD, Figure, Div, Caption
	Alt    string // alternative text of a Figure
	Lang   string // set where the language differs from the document's
	Scope  string // a TH's scope: Row, Column or Both
	Parent *Node
	Seq    int
}

// Tags hands out nodes in reading order.
type Tags struct{ seq int }

// New returns a node with the next sequence number.
func (t *Tags) New(role string, parent *Node) *Node {
	t.seq++
	return &Node{Role: role, Parent: parent, Seq: t.seq}
}
