package cli

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"hash/fnv"
	"os"
	"path/filepath"
	"regexp"
	"runtime"
	"runtime/debug"
	"sort"
	"strconv"
	"strings"
	"sync"
	syncatomic "sync/atomic"
	"time"

	"github.com/spf13/cobra"
	"github.com/vbauerster/mpb/v8"
	"github.com/vbauerster/mpb/v8/decor"

	"github.com/careprint/careprint/internal/atomic"
	"github.com/careprint/careprint/internal/content"
	"github.com/careprint/careprint/internal/layout"
	"github.com/careprint/careprint/internal/pdf"
	"github.com/careprint/careprint/internal/resolve"
	"github.com/careprint/careprint/internal/roster"
	"github.com/careprint/careprint/internal/safefile"
)

// BatchOptions are the flags of careprint batch.
type BatchOptions struct {
	Env    *Env
	Global *globalOptions

	Roster    string
	Out       string
	Layout    string
	Paper     string
	Check     bool
	FailFast  bool
	Force     bool
	Verbose   bool
	Merge     string
	MergeOnly bool
	Duplex    bool
	Shard     string
	Workers   int
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
language, layout, paper and notes are optional. Files from Excel work as they are: a
byte-order mark, ; as the separator, CRLF line ends and quoted fields.

Each handout is written to the output folder as <id>.pdf, or row-<line>-<date>.pdf
when there is no id; never under the patient's name. A bad row is reported by its line
in the file and the others are still printed; the exit code is 1 when any row failed.
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
			if _, _, err := parseShard(opts.Shard); err != nil {
				return err
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
	f.BoolVar(&opts.MergeOnly, "merge-only", false, "write only the merged PDF")
	f.BoolVar(&opts.Duplex, "duplex", false, "in the merged PDF, add a blank page after a handout with an odd page count")
	f.StringVar(&opts.Shard, "shard", "", "make only shard `K/N` of the rows (by a stable hash of the id, or the line)")
	f.IntVar(&opts.Workers, "workers", 0, "how many handouts to make at once (default: the number of cores)")
	_ = cmd.MarkFlagDirname("out")
	_ = cmd.RegisterFlagCompletionFunc("layout", completeIDs(env, g, "layout"))
	_ = cmd.RegisterFlagCompletionFunc("paper", cobra.FixedCompletions([]string{"a4", "letter"}, cobra.ShellCompDirectiveNoFileComp))
	_ = cmd.MarkFlagFilename("merge", "pdf")
	return cmd
}

func parseShard(s string) (k, n int, err error) {
	if s == "" {
		return 1, 1, nil
	}
	a, b, ok := strings.Cut(s, "/")
	k, err1 := strconv.Atoi(a)
	n, err2 := strconv.Atoi(b)
	if !ok || err1 != nil || err2 != nil || n < 1 || k < 1 || k > n {
		return 0, 0, flagErrorf("--shard %q: use K/N with 1 <= K <= N, e.g. 2/4", s)
	}
	return k, n, nil
}

// inShard decides by a stable hash of the row's id (or its line) whether shard k of n
// makes it, so that every machine of a CI matrix agrees without talking to the others.
func inShard(r roster.Row, k, n int) bool {
	if n == 1 {
		return true
	}
	key := r.ID
	if key == "" {
		key = "line:" + strconv.Itoa(r.Line)
	}
	h := fnv.New32a()
	h.Write([]byte(key))
	return int(h.Sum32()%uint32(n)) == k-1
}

type job struct {
	row  roster.Row
	req  resolve.Request
	path string // the output file
	rel  string // as printed
}

type outcome struct {
	pages   int
	written bool
	res     *layout.Result
	err     error
}

// batchMemoryLimit is the Go heap's soft limit during a batch; the process's resident
// size adds the binary, the embedded fonts and the runtime, about 15 MB.
const batchMemoryLimit = 52 << 20

func runBatch(ctx context.Context, opts *BatchOptions) error {
	env := opts.Env
	if ctx == nil {
		ctx = context.Background()
	}
	p, err := openForPrinting(env, opts.Global)
	if err != nil {
		return err
	}
	if p.c.Layouts[opts.Layout] == nil {
		return flagErrorf("--layout: unknown layout %q (valid: %s)", opts.Layout, strings.Join(content.IDs(p.c.Layouts), ", "))
	}
	path := opts.Roster
	if !filepath.IsAbs(path) {
		path = filepath.Join(env.Dir, path)
	}
	within := filepath.Dir(path)
	if p.c.Settings.AllowOutsideLinks {
		within = ""
	}
	f, err := safefile.Open(path, within, "roster's folder", ", or set allow_outside_links = true in careprint.toml")
	if err != nil {
		return fmt.Errorf("roster %s: %w", opts.Roster, errors.Unwrap(err))
	}
	rows, rerrs := roster.Read(f, opts.Roster)
	f.Close()
	if len(rerrs) > 0 && rerrs[0].Line <= 1 && len(rows) == 0 {
		for _, e := range rerrs {
			fmt.Fprintln(env.Err, e.Error())
		}
		return ErrSilent
	}
	if len(rows) == 0 && len(rerrs) == 0 {
		fmt.Fprintf(env.Err, "warning: %s has no patients, only its header row: nothing to print\n", opts.Roster)
	}
	k, n, _ := parseShard(opts.Shard)
	bad := map[int]string{}
	for _, e := range rerrs {
		bad[e.Line] = e.Error()
	}
	var jobs []job
	used := map[string]bool{}
	outDir := opts.Out
	if !filepath.IsAbs(outDir) {
		outDir = filepath.Join(env.Dir, outDir)
	}
	for _, r := range rows {
		if !inShard(r, k, n) {
			continue
		}
		if msg := validateRow(p, opts, r); msg != "" {
			bad[r.Line] = msg
			continue
		}
		name := fileName(r, used)
		req := resolve.Request{Layout: firstOf(r.Layout, opts.Layout), Paper: firstOf(r.Paper, opts.Paper), Patient: resolve.Patient{
			Name: r.Name, TreatmentDate: r.TreatmentDate, Clinician: r.Clinician, Conditions: r.Conditions, Notes: r.Notes}}
		jobs = append(jobs, job{row: r, req: req, path: filepath.Join(outDir, name), rel: filepath.Join(opts.Out, name)})
	}
	// Bad rows of other shards are that shard's to report.
	if n > 1 {
		for _, e := range rerrs {
			if !inShard(roster.Row{Line: e.Line}, k, n) {
				delete(bad, e.Line)
			}
		}
	}
	var badLines []int
	for l := range bad {
		badLines = append(badLines, l)
	}
	sort.Ints(badLines)
	if opts.FailFast && len(badLines) > 0 {
		fmt.Fprintln(env.Err, bad[badLines[0]])
		fmt.Fprintln(env.Err, "stopped at the first bad row (--fail-fast): nothing was printed")
		return ErrSilent
	}
	for _, l := range badLines {
		fmt.Fprintln(env.Err, bad[l])
	}
	if opts.Check {
		fmt.Fprintf(env.Out, "%d rows ok, %d failed\n", len(jobs), len(badLines))
		if len(badLines) > 0 {
			return ErrSilent
		}
		return nil
	}

	outcomes := make([]outcome, len(jobs))
	keep := opts.Merge != ""
	if !keep {
		// Each fpdf document allocates ~15 MB that it drops at once (it re-parses its
		// fonts); collecting less often costs little memory and saves about a quarter of
		// the time. A soft memory limit keeps the heap bounded however long the roster:
		// the collector runs more often only when the heap nears it (at most 64 MB
		// resident). A merged file grows with the roster (fpdf keeps every page until the
		// end), so it keeps the default, which holds the heap to twice what is live.
		defer debug.SetGCPercent(debug.SetGCPercent(400))
		defer debug.SetMemoryLimit(debug.SetMemoryLimit(batchMemoryLimit))
	}
	workers := opts.Workers
	if workers == 0 {
		workers = runtime.GOMAXPROCS(0)
	}
	prog := newProgress(env, len(jobs))
	prog.verbose = opts.Verbose
	prog.roster = opts.Roster
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	next := make(chan int)
	var merge *merger
	var rec *batchRecord
	if keep {
		merge = newMerger(p, opts, jobs, outcomes, workers)
	} else {
		rec = openBatchRecord(p, outDir, opts.Shard)
	}
	var wg sync.WaitGroup
	for range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range next {
				outcomes[i] = makeOne(env, p, jobs[i], opts, keep, rec)
				if outcomes[i].err != nil && opts.FailFast {
					cancel()
				}
				prog.done(jobs[i], outcomes[i])
				if merge != nil {
					merge.done <- i
				}
			}
		}()
	}
