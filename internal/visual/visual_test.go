package visual

import (
	"bytes"
	"context"
	"flag"
	"fmt"
	"image"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/careprint/careprint/internal/cli"
	"github.com/careprint/careprint/internal/testtool"
)

var update = flag.Bool("update", false, "rewrite the reference images in testdata/ (then look at each one before committing)")

// dpi is the resolution pages are compared at: enough for a missing word or a tofu box to
// show as a cluster of pixels, small enough that the references stay a few kB a page.
const dpi = 30

// failedDir is where a failing page and its diff image are written (git-ignored).
const failedDir = "testdata/failed"

// handout is the patient, conditions and other fields every handout below shares.
var handout = []string{"handout", "-c", "acne-scars,fine-lines", "--date", "2026-12-01",
	"--clinician", "Dr Ana Smith", "--notes", "Avoid the sun for two weeks."}

func with(base []string, args ...string) []string {
	return append(append([]string(nil), base...), args...)
}

// outputs are the outputs compared with testdata/NAME-pN.png. firstPage compares only
// page 1, for outputs whose difference from another one is on page 1 (a name).
var outputs = []struct {
	name      string
	args      []string
	firstPage bool
}{
	{"handout-a4", with(handout, "--patient", "Zoë Łukasiewicz", "--paper", "a4"), false},
	{"handout-letter", with(handout, "--patient", "Zoë Łukasiewicz", "--paper", "letter"), false},
	{"handout-large", with(handout, "--patient", "Zoë Łukasiewicz", "--layout", "handout-large"), false},
	{"handout-es", with(handout, "--patient", "Ana Núñez", "--language", "es"), false},
	{"name-vietnamese", with(handout, "--patient", "Nguyễn Thị Phương Thảo"), true},
	{"name-arabic", with(handout, "--patient", "سارة أحمد"), true},
	{"name-persian", with(handout, "--patient", "پریسا رضایی"), true},
	{"name-hebrew", with(handout, "--patient", "שרה כהן"), true},
	{"trifold-letter-bleed-marks", []string{"brochure", "microneedling", "--layout", "trifold", "--paper", "letter", "--bleed", "--marks", "--date", "2026-12-01"}, false},
	{"booklet-a4", []string{"brochure", "microneedling", "--layout", "booklet", "--paper", "a4", "--date", "2026-12-01"}, false},
	{"booklet-a4-imposed", []string{"brochure", "microneedling", "--layout", "booklet", "--paper", "a4", "--imposed", "--date", "2026-12-01"}, false},
}

func TestOutputsMatchReferences(t *testing.T) {
	pdftoppm := testtool.Need(t, "pdftoppm")
	if err := os.RemoveAll(failedDir); err != nil {
		t.Fatal(err)
	}
	for _, o := range outputs {
		t.Run(o.name, func(t *testing.T) {
			pdf := render(t, o.args)
			got := rasterise(t, pdftoppm, pdf, o.firstPage)
			if *update {
				writeReferences(t, o.name, got)
				return
			}
			compareWithReferences(t, o.name, got)
		})
	}
}

// TestNoStrayReferences keeps testdata/ to the outputs in the table: a reference left
// from a removed or renamed output would never be compared again. -update removes them.
func TestNoStrayReferences(t *testing.T) {
	files, err := filepath.Glob(filepath.Join("testdata", "*.png"))
	if err != nil {
		t.Fatal(err)
	}
	known := map[string]bool{}
	for _, o := range outputs {
		known[o.name] = true
	}
	for _, f := range files {
		m := referenceName.FindStringSubmatch(filepath.Base(f))
		if m != nil && known[m[1]] {
			continue
		}
		if *update {
			if err := os.Remove(f); err != nil {
				t.Fatal(err)
			}
			continue
		}
		t.Errorf("%s belongs to no output in the table: remove it, or run go test ./internal/visual -update", f)
	}
}

var referenceName = regexp.MustCompile(`^(.+)-p[1-9][0-9]*\.png$`)

// render makes one output through the real command line, in process, with the built-in
// project and a fixed clock, and returns the PDF's path.
func render(t *testing.T, args []string) string {
	t.Helper()
	var out, errb bytes.Buffer
	env := &cli.Env{
		Out: &out, Err: &errb, Dir: t.TempDir(),
		Getenv: func(k string) string {
			if k == "SOURCE_DATE_EPOCH" {
				return "1795000000"
			}
			return ""
		},
		Now: func() time.Time { return time.Date(2026, 12, 1, 9, 0, 0, 0, time.UTC) },
	}
	pdf := filepath.Join(env.Dir, "out.pdf")
	if code := cli.Main(context.Background(), env, with(args, "-o", pdf)); code != 0 {
		t.Fatalf("careprint %s: exit code %d\n%s", strings.Join(args, " "), code, errb.String())
	}
	return pdf
}

