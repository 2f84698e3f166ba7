package batch

import (
	"bytes"
	"context"
	"crypto/sha256"
	"errors"
	"fmt"
	"io"
	"path/filepath"
	"strings"
	"sync"
	"time"

	"github.com/careprint/careprint/internal/atomic"
	"github.com/careprint/careprint/internal/content"
	"github.com/careprint/careprint/internal/engine"
	"github.com/careprint/careprint/internal/resolve"
	"github.com/careprint/careprint/internal/roster"
	"github.com/careprint/careprint/internal/safefile"
	"github.com/careprint/careprint/internal/shard"
)

// Options are what a batch's plan is made from: the roster, the defaults for its rows,
// and where the handouts go.
type Options struct {
	Roster   string // the roster as given, for messages
	Path     string // the roster's file
	Encoding string // utf-8 or windows-1252
	Layout   string // the layout id for rows without a layout column
	Paper    string // the paper for rows without a paper column, or ""
	Shard    string // K/N, or "" for every row
	FailFast bool   // stop at the first bad row
	Out      string // the output folder as given, for messages
	OutDir   string // the output folder
}

// ErrReported is returned once the reason a batch cannot go on has been reported,
// line by line, through the report function.
var ErrReported = errors.New("batch: reported")

// A Job is one planned row, read again, for a worker: the handout to make and the file
// to write it to.
type Job struct {
	I    int // the job's number in the plan, and its outcome's
	Row  roster.Row
	Req  resolve.Request
	Path string // the output file
	Rel  string // as printed
}

// Plan is the rows of a batch that passed every check of a first reading, with their
// files' names: a few dozen bytes per row, never the rows themselves.
type Plan struct {
	opts Options
	rows []planned
	sum  []byte // the roster's SHA-256
	// Bad is how many rows of this shard failed a check (each was reported).
	Bad int
}

// planned is a row that passed every check of the first reading, with its file name.
type planned struct {
	line int
	name string
	date time.Time // for a row without an id, which is named once all ids are known
}

// Len is the number of handouts to make.
func (pl *Plan) Len() int { return len(pl.rows) }

// NewPlan reads the roster a row at a time, reports every bad row of this shard in line
// order (or only the first, with FailFast), names every file, and returns the rows to
// make. Each message is one line for the user, "warning: " first when it stops nothing.
// ErrReported means what stopped the plan was reported.
func NewPlan(p *engine.Project, opts Options, report func(msg string)) (*Plan, error) {
	within := filepath.Dir(opts.Path)
	if p.Content.Settings.AllowOutsideLinks {
		within = ""
	}
	f, err := safefile.Open(opts.Path, within, "roster's folder", ", or set allow_outside_links = true in careprint.toml")
	if err != nil {
		return nil, fmt.Errorf("roster %s: %w", opts.Roster, errors.Unwrap(err))
	}
	defer f.Close()
	h := sha256.New()
	rd, rerr := roster.NewReader(io.TeeReader(f, h), opts.Roster, roster.Encoding(opts.Encoding))
	if rerr != nil {
		report(rerr.Error())
		return nil, ErrReported
	}
	k, n, _ := shard.Parse(opts.Shard)
	pl := &Plan{opts: opts}
	fn := NewFileNamer()
	seen := 0
	bad := func(msgs ...string) error {
		pl.Bad++
		if opts.FailFast {
			report(msgs[0])
			report("stopped at the first bad row (--fail-fast): nothing was printed")
			return ErrReported
		}
		for _, m := range msgs {
			report(m)
		}
		return nil
	}
	for {
		row, errs, ok := rd.Next()
		if !ok {
			if len(errs) > 0 { // the rest of the roster cannot be read: print nothing
				for _, e := range errs {
					report(e.Error())
				}
				return nil, ErrReported
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
					return nil, err
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
						return nil, err
					}
				}
				continue
			}
		}
		if !shard.Contains(row, k, n) {
			continue
		}
		if msg := ValidateRow(p, opts, row); msg != "" {
			if err := bad(msg); err != nil {
				return nil, err
			}
			continue
		}
		pl.rows = append(pl.rows, planned{line: row.Line, name: name, date: row.TreatmentDate})
	}
	if _, err := io.Copy(h, f); err != nil {
		return nil, fmt.Errorf("roster: %w", errors.Unwrap(err))
	}
	for i := range pl.rows {
		if pl.rows[i].name == "" {
			pl.rows[i].name = fn.Unnamed(pl.rows[i].line, pl.rows[i].date)
		}
	}
	if seen == 0 {
		report(fmt.Sprintf("warning: %s has no patients, only its header row: nothing to print", opts.Roster))
	}
	pl.sum = h.Sum(nil)
	return pl, nil
}

