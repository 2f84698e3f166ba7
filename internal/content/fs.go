package content

import (
	"errors"
	"io"
	"io/fs"
	"os"
	"slices"
	"sort"
	"strings"

	"github.com/careprint/careprint/internal/safefile"
)

// Overlay is the clinic's project folder laid over the built-in defaults, file by file:
// a file in the project hides the built-in file of the same path.
type Overlay struct {
	Project fs.FS // may be nil: built-in defaults only
	Builtin fs.FS
}

// Origin says where a file comes from.
type Origin string

// The two origins of a file.
const (
	FromProject Origin = "project"
	FromBuiltin Origin = "built-in"
)

// Open opens name from the project when it has it, else from the built-in defaults.
func (o *Overlay) Open(name string) (fs.File, error) {
	if o.Project != nil {
		f, err := o.Project.Open(name)
		if err == nil {
			return f, nil
		}
		if !errors.Is(err, fs.ErrNotExist) {
			return nil, err
		}
	}
	return o.Builtin.Open(name)
}

// ReadFile reads name whole from the layer that has it.
func (o *Overlay) ReadFile(name string) ([]byte, error) {
	return o.ReadFileLimit(name, 0)
}

// ReadFileLimit reads name, refusing a file larger than limit bytes (0: no limit), and
// anything that is not a regular file: a FIFO, a device or a folder.
func (o *Overlay) ReadFileLimit(name string, limit int64) ([]byte, error) {
	f, err := o.Open(name)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	fi, err := f.Stat()
	if err != nil {
		return nil, err
	}
	if !fi.Mode().IsRegular() {
		return nil, &fs.PathError{Op: "open", Path: name, Err: safefile.NotRegular(fi.Mode())}
	}
	if osf, ok := f.(*os.File); ok {
		data, err := safefile.ReadAll(osf, limit)
		if err != nil {
			return nil, &fs.PathError{Op: "read", Path: name, Err: err}
		}
		return data, nil
	}
	if limit > 0 && fi.Size() > limit {
		return nil, &fs.PathError{Op: "read", Path: name, Err: safefile.TooLarge(fi.Size(), limit)}
	}
	return io.ReadAll(f)
}

// Origin says whether name comes from the project or the built-in defaults.
func (o *Overlay) Origin(name string) Origin {
	if o.Project != nil {
		if _, err := fs.Stat(o.Project, name); err == nil {
			return FromProject
		}
	}
	return FromBuiltin
}

// ReadDir lists the union of the directory in both layers, sorted by name.
func (o *Overlay) ReadDir(name string) ([]fs.DirEntry, error) {
	seen := map[string]fs.DirEntry{}
	var firstErr error
	found := false
	for _, layer := range []fs.FS{o.Builtin, o.Project} {
		if layer == nil {
			continue
		}
		entries, err := fs.ReadDir(layer, name)
		if err != nil {
			if !errors.Is(err, fs.ErrNotExist) && firstErr == nil {
				firstErr = err
			}
			continue
		}
		found = true
		for _, e := range entries {
			seen[e.Name()] = e
		}
	}
	if !found {
		if firstErr != nil {
			return nil, firstErr
		}
		return nil, &fs.PathError{Op: "readdir", Path: name, Err: fs.ErrNotExist}
	}
	out := make([]fs.DirEntry, 0, len(seen))
	for _, e := range seen {
		out = append(out, e)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Name() < out[j].Name() })
	return out, nil
}

// OwnContentDir is the folder that makes a project's content its own: a project that has
// it prints only its own treatments and conditions, and the built-in sample (the
// treatments and conditions careprint ships) is not mixed in. Without it, as in an empty
// project folder, the built-in sample is what prints. The clinic file, layouts and fonts
// still fall back file by file either way.
const OwnContentDir = "content/treatments"

// contentDirs are the folders a project with its own content replaces whole.
var contentDirs = []string{OwnContentDir, "content/conditions"}

// HasOwnContent says whether the project has its own treatments folder.
func (o *Overlay) HasOwnContent() bool {
	if o.Project == nil {
		return false
	}
	fi, err := fs.Stat(o.Project, OwnContentDir)
	return err == nil && fi.IsDir()
}

// Active returns the overlay a project prints from: itself, or, for a project with its
// own content, the same overlay with the built-in treatments and conditions hidden.
func (o *Overlay) Active() *Overlay {
	if !o.HasOwnContent() {
		return o
	}
	if h, ok := o.Builtin.(hideDirs); ok && slices.Equal(h.dirs, contentDirs) {
		return o
	}
	return &Overlay{Project: o.Project, Builtin: hideDirs{o.Builtin, contentDirs}}
}

// hideDirs is a file system without some of its folders.
type hideDirs struct {
	fs.FS
	dirs []string
}

func (h hideDirs) Open(name string) (fs.File, error) {
	for _, d := range h.dirs {
		if name == d || strings.HasPrefix(name, d+"/") {
			return nil, &fs.PathError{Op: "open", Path: name, Err: fs.ErrNotExist}
		}
	}
	return h.FS.Open(name)
}
