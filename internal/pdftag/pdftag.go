// Package pdftag adds what fpdf cannot write to a finished PDF: the logical structure
// (tags) that screen readers follow, and the document-level entries PDF/UA-1 asks for;
// the six-letter tag that names each embedded font subset; and a page's TrimBox and
// BleedBox, which fpdf writes in map order (LIBRARIES.md §4). It appends one incremental
// update (new objects, new versions of the catalog, pages and font dictionaries it
// changes, a cross-reference section and a trailer with /Prev) and never rewrites a byte
// that fpdf wrote, so the original file stays a prefix of the result.
//
// It reads only what fpdf v0.9.0 writes: a classic cross-reference table and
// uncompressed object headers. It is not a PDF library and must not grow into one.
package pdftag

import (
	"bytes"
	"compress/zlib"
	"errors"
	"fmt"
	"slices"
	"strconv"
	"strings"
	"unicode/utf16"
)

// Elem is one structure element: a heading, a paragraph, a list item, a table cell.
type Elem struct {
	Role  string // a standard structure type: Document, Sect, H1, P, L, LI, Lbl, LBody, Table, TR, TH, TD, Figure, Link, Div, Caption
	Alt   string // alternative text (a Figure's, a Link's /Contents)
	Lang  string // the element's language when it differs from the document's
	Scope string // a TH's scope: Row, Column or Both
	// Actual is the element's text in reading order when what its content draws is not
	// (right-to-left text, drawn in visual order with joined letter forms): /ActualText,
	// which screen readers read instead of the glyphs.
	Actual string
	Kids   []Kid
}

// Kid is a child of an element: another element, a marked-content sequence on a page,
// or a link annotation on a page.
type Kid interface{ kid() }

// MC is a marked-content sequence: the content between `/Tag <</MCID n>> BDC` and `EMC`
// on page Page (0-based, in page order).
type MC struct{ Page, MCID int }

// Annot is the Index-th link annotation (0-based) of page Page, in the order fpdf wrote
// them.
type Annot struct{ Page, Index int }

func (*Elem) kid() {}
func (MC) kid()    {}
func (Annot) kid() {}

// Doc is what the update adds: the element tree and the document's metadata, the print
// boxes of the pages, and the names of the fonts.
type Doc struct {
	Root  *Elem  // usually a Document element; nil: an untagged file
	Lang  string // BCP 47 tag, e.g. en-US
	Title string // also written in the XMP metadata, which PDF/UA asks to match
	// Boxes are the print boxes of the first len(Boxes) pages, by page index; a page
	// whose PageBoxes are zero keeps the boxes it has.
	Boxes []PageBoxes
	// FontNames maps a font's /BaseFont as fpdf wrote it (utf8 + family + style) to the
	// name to write instead, before the subset tag; a font not in it keeps its name.
	FontNames map[string]string
}

// Update returns pdf with an incremental update. With d.Root it adds d's structure tree,
// its parent tree, XMP metadata (with pdfuaid:part 1), /MarkInfo, /Lang and
// /ViewerPreferences to the catalog, and /StructParents (and /Tabs /S where there are
// annotations) to every page; link annotations get /StructParent and /Contents. Always,
// every embedded font subset is named with its tag (PDF 32000-1 §9.6.4), and the pages
// get d.Boxes. The result depends only on its inputs.
func Update(pdf []byte, d Doc) ([]byte, error) {
	f, err := parse(pdf)
	if err != nil {
		return nil, err
	}
	if len(d.Boxes) > len(f.pages) {
		return nil, fmt.Errorf("pdftag: boxes for %d pages in a file of %d", len(d.Boxes), len(f.pages))
	}
	u := &update{f: f, next: f.size, out: bytes.NewBuffer(slices.Clip(pdf))}
	return u.run(d)
}

// file is what Tag reads from the original PDF.
type file struct {
	data    []byte
	size    int            // the trailer's /Size: the next free object number
	root    int            // catalog object number
	info    int            // info object number, 0 without one
	prev    int            // offset of the last cross-reference section
	offsets map[int]int    // object number → offset of "n 0 obj"
	pages   []int          // page object numbers in page order
	annots  map[int][]span // page object number → its inline link annotation dicts
}

type span struct{ from, to int }

