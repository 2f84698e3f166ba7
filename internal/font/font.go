// Package font loads the project's TrueType fonts once per run and answers the layout
// engine's two questions: how wide is this text, and which face can draw this character.
// Widths are computed exactly as fpdf computes them (integer thousandths of an em from
// the hmtx table, no kerning), so what the engine measures is what the writer draws.
package font

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"math"
	"os"
	"path"
	"sort"
	"strings"
	"sync"
	"sync/atomic"
	"unicode"

	"golang.org/x/image/font"
	"golang.org/x/image/font/sfnt"
	"golang.org/x/image/math/fixed"

	"github.com/careprint/careprint/internal/geom"
	"github.com/careprint/careprint/internal/layout"
)

// styles are the style names a font file may carry, as in AtkinsonHyperlegible-Bold.ttf.
var styles = map[string]layout.Face{
	"Regular":    {},
	"Bold":       {Bold: true},
	"Italic":     {Italic: true},
	"BoldItalic": {Bold: true, Italic: true},
}

// face is one font file. Its tables are checked at load; a character's width and
// whether the face has it are looked up in the font the first time a run asks, and kept,
// so that a handout pays for the few hundred characters it prints, not for 65,536
// lookups in every face it touches.
type face struct {
	file string
	fsys fs.FS
	read sync.Once
	data []byte // the file, once read
	ft   *sfnt.Font
	once sync.Once
	// glyphs holds per BMP rune 0 (not looked up yet), or known|width, with hasGlyph
	// set when the face has the character; width is in thousandths of an em, 65535 for
	// a glyph of no advance.
	glyphs []atomic.Uint32
	bufs   sync.Pool // *sfnt.Buffer: the font may be read concurrently, each with its own
}

const (
	known    = 1 << 31
	hasGlyph = 1 << 30
)

// glyph returns r's entry, looking it up in the font the first time.
func (f *face) glyph(r rune) uint32 {
	if r < 0 || r >= 0x10000 {
		return known
	}
	f.once.Do(func() { f.glyphs = make([]atomic.Uint32, 0x10000) })
	if v := f.glyphs[r].Load(); v != 0 {
		return v
	}
	v := f.lookup(r)
	f.glyphs[r].Store(v)
	return v
}

func (f *face) lookup(r rune) uint32 {
	if r < 0x20 || (r >= 0xd800 && r < 0xe000) {
		return known // control characters and surrogates
	}
	buf, _ := f.bufs.Get().(*sfnt.Buffer)
	if buf == nil {
		buf = &sfnt.Buffer{}
	}
	defer f.bufs.Put(buf)
	gi, err := f.ft.GlyphIndex(buf, r)
	if err != nil || gi == 0 {
		return known
	}
	upem := int(f.ft.UnitsPerEm())
	adv, err := f.ft.GlyphAdvance(buf, gi, fixed.Int26_6(upem<<6), font.HintingNone)
	if err != nil {
		return known
	}
	w := int(math.Round(1000.0 / float64(upem) * float64(adv>>6)))
	if w <= 0 || w >= 65535 {
		w = 65535 // fpdf draws zero-width glyphs with no advance
	}
	return known | hasGlyph | uint32(w)
}

func (f *face) covers(r rune) bool {
	return f.glyph(r)&hasGlyph != 0
}

// Set is the fonts of a project. It is safe for concurrent use once loaded, except
// SetFallback, which a run calls before laying out.
type Set struct {
	faces    map[layout.Face]*face // Family, Bold, Italic
	rejected []Rejected
	mu       sync.RWMutex
	fallback map[string]string // family → fallback family
}

// Rejected is a file in the fonts folder that careprint cannot use, and why.
type Rejected struct {
	File string
	Face layout.Face // the face its name claims
	Err  error
}

// ErrNotTrueType is a font whose outlines are not TrueType (glyf) outlines, such as an
// OpenType font with CFF (PostScript) outlines: fpdf can embed only TrueType outlines.
var ErrNotTrueType = errors.New("only TrueType (glyf) outlines can be embedded")

// Load parses every font file in dir. A file is named Family-Style.ttf (Style is Regular,
// Bold, Italic or BoldItalic) or Family.ttf for the regular face. A file that cannot be
// used (not a font, or a font with CFF outlines, .otf or not) is left out of the set and
// listed by Rejected; an error means the folder could not be read.
func Load(fsys fs.FS, dir string) (*Set, error) {
	entries, err := fs.ReadDir(fsys, dir)
	if err != nil {
		return nil, fmt.Errorf("%s: cannot read the folder: %w", dir, err)
	}
	s := &Set{faces: map[layout.Face]*face{}, fallback: map[string]string{}}
	for _, e := range entries {
		name := e.Name()
		ext := strings.ToLower(path.Ext(name))
		if ext != ".ttf" && ext != ".otf" {
			continue
		}
		file := path.Join(dir, name)
		if e.IsDir() {
			return nil, fmt.Errorf("%s: is a folder, not a font file", file)
		}
		base := strings.TrimSuffix(name, path.Ext(name))
		key := layout.Face{Family: base}
		if i := strings.LastIndexByte(base, '-'); i > 0 {
			if st, ok := styles[base[i+1:]]; ok {
				key = st
				key.Family = base[:i]
			}
		}
		f, err := open(fsys, file)
		if err != nil {
			s.rejected = append(s.rejected, Rejected{File: file, Face: key, Err: err})
			continue
		}
		if _, dup := s.faces[key]; dup && ext == ".otf" {
			continue // a TrueType-flavoured .otf beside the .ttf of the same face
		}
		s.faces[key] = f
	}
	return s, nil
}

