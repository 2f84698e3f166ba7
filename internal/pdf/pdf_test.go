package pdf

import (
	"bytes"
	"math"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/go-pdf/fpdf"

	"github.com/careprint/careprint/internal/font"
	"github.com/careprint/careprint/internal/geom"
	"github.com/careprint/careprint/internal/layout"
	"github.com/careprint/careprint/internal/pdftag"
	"github.com/careprint/careprint/internal/testtool"
)

func fonts(t testing.TB) *font.Set {
	t.Helper()
	s, err := font.Load(os.DirFS("../.."), "fonts")
	if err != nil {
		t.Fatal(err)
	}
	s.SetFallback("AtkinsonHyperlegible", "DejaVuSans")
	return s
}

var (
	regular = layout.Face{Family: "AtkinsonHyperlegible"}
	bold    = layout.Face{Family: "AtkinsonHyperlegible", Bold: true}
	date    = time.Date(2026, 12, 1, 0, 0, 0, 0, time.UTC)
)

func text(x, y float64, f layout.Face, s string) layout.Text {
	return layout.Text{X: geom.MM(x), Y: geom.MM(y), Face: f, Size: geom.Pt(12), Text: s}
}

// sample is a two-page display list with every kind of item.
func sample() *layout.Result {
	blue := geom.RGB{R: 0x1f, G: 0x4e, B: 0x79}
	a4 := func(items ...layout.Item) layout.Page {
		return layout.Page{Width: geom.MM(210), Height: geom.MM(297), Items: items}
	}
	return &layout.Result{Title: "Microneedling aftercare", Subject: "Aftercare", Lang: "en", Author: "Clinic",
		Pages: []layout.Page{
			a4(layout.Rect{X: 0, Y: 0, W: geom.MM(210), H: geom.MM(30), Fill: &blue},
				layout.Bookmark{Title: "What is microneedling?", Y: geom.MM(40)},
				text(20, 45, bold, "What is microneedling?"),
				text(20, 55, regular, "For: Zoë Łukasiewicz-Ñúñez"),
				layout.Line{X1: geom.MM(20), Y1: geom.MM(280), X2: geom.MM(190), Y2: geom.MM(280), Width: geom.MM(0.3), Dash: geom.MM(2)},
				text(160, 287, regular, "Page 1 of 2")),
			a4(layout.QR{X: geom.MM(20), Y: geom.MM(20), Size: geom.MM(30), URL: "https://harbourview-skin.example/book"},
				text(20, 70, layout.Face{Family: "DejaVuSans"}, "Ольга → "),
				text(160, 287, regular, "Page 2 of 2")),
		}}
}

