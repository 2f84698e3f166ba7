package pdftag

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"github.com/careprint/careprint/internal/testtool"
	"github.com/go-pdf/fpdf"
)

// fontSample is a two-page Letter landscape PDF with two embedded UTF-8 fonts, as fpdf
// names them (utf8 + family + style), and fpdf's own TrimBox on both pages, which an
// update with boxes for page 1 must replace there.
func fontSample(t testing.TB) []byte {
	t.Helper()
	fpdf.SetDefaultCatalogSort(true)
	p := fpdf.New("P", "pt", "", "")
	p.SetCatalogSort(true)
	p.SetCreationDate(fpdfEpoch)
	p.SetModificationDate(fpdfEpoch)
	for _, f := range []struct{ family, file string }{{"Atkinson", "AtkinsonHyperlegible-Regular.ttf"}, {"Deja Vu", "DejaVuSans.ttf"}} {
		b, err := os.ReadFile(filepath.Join("..", "..", "fonts", f.file))
		if err != nil {
			t.Fatal(err)
		}
		p.AddUTF8FontFromBytes(f.family, "", b)
	}
	p.AddPageFormat("P", fpdf.SizeType{Wd: 810, Ht: 630})
	p.SetPageBox("trim", 1, 1, 10, 10)
	p.SetFont("Atkinson", "", 12)
	p.Text(20, 40, "Aftercare")
	p.AddPageFormat("P", fpdf.SizeType{Wd: 810, Ht: 630})
	p.SetFont("Deja Vu", "", 12)
	p.Text(20, 40, "Nguyễn")
	var b bytes.Buffer
	if err := p.Output(&b); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

var printDoc = Doc{
	Boxes: []PageBoxes{{Trim: Box{9, 9, 801, 621}, Bleed: Box{4.5, 4.5, 805.5, 625.5}}},
	// Looked up by the name's bytes (fpdf writes the space as #20) and written in PDF
	// syntax; the first font is left out: it keeps fpdf's name, with a tag.
	FontNames: map[string]string{"utf8deja vu": "DejaVu Sans"},
}

func writeTemp(t *testing.T, b []byte) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), "out.pdf")
	if err := os.WriteFile(path, b, 0o600); err != nil {
		t.Fatal(err)
	}
	return path
}

func TestSubsetFontsGetATagFromTheirContent(t *testing.T) {
	orig := fontSample(t)
	out, err := Update(orig, printDoc)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.HasPrefix(out, orig) {
		t.Fatal("the original bytes are not a prefix of the update")
	}
	tail := inflated(t, out[len(orig):])
	// The Type 0 font, its CIDFont and its descriptor all carry the tagged name.
	for _, name := range []string{"utf8atkinson", "DejaVu#20Sans"} {
		re := regexp.MustCompile(`/(BaseFont|FontName) /([A-Z]{6})\+` + regexp.QuoteMeta(name) + `\b`)
		ms := re.FindAllStringSubmatch(tail, -1)
		if len(ms) != 3 {
			t.Fatalf("%s is named %d times with a tag in the update, want 3:\n%s", name, len(ms), tail)
		}
		for _, m := range ms[1:] {
			if m[2] != ms[0][2] {
				t.Errorf("%s has two tags: %s and %s", name, ms[0][2], m[2])
			}
		}
	}
	if strings.Contains(tail, "/utf8deja") {
		t.Error("the update still names utf8deja#20vu")
	}
	again, err := Update(fontSample(t), printDoc)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(out, again) {
		t.Error("the same input gave different bytes")
	}

	pdffonts := testtool.Need(t, "pdffonts")
	got, err := exec.Command(pdffonts, writeTemp(t, out)).CombinedOutput()
	if err != nil {
		t.Fatalf("pdffonts: %v\n%s", err, got)
	}
	lines := strings.Split(strings.TrimSpace(string(got)), "\n")[2:]
	if len(lines) != 2 {
		t.Fatalf("pdffonts lists %d fonts, want 2:\n%s", len(lines), got)
	}
	tags := map[string]bool{}
	for _, l := range lines {
		if !regexp.MustCompile(`^[A-Z]{6}\+(utf8atkinson|DejaVu Sans) +CID TrueType +Identity-H +yes yes yes`).MatchString(l) {
			t.Errorf("not an embedded, tagged subset: %s", l)
		}
		tags[l[:6]] = true
	}
	if len(tags) != 2 {
		t.Errorf("two different subsets share a tag:\n%s", got)
	}
}

