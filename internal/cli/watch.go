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
	"github.com/spf13/pflag"

	"github.com/careprint/careprint/internal/content"
)

// WatchOptions are the flags of careprint watch.
type WatchOptions struct {
	Env      *Env
	Global   *globalOptions
	Out      string
	Debounce time.Duration
	// Handout, when it names conditions, is the one handout watch remakes instead of
	// the manifest's outputs: a content author's preview.
	Handout HandoutOptions
	// ready, when set, is called once the watcher is in place (for tests).
	ready func()
}

// NewCmdWatch builds the watch command.
func NewCmdWatch(env *Env, g *globalOptions, runF func(*WatchOptions) error) *cobra.Command {
	opts := &WatchOptions{Env: env, Global: g}
	var handoutFlags *pflag.FlagSet // set below, read when the command runs
	cmd := &cobra.Command{
		Use:   "watch",
		Short: "Rebuild the manifest's outputs whenever content, layouts or fonts change",
		Long: `Watch builds what careprint.toml lists, then watches content/, layouts/, fonts/, i18n/ and
careprint.toml and builds again after each change (once the files have been quiet for
--debounce). Problems are printed and watching goes on; stop it with Ctrl-C.

With --condition, watch remakes one handout instead (a preview while you write content):
for a fictional "Sample Patient" unless --patient says otherwise, into -o (default
output/preview.pdf).

Editors save by writing a new file and renaming it over the old one, so watch follows
folders, not single files.`,
		Example: `  careprint watch
  careprint watch --out printed --debounce 500ms
  careprint watch --condition acne-scars --condition fine-lines -o preview.pdf`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			if opts.Debounce < 0 {
				return flagErrorf("--debounce must not be negative")
			}
			h := &opts.Handout
			if len(h.Conditions) == 0 {
				var given string
				handoutFlags.VisitAll(func(f *pflag.Flag) {
					if f.Changed && given == "" {
						given = f.Name
					}
				})
				if given != "" {
					return flagErrorf("--%s is for watching one handout: give --condition too", given)
				}
			} else if err := h.validate(); err != nil {
				return err
			}
			if runF != nil {
				return runF(opts)
			}
			return runWatch(cmd.Context(), opts)
		},
	}
	cmd.Flags().StringVar(&opts.Out, "out", "output", "the `folder` the outputs' paths are under")
	cmd.Flags().DurationVar(&opts.Debounce, "debounce", 300*time.Millisecond, "how long files must be quiet before a rebuild")
	h := &opts.Handout
	h.Env, h.Global, h.Output = env, g, filepath.Join("output", "preview.pdf")
	handoutFlags = addHandoutFlags(cmd, h, "Sample Patient", "with --condition: the watched handout's PDF `file`")
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
	for _, d := range []string{"content", "layouts", "fonts", "i18n"} {
		add(filepath.Join(root, d))
	}
	if w.Add(root) == nil { // careprint.toml, and folders created later
		watched++
	}
	build := func() {
		var err error
		if len(opts.Handout.Conditions) > 0 {
			err = runHandout(&opts.Handout)
		} else {
			err = runBuild(&BuildOptions{Env: env, Global: opts.Global, Out: opts.Out})
		}
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
	for {
		select {
		case <-ctx.Done():
			return nil
		case ev, ok := <-w.Events:
			if !ok {
				return nil
			}
			if !watchable(root, ev.Name) {
				continue // our own writes, editors' temporary files, other files at the top
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

// watchable says whether a change to name is one watch rebuilds for: anything under
// content/, layouts/, fonts/ or i18n/, and careprint.toml, but not hidden files (editors'
// temporary files, our own half-written ones) nor anything else at the project's top,
// where the outputs may be.
func watchable(root, name string) bool {
	if strings.HasPrefix(filepath.Base(name), ".") {
		return false
	}
	rel, err := filepath.Rel(root, name)
	if err != nil {
		return false
	}
	top := strings.SplitN(filepath.ToSlash(rel), "/", 2)[0]
	return top == "content" || top == "layouts" || top == "fonts" || top == "i18n" || rel == content.SettingsFile
}
