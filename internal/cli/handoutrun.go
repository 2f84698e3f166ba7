// One handout, made from flags: what the handout command and watch's one-handout mode
// share.

package cli

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"time"
	"unicode/utf8"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"

	"github.com/careprint/careprint/internal/content"
	"github.com/careprint/careprint/internal/i18n"
	"github.com/careprint/careprint/internal/layout"
	"github.com/careprint/careprint/internal/pdf"
	"github.com/careprint/careprint/internal/resolve"
	"github.com/careprint/careprint/internal/roster"
)

// HandoutOptions are the flags of careprint handout.
type HandoutOptions struct {
	Env    *Env
	Global *globalOptions

	Patient    string
	Conditions []string
	Date       string
	Time       string
	Clinician  string
	Notes      string
	Treatment  string
	Layout     string
	Paper      string
	Language   string
	Output     string
	Dump       bool
}

// addHandoutFlags defines the flags that say which handout to make, for handout and for
// watch's one-handout mode, which differ only in the defaults for the name and the file.
// It returns them as a set of their own, so that watch can tell whether any was given.
func addHandoutFlags(cmd *cobra.Command, opts *HandoutOptions, patient, outputUsage string) *pflag.FlagSet {
	env, g := opts.Env, opts.Global
	f := pflag.NewFlagSet("handout", pflag.ContinueOnError)
	f.StringVar(&opts.Patient, "patient", patient, "the patient's `name`, as printed on the handout")
	f.StringSliceVarP(&opts.Conditions, "condition", "c", nil, "a condition `id` (repeat, or separate with commas)")
	f.StringVar(&opts.Date, "date", "", "the treatment `date`, YYYY-MM-DD (default: today)")
	f.StringVar(&opts.Time, "time", "", "the treatment's `time` of day, HH:MM (24-hour), printed with aftercare counted in hours")
	f.StringVar(&opts.Clinician, "clinician", "", "the clinician's `name`")
	f.StringVar(&opts.Notes, "notes", "", "a short `note` printed under the patient line")
	f.StringVar(&opts.Treatment, "treatment", "", "the treatment `id` (default: the project's only treatment)")
	f.StringVar(&opts.Layout, "layout", "handout", "the layout `id`: handout or handout-large (see 'careprint list')")
	f.StringVar(&opts.Paper, "paper", "", "the `paper`: a4 or letter (default: the layout's)")
	f.StringVar(&opts.Language, "language", "", "the handout's `language`, a BCP 47 tag such as es or en-US (default: the clinic's locale)")
	f.StringVarP(&opts.Output, "output", "o", opts.Output, outputUsage)
	cmd.Flags().AddFlagSet(f)
	_ = cmd.MarkFlagFilename("output", "pdf")
	_ = cmd.RegisterFlagCompletionFunc("condition", completeIDs(env, g, "condition"))
	_ = cmd.RegisterFlagCompletionFunc("layout", completeIDs(env, g, "layout"))
	_ = cmd.RegisterFlagCompletionFunc("treatment", completeIDs(env, g, "treatment"))
	_ = cmd.RegisterFlagCompletionFunc("paper", cobra.FixedCompletions([]string{"a4", "letter"}, cobra.ShellCompDirectiveNoFileComp))
	return f
}

// validate checks the flags that need no project: usage mistakes, exit code 2.
func (opts *HandoutOptions) validate() error {
	if strings.TrimSpace(opts.Patient) == "" {
		return flagErrorf("--patient is required: the patient's name as it should be printed")
	}
	if len(opts.Conditions) == 0 {
		return flagErrorf("--condition is required: give at least one condition id (see 'careprint list')")
	}
	if opts.Date != "" {
		if _, msg := roster.ParseDate(opts.Date); msg != "" {
			return flagErrorf("--date: %s", msg)
		}
	}
	// The same limits as a roster's cells; a value is never quoted (health data).
	opts.Patient, opts.Clinician, opts.Notes = roster.Clean(opts.Patient), roster.Clean(opts.Clinician), roster.Clean(opts.Notes)
	for _, f := range []struct {
		flag, v string
		max     int
	}{{"--patient", opts.Patient, roster.MaxName}, {"--clinician", opts.Clinician, roster.MaxClinician}, {"--notes", opts.Notes, roster.MaxNotes}} {
		if n := utf8.RuneCountInString(f.v); n > f.max {
			return flagErrorf("%s: %d characters, more than the limit of %d", f.flag, n, f.max)
		}
	}
	if opts.Paper != "" && opts.Paper != "a4" && opts.Paper != "letter" {
		return flagErrorf("--paper %q: use a4 or letter", opts.Paper)
	}
	if opts.Time != "" {
		if _, err := time.Parse("15:04", opts.Time); err != nil {
			return flagErrorf("--time %q is not a time of day: use HH:MM, 24-hour, e.g. 14:30", opts.Time)
		}
	}
	return nil
}

