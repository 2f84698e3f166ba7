package cli

import (
	"bytes"
	"context"
	"crypto/sha256"
	"errors"
	"fmt"
	"io"
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

	"github.com/careprint/careprint/internal/atomic"
	"github.com/careprint/careprint/internal/batch"
	"github.com/careprint/careprint/internal/content"
	"github.com/careprint/careprint/internal/engine"
	"github.com/careprint/careprint/internal/layout"
	"github.com/careprint/careprint/internal/resolve"
	"github.com/careprint/careprint/internal/roster"
	"github.com/careprint/careprint/internal/rtl"
	"github.com/careprint/careprint/internal/safefile"
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

type job struct {
	row  roster.Row
	req  resolve.Request
	path string // the output file
	rel  string // as printed
}

// planned is a row that passed every check of the first reading, with its file name.
type planned struct {
	line int
	name string
	date time.Time // for a row without an id, which is named once all ids are known
}

// fedJob is job number i, fed to a worker.
type fedJob struct {
	i int
	job
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
		return flagErrorf("--layout: unknown layout %q (valid: %s)", opts.Layout, strings.Join(handoutLayouts(p), ", "))
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
	plan, sum, badRows, err := planBatch(env, p, opts, path)
	if err != nil {
		return err
	}
	outcomes := make([]batch.Outcome, len(plan))
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
	prog := newProgress(env, len(plan))
	prog.verbose = opts.Verbose
	prog.roster = opts.Roster
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	next := make(chan fedJob)
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
	var wg sync.WaitGroup
	for range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for fj := range next {
				i := fj.i
				outcomes[i] = mk.Make(fj.req, fj.path)
				outcomes[i].Line, outcomes[i].Date = fj.row.Line, fj.row.TreatmentDate
				if outcomes[i].Err != nil && opts.FailFast {
					cancel()
				}
				prog.done(fj.job, outcomes[i])
				if merge != nil {
					merge.Done(i)
				}
			}
		}()
	}
	changed := feedBatch(ctx, opts, path, outDir, plan, sum, next, merge)
	close(next)
	wg.Wait()
	if merge != nil {
		merge.Close()
	}
	prog.wait()
	if rec != nil {
		if err := rec.Save(); err != nil {
			fmt.Fprintf(env.Err, "warning: the batch record could not be saved (the next run makes every handout again): %v\n", err)
		}
	}

	written, unchanged, merged, failed, skipped, ok := 0, 0, 0, badRows, 0, 0
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
	if merge != nil && ctx.Err() == nil && !changed {
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

// validateRow checks one row against the project; the message names the line and the
// column, never the patient. A value is quoted only when it has its column's shape (see
// roster.Show): one of another shape may be a name in the wrong column.
func validateRow(p *project, opts *BatchOptions, r roster.Row) string {
	at := func(col, format string, args ...any) string {
		return fmt.Sprintf("%s:%d: %s: %s", opts.Roster, r.Line, col, fmt.Sprintf(format, args...))
	}
	for _, c := range r.Conditions {
		if id := strings.ToLower(c); p.Content.Conditions[id] == nil {
			if _, quoted := roster.Show(roster.KindWord, c); quoted {
				return at("conditions", "unknown condition %q%s", c, content.Suggest(id, content.IDs(p.Content.Conditions)))
			}
			return at("conditions", "%s (valid: %s)", roster.Is("unknown condition", roster.KindWord, c), strings.Join(content.IDs(p.Content.Conditions), ", "))
		}
	}
	t, err := p.Content.Treatment(r.Treatment)
	switch {
	case err != nil:
		return at("treatment", "%v: name it in the treatment column", err)
	case t == nil:
		return at("treatment", "%s%s", roster.Is("unknown treatment", roster.KindWord, r.Treatment), content.Suggest(r.Treatment, content.IDs(p.Content.Treatments)))
	}
	conds := make([]string, len(r.Conditions))
	for i, c := range r.Conditions {
		conds[i] = strings.ToLower(c)
	}
	if err := p.Content.Covers(t.ID, conds); err != nil {
		return at("conditions", "%v", err)
	}
	lay := p.Content.Layouts[firstOf(strings.ToLower(r.Layout), opts.Layout)]
	if lay == nil || lay.Kind != content.KindHandout {
		return at("layout", "%s (valid: %s)", roster.Is("unknown layout", roster.KindWord, r.Layout), strings.Join(handoutLayouts(p), ", "))
	}
	if err := lay.Allows(t.ID); err != nil {
		return at("layout", "%v", err)
	}
	if paper := strings.ToLower(r.Paper); paper != "" && paper != "a4" && paper != "letter" {
		return at("paper", "%s (valid: a4, letter)", roster.Is("unknown paper", roster.KindPaper, r.Paper))
	}
	if r.Language != "" {
		if _, _, err := p.Content.Messages.Match(r.Language, ""); err != nil {
			return at("language", "%s in this project (it has: %s)", roster.Is("no language", roster.KindLanguage, r.Language), strings.Join(p.Content.Messages.Languages(), ", "))
		}
	}
	for _, f := range []struct{ col, v string }{{"name", r.Name}, {"clinician", r.Clinician}, {"notes", r.Notes}} {
		if bad := p.Fonts.Missing(layout.Face{Family: lay.Type.Font}, rtl.Visual(f.v)); len(bad) > 0 {
			return at(f.col, "%s", engine.CannotPrint(bad, engine.RuneCodes(bad)))
		}
	}
	return ""
}

// handoutLayouts lists the ids of the project's handout layouts.
func handoutLayouts(p *project) []string {
	var ids []string
	for _, id := range content.IDs(p.Content.Layouts) {
		if p.Content.Layouts[id].Kind == content.KindHandout {
			ids = append(ids, id)
		}
	}
	return ids
}

func firstOf(a, b string) string {
	if a != "" {
		return a
	}
	return b
}

// planBatch reads the roster a row at a time, reports every bad row of this shard in
// line order (or only the first, with --fail-fast), names every file, and returns the
// rows to make, the roster's SHA-256 and how many rows failed. It keeps a few dozen
// bytes per row, never the rows themselves.
func planBatch(env *Env, p *project, opts *BatchOptions, path string) (plan []planned, sum []byte, badRows int, err error) {
	within := filepath.Dir(path)
	if p.Content.Settings.AllowOutsideLinks {
		within = ""
	}
	f, err := safefile.Open(path, within, "roster's folder", ", or set allow_outside_links = true in careprint.toml")
	if err != nil {
		return nil, nil, 0, fmt.Errorf("roster %s: %w", opts.Roster, errors.Unwrap(err))
	}
	defer f.Close()
	h := sha256.New()
	rd, rerr := roster.NewReader(io.TeeReader(f, h), opts.Roster, roster.Encoding(opts.Encoding))
	if rerr != nil {
		fmt.Fprintln(env.Err, rerr.Error())
		return nil, nil, 0, ErrSilent
	}
	k, n, _ := shard.Parse(opts.Shard)
	fn := batch.NewFileNamer()
	seen := 0
	bad := func(msgs ...string) error {
		badRows++
		if opts.FailFast {
			fmt.Fprintln(env.Err, msgs[0])
			fmt.Fprintln(env.Err, "stopped at the first bad row (--fail-fast): nothing was printed")
			return ErrSilent
		}
		for _, m := range msgs {
			fmt.Fprintln(env.Err, m)
		}
		return nil
	}
	for {
		row, errs, ok := rd.Next()
		if !ok {
			if len(errs) > 0 { // the rest of the roster cannot be read: print nothing
				for _, e := range errs {
					fmt.Fprintln(env.Err, e.Error())
				}
				return nil, nil, 0, ErrSilent
			}
			break
		}
		seen++
		if len(errs) > 0 {
			// Bad rows of other shards are that shard's to report.
			if n == 1 || shard.Contains(roster.Row{Line: errs[0].Line}, k, n) {
				msgs := make([]string, len(errs))
				for i, e := range errs {
					msgs[i] = e.Error()
				}
				if err := bad(msgs...); err != nil {
					return nil, nil, 0, err
				}
			}
			continue
		}
		var name string
		if row.ID != "" {
			var dup int
			if name, dup = fn.Claim(row.ID, row.Line); dup > 0 {
				if shard.Contains(row, k, n) {
					if err := bad(fmt.Sprintf("%s:%d: id: makes the same file as the id on line %d (ids that differ only in case, or in characters a file name cannot hold, make the same file): give each patient a different id", opts.Roster, row.Line, dup)); err != nil {
						return nil, nil, 0, err
					}
				}
				continue
			}
		}
		if !shard.Contains(row, k, n) {
			continue
		}
		if msg := validateRow(p, opts, row); msg != "" {
			if err := bad(msg); err != nil {
				return nil, nil, 0, err
			}
			continue
		}
		plan = append(plan, planned{line: row.Line, name: name, date: row.TreatmentDate})
	}
	if _, err := io.Copy(h, f); err != nil {
		return nil, nil, 0, fmt.Errorf("roster: %w", errors.Unwrap(err))
	}
	for i := range plan {
		if plan[i].name == "" {
			plan[i].name = fn.Unnamed(plan[i].line, plan[i].date)
		}
	}
	if seen == 0 {
		fmt.Fprintf(env.Err, "warning: %s has no patients, only its header row: nothing to print\n", opts.Roster)
	}
	return plan, h.Sum(nil), badRows, nil
}

// feedBatch reads the roster again and sends the planned rows to the workers, in
// order, until they are all sent or ctx ends; with a merger, it waits for room first.
// It says whether the roster changed since planBatch read it (then the rest is not
// sent).
func feedBatch(ctx context.Context, opts *BatchOptions, path, outDir string, plan []planned, sum []byte, next chan<- fedJob, merge *batch.Merger) (changed bool) {
	f, err := safefile.Open(path, "", "", "")
	if err != nil {
		return true
	}
	defer f.Close()
	h := sha256.New()
	rd, rerr := roster.NewReader(io.TeeReader(f, h), opts.Roster, roster.Encoding(opts.Encoding))
	if rerr != nil {
		return true
	}
	for i := 0; i < len(plan); {
		row, errs, ok := rd.Next()
		switch {
		case !ok:
			return true
		case row.Line < plan[i].line:
			continue // a bad row, or another shard's
		case row.Line > plan[i].line || len(errs) > 0:
			return true
		}
		conds := make([]string, len(row.Conditions))
		for c, id := range row.Conditions {
			conds[c] = strings.ToLower(id)
		}
		req := resolve.Request{Treatment: row.Treatment, Layout: firstOf(strings.ToLower(row.Layout), opts.Layout), Paper: firstOf(strings.ToLower(row.Paper), opts.Paper), Language: row.Language, Patient: resolve.Patient{
			Name: row.Name, TreatmentDate: row.TreatmentDate, HasTime: row.HasTime, Clinician: row.Clinician, Conditions: conds, Notes: row.Notes}}
		j := job{row: row, req: req, path: filepath.Join(outDir, plan[i].name), rel: filepath.Join(opts.Out, plan[i].name)}
		if merge != nil && !merge.Reserve(ctx) {
			return false
		}
		select {
		case <-ctx.Done():
			return false
		case next <- fedJob{i: i, job: j}:
		}
		i++
	}
	if _, err := io.Copy(h, f); err != nil {
		return true
	}
	return !bytes.Equal(h.Sum(nil), sum)
}

// staleMargin is how much older than this run a temporary file must be for the run to
// remove it: another batch writing into the same folder may have one open right now.
const staleMargin = 10 * time.Second

// removeStale removes the temporary files that a killed run left in dir (each may hold
// a whole handout, with a patient's name inside), and says how many.
func removeStale(env *Env, dir, rel string, start time.Time) {
	n, err := atomic.RemoveStale(dir, start.Add(-staleMargin))
	if err != nil {
		fmt.Fprintf(env.Err, "warning: %s: could not remove the temporary files an interrupted run left: %v\n", rel, why(err))
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

func (pr *progress) done(j job, o batch.Outcome) {
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
	fmt.Fprintf(pr.env.Err, "%s:%d: %s %s (%d pages)\n", pr.roster, j.row.Line, state, j.rel, o.Pages)
	pr.mu.Unlock()
}

func (pr *progress) wait() {
	if pr.p != nil {
		pr.bar.Abort(false)
		pr.p.Wait()
	}
}

// why is the cause of a file error without its path ("permission denied"), which the
// message around it names already.
func why(err error) error {
	if u := errors.Unwrap(err); u != nil {
		return u
	}
	return err
}
