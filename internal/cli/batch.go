package cli

import (
	"context"
	"errors"
	"fmt"
	"path/filepath"
	"runtime"
	"runtime/debug"
	"slices"
	"strings"
	"sync"
	"time"

	"github.com/spf13/cobra"
	"github.com/vbauerster/mpb/v8"
	"github.com/vbauerster/mpb/v8/decor"

	"github.com/careprint/careprint/internal/batch"
	"github.com/careprint/careprint/internal/content"
	"github.com/careprint/careprint/internal/roster"
	"github.com/careprint/careprint/internal/shard"
)

// BatchOptions are the flags of careprint batch.
type BatchOptions struct {
	Env    *Env
	Global *globalOptions

	Roster     string
	Out        string
	Layout     string
	Paper      string
	Check      bool
	FailFast   bool
	Force      bool
	Verbose    bool
	Merge      string
	MergeSplit int
	MergeOnly  bool
	Duplex     bool
	Shard      string
	Workers    int
	Encoding   string
}

// NewCmdBatch builds the batch command.
func NewCmdBatch(env *Env, g *globalOptions, runF func(*BatchOptions) error) *cobra.Command {
	opts := &BatchOptions{Env: env, Global: g}
	cmd := &cobra.Command{
		Use:   "batch ROSTER.csv",
		Short: "Print one handout per row of a roster",
		Long: `Batch prints one personalised handout for each row of a roster CSV, on all cores.

The first line names the columns, in any order and any case: name, treatment_date
(YYYY-MM-DD) and conditions (several separated by | or ,) are required; id, clinician,
language, layout, paper, notes, treatment (the treatment id, needed when the project has
several) and treatment_time (HH:MM, for aftercare counted in hours) are optional. Files
from Excel work as they are: a byte-order mark, ; as the separator, CRLF line ends and
quoted fields. Every row has as many fields as the header: quote a value that contains
the separator ("Smith, Ana"). The roster is read as UTF-8 ("CSV UTF-8" in Excel); use
--encoding windows-1252 for Excel's "CSV (Comma delimited)" on Windows.

Each handout is written to the output folder as <id>.pdf, or row-<line>-<date>.pdf
when there is no id; never under the patient's name. Two ids that make the same file
(X and x, P/1 and P:1) are an error; names Windows reserves (con, aux, nul, ...) get a
_ (con_.pdf). A bad row is reported by its line in the file and the others are still
printed; the exit code is 1 when any row failed. --check takes every row through the
same steps as the run, writing nothing. Handouts and merged files are readable by their
owner only (0600): they hold patients' names. With more handouts than --merge-split,
the merged file is written in numbered parts (day-001.pdf, ...), so that memory stays
bounded.
Running the same batch again makes only what is missing or changed: the output folder
keeps a record of what each handout was made from (as a keyed hash that says nothing
about the patient without the folder's key), so a handout whose row, content, layout,
fonts, careprint and file are as they were is not made again. A batch stopped with
Ctrl-C picks up where it stopped. --force makes every handout again.`,
		Example: `  careprint batch roster.csv
  careprint batch roster.csv --out /srv/print/monday --merge monday.pdf --duplex
  careprint batch --check roster.csv
  careprint batch roster.csv --shard 2/4      # this machine's quarter of the rows`,
		Args: cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			opts.Roster = args[0]
			if opts.MergeOnly && opts.Merge == "" {
				return flagErrorf("--merge-only needs --merge FILE")
			}
			if opts.Paper != "" && opts.Paper != "a4" && opts.Paper != "letter" {
				return flagErrorf("--paper %q: use a4 or letter", opts.Paper)
			}
			if _, _, err := shard.Parse(opts.Shard); err != nil {
				return &FlagError{err}
			}
			if !slices.Contains(roster.Encodings, strings.ToLower(opts.Encoding)) {
				return flagErrorf("--encoding %q: use %s", opts.Encoding, strings.Join(roster.Encodings, " or "))
			}
			opts.Encoding = strings.ToLower(opts.Encoding)
			if opts.MergeSplit < 0 {
				return flagErrorf("--merge-split must be 0 (one file) or more")
			}
			if opts.Workers < 0 {
				return flagErrorf("--workers must be 1 or more")
			}
			if runF != nil {
				return runF(opts)
			}
			return runBatch(cmd.Context(), opts)
		},
	}
	f := cmd.Flags()
	f.StringVar(&opts.Out, "out", "output", "the `folder` to write the handouts to")
	f.StringVar(&opts.Layout, "layout", "handout", "the layout `id` for rows without a layout column")
	f.StringVar(&opts.Paper, "paper", "", "the `paper` for rows without a paper column: a4 or letter")
	f.BoolVar(&opts.Check, "check", false, "validate every row and write nothing")
	f.BoolVar(&opts.FailFast, "fail-fast", false, "stop at the first bad row")
	f.BoolVar(&opts.Force, "force", false, "make every handout again, even those recorded as current")
	f.BoolVarP(&opts.Verbose, "verbose", "v", false, "print one line per handout")
	f.StringVar(&opts.Merge, "merge", "", "also write all the handouts into one PDF `file`, each starting on a new page")
	f.IntVar(&opts.MergeSplit, "merge-split", defaultMergeSplit, "with more than `N` handouts, write the merged PDF in numbered parts of N (FILE-001.pdf, ...); 0: one file")
	f.BoolVar(&opts.MergeOnly, "merge-only", false, "write only the merged PDF")
	f.BoolVar(&opts.Duplex, "duplex", false, "in the merged PDF, add a blank page after a handout with an odd page count")
	f.StringVar(&opts.Shard, "shard", "", "make only shard `K/N` of the rows (by a stable hash of the id, or the line)")
	f.IntVar(&opts.Workers, "workers", 0, "how many handouts to make at once (default: the number of cores)")
	f.StringVar(&opts.Encoding, "encoding", "utf-8", "the roster's `encoding`: utf-8, or windows-1252 for Excel's \"CSV (Comma delimited)\"")
	_ = cmd.MarkFlagDirname("out")
	_ = cmd.RegisterFlagCompletionFunc("layout", completeIDs(env, g, "layout"))
	_ = cmd.RegisterFlagCompletionFunc("paper", cobra.FixedCompletions([]string{"a4", "letter"}, cobra.ShellCompDirectiveNoFileComp))
	_ = cmd.MarkFlagFilename("merge", "pdf")
	_ = cmd.RegisterFlagCompletionFunc("encoding", cobra.FixedCompletions(roster.Encodings, cobra.ShellCompDirectiveNoFileComp))
	return cmd
}

