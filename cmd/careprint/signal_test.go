//go:build unix

package main

import (
	"bufio"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"
)

// SIGTERM ends a busy batch: it stops between handouts, says how many were not made,
// leaves no temporary file, and exits 143. The bound is generous; the point is that it
// ends at all, where before it printed to the end.
func TestSIGTERMEndsABusyBatch(t *testing.T) {
	dir := t.TempDir()
	var roster strings.Builder
	roster.WriteString("id,name,treatment_date,conditions\n")
	for i := range 3000 {
		fmt.Fprintf(&roster, "P%04d,Test Person,2026-12-01,acne-scars\n", i)
	}
	if err := os.WriteFile(filepath.Join(dir, "roster.csv"), []byte(roster.String()), 0o600); err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(os.Args[0], "batch", "--verbose", "--workers", "1", "roster.csv")
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), "CAREPRINT_TEST_RUN=1", "CI=true")
	stderr, err := cmd.StderrPipe()
	if err != nil {
		t.Fatal(err)
	}
	var stdout strings.Builder
	cmd.Stdout = &stdout
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	lines := bufio.NewScanner(stderr)
	if !lines.Scan() { // the first handout is made: the batch is busy
		t.Fatalf("no progress line: %v", lines.Err())
	}
	if err := cmd.Process.Signal(syscall.SIGTERM); err != nil {
		t.Fatal(err)
	}
	go func() {
		for lines.Scan() {
		}
	}()
	done := make(chan error, 1)
	go func() { done <- cmd.Wait() }()
	select {
	case err = <-done:
	case <-time.After(10 * time.Second):
		cmd.Process.Kill()
		t.Fatal("batch still running 10 s after SIGTERM")
	}
	var ee *exec.ExitError
	if !errors.As(err, &ee) || ee.ExitCode() != 143 {
		t.Fatalf("exit: %v, want exit status 143", err)
	}
	if !strings.Contains(stdout.String(), "not made (interrupted)") {
		t.Errorf("stdout %q does not say the batch was interrupted", stdout.String())
	}
	tmp, _ := filepath.Glob(filepath.Join(dir, "output", "*.tmp"))
	if len(tmp) > 0 {
		t.Errorf("temporary files left: %v", tmp)
	}
}
