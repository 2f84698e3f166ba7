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
	"slices"
	"sort"
	"strconv"
	"strings"
	"text/template"
	"text/template/parse"
	"unicode/utf8"

	"github.com/BurntSushi/toml"

	"github.com/careprint/careprint/internal/diag"
	"github.com/careprint/careprint/internal/doc"
	"github.com/careprint/careprint/internal/markdown"
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
	l := &loader{o: o, p: &Project{
		FS:         o,
		Treatments: map[string]*Treatment{},
		Conditions: map[string]*Condition{},
		Layouts:    map[string]*Layout{},
	}}
	l.loadSettings()
	l.loadClinic()
	for _, f := range l.list("content/treatments") {
		l.loadTreatment(f)
	}
	for _, f := range l.list("content/conditions") {
		l.loadCondition(f)
	}
	for _, f := range l.list("layouts") {
		l.loadLayout(f)
	}
	l.crossCheck()
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

// list returns the .toml files of a folder, in name order. Translations (x.es.toml) are
// not loaded yet.
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
		out = append(out, path.Join(dir, e.Name()))
	}
	return out
}

var validID = regexp.MustCompile(`^[a-z0-9]+(-[a-z0-9]+)*$`)

func idOf(file string) string { return strings.TrimSuffix(path.Base(file), ".toml") }

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

// templateData is what content text may refer to with {{.Clinic.Phone}} and the like.
type templateData struct{ Clinic *Clinic }

// text runs a text field through its template and Markdown, and records it for the glyph
// and readability checks. Problems are reported where they are in the field's value.
func (f *file) text(key, src string) []doc.Block {
	if strings.TrimSpace(src) == "" {
		return nil
	}
	line, col := f.at(key)
	filled, err := fill(src, f.l.p.Clinic)
	if err != nil {
		var fe *fillError
		if errors.As(err, &fe) {
			line, col = f.valuePos(key, fe.off)
		}
		f.l.diags.Errorf(f.name, line, col, key, "%v", err)
		return nil
	}
	blocks, err := markdown.Convert(filled)
	if err != nil {
		var me *markdown.Error
		if errors.As(err, &me) {
			off := me.Offset
			if filled != src { // placeholders moved the text: point at the line
				off = lineOffset([]byte(src), me.Line)
			}
			mline, mcol := f.valuePos(key, off)
			f.l.diags.Errorf(f.name, mline, mcol, key, "%s", me.Msg)
			return nil
		}
		f.l.diags.Errorf(f.name, line, col, key, "%v", err)
		return nil
	}
	f.l.p.Texts = append(f.l.p.Texts, TextField{File: f.name, Line: line, Col: col, Key: key, Text: markdown.Plain(blocks)})
	return blocks
}

// inline is text for a short field: one paragraph of inline runs.
func (f *file) inline(key, src string) []doc.Inline {
	blocks := f.text(key, src)
	if len(blocks) == 0 {
		return nil
	}
	if p, ok := blocks[0].(doc.Paragraph); ok && len(blocks) == 1 {
		return p.Inlines
	}
	f.errorf(key, "must be one short line of text, not a list or several paragraphs")
	return nil
}

// plain records a field that is printed as it is (a title, a phone number).
func (f *file) plain(key, s string) {
	if s == "" {
		return
	}
	line, col := f.at(key)
	f.l.p.Texts = append(f.l.p.Texts, TextField{File: f.name, Line: line, Col: col, Key: key, Text: s})
}

// placeholderFields are the clinic's details a text may name, as {{.Clinic.Phone}}.
var placeholderFields = []string{"Name", "Phone", "AfterHours", "Email", "Website", "BookingURL", "Hours"}

// fillError is a problem with a placeholder, at byte off of the field's text.
type fillError struct {
	off int
	msg string
}

func (e *fillError) Error() string { return e.msg }

