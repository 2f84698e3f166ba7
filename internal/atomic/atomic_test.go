package atomic

import (
	"os"
	"path/filepath"
	"testing"
	"time"
)

func TestWriteFileReplacesWholeAndLeavesNoTemporaryFile(t *testing.T) {
	dir := t.TempDir()
	name := filepath.Join(dir, "sub", "out.pdf")
	if err := WriteFile(name, []byte("first"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := WriteFile(name, []byte("second"), 0o644); err != nil {
		t.Fatal(err)
	}
	got, _ := os.ReadFile(name)
	if string(got) != "second" {
		t.Errorf("content = %q", got)
	}
	entries, _ := os.ReadDir(filepath.Dir(name))
	if len(entries) != 1 {
		t.Errorf("folder holds %v, want only out.pdf", entries)
	}
}

func TestWriteFileFailureLeavesNothing(t *testing.T) {
	dir := t.TempDir()
	// The target is a folder: the rename fails after the data was written.
	target := filepath.Join(dir, "out.pdf")
	if err := os.Mkdir(target, 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(target, "keep"), nil, 0o644); err != nil {
		t.Fatal(err)
	}
	if err := WriteFile(target, []byte("data"), 0o644); err == nil {
		t.Fatal("want an error")
	}
	entries, _ := os.ReadDir(dir)
	if len(entries) != 1 || entries[0].Name() != "out.pdf" {
		t.Errorf("folder holds %v, want only the untouched out.pdf folder", entries)
	}
}

// TestFilesArePrivateAndRerunsNeverWiden: a handout is written 0600 whatever the umask,
// and a rerun does not turn it back to 0644; the temporary file is 0600 too.
func TestFilesArePrivateAndRerunsNeverWiden(t *testing.T) {
	dir := t.TempDir()
	name := filepath.Join(dir, "P1.pdf")
	for range 2 {
		if err := WriteFile(name, []byte("%PDF-"), 0o600); err != nil {
			t.Fatal(err)
		}
		if fi, _ := os.Stat(name); fi.Mode().Perm() != 0o600 {
			t.Errorf("mode %v, want 0600", fi.Mode().Perm())
		}
	}
	// A file its owner made narrower stays so; one made wider by an old version
	// (0644) is made private.
	for _, m := range []struct{ before, after os.FileMode }{{0o400, 0o400}, {0o644, 0o600}} {
		os.Chmod(name, m.before)
		if err := WriteFile(name, []byte("%PDF-"), 0o600); err != nil {
			t.Fatal(err)
		}
		if fi, _ := os.Stat(name); fi.Mode().Perm() != m.after {
			t.Errorf("%04o rewritten: mode %04o, want %04o", m.before, fi.Mode().Perm(), m.after)
		}
	}
}

// TestRemoveStaleRemovesOnlyOldTemporaryFiles: what a killed run left (old, with
// careprint's temporary name, or the name it used before) goes; a file being written
// now, a handout, and other files stay.
func TestRemoveStaleRemovesOnlyOldTemporaryFiles(t *testing.T) {
	dir := t.TempDir()
	old := time.Now().Add(-time.Hour)
	files := map[string]bool{ // name → removed
		".careprint-P1.pdf.123.tmp":      true,
		".P0316.pdf.4567.tmp":            true,
		".careprint-batch.key.8.tmp":     true,
		"P1.pdf":                         false,
		".careprint-batch.json":          false,
		"notes.tmp":                      false,
		".cache.tmp":                     false,
		".careprint-P2.pdf.999.tmp(new)": false,
	}
	for name := range files {
		path := filepath.Join(dir, name)
		os.WriteFile(path, nil, 0o600)
		if name != ".careprint-P2.pdf.999.tmp(new)" {
			os.Chtimes(path, old, old)
		}
	}
	fresh := filepath.Join(dir, ".careprint-P3.pdf.1.tmp")
	os.WriteFile(fresh, nil, 0o600)
	files[".careprint-P3.pdf.1.tmp"] = false
	n, err := RemoveStale(dir, time.Now().Add(-time.Minute))
	if err != nil || n != 3 {
		t.Errorf("removed %d, %v; want 3", n, err)
	}
	for name, removed := range files {
		if _, err := os.Stat(filepath.Join(dir, name)); os.IsNotExist(err) != removed {
			t.Errorf("%s: removed %v, want %v", name, os.IsNotExist(err), removed)
		}
	}
}
