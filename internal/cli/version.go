package cli

import (
	"fmt"
	"runtime/debug"

	"github.com/spf13/cobra"

	"github.com/careprint/careprint/internal/content"
)

// Version is careprint's version: set with -ldflags "-X .../internal/cli.Version=v1.2.3",
// else read from the module's build info (go install ...@v1.2.3), else "dev".
var Version = ""

func versionString() string {
	if Version != "" {
		return Version
	}
	if bi, ok := debug.ReadBuildInfo(); ok && bi.Main.Version != "" && bi.Main.Version != "(devel)" {
		return bi.Main.Version
	}
	return "dev"
}

// NewCmdVersion builds the version command.
func NewCmdVersion(env *Env) *cobra.Command {
	return &cobra.Command{
		Use:     "version",
		Short:   "Print careprint's version",
		Example: "  careprint version",
		Args:    cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			fmt.Fprintf(env.Out, "careprint %s\n", versionString())
			return nil
		},
	}
}

// completeIDs offers the ids of the project's conditions or layouts to shell completion.
func completeIDs(env *Env, g *globalOptions, which string) func(*cobra.Command, []string, string) ([]string, cobra.ShellCompDirective) {
	return func(*cobra.Command, []string, string) ([]string, cobra.ShellCompDirective) {
		p, err := openProject(env, g)
		if err != nil || p.Content == nil {
			return nil, cobra.ShellCompDirectiveNoFileComp
		}
		var ids []string
		switch which {
		case "condition":
			for _, id := range content.IDs(p.Content.Conditions) {
				ids = append(ids, id+"\t"+p.Content.Conditions[id].Title)
			}
		case "layout", "brochure-layout":
			for _, id := range content.IDs(p.Content.Layouts) {
				if (p.Content.Layouts[id].Kind == content.KindHandout) == (which == "layout") {
					ids = append(ids, id+"\t"+p.Content.Layouts[id].Description)
				}
			}
		case "treatment":
			for _, id := range content.IDs(p.Content.Treatments) {
				ids = append(ids, id+"\t"+p.Content.Treatments[id].Title)
			}
		}
		return ids, cobra.ShellCompDirectiveNoFileComp
	}
}
