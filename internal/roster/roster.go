// Package roster reads the CSV of patients that careprint batch prints from, as Excel
// and other spreadsheets write it: a UTF-8 byte-order mark, ";" or "," between fields,
// CRLF line ends and quoted fields are all accepted, and with WithEncoding Excel's
// Windows-1252 too. Rows are read one at a time, so a roster of any length costs the
// same memory. Problems name the line of the file, never the patient: a cell is quoted
// in a message only when it is short and of its column's own kind (see Show).
package roster

import (
	"bufio"
	"bytes"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"slices"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/encoding/charmap"
)

// Limits on the free-text patient fields, the same for a roster row and for the flags
// of careprint handout: a handout is a few pages, and a cell larger than these is a
// mistake (a whole document pasted in), not a patient.
const (
	MaxName      = 200  // characters
	MaxClinician = 200  // characters
	MaxNotes     = 2000 // characters
	MaxID        = 80   // characters
	// MaxRowBytes bounds one row as read, whatever its cells: a row within the limits
	// above is a few KB, and a larger one is not read into memory.
	MaxRowBytes = 1 << 20
	// MaxRows bounds what a batch keeps per row (a few hundred bytes each): 100,000
	// rows stay under 100 MB. Split a larger roster, or use --shard.
	MaxRows = 100_000
)

// The window of treatment dates careprint accepts: a year outside it is a typing
// mistake (0026, 20026) that would print nonsense dates.
const (
	MinYear = 1900
	MaxYear = 2200
)

// Row is one patient of the roster, with the line it starts on. Conditions, language,
// layout and paper are as written (compare them in lower case); the free-text fields
// are without invisible characters (see Clean).
type Row struct {
	Line          int
	ID            string
	Name          string
	TreatmentDate time.Time
	// HasTime says whether treatment_time gave the time of day (then in TreatmentDate).
	HasTime    bool
	Treatment  string
	Conditions []string
	Clinician  string
	Language   string
	Layout     string
	Paper      string
	Notes      string
}

// Error is a problem with one row (Line > 0) or with the whole file (Line 0).
type Error struct {
	File   string
	Line   int
	Column string
	Msg    string
}

func (e *Error) Error() string {
	s := e.File
	if e.Line > 0 {
		s += fmt.Sprintf(":%d", e.Line)
	}
	if e.Column != "" {
		s += ": " + e.Column
	}
	return s + ": " + e.Msg
}

// Encoding is how the roster's bytes are read as text.
type Encoding string

// The encodings a roster may be in.
const (
	UTF8        Encoding = "utf-8"
	Windows1252 Encoding = "windows-1252"
)

// Encodings lists the names --encoding accepts.
var Encodings = []string{string(UTF8), string(Windows1252)}

var required = []string{"name", "treatment_date", "conditions"}
var optional = []string{"id", "clinician", "language", "layout", "paper", "notes", "treatment", "treatment_time"}

// Reader reads a roster row by row.
type Reader struct {
	file  string
	cr    *csv.Reader
	comma rune
	enc   Encoding
	cols  map[string]int
	width int // the header's number of fields
	rows  int
	lr    *limitReader
	line  int // the last line read
}

// limitReader ends the roster with errTooLong when csv asks for more than MaxRowBytes
// past the end of the last row it read (plus what its buffer reads ahead).
type limitReader struct {
	r     io.Reader
	n     int64 // bytes given to csv
	limit int64
}

var errTooLong = errors.New("row too long")

func (l *limitReader) Read(p []byte) (int, error) {
	if l.n >= l.limit {
		return 0, errTooLong
	}
	if int64(len(p)) > l.limit-l.n {
		p = p[:l.limit-l.n]
	}
	n, err := l.r.Read(p)
	l.n += int64(n)
	return n, err
}

// read reads one record, of at most MaxRowBytes.
func (rd *Reader) read() ([]string, error) {
	rd.lr.limit = rd.cr.InputOffset() + MaxRowBytes + 64<<10
	rec, err := rd.cr.Read()
	if errors.Is(err, errTooLong) {
		return nil, &Error{File: rd.file, Line: rd.line + 1, Msg: fmt.Sprintf("a row of more than %d MB: no patient needs that much; the rest of the roster is not read", MaxRowBytes>>20)}
	}
	if err == nil {
		rd.line, _ = rd.cr.FieldPos(len(rec) - 1)
	}
	return rec, err
}