func write(t testing.TB, r *layout.Result) []byte {
	t.Helper()
	var buf bytes.Buffer
	if err := Write(&buf, r, fonts(t), Options{Producer: "careprint test", Date: date}); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func TestSameInputSameBytes(t *testing.T) {
	first := write(t, sample())
	for i := range 10 {
		if again := write(t, sample()); !bytes.Equal(first, again) {
			t.Fatalf("write %d gave different bytes", i+2)
		}
	}
	if bytes.Contains(first, []byte("Zo")) && bytes.Contains(first, []byte("/Title (Zo")) {
		t.Error("the patient's name is in the metadata")
	}
}

func run(t *testing.T, name string, args ...string) string {
	t.Helper()
	out, err := exec.Command(name, args...).CombinedOutput()
	if err != nil {
		t.Fatalf("%s %s: %v\n%s", name, strings.Join(args, " "), err, out)
	}
	return string(out)
}

func TestTextExtractsAndFontsAreEmbedded(t *testing.T) {
	testtool.Need(t, "pdftotext")
	path := filepath.Join(t.TempDir(), "s.pdf")
	if err := os.WriteFile(path, write(t, sample()), 0o644); err != nil {
		t.Fatal(err)
	}
	txt := run(t, "pdftotext", path, "-")
	for _, want := range []string{"Zoë Łukasiewicz-Ñúñez", "What is microneedling?", "Page 2 of 2", "Ольга →"} {
		if !strings.Contains(txt, want) {
			t.Errorf("pdftotext lacks %q:\n%s", want, txt)
		}
	}
	info := run(t, "pdfinfo", path)
	for _, want := range []string{"Title:           Microneedling aftercare", "Producer:        careprint test", "CreationDate:    Tue Dec  1 00:00:00 2026 UTC", "Pages:           2"} {
		if !strings.Contains(info, want) {
			t.Errorf("pdfinfo lacks %q:\n%s", want, info)
		}
	}
	fontsOut := run(t, "pdffonts", path)
	// Regular, Bold and the fallback's Regular for Ж and →: each embedded.
	if n := strings.Count(fontsOut, "CID TrueType      Identity-H       yes"); n != 3 {
		t.Errorf("want 3 embedded fonts, got %d:\n%s", n, fontsOut)
	}
}

func TestQRCodeScans(t *testing.T) {
	testtool.Need(t, "pdftoppm")
	testtool.Need(t, "zbarimg")
	dir := t.TempDir()
	path := filepath.Join(dir, "s.pdf")
	if err := os.WriteFile(path, write(t, sample()), 0o644); err != nil {
		t.Fatal(err)
	}
	run(t, "pdftoppm", "-r", "150", "-f", "2", "-l", "2", "-png", path, filepath.Join(dir, "p"))
	matches, _ := filepath.Glob(filepath.Join(dir, "p*.png"))
	if len(matches) != 1 {
		t.Fatalf("rendered %v", matches)
	}
	out, err := exec.Command("zbarimg", "--raw", "-q", matches[0]).Output()
	if err != nil {
		t.Fatalf("zbarimg: %v", err)
	}
	got := strings.TrimSpace(string(out))
	if got != "https://harbourview-skin.example/book" {
		t.Errorf("QR decodes to %q", got)
	}
}

func TestCharactersFpdfCannotDrawAreAnErrorNotAPanic(t *testing.T) {
	r := sample()
	r.Pages[0].Items = append(r.Pages[0].Items, text(20, 100, regular, "hi 😀"))
	err := Write(&bytes.Buffer{}, r, fonts(t), Options{Date: date})
	if err == nil || err.Error() != "page 1: character U+1F600 cannot be written to PDF (outside the Basic Multilingual Plane)" {
		t.Errorf("error = %v", err)
	}
}

// TestWidthsMatchFpdf checks that what the layout engine measures is what fpdf draws.
func TestWidthsMatchFpdf(t *testing.T) {
	fs := fonts(t)
	pdf := fpdf.New("P", "mm", "A4", "")
	pdf.AddUTF8FontFromBytes("AtkinsonHyperlegible", "", fs.Bytes(regular))
	pdf.AddUTF8FontFromBytes("AtkinsonHyperlegible", "B", fs.Bytes(bold))
	for _, s := range []string{"Hello", "Zoë Łukasiewicz-Ñúñez", "Wed 2 Dec – Fri 4 Dec", "(555) 010-4477"} {
		for _, f := range []layout.Face{regular, bold} {
			for _, pt := range []float64{9.5, 12, 18} {
				// The writer sets the size from the same micrometres the engine measured with.
				pdf.SetFont(f.Family, fpdfStyle(f), geom.Pt(pt).Pt())
				want := pdf.GetStringWidth(s)
				got := fs.Width(f, geom.Pt(pt), s).MM()
				if math.Abs(got-want) > 0.001 {
					t.Errorf("%s %gpt %q: ours %.4f mm, fpdf %.4f mm", f, pt, s, got, want)
				}
			}
		}
	}
}

func BenchmarkWrite(b *testing.B) {
	fs := fonts(b)
	r := sample()
	for b.Loop() {
		if err := Write(&bytes.Buffer{}, r, fs, Options{Date: date}); err != nil {
			b.Fatal(err)
		}
	}
}

// TestCutFacesPrintTheSamePixels writes the sample with each face cut to the characters
// it draws and with the whole faces, renders both, and finds the same pixels: no
// character lost its glyph (a tofu box) in the cut.
func TestCutFacesPrintTheSamePixels(t *testing.T) {
	testtool.Need(t, "pdftoppm")
	dir := t.TempDir()
	render := func(name string, cut bool) []string {
		cutFonts = cut
		defer func() { cutFonts = true }()
		path := filepath.Join(dir, name+".pdf")
		if err := os.WriteFile(path, write(t, sample()), 0o644); err != nil {
			t.Fatal(err)
		}
		run(t, "pdftoppm", "-r", "100", "-png", path, filepath.Join(dir, name))
		pages, _ := filepath.Glob(filepath.Join(dir, name+"-*.png"))
		return pages
	}
	whole, cut := render("whole", false), render("cut", true)
	if len(whole) != 2 || len(cut) != 2 {
		t.Fatalf("pages: %v %v", whole, cut)
	}
	for i := range whole {
		a, _ := os.ReadFile(whole[i])
		b, _ := os.ReadFile(cut[i])
		if !bytes.Equal(a, b) {
			t.Errorf("page %d differs between whole and cut faces", i+1)
		}
	}
	if bytes.Equal(write(t, sample()), func() []byte { cutFonts = false; defer func() { cutFonts = true }(); return write(t, sample()) }()) {
		t.Error("the cut made no difference to the file: the test compares nothing")
	}
}

// TestPageBoxesAreInPDFSpace checks the trim and bleed boxes pdftag gets: points, from
// the lower-left corner (the display list's y grows downwards), the bleed the trim when
// the page has none.
func TestPageBoxesAreInPDFSpace(t *testing.T) {
	mm := func(v float64) float64 { return v * 72 / 25.4 }
	pg := layout.Page{Width: geom.MM(200), Height: geom.MM(100),
		Trim:  &layout.Box{X: geom.MM(10), Y: geom.MM(5), W: geom.MM(100), H: geom.MM(50)},
		Bleed: &layout.Box{X: geom.MM(7), Y: geom.MM(2), W: geom.MM(106), H: geom.MM(56)}}
	got := pageBoxes(pg)
	want := [2][4]float64{{mm(10), mm(45), mm(110), mm(95)}, {mm(7), mm(42), mm(113), mm(98)}}
	for i, b := range []struct{ X0, Y0, X1, Y1 float64 }{got.Trim, got.Bleed} {
		for j, v := range []float64{b.X0, b.Y0, b.X1, b.Y1} {
			if math.Abs(v-want[i][j]) > 1e-6 {
				t.Errorf("box %d: %v, want %v", i, b, want[i])
				break
			}
		}
	}
	pg.Bleed = nil
	if got := pageBoxes(pg); got.Bleed != got.Trim {
		t.Errorf("without a bleed the bleed box is %v, want the trim %v", got.Bleed, got.Trim)
	}
	pg.Trim = nil
	if got := pageBoxes(pg); got != (pdftag.PageBoxes{}) {
		t.Errorf("a page without a trim has boxes %v", got)
	}
}

// TestBoxesAndFontNamesSameBytes writes a trimmed page, tagged and untagged, ten times:
// the boxes and font names the update adds come out the same every time (fpdf's own
// page boxes did not, LIBRARIES.md §4).
func TestBoxesAndFontNamesSameBytes(t *testing.T) {
	r := sample()
	for i := range r.Pages {
		r.Pages[i].Trim = &layout.Box{X: geom.MM(3), Y: geom.MM(3), W: geom.MM(204), H: geom.MM(291)}
		r.Pages[i].Bleed = &layout.Box{W: geom.MM(210), H: geom.MM(297)}
	}
	for _, untagged := range []bool{false, true} {
		var first []byte
		for i := range 10 {
			var buf bytes.Buffer
			if err := Write(&buf, r, fonts(t), Options{Producer: "careprint test", Date: date, Untagged: untagged}); err != nil {
				t.Fatal(err)
			}
			if i == 0 {
				first = buf.Bytes()
				continue
			}
			if !bytes.Equal(first, buf.Bytes()) {
				t.Fatalf("untagged %t: write %d gave different bytes", untagged, i+1)
			}
		}
	}
}
