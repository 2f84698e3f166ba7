package cli

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// A WebP logo is converted and drawn on the cover; the same input gives the same bytes.
func TestBrochureWithWebPLogo(t *testing.T) {
	env, out, errb := testEnv(t)
	logo, err := os.ReadFile("../content/testdata/logo.webp")
	if err != nil {
		t.Fatal(err)
	}
	write := func(name, text string) {
		p := filepath.Join(env.Dir, name)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write("images/logo.webp", string(logo))
	write("content/clinic.toml", "name = \"Sample Clinic\"\nphone = \"(555) 010-0000\"\nlogo = \"images/logo.webp\"\n")
	if code := Main(context.Background(), env, []string{"brochure", "microneedling", "--dump"}); code != 0 {
		t.Fatalf("exit %d: %s", code, errb)
	}
	var img string
	for _, l := range strings.Split(out.String(), "\n") {
		if strings.HasPrefix(l, "p1 image ") {
			img = l
		}
	}
	// 40 mm wide at the logo's 3:2, on the front (the right-hand panel of the outside).
	if !strings.HasSuffix(img, ` 40.000 26.666 "images/logo.webp"`) {
		t.Errorf("no logo on the cover: %q", img)
	}
	var pdfs [][]byte
	for _, name := range []string{"a.pdf", "b.pdf"} {
		if code := Main(context.Background(), env, []string{"brochure", "microneedling", "-o", name}); code != 0 {
			t.Fatalf("exit %d: %s", code, errb)
		}
		b, err := os.ReadFile(filepath.Join(env.Dir, name))
		if err != nil {
			t.Fatal(err)
		}
		pdfs = append(pdfs, b)
	}
	if !bytes.Contains(pdfs[0], []byte("/Subtype /Image")) {
		t.Error("the PDF has no image")
	}
	if !bytes.Equal(pdfs[0], pdfs[1]) {
		t.Error("two runs gave different bytes")
	}
}

func TestBrochureUnreadableLogo(t *testing.T) {
	env, _, errb := testEnv(t)
	if err := os.WriteFile(filepath.Join(env.Dir, "logo.png"), []byte("not an image"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.MkdirAll(filepath.Join(env.Dir, "content"), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(filepath.Join(env.Dir, "content/clinic.toml"), []byte("name = \"C\"\nphone = \"1\"\nlogo = \"logo.png\"\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	code := Main(context.Background(), env, []string{"brochure", "microneedling", "-o", "x.pdf"})
	want := "content/clinic.toml:3:1: logo: logo.png is not a PNG, JPEG, GIF or WebP image: use a PNG, JPEG or WebP file\n"
	if code != 1 || !strings.HasPrefix(errb.String(), want) {
		t.Errorf("exit %d, stderr:\n%s\nwant first line:\n%s", code, errb, want)
	}
	if _, err := os.Stat(filepath.Join(env.Dir, "x.pdf")); err == nil {
		t.Error("a PDF was written")
	}
}
