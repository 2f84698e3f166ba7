package cli

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/careprint/careprint/internal/testtool"
)

// Print-shop files, tagged and untagged, and a merged batch without tags all pass qpdf's
// check of the update careprint appends (the font names and the page boxes), and a
// tri-fold with bleed and marks comes out byte for byte the same twice.
func TestPrintFilesCheckClean(t *testing.T) {
	testtool.Need(t, "qpdf")
	env, _, errb := testEnv(t)
	if err := os.WriteFile(filepath.Join(env.Dir, "roster.csv"), []byte("id,name,treatment_date,conditions\nA,Ana One,2026-12-01,acne-scars\nB,Ben Two,2026-12-02,fine-lines\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	trifold := []string{"brochure", "microneedling", "--layout", "trifold", "--paper", "letter", "--bleed", "--marks", "--date", "2026-12-01", "-o"}
	runs := [][]string{
		append(trifold[:len(trifold):len(trifold)], "tagged.pdf"),
		append(trifold[:len(trifold):len(trifold)], "again.pdf"),
		append([]string{"--no-tags"}, append(trifold[:len(trifold):len(trifold)], "untagged.pdf")...),
		{"--no-tags", "brochure", "microneedling", "--layout", "booklet", "--paper", "a4", "--bleed", "--date", "2026-12-01", "-o", "booklet.pdf"},
		{"--no-tags", "batch", "roster.csv", "--out", "out", "--merge", "merged.pdf", "--merge-only"},
	}
	for _, args := range runs {
		if code := Main(context.Background(), env, args); code != 0 {
			t.Fatalf("careprint %s: exit %d\n%s", strings.Join(args, " "), code, errb)
		}
	}
	read := func(name string) []byte {
		b, err := os.ReadFile(filepath.Join(env.Dir, name))
		if err != nil {
			t.Fatal(err)
		}
		return b
	}
	if string(read("tagged.pdf")) != string(read("again.pdf")) {
		t.Error("the same tri-fold made twice differs")
	}
	for _, name := range []string{"tagged.pdf", "untagged.pdf", "booklet.pdf", "merged.pdf"} {
		out := runTool(t, "qpdf", "--check", filepath.Join(env.Dir, name))
		if !strings.Contains(out, "No syntax or stream encoding errors found") {
			t.Errorf("%s: qpdf --check:\n%s", name, out)
		}
	}
}
