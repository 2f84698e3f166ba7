// Package safefile reads files that a user names or places in a folder without ever
// blocking or following a link out of the folder: FIFOs, devices, sockets and folders
// where a file is expected are errors that name the path, every file is opened
// non-blocking and checked again once open, and symbolic links that resolve outside
// their folder are refused unless the caller allows them.
package safefile

import (
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"
)

// ErrNotRegular is matched (errors.Is) by every error about a path that is not a
// regular file: a FIFO, a device, a socket or a folder.
var ErrNotRegular = errors.New("not a regular file")

// ErrOutside is matched by the error about a link that leads out of its folder.
var ErrOutside = errors.New("leads outside the folder")

// ErrTooLarge is matched by the error about a file larger than its limit.
var ErrTooLarge = errors.New("file too large")

type notRegular struct{ mode fs.FileMode }

func (e notRegular) Error() string {
	switch t := e.mode.Type(); {
	case t&fs.ModeDir != 0:
		return "is a folder, not a file"
	case t&fs.ModeNamedPipe != 0:
		return "is a named pipe (FIFO), not a regular file"
	case t&fs.ModeSocket != 0:
		return "is a socket, not a regular file"
	case t&(fs.ModeDevice|fs.ModeCharDevice) != 0:
		return "is a device, not a regular file"
	}
	return "is not a regular file"
}

func (e notRegular) Is(target error) bool { return target == ErrNotRegular }

// NotRegular is the error for a file of this mode where a regular file is expected.
func NotRegular(mode fs.FileMode) error { return notRegular{mode} }

// TooLarge is the error for a file of size bytes where at most limit are allowed.
func TooLarge(size, limit int64) error { return tooLarge{size, limit} }

type outside struct{ target, folder, hint string }

func (e outside) Error() string {
	return fmt.Sprintf("is a link to %s, outside the %s: copy the file in%s", e.target, e.folder, e.hint)
}

func (e outside) Is(target error) bool { return target == ErrOutside }

type tooLarge struct{ size, limit int64 }

func (e tooLarge) Error() string {
	return fmt.Sprintf("is %d bytes, more than the limit of %s", e.size, Size(e.limit))
}

func (e tooLarge) Is(target error) bool { return target == ErrTooLarge }

// Size writes a byte count for people: 1 MB, 20 MB, 512 KB, 69 bytes.
func Size(n int64) string {
	switch {
	case n >= 1<<20 && n%(1<<20) == 0:
		return fmt.Sprintf("%d MB", n>>20)
	case n >= 1<<20:
		return fmt.Sprintf("%.1f MB", float64(n)/(1<<20))
	case n >= 1<<10 && n%(1<<10) == 0:
		return fmt.Sprintf("%d KB", n>>10)
	case n >= 1<<10:
		return fmt.Sprintf("%.1f KB", float64(n)/(1<<10))
	}
	return fmt.Sprintf("%d bytes", n)
}

// Open opens the regular file at path for reading. When within is not empty, a path
// that resolves (through symbolic links) outside that folder is refused, with folder
// naming it in the message ("project folder") and hint saying how to allow it. Open
// never blocks on a FIFO or a device: it checks the file's kind before opening, opens it
// non-blocking, and checks the opened file again.
func Open(path, within, folder, hint string) (*os.File, error) {
	f, err := open(path, within, folder, hint, false)
	if err != nil {
		return nil, err
	}
	return f, nil
}

func open(path, within, folder, hint string, dirOK bool) (*os.File, error) {
	fail := func(err error) (*os.File, error) { return nil, &fs.PathError{Op: "open", Path: path, Err: err} }
	real, err := filepath.EvalSymlinks(path)
	if err != nil {
		var pe *fs.PathError
		if errors.As(err, &pe) {
			return fail(pe.Err)
		}
		return fail(err)
	}
	if within != "" && !inside(real, within) {
		return fail(outside{target: real, folder: folder, hint: hint})
	}
	fi, err := os.Stat(real)
	if err != nil {
		return fail(errors.Unwrap(err))
	}
	if !fi.Mode().IsRegular() && !(dirOK && fi.IsDir()) {
		return fail(notRegular{fi.Mode()})
	}
	f, err := os.OpenFile(real, os.O_RDONLY|oNonblock, 0)
	if err != nil {
		return fail(errors.Unwrap(err))
	}
	// The file may have been swapped between the check and the open.
	fi, err = f.Stat()
	if err != nil || (!fi.Mode().IsRegular() && !(dirOK && fi.IsDir())) {
		f.Close()
		if err != nil {
			return fail(errors.Unwrap(err))
		}
		return fail(notRegular{fi.Mode()})
	}
	return f, nil
}

