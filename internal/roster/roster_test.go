package roster

import (
	"fmt"
	"io"
	"strings"
	"testing"
)

func read(src string) ([]Row, string) {
	return readAs(src, UTF8)
}

func readAs(src string, enc Encoding) ([]Row, string) {
	rows, errs := Read(strings.NewReader(src), "roster.csv", enc)
	var msgs []string
	for _, e := range errs {
		msgs = append(msgs, e.Error())
	}
	return rows, strings.Join(msgs, "\n")
}

func summary(rows []Row) string {
	var out []string
	for _, r := range rows {
		out = append(out, fmt.Sprintf("%d %s %s %s %v %s", r.Line, r.ID, r.Name, r.TreatmentDate.Format("2006-01-02"), r.Conditions, r.Notes))
	}
	return strings.Join(out, "\n")
}

func TestReadAcceptsWhatSpreadsheetsWrite(t *testing.T) {
	tests := []struct {
		name, src, want string
	}{
		{"plain", "name,treatment_date,conditions\nAna,2026-12-01,acne-scars\n",
			"2  Ana 2026-12-01 [acne-scars] "},
		{"Excel: BOM, semicolons, CRLF, quotes", "\ufeffID;Name;Treatment_Date;Conditions;Notes\r\nP1;\"Núñez, Ana\";2026-12-01;acne-scars|fine-lines;\"said \"\"hi\"\"; ok\"\r\n",
			`2 P1 Núñez, Ana 2026-12-01 [acne-scars fine-lines] said "hi"; ok`},
		{"columns in any order, commas inside a cell", "conditions,name,treatment_date\n\"acne-scars, hair-loss\",Ben,2026-12-02\n",
			"2  Ben 2026-12-02 [acne-scars hair-loss] "},
		{"empty lines are skipped and line numbers stay true", "name,treatment_date,conditions\n\nAna,2026-12-01,acne-scars\n,,\nBen,2026-12-01,hair-loss\n",
			"3  Ana 2026-12-01 [acne-scars] \n5  Ben 2026-12-01 [hair-loss] "},
		{"a quoted field over two lines", "name,treatment_date,conditions,notes\nAna,2026-12-01,acne-scars,\"two\nlines\"\nBen,2026-12-01,hair-loss,\n",
			"2  Ana 2026-12-01 [acne-scars] two\nlines\n4  Ben 2026-12-01 [hair-loss] "},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			rows, errs := read(tt.src)
			if errs != "" {
				t.Fatal(errs)
			}
			if got := summary(rows); got != tt.want {
				t.Errorf("rows:\n%s\nwant:\n%s", got, tt.want)
			}
		})
	}
}

func TestReadReportsProblemsByLineNotByName(t *testing.T) {
	tests := []struct {
		name, src, want string
	}{
		{"unknown column", "name,treatment_date,conditions,dob\n", `roster.csv:1: unknown column "dob" (known: name, treatment_date, conditions, id, clinician, language, layout, paper, notes, treatment, treatment_time)`},
		{"missing column", "name,conditions\n", `roster.csv:1: missing column "treatment_date" (required: name, treatment_date, conditions)`},
		{"empty file", "", "roster.csv: the roster is empty: the first line names the columns (name, treatment_date, conditions, ...)"},
		{"bad rows", "name,treatment_date,conditions\nSecret One,2026-13-01,acne-scars\nSecret Two,2026-12-01,\n,2026-12-01,acne-scars\n",
			"roster.csv:2: treatment_date: not a date \"2026-13-01\" (want YYYY-MM-DD, e.g. 2026-12-01)\n" +
				"roster.csv:3: conditions: empty: name at least one condition, e.g. acne-scars|fine-lines\n" +
				"roster.csv:4: name: empty: every row needs the patient's name"},
		{"broken quotes", "name,treatment_date,conditions\n\"Secret,2026-12-01,acne-scars\n", `roster.csv:2: extraneous or missing " in quoted-field (line 2, column 31): check this row's quotes and separators`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, errs := read(tt.src)
			if errs != tt.want {
				t.Errorf("errors:\n%s\nwant:\n%s", errs, tt.want)
			}
			if strings.Contains(errs, "Secret") {
				t.Error("an error names the patient")
			}
		})
	}
}

// TestRowsAreWholeOrErrors: a name with an unquoted separator makes a row longer than
// the header. It is an error naming the line and both counts, never shifted into other
// columns, whichever column the name is in, and the name is not in the message.
func TestRowsAreWholeOrErrors(t *testing.T) {
	tests := []struct {
		name, src, want string
	}{
		{"name before the date", "id,name,treatment_date,conditions\nS1,Secret, Johnathan,2026-12-01,acne-scars\n",
			`roster.csv:2: 5 fields, but the header has 4: put quotes around a value that contains ",", e.g. "Smith, Ana"`},
		{"name last: never printed with half the name as notes", "id,treatment_date,conditions,name,notes\nS1,2026-12-01,acne-scars,Secret, Johnathan,\n",
			`roster.csv:2: 6 fields, but the header has 5: put quotes around a value that contains ",", e.g. "Smith, Ana"`},
		{"fewer fields", "id;name;treatment_date;conditions\nS1;Secret;2026-12-01\n",
			`roster.csv:2: 3 fields, but the header has 4: put quotes around a value that contains ";", e.g. "Smith; Ana"`},
		{"tabs", "id\tname\ttreatment_date\tconditions\nS1\tSecret\tSmith\t2026-12-01\tacne-scars\n",
			"roster.csv:2: 5 fields, but the header has 4: put quotes around a value that contains a tab, e.g. \"Smith\t Ana\""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			rows, errs := read(tt.src)
			if errs != tt.want {
				t.Errorf("errors:\n%s\nwant:\n%s", errs, tt.want)
			}
			if len(rows) != 0 {
				t.Errorf("a shifted row was accepted: %v", summary(rows))
			}
		})
	}
}