feed:
	for i := range jobs {
		if merge != nil && !merge.reserve(ctx) {
			break
		}
		select {
		case <-ctx.Done():
			break feed
		case next <- i:
		}
	}
	close(next)
	wg.Wait()
	if merge != nil {
		close(merge.done)
		<-merge.finished
	}
	prog.wait()
	if rec != nil {
		if err := rec.save(); err != nil {
			fmt.Fprintf(env.Err, "warning: the batch record could not be saved (the next run makes every handout again): %v\n", err)
		}
	}

	written, unchanged, merged, failed, skipped := 0, 0, 0, len(badLines), 0
	for i, o := range outcomes {
		switch {
		case o.err != nil:
			failed++
			fmt.Fprintf(env.Err, "%s:%d: %v\n", opts.Roster, jobs[i].row.Line, o.err)
		case o.res == nil && !o.written && o.pages == 0:
			skipped++
		case opts.MergeOnly:
			merged++
		case o.written:
			written++
		default:
			unchanged++
		}
	}
	if merge != nil && ctx.Err() == nil {
		if err := merge.write(env); err != nil {
			return err
		}
	}
	summary := fmt.Sprintf("%d written, %d unchanged, %d failed", written, unchanged, failed)
	if opts.MergeOnly {
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
// column, never the patient.
func validateRow(p *project, opts *BatchOptions, r roster.Row) string {
	at := func(col, format string, args ...any) string {
		return fmt.Sprintf("%s:%d: %s: %s", opts.Roster, r.Line, col, fmt.Sprintf(format, args...))
	}
	for _, c := range r.Conditions {
		if p.c.Conditions[c] == nil {
			return at("conditions", "unknown condition %q%s", c, content.Suggest(c, content.IDs(p.c.Conditions)))
		}
	}
	layoutID := firstOf(r.Layout, opts.Layout)
	lay := p.c.Layouts[layoutID]
	if lay == nil {
		return at("layout", "unknown layout %q (valid: %s)", layoutID, strings.Join(content.IDs(p.c.Layouts), ", "))
	}
	if r.Paper != "" && r.Paper != "a4" && r.Paper != "letter" {
		return at("paper", "unknown paper %q (valid: a4, letter)", r.Paper)
	}
	if r.Language != "" && r.Language != "en" {
		return at("language", "no content in language %q yet (available: en)", r.Language)
	}
	for _, f := range []struct{ col, v string }{{"name", r.Name}, {"clinician", r.Clinician}, {"notes", r.Notes}} {
		if bad := p.fonts.Missing(layout.Face{Family: lay.Type.Font}, f.v); len(bad) > 0 {
			return at(f.col, "%s", cannotPrint(bad, runeCodes(bad)))
		}
	}
	return ""
}

func firstOf(a, b string) string {
	if a != "" {
		return a
	}
	return b
}

var unsafeChars = regexp.MustCompile(`[^A-Za-z0-9._-]+`)

// fileName names a row's PDF from its id, or its line and date; never from the name. The
// result is one plain file name (no separators, no leading dot), so it cannot leave the
// output folder, and a name already used gets a suffix instead of overwriting.
func fileName(r roster.Row, used map[string]bool) string {
	base := strings.Trim(unsafeChars.ReplaceAllString(r.ID, "-"), ".-")
	if len(base) > 80 {
		base = base[:80]
	}
	if base == "" {
		base = fmt.Sprintf("row-%d-%s", r.Line, r.TreatmentDate.Format("2006-01-02"))
	}
	name := base + ".pdf"
	for i := 2; used[strings.ToLower(name)]; i++ {
		name = fmt.Sprintf("%s-%d.pdf", base, i)
	}
	used[strings.ToLower(name)] = true
	return name
}

// renders counts the handouts a batch lays out and writes (for tests: one a record lets
// be is not made at all).
var renders syncatomic.Int64

// makeOne renders one handout and writes it unless its bytes are unchanged. With a
// record (rec, nil when merging), a handout whose inputs and file are as recorded is not
// made at all. A panic in a library fails this row only.
func makeOne(env *Env, p *project, j job, opts *BatchOptions, keep bool, rec *batchRecord) (o outcome) {
	defer func() {
		if r := recover(); r != nil {
			o = outcome{err: fmt.Errorf("internal error: %v", r)}
		}
	}()
	date, err := documentDate(env, j.req.Patient.TreatmentDate)
	if err != nil {
		return outcome{err: err}
	}
	var mac string
	if rec != nil {
		mac = rec.mac(j, date)
		if pages, ok := rec.current(j, mac); ok && !opts.Force {
			return outcome{pages: pages}
		}
	}
	renders.Add(1)
	r, err := renderHandout(p, j.req, date, !opts.MergeOnly)
	if err != nil {
		return outcome{err: err}
	}
	o = outcome{pages: len(r.layout.Pages)}
	if keep {
		o.res = r.layout
	}
	if opts.MergeOnly {
		return o
	}
	if o.written = opts.Force || !sameFile(j.path, r.pdf); o.written {
		if err := atomic.WriteFile(j.path, r.pdf, 0o644); err != nil {
			return outcome{err: fmt.Errorf("write: %w", err)}
		}
	}
	if rec != nil {
		rec.set(j, mac, r.pdf, o.pages)
	}
	return o
}

// sameFile says whether the file at path holds exactly data.
func sameFile(path string, data []byte) bool {
	old, err := os.ReadFile(path)
	return err == nil && bytes.Equal(old, data)
}

// merger draws the handouts into one PDF as they are made, in roster order, and lets
// each go once drawn: a merged file of thousands holds only fpdf's pages, not every
// handout laid out, and drawing overlaps the workers' layout. At most a few handouts
// wait, made but not drawn: the feed stops until the merger catches up.
type merger struct {
	p        *project
	opts     *BatchOptions
	jobs     []job
	outcomes []outcome
	stream   *pdf.Stream
	first    time.Time // the earliest treatment date: the document's date
	slots    chan struct{}
	done     chan int // indexes of made handouts, in any order
	finished chan struct{}
}

func newMerger(p *project, opts *BatchOptions, jobs []job, outcomes []outcome, workers int) *merger {
	m := &merger{p: p, opts: opts, jobs: jobs, outcomes: outcomes,
		stream:   pdf.NewStream(&layout.Result{Title: "Handouts", Subject: "Aftercare handouts", Lang: "en", Author: p.c.Clinic.Name}, p.fonts),
		slots:    make(chan struct{}, 4*workers),
		done:     make(chan int, 4*workers), // never more than the slots
		finished: make(chan struct{}),
	}
	go m.run()
	return m
}

// reserve waits for room for one more handout, or for ctx to end.
func (m *merger) reserve(ctx context.Context) bool {
	select {
	case m.slots <- struct{}{}:
		return true
	case <-ctx.Done():
		return false
	}
}

func (m *merger) run() {
	defer close(m.finished)
	made := map[int]bool{}
	next := 0
	for i := range m.done {
		made[i] = true
		for made[next] {
			delete(made, next)
			m.add(next)
			next++
			<-m.slots
		}
	}
}

// add draws handout i after the others, with a bookmark for its row above its own.
func (m *merger) add(i int) {
	o := &m.outcomes[i]
	if o.res == nil || o.err != nil {
		return
	}
	if d := m.jobs[i].row.TreatmentDate; m.first.IsZero() || d.Before(m.first) {
		m.first = d
	}
	pages := make([]layout.Page, 0, len(o.res.Pages)+1)
	for pi, pg := range o.res.Pages {
		items := make([]layout.Item, 0, len(pg.Items)+1)
		if pi == 0 {
			items = append(items, layout.Bookmark{Title: fmt.Sprintf("Row %d", m.jobs[i].row.Line), Level: 0})
		}
		for _, it := range pg.Items {
			if b, ok := it.(layout.Bookmark); ok {
				b.Level++
				it = b
			}
			items = append(items, it)
		}
		pg.Items = items
		pages = append(pages, pg)
	}
	if m.opts.Duplex && len(pages)%2 == 1 {
		last := pages[len(pages)-1]
		pages = append(pages, layout.Page{Width: last.Width, Height: last.Height})
	}
	if err := m.stream.Add(pages); err != nil {
		o.err = fmt.Errorf("merge: %w", err)
	}
	o.res = nil
}

// write writes the merged file.
func (m *merger) write(env *Env) error {
	if m.stream.Pages() == 0 {
		return fmt.Errorf("merge: no handout was made")
	}
	date, err := documentDate(env, m.first)
	if err != nil {
		return err
	}
	var buf bytes.Buffer
	if err := m.stream.Close(&buf, pdf.Options{Producer: "careprint " + versionString(), Date: date}); err != nil {
		return fmt.Errorf("merge: %w", err)
	}
	out := m.opts.Merge
	if !filepath.IsAbs(out) {
		out = filepath.Join(env.Dir, out)
	}
	if err := atomic.WriteFile(out, buf.Bytes(), 0o644); err != nil {
		return fmt.Errorf("merge: %w", err)
	}
	fmt.Fprintf(env.Out, "%s (%d pages)\n", m.opts.Merge, m.stream.Pages())
	return nil
}

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

func (pr *progress) done(j job, o outcome) {
	if pr.bar != nil {
		pr.bar.Increment()
	}
	if !pr.verbose || o.err != nil {
		return
	}
	state := "unchanged"
	if o.written {
		state = "written"
	}
	pr.mu.Lock()
	fmt.Fprintf(pr.env.Err, "%s:%d: %s %s (%d pages)\n", pr.roster, j.row.Line, state, j.rel, o.pages)
	pr.mu.Unlock()
}

func (pr *progress) wait() {
	if pr.p != nil {
		pr.bar.Abort(false)
		pr.p.Wait()
	}
}
