// Package content loads a clinic's project (content/, layouts/) over the built-in
// defaults into a typed, checked, immutable model, reporting every problem at once with
// its file, line and column.
package content

import (
	"errors"
	"fmt"
	"io/fs"
	"path"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/BurntSushi/toml"

	"github.com/careprint/careprint/internal/diag"
	"github.com/careprint/careprint/internal/i18n"
	"github.com/careprint/careprint/internal/safefile"
)

// Project is everything a run prints from: loaded once, then shared read-only by every
// document the run makes.
type Project struct {
	FS         *Overlay
	Clinic     *Clinic
	Treatments map[string]*Treatment
	Conditions map[string]*Condition
	Layouts    map[string]*Layout
	Settings   Settings
	// Messages is careprint's own printed words, per language (i18n/*.toml).
	Messages *i18n.Catalog
	// Translations are the project in other languages, by base language ("es").
	Translations map[string]*Translation
	// TranslationNotes are the translations' warnings (missing keys, stale, not
	// reviewed), which careprint check reports; printing a document needs none of them.
	TranslationNotes diag.List
	// Texts lists every string that reaches the page, with where it is written, for the
	// glyph and readability checks.
	Texts []TextField
}

// TextField is one printed string of the content and where it is written.
type TextField struct {
	File string
	Line int
	Col  int
	Key  string
	Text string
}

// IDs returns the sorted keys of a map of content.
func IDs[T any](m map[string]T) []string {
	ids := make([]string, 0, len(m))
	for id := range m {
		ids = append(ids, id)
	}
	sort.Strings(ids)
	return ids
}

// Load reads content/clinic.toml, content/treatments/*.toml, content/conditions/*.toml
// and layouts/*.toml. The project is returned even when there are errors, so that check
// can report everything; callers must not print from a project whose list has errors.
func Load(o *Overlay) (*Project, diag.List) {
	o = o.Active()
	l := &loader{o: o, p: &Project{
		FS:         o,
		Treatments: map[string]*Treatment{},
		Conditions: map[string]*Condition{},
		Layouts:    map[string]*Layout{},
	}}
	l.loadMessages()
	l.loadSettings()
	l.loadClinic()
	l.checkLocale()
	for _, f := range l.list("content/treatments") {
		l.loadTreatment(f)
	}
	for _, f := range l.list("content/conditions") {
		l.loadCondition(f)
	}
	for _, f := range l.list("layouts") {
		l.loadLayout(f)
	}
	l.checkOwnContent()
	l.crossCheck()
	l.checkOutputLayouts()
	l.loadTranslations()
	l.diags.Sort()
	return l.p, l.diags
}

// MaxFileSize is the largest content, layout or settings file careprint reads: a
// treatment's text is a few KB, so a larger file is a mistake, and reading it whole would
// cost memory in proportion.
const MaxFileSize = 1 << 20

type loader struct {
	o           *Overlay
	p           *Project
	diags       diag.List
	pending     []func() // checks that need every file loaded
	layoutFiles []*file
}

// list returns the .toml files of a folder, in name order, without translations
// (x.es.toml), which loadTranslations reads.
func (l *loader) list(dir string) []string {
	entries, err := l.o.ReadDir(dir)
	if err != nil {
		if !errors.Is(err, fs.ErrNotExist) {
			l.diags.Errorf(dir, 0, 0, "", "cannot read the folder: %v", err)
		}
		return nil
	}
	var out []string
	for _, e := range entries {
		if !strings.HasSuffix(e.Name(), ".toml") {
			continue
		}
		if e.IsDir() {
			l.diags.Errorf(path.Join(dir, e.Name()), 0, 0, "", "cannot read the file: is a folder, not a file")
			continue
		}
		if _, _, tr := translationName(e.Name()); tr {
			continue // loaded with its language
		}
		out = append(out, path.Join(dir, e.Name()))
	}
	return out
}

var validID = regexp.MustCompile(`^[a-z0-9]+(-[a-z0-9]+)*$`)

// idOf is a file's id: acne-scars.toml and its translation acne-scars.es.toml are acne-scars.
func idOf(file string) string {
	id, _, _ := strings.Cut(strings.TrimSuffix(path.Base(file), ".toml"), ".")
	return id
}

// file is one decoded TOML file with the positions of its keys.
type file struct {
	name string
	src  []byte
	keys keyIndex
	l    *loader
}

// decode reads a TOML file into v, reporting syntax errors, wrong types and unknown keys.
// ok is false when the file could not be decoded at all.
func (l *loader) decode(name string, v any) (*file, bool) {
	src, err := l.o.ReadFileLimit(name, MaxFileSize)
	if err != nil {
		l.diags.Errorf(name, 0, 0, "", "cannot read the file: %v", errors.Unwrap(err))
		return nil, false
	}
	if !utf8.Valid(src) {
		line, col := badUTF8(src)
		l.diags.Errorf(name, line, col, "", "the file is not UTF-8 text: save it as UTF-8 (in most editors: Save As, encoding UTF-8)")
		return nil, false
	}
	f := &file{name: name, src: src, keys: indexKeys(src), l: l}
	if !validID.MatchString(idOf(name)) && strings.Count(path.Base(name), ".") == 1 {
		l.diags.Errorf(name, 0, 0, "", "file name %q is not a valid id: use lower-case letters, digits and hyphens, e.g. acne-scars.toml", path.Base(name))
	}
	md, err := toml.Decode(string(src), v)
	if err != nil {
		f.reportDecodeError(err)
		return f, false
	}
	for _, k := range md.Undecoded() {
		key := k.String()
		p := f.keys.find(key)
		l.diags.Errorf(name, p.Line, p.Col, key, "unknown key %q%s", k[len(k)-1], Suggest(k[len(k)-1], knownKeys(v, k)))
	}
	return f, true
}

