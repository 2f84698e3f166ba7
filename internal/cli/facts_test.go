package cli

import (
	"bufio"
	"os"
	"strings"
	"testing"
	"time"

	careprint "github.com/careprint/careprint"
	"github.com/careprint/careprint/internal/content"
	"github.com/careprint/careprint/internal/doc"
	"github.com/careprint/careprint/internal/resolve"
)

// TestEverySeedFactReachesTheHandout reads content/FACTS.txt (one fact of the clinic's
// seed document a line: fact | file | phrase) and checks that each phrase is printed in a
// handout that names all eight conditions.
func TestEverySeedFactReachesTheHandout(t *testing.T) {
	p, diags := content.Load(&content.Overlay{Builtin: careprint.Defaults})
	if diags.HasErrors() {
		t.Fatal(diags)
	}
	d, _, err := resolve.Handout(p, resolve.Request{Layout: "handout", Patient: resolve.Patient{
		Name: "Test", TreatmentDate: time.Date(2026, 12, 1, 0, 0, 0, 0, time.UTC), Conditions: content.IDs(p.Conditions),
	}})
	if err != nil {
		t.Fatal(err)
	}
	printed := strings.Join(strings.Fields(doc.PlainText(d)), " ")
	f, err := os.Open("../../content/FACTS.txt")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	n := 0
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		parts := strings.Split(sc.Text(), "|")
		if len(parts) != 3 || strings.HasPrefix(strings.TrimSpace(parts[0]), "#") {
			continue
		}
		n++
		phrase := strings.Join(strings.Fields(parts[2]), " ")
		if !strings.Contains(printed, phrase) {
			t.Errorf("fact %q: phrase %q (%s) is not printed", strings.TrimSpace(parts[0]), phrase, strings.TrimSpace(parts[1]))
		}
	}
	if n < 40 {
		t.Errorf("only %d facts listed in content/FACTS.txt; the seed has more", n)
	}
}