func parse(b []byte) (*file, error) {
	f := &file{data: b, offsets: map[int]int{}, annots: map[int][]span{}}
	i := bytes.LastIndex(b, []byte("startxref"))
	if i < 0 {
		return nil, errors.New("pdftag: no startxref")
	}
	var err error
	if f.prev, err = leadingInt(b[i+len("startxref"):]); err != nil {
		return nil, fmt.Errorf("pdftag: startxref: %w", err)
	}
	if f.prev <= 0 || f.prev >= len(b) || !bytes.HasPrefix(b[f.prev:], []byte("xref")) {
		return nil, errors.New("pdftag: not a classic cross-reference table")
	}
	if err := f.readXref(); err != nil {
		return nil, err
	}
	cat, err := f.dict(f.root)
	if err != nil {
		return nil, err
	}
	pagesRef, ok := cat.ref("Pages")
	if !ok {
		return nil, errors.New("pdftag: catalog has no /Pages")
	}
	if err := f.walkPages(pagesRef, 0); err != nil {
		return nil, err
	}
	return f, nil
}

func (f *file) readXref() error {
	b := f.data[f.prev+len("xref"):]
	pos := 0
	next := func() string {
		for pos < len(b) && (b[pos] == '\r' || b[pos] == '\n' || b[pos] == ' ') {
			pos++
		}
		start := pos
		for pos < len(b) && b[pos] != '\r' && b[pos] != '\n' {
			pos++
		}
		return strings.TrimSpace(string(b[start:pos]))
	}
	for {
		l := next()
		if l == "" {
			return errors.New("pdftag: cross-reference table ends early")
		}
		if strings.HasPrefix(l, "trailer") {
			t := b[pos-len(l)+len("trailer"):]
			d, err := parseDict(t, 0)
			if err != nil {
				return fmt.Errorf("pdftag: trailer: %w", err)
			}
			size, ok := d.int("Size")
			if !ok {
				return errors.New("pdftag: trailer has no /Size")
			}
			f.size = size
			if f.root, ok = d.ref("Root"); !ok {
				return errors.New("pdftag: trailer has no /Root")
			}
			f.info, _ = d.ref("Info")
			if _, ok := d.vals["Prev"]; ok {
				return errors.New("pdftag: the file already has an update")
			}
			return nil
		}
		var start, count int
		if _, err := fmt.Sscanf(l, "%d %d", &start, &count); err != nil {
			return fmt.Errorf("pdftag: bad cross-reference subsection %q", l)
		}
		for n := start; n < start+count; n++ {
			e := next()
			var off, gen int
			var kind string
			if _, err := fmt.Sscanf(e, "%d %d %s", &off, &gen, &kind); err != nil {
				return fmt.Errorf("pdftag: bad cross-reference entry %q", e)
			}
			if kind == "n" {
				f.offsets[n] = off
			}
		}
	}
}

// objStart returns where object n's value starts: just after its "n 0 obj".
func (f *file) objStart(n int) (int, error) {
	off, ok := f.offsets[n]
	if !ok || off >= len(f.data) {
		return 0, fmt.Errorf("pdftag: object %d not in the file", n)
	}
	head := fmt.Sprintf("%d 0 obj", n)
	if !bytes.HasPrefix(f.data[off:], []byte(head)) {
		return 0, fmt.Errorf("pdftag: object %d not at its offset", n)
	}
	return off + len(head), nil
}

// body returns the bytes between "n 0 obj" and "endobj" of object n.
func (f *file) body(n int) ([]byte, error) {
	start, err := f.objStart(n)
	if err != nil {
		return nil, err
	}
	end := bytes.Index(f.data[start:], []byte("endobj"))
	if end < 0 {
		return nil, fmt.Errorf("pdftag: object %d has no endobj", n)
	}
	return f.data[start : start+end], nil
}

func (f *file) dict(n int) (*dict, error) {
	b, err := f.body(n)
	if err != nil {
		return nil, err
	}
	d, err := parseDict(b, 0)
	if err != nil {
		return nil, fmt.Errorf("pdftag: object %d: %w", n, err)
	}
	return d, nil
}

