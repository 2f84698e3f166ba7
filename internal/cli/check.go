package cli

import (
	"fmt"

	"github.com/spf13/cobra"

	"github.com/careprint/careprint/internal/diag"
)

// CheckOptions are the flags of careprint check.
type CheckOptions struct {
	Env    *Env
	Global *globalOptions
	Strict bool
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
when a section of three or more sentences is over grade 8. It checks plain language
(sentences over 25 words, passive voice in over 20 % of a section's sentences,
percentages and fractions, jargon with the plain word to use, medical terms not
explained where they first appear, aftercare phases with no action), and preflights
every layout (body under 12 pt, or 18 pt for large print; colour contrast under WCAG
4.5:1, or 3:1 for large text; lines outside 45 to 90 characters).

Preflight problems are errors. Readability and plain-language problems are warnings and
do not change the exit code, unless --strict makes them errors.

It exits 1 when there is any error, so a CI job can run it on every change.`,
		Example: `  careprint check
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
	return cmd
}

func runCheck(opts *CheckOptions) error {
	p, err := openProject(opts.Env, opts.Global)
	if err != nil {
		return err
	}
	if !p.diags.HasErrors() {
		scores, warns := checkReadability(p.c)
		for _, l := range scores {
			fmt.Fprintln(opts.Env.Out, l)
		}
		p.diags = append(p.diags, warns...)
		p.diags = append(p.diags, checkPlain(p.c)...)
		if opts.Strict {
			for i := range p.diags {
				p.diags[i].Severity = diag.Error
			}
		}
		p.diags.Sort()
	}
	errs := len(p.diags.Errors())
	warns := len(p.diags) - errs
	if err := p.report(opts.Env); err != nil {
		fmt.Fprintf(opts.Env.Err, "%d errors, %d warnings\n", errs, warns)
		return err
	}
	fmt.Fprintf(opts.Env.Out, "ok: %d treatments, %d conditions, %d layouts; %d warnings\n",
		len(p.c.Treatments), len(p.c.Conditions), len(p.c.Layouts), warns)
	return nil
}
