package cli

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/careprint/careprint/internal/pdf"
	"github.com/careprint/careprint/internal/resolve"
)

func benchProject(b *testing.B) *project {
	env, _, _ := testEnv(&testing.T{})
	p, err := openProject(env, &globalOptions{})
	if err != nil || p.Diags.HasErrors() {
		b.Fatal(err, p.Diags)
	}
	return p
}

var benchReq = resolve.Request{Layout: "handout", Patient: resolve.Patient{
	Name: "Zoë Łukasiewicz-Ñúñez", TreatmentDate: time.Date(2026, 12, 1, 0, 0, 0, 0, time.UTC),
	Clinician: "Dr Amara Osei", Conditions: []string{"acne-scars", "fine-lines"}}}

// BenchmarkHandout is one handout from a loaded project: resolve, lay out, write.
func BenchmarkHandout(b *testing.B) {
	p := benchProject(b)
	for b.Loop() {
		if _, err := p.Handout(benchReq, benchReq.Patient.TreatmentDate, true); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkHandoutUntagged is BenchmarkHandout with --no-tags: the price of the tags
// (issue 14's goal: at most 10 % slower, 15 % bigger; bytes/op is the file size).
func BenchmarkHandoutUntagged(b *testing.B) {
	benchTags(b, true)
}

// BenchmarkHandoutTagged is BenchmarkHandoutUntagged's tagged twin, reporting the size.
func BenchmarkHandoutTagged(b *testing.B) {
	benchTags(b, false)
}

func benchTags(b *testing.B, untagged bool) {
	p := benchProject(b)
	p.Untagged = untagged
	var size int
	for b.Loop() {
		r, err := p.Handout(benchReq, benchReq.Patient.TreatmentDate, true)
		if err != nil {
			b.Fatal(err)
		}
		size = len(r.PDF)
	}
	b.ReportMetric(float64(size), "pdf-bytes")
}

// BenchmarkBatch200Untagged is BenchmarkBatch200 with --no-tags.
func BenchmarkBatch200Untagged(b *testing.B) {
	benchBatch(b, "--no-tags", "batch", "roster.csv", "--force")
}

// BenchmarkLayoutOnly is the engine's share: resolve and lay out, no PDF.
func BenchmarkLayoutOnly(b *testing.B) {
	p := benchProject(b)
	for b.Loop() {
		if _, err := p.Handout(benchReq, benchReq.Patient.TreatmentDate, false); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkBatch200 is careprint batch on a 200-row roster, all cores, from loading the
// project to the last file; b.N batches, so ns/op ÷ 200 is the time per handout.
func BenchmarkBatch200(b *testing.B) {
	benchBatch(b, "batch", "roster.csv", "--force")
}

// benchBatch runs careprint with args b.N times on a 200-row roster.
func benchBatch(b *testing.B, args ...string) {
	t := &testing.T{}
	env, _, _ := testEnv(t)
	env.Dir = b.TempDir()
	writeRoster(t, env.Dir, 200)
	for b.Loop() {
		if code := Main(context.Background(), env, args); code != 0 {
			b.Fatalf("exit %d", code)
		}
	}
}

// BenchmarkMerged200 writes 200 handouts as one merged PDF.
func BenchmarkMerged200(b *testing.B) {
	benchBatch(b, "batch", "roster.csv", "--merge", "day.pdf", "--merge-only")
}

// BenchmarkFpdfBaseline writes the same handout's display list with fpdf alone, no
// engine: BenchmarkHandout ÷ this is the engine's overhead as a ratio.
func BenchmarkFpdfBaseline(b *testing.B) {
	p := benchProject(b)
	r, err := p.Handout(benchReq, benchReq.Patient.TreatmentDate, false)
	if err != nil {
		b.Fatal(err)
	}
	opt := pdf.Options{Producer: "careprint", Date: benchReq.Patient.TreatmentDate}
	for b.Loop() {
		var buf bytes.Buffer
		if err := pdf.Write(&buf, r.Layout, p.Fonts, opt); err != nil {
			b.Fatal(err)
		}
	}
}

// BenchmarkBuildUnchanged50 is careprint build on a manifest of 50 outputs when nothing
// changed: it hashes every input and makes nothing (issue 5: well under a second).
func BenchmarkBuildUnchanged50(b *testing.B) {
	t := &testing.T{}
	env, _, errb := testEnv(t)
	env.Dir = b.TempDir()
	if code := Main(context.Background(), env, []string{"init", "."}); code != 0 {
		b.Fatal(errb)
	}
	conds := []string{"acne-scars", "dull-skin", "enlarged-pores", "fine-lines", "hair-loss", "hyperpigmentation", "stretch-marks", "surgical-scars"}
	var m strings.Builder
	for i := range 50 {
		fmt.Fprintf(&m, "[[output]]\nkind = \"handout\"\npath = \"s/%d.pdf\"\npaper = %q\n[output.patient]\nname = \"Sample Patient\"\ndate = 2026-12-01\nconditions = [%q]\n\n",
			i, []string{"a4", "letter"}[i%2], conds[i%len(conds)])
	}
	if err := os.WriteFile(filepath.Join(env.Dir, "careprint.toml"), []byte(m.String()), 0o644); err != nil {
		b.Fatal(err)
	}
	if code := Main(context.Background(), env, []string{"build"}); code != 0 {
		b.Fatal(errb)
	}
	for b.Loop() {
		if code := Main(context.Background(), env, []string{"build"}); code != 0 {
			b.Fatal(errb)
		}
	}
	if out := env.Out.(*bytes.Buffer).String(); !strings.Contains(out, "0 made, 50 unchanged, 0 failed") {
		b.Fatalf("not a build with nothing to do:\n%s", out[max(0, len(out)-300):])
	}
}
