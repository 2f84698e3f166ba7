// The manifest's outputs, made and reported: what the build command and watch share.

package cli

import (
	"encoding/json"
	"fmt"
	"os"
	"path"
	"path/filepath"
	"runtime"
	"strings"
	"sync"
	"time"

	"github.com/careprint/careprint/internal/build"
	"github.com/careprint/careprint/internal/content"
	"github.com/careprint/careprint/internal/diag"
	"github.com/careprint/careprint/internal/engine"
	"github.com/careprint/careprint/internal/roster"
	"github.com/careprint/careprint/internal/shard"
)

// BuildOptions are the flags of careprint build.
type BuildOptions struct {
	Env    *Env
	Global *globalOptions
	Out    string
	Check  bool
	Force  bool
	JSON   bool
	Shard  string
}

type buildResult struct {
	Path     string   `json:"path"`
	Status   string   `json:"status"` // made, unchanged, failed, missing, stale, current
	Hash     string   `json:"inputs_hash"`
	Pages    int      `json:"pages"`
	Bytes    int      `json:"bytes"`
	Duration float64  `json:"duration_ms"`
	Changed  []string `json:"changed,omitempty"`
	Error    string   `json:"error,omitempty"`
}

func runBuild(opts *BuildOptions) error {
	env := opts.Env
	p, err := openForPrinting(env, opts.Global)
	if err != nil {
		return err
	}
	outs := p.Content.Settings.Outputs
	if len(outs) == 0 {
		return fmt.Errorf("build: %s lists no outputs: add an [[output]] table (see 'careprint build --help')", content.SettingsFile)
	}
	outDir := opts.Out
	if !filepath.IsAbs(outDir) {
		outDir = filepath.Join(env.Dir, outDir)
	}
	rec := build.ReadRecord(outDir)
	b := &build.Builder{Project: p, Date: func(fallback time.Time) (time.Time, error) { return documentDate(env, fallback) }}
	// In CI, content that fails the readability, plain-language or brochure checks fails
	// the build check, as check --strict would.
	var problems diag.List
	if opts.Check {
		_, warns := engine.CheckReadability(p.Content)
		problems = append(problems, warns...)
		problems = append(problems, engine.CheckPlain(p.Content)...)
		problems = append(problems, p.CheckBrochures()...)
		for i := range problems {
			problems[i].Severity = diag.Error
		}
		problems.Sort()
	}
	k, n, _ := shard.Parse(opts.Shard)
	results := make([]buildResult, len(outs))
	entries := make([]*build.Entry, len(outs))
	var wg sync.WaitGroup
	sem := make(chan struct{}, runtime.GOMAXPROCS(0))
	hashes := map[string]string{} // file → hash, for this run: outputs share most inputs
	for i := range outs {
		o := &outs[i]
		if !shard.Contains(roster.Row{ID: o.Path}, k, n) {
			continue
		}
		inputs, hash, err := b.Inputs(o, hashes)
		results[i] = buildResult{Path: o.Path, Hash: hash}
		if err != nil {
			results[i].Status, results[i].Error = "failed", err.Error()
			continue
		}
		file := filepath.Join(outDir, filepath.FromSlash(o.Path))
		old, known := rec.Outputs[o.Path]
		_, statErr := os.Stat(file)
		current := known && old.Hash == hash && statErr == nil
		if opts.Check {
			switch {
			case statErr != nil:
				results[i].Status = "missing"
			case !current:
				results[i].Status = "stale"
				results[i].Changed = build.Changed(old.Inputs, inputs)
			default:
				results[i].Status = "current"
			}
			results[i].Pages, results[i].Bytes = old.Pages, old.Bytes
			continue
		}
		if current && !opts.Force {
			results[i].Status, results[i].Pages, results[i].Bytes = "unchanged", old.Pages, old.Bytes
			continue
		}
		wg.Add(1)
		sem <- struct{}{}
		go func(i int) {
			defer func() { <-sem; wg.Done() }()
			start := time.Now()
			r, err := b.Make(o, file)
			results[i].Duration = float64(time.Since(start).Microseconds()) / 1000
			if err != nil {
				results[i].Status, results[i].Error = "failed", err.Error()
				return
			}
			results[i].Status, results[i].Pages, results[i].Bytes = "made", len(r.Layout.Pages), len(r.PDF)
			entries[i] = &build.Entry{Hash: hash, Inputs: inputs, Pages: len(r.Layout.Pages), Bytes: len(r.PDF)}
		}(i)
	}
	wg.Wait()
	for i, e := range entries {
		if e != nil {
			rec.Outputs[outs[i].Path] = *e
		}
	}
	if !opts.Check {
		if err := rec.Save(outDir); err != nil {
			return fmt.Errorf("build: %w", err)
		}
	}
	return reportBuild(env, opts, results, problems)
}

func reportBuild(env *Env, opts *BuildOptions, results []buildResult, problems diag.List) error {
	counts := map[string]int{}
	var shown []buildResult
	for _, r := range results {
		if r.Status == "" {
			continue // another shard's
		}
		counts[r.Status]++
		shown = append(shown, r)
	}
	bad := counts["failed"] + counts["missing"] + counts["stale"] + len(problems)
	if opts.JSON {
		msgs := []string{}
		for _, d := range problems {
			msgs = append(msgs, d.Error())
		}
		enc := json.NewEncoder(env.Out)
		enc.SetIndent("", "  ")
		if err := enc.Encode(map[string]any{"ok": bad == 0, "outputs": shown, "problems": msgs}); err != nil {
			return err
		}
	} else {
		for _, d := range problems {
			fmt.Fprintln(env.Err, d.Error())
		}
		for _, r := range shown {
			line := fmt.Sprintf("%-9s %s", r.Status, path.Join(opts.Out, r.Path))
			switch {
			case r.Error != "":
				line += ": " + r.Error
			case len(r.Changed) > 0:
				line += " (changed: " + strings.Join(r.Changed, ", ") + ")"
			}
			w := env.Out
			if r.Status == "failed" || r.Status == "missing" || r.Status == "stale" {
				w = env.Err
			}
			fmt.Fprintln(w, line)
		}
		if opts.Check {
			fmt.Fprintf(env.Out, "%d current, %d stale, %d missing", counts["current"], counts["stale"], counts["missing"])
			if len(problems) > 0 {
				fmt.Fprintf(env.Out, "; %d content problems", len(problems))
			}
			fmt.Fprintln(env.Out)
		} else {
			fmt.Fprintf(env.Out, "%d made, %d unchanged, %d failed\n", counts["made"], counts["unchanged"], counts["failed"])
		}
	}
	if bad > 0 {
		return ErrSilent
	}
	return nil
}
