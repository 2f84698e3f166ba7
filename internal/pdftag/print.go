package pdftag

import (
	"bytes"
	"crypto/sha256"
	"errors"
	"fmt"
	"math"
	"slices"
	"strconv"
	"strings"
)

// Box is a rectangle in a page's default user space: points, from the lower-left corner
// of the media box.
type Box struct{ X0, Y0, X1, Y1 float64 }

// PageBoxes are where a print shop cuts a page (Trim, the finished size) and how far its
// colour runs beyond that (Bleed, the trim plus the bleed allowance, inside the media
// box when crop marks are drawn outside it).
type PageBoxes struct{ Trim, Bleed Box }

func (d Doc) hasBoxes(page int) bool {
	return page < len(d.Boxes) && d.Boxes[page] != PageBoxes{}
}

// writeBoxes writes the page's /TrimBox and /BleedBox, in that order, each followed by
// a space.
func (d Doc) writeBoxes(b *bytes.Buffer, page int) {
	if !d.hasBoxes(page) {
		return
	}
	bx := d.Boxes[page]
	fmt.Fprintf(b, "/TrimBox %s /BleedBox %s ", bx.Trim.array(), bx.Bleed.array())
}

func boxKey(k string) bool { return k == "TrimBox" || k == "BleedBox" }

// array writes the box with two decimals, as fpdf writes the media box, so that a box
// that reaches the media box's edge ends on the same number.
func (b Box) array() string {
	f := func(v float64) string {
		return strconv.FormatFloat(math.Round(v*100)/100+0, 'f', -1, 64)
	}
	return "[" + f(b.X0) + " " + f(b.Y0) + " " + f(b.X1) + " " + f(b.Y1) + "]"
}

// copyExcept writes d's entries but those named, in file order, each followed by a space.
func (d *dict) copyExcept(b *bytes.Buffer, except ...string) {
	for _, k := range d.keys {
		if slices.Contains(except, k) {
			continue
		}
		v := d.vals[k]
		b.WriteString("/" + k + " ")
		b.Write(d.src[v.from:v.to])
		b.WriteString(" ")
	}
}

// untagged finishes an update without structure: the font names and the page boxes, and
// a catalog that says /Version 1.5, the first with cross-reference streams.
func (u *update) untagged(d Doc) ([]byte, error) {
	f := u.f
	for p, pg := range f.pages {
		if !d.hasBoxes(p) {
			continue
		}
		pd, err := f.dict(pg)
		if err != nil {
			return nil, err
		}
		var b bytes.Buffer
		b.WriteString("<<")
		pd.copyExcept(&b, "TrimBox", "BleedBox")
		d.writeBoxes(&b, p)
		b.Truncate(b.Len() - 1)
		b.WriteString(">>")
		u.objs[pg] = b.Bytes()
	}
	if len(u.objs) == 0 {
		return f.data, nil
	}
	catalog := u.alloc()
	cat, err := f.dict(f.root)
	if err != nil {
		return nil, err
	}
	var cb bytes.Buffer
	cb.WriteString("<<")
	cat.copyExcept(&cb, "Version")
	cb.WriteString("/Version /1.5>>")
	u.objs[catalog] = cb.Bytes()
	return u.finish(catalog), nil
}

// nameSubsets names every embedded font subset "ABCDEF+Name" (PDF 32000-1 §9.6.4): the
// Type 0 font's /BaseFont, its CIDFont's /BaseFont and the descriptor's /FontName. The
// six letters come from a hash of the font program as embedded, so the same subset gets
// the same tag in every run, and two different subsets almost surely different ones.
func (u *update) nameSubsets(names map[string]string) error {
	f := u.f
	fonts, err := f.fonts()
	if err != nil {
		return err
	}
	for _, n := range fonts {
		fd, err := f.dict(n)
		if err != nil {
			return err
		}
		if fd.name("Type") != "Font" || fd.name("Subtype") != "Type0" {
			continue // fpdf embeds only its UTF-8 (Type 0) fonts as subsets
		}
		dv, ok := fd.vals["DescendantFonts"]
		if !ok {
			return fmt.Errorf("pdftag: font %d has no /DescendantFonts", n)
		}
		kids, err := refsIn(fd.src[dv.from:dv.to])
		if err != nil || len(kids) != 1 {
			return fmt.Errorf("pdftag: font %d: /DescendantFonts is not one reference", n)
		}
		cid, err := f.dict(kids[0])
		if err != nil {
			return err
		}
		descN, ok := cid.ref("FontDescriptor")
		if !ok {
			return fmt.Errorf("pdftag: font %d has no /FontDescriptor", kids[0])
		}
		desc, err := f.dict(descN)
		if err != nil {
			return err
		}
		file, ok := desc.ref("FontFile2")
		if !ok {
			continue // not embedded
		}
		prog, err := f.stream(file)
		if err != nil {
			return err
		}
		base := fd.name("BaseFont")
		if subsetTagged(base) {
			continue
		}
		// The name as written is already in PDF syntax; a new one is written in it.
		if nm, ok := names[unName(base)]; ok {
			base = pdfName(nm)
		}
		name := "/" + subsetTag(prog) + "+" + base
		u.objs[n] = fd.with("BaseFont", name)
		u.objs[kids[0]] = cid.with("BaseFont", name)
		u.objs[descN] = desc.with("FontName", name)
	}
	return nil
}

