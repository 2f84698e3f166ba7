package cli

import (
	"fmt"

	"github.com/spf13/cobra"
)

// CheckOptions are the flags of careprint check.
type CheckOptions struct {
	Env    *Env
	Global *globalOptions
}

// NewCmdCheck builds the check command.
func NewCmdCheck(env *Env, g *globalOptions, runF func(*CheckOptions) error) *cobra.Command {
	opts := &CheckOptions{Env: env, Global: g}
	return &cobra.Command{
		Use:   "check",
		Short: "Report every problem in the content and layouts at once",
		Long: `Check loads the content, layouts and fonts (the project's over the built-in ones) and
reports every problem at once, sorted, as file:line:col: key.path: message: TOML syntax,
unknown keys, wrong types, bad lengths or colours, references to conditions or treatments
that do not exist, missing fonts or images, and text that no font can print.

It then scores every section of the content for readability (Flesch-Kincaid grade,
SMOG grade, Flesch reading ease), one line per section on stdout, and warns on stderr
when a section of three or more sentences is over grade 8. Warnings do not change the
exit code.

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
