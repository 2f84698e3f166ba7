package main

import (
	"os"
	"os/exec"
	"testing"

	"github.com/rogpeppe/go-internal/testscript"

	"github.com/careprint/careprint/internal/cli"
)

func TestMain(m *testing.M) {
	if os.Getenv("CAREPRINT_TEST_RUN") == "1" { // the child of a test that signals it
		os.Exit(cli.Run(cli.DefaultEnv(), os.Args[1:]))
	}
	testscript.Main(m, map[string]func(){
		"careprint": func() { os.Exit(cli.Run(cli.DefaultEnv(), os.Args[1:])) },
	})
}

// TestScripts runs the end-to-end scripts in testdata/script: the real command on real
// files, with the PDFs read back by poppler's tools. In CI (CI=true) a missing tool is a
// failure, not a skip.
func TestScripts(t *testing.T) {
	if os.Getenv("CI") != "" {
		for _, tool := range []string{"pdftotext", "pdfinfo", "pdffonts"} {
			if _, err := exec.LookPath(tool); err != nil {
				t.Fatalf("%s is not installed (apt-get install poppler-utils)", tool)
			}
		}
	}
	testscript.Run(t, testscript.Params{
		Dir:                 "testdata/script",
		UpdateScripts:       os.Getenv("UPDATE_SCRIPTS") != "",
		RequireExplicitExec: true,
		Setup: func(env *testscript.Env) error {
			env.Setenv("SOURCE_DATE_EPOCH", "")
			return nil
		},
	})
}
