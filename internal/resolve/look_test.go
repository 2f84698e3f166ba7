package resolve

import (
	"testing"

	"github.com/careprint/careprint/internal/content"
	"github.com/careprint/careprint/internal/geom"
)

// The layout's look goes over the clinic's: heading and band-text colours, the heading
// font, and the clinic's logo in a handout's header, placed and sized by the layout.
func TestStyleTakesTheLayoutsLook(t *testing.T) {
	plum, cream := geom.RGB{R: 0x7a, G: 0x1f, B: 0x5c}, geom.RGB{R: 0xff, G: 0xf4, B: 0xd6}
	clinic := &content.Clinic{LogoImage: &content.Image{File: "logo.png", PNG: []byte("png"), Width: 300, Height: 100}}
	clinic.Colors.Primary = geom.RGB{R: 0x1f, G: 0x4e, B: 0x79}
	lay := &content.Layout{Kind: content.KindHandout, Paper: "a4"}
	lay.Type.Font, lay.Type.HeadingFont = "Body", "Serif"
	lay.Header.Logo, lay.Header.LogoHeight = content.LogoRight, geom.MM(14)
	lay.Colors.Heading, lay.Colors.BandText = &plum, &cream
	st, err := Style(&content.Project{Clinic: clinic}, lay, "")
	if err != nil {
		t.Fatal(err)
	}
	if st.Heading != plum || st.BandText != cream || st.Band != clinic.Colors.Primary || st.HeadingFamily != "Serif" {
		t.Errorf("style: heading %s, band text %s, band %s, heading family %q", st.Heading, st.BandText, st.Band, st.HeadingFamily)
	}
	if st.Logo == nil || !st.Logo.Right || st.Logo.Height != geom.MM(14) || st.Logo.Image.Name != "logo.png" {
		t.Errorf("logo = %+v, want logo.png on the right, 14 mm high", st.Logo)
	}
	// No logo without the layout asking for one, or without a clinic logo.
	lay.Header.Logo = content.LogoNone
	if st, _ := Style(&content.Project{Clinic: clinic}, lay, ""); st.Logo != nil {
		t.Error("a logo with logo = \"none\"")
	}
	lay.Header.Logo = content.LogoLeft
	if st, _ := Style(&content.Project{Clinic: &content.Clinic{}}, lay, ""); st.Logo != nil {
		t.Error("a logo for a clinic without one")
	}
}