// TestMessagesQuoteOnlyCellsOfTheirColumnsKind: a cell is quoted only when it has its
// column's shape; otherwise it is described, so a name that lands in a date column is
// not printed in the message.
func TestMessagesQuoteOnlyCellsOfTheirColumnsKind(t *testing.T) {
	tests := []struct {
		name, src, want string
	}{
		{"a name in the date column", "name,treatment_date,conditions\nAna,Johnathan,acne-scars\n",
			"roster.csv:2: treatment_date: not a date: 9 letters (want YYYY-MM-DD, e.g. 2026-12-01)"},
		{"two words in the date column", "name,treatment_date,conditions\nAna,Secret Smith,acne-scars\n",
			"roster.csv:2: treatment_date: not a date: 2 words, 12 characters (want YYYY-MM-DD, e.g. 2026-12-01)"},
		{"a date-like mistake is quoted", "name,treatment_date,conditions\nAna,01/12/2026,acne-scars\n",
			`roster.csv:2: treatment_date: not a date "01/12/2026" (want YYYY-MM-DD, e.g. 2026-12-01)`},
		{"a long digit run is described", "name,treatment_date,conditions\nAna,20261201202612012026,acne-scars\n",
			"roster.csv:2: treatment_date: not a date: 20 characters (want YYYY-MM-DD, e.g. 2026-12-01)"},
		{"a name as a column header", "name,treatment_date,conditions,Secret Smith\n",
			"roster.csv:1: unknown column: 2 words, 12 characters (known: name, treatment_date, conditions, id, clinician, language, layout, paper, notes, treatment, treatment_time)"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, errs := read(tt.src)
			if errs != tt.want {
				t.Errorf("errors:\n%s\nwant:\n%s", errs, tt.want)
			}
		})
	}
}

func TestShow(t *testing.T) {
	tests := []struct {
		k    Kind
		s    string
		want string
	}{
		{KindDate, "2026-13-01", `"2026-13-01"`},
		{KindDate, "Johnathan", "9 letters"},
		{KindWord, "acne-scar", `"acne-scar"`},
		{KindWord, "Johnathan", "9 letters"},
		{KindWord, "johnathan smith", "2 words, 15 characters"},
		{KindWord, strings.Repeat("a", 41), "41 letters"},
		{KindLanguage, "es-MX", `"es-MX"`},
		{KindLanguage, "Ana", "3 letters"},
		{KindLanguage, "", "nothing"},
		{KindWord, "Zoë", "3 letters"},
		{KindPaper, "A3", `"A3"`},
		{KindPaper, "Legal", `"Legal"`},
		{KindPaper, "Johnathan", "9 letters"},
	}
	for _, tt := range tests {
		if got, _ := Show(tt.k, tt.s); got != tt.want {
			t.Errorf("Show(%d, %q) = %s, want %s", tt.k, tt.s, got, tt.want)
		}
	}
}

// TestInvisibleCharactersAreRemovedFromNames: a byte-order mark or a zero-width
// character inside a name (pasted from a word processor) prints as nothing, so it is
// removed rather than reported as right-to-left text; direction marks are kept.
func TestInvisibleCharactersAreRemovedFromNames(t *testing.T) {
	rows, errs := read("name,treatment_date,conditions,notes,clinician\n\ufeffAna\u200b Lu\ufeff,2026-12-01,acne-scars,a\u00adb,Dr\u2060 Osei\n")
	if errs != "" {
		t.Fatal(errs)
	}
	r := rows[0]
	if r.Name != "Ana Lu" || r.Notes != "ab" || r.Clinician != "Dr Osei" {
		t.Errorf("got %q %q %q", r.Name, r.Notes, r.Clinician)
	}
	if got := Clean("\u200fשלום"); got != "\u200fשלום" {
		t.Errorf("a direction mark was removed: %q", got)
	}
}