// Feed reads the roster again and sends the planned rows to next, in order, until they
// are all sent or ctx ends; with a merger, it waits for room first. It says whether the
// roster changed since NewPlan read it (then the rest is not sent).
func (pl *Plan) Feed(ctx context.Context, next chan<- Job, merge *Merger) (changed bool) {
	opts := pl.opts
	f, err := safefile.Open(opts.Path, "", "", "")
	if err != nil {
		return true
	}
	defer f.Close()
	h := sha256.New()
	rd, rerr := roster.NewReader(io.TeeReader(f, h), opts.Roster, roster.Encoding(opts.Encoding))
	if rerr != nil {
		return true
	}
	for i := 0; i < len(pl.rows); {
		row, errs, ok := rd.Next()
		switch {
		case !ok:
			return true
		case row.Line < pl.rows[i].line:
			continue // a bad row, or another shard's
		case row.Line > pl.rows[i].line || len(errs) > 0:
			return true
		}
		conds := make([]string, len(row.Conditions))
		for c, id := range row.Conditions {
			conds[c] = strings.ToLower(id)
		}
		req := resolve.Request{Treatment: row.Treatment, Layout: firstOf(strings.ToLower(row.Layout), opts.Layout), Paper: firstOf(strings.ToLower(row.Paper), opts.Paper), Language: row.Language, Patient: resolve.Patient{
			Name: row.Name, TreatmentDate: row.TreatmentDate, HasTime: row.HasTime, Clinician: row.Clinician, Conditions: conds, Notes: row.Notes}}
		j := Job{I: i, Row: row, Req: req, Path: filepath.Join(opts.OutDir, pl.rows[i].name), Rel: filepath.Join(opts.Out, pl.rows[i].name)}
		if merge != nil && !merge.Reserve(ctx) {
			return false
		}
		select {
		case <-ctx.Done():
			return false
		case next <- j:
		}
		i++
	}
	if _, err := io.Copy(h, f); err != nil {
		return true
	}
	return !bytes.Equal(h.Sum(nil), pl.sum)
}

// ValidateRow checks one row against the project; the message names the line and the
// column, never the patient. A value is quoted only when it has its column's shape (see
// roster.Show): one of another shape may be a name in the wrong column.
func ValidateRow(p *engine.Project, opts Options, r roster.Row) string {
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
		return at("layout", "%s (valid: %s)", roster.Is("unknown layout", roster.KindWord, r.Layout), strings.Join(HandoutLayouts(p), ", "))
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
		if msg := p.CannotPrintPatient(lay, f.v); msg != "" {
			return at(f.col, "%s", msg)
		}
	}
	return ""
}

// HandoutLayouts lists the ids of the project's handout layouts.
func HandoutLayouts(p *engine.Project) []string {
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

// staleMargin is how much older than this run a temporary file must be for the run to
// remove it: another batch writing into the same folder may have one open right now.
const staleMargin = 10 * time.Second

// RemoveStale removes the temporary files that a killed run, started before start, left
// in dir (each may hold a whole handout, with a patient's name inside), and says how
// many. The error is the cause alone ("permission denied"): the caller names the folder.
func RemoveStale(dir string, start time.Time) (int, error) {
	n, err := atomic.RemoveStale(dir, start.Add(-staleMargin))
	if err != nil {
		err = why(err)
	}
	return n, err
}

// Run makes every planned handout with mk on workers goroutines at once, fed in roster
// order, and sets outcomes[i] (of Len) for job i; a merger, when there is one, is given
// each as it is done, and closed at the end. done is called from the worker after each
// handout. It says whether the roster changed since NewPlan read it (the rest was not
// made), and whether the run stopped early: ctx ended, or, with failFast, a handout
// failed.
func (pl *Plan) Run(ctx context.Context, mk *Maker, merge *Merger, outcomes []Outcome, workers int, failFast bool, done func(Job, Outcome)) (changed, stopped bool) {
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	next := make(chan Job)
	var wg sync.WaitGroup
	for range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for j := range next {
				i := j.I
				outcomes[i] = mk.Make(j.Req, j.Path)
				outcomes[i].Line, outcomes[i].Date = j.Row.Line, j.Row.TreatmentDate
				if outcomes[i].Err != nil && failFast {
					cancel()
				}
				done(j, outcomes[i])
				if merge != nil {
					merge.Done(i)
				}
			}
		}()
	}
	changed = pl.Feed(ctx, next, merge)
	close(next)
	wg.Wait()
	if merge != nil {
		merge.Close()
	}
	return changed, ctx.Err() != nil
}
