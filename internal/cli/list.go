package cli

import (
	"fmt"
	"strings"
	"text/tabwriter"

	"github.com/spf13/cobra"

	"github.com/careprint/careprint/internal/content"
)

// ListOptions are the flags of careprint list.
type ListOptions struct {
	Env    *Env
	Global *globalOptions
}

// NewCmdList builds the list command.
func NewCmdList(env *Env, g *globalOptions, runF func(*ListOptions) error) *cobra.Command {
	opts := &ListOptions{Env: env, Global: g}
	return &cobra.Command{
		Use:   "list",
		Short: "Show the treatments, conditions and layouts careprint will use",
		Long: `List shows exactly what careprint prints from, and what check tests: every active
treatment, condition and layout by id, with its title and where it comes from: built-in,
or the project.

A project with a content/treatments/ folder uses only its own treatments and conditions:
the built-in sample is not mixed in. Without that folder (an empty project, say) the
built-in sample is active. The clinic file, layouts and fonts fall back file by file: a
project file replaces the built-in one of the same name. A layout lists the treatments
it prints (its treatments key), or prints all of them.`,
		Example: `  careprint list`,
		Args:    cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			if runF != nil {
				return runF(opts)
			}
			return runList(opts)
		},
	}
}

func runList(opts *ListOptions) error {
	p, err := openProject(opts.Env, opts.Global)
	if err != nil {
		return err
	}
	c := p.Content
	w := tabwriter.NewWriter(opts.Env.Out, 2, 8, 2, ' ', 0)
	origin := func(file string) content.Origin { return c.FS.Origin(file) }
	if c.FS.HasOwnContent() {
		fmt.Fprintf(w, "CONTENT  the project's own (%s/): the built-in sample is not used\n", content.OwnContentDir)
	} else {
		fmt.Fprintf(w, "CONTENT  the built-in sample (a project's own %s/ folder replaces it)\n", content.OwnContentDir)
	}
	fmt.Fprintln(w, "TREATMENTS\t\t")
	for _, id := range content.IDs(c.Treatments) {
		t := c.Treatments[id]
		fmt.Fprintf(w, "  %s\t%s\t%s\n", id, t.Title, origin(t.File))
	}
	fmt.Fprintln(w, "CONDITIONS\t\t")
	for _, id := range content.IDs(c.Conditions) {
		t := c.Conditions[id]
		fmt.Fprintf(w, "  %s\t%s\t%s\n", id, t.Title, origin(t.File))
	}
	fmt.Fprintln(w, "LAYOUTS\t\t\t")
	for _, id := range content.IDs(c.Layouts) {
		l := c.Layouts[id]
		fmt.Fprintf(w, "  %s\t%s\t%s\t%s\n", id, l.Description, origin(l.File), layoutFor(l))
	}
	if err := w.Flush(); err != nil {
		return err
	}
	if p.Diags.HasErrors() {
		fmt.Fprintf(opts.Env.Err, "%d problems in the project: run 'careprint check'\n", len(p.Diags.Errors()))
	}
	return nil
}

// layoutFor says what a layout prints and for which treatments.
func layoutFor(l *content.Layout) string {
	if len(l.Treatments) == 0 {
		return l.Kind + ", every treatment"
	}
	return l.Kind + ", for " + strings.Join(l.Treatments, ", ")
}
