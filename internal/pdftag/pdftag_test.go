package pdftag

import (
	"bytes"
	"compress/zlib"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/careprint/careprint/internal/testtool"
	"github.com/go-pdf/fpdf"
)

// sample is a two-page PDF as careprint's writer makes it: marked content around what is
// drawn, page furniture as artifacts, and one link annotation on page 1.
func sample(t testing.TB) []byte {
	t.Helper()
	fpdf.SetDefaultCatalogSort(true)
	p := fpdf.New("P", "mm", "A4", "")
	p.SetCreationDate(fpdfEpoch)
	p.SetModificationDate(fpdfEpoch)
	p.SetFont("Helvetica", "", 12)
	p.SetTitle("Aftercare (sample)", true)
	p.SetLang("en")

	p.AddPage()
	p.RawWriteStr("/H1 <</MCID 0>> BDC\n")
	p.Text(20, 20, "Your aftercare")
	p.RawWriteStr("EMC\n/P <</MCID 1>> BDC\n")
	p.Text(20, 30, "Book at clinic.example.")
	p.LinkString(20, 26, 50, 5, "https://clinic.example/book")
	p.RawWriteStr("EMC\n/Artifact BMC\n")
	p.Text(20, 280, "Page 1 of 2")
	p.RawWriteStr("EMC\n")

	p.AddPage()
	p.RawWriteStr("/P <</MCID 0>> BDC\n")
	p.Text(20, 20, "Call us if it hurts.")
	p.RawWriteStr("EMC\n")

	var b bytes.Buffer
	if err := p.Output(&b); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

var fpdfEpoch = time.Date(2026, 12, 1, 0, 0, 0, 0, time.UTC)

func sampleDoc() Doc {
	link := &Elem{Role: "Link", Alt: "Book at clinic.example", Kids: []Kid{Annot{Page: 0, Index: 0}}}
	return Doc{
		Lang:  "en-US",
		Title: "Aftercare (sample)",
		Root: &Elem{Role: "Document", Kids: []Kid{
			&Elem{Role: "H1", Kids: []Kid{MC{0, 0}}},
			&Elem{Role: "P", Kids: []Kid{MC{0, 1}, link}},
			&Elem{Role: "P", Kids: []Kid{MC{1, 0}}},
		}},
	}
}

func TestUpdateKeepsTheOriginalAndAddsTags(t *testing.T) {
	orig := sample(t)
	out, err := Update(orig, sampleDoc())
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.HasPrefix(out, orig) {
		t.Fatal("the original bytes are not a prefix of the tagged file")
	}
	tail := inflated(t, out[len(orig):])
	for _, want := range []string{
		"/StructTreeRoot", "/MarkInfo <</Marked true>>", "/ViewerPreferences <</DisplayDocTitle true>>",
		"/Lang (en-US)", "<pdfuaid:part>1</pdfuaid:part>", "/StructParents 0", "/StructParents 1",
		"/Tabs /S", "/StructParent 2", "/Contents (Book at clinic.example)", "/Prev ",
	} {
		if !strings.Contains(tail, want) {
			t.Errorf("update lacks %q", want)
		}
	}
	again, err := Update(orig, sampleDoc())
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(out, again) {
		t.Error("the same input gave different bytes")
	}
}

// inflated is the update with its compressed streams decompressed, to read.
func inflated(t *testing.T, b []byte) string {
	t.Helper()
	var out strings.Builder
	for {
		i := bytes.Index(b, []byte("/FlateDecode"))
		if i < 0 {
			out.Write(b)
			return out.String()
		}
		s := bytes.Index(b[i:], []byte("stream\n")) + i + len("stream\n")
		e := bytes.Index(b[s:], []byte("\nendstream")) + s
		out.Write(b[:s])
		r, err := zlib.NewReader(bytes.NewReader(b[s:e]))
		if err != nil {
			t.Fatal(err)
		}
		plain, err := io.ReadAll(r)
		if err != nil {
			t.Fatal(err)
		}
		out.Write(plain)
		b = b[e:]
	}
}

// taggedSample writes the tagged sample to a file and returns its path.
func taggedSample(t *testing.T) string {
	t.Helper()
	out, err := Update(sample(t), sampleDoc())
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(t.TempDir(), "t.pdf")
	if err := os.WriteFile(path, out, 0o600); err != nil {
		t.Fatal(err)
	}
	return path
}

func TestTaggedFileReadsBackInOrder(t *testing.T) {
	pdfinfo := testtool.Need(t, "pdfinfo")
	path := taggedSample(t)
	info, err := exec.Command(pdfinfo, path).CombinedOutput()
	if err != nil {
		t.Fatalf("pdfinfo: %v\n%s", err, info)
	}
	if !strings.Contains(string(info), "Tagged:          yes") {
		t.Errorf("pdfinfo does not see tags:\n%s", info)
	}
	st, err := exec.Command(pdfinfo, "-struct-text", path).CombinedOutput()
	if err != nil {
		t.Fatalf("pdfinfo -struct-text: %v\n%s", err, st)
	}
	got := string(st)
	want := []string{"Document", "H1", `"Your aftercare"`, "P", `"Book at clinic.example."`, "Link", "P", `"Call us if it hurts."`}
	at := 0
	for _, w := range want {
		i := strings.Index(got[at:], w)
		if i < 0 {
			t.Fatalf("structure lacks %s after byte %d:\n%s", w, at, got)
		}
		at += i + len(w)
	}
	if strings.Contains(got, "Page 1 of 2") {
		t.Errorf("the artifact is in the structure:\n%s", got)
	}
}

func TestQpdfChecksTheTaggedFile(t *testing.T) {
	qpdf := testtool.Need(t, "qpdf")
	path := taggedSample(t)
	if b, err := exec.Command(qpdf, "--check", path).CombinedOutput(); err != nil {
		t.Fatalf("qpdf --check: %v\n%s", err, b)
	}
}

func TestBadTreesAreErrors(t *testing.T) {
	orig := sample(t)
	cases := []struct {
		name string
		doc  func() Doc
		want string
	}{
		{"untagged link", func() Doc {
			d := sampleDoc()
			d.Root.Kids[1].(*Elem).Kids = d.Root.Kids[1].(*Elem).Kids[:1]
			return d
		}, "pdftag: annotation 1 on page 1 is in no element"},
		{"gap in MCIDs", func() Doc {
			d := sampleDoc()
			d.Root.Kids[0].(*Elem).Kids = []Kid{MC{0, 5}}
			return d
		}, "pdftag: page 1: marked content 0 is in no element"},
		{"MCID twice", func() Doc {
			d := sampleDoc()
			d.Root.Kids[2].(*Elem).Kids = []Kid{MC{0, 0}}
			return d
		}, "pdftag: marked content 0 on page 1 belongs to two elements"},
		{"no such page", func() Doc {
			d := sampleDoc()
			d.Root.Kids[2].(*Elem).Kids = []Kid{MC{7, 0}}
			return d
		}, "pdftag: marked content 0 on page 8, which the file does not have"},
		{"bad role", func() Doc {
			d := sampleDoc()
			d.Root.Kids[0].(*Elem).Role = "Heading"
			return d
		}, `pdftag: "Heading" is not a structure type`},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			_, err := Update(orig, c.doc())
			if err == nil || err.Error() != c.want {
				t.Fatalf("got %v, want %s", err, c.want)
			}
		})
	}
	if _, err := Update([]byte("%PDF-1.3\nnot a pdf"), sampleDoc()); err == nil || err.Error() != "pdftag: no startxref" {
		t.Errorf("not a PDF: got %v", err)
	}
}

func TestTextStrings(t *testing.T) {
	for in, want := range map[string]string{
		"Book (now)": `(Book \(now\))`,
		`a\b`:        `(a\\b)`,
		"Zoë":        "<FEFF005A006F00EB>",
		"QR code: 😀": "<FEFF0051005200200063006F00640065003A0020D83DDE00>",
	} {
		if got := textString(in); got != want {
			t.Errorf("textString(%q) = %s, want %s", in, got, want)
		}
	}
}
