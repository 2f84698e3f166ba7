package cli

import (
	"fmt"
	"runtime/debug"

	"github.com/spf13/cobra"
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
