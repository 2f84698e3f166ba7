// Package atomic writes files so that a reader sees either the old file or the whole new
// one, never part of it: a temporary file in the same folder, synced, then renamed.
//
// The temporary file is created readable by its owner only (0600) and named
// .careprint-<name>.<random>.tmp, so that one left behind by a killed process is
// recognisable and RemoveStale can clear it.
package atomic

import (
	"os"
	"path/filepath"
	"strings"
	"time"
)

// tempPrefix and tempSuffix frame the name of every temporary file WriteFile makes.
const (
	tempPrefix = ".careprint-"
	tempSuffix = ".tmp"
)

// WriteFile writes data to name atomically, creating the folder if needed. The file
// gets perm whatever the umask (for a patient's handout, 0600), and never more than a
// file it replaces had: an owner who made a file narrower keeps it so.
func WriteFile(name string, data []byte, perm os.FileMode) (err error) {
	if fi, err := os.Stat(name); err == nil && fi.Mode().IsRegular() {
		perm &= fi.Mode().Perm()
	}
	dir := filepath.Dir(name)
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	f, err := os.CreateTemp(dir, tempPrefix+filepath.Base(name)+".*"+tempSuffix) // 0600
	if err != nil {
		return err
	}
	tmp := f.Name()
	defer func() {
		if err != nil {
			f.Close()
			os.Remove(tmp)
		}
	}()
	if _, err = f.Write(data); err != nil {
		return err
	}
	if err = f.Chmod(perm); err != nil {
		return err
	}
	if err = f.Sync(); err != nil {
		return err
	}
	if err = f.Close(); err != nil {
		return err
	}
	return os.Rename(tmp, name)
}

// IsTemp says whether a file name is one of WriteFile's temporary files, or of the
// ones careprint made before they had the .careprint- prefix (.<name>.pdf.<n>.tmp).
func IsTemp(name string) bool {
	if !strings.HasPrefix(name, ".") || !strings.HasSuffix(name, tempSuffix) {
		return false
	}
	return strings.HasPrefix(name, tempPrefix) || strings.Contains(name, ".pdf.")
}

// RemoveStale removes from dir the temporary files (see IsTemp) last changed before
// the given time: those a process killed while writing left behind, which may hold a
// patient's handout. A temporary file lives for the time of one write, so one older
// than the start of this run, less a margin for another run writing into the same
// folder, is no longer anyone's. It returns how many it removed.
func RemoveStale(dir string, before time.Time) (int, error) {
	entries, err := os.ReadDir(dir)
	if err != nil {
		if os.IsNotExist(err) {
			return 0, nil
		}
		return 0, err
	}
	n := 0
	for _, e := range entries {
		if !e.Type().IsRegular() || !IsTemp(e.Name()) {
			continue
		}
		fi, err := e.Info()
		if err != nil || !fi.ModTime().Before(before) {
			continue
		}
		if err := os.Remove(filepath.Join(dir, e.Name())); err == nil {
			n++
		} else if !os.IsNotExist(err) {
			return n, err
		}
	}
	return n, nil
}
