//go:build unix

package cli

import (
	"bytes"
	"context"
	"syscall"
	"testing"
	"time"
)

// A command that watches its context ends with the signal's exit code.
func TestSIGTERMCancelsTheCommand(t *testing.T) {
	var stderr bytes.Buffer
	env := &Env{Err: &stderr}
	code := runProcess(env, nil, func(ctx context.Context, _ *Env, _ []string) int {
		if err := syscall.Kill(syscall.Getpid(), syscall.SIGTERM); err != nil {
			t.Error(err)
		}
		<-ctx.Done()
		return exitFailed
	}, func(code int) { t.Errorf("exit(%d) called for a command that returned", code) }, time.Hour)
	if code != 143 {
		t.Errorf("exit code %d, want 143", code)
	}
}

// A command stuck in work that does not watch its context is ended after the grace
// period, with the signal's exit code and a word on stderr.
func TestSIGINTEndsACommandThatIgnoresIt(t *testing.T) {
	var stderr bytes.Buffer
	env := &Env{Err: &stderr}
	exited := make(chan int, 1)
	release := make(chan struct{})
	go func() {
		runProcess(env, nil, func(ctx context.Context, _ *Env, _ []string) int {
			if err := syscall.Kill(syscall.Getpid(), syscall.SIGINT); err != nil {
				t.Error(err)
			}
			<-release // busy, and deaf to ctx
			return exitOK
		}, func(code int) { exited <- code }, 10*time.Millisecond)
	}()
	code := <-exited
	close(release)
	if code != 130 {
		t.Errorf("exit code %d, want 130", code)
	}
	if got, want := stderr.String(), "interrupted: stopped before the command finished\n"; got != want {
		t.Errorf("stderr %q, want %q", got, want)
	}
}
