package cli

import (
	"encoding/json"
	"fmt"

	"github.com/spf13/cobra"

	"github.com/careprint/careprint/internal/content"
	"github.com/careprint/careprint/internal/diag"
	"github.com/careprint/careprint/internal/engine"
)

// CheckOptions are the flags of careprint check.
type CheckOptions struct {
	Env    *Env
	Global *globalOptions
	Strict bool
	JSON   bool
}

// NewCmdCheck builds the check command.
func NewCmdCheck(env *Env, g *globalOptions, runF func(*CheckOptions) error) *cobra.Command {
	opts := &CheckOptions{Env: env, Global: g}
	cmd := &cobra.Command{
		Use:   "check",
		Short: "Report every problem in the content and layouts at once",
		Long: `Check loads the content, layouts and fonts (the project's over the built-in ones) and
reports every problem at once, sorted, as file:line:col: key.path: message: TOML syntax,
unknown keys, wrong types, bad lengths or colours, references to conditions or treatments
that do not exist, missing fonts or images, and text that no font can print.

It then scores every section of the content for readability (Flesch-Kincaid grade,
SMOG grade, Flesch reading ease), one line per section on stdout, and warns on stderr
when a section of three or more sentences is over the grade set in careprint.toml
([readability] max_grade, default 8). It checks plain language (sentences over 25
words, passive voice in over 20 % of a section's sentences, percentages and fractions,
jargon with the plain word to use, medical terms not explained where they first
appear, aftercare phases with no action), and preflights every layout (body under
12 pt, or 18 pt for large print; colour contrast under WCAG 4.5:1, or 3:1 for large
text; lines outside 45 to 90 characters). It sets every handout layout's header band and
footer on both papers and in every language, and warns when they cannot print what they
were given: a footer part left out, a header contact line that wraps, a block of the
clinic's own layout with nothing to print (a booking code with no booking_url).

Translations (content/treatments/x.es.toml beside x.toml) are checked against their
source, per language: keys missing, stale ones (the source's version changed since),
ones not reviewed by a qualified translator, and brochures that do not fit in that
language. Spanish is scored with Fernández-Huerta and Szigriszt-Pazos/INFLESZ, and warned
below "bastante fácil" (70 and 65).

Preflight problems are errors. Readability, plain-language and translation problems are
warnings and do not change the exit code, unless --strict makes them errors. --json
prints one machine-readable report on stdout instead.`,
		Example: `  careprint check
  careprint check --strict          # warnings fail too, for CI
  careprint check --json > report.json
  careprint check --project ~/clinic`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			if runF != nil {
				return runF(opts)
			}
			return runCheck(opts)
		},
	}
	cmd.Flags().BoolVar(&opts.Strict, "strict", false, "treat readability and plain-language warnings as errors")
	cmd.Flags().BoolVar(&opts.JSON, "json", false, "print a machine-readable report on stdout")
	return cmd
}

type jsonDiag struct {
	File     string `json:"file"`
	Line     int    `json:"line,omitempty"`
	Col      int    `json:"col,omitempty"`
	Key      string `json:"key,omitempty"`
	Severity string `json:"severity"`
	Message  string `json:"message"`
}

type checkReport struct {
	OK          bool                  `json:"ok"`
	Errors      int                   `json:"errors"`
	Warnings    int                   `json:"warnings"`
	Diagnostics []jsonDiag            `json:"diagnostics"`
	Sections    []engine.SectionScore `json:"sections"`
}

func runCheck(opts *CheckOptions) error {
	env := opts.Env
	p, err := openProject(env, opts.Global)
	if err != nil {
		return err
	}
	var scores []engine.SectionScore
	if !p.Diags.HasErrors() {
		var warns diag.List
		scores, warns = engine.CheckReadability(p.Content)
		p.Diags = append(p.Diags, warns...)
		p.Diags = append(p.Diags, engine.CheckPlain(p.Content)...)
		p.Diags = append(p.Diags, content.CheckVisits(p.Content)...)
		p.Diags = append(p.Diags, p.Content.TranslationNotes...)
		if p.Fonts != nil {
			p.Diags = append(p.Diags, p.CheckBrochures()...)
			p.Diags = append(p.Diags, p.CheckHandouts()...)
		}
		if opts.Strict {
			for i := range p.Diags {
				p.Diags[i].Severity = diag.Error
			}
		}
		p.Diags.Sort()
	}
	errs := len(p.Diags.Errors())
	warns := len(p.Diags) - errs
	if opts.JSON {
		rep := checkReport{OK: errs == 0, Errors: errs, Warnings: warns, Diagnostics: []jsonDiag{}, Sections: scores}
		if rep.Sections == nil {
			rep.Sections = []engine.SectionScore{}
		}
		for _, d := range p.Diags {
			sev := "error"
			if d.Severity == diag.Warning {
				sev = "warning"
			}
			rep.Diagnostics = append(rep.Diagnostics, jsonDiag{File: d.File, Line: d.Line, Col: d.Col, Key: d.Key, Severity: sev, Message: d.Msg})
		}
		enc := json.NewEncoder(env.Out)
		enc.SetIndent("", "  ")
		if err := enc.Encode(rep); err != nil {
			return err
		}
		if errs > 0 {
			return ErrSilent
		}
		return nil
	}
	for _, s := range scores {
		fmt.Fprintln(env.Out, s)
	}
	if err := report(env, p); err != nil {
		fmt.Fprintf(env.Err, "%d errors, %d warnings\n", errs, warns)
		return err
	}
	fmt.Fprintf(env.Out, "ok: %d treatments, %d conditions, %d layouts; %d warnings\n",
		len(p.Content.Treatments), len(p.Content.Conditions), len(p.Content.Layouts), warns)
	return nil
}