func (f *file) walkPages(n, depth int) error {
	if depth > 32 {
		return errors.New("pdftag: page tree too deep")
	}
	d, err := f.dict(n)
	if err != nil {
		return err
	}
	switch d.name("Type") {
	case "Pages":
		kids, ok := d.vals["Kids"]
		if !ok {
			return fmt.Errorf("pdftag: object %d: /Pages without /Kids", n)
		}
		refs, err := refsIn(d.src[kids.from:kids.to])
		if err != nil {
			return fmt.Errorf("pdftag: object %d: %w", n, err)
		}
		for _, r := range refs {
			if err := f.walkPages(r, depth+1); err != nil {
				return err
			}
		}
	case "Page":
		f.pages = append(f.pages, n)
		if a, ok := d.vals["Annots"]; ok {
			ss, err := dictsIn(d.src, a)
			if err != nil {
				return fmt.Errorf("pdftag: object %d: /Annots: %w", n, err)
			}
			f.annots[n] = ss
		}
	default:
		return fmt.Errorf("pdftag: object %d is not a page", n)
	}
	return nil
}

// update writes the appended section.
type update struct {
	f       *file
	next    int
	out     *bytes.Buffer
	objs    map[int][]byte // object number → body
	ids     map[*Elem]int
	parents map[int][]int // page index → element object number by MCID
	annotOf map[Annot]int // annotation → its new object number
	annotSP map[Annot]int // annotation → its StructParent key
	links   map[Annot]*Elem
}

func (u *update) alloc() int { u.next++; return u.next - 1 }

