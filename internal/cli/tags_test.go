package cli

import (
	"bytes"
	"context"
	"flag"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/careprint/careprint/internal/testtool"
)

var updateTags = flag.Bool("update-tags", false, "rewrite the reviewed structure texts in testdata/tags/")

func runTool(t *testing.T, name string, args ...string) string {
	t.Helper()
	out, err := exec.Command(testtool.Need(t, name), args...).CombinedOutput()
	if err != nil {
		t.Fatalf("%s %s: %v\n%s", name, strings.Join(args, " "), err, out)
	}
	return string(out)
}

// taggedOutputs makes a handout (whose condition has a link), a tri-fold and a merged
// batch of two handouts, and returns their paths.
func taggedOutputs(t *testing.T) map[string]string {
	t.Helper()
	env, _, errb := testEnv(t)
	src, err := os.ReadFile("../../content/conditions/acne-scars.toml")
	if err != nil {
		t.Fatal(err)
	}
	// A link in the condition's text, so that the handout has a link annotation.
	linked := strings.Replace(string(src), "Acne can leave marks in the skin after the spots heal.",
		"Acne can leave marks in the skin after the spots heal. Read [our guide](https://x.example/acne).", 1)
	if linked == string(src) {
		t.Fatal("the acne-scars text changed: update the test's link")
	}
	dir := filepath.Join(env.Dir, "content", "conditions")
	if err := os.MkdirAll(dir, 0o700); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "acne-scars.toml"), []byte(linked), 0o600); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(env.Dir, "roster.csv"), []byte("id,name,treatment_date,conditions\nA,Ana Núñez,2026-12-01,acne-scars\nB,Ben Okafor,2026-12-02,fine-lines\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	for _, args := range [][]string{
		{"handout", "--patient", "Ana Núñez", "-c", "acne-scars", "--date", "2026-12-01", "-o", "handout.pdf"},
		{"brochure", "microneedling", "--layout", "trifold", "--paper", "letter", "--date", "2026-12-01", "-o", "trifold.pdf"},
		{"batch", "roster.csv", "--out", "out", "--merge", "merged.pdf", "--merge-only"},
	} {
		if code := Main(context.Background(), env, args); code != 0 {
			t.Fatalf("careprint %s: exit %d\n%s", strings.Join(args, " "), code, errb)
		}
	}
	return map[string]string{
		"handout": filepath.Join(env.Dir, "handout.pdf"),
		"trifold": filepath.Join(env.Dir, "trifold.pdf"),
		"merged":  filepath.Join(env.Dir, "merged.pdf"),
	}
}

