package batch

import (
	"fmt"
	"testing"
	"time"
)

// TestFileNamesAreDistinctAndPortable: ids that make the same file on a
// case-insensitive disk are reported (the later row, with the earlier's line), never
// suffixed; names Windows reserves are changed; only rows without an id get -2, -3,
// and never the name of a real id.
func TestFileNamesAreDistinctAndPortable(t *testing.T) {
	d := time.Date(2026, 12, 1, 0, 0, 0, 0, time.UTC)
	ids := []string{"X", "X", "x", "X-2", "P/1", "P:1", "con", "NUL.txt", "com1", "lpt9.", "conin", "a. ", "", "row-13-2026-12-01", "row-13-2026-12-01-2", "..."}
	fn := NewFileNamer()
	names := make([]string, len(ids))
	dups := map[int]int{}
	for i, id := range ids {
		if id != "" {
			var dup int
			if names[i], dup = fn.Claim(id, i+1); dup > 0 {
				dups[i+1] = dup
			}
		}
	}
	for i, id := range ids {
		if id == "" {
			names[i] = fn.Unnamed(i+1, d)
		}
	}
	want := []string{"X.pdf", "", "", "X-2.pdf", "P-1.pdf", "", "con_.pdf", "NUL_.txt.pdf", "com1_.pdf", "lpt9_.pdf", "conin.pdf", "a.pdf", "row-13-2026-12-01-3.pdf", "row-13-2026-12-01.pdf", "row-13-2026-12-01-2.pdf", "id.pdf"}
	if fmt.Sprint(names) != fmt.Sprint(want) {
		t.Errorf("names:\n%q\nwant:\n%q", names, want)
	}
	if wantDups := map[int]int{2: 1, 3: 1, 6: 5}; fmt.Sprint(dups) != fmt.Sprint(wantDups) {
		t.Errorf("duplicates %v, want %v", dups, wantDups)
	}
}