// with is the dictionary with key's value replaced by v.
func (d *dict) with(key, v string) []byte {
	var b bytes.Buffer
	b.WriteString("<<")
	for _, k := range d.keys {
		b.WriteString("/" + k + " ")
		if k == key {
			b.WriteString(v)
		} else {
			val := d.vals[k]
			b.Write(d.src[val.from:val.to])
		}
		b.WriteString(" ")
	}
	b.Truncate(b.Len() - 1)
	b.WriteString(">>")
	return b.Bytes()
}

// subsetTag is six capital letters from the SHA-256 of the font program.
func subsetTag(prog []byte) string {
	h := sha256.Sum256(prog)
	var t [6]byte
	for i := range t {
		t[i] = 'A' + h[i]%26
	}
	return string(t[:])
}

// subsetTagged says whether a font name already starts with a subset tag.
func subsetTagged(name string) bool {
	if len(name) < 7 || name[6] != '+' {
		return false
	}
	for _, c := range []byte(name[:6]) {
		if c < 'A' || c > 'Z' {
			return false
		}
	}
	return true
}

// pdfName writes s as the bytes of a PDF name (without its slash): a byte outside
// printable ASCII, a delimiter or '#' as #XX.
func pdfName(s string) string {
	var b strings.Builder
	for _, c := range []byte(s) {
		if c <= ' ' || c > '~' || c == '#' || isDelim(c) {
			fmt.Fprintf(&b, "#%02X", c)
			continue
		}
		b.WriteByte(c)
	}
	return b.String()
}

// unName reads the bytes of a PDF name (without its slash): #XX is the byte XX.
func unName(s string) string {
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		if s[i] == '#' && i+2 < len(s) {
			if v, err := strconv.ParseUint(s[i+1:i+3], 16, 8); err == nil {
				b.WriteByte(byte(v))
				i += 2
				continue
			}
		}
		b.WriteByte(s[i])
	}
	return b.String()
}

// fonts returns the object numbers of the fonts that the pages' resources name, in
// number order.
func (f *file) fonts() ([]int, error) {
	seen := map[int]bool{}
	for _, pg := range f.pages {
		pd, err := f.dict(pg)
		if err != nil {
			return nil, err
		}
		res, err := f.inlineOrRef(pd, "Resources")
		if err != nil {
			return nil, err
		}
		if res == nil {
			continue
		}
		fd, err := f.inlineOrRef(res, "Font")
		if err != nil {
			return nil, err
		}
		if fd == nil {
			continue
		}
		for _, k := range fd.keys {
			n, ok := fd.ref(k)
			if !ok {
				return nil, fmt.Errorf("pdftag: page %d: font /%s is not a reference", pg, k)
			}
			seen[n] = true
		}
	}
	out := make([]int, 0, len(seen))
	for n := range seen {
		out = append(out, n)
	}
	slices.Sort(out)
	return out, nil
}

// inlineOrRef reads d's dictionary value k, written in place or as a reference; nil
// when d has no k.
func (f *file) inlineOrRef(d *dict, k string) (*dict, error) {
	v, ok := d.vals[k]
	if !ok {
		return nil, nil
	}
	if n, ok := d.ref(k); ok {
		return f.dict(n)
	}
	sub, err := parseDict(d.src[v.from:v.to], 0)
	if err != nil {
		return nil, fmt.Errorf("pdftag: /%s: %w", k, err)
	}
	return sub, nil
}

// stream returns the data of stream object n, as written (still compressed).
func (f *file) stream(n int) ([]byte, error) {
	at, err := f.objStart(n)
	if err != nil {
		return nil, err
	}
	b := f.data
	start := skipSpace(b, at)
	d, err := parseDict(b, start)
	if err != nil {
		return nil, fmt.Errorf("pdftag: object %d: %w", n, err)
	}
	length, ok := d.int("Length")
	if !ok || length < 0 {
		return nil, fmt.Errorf("pdftag: object %d: no direct /Length", n)
	}
	end, err := skipValue(b, start)
	if err != nil {
		return nil, fmt.Errorf("pdftag: object %d: %w", n, err)
	}
	i := skipSpace(b, end)
	if !bytes.HasPrefix(b[i:], []byte("stream")) {
		return nil, fmt.Errorf("pdftag: object %d is not a stream", n)
	}
	i += len("stream")
	if bytes.HasPrefix(b[i:], []byte("\r\n")) {
		i += 2
	} else if i < len(b) && b[i] == '\n' {
		i++
	}
	if i+length > len(b) {
		return nil, errors.New("pdftag: a stream runs past the end of the file")
	}
	return b[i : i+length], nil
}