var pageNumber = regexp.MustCompile(`-(\d+)\.png$`)

// rasterise renders the PDF's pages (or its first) to grey PNGs, returned in page order.
func rasterise(t *testing.T, pdftoppm, pdf string, firstPage bool) [][]byte {
	t.Helper()
	dir := t.TempDir()
	args := []string{"-r", strconv.Itoa(dpi), "-gray", "-png"}
	if firstPage {
		args = append(args, "-f", "1", "-l", "1")
	}
	cmd := exec.Command(pdftoppm, append(args, pdf, filepath.Join(dir, "page"))...)
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("pdftoppm: %v\n%s", err, out)
	}
	files, err := filepath.Glob(filepath.Join(dir, "page-*.png"))
	if err != nil {
		t.Fatal(err)
	}
	sort.Slice(files, func(i, j int) bool { return pageOf(files[i]) < pageOf(files[j]) })
	var pages [][]byte
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		pages = append(pages, data)
	}
	if len(pages) == 0 {
		t.Fatal("pdftoppm wrote no pages")
	}
	return pages
}

func pageOf(file string) int {
	m := pageNumber.FindStringSubmatch(file)
	if m == nil {
		return -1
	}
	n, _ := strconv.Atoi(m[1])
	return n
}

func referencePath(name string, page int) string {
	return filepath.Join("testdata", fmt.Sprintf("%s-p%d.png", name, page))
}

// references returns the reference files of an output, in page order.
func references(t *testing.T, name string) []string {
	t.Helper()
	files, err := filepath.Glob(filepath.Join("testdata", name+"-p*.png"))
	if err != nil {
		t.Fatal(err)
	}
	var refs []string
	for n := 1; ; n++ {
		p := referencePath(name, n)
		found := false
		for _, f := range files {
			found = found || f == p
		}
		if !found {
			break
		}
		refs = append(refs, p)
	}
	if len(refs) != len(files) {
		t.Fatalf("testdata has %s but not every page before it: run go test ./internal/visual -update", strings.Join(files, ", "))
	}
	return refs
}

// writeReferences replaces an output's references with its pages, in 16 greys (4 bits
// a pixel) with Go's best compression.
func writeReferences(t *testing.T, name string, pages [][]byte) {
	t.Helper()
	for _, f := range references(t, name) {
		if err := os.Remove(f); err != nil {
			t.Fatal(err)
		}
	}
	for i, data := range pages {
		m, err := Decode(data)
		if err != nil {
			t.Fatalf("page %d: %v", i+1, err)
		}
		small, err := Encode(Quantize(m))
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(referencePath(name, i+1), small, 0o644); err != nil {
			t.Fatal(err)
		}
	}
}

func compareWithReferences(t *testing.T, name string, pages [][]byte) {
	t.Helper()
	const how = "if the change is intended, look at the new pages and run go test ./internal/visual -update, then review the references in the diff"
	refs := references(t, name)
	if len(refs) != len(pages) {
		t.Errorf("%d pages, the references (testdata/%s-p*.png) have %d; %s", len(pages), name, len(refs), how)
		for i, data := range pages {
			saveFailed(t, name, i+1, data, nil)
		}
		return
	}
	for i, data := range pages {
		got, err := Decode(data)
		if err != nil {
			t.Fatalf("page %d from pdftoppm: %v", i+1, err)
		}
		ref, err := os.ReadFile(refs[i])
		if err != nil {
			t.Fatal(err)
		}
		want, err := Decode(ref)
		if err != nil {
			t.Fatalf("%s: %v", refs[i], err)
		}
		res, err := Compare(want, got)
		if err != nil {
			dir := saveFailed(t, name, i+1, data, nil)
			t.Errorf("page %d: %v; the page is in %s; %s", i+1, err, dir, how)
			continue
		}
		if !res.OK() {
			dir := saveFailed(t, name, i+1, data, DiffImage(want, got, res))
			t.Errorf("page %d differs from %s: %v; the page and a diff (red: counted, orange: forgiven) are in %s; %s", i+1, refs[i], res, dir, how)
		}
	}
}

// saveFailed writes a failing page, and its diff when there is one, to failedDir and
// returns the folder's absolute path.
func saveFailed(t *testing.T, name string, page int, data []byte, diff *image.RGBA) string {
	t.Helper()
	if err := os.MkdirAll(failedDir, 0o755); err != nil {
		t.Fatal(err)
	}
	base := filepath.Join(failedDir, fmt.Sprintf("%s-p%d", name, page))
	if err := os.WriteFile(base+".got.png", data, 0o644); err != nil {
		t.Fatal(err)
	}
	if diff != nil {
		d, err := Encode(diff)
		if err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(base+".diff.png", d, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	abs, err := filepath.Abs(failedDir)
	if err != nil {
		return failedDir
	}
	return abs
}
