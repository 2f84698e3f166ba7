package cli

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	careprint "github.com/careprint/careprint"
)

// Font files careprint cannot embed, and families missing a face a layout prints with,
// are errors naming the file, in check and before anything is printed.
func TestFontErrorsNameTheFile(t *testing.T) {
	regular, err := careprint.Defaults.ReadFile("fonts/AtkinsonHyperlegible-Regular.ttf")
	if err != nil {
		t.Fatal(err)
	}
	cff := []byte("OTTO\x00\x0a\x00\x80\x00\x03\x00\x20 a PostScript-flavoured OpenType font")
	files := map[string][]byte{
		"fonts/Solo-Regular.ttf":  regular, // no Solo-Bold.ttf
		"fonts/Solo-Italic.ttf":   cff,     // named .ttf, but CFF inside
		"fonts/Inter-Regular.otf": cff,
		"fonts/Inter-Bold.otf":    cff,
		"layouts/handout.toml": []byte(`description = "Solo body, Inter headings"
blocks = ["patient"]
[type]
font = "Solo"
heading_font = "Inter"
`),
	}
	const cffMsg = ": the font has CFF (PostScript) outlines: only TrueType (glyf) outlines can be embedded; use the family's TrueType (.ttf) files"
	want := "fonts/Inter-Bold.otf" + cffMsg + "\n" +
		"fonts/Inter-Regular.otf" + cffMsg + "\n" +
		"fonts/Solo-Italic.ttf" + cffMsg + "\n" +
		"layouts/handout.toml:4:1: type.font: font \"Solo\" has no bold face: add fonts/Solo-Bold.ttf (labels, table headings and warnings print in bold)\n" +
		"layouts/handout.toml:5:1: type.heading_font: font \"Inter\" not found: add fonts/Inter-Regular.ttf and fonts/Inter-Bold.ttf (fonts/Inter-Bold.otf, fonts/Inter-Regular.otf cannot be used: see above)\n"
	for _, args := range [][]string{{"check"}, {"handout", "--patient", "X", "-c", "acne-scars", "-o", "x.pdf"}} {
		env, _, errb := testEnv(t)
		for name, data := range files {
			path := filepath.Join(env.Dir, name)
			if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(path, data, 0o644); err != nil {
				t.Fatal(err)
			}
		}
		if code := Main(context.Background(), env, args); code != 1 {
			t.Errorf("%s: exit code %d, want 1", args[0], code)
		}
		if got := errb.String(); !strings.HasPrefix(got, want) {
			t.Errorf("%s: stderr:\n%s\nwant it to start with:\n%s", args[0], got, want)
		}
		if _, err := os.Stat(filepath.Join(env.Dir, "x.pdf")); err == nil {
			t.Errorf("%s: a handout was printed", args[0])
		}
	}
}