// The structure a screen reader follows, as pdfinfo reads it, compared with reviewed
// texts: the handout, the tri-fold (cover, inside, folds-in, back) and a merged batch.
func TestTaggedStructureReadsInOrder(t *testing.T) {
	testtool.Need(t, "pdfinfo")
	for name, path := range taggedOutputs(t) {
		t.Run(name, func(t *testing.T) {
			got := runTool(t, "pdfinfo", "-struct-text", path)
			golden := filepath.Join("testdata", "tags", name+".txt")
			if *updateTags {
				if err := os.MkdirAll(filepath.Dir(golden), 0o755); err != nil {
					t.Fatal(err)
				}
				if err := os.WriteFile(golden, []byte(got), 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			want, err := os.ReadFile(golden)
			if err != nil {
				t.Fatalf("%v (run go test ./internal/cli -run TestTaggedStructure -update-tags, then review the text)", err)
			}
			if got != string(want) {
				os.WriteFile(golden+".got", []byte(got), 0o644)
				t.Errorf("structure differs from %s; the actual one is in %s.got", golden, golden)
			}
		})
	}
}

// The machine-checkable conditions of the Matterhorn Protocol (PDF/UA-1) for what
// careprint draws, read from qpdf's uncompressed form of each file.
func TestTaggedFilesMeetMatterhorn(t *testing.T) {
	testtool.Need(t, "qpdf")
	testtool.Need(t, "pdfinfo")
	for name, path := range taggedOutputs(t) {
		t.Run(name, func(t *testing.T) {
			runTool(t, "qpdf", "--check", path)
			qdf := filepath.Join(t.TempDir(), "qdf.pdf")
			runTool(t, "qpdf", "--qdf", "--object-streams=disable", path, qdf)
			data, err := os.ReadFile(qdf)
			if err != nil {
				t.Fatal(err)
			}
			s := string(data)
			flat := strings.Join(strings.Fields(s), " ")
			// 06-001..004, 07-001, 11-001, 28-002: catalog entries.
			for _, want := range []string{"/MarkInfo << /Marked true >>", "/DisplayDocTitle true", "/Lang (en", "/StructTreeRoot", "/Metadata", "<pdfuaid:part>1</pdfuaid:part>"} {
				if !strings.Contains(flat, want) {
					t.Errorf("the file lacks %s", want)
				}
			}
			if info := runTool(t, "pdfinfo", path); !regexp.MustCompile(`(?m)^Title: +\S`).MatchString(info) {
				t.Errorf("no title:\n%s", info)
			}
			// 01-001..004: every text, path and image is in a tagged sequence or an artifact.
			streams := regexp.MustCompile(`(?s)%% Contents for page (\d+)\n(?:%%[^\n]*\n)*\d+ 0 obj\n<<.*?>>\nstream\n(.*?)endstream`).FindAllStringSubmatch(s, -1)
			if len(streams) == 0 {
				t.Fatal("no page contents found")
			}
			for _, m := range streams {
				depth := 0
				for _, line := range strings.Split(m[2], "\n") {
					f := strings.Fields(line)
					if len(f) == 0 {
						continue
					}
					switch op := f[len(f)-1]; op {
					case "BDC", "BMC":
						depth++
					case "EMC":
						depth--
					case "BT", "re", "Do", "l", "S", "f":
						if depth <= 0 {
							t.Errorf("page %s: %q drawn outside any tagged sequence or artifact", m[1], line)
						}
					}
				}
				if depth != 0 {
					t.Errorf("page %s: %d marked sequences left open", m[1], depth)
				}
			}
			// 13-004: every figure has alternative text. 15-003: table headers have a scope.
			elems := regexp.MustCompile(`(?s)\d+ 0 obj\n<<(.*?)\n>>\nendobj`).FindAllStringSubmatch(s, -1)
			for _, e := range elems {
				d := strings.Join(strings.Fields(e[1]), " ")
				switch {
				case strings.Contains(d, "/S /Figure") && !strings.Contains(d, "/Alt"):
					t.Errorf("a figure without /Alt: %s", d)
				case strings.Contains(d, "/S /TH") && !strings.Contains(d, "/Scope"):
					t.Errorf("a table header without /Scope: %s", d)
				case strings.Contains(d, "/Subtype /Link") && (!strings.Contains(d, "/Contents") || !strings.Contains(d, "/StructParent")):
					t.Errorf("a link without /Contents or /StructParent: %s", d)
				}
			}
			if name == "handout" {
				figures, headers, links := 0, 0, 0
				for _, e := range elems {
					d := strings.Join(strings.Fields(e[1]), " ")
					figures += strings.Count(d, "/S /Figure")
					headers += strings.Count(d, "/S /TH")
					links += strings.Count(d, "/Subtype /Link")
				}
				if figures == 0 || headers != 4 || links != 1 {
					t.Errorf("the checks saw %d figures, %d table headers and %d links; want the QR code, the 4 aftercare headers and 1 link", figures, headers, links)
				}
			}
			// 14-003: headings do not skip a level on the way down.
			st := runTool(t, "pdfinfo", "-struct-text", path)
			prev := 0
			for _, m := range regexp.MustCompile(`(?m)^\s*H([1-6]) `).FindAllStringSubmatch(st, -1) {
				l, _ := strconv.Atoi(m[1])
				if l > prev+1 {
					t.Errorf("heading H%d follows H%d", l, prev)
				}
				prev = l
			}
			if prev == 0 {
				t.Error("no headings")
			}
			// Same input, same bytes.
			again := taggedOutputs(t)[name]
			a, _ := os.ReadFile(path)
			b, _ := os.ReadFile(again)
			if !bytes.Equal(a, b) {
				t.Error("the same input gave different bytes")
			}
		})
	}
}

// Right-to-left text is drawn in visual order with joined letter forms; the element
// that holds it carries /ActualText in reading order, which screen readers read instead.
func TestRightToLeftTextHasActualTextInReadingOrder(t *testing.T) {
	testtool.Need(t, "qpdf")
	env, _, errb := testEnv(t)
	args := []string{"handout", "--patient", "سارة أحمد", "-c", "acne-scars", "--date", "2026-12-01", "-o", "h.pdf"}
	if code := Main(context.Background(), env, args); code != 0 {
		t.Fatalf("exit %d: %s", code, errb)
	}
	js := runTool(t, "qpdf", "--json=2", filepath.Join(env.Dir, "h.pdf"))
	want := `"/ActualText": "u:For: سارة أحمد     Treatment: Microneedling on Tuesday 1 December 2026"`
	if !strings.Contains(js, want) {
		t.Errorf("no %s in the structure tree", want)
	}
	if n := strings.Count(js, `"/ActualText"`); n != 1 {
		t.Errorf("%d elements with /ActualText, want 1 (only the one with right-to-left text)", n)
	}
}
