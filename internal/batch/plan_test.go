package batch

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/careprint/careprint/internal/engine"
)

func writeRoster(t *testing.T, path, header string, rows ...string) {
	t.Helper()
	if err := os.WriteFile(path, []byte(header+"\n"+strings.Join(rows, "\n")+"\n"), 0o644); err != nil {
		t.Fatal(err)
	}
}

// builtin is the built-in project, which every test here plans against.
func builtin(t *testing.T) *engine.Project {
	t.Helper()
	p := engine.Open("", false)
	if p.Diags.HasErrors() {
		t.Fatalf("the built-in project has errors: %v", p.Diags)
	}
	return p
}

// TestPlanReadsTheRosterTwiceAndNoticesAChange: the roster is read a row at a time,
// once to check and name, once to feed the workers; a roster saved again in between is
// reported, never printed half old, half new.
func TestPlanReadsTheRosterTwiceAndNoticesAChange(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "roster.csv")
	rows := func(n int) []string {
		var rs []string
		for i := range n {
			rs = append(rs, fmt.Sprintf("P%03d,Patient %d,2026-12-01,acne-scars|fine-lines", i, i))
		}
		return rs
	}
	const header = "id,name,treatment_date,conditions"
	writeRoster(t, path, header, rows(3)...)
	var msgs []string
	pl, err := NewPlan(builtin(t), Options{Roster: "roster.csv", Path: path, Encoding: "utf-8", Layout: "handout", Out: "output", OutDir: filepath.Join(dir, "output")},
		func(m string) { msgs = append(msgs, m) })
	if err != nil || pl.Bad != 0 || pl.Len() != 3 || len(msgs) != 0 {
		t.Fatalf("plan %+v, %v: %q", pl, err, msgs)
	}
	feed := func() (got []string, changed bool) {
		next := make(chan Job, 10)
		changed = pl.Feed(context.Background(), next, nil)
		close(next)
		for j := range next {
			got = append(got, fmt.Sprintf("%d:%d:%s:%s", j.I, j.Row.Line, j.Rel, j.Req.Layout))
		}
		return got, changed
	}
	want := "[0:2:output/P000.pdf:handout 1:3:output/P001.pdf:handout 2:4:output/P002.pdf:handout]"
	if got, changed := feed(); fmt.Sprint(got) != want || changed {
		t.Errorf("fed %v, changed %v; want %s", got, changed, want)
	}
	outcomes := make([]Outcome, pl.Len())
	var mu sync.Mutex
	var done []int
	mk := &Maker{Project: builtin(t), Check: true, Date: func(d time.Time) (time.Time, error) { return d, nil }}
	changed, stopped := pl.Run(context.Background(), mk, nil, outcomes, 2, false, func(j Job, o Outcome) {
		mu.Lock()
		done = append(done, j.Row.Line)
		mu.Unlock()
	})
	slices.Sort(done)
	if changed || stopped || fmt.Sprint(done) != "[2 3 4]" {
		t.Errorf("run: changed %v, stopped %v, done %v", changed, stopped, done)
	}
	for i, o := range outcomes {
		if o.Err != nil || o.Pages == 0 || o.Line != i+2 || o.Written {
			t.Errorf("outcome %d: %+v", i, o)
		}
	}
	writeRoster(t, path, header, rows(4)...)
	if got, changed := feed(); !changed {
		t.Errorf("a roster with a row more was not noticed (fed %v)", got)
	}
}

// TestPlanReportsBadRowsInLineOrder: each bad row is reported by its line and column and
// the good ones are planned; with FailFast only the first is, and the plan stops.
func TestPlanReportsBadRowsInLineOrder(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "r.csv")
	writeRoster(t, path, "id,name,treatment_date,conditions,paper",
		"A,Ann,2026-12-01,acne-scars,a4",
		"B,Ben,2026-12-01,no-such,a4",
		"a,Cy,2026-12-01,acne-scars,a4",
		",Di,2026-12-01,acne-scars,a3",
		",Ed,2026-12-01,acne-scars,letter")
	p := builtin(t)
	opts := Options{Roster: "r.csv", Path: path, Encoding: "utf-8", Layout: "handout", Out: "out", OutDir: filepath.Join(dir, "out")}
	var msgs []string
	pl, err := NewPlan(p, opts, func(m string) { msgs = append(msgs, m) })
	if err != nil || pl.Bad != 3 || pl.Len() != 2 {
		t.Fatalf("plan %+v, %v", pl, err)
	}
	for i, prefix := range []string{"r.csv:3: conditions: ", "r.csv:4: id: makes the same file as the id on line 2 ", "r.csv:5: paper: "} {
		if i >= len(msgs) || !strings.HasPrefix(msgs[i], prefix) {
			t.Errorf("message %d: got %q, want it to start %q", i, msgs, prefix)
		}
	}
	if len(msgs) != 3 || strings.Contains(strings.Join(msgs, "\n"), "Ben") {
		t.Errorf("messages %q: want 3, none naming a patient", msgs)
	}
	opts.FailFast = true
	msgs = nil
	if _, err := NewPlan(p, opts, func(m string) { msgs = append(msgs, m) }); err != ErrReported || len(msgs) != 2 ||
		!strings.HasPrefix(msgs[0], "r.csv:3: conditions: ") || msgs[1] != "stopped at the first bad row (--fail-fast): nothing was printed" {
		t.Errorf("fail-fast: %v, %q", err, msgs)
	}
}