// badUTF8 returns the line and column (in bytes, 1-based) of the first byte of src that
// is not UTF-8.
func badUTF8(src []byte) (line, col int) {
	line, start := 1, 0
	for i := 0; i < len(src); {
		r, n := utf8.DecodeRune(src[i:])
		if r == utf8.RuneError && n <= 1 {
			return line, utf8.RuneCount(src[start:i]) + 1
		}
		if r == '\n' {
			line, start = line+1, i+1
		}
		i += n
	}
	return line, utf8.RuneCount(src[start:]) + 1
}

var lineErr = regexp.MustCompile(`^toml: line (\d+) \(last key "([^"]*)"\): (.*)$`)

func (f *file) reportDecodeError(err error) {
	var pe toml.ParseError
	if errors.As(err, &pe) {
		msg := pe.Message
		if pe.Position.Line == 0 {
			msg = pe.Error()
		}
		f.l.diags.Errorf(f.name, pe.Position.Line, pe.Position.Col, pe.LastKey, "%s", msg)
		return
	}
	if m := lineErr.FindStringSubmatch(err.Error()); m != nil {
		line, _ := strconv.Atoi(m[1])
		key, msg := m[2], m[3]
		p := f.keys.find(key)
		col := 0
		if p.Line == line {
			col = p.Col
		}
		f.l.diags.Errorf(f.name, line, col, key, "%s", plainTypeError(msg))
		return
	}
	f.l.diags.Errorf(f.name, 0, 0, "", "%v", err)
}

var typeErr = regexp.MustCompile(`incompatible types: TOML value has type ([\w.\[\]]+); destination has type ([\w.\[\]]+)`)

// plainTypeError rewrites BurntSushi's type mismatch in the words of the file.
func plainTypeError(msg string) string {
	if m := typeErr.FindStringSubmatch(msg); m != nil {
		return fmt.Sprintf("wrong type: want %s, found %s", tomlType(m[2]), tomlType(m[1]))
	}
	return msg
}

func tomlType(goType string) string {
	switch {
	case strings.HasPrefix(goType, "[]") || goType == "array" || strings.HasPrefix(goType, "[]interface"):
		return "an array"
	case strings.HasPrefix(goType, "int"), strings.HasPrefix(goType, "uint"), goType == "integer":
		return "an integer"
	case goType == "float64", goType == "float":
		return "a number"
	case goType == "string":
		return "a string"
	case goType == "bool":
		return "true or false"
	case strings.HasPrefix(goType, "map"), strings.Contains(goType, "struct"), goType == "table":
		return "a table"
	}
	return goType
}

// at returns the position of a key path in the file.
func (f *file) at(key string) (int, int) {
	if _, ok := f.keys.exact[key]; !ok && strings.HasSuffix(key, "]") {
		return f.valuePos(key, 0) // an element of an array of values: at the element
	}
	p := f.keys.find(key)
	return p.Line, p.Col
}

func (f *file) errorf(key, format string, args ...any) {
	line, col := f.at(key)
	f.l.diags.Errorf(f.name, line, col, key, format, args...)
}

func (f *file) require(key, value string) {
	if strings.TrimSpace(value) == "" {
		line, col := f.at(key)
		if line == 0 {
			f.l.diags.Errorf(f.name, 0, 0, key, "missing: add %s = \"...\"", key[strings.LastIndexByte(key, '.')+1:])
			return
		}
		f.l.diags.Errorf(f.name, line, col, key, "must not be empty")
	}
}

// plain records a field that is printed as it is (a title, a phone number).
func (f *file) plain(key, s string) {
	if s == "" {
		return
	}
	line, col := f.at(key)
	f.l.p.Texts = append(f.l.p.Texts, TextField{File: f.name, Line: line, Col: col, Key: key, Text: s})
}

var errTooLong = fmt.Errorf("the placeholders fill more than %s (the limit)", safefile.Size(MaxFileSize))

// limitedBuilder is a strings.Builder that refuses to grow past max bytes.
type limitedBuilder struct {
	strings.Builder
	max int
}

func (b *limitedBuilder) Write(p []byte) (int, error) {
	if b.Len()+len(p) > b.max {
		return 0, errTooLong
	}
	return b.Builder.Write(p)
}

// loadMessages reads the message catalogues: the languages the project has.
func (l *loader) loadMessages() {
	cat, probs := i18n.Load(l.o.Builtin, l.o.Project)
	for _, pr := range probs {
		l.diags.Errorf(pr.File, 0, 0, "", "%s", pr.Msg)
	}
	l.p.Messages = cat
}

// checkLocale checks the clinic's locale against the languages the project has.
func (l *loader) checkLocale() {
	cat := l.p.Messages
	if c := l.p.Clinic; c != nil && c.Locale != "" {
		if _, _, err := cat.Match(c.Locale, c.Locale); err != nil {
			line, col := c.Where("locale")
			l.diags.Errorf(clinicFile, line, col, "locale", "%v", err)
		}
	}
}
