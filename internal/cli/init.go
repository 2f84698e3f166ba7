package cli

import (
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"github.com/spf13/cobra"

	careprint "github.com/careprint/careprint"
	"github.com/careprint/careprint/internal/atomic"
)

// InitOptions are the flags of careprint init.
type InitOptions struct {
	Env   *Env
	Dir   string
	Force bool
}

// NewCmdInit builds the init command.
func NewCmdInit(env *Env, runF func(*InitOptions) error) *cobra.Command {
	opts := &InitOptions{Env: env}
	cmd := &cobra.Command{
		Use:   "init DIR",
		Short: "Create a new clinic project from the built-in defaults",
		Long: `Init creates a clinic project in DIR: the built-in content and layouts to edit, a
careprint.toml with the project's settings, a .gitignore that keeps output/ (which holds
patient data) out of git, a sample roster with fictional patients, and a README for the
clinic's staff. The fonts stay built in; add files to fonts/ only to replace or extend them.

It refuses to overwrite a file that exists, unless --force is given.`,
		Example: `  careprint init harbourview
  cd harbourview && careprint check && careprint batch roster-sample.csv`,
		Args: cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			opts.Dir = args[0]
			if runF != nil {
				return runF(opts)
			}
			return runInit(opts)
		},
	}
	cmd.Flags().BoolVar(&opts.Force, "force", false, "overwrite files that exist")
	return cmd
}

const initSettings = `# careprint project settings, and the materials 'careprint build' makes.

[readability]
# The highest reading grade a section of content may score on Flesch-Kincaid and SMOG.
# Patient material aims at grade 6 to 8.
max_grade = 8

# A sample handout with a fictional patient, rebuilt whenever the content changes.
[[output]]
kind = "handout"
path = "samples/acne-scars-a4.pdf"
layout = "handout"
paper = "a4"
[output.patient]
name = "Sample Patient"
date = 2026-12-01
conditions = ["acne-scars", "fine-lines"]
clinician = "Dr Sample"

[[output]]
kind = "handout"
path = "samples/hair-loss-large-letter.pdf"
layout = "handout-large"
paper = "letter"
[output.patient]
name = "Sample Patient"
date = 2026-12-01
conditions = ["hair-loss"]

# Brochures for everyone: a tri-fold for the print shop (bleed, crop and fold marks)
# and an A5 booklet imposed on A4 sheets for the office printer.
[[output]]
kind = "brochure"
path = "brochures/microneedling-trifold-letter.pdf"
treatment = "microneedling"
layout = "trifold"
paper = "letter"
bleed = true
marks = true

[[output]]
kind = "brochure"
path = "brochures/microneedling-booklet-a4.pdf"
treatment = "microneedling"
layout = "booklet"
paper = "a4"
imposed = true
`

const initGitignore = `# Handouts printed for patients name them: keep output/ out of git. Materials with only
# fictional sample patients may be committed: build them elsewhere (careprint build --out printed).
/output/
`

const initRoster = `id,name,treatment_date,conditions,clinician,notes
S001,Sample Patient One,2026-12-01,acne-scars|fine-lines,Dr Sample,
S002,Sample Patient Two,2026-12-01,hair-loss,Dr Sample,Bring your minoxidil to the next visit.
S003,Sample Patient Three,2026-12-02,stretch-marks,Dr Sample,
`

const initReadme = "# Patient handouts\n\n" +
	"This folder holds our clinic's patient education: what careprint prints.\n\n" +
	"- `content/clinic.toml`: our name, phones, address, website and colours. Start here.\n" +
	"- `content/treatments/` and `content/conditions/`: what we tell patients. Text is\n" +
	"  Markdown (`**bold**`, `- lists`). Have a clinician review every change.\n" +
	"- `layouts/`: how the pages look (paper, margins, type sizes).\n" +
	"- `careprint.toml`: settings, such as the highest reading grade allowed.\n\n" +
	"Check after every change (it lists every problem with its file and line):\n\n" +
	"    careprint check\n\n" +
	"Print one handout:\n\n" +
	"    careprint handout --patient \"Name\" --condition acne-scars --date 2026-12-01\n\n" +
	"Print a day's handouts from a roster (see `roster-sample.csv`):\n\n" +
	"    careprint batch roster.csv\n\n" +
	"Handouts go to `output/`, which git ignores: they hold patient names. Never commit a\n" +
	"roster with real patients.\n"

func runInit(opts *InitOptions) error {
	env := opts.Env
	dir := opts.Dir
	if !filepath.IsAbs(dir) {
		dir = filepath.Join(env.Dir, dir)
	}
	files := map[string][]byte{
		"careprint.toml":    []byte(initSettings),
		".gitignore":        []byte(initGitignore),
		"roster-sample.csv": []byte(initRoster),
		"README.md":         []byte(initReadme),
		"output/.gitkeep":   nil,
	}
	err := fs.WalkDir(careprint.Defaults, ".", func(path string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || strings.HasPrefix(path, "fonts/") {
			return err
		}
		data, err := fs.ReadFile(careprint.Defaults, path)
		files[path] = data
		return err
	})
	if err != nil {
		return err
	}
	names := make([]string, 0, len(files))
	for n := range files {
		names = append(names, n)
	}
	sort.Strings(names)
	if !opts.Force {
		var exist []string
		for _, n := range names {
			if _, err := os.Stat(filepath.Join(dir, n)); err == nil {
				exist = append(exist, n)
			}
		}
		if len(exist) > 0 {
			return fmt.Errorf("init: %s already has %s: nothing was written (use --force to overwrite)", opts.Dir, strings.Join(exist, ", "))
		}
	}
	for _, n := range names {
		if err := atomic.WriteFile(filepath.Join(dir, filepath.FromSlash(n)), files[n], 0o644); err != nil {
			return fmt.Errorf("init: %w", err)
		}
	}
	fmt.Fprintf(env.Out, "created %s with %d files: edit content/clinic.toml first, then run 'careprint check'\n", opts.Dir, len(names))
	return nil
}
