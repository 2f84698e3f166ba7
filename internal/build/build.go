// Package build makes the materials a project's careprint.toml lists ([[output]]): it
// says what each output is made from, whether it changed since the last build, and makes
// it.
//
//	b := &build.Builder{Project: p, Date: documentDate}
//	rec := build.ReadRecord(outDir)                  // what the last build made
//	inputs, hash, err := b.Inputs(o, hashes)          // one hash per input file and option
//	changed := build.Changed(rec.Outputs[o.Path].Inputs, inputs)
//	r, err := b.Make(o, file)                         // resolve, lay out, write atomically
//	err = rec.Save(outDir)
//
// It works from an engine.Project and never prints: the command reports the results.
package build

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"time"

	"github.com/careprint/careprint/internal/atomic"
	"github.com/careprint/careprint/internal/content"
	"github.com/careprint/careprint/internal/engine"
	"github.com/careprint/careprint/internal/resolve"
)

// RecordFile is the record of the last build, in the output folder.
const RecordFile = ".careprint-build.json"

// Record is what build remembers of each output, next to the outputs.
type Record struct {
	Outputs map[string]Entry `json:"outputs"`
}

// Entry is what one output was made from (a hash of each input) and what it came to.
type Entry struct {
	Hash   string            `json:"hash"`
	Inputs map[string]string `json:"inputs"`
	Pages  int               `json:"pages"`
	Bytes  int               `json:"bytes"`
}

// ReadRecord reads the record in the output folder dir; a missing or unreadable record
// is an empty one, and every output is then made.
func ReadRecord(dir string) *Record {
	var rec Record
	if data, err := os.ReadFile(filepath.Join(dir, RecordFile)); err == nil {
		_ = json.Unmarshal(data, &rec)
	}
	if rec.Outputs == nil {
		rec.Outputs = map[string]Entry{}
	}
	return &rec
}

// Save writes the record into the output folder dir, atomically.
func (r *Record) Save(dir string) error {
	data, _ := json.MarshalIndent(r, "", "  ")
	return atomic.WriteFile(filepath.Join(dir, RecordFile), append(data, '\n'), 0o644)
}

// Builder makes a project's outputs.
type Builder struct {
	Project *engine.Project
	// Date is the document date of an output whose own date is fallback: the caller's
	// SOURCE_DATE_EPOCH, when set, or fallback.
	Date func(fallback time.Time) (time.Time, error)
}