func (u *update) run(d Doc) ([]byte, error) {
	f := u.f
	u.objs = map[int][]byte{}
	u.ids = map[*Elem]int{}
	u.parents = map[int][]int{}
	u.annotOf = map[Annot]int{}
	u.annotSP = map[Annot]int{}
	u.links = map[Annot]*Elem{}

	if err := u.nameSubsets(d.FontNames); err != nil {
		return nil, err
	}
	if d.Root == nil {
		return u.untagged(d)
	}

	treeRoot := u.alloc()
	parentTree := u.alloc()
	metadata := u.alloc()
	catalog := u.alloc()

	// Number every element first (parents before children, in tree order) so that a
	// child can name its parent and the parent its children.
	var number func(e *Elem, depth int) error
	number = func(e *Elem, depth int) error {
		if depth > 64 {
			return errors.New("pdftag: structure nested too deep")
		}
		if _, dup := u.ids[e]; dup {
			return errors.New("pdftag: an element appears twice in the tree")
		}
		if !validRole(e.Role) {
			return fmt.Errorf("pdftag: %q is not a structure type", e.Role)
		}
		u.ids[e] = u.alloc()
		for _, k := range e.Kids {
			switch k := k.(type) {
			case *Elem:
				if err := number(k, depth+1); err != nil {
					return err
				}
			case MC:
				if k.Page < 0 || k.Page >= len(f.pages) || k.MCID < 0 {
					return fmt.Errorf("pdftag: marked content %d on page %d, which the file does not have", k.MCID, k.Page+1)
				}
				ps := u.parents[k.Page]
				for len(ps) <= k.MCID {
					ps = append(ps, 0)
				}
				if ps[k.MCID] != 0 {
					return fmt.Errorf("pdftag: marked content %d on page %d belongs to two elements", k.MCID, k.Page+1)
				}
				ps[k.MCID] = u.ids[e]
				u.parents[k.Page] = ps
			case Annot:
				if k.Page < 0 || k.Page >= len(f.pages) || k.Index < 0 || k.Index >= len(f.annots[f.pages[k.Page]]) {
					return fmt.Errorf("pdftag: annotation %d on page %d, which the file does not have", k.Index+1, k.Page+1)
				}
				if _, dup := u.links[k]; dup {
					return fmt.Errorf("pdftag: annotation %d on page %d belongs to two elements", k.Index+1, k.Page+1)
				}
				u.links[k] = e
			}
		}
		return nil
	}
	if err := number(d.Root, 0); err != nil {
		return nil, err
	}
	for p, ps := range u.parents {
		for mcid, id := range ps {
			if id == 0 {
				return nil, fmt.Errorf("pdftag: page %d: marked content %d is in no element", p+1, mcid)
			}
		}
	}
	// Every link annotation must be tagged (PDF/UA-1 7.18.1).
	for p, pg := range f.pages {
		for i := range f.annots[pg] {
			if _, ok := u.links[Annot{p, i}]; !ok {
				return nil, fmt.Errorf("pdftag: annotation %d on page %d is in no element", i+1, p+1)
			}
		}
	}

	// Page objects: the same dictionary plus /StructParents, /Tabs /S and annotations
	// moved out into objects of their own (they carry /StructParent).
	key := len(f.pages)
	for p, pg := range f.pages {
		pd, err := f.dict(pg)
		if err != nil {
			return nil, err
		}
		var b bytes.Buffer
		b.WriteString("<<")
		for _, k := range pd.keys {
			if k == "StructParents" || k == "Tabs" || (boxKey(k) && d.hasBoxes(p)) {
				continue
			}
			v := pd.vals[k]
			b.WriteString("/" + k + " ")
			if k == "Annots" {
				b.WriteString("[")
				for i, s := range f.annots[pg] {
					a := Annot{p, i}
					n := u.alloc()
					u.annotOf[a] = n
					u.annotSP[a] = key
					ad, err := parseDict(pd.src[s.from:s.to], 0)
					if err != nil {
						return nil, fmt.Errorf("pdftag: page %d annotation %d: %w", p+1, i+1, err)
					}
					var ab bytes.Buffer
					ab.WriteString("<<")
					for _, ak := range ad.keys {
						if ak == "StructParent" || ak == "Contents" || ak == "P" {
							continue
						}
						av := ad.vals[ak]
						ab.WriteString("/" + ak + " ")
						ab.Write(ad.src[av.from:av.to])
						ab.WriteString(" ")
					}
					fmt.Fprintf(&ab, "/P %d 0 R /StructParent %d", pg, key)
					if alt := u.links[a].Alt; alt != "" {
						ab.WriteString(" /Contents " + textString(alt))
					}
					ab.WriteString(">>")
					u.objs[n] = ab.Bytes()
					key++
					fmt.Fprintf(&b, "%d 0 R ", n)
				}
				b.WriteString("] ")
				continue
			}
			b.Write(pd.src[v.from:v.to])
			b.WriteString(" ")
		}
		d.writeBoxes(&b, p)
		fmt.Fprintf(&b, "/StructParents %d", p)
		if len(f.annots[pg]) > 0 {
			b.WriteString(" /Tabs /S")
		}
		b.WriteString(">>")
		u.objs[pg] = b.Bytes()
	}

	// Elements.
	var write func(e *Elem, parent int)
	write = func(e *Elem, parent int) {
		var b bytes.Buffer
		fmt.Fprintf(&b, "<</S /%s /P %d 0 R", e.Role, parent)
		pg, hasPg := firstPage(e)
		if hasPg {
			fmt.Fprintf(&b, " /Pg %d 0 R", f.pages[pg])
		}
		if e.Alt != "" {
			b.WriteString(" /Alt " + textString(e.Alt))
		}
		if e.Lang != "" {
			b.WriteString(" /Lang " + textString(e.Lang))
		}
		if e.Actual != "" {
			b.WriteString(" /ActualText " + textString(e.Actual))
		}
		if e.Scope != "" {
			fmt.Fprintf(&b, " /A <</O /Table /Scope /%s>>", e.Scope)
		}
		b.WriteString(" /K [")
		for _, k := range e.Kids {
			switch k := k.(type) {
			case *Elem:
				fmt.Fprintf(&b, "%d 0 R ", u.ids[k])
			case MC:
				if hasPg && k.Page == pg {
					fmt.Fprintf(&b, "%d ", k.MCID)
				} else {
					fmt.Fprintf(&b, "<</Type /MCR /Pg %d 0 R /MCID %d>> ", f.pages[k.Page], k.MCID)
				}
			case Annot:
				fmt.Fprintf(&b, "<</Type /OBJR /Pg %d 0 R /Obj %d 0 R>> ", f.pages[k.Page], u.annotOf[k])
			}
		}
		b.WriteString("]>>")
		u.objs[u.ids[e]] = b.Bytes()
		for _, k := range e.Kids {
			if c, ok := k.(*Elem); ok {
				write(c, u.ids[e])
			}
		}
	}
	write(d.Root, treeRoot)

	u.objs[treeRoot] = fmt.Appendf(nil, "<</Type /StructTreeRoot /K [%d 0 R] /ParentTree %d 0 R /ParentTreeNextKey %d>>",
		u.ids[d.Root], parentTree, key)

	var pt bytes.Buffer
	pt.WriteString("<</Nums [")
	for p := range f.pages {
		fmt.Fprintf(&pt, "%d [", p)
		for _, id := range u.parents[p] {
			fmt.Fprintf(&pt, "%d 0 R ", id)
		}
		pt.WriteString("] ")
	}
	annots := make([]Annot, 0, len(u.annotSP))
	for a := range u.annotSP {
		annots = append(annots, a)
	}
	slices.SortFunc(annots, func(a, b Annot) int { return u.annotSP[a] - u.annotSP[b] })
	for _, a := range annots {
		fmt.Fprintf(&pt, "%d %d 0 R ", u.annotSP[a], u.ids[u.links[a]])
	}
	pt.WriteString("]>>")
	u.objs[parentTree] = pt.Bytes()

	xmp := xmpPacket(d.Title, d.Lang)
	u.objs[metadata] = fmt.Appendf(nil, "<</Type /Metadata /Subtype /XML /Length %d>>\nstream\n%s\nendstream", len(xmp), xmp)

	cat, err := f.dict(f.root)
	if err != nil {
		return nil, err
	}
	var cb bytes.Buffer
	cb.WriteString("<<")
	cat.copyExcept(&cb, "StructTreeRoot", "MarkInfo", "Lang", "ViewerPreferences", "Metadata", "Version")
	fmt.Fprintf(&cb, "/Version /1.7 /StructTreeRoot %d 0 R /MarkInfo <</Marked true>> /ViewerPreferences <</DisplayDocTitle true>> /Metadata %d 0 R", treeRoot, metadata)
	if d.Lang != "" {
		cb.WriteString(" /Lang " + textString(d.Lang))
	}
	cb.WriteString(">>")
	u.objs[catalog] = cb.Bytes()

	return u.finish(catalog), nil
}

