package cli

import (
	"fmt"
	"os"
	"path/filepath"
	"runtime/debug"
	"strconv"
	"strings"
	"time"

	"github.com/careprint/careprint/internal/atomic"
	"github.com/careprint/careprint/internal/content"
	"github.com/careprint/careprint/internal/engine"
)

// project is what every command works from: the loaded content and the fonts.
type project = engine.Project

// openProject loads the project folder (or the current folder, when it has content/,
// layouts/, fonts/ or careprint.toml) over the built-in defaults, and runs every check.
func openProject(env *Env, g *globalOptions) (*project, error) {
	root := g.project
	if root == "" {
		for _, d := range []string{"content", "layouts", "fonts", content.SettingsFile} {
			if _, err := os.Stat(filepath.Join(env.Dir, d)); err == nil {
				root = env.Dir
				break
			}
		}
	} else {
		if !filepath.IsAbs(root) {
			root = filepath.Join(env.Dir, root)
		}
		if fi, err := os.Stat(root); err != nil || !fi.IsDir() {
			return nil, flagErrorf("--project: %s is not a folder", g.project)
		}
	}
	p := engine.Open(root, g.noTags)
	p.Version = versionString()
	return p, nil
}

// openForPrinting opens the project and refuses to go on when it has errors: nothing is
// printed from content that fails its checks.
func openForPrinting(env *Env, g *globalOptions) (*project, error) {
	p, err := openProject(env, g)
	if err != nil {
		return nil, err
	}
	if err := report(env, p); err != nil {
		fmt.Fprintln(env.Err, "nothing was printed: fix the problems above (run 'careprint check' to list them)")
		return nil, err
	}
	return p, nil
}

// report prints p's diagnostics to stderr and returns ErrSilent when any is an error.
func report(env *Env, p *project) error {
	for _, d := range p.Diags {
		fmt.Fprintln(env.Err, d.Error())
	}
	if p.Diags.HasErrors() {
		return ErrSilent
	}
	return nil
}

// documentDate is the date written into PDF metadata: SOURCE_DATE_EPOCH when set, else
// the given fallback (the treatment date), so output never depends on the clock.
func documentDate(env *Env, fallback time.Time) (time.Time, error) {
	if s := env.Getenv("SOURCE_DATE_EPOCH"); s != "" {
		n, err := strconv.ParseInt(s, 10, 64)
		if err != nil || n < 0 {
			return time.Time{}, flagErrorf("SOURCE_DATE_EPOCH=%q is not a number of seconds since 1970", s)
		}
		return time.Unix(n, 0).UTC(), nil
	}
	return fallback.UTC(), nil
}

// oneDocument tunes the collector for a process that makes one document and exits: it
// allocates some 20 MB (fpdf parses and subsets its fonts) and keeps little, so
// collecting on the way costs more than it frees (a cold handout: 34 → 26 ms here). The
// collector still runs if the heap nears 256 MB. It returns the undo, for tests and for
// callers that go on.
func oneDocument() (undo func()) {
	gc := debug.SetGCPercent(-1)
	limit := debug.SetMemoryLimit(256 << 20)
	return func() {
		debug.SetGCPercent(gc)
		debug.SetMemoryLimit(limit)
	}
}

// Version is careprint's version: set with -ldflags "-X .../internal/cli.Version=v1.2.3",
// else read from the module's build info (go install ...@v1.2.3), else "dev".
var Version = ""

func versionString() string {
	if Version != "" {
		return Version
	}
	if bi, ok := debug.ReadBuildInfo(); ok && bi.Main.Version != "" && bi.Main.Version != "(devel)" {
		return bi.Main.Version
	}
	return "dev"
}

// writeOutput writes a document's PDF atomically to out with the given permissions
// (0600 for a handout, which names its patient) and says where, with its pages and size.
func writeOutput(env *Env, out string, r *engine.Rendered, perm os.FileMode) error {
	if err := atomic.WriteFile(out, r.PDF, perm); err != nil {
		return fmt.Errorf("write: %w", err)
	}
	rel, err := filepath.Rel(env.Dir, out)
	if err != nil || strings.HasPrefix(rel, "..") {
		rel = out
	}
	fmt.Fprintf(env.Out, "%s (%d pages, %d KB)\n", rel, len(r.Layout.Pages), (len(r.PDF)+1023)/1024)
	return nil
}
