package cli

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// FuzzHandout makes a whole handout from a fuzzed condition text and fuzzed patient
// fields: every run ends with exit 0 and a PDF, or exit 1 or 2 and no file, never a
// panic; and a refused run never echoes the notes.
func FuzzHandout(f *testing.F) {
	f.Add("Marks left by acne. Call {{.Clinic.Phone}}.", "Ana Núñez", "Keep out of the sun.", "2026-12-01")
	f.Add("[x](javascript:alert(1))", "Smith, Johnathan", "", "0000-01-01")
	f.Add(strings.Repeat("Long text. ", 200), "Zoë", strings.Repeat("n", 3000), "9999-12-31")
	f.Add("{{printf \"%0999999999d\" 1}}", "山田", "\ufeff", "2026-02-30")
	f.Fuzz(func(t *testing.T, text, name, notes, date string) {
		if len(text) > 20000 || len(notes) > 20000 || len(name) > 1000 {
			t.Skip()
		}
		env, _, errb := testEnv(t)
		dir := filepath.Join(env.Dir, "content", "conditions")
		if err := os.MkdirAll(dir, 0o700); err != nil {
			t.Fatal(err)
		}
		q := `"` + strings.NewReplacer(`\`, `\\`, `"`, `\"`, "\n", `\n`, "\r", `\r`).Replace(text) + `"`
		src := "title = \"Fuzzed\"\ntreatments = [\"microneedling\"]\ntext = " + q + "\n"
		if err := os.WriteFile(filepath.Join(dir, "fuzzed.toml"), []byte(src), 0o600); err != nil {
			t.Fatal(err)
		}
		code := Main(context.Background(), env, []string{"handout", "--patient", name, "--notes", notes,
			"--date", date, "-c", "fuzzed", "-o", "out.pdf"})
		out := filepath.Join(env.Dir, "out.pdf")
		data, err := os.ReadFile(out)
		switch code {
		case exitOK:
			if err != nil || !strings.HasPrefix(string(data), "%PDF-") {
				t.Fatalf("exit 0 but no PDF: %v", err)
			}
		case exitFailed, exitUsage:
			if err == nil {
				t.Fatalf("exit %d but a PDF was written", code)
			}
			if len(notes) >= 12 && strings.Contains(errb.String(), notes) {
				t.Fatalf("the notes appear in the error: %s", errb.String())
			}
		default:
			t.Fatalf("exit %d", code)
		}
	})
}