// finish appends the objects and a cross-reference stream. The dictionaries go into one
// compressed object stream (a handout has a few hundred structure elements, and written
// plainly they would make the file half as big again); the metadata stream cannot be
// compressed there and is written as it is, since PDF/UA wants it readable.
func (u *update) finish(catalog int) []byte {
	out := u.out
	if b := out.Bytes(); len(b) > 0 && b[len(b)-1] != '\n' {
		out.WriteByte('\n')
	}
	nums := make([]int, 0, len(u.objs))
	for n := range u.objs {
		nums = append(nums, n)
	}
	slices.Sort(nums)
	type entry struct{ kind, f2, f3 int }
	entries := map[int]entry{}
	// The object stream: "number offset" pairs, then the objects.
	objStm := u.alloc()
	var head, body bytes.Buffer
	count := 0
	for _, n := range nums {
		if bytes.Contains(u.objs[n], []byte("\nstream\n")) {
			entries[n] = entry{1, out.Len(), 0}
			fmt.Fprintf(out, "%d 0 obj\n", n)
			out.Write(u.objs[n])
			out.WriteString("\nendobj\n")
			continue
		}
		fmt.Fprintf(&head, "%d %d ", n, body.Len())
		body.Write(u.objs[n])
		body.WriteByte('\n')
		entries[n] = entry{2, objStm, count}
		count++
	}
	data := deflate(append(head.Bytes(), body.Bytes()...))
	entries[objStm] = entry{1, out.Len(), 0}
	fmt.Fprintf(out, "%d 0 obj\n<</Type /ObjStm /N %d /First %d /Filter /FlateDecode /Length %d>>\nstream\n", objStm, count, head.Len(), len(data))
	out.Write(data)
	out.WriteString("\nendstream\nendobj\n")

	xref := u.alloc()
	entries[xref] = entry{1, out.Len(), 0}
	all := make([]int, 0, len(entries))
	for n := range entries {
		all = append(all, n)
	}
	slices.Sort(all)
	var index strings.Builder
	var rows []byte
	for i := 0; i < len(all); {
		j := i + 1
		for j < len(all) && all[j] == all[j-1]+1 {
			j++
		}
		fmt.Fprintf(&index, "%d %d ", all[i], j-i)
		for _, n := range all[i:j] {
			e := entries[n]
			rows = append(rows, byte(e.kind), byte(e.f2>>24), byte(e.f2>>16), byte(e.f2>>8), byte(e.f2), byte(e.f3>>8), byte(e.f3))
		}
		i = j
	}
	rows = deflate(rows)
	fmt.Fprintf(out, "%d 0 obj\n<</Type /XRef /Size %d /Root %d 0 R", xref, u.next, catalog)
	if u.f.info != 0 {
		fmt.Fprintf(out, " /Info %d 0 R", u.f.info)
	}
	fmt.Fprintf(out, " /Prev %d /W [1 4 2] /Index [%s] /Filter /FlateDecode /Length %d>>\nstream\n",
		u.f.prev, strings.TrimSpace(index.String()), len(rows))
	out.Write(rows)
	fmt.Fprintf(out, "\nendstream\nendobj\nstartxref\n%d\n%%%%EOF\n", entries[xref].f2)
	return out.Bytes()
}

