//go:build unix

package safefile

import (
	"errors"
	"os"
	"path/filepath"
	"syscall"
	"testing"
)

// A FIFO and a link to /dev/zero are refused before any read: these calls return at
// once (a read would block for ever, or until memory runs out).
func TestOpenRefusesWhatIsNotARegularFile(t *testing.T) {
	dir := t.TempDir()
	if err := syscall.Mkfifo(filepath.Join(dir, "fifo.toml"), 0o600); err != nil {
		t.Fatal(err)
	}
	if err := os.Symlink("/dev/zero", filepath.Join(dir, "zero.png")); err != nil {
		t.Fatal(err)
	}
	if err := os.Mkdir(filepath.Join(dir, "folder.ttf"), 0o700); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(dir, "ok.toml"), []byte("x = 1\n"), 0o600); err != nil {
		t.Fatal(err)
	}
	d := NewDir(dir, "project folder", "")
	tests := []struct {
		name, want string
		is         error
	}{
		{"fifo.toml", "open fifo.toml: is a named pipe (FIFO), not a regular file", ErrNotRegular},
		{"zero.png", "open zero.png: is a link to /dev/zero, outside the project folder: copy the file in", ErrOutside},
		{"folder.ttf", "open folder.ttf: is a folder, not a file", ErrNotRegular},
	}
	for _, tt := range tests {
		_, err := d.ReadFile(tt.name)
		if err == nil || err.Error() != tt.want || !errors.Is(err, tt.is) {
			t.Errorf("ReadFile(%s) = %v, want %s", tt.name, err, tt.want)
		}
	}
	d.AllowOutside = true
	if _, err := d.ReadFile("zero.png"); err == nil || err.Error() != "open zero.png: is a device, not a regular file" {
		t.Errorf("ReadFile(zero.png) allowed out = %v, want a device error", err)
	}
	if data, err := d.ReadFile("ok.toml"); err != nil || string(data) != "x = 1\n" {
		t.Errorf("ReadFile(ok.toml) = %q, %v", data, err)
	}
	if _, err := d.ReadFileLimit("ok.toml", 3); err == nil || err.Error() != "read ok.toml: is 6 bytes, more than the limit of 3 bytes" || !errors.Is(err, ErrTooLarge) {
		t.Errorf("ReadFileLimit(ok.toml, 3) = %v", err)
	}
	if _, err := Open("/dev/zero", "", "", ""); err == nil || err.Error() != "open /dev/zero: is a device, not a regular file" {
		t.Errorf("Open(/dev/zero) = %v", err)
	}
}
