package content

import (
	"testing"

	"github.com/careprint/careprint/internal/geom"
)

func TestLayoutLookKeys(t *testing.T) {
	tests := []struct {
		name, layout, want string
	}{
		{"logo left at a height", okLayout + "[header]\nlogo = \"left\"\nlogo_height = \"15mm\"\n", ""},
		{"unknown logo place", okLayout + "[header]\nlogo = \"centre\"\n",
			`layouts/handout.toml:4:1: header.logo: unknown logo place "centre" (want left, right or none)`},
		{"logo too small", okLayout + "[header]\nlogo = \"right\"\nlogo_height = \"2mm\"\n",
			`layouts/handout.toml:5:1: header.logo_height: logo height 2 mm is out of range (5 mm to 40 mm)`},
		{"a brochure has no header", "kind = \"trifold\"\n[[flow]]\npanels = [\"front\", \"back\", \"folds-in\", \"inside-1\", \"inside-2\", \"inside-3\"]\nblocks = [\"cover\"]\n[header]\nlogo = \"left\"\n",
			`layouts/handout.toml:5:2: header: a trifold has no header band: its logo prints on the cover; remove [header]`},
		{"bad heading colour", okLayout + "[colors]\nheading = \"plum\"\n",
			`layouts/handout.toml:4:12: colors.heading: invalid colour "plum" (want #rrggbb, e.g. "#1a5f7a")`},
		{"unknown treatment", "treatments = [\"peel\"]\n" + okLayout,
			`layouts/handout.toml:1:16: treatments[0]: unknown treatment "peel" (known: microneedling)`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, got := load(t, map[string]string{"layouts/handout.toml": tt.layout})
			if got != tt.want {
				t.Errorf("got:\n%s\nwant:\n%s", got, tt.want)
			}
		})
	}
}

func TestLayoutLookDefaults(t *testing.T) {
	p, errs := load(t, map[string]string{"layouts/handout.toml": okLayout + "[type]\nfont = \"Body\"\n[colors]\nband_text = \"#fff4d6\"\n"})
	if errs != "" {
		t.Fatal(errs)
	}
	lay := p.Layouts["handout"]
	if lay.Header.Logo != LogoLeft || lay.Header.LogoHeight != geom.MM(12) {
		t.Errorf("header = %+v, want the logo on the left, 12 mm", lay.Header)
	}
	if lay.Type.HeadingFont != "Body" {
		t.Errorf("heading font = %q, want the body font", lay.Type.HeadingFont)
	}
	if lay.Colors.Heading != nil || lay.Colors.BandText == nil || *lay.Colors.BandText != (geom.RGB{R: 0xff, G: 0xf4, B: 0xd6}) {
		t.Errorf("colours = %v %v, want the clinic's heading colour and the band text set", lay.Colors.Heading, lay.Colors.BandText)
	}
}