// NewReader reads the header of a roster in encoding enc ("" is UTF-8). A problem with
// the header is returned as the error; then there are no rows.
func NewReader(r io.Reader, file string, enc Encoding) (*Reader, *Error) {
	switch enc {
	case "", UTF8:
		enc = UTF8
	case Windows1252:
		// A byte-order mark says UTF-8: read as Windows-1252 it would be "ï»¿".
		br := bufio.NewReader(r)
		if b, _ := br.Peek(3); bytes.Equal(b, []byte("\ufeff")) {
			return nil, &Error{File: file, Line: 1, Msg: "the roster is UTF-8 (it starts with a byte-order mark): leave out --encoding windows-1252"}
		}
		r = charmap.Windows1252.NewDecoder().Reader(br)
	default:
		return nil, &Error{File: file, Msg: fmt.Sprintf("unknown encoding %q (valid: %s)", string(enc), strings.Join(Encodings, ", "))}
	}
	br := bufio.NewReaderSize(r, 64<<10)
	if b, _ := br.Peek(3); bytes.Equal(b, []byte("\ufeff")) {
		_, _ = br.Discard(3)
	}
	head, _ := br.Peek(64 << 10)
	rd := &Reader{file: file, enc: enc, comma: sniff(head), lr: &limitReader{r: br}}
	rd.cr = csv.NewReader(rd.lr)
	rd.cr.Comma = rd.comma
	rd.cr.FieldsPerRecord = -1
	rd.cr.TrimLeadingSpace = true
	rd.cr.ReuseRecord = true
	header, err := rd.read()
	if err != nil {
		if errors.Is(err, io.EOF) {
			return nil, &Error{File: file, Msg: "the roster is empty: the first line names the columns (name, treatment_date, conditions, ...)"}
		}
		return nil, rd.csvError(err)
	}
	if e := rd.checkText(header, 1); e != nil {
		return nil, e
	}
	rd.width = len(header)
	rd.cols = map[string]int{}
	for i, h := range header {
		key := strings.ToLower(strings.TrimSpace(h))
		if key == "" {
			continue
		}
		if !slices.Contains(required, key) && !slices.Contains(optional, key) {
			return nil, &Error{File: file, Line: 1, Msg: fmt.Sprintf("%s (known: %s)", Is("unknown column", KindWord, strings.ToLower(strings.TrimSpace(h))), strings.Join(append(append([]string{}, required...), optional...), ", "))}
		}
		if _, dup := rd.cols[key]; dup {
			return nil, &Error{File: file, Line: 1, Msg: fmt.Sprintf("column %q appears twice", key)}
		}
		rd.cols[key] = i
	}
	for _, k := range required {
		if _, ok := rd.cols[k]; !ok {
			return nil, &Error{File: file, Line: 1, Msg: fmt.Sprintf("missing column %q (required: %s)", k, strings.Join(required, ", "))}
		}
	}
	return rd, nil
}

// Next returns the next row, or the problems with it; ok is false at the end.
// Lines with nothing in them are skipped.
func (rd *Reader) Next() (row Row, errs []*Error, ok bool) {
	for {
		rec, err := rd.read()
		if errors.Is(err, io.EOF) {
			return Row{}, nil, false
		}
		var re *Error
		if errors.As(err, &re) {
			return Row{}, []*Error{re}, false
		}
		if err != nil {
			var pe *csv.ParseError
			if !errors.As(err, &pe) {
				// A read error: the rest of the file cannot be read.
				return Row{}, []*Error{{File: rd.file, Msg: err.Error()}}, false
			}
			return Row{}, []*Error{rd.csvError(err)}, true
		}
		line, _ := rd.cr.FieldPos(0)
		if blank(rec) {
			continue
		}
		if rd.rows++; rd.rows > MaxRows {
			return Row{}, []*Error{{File: rd.file, Line: line, Msg: fmt.Sprintf("more than %d rows: split the roster, or print it in parts with --shard", MaxRows)}}, false
		}
		if e := rd.checkText(rec, line); e != nil {
			return Row{}, []*Error{e}, true
		}
		if len(rec) != rd.width {
			return Row{}, []*Error{{File: rd.file, Line: line, Msg: fmt.Sprintf("%d fields, but the header has %d: put quotes around a value that contains %s, e.g. %s",
				len(rec), rd.width, sepName(rd.comma), `"Smith`+string(rd.comma)+` Ana"`)}}, true
		}
		row, errs := rd.row(rec, line)
		return row, errs, true
	}
}

// Read parses a whole roster. Rows with problems are returned as errors, by line,
// alongside the good rows; a problem with the header is a single error and no rows.
func Read(r io.Reader, file string, enc Encoding) ([]Row, []*Error) {
	rd, e := NewReader(r, file, enc)
	if e != nil {
		return nil, []*Error{e}
	}
	var rows []Row
	var errs []*Error
	for {
		row, es, ok := rd.Next()
		errs = append(errs, es...)
		if !ok {
			return rows, errs
		}
		if es == nil {
			rows = append(rows, row)
		}
	}
}

