package roster

import (
	"fmt"
	"strings"
	"testing"
)

func read(src string) ([]Row, string) {
	rows, errs := Read(strings.NewReader(src), "roster.csv")
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
			"roster.csv:2: treatment_date: \"2026-13-01\" is not a date (want YYYY-MM-DD, e.g. 2026-12-01)\n" +
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
