package cli

import (
	"bytes"
	"context"
	"fmt"
	"image"
	"image/color"
	"image/draw"
	"image/png"
	"os"
	"path/filepath"
	"strings"
	"testing"

	careprint "github.com/careprint/careprint"
)

// TestBuildRemakesForEachKindOfInput changes each kind of input that the build's
// testscript does not (a font, the logo, careprint's own version) and checks that
// build --check names it, and that a build then makes only what it touched.
func TestBuildRemakesForEachKindOfInput(t *testing.T) {
	env, out, errb := testEnv(t)
	run := func(args ...string) int {
		out.Reset()
		errb.Reset()
		return Main(context.Background(), env, args)
	}
	if run("init", ".") != 0 {
		t.Fatal(errb.String())
	}
	write := func(name string, data []byte) {
		p := filepath.Join(env.Dir, name)
		os.MkdirAll(filepath.Dir(p), 0o755)
		if err := os.WriteFile(p, data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	logo, err := os.ReadFile("../content/testdata/interlaced.png")
	if err != nil {
		t.Fatal(err)
	}
	var other bytes.Buffer // another logo: a 30 × 20 blue PNG
	img := image.NewRGBA(image.Rect(0, 0, 30, 20))
	draw.Draw(img, img.Bounds(), &image.Uniform{color.RGBA{0x1f, 0x4e, 0x79, 0xff}}, image.Point{}, draw.Src)
	if err := png.Encode(&other, img); err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { Version = "" })
	clinic, err := os.ReadFile(filepath.Join(env.Dir, "content/clinic.toml"))
	if err != nil {
		t.Fatal(err)
	}
	write("content/clinic.toml", bytes.Replace(clinic, []byte(`logo = ""`), []byte(`logo = "images/logo.png"`), 1))
	write("images/logo.png", logo)
	if run("build") != 0 {
		t.Fatal(out.String(), errb.String())
	}
	font, err := careprint.Defaults.ReadFile("fonts/DejaVuSans.ttf")
	if err != nil {
		t.Fatal(err)
	}

	for _, tt := range []struct {
		name    string
		change  func()
		stale   []string // the outputs build --check names, with what changed
		current int
	}{
		{"a new font", func() { write("fonts/Extra.ttf", font) }, []string{
			"stale     output/samples/acne-scars-a4.pdf (changed: fonts/Extra.ttf)",
			"stale     output/samples/hair-loss-large-letter.pdf (changed: fonts/Extra.ttf)",
			"stale     output/brochures/microneedling-trifold-letter.pdf (changed: fonts/Extra.ttf)",
			"stale     output/brochures/microneedling-booklet-a4.pdf (changed: fonts/Extra.ttf)",
		}, 0},
		// Handouts print no logo, so only the brochures are remade.
		{"the logo", func() { write("images/logo.png", other.Bytes()) }, []string{
			"stale     output/brochures/microneedling-trifold-letter.pdf (changed: images/logo.png)",
			"stale     output/brochures/microneedling-booklet-a4.pdf (changed: images/logo.png)",
		}, 2},
		{"careprint's version", func() { Version = "v9.9.9" }, []string{
			"stale     output/samples/acne-scars-a4.pdf (changed: careprint)",
			"stale     output/samples/hair-loss-large-letter.pdf (changed: careprint)",
			"stale     output/brochures/microneedling-trifold-letter.pdf (changed: careprint)",
			"stale     output/brochures/microneedling-booklet-a4.pdf (changed: careprint)",
		}, 0},
	} {
		t.Run(tt.name, func(t *testing.T) {
			tt.change()
			if code := run("build", "--check"); code != 1 {
				t.Fatalf("build --check exit %d, want 1:\n%s%s", code, out.String(), errb.String())
			}
			if got := strings.TrimSpace(errb.String()); got != strings.Join(tt.stale, "\n") {
				t.Errorf("stale:\n%s\nwant:\n%s", got, strings.Join(tt.stale, "\n"))
			}
			if run("build") != 0 {
				t.Fatal(out.String(), errb.String())
			}
			if want := fmt.Sprintf("%d made, %d unchanged, 0 failed", len(tt.stale), tt.current); !strings.Contains(out.String(), want) {
				t.Errorf("build after the change:\n%s", out.String())
			}
		})
	}
}
