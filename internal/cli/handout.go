package cli

import (
	"github.com/spf13/cobra"
)

// NewCmdHandout builds the handout command; runF replaces runHandout in tests.
func NewCmdHandout(env *Env, g *globalOptions, runF func(*HandoutOptions) error) *cobra.Command {
	opts := &HandoutOptions{Env: env, Global: g}
	cmd := &cobra.Command{
		Use:   "handout --patient NAME --condition ID [--condition ID ...] [flags]",
		Short: "Print a personalised aftercare handout for one patient",
		Long: `Print a personalised aftercare handout for one patient: the sections of the
treatment, in the order its content file lists them, with one part for each chosen
condition, the aftercare as a table with real dates counted from the treatment date (and
times, for aftercare counted in hours, when --time is given), the follow-up visits with
their dates, and whom to call.

--treatment picks the treatment; without it, a project with one treatment uses that one.
Every condition must belong to the treatment (its treatments = [...] names it).

The patient's name is printed on the page and nowhere else: not in the file name, the
PDF metadata, or any message. Without -o the handout is written under output/ and its
path is printed.`,
		Example: `  careprint handout --patient "Ana Núñez" --condition acne-scars --date 2026-12-01 -o ana.pdf
  careprint handout --patient "Ana Núñez" --condition acne-scars --condition fine-lines \
      --clinician "Dr Amara Osei" --paper letter
  careprint handout --patient "Ana Núñez" --condition hair-loss --layout handout-large
  careprint handout --patient "Ana Núñez" --treatment microneedling --condition acne-scars \
      --date 2026-12-29 --time 14:30
  careprint handout --patient "Test" --condition acne-scars --dump   # the display list`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			if err := opts.validate(); err != nil {
				return err
			}
			if runF != nil {
				return runF(opts)
			}
			defer oneDocument()()
			return runHandout(opts)
		},
	}
	addHandoutFlags(cmd, opts, "", "the PDF `file` to write (default: a new file under output/)")
	cmd.Flags().BoolVar(&opts.Dump, "dump", false, "print the laid-out display list as text instead of writing a PDF")
	return cmd
}