// Rejected lists the font files that cannot be used, in name order.
func (s *Set) Rejected() []Rejected { return s.rejected }

// open parses a font file. A file built into the binary is read in place (it can be
// read at any offset without a copy), and its bytes are copied out only when a document
// embeds it: a handout copies its two faces, not the 1.6 MB of every style and the
// fallback. A clinic's own file is read whole.
// readFile reads a font file, its error naming the file once ("fonts/X.ttf: is a
// folder, not a font file"), not twice as fs.PathError would.
func readFile(fsys fs.FS, file string) ([]byte, error) {
	data, err := fs.ReadFile(fsys, file)
	if err != nil {
		var pe *fs.PathError
		if errors.As(err, &pe) {
			err = pe.Err
		}
		return nil, fmt.Errorf("%s: %w", file, err)
	}
	return data, nil
}

func open(fsys fs.FS, file string) (*face, error) {
	f := &face{file: file, fsys: fsys}
	src, inMemory := readerAt(fsys, file)
	if !inMemory {
		data, err := readFile(fsys, file)
		if err != nil {
			return nil, err
		}
		f.data, src = data, bytes.NewReader(data)
	}
	if err := postScriptOutlines(src); err != nil {
		return nil, fmt.Errorf("%s: %w", file, err)
	}
	var err error
	if inMemory {
		f.ft, err = sfnt.ParseReaderAt(src)
	}
	if f.ft == nil { // on disk, or broken: read it whole (for the same message either way)
		if f.data == nil {
			if f.data, err = readFile(fsys, file); err != nil {
				return nil, err
			}
		}
		f.ft, err = sfnt.Parse(f.data)
	}
	if err != nil {
		return nil, fmt.Errorf("%s: not a TrueType font: %v", file, err)
	}
	if f.ft.UnitsPerEm() == 0 {
		return nil, fmt.Errorf("%s: not a TrueType font: no units per em", file)
	}
	return f, nil
}

// postScriptOutlines reads the font's table directory: the sfnt version 'OTTO', a CFF
// table or no glyf table means outlines other than TrueType's, which fpdf cannot embed
// (it would print "get metrics Error" and leave the font out), whatever the file's name.
// A file too short for a table directory is left to the parser's message.
func postScriptOutlines(src io.ReaderAt) error {
	cff := fmt.Errorf("the font has CFF (PostScript) outlines: %w; use the family's TrueType (.ttf) files", ErrNotTrueType)
	var head [12]byte
	if _, err := src.ReadAt(head[:], 0); err != nil {
		return nil
	}
	if string(head[:4]) == "OTTO" {
		return cff
	}
	n := int(head[4])<<8 | int(head[5])
	dir := make([]byte, 16*n)
	if _, err := src.ReadAt(dir, 12); err != nil || n == 0 {
		return nil
	}
	glyf := false
	for i := 0; i < n; i++ {
		switch string(dir[16*i : 16*i+4]) {
		case "CFF ", "CFF2":
			return cff
		case "glyf":
			glyf = true
		}
	}
	if !glyf {
		return fmt.Errorf("the font has no glyf table: %w; use the family's TrueType (.ttf) files", ErrNotTrueType)
	}
	return nil
}

// readerAt returns file as an io.ReaderAt when it lives in memory (as go:embed files
// do), so that reading it holds no file open.
func readerAt(fsys fs.FS, file string) (io.ReaderAt, bool) {
	fl, err := fsys.Open(file)
	if err != nil {
		return nil, false
	}
	if _, onDisk := fl.(*os.File); onDisk {
		fl.Close()
		return nil, false
	}
	src, ok := fl.(io.ReaderAt)
	if !ok {
		fl.Close()
	}
	return src, ok
}

// bytes returns the whole font file, reading it on first use.
func (f *face) bytes() []byte {
	f.read.Do(func() {
		if f.data == nil {
			f.data, _ = fs.ReadFile(f.fsys, f.file)
		}
	})
	return f.data
}

// SetFallback makes fallback fill the glyphs that family lacks.
func (s *Set) SetFallback(family, fallback string) {
	s.mu.Lock()
	s.fallback[family] = fallback
	s.mu.Unlock()
}

// Fallback returns the family that fills the glyphs family lacks, or "".
func (s *Set) Fallback(family string) string {
	s.mu.RLock()
	defer s.mu.RUnlock()
	return s.fallback[family]
}

