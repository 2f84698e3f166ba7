package batch

import (
	"bytes"
	"fmt"
	"os"
	"slices"
	syncatomic "sync/atomic"
	"time"

	"github.com/careprint/careprint/internal/atomic"
	"github.com/careprint/careprint/internal/engine"
	"github.com/careprint/careprint/internal/resolve"
)

// Renders counts the handouts a batch lays out and writes (for tests: one a record lets
// be is not made at all).
var Renders syncatomic.Int64

// Maker makes the handouts of a batch, from any number of workers at once.
type Maker struct {
	Project *engine.Project
	Record  *Record // nil when merging or checking, or when no record could be kept
	// Check lays a handout out and writes nothing; Force writes it even when its record
	// or its bytes say it is unchanged; MergeOnly writes no file of its own; Keep keeps
	// the laid-out handout in the outcome, for the merger.
	Check, Force, MergeOnly, Keep bool
	// Date is the document date of a handout whose treatment date is fallback.
	Date func(fallback time.Time) (time.Time, error)
}

// Make renders one handout and writes it to path unless its bytes are unchanged. With a
// record, a handout whose inputs and file are as recorded is not made at all. A panic
// in a library fails this row only.
func (mk *Maker) Make(req resolve.Request, path string) (o Outcome) {
	p, rec := mk.Project, mk.Record
	defer func() {
		if r := recover(); r != nil {
			o = Outcome{Err: fmt.Errorf("internal error: %v", r)}
		}
	}()
	date, err := mk.Date(req.Patient.TreatmentDate)
	if err != nil {
		return Outcome{Err: err}
	}
	if mk.Check {
		// The same steps as a run, up to the PDF bytes: what fails here fails there.
		r, err := p.Handout(req, date, false)
		if err != nil {
			return Outcome{Err: err}
		}
		return Outcome{Pages: len(r.Layout.Pages), Warnings: slices.Concat(r.Doc.Warnings, r.Layout.Warnings)}
	}
	var mac string
	if rec != nil {
		mac = rec.MAC(req, date)
		if pages, ok := rec.Current(path, mac); ok && !mk.Force {
			return Outcome{Pages: pages}
		}
	}
	Renders.Add(1)
	r, err := p.Handout(req, date, !mk.MergeOnly)
	if err != nil {
		return Outcome{Err: err}
	}
	o = Outcome{Pages: len(r.Layout.Pages), Warnings: slices.Concat(r.Doc.Warnings, r.Layout.Warnings)}
	if mk.Keep {
		o.Res = r.Layout
	}
	if mk.MergeOnly {
		return o
	}
	if o.Written = mk.Force || !sameFile(path, r.PDF); o.Written {
		if err := atomic.WriteFile(path, r.PDF, 0o600); err != nil {
			return Outcome{Err: fmt.Errorf("write: %w", err)}
		}
	}
	if rec != nil {
		rec.Set(path, mac, r.PDF, o.Pages)
	}
	return o
}

// sameFile says whether the file at path holds exactly data.
func sameFile(path string, data []byte) bool {
	old, err := os.ReadFile(path)
	return err == nil && bytes.Equal(old, data)
}
