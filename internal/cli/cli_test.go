package cli

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

func testEnv(t *testing.T) (*Env, *bytes.Buffer, *bytes.Buffer) {
	t.Helper()
	var out, errb bytes.Buffer
	return &Env{
		Out: &out, Err: &errb, Dir: t.TempDir(),
		Getenv: func(string) string { return "" },
		Now:    func() time.Time { return time.Date(2026, 11, 24, 15, 4, 5, 0, time.UTC) },
	}, &out, &errb
}

func TestNewCmdHandoutParsesFlags(t *testing.T) {
	env, _, _ := testEnv(t)
	var got *HandoutOptions
	cmd := NewCmdHandout(env, &globalOptions{}, func(o *HandoutOptions) error { got = o; return nil })
	cmd.SetArgs([]string{"--patient", "A B", "-c", "acne-scars,fine-lines", "--condition", "hair-loss", "--date", "2026-12-01", "--paper", "letter", "-o", "x.pdf"})
	if err := cmd.Execute(); err != nil {
		t.Fatal(err)
	}
	if got.Patient != "A B" || strings.Join(got.Conditions, " ") != "acne-scars fine-lines hair-loss" ||
		got.Date != "2026-12-01" || got.Paper != "letter" || got.Output != "x.pdf" || got.Layout != "handout" {
		t.Errorf("options: %+v", got)
	}
}

func TestExitCodes(t *testing.T) {
	tests := []struct {
		name    string
		args    []string
		code    int
		errLine string
	}{
		{"unknown command", []string{"frobnicate"}, 2, `error: unknown command "frobnicate" for "careprint"`},
		{"unknown flag", []string{"handout", "--bogus"}, 2, "error: unknown flag: --bogus"},
		{"missing patient", []string{"handout", "-c", "acne-scars"}, 2, "error: --patient is required: the patient's name as it should be printed"},
		{"unknown condition", []string{"handout", "--patient", "X", "-c", "nope"}, 2, `error: --condition: unknown condition "nope" (valid: acne-scars, dull-skin, enlarged-pores, fine-lines, hair-loss, hyperpigmentation, stretch-marks, surgical-scars)`},
		{"check of the built-in content", []string{"check"}, 0, "content/clinic.es.toml:8:1: warning: translation.reviewed_by: not reviewed by a qualified translator: patient-safety text needs one (HHS Section 1557); set reviewed_by once it is"},
		{"handout", []string{"handout", "--patient", "X", "-c", "acne-scars", "-o", "a.pdf"}, 0, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			env, _, errb := testEnv(t)
			code := Main(context.Background(), env, tt.args)
			if code != tt.code {
				t.Errorf("exit code %d, want %d; stderr:\n%s", code, tt.code, errb)
			}
			if first := strings.SplitN(errb.String(), "\n", 2)[0]; first != tt.errLine {
				t.Errorf("stderr first line:\n got %q\nwant %q", first, tt.errLine)
			}
		})
	}
}

func TestHandoutWithBrokenProjectWritesNothing(t *testing.T) {
	env, _, errb := testEnv(t)
	if err := os.MkdirAll(filepath.Join(env.Dir, "layouts"), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(env.Dir, "layouts", "handout.toml"), []byte("blocks = [\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	code := Main(context.Background(), env, []string{"handout", "--patient", "X", "-c", "acne-scars", "-o", "a.pdf"})
	if code != 1 {
		t.Errorf("exit code %d, want 1", code)
	}
	if !strings.HasPrefix(errb.String(), "layouts/handout.toml:1:11: ") {
		t.Errorf("stderr:\n%s", errb)
	}
	if _, err := os.Stat(filepath.Join(env.Dir, "a.pdf")); !os.IsNotExist(err) {
		t.Errorf("a.pdf was written")
	}
	entries, _ := os.ReadDir(env.Dir)
	if len(entries) != 1 {
		t.Errorf("left files behind: %v", entries)
	}
}

func TestDocumentDateComesFromSourceDateEpoch(t *testing.T) {
	env, _, _ := testEnv(t)
	treat := time.Date(2026, 12, 1, 0, 0, 0, 0, time.UTC)
	if d, _ := documentDate(env, treat); !d.Equal(treat) {
		t.Errorf("without SOURCE_DATE_EPOCH: %v", d)
	}
	env.Getenv = func(k string) string {
		if k == "SOURCE_DATE_EPOCH" {
			return "1700000000"
		}
		return ""
	}
	if d, _ := documentDate(env, treat); d.Unix() != 1700000000 {
		t.Errorf("with SOURCE_DATE_EPOCH: %v", d)
	}
	env.Getenv = func(string) string { return "soon" }
	if _, err := documentDate(env, treat); err == nil || err.Error() != `SOURCE_DATE_EPOCH="soon" is not a number of seconds since 1970` {
		t.Errorf("bad SOURCE_DATE_EPOCH: %v", err)
	}
}