func runHandout(opts *HandoutOptions) error {
	env := opts.Env
	p, err := openForPrinting(env, opts.Global)
	if err != nil {
		return err
	}
	pdf.PrepareQR(p.Content.Clinic.BookingURL)
	date := env.Now()
	if opts.Date != "" {
		date, _ = time.Parse("2006-01-02", opts.Date)
	}
	date = time.Date(date.Year(), date.Month(), date.Day(), 0, 0, 0, 0, time.UTC)
	at := date
	if opts.Time != "" {
		tm, _ := time.Parse("15:04", opts.Time)
		at = date.Add(time.Duration(tm.Hour())*time.Hour + time.Duration(tm.Minute())*time.Minute)
	}
	lay := p.Content.Layouts[opts.Layout]
	if lay == nil {
		return flagErrorf("--layout: unknown layout %q (valid: %s)", opts.Layout, strings.Join(content.IDs(p.Content.Layouts), ", "))
	}
	for _, id := range opts.Conditions {
		if p.Content.Conditions[id] == nil {
			return flagErrorf("--condition: unknown condition %q (valid: %s)", id, strings.Join(content.IDs(p.Content.Conditions), ", "))
		}
	}
	p.Fonts.SetFallback(lay.Type.Font, lay.Type.Fallback)
	for _, f := range []struct{ flag, value string }{{"--patient", opts.Patient}, {"--clinician", opts.Clinician}, {"--notes", opts.Notes}} {
		if msg := p.CannotPrintPatient(lay, f.value); msg != "" {
			return flagErrorf("%s: %s", f.flag, msg)
		}
	}
	docDate, err := documentDate(env, date)
	if err != nil {
		return err
	}
	req := resolve.Request{
		Treatment: opts.Treatment, Layout: opts.Layout, Paper: opts.Paper, Language: opts.Language,
		Patient: resolve.Patient{Name: opts.Patient, TreatmentDate: at, HasTime: opts.Time != "", Clinician: opts.Clinician, Conditions: opts.Conditions, Notes: opts.Notes},
	}
	r, err := p.Handout(req, docDate, !opts.Dump)
	if err != nil {
		var ue *resolve.UnknownError
		var nt *content.NoTreatmentError
		var ce *content.CoverError
		var le *i18n.UnsupportedError
		switch {
		case errors.As(err, &le):
			return flagErrorf("--language: %v", err)
		case errors.As(err, &ue):
			return flagErrorf("--%s: %v", ue.What, err)
		case errors.As(err, &nt):
			return flagErrorf("--treatment: %v", err)
		case errors.As(err, &ce):
			return flagErrorf("--condition: %v", err)
		}
		return err
	}
	for _, w := range append(r.Doc.Warnings, r.Layout.Warnings...) {
		fmt.Fprintln(env.Err, "warning: "+w)
	}
	if opts.Dump {
		layout.Dump(env.Out, r.Layout)
		return nil
	}
	out := opts.Output
	if out == "" {
		out, err = freeName(filepath.Join(env.Dir, "output"), defaultName(req, date))
		if err != nil {
			return err
		}
	} else if !filepath.IsAbs(out) {
		out = filepath.Join(env.Dir, out)
	}
	return writeOutput(env, out, r, 0o600)
}

// defaultName names a handout from what it is about, never from whom.
func defaultName(req resolve.Request, date time.Time) string {
	parts := []string{"handout", date.Format("2006-01-02")}
	parts = append(parts, req.Patient.Conditions...)
	if req.Layout != "handout" {
		parts = append(parts, req.Layout)
	}
	return strings.Join(parts, "-")
}

// freeName returns dir/base.pdf, or dir/base-2.pdf and so on when that exists: a second
// patient's handout never replaces the first's.
func freeName(dir, base string) (string, error) {
	for i := 1; i < 10000; i++ {
		name := base + ".pdf"
		if i > 1 {
			name = fmt.Sprintf("%s-%d.pdf", base, i)
		}
		p := filepath.Join(dir, name)
		if _, err := os.Stat(p); errors.Is(err, os.ErrNotExist) {
			return p, nil
		}
	}
	return "", fmt.Errorf("output: too many handouts named %s-*.pdf in %s", base, dir)
}
