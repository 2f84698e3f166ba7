package cli

import (
	"github.com/careprint/careprint/internal/batch"
	"github.com/careprint/careprint/internal/testtool"

	"bytes"
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	careprint "github.com/careprint/careprint"
)

func writeRoster(t *testing.T, dir string, n int) {
	t.Helper()
	var b strings.Builder
	b.WriteString("id,name,treatment_date,conditions\n")
	for i := range n {
		fmt.Fprintf(&b, "P%03d,Patient %d,2026-12-01,acne-scars|fine-lines\n", i, i)
	}
	if err := os.WriteFile(filepath.Join(dir, "roster.csv"), []byte(b.String()), 0o644); err != nil {
		t.Fatal(err)
	}
}

// TestBatchInterruptedLeavesOnlyWholeFiles cancels a batch once its first handout is on
// disk, as Ctrl-C does, and checks that every file left is a whole PDF.
func TestBatchInterruptedLeavesOnlyWholeFiles(t *testing.T) {
	env, out, _ := testEnv(t)
	writeRoster(t, env.Dir, 60)
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	go func() {
		for ctx.Err() == nil {
			if m, _ := filepath.Glob(filepath.Join(env.Dir, "output", "*.pdf")); len(m) > 0 {
				cancel()
				return
			}
			time.Sleep(time.Millisecond)
		}
	}()
	code := Main(ctx, env, []string{"batch", "roster.csv", "--workers", "2"})
	if code != 1 {
		t.Errorf("exit code %d, want 1 for an interrupted batch", code)
	}
	if !strings.Contains(out.String(), "not made (interrupted)") {
		t.Errorf("summary: %s", out)
	}
	entries, _ := os.ReadDir(filepath.Join(env.Dir, "output"))
	if len(entries) <= 2 || len(entries) >= 62 {
		t.Fatalf("%d files: the batch was not interrupted midway", len(entries))
	}
	for _, e := range entries {
		if e.Name() == batchRecordFile || e.Name() == batchKeyFile {
			continue // the record of what was made, for the next run
		}
		data, _ := os.ReadFile(filepath.Join(env.Dir, "output", e.Name()))
		if !strings.HasSuffix(e.Name(), ".pdf") || !bytes.HasPrefix(data, []byte("%PDF-")) || !bytes.Contains(data[max(0, len(data)-32):], []byte("%%EOF")) {
			t.Errorf("%s is not a whole PDF", e.Name())
		}
	}
}

func TestBatchUsesAllWorkersAndIsDeterministic(t *testing.T) {
	env, _, errb := testEnv(t)
	writeRoster(t, env.Dir, 12)
	if code := Main(context.Background(), env, []string{"batch", "roster.csv", "--workers", "4", "--merge", "a.pdf", "--merge-only"}); code != 0 {
		t.Fatalf("exit %d: %s", code, errb)
	}
	if code := Main(context.Background(), env, []string{"batch", "roster.csv", "--workers", "1", "--merge", "b.pdf", "--merge-only"}); code != 0 {
		t.Fatalf("exit %d: %s", code, errb)
	}
	a, _ := os.ReadFile(filepath.Join(env.Dir, "a.pdf"))
	b, _ := os.ReadFile(filepath.Join(env.Dir, "b.pdf"))
	if len(a) == 0 || !bytes.Equal(a, b) {
		t.Error("the merged file depends on the number of workers")
	}
}

// TestMergedFileIsInRosterOrder merges 40 rows made by 4 workers, which finish in any
// order and run ahead of the merge by up to 16 handouts: each handout's first page
// follows the one before it, in the roster's order.
func TestMergedFileIsInRosterOrder(t *testing.T) {
	testtool.Need(t, "pdftotext")
	env, out, errb := testEnv(t)
	writeRoster(t, env.Dir, 40)
	if code := Main(context.Background(), env, []string{"batch", "roster.csv", "--workers", "4", "--merge", "day.pdf", "--merge-only"}); code != 0 {
		t.Fatalf("exit %d: %s", code, errb)
	}
	if !strings.Contains(out.String(), "day.pdf (120 pages)") {
		t.Errorf("output: %s", out)
	}
	txt, err := exec.Command("pdftotext", filepath.Join(env.Dir, "day.pdf"), "-").Output()
	if err != nil {
		t.Fatal(err)
	}
	var order []string
	for _, m := range regexp.MustCompile(`For: (Patient \d+)`).FindAllStringSubmatch(string(txt), -1) {
		order = append(order, m[1])
	}
	if len(order) != 40 {
		t.Fatalf("found %d patients, want 40", len(order))
	}
	for i, name := range order {
		if want := fmt.Sprintf("Patient %d", i); name != want {
			t.Fatalf("handout %d is %s, want %s (order: %v)", i+1, name, want, order)
		}
	}
}