// fill replaces the placeholders of src with the clinic's details. A text may name a
// detail ({{.Clinic.Phone}}) and print a part only when a detail is given ({{if
// .Clinic.AfterHours}}…{{end}}); nothing else of text/template (functions such as
// printf, range, define and template) is allowed, so a text costs what it says.
func fill(src string, c *Clinic) (string, error) {
	if !strings.Contains(src, "{{") {
		return src, nil
	}
	t, err := template.New("").Option("missingkey=error").Parse(src)
	if err != nil {
		msg := strings.TrimPrefix(err.Error(), "template: :")
		off := 0
		if line, rest, ok := strings.Cut(msg, ": "); ok {
			if n, err := strconv.Atoi(line); err == nil {
				off, msg = lineOffset([]byte(src), n), rest
			}
		}
		if i := strings.Index(msg, " started at :"); i >= 0 { // an unclosed action: where it starts
			if n, err := strconv.Atoi(msg[i+len(" started at :"):]); err == nil {
				off, msg = lineOffset([]byte(src), n), msg[:i]
			}
		}
		return "", &fillError{off, "placeholder: " + msg}
	}
	if len(t.Templates()) > 1 {
		return "", &fillError{max(strings.Index(src, "{{define"), strings.Index(src, "{{block"), 0), "placeholder: define and block are not allowed: write the text out"}
	}
	if err := checkNodes(t.Tree.Root); err != nil {
		var fe *fillError
		if errors.As(err, &fe) && !strings.HasPrefix(fe.msg, "unknown placeholder field") {
			// A node's position is past its keyword: point at its "{{".
			fe.off = max(strings.LastIndex(src[:min(fe.off, len(src))], "{{"), 0)
		}
		return "", err
	}
	if c == nil {
		c = &Clinic{}
	}
	b := &limitedBuilder{max: MaxFileSize}
	if err := t.Execute(b, templateData{Clinic: c}); err != nil {
		if errors.Is(err, errTooLong) {
			return "", errTooLong
		}
		return "", fmt.Errorf("placeholder: %s", strings.TrimPrefix(err.Error(), "template: :"))
	}
	out := b.String()
	if i := strings.Index(out, "%!"); i >= 0 && !strings.Contains(src, "%!") {
		return "", &fillError{0, "placeholder: a formatting error (%!) would be printed"}
	}
	return out, nil
}

// checkNodes allows text, {{.Clinic.X}} for a known X, and {{if .Clinic.X}}…{{end}}.
func checkNodes(list *parse.ListNode) error {
	if list == nil {
		return nil
	}
	for _, n := range list.Nodes {
		switch n := n.(type) {
		case *parse.TextNode, *parse.CommentNode:
		case *parse.ActionNode:
			if err := checkPipe(n.Pipe, n.Position()); err != nil {
				return err
			}
		case *parse.IfNode:
			if err := checkPipe(n.Pipe, n.Position()); err != nil {
				return err
			}
			if err := checkNodes(n.List); err != nil {
				return err
			}
			if err := checkNodes(n.ElseList); err != nil {
				return err
			}
		default:
			return &fillError{int(n.Position()), fmt.Sprintf("placeholder: %s is not allowed: use {{.Clinic.Phone}} and the like, or {{if .Clinic.AfterHours}}…{{end}}", n)}
		}
	}
	return nil
}

func checkPipe(p *parse.PipeNode, pos parse.Pos) error {
	if p == nil || len(p.Decl) > 0 || len(p.Cmds) != 1 || len(p.Cmds[0].Args) != 1 {
		return &fillError{int(pos), fmt.Sprintf("placeholder: {{%s}} is not allowed: use {{.Clinic.Phone}} and the like", p)}
	}
	fn, ok := p.Cmds[0].Args[0].(*parse.FieldNode)
	if !ok || len(fn.Ident) != 2 || fn.Ident[0] != "Clinic" || !slices.Contains(placeholderFields, fn.Ident[1]) {
		if ok && len(fn.Ident) == 2 && fn.Ident[0] == "Clinic" {
			known := make([]string, len(placeholderFields))
			for i, f := range placeholderFields {
				known[i] = "{{.Clinic." + f + "}}"
			}
			return &fillError{int(fn.Position()), fmt.Sprintf("unknown placeholder field %q (known: %s)", fn.Ident[1], strings.Join(known, ", "))}
		}
		return &fillError{int(pos), fmt.Sprintf("placeholder: {{%s}} is not allowed: use {{.Clinic.Phone}} and the like", p)}
	}
	return nil
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
