package cli

import (
	"github.com/spf13/cobra"

	"github.com/careprint/careprint/internal/shard"
)

// NewCmdBuild builds the build command.
func NewCmdBuild(env *Env, g *globalOptions, runF func(*BuildOptions) error) *cobra.Command {
	opts := &BuildOptions{Env: env, Global: g}
	cmd := &cobra.Command{
		Use:   "build",
		Short: "Make every printed material that careprint.toml lists",
		Long: `Build makes every output that the project's careprint.toml lists ([[output]] tables),
in parallel, and prints one line per output: made, unchanged or failed.

An output is remade only when one of its inputs changed: the content and layout files it
uses, the fonts, careprint's version, or its options. Build decides from content hashes
recorded in <out>/.careprint-build.json, not from file times, so a fresh clone builds
nothing new. --check makes nothing and exits 1 listing every output that is missing or
stale and what changed, and every section of content over the readability thresholds,
with a plain-language warning, or not fitting a brochure (as 'careprint check --strict'
would): for a CI job that verifies committed PDFs are current and content is readable.

Outputs are byte-identical across machines and runs: the document date is the manifest's
date, else SOURCE_DATE_EPOCH, else the sample patient's treatment date (for a brochure,
1 January 1980).

An output is kind = "handout" (a sample patient's handout, with a fictional name) or
kind = "brochure" (a treatment's tri-fold or booklet, with bleed, marks or imposed).`,
		Example: `  careprint build
  careprint build --check            # in CI: fail when a committed PDF is stale
  careprint build --json > build.json
  careprint build --shard 1/3`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			if _, _, err := shard.Parse(opts.Shard); err != nil {
				return &FlagError{err}
			}
			if runF != nil {
				return runF(opts)
			}
			return runBuild(opts)
		},
	}
	f := cmd.Flags()
	f.StringVar(&opts.Out, "out", "output", "the `folder` the outputs' paths are under")
	f.BoolVar(&opts.Check, "check", false, "make nothing; exit 1 when an output is missing or stale")
	f.BoolVar(&opts.Force, "force", false, "remake every output")
	f.BoolVar(&opts.JSON, "json", false, "print a machine-readable report on stdout")
	f.StringVar(&opts.Shard, "shard", "", "build only shard `K/N` of the outputs")
	return cmd
}