// TestBatchRunAgainMakesOnlyWhatChanged runs a batch, then again: nothing is made again
// until a file is changed or removed, or the content changes; the record of what was
// made holds no patient's name.
func TestBatchRunAgainMakesOnlyWhatChanged(t *testing.T) {
	env, out, errb := testEnv(t)
	writeRoster(t, env.Dir, 20)
	batch := func(want string, made int64, args ...string) {
		t.Helper()
		out.Reset()
		before := renders.Load()
		if code := Main(context.Background(), env, append([]string{"batch", "roster.csv"}, args...)); code != 0 {
			t.Fatalf("exit %d: %s", code, errb)
		}
		if !strings.Contains(out.String(), want) {
			t.Errorf("summary %q, want %q", out.String(), want)
		}
		if got := renders.Load() - before; got != made {
			t.Errorf("made %d handouts, want %d", got, made)
		}
	}
	batch("20 written, 0 unchanged, 0 failed", 20)
	batch("0 written, 20 unchanged, 0 failed", 0)

	dir := filepath.Join(env.Dir, "output")
	tampered := filepath.Join(dir, "P003.pdf")
	data, _ := os.ReadFile(tampered)
	os.WriteFile(tampered, append(data, '\n'), 0o644)
	os.Remove(filepath.Join(dir, "P004.pdf"))
	batch("2 written, 18 unchanged, 0 failed", 2)
	if again, _ := os.ReadFile(tampered); !bytes.Equal(again, data) {
		t.Error("the changed file was not made again")
	}

	// A change to the content makes every handout again; those it changes are written.
	cond, err := careprint.Defaults.ReadFile("content/conditions/acne-scars.toml")
	if err != nil {
		t.Fatal(err)
	}
	os.MkdirAll(filepath.Join(env.Dir, "content", "conditions"), 0o755)
	os.WriteFile(filepath.Join(env.Dir, "content", "conditions", "acne-scars.toml"),
		bytes.Replace(cond, []byte("Acne can leave"), []byte("Acne often leaves"), 1), 0o644)
	batch("20 written, 0 unchanged, 0 failed", 20)
	batch("0 written, 20 unchanged, 0 failed", 0)
	batch("20 written, 0 unchanged, 0 failed", 20, "--force")

	record, err := os.ReadFile(filepath.Join(dir, batchRecordFile))
	if err != nil {
		t.Fatal(err)
	}
	if bytes.Contains(record, []byte("Patient")) || bytes.Contains(record, []byte("2026-12-01")) {
		t.Errorf("the record holds patient data:\n%s", record[:min(len(record), 400)])
	}
	// A file no longer there leaves the record at the next run.
	if !bytes.Contains(record, []byte(`"P019.pdf"`)) {
		t.Fatal("P019.pdf is not in the record")
	}
	writeRoster(t, env.Dir, 19)
	os.Remove(filepath.Join(dir, "P019.pdf"))
	batch("0 written, 19 unchanged, 0 failed", 0)
	if record, _ = os.ReadFile(filepath.Join(dir, batchRecordFile)); bytes.Contains(record, []byte(`"P019.pdf"`)) {
		t.Error("P019.pdf is gone but still in the record")
	}
	if fi, err := os.Stat(filepath.Join(dir, batchKeyFile)); err != nil || fi.Mode().Perm() != 0o600 {
		t.Errorf("key file: %v, %v", fi, err)
	}
}

// TestBatchFilesArePrivate: handouts and the merged file are 0600 whatever the umask,
// and a run again (--force) keeps them so; temporary files a killed run left (a whole
// handout each, with a name inside) are removed by the next run, and only those.
func TestBatchFilesArePrivate(t *testing.T) {
	env, out, errb := testEnv(t)
	writeRoster(t, env.Dir, 2)
	dir := filepath.Join(env.Dir, "output")
	os.MkdirAll(dir, 0o755)
	old := time.Now().Add(-time.Hour)
	for _, name := range []string{".careprint-P000.pdf.123.tmp", ".P0316.pdf.4567.tmp"} {
		os.WriteFile(filepath.Join(dir, name), []byte("%PDF-"), 0o644)
		os.Chtimes(filepath.Join(dir, name), old, old)
	}
	os.WriteFile(filepath.Join(dir, ".careprint-P001.pdf.9.tmp"), []byte("%PDF-"), 0o600) // another run's, being written now
	for _, args := range [][]string{{}, {"--force"}} {
		if code := Main(context.Background(), env, append([]string{"batch", "roster.csv"}, args...)); code != 0 {
			t.Fatalf("exit %d: %s", code, errb)
		}
	}
	if !strings.Contains(errb.String(), "removed 2 temporary files an interrupted run left in output\n") {
		t.Errorf("stderr: %s", errb)
	}
	entries, _ := os.ReadDir(dir)
	var names []string
	for _, e := range entries {
		names = append(names, e.Name())
		if fi, _ := e.Info(); strings.HasSuffix(e.Name(), ".pdf") && fi.Mode().Perm() != 0o600 {
			t.Errorf("%s: mode %04o, want 0600", e.Name(), fi.Mode().Perm())
		}
	}
	if got := strings.Join(names, " "); got != ".careprint-P001.pdf.9.tmp .careprint-batch.json .careprint-batch.key P000.pdf P001.pdf" {
		t.Errorf("output holds %s", got)
	}
	out.Reset()
	if code := Main(context.Background(), env, []string{"batch", "roster.csv", "--merge", "day.pdf", "--merge-only"}); code != 0 {
		t.Fatalf("exit %d: %s", code, errb)
	}
	if fi, err := os.Stat(filepath.Join(env.Dir, "day.pdf")); err != nil || fi.Mode().Perm() != 0o600 {
		t.Errorf("merged file: %v %v", fi, err)
	}
}

