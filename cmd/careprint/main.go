// Command careprint prints patient education handouts and brochures from TOML content.
package main

import (
	"os"

	"github.com/careprint/careprint/internal/cli"
)

func main() {
	os.Exit(cli.Run(cli.DefaultEnv(), os.Args[1:]))
}
