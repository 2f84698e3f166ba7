package cli

import (
	"fmt"

	"github.com/spf13/cobra"
)

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