// deflate compresses b with zlib at the default level: the same bytes every time.
func deflate(b []byte) []byte {
	var z bytes.Buffer
	w, _ := zlib.NewWriterLevel(&z, zlib.BestCompression)
	w.Write(b)
	w.Close()
	return z.Bytes()
}

// firstPage is the page of an element's first marked content or annotation, searched
// depth first: the element's /Pg.
func firstPage(e *Elem) (int, bool) {
	for _, k := range e.Kids {
		switch k := k.(type) {
		case MC:
			return k.Page, true
		case Annot:
			return k.Page, true
		}
	}
	return 0, false
}

var roles = map[string]bool{}

func init() {
	for _, r := range strings.Fields(`Document Part Art Sect Div BlockQuote Caption TOC TOCI Index
		NonStruct Private P H H1 H2 H3 H4 H5 H6 L LI Lbl LBody Table TR TH TD THead TBody TFoot
		Span Quote Note Reference BibEntry Code Link Annot Ruby RB RT RP Warichu WT WP Figure
		Formula Form`) {
		roles[r] = true
	}
}

func validRole(r string) bool { return roles[r] }

// textString encodes s as a PDF text string: literal when it is printable ASCII, else
// UTF-16BE with a byte-order mark, in hex.
func textString(s string) string {
	ascii := true
	for _, r := range s {
		if r < 0x20 || r > 0x7e {
			ascii = false
			break
		}
	}
	if ascii {
		r := strings.NewReplacer(`\`, `\\`, `(`, `\(`, `)`, `\)`)
		return "(" + r.Replace(s) + ")"
	}
	var b strings.Builder
	b.WriteString("<FEFF")
	for _, u := range utf16.Encode([]rune(s)) {
		fmt.Fprintf(&b, "%04X", u)
	}
	b.WriteString(">")
	return b.String()
}

func xmpPacket(title, lang string) string {
	esc := strings.NewReplacer("&", "&amp;", "<", "&lt;", ">", "&gt;", `"`, "&quot;")
	if lang == "" {
		lang = "x-default"
	}
	return `<?xpacket begin="` + "\uFEFF" + `" id="W5M0MpCehiHzreSzNTczkc9d"?>
<x:xmpmeta xmlns:x="adobe:ns:meta/">
<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#">
<rdf:Description rdf:about="" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:pdfuaid="http://www.aiim.org/pdfua/ns/id/">
<dc:title><rdf:Alt><rdf:li xml:lang="x-default">` + esc.Replace(title) + `</rdf:li></rdf:Alt></dc:title>
<dc:language><rdf:Bag><rdf:li>` + esc.Replace(lang) + `</rdf:li></rdf:Bag></dc:language>
<pdfuaid:part>1</pdfuaid:part>
</rdf:Description>
</rdf:RDF>
</x:xmpmeta>
<?xpacket end="r"?>`
}

func leadingInt(b []byte) (int, error) {
	s := strings.TrimLeft(string(b[:min(len(b), 32)]), " \r\n")
	end := 0
	for end < len(s) && s[end] >= '0' && s[end] <= '9' {
		end++
	}
	return strconv.Atoi(s[:end])
}
