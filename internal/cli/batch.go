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
	"slices"
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
	Encoding  string
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
same steps as the run, writing nothing.
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
			if !slices.Contains(roster.Encodings, strings.ToLower(opts.Encoding)) {
				return flagErrorf("--encoding %q: use %s", opts.Encoding, strings.Join(roster.Encodings, " or "))
			}
			opts.Encoding = strings.ToLower(opts.Encoding)
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
	f.StringVar(&opts.Encoding, "encoding", "utf-8", "the roster's `encoding`: utf-8, or windows-1252 for Excel's \"CSV (Comma delimited)\"")
	_ = cmd.MarkFlagDirname("out")
	_ = cmd.RegisterFlagCompletionFunc("layout", completeIDs(env, g, "layout"))
	_ = cmd.RegisterFlagCompletionFunc("paper", cobra.FixedCompletions([]string{"a4", "letter"}, cobra.ShellCompDirectiveNoFileComp))
	_ = cmd.MarkFlagFilename("merge", "pdf")
	_ = cmd.RegisterFlagCompletionFunc("encoding", cobra.FixedCompletions(roster.Encodings, cobra.ShellCompDirectiveNoFileComp))
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
	start := time.Now()
	env := opts.Env
	if ctx == nil {
		ctx = context.Background()
	}
	p, err := openForPrinting(env, opts.Global)
	if err != nil {
		return err
	}
	if l := p.c.Layouts[opts.Layout]; l == nil || l.Kind != content.KindHandout {
		return flagErrorf("--layout: unknown layout %q (valid: %s)", opts.Layout, strings.Join(handoutLayouts(p), ", "))
	}
	path := opts.Roster
	if !filepath.IsAbs(path) {
		path = filepath.Join(env.Dir, path)
	}
	f, err := os.Open(path)
	if err != nil {
		return fmt.Errorf("roster: %w", errors.Unwrap(err))
	}
	rows, rerrs := roster.Read(f, opts.Roster, roster.Encoding(opts.Encoding))
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
		if n == 1 || inShard(roster.Row{Line: e.Line}, k, n) { // bad rows of other shards are that shard's to report
			bad[e.Line] = e.Error()
		}
	}
	outDir := opts.Out
	if !filepath.IsAbs(outDir) {
		outDir = filepath.Join(env.Dir, outDir)
	}
	// Files are named over the whole roster, so that every shard names them alike.
	names, dups := fileNames(rows)
	var jobs []job
	for i, r := range rows {
		if !inShard(r, k, n) {
			continue
		}
		if line, dup := dups[r.Line]; dup {
			bad[r.Line] = fmt.Sprintf("%s:%d: id: makes the same file as the id on line %d (ids that differ only in case, or in characters a file name cannot hold, make the same file): give each patient a different id", opts.Roster, r.Line, line)
			continue
		}
		if msg := validateRow(p, opts, r); msg != "" {
			bad[r.Line] = msg
			continue
		}
		conds := make([]string, len(r.Conditions))
		for i, c := range r.Conditions {
			conds[i] = strings.ToLower(c)
		}
		req := resolve.Request{Treatment: r.Treatment, Layout: firstOf(strings.ToLower(r.Layout), opts.Layout), Paper: firstOf(strings.ToLower(r.Paper), opts.Paper), Language: r.Language, Patient: resolve.Patient{
			Name: r.Name, TreatmentDate: r.TreatmentDate, HasTime: r.HasTime, Clinician: r.Clinician, Conditions: conds, Notes: r.Notes}}
		jobs = append(jobs, job{row: r, req: req, path: filepath.Join(outDir, names[i]), rel: filepath.Join(opts.Out, names[i])})
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

	outcomes := make([]outcome, len(jobs))
	keep := opts.Merge != "" && !opts.Check
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
	switch {
	case opts.Check: // lays out every handout as the run does, and writes nothing
	case keep:
		merge = newMerger(p, opts, jobs, outcomes, workers)
	default:
		var warning string
		rec, warning = openBatchRecord(p, outDir, opts.Shard)
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

	written, unchanged, merged, failed, skipped, ok := 0, 0, 0, len(badLines), 0, 0
	for i, o := range outcomes {
		switch {
		case o.err != nil:
			failed++
			fmt.Fprintf(env.Err, "%s:%d: %v\n", opts.Roster, jobs[i].row.Line, o.err)
		case opts.Check && o.pages > 0:
			ok++
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
		if id := strings.ToLower(c); p.c.Conditions[id] == nil {
			if _, quoted := roster.Show(roster.KindWord, c); quoted {
				return at("conditions", "unknown condition %q%s", c, content.Suggest(id, content.IDs(p.c.Conditions)))
			}
			return at("conditions", "%s (valid: %s)", roster.Is("unknown condition", roster.KindWord, c), strings.Join(content.IDs(p.c.Conditions), ", "))
		}
	}
	t, err := p.c.Treatment(r.Treatment)
	switch {
	case err != nil:
		return at("treatment", "%v: name it in the treatment column", err)
	case t == nil:
		return at("treatment", "%s%s", roster.Is("unknown treatment", roster.KindWord, r.Treatment), content.Suggest(r.Treatment, content.IDs(p.c.Treatments)))
	}
	conds := make([]string, len(r.Conditions))
	for i, c := range r.Conditions {
		conds[i] = strings.ToLower(c)
	}
	if err := p.c.Covers(t.ID, conds); err != nil {
		return at("conditions", "%v", err)
	}
	lay := p.c.Layouts[firstOf(strings.ToLower(r.Layout), opts.Layout)]
	if lay == nil || lay.Kind != content.KindHandout {
		return at("layout", "%s (valid: %s)", roster.Is("unknown layout", roster.KindWord, r.Layout), strings.Join(handoutLayouts(p), ", "))
	}
	if paper := strings.ToLower(r.Paper); paper != "" && paper != "a4" && paper != "letter" {
		return at("paper", "%s (valid: a4, letter)", roster.Is("unknown paper", roster.KindWord, r.Paper))
	}
	if r.Language != "" {
		if _, _, err := p.c.Messages.Match(r.Language, ""); err != nil {
			return at("language", "%s in this project (it has: %s)", roster.Is("no language", roster.KindLanguage, r.Language), strings.Join(p.c.Messages.Languages(), ", "))
		}
	}
	for _, f := range []struct{ col, v string }{{"name", r.Name}, {"clinician", r.Clinician}, {"notes", r.Notes}} {
		if bad := p.fonts.Missing(layout.Face{Family: lay.Type.Font}, f.v); len(bad) > 0 {
			return at(f.col, "%s", cannotPrint(bad, runeCodes(bad)))
		}
	}
	return ""
}

// handoutLayouts lists the ids of the project's handout layouts.
func handoutLayouts(p *project) []string {
	var ids []string
	for _, id := range content.IDs(p.c.Layouts) {
		if p.c.Layouts[id].Kind == content.KindHandout {
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

var unsafeChars = regexp.MustCompile(`[^A-Za-z0-9._-]+`)

// reservedName matches the names Windows keeps for devices, with or without an
// extension and in any case: a file named con.pdf or aux.txt.pdf cannot be opened there.
var reservedName = regexp.MustCompile(`(?i)^(con|prn|aux|nul|com[0-9]|lpt[0-9])(\.|$)`)

// fileNames names each row's PDF from its id, or its line and date; never from the
// name. Each is one plain file name (no separators, no leading or trailing dot, no name
// Windows reserves), so it cannot leave the output folder and opens on any system. Two
// ids that make the same file, compared in lower case as a case-insensitive disk does,
// are an error: dups maps the later row's line to the earlier's. A row without an id
// gets a -2, -3 suffix when an id already took its name; an id never does.
func fileNames(rows []roster.Row) (names []string, dups map[int]int) {
	names = make([]string, len(rows))
	dups = map[int]int{}
	owner := map[string]int{} // lower-case file name → line
	for i, r := range rows {
		if r.ID == "" {
			continue
		}
		base := strings.Trim(unsafeChars.ReplaceAllString(r.ID, "-"), ".-")
		if len(base) > 80 {
			base = strings.TrimRight(base[:80], ".-")
		}
		if base == "" {
			base = "id"
		}
		if m := reservedName.FindStringSubmatchIndex(base); m != nil {
			base = base[:m[3]] + "_" + base[m[3]:]
		}
		name := base + ".pdf"
		key := strings.ToLower(name)
		if line, taken := owner[key]; taken {
			dups[r.Line] = line
			continue
		}
		owner[key] = r.Line
		names[i] = name
	}
	for i, r := range rows {
		if r.ID != "" {
			continue
		}
		base := fmt.Sprintf("row-%d-%s", r.Line, r.TreatmentDate.Format("2006-01-02"))
		name := base + ".pdf"
		for n := 2; ; n++ {
			if _, taken := owner[strings.ToLower(name)]; !taken {
				break
			}
			name = fmt.Sprintf("%s-%d.pdf", base, n)
		}
		owner[strings.ToLower(name)] = r.Line
		names[i] = name
	}
	return names, dups
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
	if opts.Check {
		// The same steps as a run, up to the PDF bytes: what fails here fails there.
		r, err := renderHandout(p, j.req, date, false)
		if err != nil {
			return outcome{err: err}
		}
		return outcome{pages: len(r.layout.Pages)}
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
		if err := atomic.WriteFile(j.path, r.pdf, 0o600); err != nil {
			return outcome{err: fmt.Errorf("write: %w", err)}
		}
	}
	if rec != nil {
		rec.set(j, mac, r.pdf, o.pages)
	}
	return o
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
	out := mergePath(env, m.opts)
	if err := atomic.WriteFile(out, buf.Bytes(), 0o600); err != nil {
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