// batchMemoryLimit is the Go heap's soft limit during a batch; the process's resident
// size adds the binary, the embedded fonts and the runtime, about 15 MB.
const batchMemoryLimit = 52 << 20

// mergeMemoryLimit is the heap's soft limit for a merged batch written in parts: a part
// of 1,000 handouts holds about 140 MB live at its end.
const mergeMemoryLimit = 180 << 20

func runBatch(ctx context.Context, opts *BatchOptions) error {
	start := time.Now()
	env := opts.Env
	if ctx == nil {
		ctx = context.Background()
	}
	p, err := openForPrinting(env, opts.Global)
	if err != nil {
		return err
	}
	if l := p.Content.Layouts[opts.Layout]; l == nil || l.Kind != content.KindHandout {
		return flagErrorf("--layout: unknown layout %q (valid: %s)", opts.Layout, strings.Join(batch.HandoutLayouts(p), ", "))
	}
	path := opts.Roster
	if !filepath.IsAbs(path) {
		path = filepath.Join(env.Dir, path)
	}
	outDir := opts.Out
	if !filepath.IsAbs(outDir) {
		outDir = filepath.Join(env.Dir, outDir)
	}
	// The roster is read twice, a row at a time, so that memory does not grow with its
	// length: first to check every row and name every file (ids are compared over the
	// whole roster, and every shard names files alike), then to feed the rows it kept.
	plan, err := batch.NewPlan(p, batch.Options{Roster: opts.Roster, Path: path, Encoding: opts.Encoding, Layout: opts.Layout,
		Paper: opts.Paper, Shard: opts.Shard, FailFast: opts.FailFast, Out: opts.Out, OutDir: outDir},
		func(msg string) { fmt.Fprintln(env.Err, msg) })
	if errors.Is(err, batch.ErrReported) {
		return ErrSilent
	} else if err != nil {
		return err
	}
	outcomes := make([]batch.Outcome, plan.Len())
	keep := opts.Merge != "" && !opts.Check
	if !keep {
		// Each fpdf document allocates ~15 MB that it drops at once (it re-parses its
		// fonts); collecting less often costs little memory and saves about a quarter of
		// the time. A soft memory limit keeps the heap bounded however long the roster:
		// the collector runs more often only when the heap nears it (at most 64 MB
		// resident). A merged file grows with its part (fpdf keeps every page until it
		// writes), so it keeps the default, which holds the heap to twice what is live,
		// under a limit that a full part stays within.
		defer debug.SetGCPercent(debug.SetGCPercent(400))
		defer debug.SetMemoryLimit(debug.SetMemoryLimit(batchMemoryLimit))
	} else if opts.MergeSplit > 0 {
		defer debug.SetMemoryLimit(debug.SetMemoryLimit(mergeMemoryLimit))
	}
	workers := opts.Workers
	if workers == 0 {
		workers = runtime.GOMAXPROCS(0)
	}
	prog := newProgress(env, plan.Len())
	prog.verbose = opts.Verbose
	prog.roster = opts.Roster
	var merge *batch.Merger
	var rec *batch.Record
	docDate := func(fallback time.Time) (time.Time, error) { return documentDate(env, fallback) }
	switch {
	case opts.Check: // lays out every handout as the run does, and writes nothing
	case keep:
		merge = batch.NewMerger(p, batch.MergeOptions{File: opts.Merge, Dir: env.Dir, Split: opts.MergeSplit, Duplex: opts.Duplex,
			Date: docDate}, outcomes, workers)
	default:
		var warning string
		k, n := 0, 0 // no shard: the folder's own record
		if opts.Shard != "" {
			k, n, _ = shard.Parse(opts.Shard)
		}
		rec, warning = batch.OpenRecord(p, outDir, k, n)
		if warning != "" {
			fmt.Fprintln(env.Err, "warning: "+warning)
		}
	}
	if !opts.Check {
		removeStale(env, outDir, opts.Out, start)
		if opts.Merge != "" {
			removeStale(env, filepath.Dir(mergePath(env, opts)), filepath.Dir(opts.Merge), start)
		}
	}
	mk := &batch.Maker{Project: p, Record: rec, Check: opts.Check, Force: opts.Force, MergeOnly: opts.MergeOnly, Keep: keep,
		Date: docDate}
	changed, stopped := plan.Run(ctx, mk, merge, outcomes, workers, opts.FailFast, prog.done)
	prog.wait()
	if rec != nil {
		if err := rec.Save(); err != nil {
			fmt.Fprintf(env.Err, "warning: the batch record could not be saved (the next run makes every handout again): %v\n", err)
		}
	}

	// A warning is said once, at the first row it comes from, with how many other rows
	// share it: a footer too long for the layout would otherwise fill the terminal.
	type seen struct{ line, others int }
	var warned []string
	firstRow := map[string]*seen{}
	for _, o := range outcomes {
		for _, w := range o.Warnings {
			if s, ok := firstRow[w]; ok {
				s.others++
				continue
			}
			firstRow[w] = &seen{line: o.Line}
			warned = append(warned, w)
		}
	}
	for _, w := range warned {
		s := firstRow[w]
		also := ""
		switch {
		case s.others == 1:
			also = " (and 1 more row)"
		case s.others > 1:
			also = fmt.Sprintf(" (and %d more rows)", s.others)
		}
		fmt.Fprintf(env.Err, "%s:%d: warning: %s%s\n", opts.Roster, s.line, w, also)
	}
	written, unchanged, merged, failed, skipped, ok := 0, 0, 0, plan.Bad, 0, 0
	for _, o := range outcomes {
		switch {
		case o.Err != nil:
			failed++
			fmt.Fprintf(env.Err, "%s:%d: %v\n", opts.Roster, o.Line, o.Err)
		case opts.Check && o.Pages > 0:
			ok++
		case o.Res == nil && !o.Written && o.Pages == 0:
			skipped++
		case opts.MergeOnly:
			merged++
		case o.Written:
			written++
		default:
			unchanged++
		}
	}
	if changed {
		fmt.Fprintf(env.Err, "%s: the roster changed while the batch ran: run it again\n", opts.Roster)
		failed++
	}
	if merge != nil && !stopped && ctx.Err() == nil && !changed {
		written, warning, err := merge.Write()
		for _, w := range written {
			fmt.Fprintln(env.Out, w)
		}
		if err != nil {
			return err
		}
		if warning != "" {
			fmt.Fprintln(env.Err, "warning: "+warning)
		}
	}
	summary := fmt.Sprintf("%d written, %d unchanged, %d failed", written, unchanged, failed)
	switch {
	case opts.Check:
		summary = fmt.Sprintf("%d rows ok, %d failed", ok, failed)
	case opts.MergeOnly:
		summary = fmt.Sprintf("%d merged, %d failed", merged, failed)
	}
	if skipped > 0 {
		summary += fmt.Sprintf(", %d not made (interrupted)", skipped)
	}
	fmt.Fprintln(env.Out, summary)
	if failed > 0 || skipped > 0 {
		return ErrSilent
	}
	return nil
}

