package roster

import (
	"bytes"
	"encoding/csv"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"unicode/utf8"
)

// FuzzRoster reads fuzzed rosters in both encodings. Whatever the bytes, Read returns
// (no panic, no hang), every row it accepts keeps the rules (a name, a date in the
// window, the limits, valid text), and no message holds a patient's name: a name cell
// is never quoted, whatever else is wrong with its row.
//
// The seed corpus in testdata/fuzz/FuzzRoster holds every case of issue 13: shifted
// rows, duplicate ids, Windows-1252 bytes, huge cells, bad dates. Run longer with
//
//	go test -run '^$' -fuzz '^FuzzRoster$' -fuzztime 10m ./internal/roster
func FuzzRoster(f *testing.F) {
	f.Add([]byte("id,name,treatment_date,conditions\nS1,Smith, Johnathan,2026-12-01,acne-scars\n"), false)
	f.Fuzz(func(t *testing.T, data []byte, cp1252 bool) {
		enc := UTF8
		if cp1252 {
			enc = Windows1252
		}
		rows, errs := Read(bytes.NewReader(data), "roster.csv", enc)
		for _, r := range rows {
			if r.Line < 2 || r.Name == "" || len(r.Conditions) == 0 {
				t.Fatalf("row accepted without what it needs: %+v", r)
			}
			if y := r.TreatmentDate.Year(); y < MinYear || y > MaxYear {
				t.Fatalf("line %d: year %d accepted", r.Line, y)
			}
			for _, f := range []struct {
				v   string
				max int
			}{{r.ID, MaxID}, {r.Name, MaxName}, {r.Clinician, MaxClinician}, {r.Notes, MaxNotes}} {
				if !utf8.ValidString(f.v) || utf8.RuneCountInString(f.v) > f.max {
					t.Fatalf("line %d: a cell over its limit or not text was accepted", r.Line)
				}
			}
			if strings.ContainsFunc(r.Name, invisible) {
				t.Fatalf("line %d: an invisible character left in the name", r.Line)
			}
		}
		var msgs []string
		for _, e := range errs {
			if e.File != "roster.csv" || e.Line < 0 {
				t.Fatalf("error without its place: %+v", e)
			}
			msgs = append(msgs, e.Error())
		}
		all := strings.Join(msgs, "\n")
		if enc == UTF8 && !utf8.ValidString(all) {
			t.Fatalf("a message is not text: %q", all)
		}
		for _, name := range nameCells(data) {
			if strings.Contains(all, name) && !strings.Contains(vocabulary, name) {
				t.Fatalf("a message holds the name cell %q:\n%s", name, all)
			}
		}
		// A quoted value has its column's shape, or is careprint's own text.
		for _, m := range quoted.FindAllString(all, -1) {
			v, err := strconv.Unquote(m)
			if err != nil {
				continue // the "..." of an example inside the fixed text
			}
			if !anyShape(v) && !strings.Contains(vocabulary, v) {
				t.Fatalf("a message quotes %s, which is not of its column's kind:\n%s", m, all)
			}
		}
	})
}

// quoted finds the Go-quoted strings in messages.
var quoted = regexp.MustCompile(`"(?:[^"\\]|\\.)*"`)

// vocabulary is careprint's own text in roster messages.
const vocabulary = `the roster is empty: the first line names the columns (name, treatment_date, conditions, id, clinician, language, layout, paper, notes, ...)
unknown column (known: name, treatment_date, conditions, id, clinician, language, layout, paper, notes) column appears twice
missing column (required: name, treatment_date, conditions)
fields, but the header has : put quotes around a value that contains ",", ";", e.g. "Smith, Ana" "Smith; Ana" "Smith\t Ana" a tab
empty: every row needs the patient's name characters, more than the limit of
empty: want YYYY-MM-DD, e.g. 2026-12-01 not a date not a treatment date: the year must be from 1900 to 2200
empty: name at least one condition, e.g. acne-scars|fine-lines
field is not UTF-8 text: save the roster as "CSV UTF-8", or read it with --encoding windows-1252
unknown encoding (valid: utf-8, windows-1252) a row of more than 1 MB: no patient needs that much; the rest of the roster is not read
extraneous or missing " in quoted-field bare " in non-quoted-field wrong number of fields (line , column ): check this row's quotes and separators
letters words nothing`

// nameCells returns the name cells of a UTF-8 roster that a message could only hold
// by quoting them: 10 bytes or longer, of no shape a message may quote, and in no other
// cell of the row or the header.
func nameCells(data []byte) []string {
	data = bytes.TrimPrefix(data, []byte("\ufeff"))
	cr := csv.NewReader(bytes.NewReader(data))
	cr.Comma = sniff(data)
	cr.FieldsPerRecord = -1
	cr.TrimLeadingSpace = true
	header, err := cr.Read()
	if err != nil {
		return nil
	}
	col := -1
	for i, h := range header {
		if strings.EqualFold(strings.TrimSpace(h), "name") {
			col = i
		}
	}
	if col < 0 {
		return nil
	}
	var names []string
	for {
		rec, err := cr.Read()
		if err != nil {
			if _, ok := err.(*csv.ParseError); ok {
				continue
			}
			return names
		}
		if col >= len(rec) {
			continue
		}
		name := strings.TrimSpace(rec[col])
		if len(name) < 10 || anyShape(name) {
			continue // short, or of a shape that another row's cell may have and be quoted
		}
		elsewhere := false
		for i, c := range rec {
			if i != col && strings.Contains(c, name) {
				elsewhere = true
			}
		}
		for _, h := range header {
			elsewhere = elsewhere || strings.Contains(h, name)
		}
		if !elsewhere {
			names = append(names, name)
		}
		if len(names) == 100 { // enough: each is looked for in every message
			return names
		}
	}
}

// anyShape says whether Show quotes s for some kind of column.
func anyShape(s string) bool {
	for _, re := range shapes {
		if re.MatchString(s) {
			return true
		}
	}
	return false
}
