package cli

import (
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/careprint/careprint/internal/testtool"
)

// droidFallback is the TrueType CJK font of Debian's fonts-droid-fallback.
const droidFallback = "/usr/share/fonts/truetype/droid/DroidSansFallbackFull.ttf"

const cjkClinic = `name = "Test Clinic"
phone = "(555) 010-4477"

[[language_help]]
language = "es"
text = "Ayuda gratuita con el idioma: llame al {{.Clinic.Phone}}."

[[language_help]]
language = "zh-Hant"
text = "您可以免費獲得語言援助服務。請致電 {{.Clinic.Phone}}。"

[[language_help]]
language = "ar"
text = "خدمات المساعدة اللغوية مجانية. اتصل برقم {{.Clinic.Phone}}."
`

// A Chinese line prints once the project's fonts/ has a TrueType CJK font, found by
// itself (no key names it), and every line's element in the structure tree carries its
// language.
func TestLanguageHelpPrintsChineseWithACJKFontInFonts(t *testing.T) {
	src := testtool.NeedFile(t, droidFallback, "fonts-droid-fallback")
	testtool.Need(t, "pdftotext")
	testtool.Need(t, "qpdf")
	env, _, errb := testEnv(t)
	write := func(name, data string) {
		t.Helper()
		p := filepath.Join(env.Dir, name)
		if err := os.MkdirAll(filepath.Dir(p), 0o700); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(data), 0o600); err != nil {
			t.Fatal(err)
		}
	}
	write("content/clinic.toml", cjkClinic)
	write("layouts/handout.toml", `blocks = ["patient", "sections", "language_help"]`+"\n")
	args := []string{"handout", "--patient", "Ana Test", "-c", "acne-scars", "--date", "2026-12-01", "-o", "h.pdf"}
	if code := Main(context.Background(), env, args); code != 1 || !strings.Contains(errb.String(), "Traditional Chinese (zh-Hant) cannot be printed") {
		t.Fatalf("without a CJK font: exit %d, want 1 and the font error\n%s", code, errb)
	}
	font, err := os.ReadFile(src)
	if err != nil {
		t.Fatal(err)
	}
	write("fonts/DroidSansFallbackFull.ttf", string(font))
	errb.Reset()
	if code := Main(context.Background(), env, args); code != 0 {
		t.Fatalf("exit %d\n%s", code, errb)
	}
	pdf := filepath.Join(env.Dir, "h.pdf")
	text := runTool(t, "pdftotext", pdf, "-")
	for _, want := range []string{
		"Help in your language",
		"Free language help is available. Call (555) 010-4477.",
		"Ayuda gratuita con el idioma: llame al (555) 010-4477.",
		"您可以免費獲得語言援助服務。請致電 (555) 010-4477。",
	} {
		if !strings.Contains(text, want) {
			t.Errorf("pdftotext lacks %q:\n%s", want, text)
		}
	}
	if fonts := runTool(t, "pdffonts", pdf); !regexp.MustCompile(`(?m)^[A-Z]{6}\+DroidSansFallback `).MatchString(fonts) {
		t.Errorf("the CJK font is not embedded:\n%s", fonts)
	}
	if got, want := structLangs(t, pdf), []string{"P ar", "P es", "P zh-Hant"}; !slices.Equal(got, want) {
		t.Errorf("structure elements with /Lang = %q, want %q", got, want)
	}
}

// structLangs lists the structure elements that carry a /Lang, as "role lang", sorted.
func structLangs(t *testing.T, pdf string) []string {
	t.Helper()
	var doc struct {
		QPDF []map[string]json.RawMessage `json:"qpdf"`
	}
	if err := json.Unmarshal([]byte(runTool(t, "qpdf", "--json=2", "--json-key=qpdf", pdf)), &doc); err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, part := range doc.QPDF {
		for _, raw := range part {
			var o struct {
				Value map[string]any `json:"value"`
			}
			if json.Unmarshal(raw, &o) != nil || o.Value["/S"] == nil {
				continue // not an object of the file, or not a structure element
			}
			lang, ok := o.Value["/Lang"].(string)
			if !ok {
				continue
			}
			role, _ := o.Value["/S"].(string)
			out = append(out, strings.TrimPrefix(role, "/")+" "+strings.TrimPrefix(lang, "u:"))
		}
	}
	slices.Sort(out)
	return out
}
