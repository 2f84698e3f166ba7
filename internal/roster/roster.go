// Package roster reads the CSV of patients that careprint batch prints from, as Excel
// and other spreadsheets write it: a UTF-8 byte-order mark, ";" or "," between fields,
// CRLF line ends and quoted fields are all accepted. Problems name the line of the file,
// never the patient.
package roster

import (
	"bytes"
	"encoding/csv"
	"errors"
	"fmt"
	"io"
	"slices"
	"strings"
	"time"
)

// Row is one patient of the roster, with the line it starts on.
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

var required = []string{"name", "treatment_date", "conditions"}
var optional = []string{"id", "clinician", "language", "layout", "paper", "notes", "treatment", "treatment_time"}

// Read parses a roster. Rows with problems are returned as errors, by line, alongside
// the good rows; a problem with the header is a single error and no rows.
func Read(r io.Reader, file string) ([]Row, []*Error) {
	data, err := io.ReadAll(r)
	if err != nil {
		return nil, []*Error{{File: file, Msg: err.Error()}}
	}
	data = bytes.TrimPrefix(data, []byte("\ufeff"))
	cr := csv.NewReader(bytes.NewReader(data))
	cr.Comma = sniff(data)
	cr.FieldsPerRecord = -1
	cr.TrimLeadingSpace = true
	header, err := cr.Read()
	if err != nil {
		if errors.Is(err, io.EOF) {
			return nil, []*Error{{File: file, Msg: "the roster is empty: the first line names the columns (name, treatment_date, conditions, ...)"}}
		}
		return nil, []*Error{csvError(file, err)}
	}
	cols := map[string]int{}
	for i, h := range header {
		key := strings.ToLower(strings.TrimSpace(h))
		if key == "" {
			continue
		}
		if !slices.Contains(required, key) && !slices.Contains(optional, key) {
			return nil, []*Error{{File: file, Line: 1, Msg: fmt.Sprintf("unknown column %q (known: %s)", h, strings.Join(append(append([]string{}, required...), optional...), ", "))}}
		}
		if _, dup := cols[key]; dup {
			return nil, []*Error{{File: file, Line: 1, Msg: fmt.Sprintf("column %q appears twice", key)}}
		}
		cols[key] = i
	}
	for _, k := range required {
		if _, ok := cols[k]; !ok {
			return nil, []*Error{{File: file, Line: 1, Msg: fmt.Sprintf("missing column %q (required: %s)", k, strings.Join(required, ", "))}}
		}
	}
	var rows []Row
	var errs []*Error
	for {
		rec, err := cr.Read()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			errs = append(errs, csvError(file, err))
			continue
		}
		line, _ := cr.FieldPos(0)
		if blank(rec) {
			continue
		}
		get := func(k string) string {
			if i, ok := cols[k]; ok && i < len(rec) {
				return strings.TrimSpace(rec[i])
			}
			return ""
		}
		row := Row{Line: line, ID: get("id"), Name: get("name"), Clinician: get("clinician"), Language: get("language"),
			Layout: get("layout"), Paper: strings.ToLower(get("paper")), Notes: get("notes"), Treatment: strings.ToLower(get("treatment"))}
		bad := func(col, format string, args ...any) {
			errs = append(errs, &Error{File: file, Line: line, Column: col, Msg: fmt.Sprintf(format, args...)})
		}
		ok := true
		if row.Name == "" {
			bad("name", "empty: every row needs the patient's name")
			ok = false
		}
		d := get("treatment_date")
		t, err := time.Parse("2006-01-02", d)
		if err != nil {
			bad("treatment_date", "%q is not a date (want YYYY-MM-DD, e.g. 2026-12-01)", d)
			ok = false
		}
		row.TreatmentDate = t
		if tt := get("treatment_time"); tt != "" {
			clock, err := time.Parse("15:04", tt)
			if err != nil {
				bad("treatment_time", "%q is not a time of day (want HH:MM, 24-hour, e.g. 14:30)", tt)
				ok = false
			}
			row.TreatmentDate = t.Add(time.Duration(clock.Hour())*time.Hour + time.Duration(clock.Minute())*time.Minute)
			row.HasTime = true
		}
		for _, c := range strings.FieldsFunc(get("conditions"), func(r rune) bool { return r == '|' || r == ',' || r == ';' }) {
			if c = strings.ToLower(strings.TrimSpace(c)); c != "" {
				row.Conditions = append(row.Conditions, c)
			}
		}
		if len(row.Conditions) == 0 {
			bad("conditions", "empty: name at least one condition, e.g. acne-scars|fine-lines")
			ok = false
		}
		if ok {
			rows = append(rows, row)
		}
	}
	return rows, errs
}

func csvError(file string, err error) *Error {
	var pe *csv.ParseError
	if errors.As(err, &pe) {
		return &Error{File: file, Line: pe.StartLine, Msg: fmt.Sprintf("%s (line %d, column %d): check this row's quotes and separators",
			strings.TrimPrefix(pe.Err.Error(), "csv: "), pe.Line, pe.Column)}
	}
	return &Error{File: file, Msg: err.Error()}
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