func (rd *Reader) row(rec []string, line int) (Row, []*Error) {
	get := func(k string) string {
		if i, ok := rd.cols[k]; ok {
			return strings.TrimSpace(rec[i])
		}
		return ""
	}
	var errs []*Error
	bad := func(col, format string, args ...any) {
		errs = append(errs, &Error{File: rd.file, Line: line, Column: col, Msg: fmt.Sprintf(format, args...)})
	}
	row := Row{Line: line, ID: get("id"), Name: Clean(get("name")), Clinician: Clean(get("clinician")), Language: get("language"),
		Layout: get("layout"), Paper: get("paper"), Notes: Clean(get("notes")), Treatment: strings.ToLower(get("treatment"))}
	if row.Name == "" {
		bad("name", "empty: every row needs the patient's name")
	}
	for _, f := range []struct {
		col, v string
		max    int
	}{{"id", row.ID, MaxID}, {"name", row.Name, MaxName}, {"clinician", row.Clinician, MaxClinician}, {"notes", row.Notes, MaxNotes}} {
		if n := utf8.RuneCountInString(f.v); n > f.max {
			bad(f.col, "%d characters, more than the limit of %d", n, f.max)
		}
	}
	t, msg := ParseDate(get("treatment_date"))
	if msg != "" {
		bad("treatment_date", "%s", msg)
	}
	row.TreatmentDate = t
	if tt := get("treatment_time"); tt != "" {
		clock, err := time.Parse("15:04", tt)
		if err != nil {
			bad("treatment_time", "%s (want HH:MM, 24-hour, e.g. 14:30)", Is("not a time of day", KindTime, tt))
		} else {
			row.TreatmentDate = t.Add(time.Duration(clock.Hour())*time.Hour + time.Duration(clock.Minute())*time.Minute)
			row.HasTime = true
		}
	}
	for _, c := range strings.FieldsFunc(get("conditions"), func(r rune) bool { return r == '|' || r == ',' || r == ';' }) {
		if c = strings.TrimSpace(c); c != "" {
			row.Conditions = append(row.Conditions, c)
		}
	}
	if len(row.Conditions) == 0 {
		bad("conditions", "empty: name at least one condition, e.g. acne-scars|fine-lines")
	}
	return row, errs
}

// checkText reports a record that is not valid text in the roster's encoding: in UTF-8,
// most often a file saved as Excel's "CSV (Comma delimited)", which is Windows-1252.
func (rd *Reader) checkText(rec []string, line int) *Error {
	for i, f := range rec {
		if !utf8.ValidString(f) {
			return &Error{File: rd.file, Line: line, Msg: fmt.Sprintf("field %d is not UTF-8 text: save the roster as \"CSV UTF-8\", or read it with --encoding windows-1252", i+1)}
		}
	}
	return nil
}

// ParseDate reads a treatment date, YYYY-MM-DD with a year from MinYear to MaxYear. The
// message, empty when the date is good, quotes the value only when it looks like a date.
func ParseDate(s string) (time.Time, string) {
	if s == "" {
		return time.Time{}, "empty: want YYYY-MM-DD, e.g. 2026-12-01"
	}
	t, err := time.Parse("2006-01-02", s)
	if err != nil {
		return time.Time{}, Is("not a date", KindDate, s) + " (want YYYY-MM-DD, e.g. 2026-12-01)"
	}
	if y := t.Year(); y < MinYear || y > MaxYear {
		return time.Time{}, fmt.Sprintf("%s: the year must be from %d to %d", Is("not a treatment date", KindDate, s), MinYear, MaxYear)
	}
	return t, ""
}

// Clean removes from a free-text field the invisible characters that spreadsheets and
// word processors leave in it (a byte-order mark or zero-width characters inside a
// name): they print as nothing, and a font would be asked for a glyph it need not have.
func Clean(s string) string {
	if !strings.ContainsFunc(s, invisible) {
		return s
	}
	return strings.TrimSpace(strings.Map(func(r rune) rune {
		if invisible(r) {
			return -1
		}
		return r
	}, s))
}

// invisible is a format character (Unicode class Cf) that is not needed to print Latin
// and other left-to-right text: U+FEFF, U+200B to U+200D, U+2060, soft hyphen. The
// direction marks (U+200E, U+200F, U+202A to U+202E, U+2066 to U+2069) are kept: they
// belong to right-to-left text, which is reported as such.
func invisible(r rune) bool {
	switch {
	case r == 0x200E || r == 0x200F || (r >= 0x202A && r <= 0x202E) || (r >= 0x2066 && r <= 0x2069):
		return false
	}
	return unicode.Is(unicode.Cf, r)
}

func (rd *Reader) csvError(err error) *Error {
	var re *Error
	if errors.As(err, &re) {
		return re
	}
	var pe *csv.ParseError
	if errors.As(err, &pe) {
		return &Error{File: rd.file, Line: pe.StartLine, Msg: fmt.Sprintf("%s (line %d, column %d): check this row's quotes and separators",
			strings.TrimPrefix(pe.Err.Error(), "csv: "), pe.Line, pe.Column)}
	}
	return &Error{File: rd.file, Msg: err.Error()}
}

func sepName(r rune) string {
	if r == '\t' {
		return "a tab"
	}
	return fmt.Sprintf("%q", string(r))
}

// sniff picks the separator of the header line: ";" when it has more of them than ",".
func sniff(data []byte) rune {
	first, _, _ := bytes.Cut(data, []byte("\n"))
	if bytes.Count(first, []byte(";")) > bytes.Count(first, []byte(",")) {
		return ';'
	}
	if bytes.Count(first, []byte("\t")) > bytes.Count(first, []byte(",")) {
		return '\t'
	}
	return ','
}

func blank(rec []string) bool {
	for _, f := range rec {
		if strings.TrimSpace(f) != "" {
			return false
		}
	}
	return true
}
