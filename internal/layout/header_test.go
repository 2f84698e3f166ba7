package layout

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/careprint/careprint/internal/doc"
	"github.com/careprint/careprint/internal/geom"
)

// A handout's look from its layout: the clinic's logo in the header band (left of the
// name or right of the contact lines, at the layout's height), headings in their own
// family and colour, and the band's text colour.
func TestHeaderLogoAndHeadingLook(t *testing.T) {
	d := doc.Document{PageLabel: "Page {page} of {pages}", Header: doc.Header{Title: "Clinic", Subtitle: "Aftercare", Lines: []string{"555 0100", "x.example"}}, Blocks: []doc.Block{
		doc.Heading{Level: 1, Text: "What it is"}, para("Tiny needles."),
	}}
	logo := doc.Image{Name: "logo.png", PNG: []byte("png"), Width: 300, Height: 100}
	for _, tt := range []struct {
		name  string
		right bool
	}{{"header-logo-left", false}, {"header-logo-right", true}} {
		t.Run(tt.name, func(t *testing.T) {
			st := small()
			st.HeadingFamily = "Serif"
			st.Heading = geom.RGB{R: 0x7a, G: 0x1f, B: 0x5c}
			st.BandText = geom.RGB{R: 0xff, G: 0xf4, B: 0xd6}
			st.Logo = &Logo{Image: logo, Right: tt.right, Height: geom.MM(8)}
			res, err := Layout(&d, st, fake{})
			if err != nil {
				t.Fatal(err)
			}
			checkInside(t, res, st)
			golden(t, tt.name, DumpString(res))
		})
	}
	// A logo wider than a third of the line is narrowed to fit, keeping its shape.
	st := small()
	st.Logo = &Logo{Image: doc.Image{Name: "wide.png", Width: 1000, Height: 100}, Height: geom.MM(10)}
	res, err := Layout(&d, st, fake{})
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(DumpString(res), "image 10.000 7.000 26.666 2.666") {
		t.Errorf("a wide logo is not narrowed to a third of the line:\n%s", DumpString(res))
	}
}

func golden(t *testing.T, name, got string) {
	t.Helper()
	path := filepath.Join("testdata", name+".golden")
	if *update {
		if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test ./internal/layout -update)", err)
	}
	if got != string(want) {
		os.WriteFile(path+".got", []byte(got), 0o644)
		t.Errorf("dump differs from %s; the actual dump is in %s.got (diff them, or rerun with -update)", path, path)
	}
}