// Has reports whether the set has the family (in any style, when only the family is
// given) or the exact face.
func (s *Set) Has(f layout.Face) bool {
	if _, ok := s.faces[f]; ok {
		return true
	}
	for k := range s.faces {
		if k.Family == f.Family && !f.Bold && !f.Italic {
			return true
		}
	}
	return false
}

// HasFace reports whether the set has a file for exactly this face (family and style).
func (s *Set) HasFace(f layout.Face) bool {
	_, ok := s.faces[f]
	return ok
}

// nearest returns the face of the family closest to the style asked for: BoldItalic,
// then Bold, then Regular; Italic, then Regular.
func (s *Set) nearest(f layout.Face) (layout.Face, *face) {
	for _, c := range []layout.Face{f, {Family: f.Family, Bold: f.Bold}, {Family: f.Family}} {
		if ff, ok := s.faces[c]; ok {
			return c, ff
		}
	}
	return f, nil
}

// FaceFor returns the face that draws r: the wanted family when it has the glyph, else
// its fallback. Runes above U+FFFF are never drawable (fpdf cannot address them).
func (s *Set) FaceFor(want layout.Face, r rune) (layout.Face, bool) {
	if NeedsShaping(r) {
		return layout.Face{}, false
	}
	key, f := s.nearest(want)
	if isSpace(r) && f != nil {
		return key, true
	}
	if f != nil && f.covers(r) {
		return key, true
	}
	s.mu.RLock()
	fb := s.fallback[want.Family]
	s.mu.RUnlock()
	if fb != "" {
		want.Family = fb
		if key, f := s.nearest(want); f != nil && f.covers(r) {
			return key, true
		}
	}
	return layout.Face{}, false
}

// RightToLeft says whether r belongs to a script written right to left (Hebrew, Arabic,
// Syriac, Thaana, N'Ko and their presentation forms).
func RightToLeft(r rune) bool {
	return (r >= 0x0590 && r <= 0x08ff) || (r >= 0xfb1d && r <= 0xfdff) || (r >= 0xfe70 && r <= 0xfeff)
}

// NeedsShaping says whether r can only be drawn right by a text shaper, which fpdf is
// not: it draws one glyph per code point, left to right. The layout puts right-to-left
// text in visual order and gives Arabic letters their joined forms (package rtl), so what
// reaches the fonts is Hebrew letters and Arabic presentation forms; an Arabic-script
// letter still in its base form has no joined form to draw. Syriac, Thaana and N'Ko
// join too, and Indic and South-East Asian scripts reorder and stack their marks.
func NeedsShaping(r rune) bool {
	switch {
	case r >= 0x0600 && r <= 0x08ff:
		// Arabic, Syriac, Thaana, N'Ko, Samaritan, Mandaic: letters must be joined; digits,
		// punctuation and marks draw as they are.
		return unicode.IsLetter(r)
	case r >= 0x0900 && r <= 0x0dff, // Devanagari to Sinhala
		r >= 0x0e00 && r <= 0x0eff, // Thai, Lao
		r >= 0x0f00 && r <= 0x109f, // Tibetan, Myanmar
		r >= 0x1780 && r <= 0x17ff: // Khmer
		return true
	}
	return false
}

func isSpace(r rune) bool { return r == ' ' || r == '\u00a0' }

// Width is the advance of s in face at size, as fpdf will draw it.
func (s *Set) Width(fc layout.Face, size geom.Length, text string) geom.Length {
	_, f := s.nearest(fc)
	if f == nil {
		return 0
	}
	w := 0
	for _, r := range text {
		g := f.glyph(r)
		switch cw := g & 0xffff; {
		case g&hasGlyph == 0:
			w += 500 // fpdf's width for a rune the font lacks
		case cw != 65535:
			w += int(cw)
		}
	}
	return geom.Length(int64(w) * int64(size) / 1000)
}

// Bytes returns the font file of a face (the nearest style of its family), for the writer.
func (s *Set) Bytes(fc layout.Face) []byte {
	if _, f := s.nearest(fc); f != nil {
		return f.bytes()
	}
	return nil
}

// Families lists the font families, sorted.
func (s *Set) Families() []string {
	seen := map[string]bool{}
	var out []string
	for k := range s.faces {
		if !seen[k.Family] {
			seen[k.Family] = true
			out = append(out, k.Family)
		}
	}
	sort.Strings(out)
	return out
}

// Missing returns the distinct runes of text that neither the family nor its fallback
// can draw, in order of appearance. Control characters other than newline and tab count
// as missing.
func (s *Set) Missing(fc layout.Face, text string) []rune {
	var out []rune
	seen := map[rune]bool{}
	for _, r := range text {
		if r == '\n' || r == '\t' || seen[r] {
			continue
		}
		ok := false
		if !unicode.IsControl(r) {
			_, ok = s.FaceFor(fc, r)
		}
		if !ok {
			seen[r] = true
			out = append(out, r)
		}
	}
	return out
}
