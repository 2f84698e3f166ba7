package cli

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/fsnotify/fsnotify"
	"github.com/spf13/cobra"
)

// WatchOptions are the flags of careprint watch.
type WatchOptions struct {
	Env      *Env
	Global   *globalOptions
	Out      string
	Debounce time.Duration
	// ready, when set, is called once the watcher is in place (for tests).
	ready func()
}

// NewCmdWatch builds the watch command.
func NewCmdWatch(env *Env, g *globalOptions, runF func(*WatchOptions) error) *cobra.Command {
	opts := &WatchOptions{Env: env, Global: g}
	cmd := &cobra.Command{
		Use:   "watch",
		Short: "Rebuild the manifest's outputs whenever content, layouts or fonts change",
		Long: `Watch builds what careprint.toml lists, then watches content/, layouts/, fonts/ and
careprint.toml and builds again after each change (once the files have been quiet for
--debounce). Problems are printed and watching goes on; stop it with Ctrl-C.

Editors save by writing a new file and renaming it over the old one, so watch follows
folders, not single files.`,
		Example: `  careprint watch
  careprint watch --out printed --debounce 500ms`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			if opts.Debounce < 0 {
				return flagErrorf("--debounce must not be negative")
			}
			if runF != nil {
				return runF(opts)
			}
			return runWatch(cmd.Context(), opts)
		},
	}
	cmd.Flags().StringVar(&opts.Out, "out", "output", "the `folder` the outputs' paths are under")
	cmd.Flags().DurationVar(&opts.Debounce, "debounce", 300*time.Millisecond, "how long files must be quiet before a rebuild")
	return cmd
}

func runWatch(ctx context.Context, opts *WatchOptions) error {
	env := opts.Env
	if ctx == nil {
		ctx = context.Background()
	}
	root := opts.Global.project
	if root == "" {
		root = env.Dir
	} else if !filepath.IsAbs(root) {
		root = filepath.Join(env.Dir, root)
	}
	w, err := fsnotify.NewWatcher()
	if err != nil {
		return fmt.Errorf("watch: %w", err)
	}
	defer w.Close()
	watched := 0
	add := func(dir string) {
		_ = filepath.WalkDir(dir, func(p string, d os.DirEntry, err error) error {
			if err == nil && d.IsDir() {
				if w.Add(p) == nil {
					watched++
				}
			}
			return nil
		})
	}
	for _, d := range []string{"content", "layouts", "fonts"} {
		add(filepath.Join(root, d))
	}
	if w.Add(root) == nil { // careprint.toml, and folders created later
		watched++
	}
	build := func() {
		err := runBuild(&BuildOptions{Env: env, Global: opts.Global, Out: opts.Out})
		if err != nil && err != ErrSilent {
			fmt.Fprintf(env.Err, "error: %v\n", err)
		}
		fmt.Fprintf(env.Err, "watching %d folders for changes (Ctrl-C to stop)\n", watched)
	}
	build()
	if opts.ready != nil {
		opts.ready()
	}
	var timer <-chan time.Time
	outDir := filepath.Join(root, opts.Out)
	for {
		select {
		case <-ctx.Done():
			return nil
		case ev, ok := <-w.Events:
			if !ok {
				return nil
			}
			if strings.HasPrefix(ev.Name, outDir) || strings.HasPrefix(filepath.Base(ev.Name), ".") {
				continue // our own writes and editors' temporary files
			}
			if ev.Has(fsnotify.Create) {
				if fi, err := os.Stat(ev.Name); err == nil && fi.IsDir() {
					add(ev.Name)
				}
			}
			timer = time.After(opts.Debounce)
		case err, ok := <-w.Errors:
			if !ok {
				return nil
			}
			fmt.Fprintf(env.Err, "watch: %v\n", err)
		case <-timer:
			timer = nil
			build()
		}
	}
}
