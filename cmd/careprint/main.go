// Command careprint prints patient education handouts and brochures from TOML content.
package main

import (
	"context"
	"os"
	"os/signal"
	"syscall"

	"github.com/careprint/careprint/internal/cli"
)

func main() {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	code := cli.Main(ctx, cli.DefaultEnv(), os.Args[1:])
	stop()
	os.Exit(code)
}
