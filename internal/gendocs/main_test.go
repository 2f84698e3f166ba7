package main

import (
	"os"
	"path/filepath"
	"testing"
)

// TestDocsAreCurrent regenerates the docs and compares them with docs/ in the
// repository, so that a changed flag or help text cannot leave stale pages behind.
func TestDocsAreCurrent(t *testing.T) {
	dir := t.TempDir()
	if err := generate(dir); err != nil {
		t.Fatal(err)
	}
	n := 0
	for _, sub := range []string{"man", "cli"} {
		entries, err := os.ReadDir(filepath.Join(dir, sub))
		if err != nil {
			t.Fatal(err)
		}
		for _, e := range entries {
			n++
			got, _ := os.ReadFile(filepath.Join(dir, sub, e.Name()))
			want, err := os.ReadFile(filepath.Join("..", "..", "docs", sub, e.Name()))
			if err != nil || string(got) != string(want) {
				t.Errorf("docs/%s/%s is stale: run go run ./internal/gendocs docs", sub, e.Name())
			}
		}
	}
	if n < 10 {
		t.Errorf("only %d pages generated", n)
	}
}