func TestBoxesReplaceWhatFpdfWrote(t *testing.T) {
	pdfinfo := testtool.Need(t, "pdfinfo")
	for _, tagged := range []bool{false, true} {
		d := printDoc
		if tagged {
			d.Root = &Elem{Role: "Document"}
		}
		out, err := Update(fontSample(t), d)
		if err != nil {
			t.Fatal(err)
		}
		got, err := exec.Command(pdfinfo, "-box", "-f", "1", "-l", "2", writeTemp(t, out)).CombinedOutput()
		if err != nil {
			t.Fatalf("pdfinfo: %v\n%s", err, got)
		}
		for _, want := range []string{
			"Page    1 BleedBox:      4.50     4.50   805.50   625.50",
			"Page    1 TrimBox:       9.00     9.00   801.00   621.00",
			// Page 2 has no boxes in d: it keeps fpdf's (a page box is fpdf's default for
			// the pages after it).
			"Page    2 BleedBox:      0.00     0.00   810.00   630.00",
			"Page    2 TrimBox:       1.00     1.00    11.00    11.00",
		} {
			if !strings.Contains(string(got), want) {
				t.Errorf("tagged %t: pdfinfo -box lacks %q:\n%s", tagged, want, got)
			}
		}
	}
}

func TestUntaggedUpdateChecksClean(t *testing.T) {
	qpdf := testtool.Need(t, "qpdf")
	out, err := Update(fontSample(t), printDoc)
	if err != nil {
		t.Fatal(err)
	}
	if b, err := exec.Command(qpdf, "--check", writeTemp(t, out)).CombinedOutput(); err != nil {
		t.Fatalf("qpdf --check: %v\n%s", err, b)
	}
}

func TestNothingToChangeLeavesTheFile(t *testing.T) {
	orig := sample(t) // core fonts, not embedded
	out, err := Update(orig, Doc{})
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(out, orig) {
		t.Errorf("an update with nothing to add changed the file: %d bytes more", len(out)-len(orig))
	}
	if _, err := Update(orig, Doc{Boxes: make([]PageBoxes, 3)}); err == nil || err.Error() != "pdftag: boxes for 3 pages in a file of 2" {
		t.Errorf("boxes for a page the file lacks: got %v", err)
	}
}

func TestNames(t *testing.T) {
	if got := pdfName("Noto Sans#1(x)é"); got != "Noto#20Sans#231#28x#29#C3#A9" {
		t.Errorf("pdfName = %s", got)
	}
	if got := unName("Noto#20Sans#231#28x#29#C3#A9"); got != "Noto Sans#1(x)é" {
		t.Errorf("unName = %s", got)
	}
	tag := subsetTag([]byte("glyphs"))
	if !regexp.MustCompile(`^[A-Z]{6}$`).MatchString(tag) || subsetTag([]byte("glyphs")) != tag {
		t.Errorf("subsetTag = %s, not six capitals, or not the same twice", tag)
	}
	if subsetTag([]byte("other glyphs")) == tag {
		t.Error("two programs got one tag")
	}
	for name, want := range map[string]bool{"ABCDEF+Font": true, "ABCDEf+Font": false, "ABCDE+Font": false, "Font": false} {
		if subsetTagged(name) != want {
			t.Errorf("subsetTagged(%s) = %t", name, !want)
		}
	}
	if got := (Box{-0.001, 8.504, 850.394, 612.28}).array(); got != "[0 8.5 850.39 612.28]" {
		t.Errorf("array = %s", got)
	}
}
