package pdf

import (
	"cmp"
	"fmt"
	"slices"

	"github.com/go-pdf/fpdf"

	"github.com/careprint/careprint/internal/layout"
	"github.com/careprint/careprint/internal/pdftag"
)

// tagger wraps what the pen draws in marked-content sequences (`/P <</MCID 3>> BDC …
// EMC` for an item of the structure, `/Artifact BMC … EMC` for page furniture) and
// records which sequence belongs to which node, so that Close can add the structure
// tree with pdftag.
type tagger struct {
	open   bool         // a sequence is open
	node   *layout.Node // the open sequence's node; nil: an artifact
	mcid   int          // the next MCID on the current page
	annots int          // link annotations on the current page so far
	draws  int          // sequences opened so far, in drawing order
	adds   int          // Add calls so far
	nodes  map[*layout.Node]*nodeInfo
}

type nodeInfo struct {
	first int // the Add call that first drew it (a merged batch: one per handout)
	kids  []drawn
	sub   []*layout.Node
}

type drawn struct {
	order int
	kid   pdftag.Kid
}

func (t *tagger) info(n *layout.Node) *nodeInfo {
	if t.nodes == nil {
		t.nodes = map[*layout.Node]*nodeInfo{}
	}
	if in, ok := t.nodes[n]; ok {
		return in
	}
	in := &nodeInfo{first: t.adds}
	t.nodes[n] = in
	if n.Parent != nil {
		p := t.info(n.Parent)
		p.sub = append(p.sub, n)
	}
	return in
}

func tagOf(it layout.Item) (n *layout.Node, draws bool) {
	switch it := it.(type) {
	case layout.Text:
		return it.Tag, true
	case layout.QR:
		return it.Tag, true
	case layout.Image:
		return it.Tag, true
	case layout.Bookmark:
		return nil, false
	}
	return nil, true
}

// before opens the sequence it belongs in, closing the one before when it differs. It
// returns the Link node of a text item with a link, whose annotation after records.
func (t *tagger) before(pdf *fpdf.Fpdf, page int, it layout.Item) *layout.Node {
	n, draws := tagOf(it)
	if !draws {
		return nil
	}
	var link *layout.Node
	if tx, ok := it.(layout.Text); ok && tx.Link != "" && n != nil {
		link = &layout.Node{Role: "Link", Parent: n, Alt: tx.Text + " (" + tx.Link + ")"}
		n = link
	}
	if t.open && t.node == n && link == nil {
		return nil
	}
	t.close(pdf)
	t.open, t.node = true, n
	if n == nil {
		pdf.RawWriteStr("/Artifact BMC")
		return nil
	}
	in := t.info(n)
	in.kids = append(in.kids, drawn{t.draws, pdftag.MC{Page: page, MCID: t.mcid}})
	t.draws++
	pdf.RawWriteStr(fmt.Sprintf("/%s <</MCID %d>> BDC", n.Role, t.mcid))
	t.mcid++
	return link
}

// after records the link annotation the pen just made for link's text.
func (t *tagger) after(pdf *fpdf.Fpdf, page int, link *layout.Node) {
	if link == nil {
		return
	}
	in := t.info(link)
	in.kids = append(in.kids, drawn{t.draws, pdftag.Annot{Page: page, Index: t.annots}})
	t.draws++
	t.annots++
	t.close(pdf)
}

func (t *tagger) close(pdf *fpdf.Fpdf) {
	if t.open {
		pdf.RawWriteStr("EMC")
		t.open, t.node = false, nil
	}
}

// endPage closes the open sequence: marked content never crosses a page.
func (t *tagger) endPage(pdf *fpdf.Fpdf) {
	t.close(pdf)
	t.mcid, t.annots = 0, 0
}

// tree is the structure the tagger saw, as pdftag wants it: a Document whose children are
// the nodes without a parent.
func (t *tagger) tree() *pdftag.Elem {
	var roots []*layout.Node
	for n := range t.nodes {
		if n.Parent == nil {
			roots = append(roots, n)
		}
	}
	doc := &pdftag.Elem{Role: "Document"}
	for _, n := range t.sorted(roots) {
		doc.Kids = append(doc.Kids, t.elem(n))
	}
	return doc
}

// sorted orders siblings: by the Add call that drew them first (a merged batch keeps its
// handouts in order), then by Seq, the layout's reading order.
func (t *tagger) sorted(ns []*layout.Node) []*layout.Node {
	slices.SortStableFunc(ns, func(a, b *layout.Node) int {
		if c := cmp.Compare(t.nodes[a].first, t.nodes[b].first); c != 0 {
			return c
		}
		return cmp.Compare(a.Seq, b.Seq)
	})
	return ns
}

func (t *tagger) elem(n *layout.Node) *pdftag.Elem {
	in := t.nodes[n]
	e := &pdftag.Elem{Role: n.Role, Alt: n.Alt, Lang: n.Lang, Scope: n.Scope, Actual: n.Actual}
	if len(in.kids) == 0 {
		// A block: its parts in reading order.
		for _, c := range t.sorted(in.sub) {
			e.Kids = append(e.Kids, t.elem(c))
		}
		return e
	}
	// Inline content: its text and its links in the order they were drawn.
	ks := slices.Clone(in.kids)
	for _, c := range in.sub {
		ks = append(ks, drawn{firstDraw(t, c), t.elem(c)})
	}
	slices.SortStableFunc(ks, func(a, b drawn) int { return cmp.Compare(a.order, b.order) })
	for _, k := range ks {
		e.Kids = append(e.Kids, k.kid)
	}
	return e
}

func firstDraw(t *tagger, n *layout.Node) int {
	in := t.nodes[n]
	first := -1
	for _, k := range in.kids {
		if first < 0 || k.order < first {
			first = k.order
		}
	}
	for _, c := range in.sub {
		if d := firstDraw(t, c); d >= 0 && (first < 0 || d < first) {
			first = d
		}
	}
	return first
}
