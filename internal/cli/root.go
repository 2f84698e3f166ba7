// Package cli is careprint's command tree. Each command is an options struct, a
// constructor that fills it from flags, and a plain run function that a test can call
// without a terminal. Exit codes are decided here and nowhere else.
package cli

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"os/signal"
	"strings"
	"sync/atomic"
	"syscall"
	"time"

	"github.com/spf13/cobra"
	"golang.org/x/term"
)

// Exit codes.
const (
	exitOK     = 0
	exitFailed = 1
	exitUsage  = 2
)

// Env is the outside world a command sees: streams, the working folder, the environment
// and the clock. Tests supply their own.
type Env struct {
	Out    io.Writer
	Err    io.Writer
	Dir    string
	Getenv func(string) string
	Now    func() time.Time
	// ErrIsTerminal says whether Err is a terminal (progress bars are drawn only there).
	ErrIsTerminal bool
}

// FlagError is a usage mistake: bad flag values or arguments. It exits 2.
type FlagError struct{ err error }

func (e *FlagError) Error() string { return e.err.Error() }
func (e *FlagError) Unwrap() error { return e.err }

func flagErrorf(format string, args ...any) error {
	return &FlagError{fmt.Errorf(format, args...)}
}

// ErrSilent means the problem was already reported; it only sets the exit code.
var ErrSilent = errors.New("silent")

// Run runs careprint as a process and returns its exit code. Ctrl-C (SIGINT) and
// SIGTERM cancel the command's context, which every long command watches (a batch stops
// between handouts and removes nothing it has finished); a command still running a
// second later is ended. Either way the exit code is 128 + the signal's number (130,
// 143), as shells report it.
func Run(env *Env, args []string) int {
	return runProcess(env, args, Main, os.Exit, time.Second)
}

// runProcess is Run with the command, the exit function and the grace period given.
func runProcess(env *Env, args []string, main func(context.Context, *Env, []string) int, exit func(int), grace time.Duration) int {
	sigs := make(chan os.Signal, 1)
	signal.Notify(sigs, os.Interrupt, syscall.SIGTERM)
	defer signal.Stop(sigs)
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	done := make(chan struct{})
	var got atomic.Int32
	go func() {
		select {
		case <-done:
			return
		case s := <-sigs:
			got.Store(int32(signalNumber(s)))
			cancel()
		}
		select {
		case <-done:
		case <-time.After(grace):
			fmt.Fprintln(env.Err, "interrupted: stopped before the command finished")
			exit(128 + int(got.Load()))
		}
	}()
	code := main(ctx, env, args)
	close(done)
	if n := got.Load(); n != 0 {
		return 128 + int(n)
	}
	return code
}

// signalNumber is the number of SIGINT or SIGTERM, as an exit code adds it.
func signalNumber(s os.Signal) int {
	if n, ok := s.(syscall.Signal); ok {
		return int(n)
	}
	return int(syscall.SIGINT)
}

// Main runs careprint with args and returns the exit code.
func Main(ctx context.Context, env *Env, args []string) int {
	root := NewCmdRoot(env)
	root.SetArgs(args)
	root.SetOut(env.Out)
	root.SetErr(env.Err)
	err := root.ExecuteContext(ctx)
	if err == nil {
		return exitOK
	}
	if errors.Is(err, ErrSilent) {
		return exitFailed
	}
	var fe *FlagError
	if errors.As(err, &fe) || strings.HasPrefix(err.Error(), "unknown command ") {
		fmt.Fprintf(env.Err, "error: %v\nRun 'careprint --help' for usage.\n", err)
		return exitUsage
	}
	fmt.Fprintf(env.Err, "error: %v\n", err)
	return exitFailed
}

// NewCmdRoot builds a fresh command tree.
func NewCmdRoot(env *Env) *cobra.Command {
	g := &globalOptions{}
	root := &cobra.Command{
		Use:   "careprint",
		Short: "Print patient education handouts and brochures from TOML content",
		Long: `careprint combines content about treatments and conditions (content/) with layout
definitions (layouts/) and fonts (fonts/) into print-ready PDFs: a personalised handout
for one patient, or a clinic's brochures.

Content, layouts and fonts are built in, so careprint works in an empty folder. A
clinic's own content/, layouts/ and fonts/ folders (in the current folder, or the one
given with --project) take precedence file by file.`,
		SilenceUsage:  true,
		SilenceErrors: true,
	}
	root.PersistentFlags().StringVar(&g.project, "project", "", "the clinic's project `folder` (default: the current folder)")
	root.PersistentFlags().BoolVar(&g.noTags, "no-tags", false, "write PDFs without the structure (tags) that screen readers follow: smaller, but not accessible")
	root.SetFlagErrorFunc(func(_ *cobra.Command, err error) error { return &FlagError{err} })
	root.AddCommand(
		NewCmdHandout(env, g, nil),
		NewCmdBrochure(env, g, nil),
		NewCmdCheck(env, g, nil),
		NewCmdList(env, g, nil),
		NewCmdBatch(env, g, nil),
		NewCmdVersion(env),
		NewCmdInit(env, nil),
		NewCmdBuild(env, g, nil),
		NewCmdWatch(env, g, nil),
	)
	return root
}

type globalOptions struct {
	project string
	noTags  bool
}

// DefaultEnv is the real world.
func DefaultEnv() *Env {
	dir, _ := os.Getwd()
	return &Env{Out: os.Stdout, Err: os.Stderr, Dir: dir, Getenv: os.Getenv, Now: time.Now,
		ErrIsTerminal: term.IsTerminal(int(os.Stderr.Fd())) && os.Getenv("CI") == ""}
}
