// Command gendocs writes careprint's man pages and Markdown reference from the command
// tree, reproducibly (a fixed date, no "auto generated" stamp):
//
//	go run ./internal/gendocs docs
package main

import (
	"fmt"
	"os"
	"path/filepath"
	"time"

	"github.com/spf13/cobra/doc"

	"github.com/careprint/careprint/internal/cli"
)

func main() {
	if len(os.Args) != 2 {
		fmt.Fprintln(os.Stderr, "usage: go run ./internal/gendocs DIR")
		os.Exit(2)
	}
	if err := generate(os.Args[1]); err != nil {
		fmt.Fprintln(os.Stderr, "gendocs:", err)
		os.Exit(1)
	}
}

// date is fixed so that the pages do not change unless the commands do.
var date = time.Date(2026, 11, 24, 0, 0, 0, 0, time.UTC)

func generate(dir string) error {
	root := cli.NewCmdRoot(&cli.Env{Out: os.Stdout, Err: os.Stderr, Getenv: os.Getenv, Now: time.Now})
	root.DisableAutoGenTag = true
	man, md := filepath.Join(dir, "man"), filepath.Join(dir, "cli")
	for _, d := range []string{man, md} {
		if err := os.MkdirAll(d, 0o755); err != nil {
			return err
		}
	}
	if err := doc.GenManTree(root, &doc.GenManHeader{Title: "CAREPRINT", Section: "1", Date: &date, Source: "careprint", Manual: "careprint manual"}, man); err != nil {
		return err
	}
	return doc.GenMarkdownTree(root, md)
}