// inside says whether the resolved path p is within the folder dir (whose links are
// resolved here too).
func inside(p, dir string) bool {
	rd, err := filepath.EvalSymlinks(dir)
	if err != nil {
		rd = dir
	}
	rel, err := filepath.Rel(rd, p)
	return err == nil && rel != ".." && !strings.HasPrefix(rel, ".."+string(filepath.Separator)) && !filepath.IsAbs(rel)
}

// ReadAll reads f whole, refusing more than limit bytes (0: no limit).
func ReadAll(f *os.File, limit int64) ([]byte, error) {
	fi, err := f.Stat()
	if err != nil {
		return nil, err
	}
	if limit > 0 && fi.Size() > limit {
		return nil, tooLarge{fi.Size(), limit}
	}
	r := io.Reader(f)
	if limit > 0 {
		r = io.LimitReader(f, limit+1)
	}
	data, err := io.ReadAll(r)
	if err != nil {
		return nil, err
	}
	if limit > 0 && int64(len(data)) > limit {
		return nil, tooLarge{int64(len(data)), limit}
	}
	return data, nil
}

// Dir is a folder read as an fs.FS through Open's checks: only regular files and
// folders open, and (unless AllowOutside is set) no link leads out of the folder.
type Dir struct {
	root string
	// Folder names the folder in messages ("project folder"), Hint says how to allow
	// links out of it.
	Folder, Hint string
	// AllowOutside lets links lead out of the folder.
	AllowOutside bool
}

// NewDir returns the folder root as a Dir.
func NewDir(root, folder, hint string) *Dir { return &Dir{root: root, Folder: folder, Hint: hint} }

func (d *Dir) path(op, name string) (string, error) {
	if !fs.ValidPath(name) {
		return "", &fs.PathError{Op: op, Path: name, Err: fs.ErrInvalid}
	}
	return filepath.Join(d.root, filepath.FromSlash(name)), nil
}

// AllowLinksOut sets AllowOutside: a project opts in from its settings file.
func (d *Dir) AllowLinksOut() { d.AllowOutside = true }

func (d *Dir) within() string {
	if d.AllowOutside {
		return ""
	}
	return d.root
}

// Open opens a regular file or a folder.
func (d *Dir) Open(name string) (fs.File, error) {
	full, err := d.path("open", name)
	if err != nil {
		return nil, err
	}
	f, err := open(full, d.within(), d.Folder, d.Hint, true)
	if err != nil {
		return nil, &fs.PathError{Op: "open", Path: name, Err: errors.Unwrap(err)}
	}
	return f, nil
}

// ReadFile reads a regular file whole; a folder is an error.
func (d *Dir) ReadFile(name string) ([]byte, error) {
	return d.ReadFileLimit(name, 0)
}

// ReadFileLimit reads a regular file of at most limit bytes (0: no limit).
func (d *Dir) ReadFileLimit(name string, limit int64) ([]byte, error) {
	full, err := d.path("open", name)
	if err != nil {
		return nil, err
	}
	f, err := open(full, d.within(), d.Folder, d.Hint, false)
	if err != nil {
		return nil, &fs.PathError{Op: "open", Path: name, Err: errors.Unwrap(err)}
	}
	defer f.Close()
	data, err := ReadAll(f, limit)
	if err != nil {
		return nil, &fs.PathError{Op: "read", Path: name, Err: err}
	}
	return data, nil
}

// Stat describes name without opening it (a FIFO can be described, not opened).
func (d *Dir) Stat(name string) (fs.FileInfo, error) {
	full, err := d.path("stat", name)
	if err != nil {
		return nil, err
	}
	fi, err := os.Stat(full)
	if err != nil {
		return nil, &fs.PathError{Op: "stat", Path: name, Err: errors.Unwrap(err)}
	}
	return fi, nil
}

// ReadDir lists a folder.
func (d *Dir) ReadDir(name string) ([]fs.DirEntry, error) {
	f, err := d.Open(name)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	entries, err := f.(*os.File).ReadDir(-1)
	if err != nil {
		return nil, &fs.PathError{Op: "readdir", Path: name, Err: errors.Unwrap(err)}
	}
	sort.Slice(entries, func(i, j int) bool { return entries[i].Name() < entries[j].Name() })
	return entries, nil
}
