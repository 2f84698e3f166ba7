// Package diag holds positioned problems found in a project's files, reported in the
// editor-friendly shape file:line:col: key.path: message.
package diag

import (
	"fmt"
	"sort"
	"strings"
)

// Severity says whether a problem stops printing.
type Severity int

const (
	// Error stops the run: nothing is printed.
	Error Severity = iota
	// Warning is reported but does not change the exit code.
	Warning
)

// Diagnostic is one problem in one file.
type Diagnostic struct {
	File     string // path relative to the project root, e.g. content/clinic.toml
	Line     int    // 1-based; 0 when unknown
	Col      int    // 1-based; 0 when unknown
	Key      string // dotted key path, e.g. colors.primary; may be empty
	Msg      string
	Severity Severity
}

// Error formats the diagnostic as file:line:col: key: message.
func (d Diagnostic) Error() string {
	var b strings.Builder
	b.WriteString(d.File)
	if d.Line > 0 {
		fmt.Fprintf(&b, ":%d", d.Line)
		if d.Col > 0 {
			fmt.Fprintf(&b, ":%d", d.Col)
		}
	}
	b.WriteString(": ")
	if d.Severity == Warning {
		b.WriteString("warning: ")
	}
	if d.Key != "" {
		b.WriteString(d.Key)
		b.WriteString(": ")
	}
	b.WriteString(d.Msg)
	return b.String()
}

// List is a set of diagnostics; as an error it prints them one a line.
type List []Diagnostic

// Add appends a diagnostic.
func (l *List) Add(d Diagnostic) { *l = append(*l, d) }

// Errorf appends an error at file:line:col.
func (l *List) Errorf(file string, line, col int, key, format string, args ...any) {
	l.Add(Diagnostic{File: file, Line: line, Col: col, Key: key, Msg: fmt.Sprintf(format, args...)})
}

// Warnf appends a warning at file:line:col.
func (l *List) Warnf(file string, line, col int, key, format string, args ...any) {
	l.Add(Diagnostic{File: file, Line: line, Col: col, Key: key, Msg: fmt.Sprintf(format, args...), Severity: Warning})
}

// Sort orders the list by file, line, column and message, and removes duplicates.
func (l *List) Sort() {
	s := *l
	sort.SliceStable(s, func(i, j int) bool {
		a, b := s[i], s[j]
		if a.File != b.File {
			return a.File < b.File
		}
		if a.Line != b.Line {
			return a.Line < b.Line
		}
		if a.Col != b.Col {
			return a.Col < b.Col
		}
		return a.Error() < b.Error()
	})
	out := s[:0]
	for i, d := range s {
		if i > 0 && d == s[i-1] {
			continue
		}
		out = append(out, d)
	}
	*l = out
}

// HasErrors reports whether any diagnostic is an error (not a warning).
func (l List) HasErrors() bool {
	for _, d := range l {
		if d.Severity == Error {
			return true
		}
	}
	return false
}

// Errors returns only the errors.
func (l List) Errors() List {
	var out List
	for _, d := range l {
		if d.Severity == Error {
			out = append(out, d)
		}
	}
	return out
}

// Error prints one diagnostic a line.
func (l List) Error() string {
	lines := make([]string, len(l))
	for i, d := range l {
		lines[i] = d.Error()
	}
	return strings.Join(lines, "\n")
}
