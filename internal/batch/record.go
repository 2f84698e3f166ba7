package batch

import (
	"bytes"
	"crypto/hmac"
	"crypto/rand"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"runtime"
	"sort"
	"sync"
	"time"

	"github.com/careprint/careprint/internal/atomic"
	"github.com/careprint/careprint/internal/engine"
	"github.com/careprint/careprint/internal/resolve"
)

// Record lets a batch that runs again skip, without making it, every handout whose
// inputs have not changed since it was written and whose file is as it was written: a
// roster of thousands re-run after Ctrl-C or in CI takes seconds, not minutes.
//
// A handout's inputs are its row, the project's files, careprint itself and the document
// date. They are recorded as an HMAC under a random key kept in the output folder, never
// as themselves: a plain hash of a name and a date can be guessed back, and the record
// must say nothing about the patients to whoever copies it without the key.
type Record struct {
	file string // the record, in the output folder
	key  []byte
	base []byte // the hash of the project's files and of careprint's own binary

	mu      sync.Mutex
	Version int                        `json:"version"`
	Outputs map[string]recordedHandout `json:"outputs"` // by file name in the output folder
}

type recordedHandout struct {
	MAC    string `json:"mac"`    // HMAC-SHA256 of the handout's inputs
	SHA256 string `json:"sha256"` // of the file as written
	Pages  int    `json:"pages"`
}

const (
	KeyFile     = ".careprint-batch.key"
	RecordFile  = ".careprint-batch.json"
	recordShape = 1
)

// OpenRecord reads the output folder's record, making its key on first use. A
// shard keeps a record of its own, so that shards sharing a folder do not overwrite
// each other's. It returns nil, and the batch makes every handout, when careprint cannot
// tell what its inputs are (its own binary unreadable) or cannot keep a key; then, and
// when it had to make the key private, warning says what happened.
// Shard k of n (n is 0 for no shard) keeps its record in a file of its own.
func OpenRecord(p *engine.Project, outDir string, k, n int) (rec *Record, warning string) {
	base, err := projectHash(p)
	if err != nil {
		return nil, fmt.Sprintf("no batch record this run (every handout is made again): careprint cannot read itself: %v", err)
	}
	key, warning, err := batchKey(outDir)
	if err != nil {
		return nil, fmt.Sprintf("no batch record this run (every handout is made again): %v", err)
	}
	name := RecordFile
	if n > 0 {
		name = fmt.Sprintf(".careprint-batch-%d-of-%d.json", k, n)
	}
	r := &Record{file: filepath.Join(outDir, name), key: key, base: base}
	if data, err := os.ReadFile(r.file); err == nil {
		_ = json.Unmarshal(data, r)
	}
	if r.Version != recordShape || r.Outputs == nil {
		r.Version, r.Outputs = recordShape, map[string]recordedHandout{}
	}
	return r, warning
}

// batchKey returns the output folder's key, making it (readable by its owner only) the
// first time. Two batches starting at once in one folder end up with the same key. A
// key others can read is made private again, with a warning; a key that is there but
// cannot be read is an error that says why, never a new key in silence.
func batchKey(outDir string) (key []byte, warning string, err error) {
	path := filepath.Join(outDir, KeyFile)
	fi, err := os.Stat(path)
	if err == nil {
		if perm := fi.Mode().Perm(); perm&0o077 != 0 && runtime.GOOS != "windows" {
			if err := os.Chmod(path, 0o600); err != nil {
				return nil, "", fmt.Errorf("%s is readable by others (%04o) and cannot be made private: %v", KeyFile, perm, why(err))
			}
			warning = fmt.Sprintf("%s was readable by others (%04o): made it readable by its owner only (0600)", KeyFile, perm)
		}
		key, err := readKey(path)
		if err != nil {
			return nil, "", err
		}
		return key, warning, nil
	}
	if !errors.Is(err, fs.ErrNotExist) {
		return nil, "", fmt.Errorf("%s: %v", KeyFile, why(err))
	}
	if err := os.MkdirAll(outDir, 0o755); err != nil {
		return nil, "", err
	}
	key = make([]byte, 32)
	if _, err := rand.Read(key); err != nil {
		return nil, "", err
	}
	tmp, err := os.CreateTemp(outDir, ".careprint-batch.key.*.tmp") // 0600
	if err != nil {
		return nil, "", err
	}
	defer os.Remove(tmp.Name())
	_, err = io.WriteString(tmp, hex.EncodeToString(key)+"\n")
	if cerr := tmp.Close(); err == nil {
		err = cerr
	}
	if err != nil {
		return nil, "", err
	}
	// A link never replaces a key another batch made meanwhile; then that one is used.
	if err := os.Link(tmp.Name(), path); err != nil && !errors.Is(err, fs.ErrExist) {
		return nil, "", err
	}
	key, err = readKey(path)
	return key, "", err
}

