// Package testtool finds the programs tests read PDFs back with (poppler's pdftotext,
// pdfinfo, pdffonts and pdftoppm, zbarimg, qpdf). Only tests import it.
package testtool

import (
	"os"
	"os/exec"
	"testing"
)

// Need returns the path of tool. Without it the test is skipped on a developer's
// machine and fails in CI (CI set), where .ci/run installs every tool.
func Need(t testing.TB, tool string) string {
	t.Helper()
	p, err := exec.LookPath(tool)
	if err != nil {
		if os.Getenv("CI") != "" {
			t.Fatalf("%s is not installed (.ci/run installs it)", tool)
		}
		t.Skipf("%s is not installed", tool)
	}
	return p
}

// NeedFile returns path, a file a Debian package installs (a font, say). Without it the
// test is skipped on a developer's machine and fails in CI, where .ci/run installs pkg.
func NeedFile(t testing.TB, path, pkg string) string {
	t.Helper()
	if _, err := os.Stat(path); err != nil {
		if os.Getenv("CI") != "" {
			t.Fatalf("%s is missing (.ci/run installs the Debian package %s)", path, pkg)
		}
		t.Skipf("%s is missing (apt-get install %s)", path, pkg)
	}
	return path
}
