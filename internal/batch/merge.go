package batch

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	"github.com/careprint/careprint/internal/atomic"
	"github.com/careprint/careprint/internal/engine"
	"github.com/careprint/careprint/internal/layout"
	"github.com/careprint/careprint/internal/pdf"
)

// Outcome is what became of one row of the roster.
type Outcome struct {
	Pages   int
	Written bool
	Res     *layout.Result
	Err     error
	// Warnings are the run's warnings about the content it printed (never about the
	// patient), such as follow-up windows that do not overlap.
	Warnings []string
	Line     int       // the row's line
	Date     time.Time // its treatment date
}

// MergeOptions say where a merged file goes and how it is cut.
type MergeOptions struct {
	File   string // the merged file, as the user named it (relative to Dir)
	Dir    string
	Split  int  // with more handouts than this (0: never), write numbered parts of this many
	Duplex bool // each handout starts on a front: an odd one gets a blank page
	// Date is the document date of a part whose earliest treatment date is fallback.
	Date func(fallback time.Time) (time.Time, error)
}

// Merger draws the handouts into one PDF as they are made, in roster order, and lets
// each go once drawn: a merged file of thousands holds only fpdf's pages, not every
// handout laid out, and drawing overlaps the workers' layout. At most a few handouts
// wait, made but not drawn: the feed stops until the merger catches up.
//
// fpdf keeps every page of a document until it writes it, about 160 KB a handout, so
// a merged file of more than opts.Split handouts is written in numbered parts of
// that many, each written and let go when full: memory stays that of one part.
type Merger struct {
	p        *engine.Project
	opts     MergeOptions
	total    int // handouts to merge
	outcomes []Outcome
	stream   *pdf.Stream
	first    time.Time // the earliest treatment date of the part: its date
	inPart   int       // handouts in the current part
	parts    int       // parts written
	split    bool      // whether the merged file is written in parts
	written  []string  // what was written, for the summary
	err      error     // the first part that could not be written
	slots    chan struct{}
	done     chan int // indexes of made handouts, in any order
	finished chan struct{}
}

// NewMerger starts merging the handouts whose outcomes are outcomes, in their order, as
// Done reports each; workers is how many make them at once.
func NewMerger(p *engine.Project, opts MergeOptions, outcomes []Outcome, workers int) *Merger {
	m := &Merger{p: p, opts: opts, total: len(outcomes), outcomes: outcomes,
		split:    opts.Split > 0 && len(outcomes) > opts.Split,
		slots:    make(chan struct{}, 4*workers),
		done:     make(chan int, 4*workers), // never more than the slots
		finished: make(chan struct{}),
	}
	m.stream = m.newStream()
	go m.run()
	return m
}

func (m *Merger) newStream() *pdf.Stream {
	return pdf.NewStream(&layout.Result{Title: "Handouts", Subject: "Aftercare handouts", Lang: "en", Author: m.p.Content.Clinic.Name}, m.p.Fonts)
}

// Reserve waits for room for one more handout, or for ctx to end.
func (m *Merger) Reserve(ctx context.Context) bool {
	select {
	case m.slots <- struct{}{}:
		return true
	case <-ctx.Done():
		return false
	}
}

func (m *Merger) run() {
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
func (m *Merger) add(i int) {
	o := &m.outcomes[i]
	if o.Res == nil || o.Err != nil {
		return
	}
	if d := o.Date; m.first.IsZero() || d.Before(m.first) {
		m.first = d
	}
	pages := make([]layout.Page, 0, len(o.Res.Pages)+1)
	for pi, pg := range o.Res.Pages {
		items := make([]layout.Item, 0, len(pg.Items)+1)
		if pi == 0 {
			items = append(items, layout.Bookmark{Title: fmt.Sprintf("Row %d", o.Line), Level: 0})
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
		o.Err = fmt.Errorf("merge: %w", err)
	}
	o.Res = nil
	if m.inPart++; m.split && m.inPart == m.opts.Split && m.err == nil {
		m.err = m.writePart()
	}
}

// partName is the file of part n (from 1) of the merged file: day-001.pdf.
func (m *Merger) partName(n int) string {
	if !m.split {
		return m.opts.File
	}
	ext := filepath.Ext(m.opts.File)
	width := len(strconv.Itoa((m.total + m.opts.Split - 1) / m.opts.Split))
	return fmt.Sprintf("%s-%0*d%s", strings.TrimSuffix(m.opts.File, ext), max(3, width), n, ext)
}

// writePart writes the current part and starts the next.
func (m *Merger) writePart() error {
	if m.stream.Pages() == 0 {
		return nil
	}
	date, err := m.opts.Date(m.first)
	if err != nil {
		return err
	}
	var buf bytes.Buffer
	if err := m.stream.Close(&buf, pdf.Options{Producer: "careprint " + m.p.Version, Date: date, Untagged: m.p.Untagged}); err != nil {
		return fmt.Errorf("merge: %w", err)
	}
	m.parts++
	name := m.partName(m.parts)
	out := name
	if !filepath.IsAbs(out) {
		out = filepath.Join(m.opts.Dir, out)
	}
	if err := atomic.WriteFile(out, buf.Bytes(), 0o600); err != nil {
		return fmt.Errorf("merge: %w", err)
	}
	m.written = append(m.written, fmt.Sprintf("%s (%d pages)", name, m.stream.Pages()))
	m.stream, m.first, m.inPart = m.newStream(), time.Time{}, 0
	return nil
}

// Done says that handout i is made (or failed): the merger draws it in its turn.
func (m *Merger) Done(i int) { m.done <- i }

// Close waits for the merger to draw every handout reported done.
func (m *Merger) Close() {
	close(m.done)
	<-m.finished
}

// Write writes the merged file, or its last part, and says what was written (also when
// a part failed), and, as warning, when a part from an earlier run is still there.
func (m *Merger) Write() (written []string, warning string, err error) {
	if m.err == nil && m.parts == 0 && m.stream.Pages() == 0 {
		return nil, "", fmt.Errorf("merge: no handout was made")
	}
	if m.err == nil {
		m.err = m.writePart()
	}
	if m.err != nil {
		return m.written, "", m.err
	}
	// A part from an earlier, longer run would be printed with these.
	if m.split {
		next := m.partName(m.parts + 1)
		if !filepath.IsAbs(next) {
			next = filepath.Join(m.opts.Dir, next)
		}
		if _, err := os.Stat(next); err == nil {
			warning = fmt.Sprintf("%s is from an earlier run, not this one: remove it before printing", m.partName(m.parts+1))
		}
	}
	return m.written, warning, nil
}