// Inputs hashes everything an output depends on, one hash per input; hashes keeps
// the files' hashes for the run, so that each file is read once however many outputs
// use it.
func (b *Builder) Inputs(o *content.Output, hashes map[string]string) (map[string]string, string, error) {
	p := b.Project
	inputs := map[string]string{}
	addFile := func(name string) error {
		if h, ok := hashes[name]; ok {
			inputs[name] = h
			return nil
		}
		data, err := fs.ReadFile(p.Content.FS, name)
		if err != nil {
			return err
		}
		sum := sha256.Sum256(data)
		hashes[name] = hex.EncodeToString(sum[:8])
		inputs[name] = hashes[name]
		return nil
	}
	files := []string{"content/clinic.toml", "layouts/" + o.Layout + ".toml"}
	treatment := o.Treatment
	if t, _ := p.Content.Treatment(treatment); t != nil {
		treatment = t.ID
	}
	for _, c := range o.Patient.Conditions {
		files = append(files, "content/conditions/"+c+".toml")
	}
	if o.Kind == "brochure" {
		// A brochure prints every condition of its treatment, and the clinic's logo.
		for _, id := range content.IDs(p.Content.Conditions) {
			if p.Content.Conditions[id].Covers(treatment) {
				files = append(files, p.Content.Conditions[id].File)
			}
		}
		if p.Content.Clinic.Logo != "" {
			files = append(files, p.Content.Clinic.Logo)
		}
	}
	files = append(files, "content/treatments/"+treatment+".toml")
	fonts, err := p.Content.FS.ReadDir("fonts")
	if err != nil {
		return nil, "", err
	}
	for _, f := range fonts {
		if strings.HasSuffix(f.Name(), ".ttf") {
			files = append(files, "fonts/"+f.Name())
		}
	}
	for _, f := range files {
		if err := addFile(f); err != nil {
			return nil, "", err
		}
	}
	date, err := b.OutputDate(o)
	if err != nil {
		return nil, "", err
	}
	opts, _ := json.Marshal(struct {
		Output *content.Output
		Date   string
	}{o, date.Format(time.RFC3339)})
	sum := sha256.Sum256(opts)
	inputs["options"] = hex.EncodeToString(sum[:8])
	inputs["careprint"] = p.Version
	if p.Untagged {
		inputs["tags"] = "off" // --no-tags makes other bytes
	}
	keys := make([]string, 0, len(inputs))
	for k := range inputs {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	h := sha256.New()
	for _, k := range keys {
		fmt.Fprintf(h, "%s=%s\n", k, inputs[k])
	}
	return inputs, hex.EncodeToString(h.Sum(nil)[:16]), nil
}

// Changed lists the inputs that differ between two builds (old is nil for an output
// never built here).
func Changed(old, now map[string]string) []string {
	var out []string
	for k, v := range now {
		if old[k] != v {
			out = append(out, k)
		}
	}
	for k := range old {
		if _, ok := now[k]; !ok {
			out = append(out, k+" (removed)")
		}
	}
	sort.Strings(out)
	if len(out) == 0 && old == nil {
		out = []string{"never built here"}
	}
	return out
}

// OutputDate is an output's document date: the manifest's, else SOURCE_DATE_EPOCH, else
// the sample patient's treatment date.
func (b *Builder) OutputDate(o *content.Output) (time.Time, error) {
	p := b.Project
	if !p.Content.Settings.Date.IsZero() {
		return p.Content.Settings.Date.Time, nil
	}
	if o.Kind == "brochure" {
		// A brochure has no treatment date; a fixed one keeps its bytes the same from day
		// to day (1980-01-01, the date reproducible-build tools use for "no date").
		return b.Date(time.Date(1980, 1, 1, 0, 0, 0, 0, time.UTC))
	}
	return b.Date(o.Patient.Date.Time)
}

// Make makes output o and writes it to file, atomically.
func (b *Builder) Make(o *content.Output, file string) (*engine.Rendered, error) {
	p := b.Project
	docDate, err := b.OutputDate(o)
	if err != nil {
		return nil, err
	}
	var r *engine.Rendered
	if o.Kind == "brochure" {
		req := resolve.BrochureRequest{Treatment: o.Treatment, Layout: o.Layout, Paper: o.Paper,
			Bleed: o.Bleed, Marks: o.Marks, Imposed: o.Imposed, Language: o.Language}
		r, err = p.Brochure(req, docDate, true)
	} else {
		at := o.Patient.Date.Time
		if clock, err := time.Parse("15:04", o.Patient.Time); err == nil {
			at = at.Add(time.Duration(clock.Hour())*time.Hour + time.Duration(clock.Minute())*time.Minute)
		}
		req := resolve.Request{Treatment: o.Treatment, Layout: o.Layout, Paper: o.Paper, Language: o.Language, Patient: resolve.Patient{
			Name: o.Patient.Name, TreatmentDate: at, HasTime: o.Patient.Time != "", Clinician: o.Patient.Clinician,
			Conditions: o.Patient.Conditions, Notes: o.Patient.Notes}}
		r, err = p.Handout(req, docDate, true)
	}
	if err != nil {
		return nil, err
	}
	if err := atomic.WriteFile(file, r.PDF, 0o644); err != nil {
		return nil, fmt.Errorf("write: %w", err)
	}
	return r, nil
}