func readKey(path string) ([]byte, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("cannot read %s: %v", filepath.Base(path), why(err))
	}
	key, err := hex.DecodeString(string(bytes.TrimSpace(data)))
	if err != nil || len(key) != 32 {
		return nil, fmt.Errorf("%s is not a careprint key: remove it, and the next batch makes a new one", filepath.Base(path))
	}
	return key, nil
}

// projectHash hashes every file a handout can depend on: the project's content, layouts
// and fonts over the built-in ones, the clinic's logo, and careprint's own binary (which
// holds the built-in files and the code that lays them out, whatever its version says).
func projectHash(p *engine.Project) ([]byte, error) {
	h := sha256.New()
	add := func(name string) error {
		data, err := fs.ReadFile(p.Content.FS, name)
		if err != nil {
			return err
		}
		sum := sha256.Sum256(data)
		fmt.Fprintf(h, "%s\x00%x\n", name, sum)
		return nil
	}
	var files []string
	for _, dir := range []string{"content", "layouts", "fonts"} {
		err := fs.WalkDir(p.Content.FS, dir, func(name string, d fs.DirEntry, err error) error {
			if err != nil {
				if errors.Is(err, fs.ErrNotExist) {
					return nil
				}
				return err
			}
			if !d.IsDir() {
				files = append(files, name)
			}
			return nil
		})
		if err != nil {
			return nil, err
		}
	}
	if p.Content.Clinic != nil && p.Content.Clinic.Logo != "" {
		files = append(files, p.Content.Clinic.Logo)
	}
	sort.Strings(files)
	for _, f := range files {
		if err := add(f); err != nil {
			return nil, err
		}
	}
	exe, err := os.Executable()
	if err != nil {
		return nil, err
	}
	bin, err := os.Open(exe)
	if err != nil {
		return nil, err
	}
	defer bin.Close()
	fmt.Fprintf(h, "careprint %s tagged=%t\x00", p.Version, !p.Untagged)
	if _, err := io.Copy(h, bin); err != nil {
		return nil, err
	}
	return h.Sum(nil), nil
}

// MAC is the HMAC of everything a handout is made from: its request and its document date.
func (r *Record) MAC(req resolve.Request, date time.Time) string {
	m := hmac.New(sha256.New, r.key)
	m.Write(r.base)
	inputs, _ := json.Marshal(struct {
		Request any
		Date    string
	}{req, date.UTC().Format(time.RFC3339)})
	m.Write(inputs)
	return hex.EncodeToString(m.Sum(nil))
}

// Current says whether the file at path was written from inputs with this mac and is
// still as written, and how many pages it has.
func (r *Record) Current(path, mac string) (pages int, ok bool) {
	r.mu.Lock()
	e, known := r.Outputs[filepath.Base(path)]
	r.mu.Unlock()
	if !known || !hmac.Equal([]byte(e.MAC), []byte(mac)) {
		return 0, false
	}
	data, err := os.ReadFile(path)
	if err != nil {
		return 0, false
	}
	sum := sha256.Sum256(data)
	return e.Pages, hex.EncodeToString(sum[:]) == e.SHA256
}

// Set records that the file at path now holds pdf, made from inputs with this mac.
func (r *Record) Set(path, mac string, pdf []byte, pages int) {
	sum := sha256.Sum256(pdf)
	r.mu.Lock()
	r.Outputs[filepath.Base(path)] = recordedHandout{MAC: mac, SHA256: hex.EncodeToString(sum[:]), Pages: pages}
	r.mu.Unlock()
}

// Save writes the record, atomically, without the files that are no longer there.
func (r *Record) Save() error {
	r.mu.Lock()
	dir := filepath.Dir(r.file)
	for name := range r.Outputs {
		if _, err := os.Stat(filepath.Join(dir, name)); errors.Is(err, fs.ErrNotExist) {
			delete(r.Outputs, name)
		}
	}
	data, err := json.MarshalIndent(r, "", " ")
	r.mu.Unlock()
	if err != nil {
		return err
	}
	return atomic.WriteFile(r.file, append(data, '\n'), 0o600)
}

// why is the cause of a file error without its path ("permission denied"), which the
// message around it names already.
func why(err error) error {
	if u := errors.Unwrap(err); u != nil {
		return u
	}
	return err
}