// TestEncodings: Excel's "CSV (Comma delimited)" is Windows-1252. Read as UTF-8 it is
// an error naming the line, never "Zo�"; with Windows1252 it reads as written.
func TestEncodings(t *testing.T) {
	src := "name,treatment_date,conditions\nZo\xeb,2026-12-01,acne-scars\nAna,2026-12-01,acne-scars\n"
	rows, errs := read(src)
	if want := `roster.csv:2: field 1 is not UTF-8 text: save the roster as "CSV UTF-8", or read it with --encoding windows-1252`; errs != want {
		t.Errorf("errors:\n%s\nwant:\n%s", errs, want)
	}
	if len(rows) != 1 || rows[0].Line != 3 {
		t.Errorf("the good row: %v", summary(rows))
	}
	rows, errs = readAs(src, Windows1252)
	if errs != "" || len(rows) != 2 || rows[0].Name != "Zoë" {
		t.Errorf("windows-1252: %v %s", summary(rows), errs)
	}
	if _, errs = readAs("name\xff,treatment_date,conditions\n", UTF8); !strings.HasPrefix(errs, "roster.csv:1: field 1 is not UTF-8") {
		t.Errorf("a header in another encoding: %s", errs)
	}
	if _, errs = readAs("\ufeffname,treatment_date,conditions\n", Windows1252); errs != "roster.csv:1: the roster is UTF-8 (it starts with a byte-order mark): leave out --encoding windows-1252" {
		t.Errorf("UTF-8 read as windows-1252: %s", errs)
	}
	if _, errs = readAs("name,treatment_date,conditions\n", "latin-9"); errs != `roster.csv: unknown encoding "latin-9" (valid: utf-8, windows-1252)` {
		t.Errorf("unknown encoding: %s", errs)
	}
}

// TestDatesOutsideTheWindowNameTheirColumn: a year from 1900 to 2200, and every date
// message names the column (0001-01-01 is Go's zero time, once "no treatment date").
func TestDatesOutsideTheWindowNameTheirColumn(t *testing.T) {
	for _, tt := range []struct{ date, want string }{
		{"0000-01-01", `roster.csv:2: treatment_date: not a treatment date "0000-01-01": the year must be from 1900 to 2200`},
		{"0001-01-01", `roster.csv:2: treatment_date: not a treatment date "0001-01-01": the year must be from 1900 to 2200`},
		{"1899-12-31", `roster.csv:2: treatment_date: not a treatment date "1899-12-31": the year must be from 1900 to 2200`},
		{"2201-01-01", `roster.csv:2: treatment_date: not a treatment date "2201-01-01": the year must be from 1900 to 2200`},
		{"9999-12-31", `roster.csv:2: treatment_date: not a treatment date "9999-12-31": the year must be from 1900 to 2200`},
		{"", `roster.csv:2: treatment_date: empty: want YYYY-MM-DD, e.g. 2026-12-01`},
		{"1900-01-01", ""},
		{"2200-12-31", ""},
	} {
		if _, errs := read("name,treatment_date,conditions\nAna," + tt.date + ",acne-scars\n"); errs != tt.want {
			t.Errorf("%s: %s, want %s", tt.date, errs, tt.want)
		}
	}
}

// TestFreeTextFieldsHaveLimits: each limit is an error naming the column and the
// limit, never quoting the value.
func TestFreeTextFieldsHaveLimits(t *testing.T) {
	long := func(n int) string { return strings.Repeat("é", n) }
	src := "id,name,treatment_date,conditions,clinician,notes\n" +
		strings.Repeat("p", MaxID) + "," + long(MaxName) + ",2026-12-01,acne-scars," + long(MaxClinician) + "," + long(MaxNotes) + "\n" +
		strings.Repeat("p", MaxID+1) + "," + long(MaxName+1) + ",2026-12-01,acne-scars," + long(MaxClinician+1) + "," + long(MaxNotes+1) + "\n"
	rows, errs := read(src)
	want := "roster.csv:3: id: 81 characters, more than the limit of 80\n" +
		"roster.csv:3: name: 201 characters, more than the limit of 200\n" +
		"roster.csv:3: clinician: 201 characters, more than the limit of 200\n" +
		"roster.csv:3: notes: 2001 characters, more than the limit of 2000"
	if errs != want || len(rows) != 1 {
		t.Errorf("errors:\n%s\nwant:\n%s\n(%d rows)", errs, want, len(rows))
	}
}

// TestAHugeRowIsNotReadIntoMemory: a cell of many megabytes ends the roster with an
// error naming its line, after at most MaxRowBytes of it.
func TestAHugeRowIsNotReadIntoMemory(t *testing.T) {
	src := io.MultiReader(strings.NewReader("name,treatment_date,conditions,notes\nAna,2026-12-01,acne-scars,x\nBen,2026-12-01,acne-scars,\""),
		&endless{}, strings.NewReader("\"\n"))
	rows, errs := Read(src, "roster.csv", UTF8)
	if len(errs) != 1 || errs[0].Error() != "roster.csv:3: a row of more than 1 MB: no patient needs that much; the rest of the roster is not read" || len(rows) != 1 {
		t.Errorf("%d rows, errors %v", len(rows), errs)
	}
}

// endless gives "a" bytes and fails the test past 4 MB.
type endless struct{ n int }

func (e *endless) Read(p []byte) (int, error) {
	if e.n += len(p); e.n > 4<<20 {
		panic("read far past the row limit")
	}
	for i := range p {
		p[i] = 'a'
	}
	return len(p), nil
}
