package cli

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"
)

type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

func waitFor(t *testing.T, buf *syncBuffer, want string, n int) {
	t.Helper()
	deadline := time.Now().Add(10 * time.Second)
	for time.Now().Before(deadline) {
		if strings.Count(buf.String(), want) >= n {
			return
		}
		time.Sleep(20 * time.Millisecond)
	}
	t.Fatalf("waited for %d × %q; output:\n%s", n, want, buf.String())
}

// startWatch runs watch on a new project from init, for the manifest or, with h, for one
// handout; stop ends it and returns its error.
func startWatch(t *testing.T, h *HandoutOptions) (env *Env, out, errb *syncBuffer, stop func() error) {
	t.Helper()
	env, _, _ = testEnv(t)
	if code := Main(context.Background(), env, []string{"init", "."}); code != 0 {
		t.Fatal("init failed")
	}
	out, errb = &syncBuffer{}, &syncBuffer{}
	env.Out, env.Err = out, errb
	opts := &WatchOptions{Env: env, Global: &globalOptions{}, Out: "output", Debounce: 50 * time.Millisecond}
	if h != nil {
		h.Env, h.Global = env, opts.Global
		opts.Handout = *h
	}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error)
	ready := make(chan struct{})
	opts.ready = func() { close(ready) }
	go func() { done <- runWatch(ctx, opts) }()
	<-ready
	return env, out, errb, func() error { cancel(); return <-done }
}

// TestWatchRebuildsAfterAnEditAndSurvivesBadContent edits a condition the way an editor
// does (write a new file, rename it over the old one), breaks the layout, and mends it.
func TestWatchRebuildsAfterAnEditAndSurvivesBadContent(t *testing.T) {
	env, out, errb, stop := startWatch(t, nil)
	waitFor(t, out, "4 made, 0 unchanged, 0 failed", 1)

	cond := filepath.Join(env.Dir, "content", "conditions", "acne-scars.toml")
	data, _ := os.ReadFile(cond)
	tmp := cond + ".swp"
	os.WriteFile(tmp, bytes.Replace(data, []byte("Acne can leave"), []byte("Acne often leaves"), 1), 0o644)
	os.Rename(tmp, cond)
	waitFor(t, out, "3 made, 1 unchanged, 0 failed", 1)

	lay := filepath.Join(env.Dir, "layouts", "handout.toml")
	good, _ := os.ReadFile(lay)
	os.WriteFile(lay, []byte("blocks = [\n"), 0o644)
	waitFor(t, errb, "layouts/handout.toml:", 1)
	os.WriteFile(lay, good, 0o644)
	waitFor(t, out, "0 made, 4 unchanged, 0 failed", 1)

	if err := stop(); err != nil {
		t.Fatal(err)
	}
}

// TestWatchOneHandout remakes one handout, given by flags, after each edit, and its own
// write (here at the project's top) does not set off another.
func TestWatchOneHandout(t *testing.T) {
	env, out, errb, stop := startWatch(t, &HandoutOptions{Patient: "Sample Patient", Conditions: []string{"acne-scars"},
		Date: "2026-12-01", Layout: "handout", Output: "preview.pdf"})
	waitFor(t, out, "preview.pdf (3 pages", 1)
	first, err := os.ReadFile(filepath.Join(env.Dir, "preview.pdf"))
	if err != nil {
		t.Fatal(err)
	}

	cond := filepath.Join(env.Dir, "content", "conditions", "acne-scars.toml")
	data, _ := os.ReadFile(cond)
	os.WriteFile(cond, bytes.Replace(data, []byte("Acne can leave"), []byte("Acne often leaves"), 1), 0o644)
	waitFor(t, out, "preview.pdf (", 2)
	second, _ := os.ReadFile(filepath.Join(env.Dir, "preview.pdf"))
	if bytes.Equal(first, second) {
		t.Error("the handout did not change after the edit")
	}
	time.Sleep(300 * time.Millisecond) // time for a rebuild that should not happen
	if err := stop(); err != nil {
		t.Fatal(err)
	}
	if n := strings.Count(out.String(), "preview.pdf ("); n != 2 {
		t.Errorf("made the handout %d times, want 2 (once, then once after the edit):\n%s", n, out.String())
	}
	if strings.Contains(out.String()+errb.String(), "made") {
		t.Errorf("watch built the manifest too:\n%s", out.String())
	}
}