// TestBatchKeyMustBePrivate: a key others can read is made private with a warning; a
// key that cannot be read turns the record off with a warning that says so and why.
func TestBatchKeyMustBePrivate(t *testing.T) {
	env, _, errb := testEnv(t)
	writeRoster(t, env.Dir, 1)
	batch := func() {
		t.Helper()
		errb.Reset()
		if code := Main(context.Background(), env, []string{"batch", "roster.csv"}); code != 0 {
			t.Fatalf("exit %d: %s", code, errb)
		}
	}
	batch()
	key := filepath.Join(env.Dir, "output", batchKeyFile)
	os.Chmod(key, 0o644)
	batch()
	if want := "warning: .careprint-batch.key was readable by others (0644): made it readable by its owner only (0600)\n"; errb.String() != want {
		t.Errorf("stderr %q, want %q", errb, want)
	}
	if fi, _ := os.Stat(key); fi.Mode().Perm() != 0o600 {
		t.Errorf("key mode %04o", fi.Mode().Perm())
	}
	// Unreadable: a folder in its place (chmod 000 does not stop root).
	os.Remove(key)
	os.Mkdir(key, 0o700)
	batch()
	if want := "warning: no batch record this run (every handout is made again): cannot read .careprint-batch.key: is a directory\n"; errb.String() != want {
		t.Errorf("stderr %q, want %q", errb, want)
	}
}

// TestMergedBatchInParts: with more handouts than --merge-split, the merged file is
// written in numbered parts of that many, in roster order; with fewer, it is the one
// file named; a part left by an earlier, longer run is pointed out.
func TestMergedBatchInParts(t *testing.T) {
	env, out, errb := testEnv(t)
	writeRoster(t, env.Dir, 7)
	os.WriteFile(filepath.Join(env.Dir, "day-005.pdf"), []byte("%PDF-"), 0o600)
	if code := Main(context.Background(), env, []string{"batch", "roster.csv", "--merge", "day.pdf", "--merge-only", "--merge-split", "2"}); code != 0 {
		t.Fatalf("exit %d: %s", code, errb)
	}
	want := "day-001.pdf (6 pages)\nday-002.pdf (6 pages)\nday-003.pdf (6 pages)\nday-004.pdf (3 pages)\n7 merged, 0 failed\n"
	if out.String() != want {
		t.Errorf("stdout:\n%s\nwant:\n%s", out, want)
	}
	if want := "warning: day-005.pdf is from an earlier run, not this one: remove it before printing\n"; errb.String() != want {
		t.Errorf("stderr %q, want %q", errb, want)
	}
	if _, err := os.Stat(filepath.Join(env.Dir, "day.pdf")); err == nil {
		t.Error("day.pdf was written as well as its parts")
	}
	// Each part holds its rows, in roster order.
	testtool.Need(t, "pdftotext")
	for part, want := range []string{"0 1", "2 3", "4 5", "6"} {
		txt, err := exec.Command("pdftotext", filepath.Join(env.Dir, fmt.Sprintf("day-%03d.pdf", part+1)), "-").Output()
		if err != nil {
			t.Fatal(err)
		}
		var got []string
		for _, m := range regexp.MustCompile(`For: Patient (\d+)`).FindAllStringSubmatch(string(txt), -1) {
			got = append(got, m[1])
		}
		if strings.Join(got, " ") != want {
			t.Errorf("part %d holds patients %v, want %s", part+1, got, want)
		}
	}
}

// The record's files, named here because the tests call their batch helpers batch.
const batchRecordFile, batchKeyFile = batch.RecordFile, batch.KeyFile

// renders counts the handouts a batch lays out and writes.
var renders = &batch.Renders
