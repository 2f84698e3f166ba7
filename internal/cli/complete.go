package cli

import (
	"github.com/spf13/cobra"

	"github.com/careprint/careprint/internal/content"
)

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