// removeStale removes the temporary files that a killed run left in dir (each may hold
// a whole handout, with a patient's name inside), and says how many.
func removeStale(env *Env, dir, rel string, start time.Time) {
	n, err := batch.RemoveStale(dir, start)
	if err != nil {
		fmt.Fprintf(env.Err, "warning: %s: could not remove the temporary files an interrupted run left: %v\n", rel, err)
	}
	if n > 0 {
		fmt.Fprintf(env.Err, "removed %d temporary files an interrupted run left in %s\n", n, rel)
	}
}

func mergePath(env *Env, opts *BatchOptions) string {
	if filepath.IsAbs(opts.Merge) {
		return opts.Merge
	}
	return filepath.Join(env.Dir, opts.Merge)
}

// defaultMergeSplit holds a merged batch to about 200 MB: a part of 1,000 handouts is
// 3,000 pages, which a printer's queue takes as one job.
const defaultMergeSplit = 1000

// progress shows a bar on a terminal and, with --verbose, one plain line per handout
// elsewhere; in CI it prints nothing but the summary.
type progress struct {
	mu      sync.Mutex
	env     *Env
	verbose bool
	roster  string
	p       *mpb.Progress
	bar     *mpb.Bar
}

func newProgress(env *Env, total int) *progress {
	pr := &progress{env: env}
	if env.ErrIsTerminal && total > 0 {
		pr.p = mpb.New(mpb.WithOutput(env.Err), mpb.WithWidth(40))
		pr.bar = pr.p.AddBar(int64(total),
			mpb.PrependDecorators(decor.CountersNoUnit("%d / %d"), decor.Name(" "), decor.AverageSpeed(0, "%.0f/s")),
			mpb.AppendDecorators(decor.Name(" left "), decor.AverageETA(decor.ET_STYLE_GO)))
	}
	return pr
}

func (pr *progress) done(j batch.Job, o batch.Outcome) {
	if pr.bar != nil {
		pr.bar.Increment()
	}
	if !pr.verbose || o.Err != nil {
		return
	}
	state := "unchanged"
	if o.Written {
		state = "written"
	}
	pr.mu.Lock()
	fmt.Fprintf(pr.env.Err, "%s:%d: %s %s (%d pages)\n", pr.roster, j.Row.Line, state, j.Rel, o.Pages)
	pr.mu.Unlock()
}

func (pr *progress) wait() {
	if pr.p != nil {
		pr.bar.Abort(false)
		pr.p.Wait()
	}
}
