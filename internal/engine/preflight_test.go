package engine

import (
	"testing"
	"testing/fstest"

	careprint "github.com/careprint/careprint"
	"github.com/careprint/careprint/internal/content"
	"github.com/careprint/careprint/internal/font"
	"github.com/careprint/careprint/internal/geom"
)

func TestContrastMatchesWCAG(t *testing.T) {
	for _, tt := range []struct {
		a, b geom.RGB
		want float64
	}{
		{geom.Black, geom.White, 21},
		{geom.RGB{R: 0x77, G: 0x77, B: 0x77}, geom.White, 4.48}, // the classic just-failing grey
		{geom.RGB{R: 0x1f, G: 0x4e, B: 0x79}, geom.White, 8.66},
	} {
		if got := Contrast(tt.a, tt.b); got < tt.want-0.01 || got > tt.want+0.01 {
			t.Errorf("Contrast(%s, %s) = %.2f, want %.2f", tt.a, tt.b, got, tt.want)
		}
	}
}

// Each preflight rule, broken by a project layout and passed by the built-in ones.
func TestPreflight(t *testing.T) {
	fonts, err := font.Load(careprint.Defaults, "fonts")
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name, layout, clinic, want string
	}{
		{"built-in layouts pass", "", "", ""},
		{"small body", "blocks = [\"patient\"]\n[type]\nbody = \"10pt\"\n", "",
			"layouts/handout.toml: margins: lines hold about 108 characters of body text; keep them between 45 and 90 (change the margins or type.body)\n" +
				"layouts/handout.toml:3:1: type.body: body text 10pt is under 12pt, the minimum for patient material"},
		{"large print under 18 pt", "large_print = true\nblocks = [\"patient\"]\n[type]\nbody = \"14pt\"\n", "",
			"layouts/handout.toml:4:1: type.body: body text 14pt is under 18pt, the minimum for large print"},
		{"pale text", "blocks = [\"patient\"]\n[colors]\ntext = \"#999999\"\n", "",
			"layouts/handout.toml:3:1: colors.text: contrast 2.5:1 for text in the \"Call us if\" box and table headings in layout handout is under 4.5:1 (WCAG): use a darker or lighter colour\n" +
				"layouts/handout.toml:3:1: colors.text: contrast 2.8:1 for body text on white paper in layout handout is under 4.5:1 (WCAG): use a darker or lighter colour"},
		{"pale clinic colour", "", "name = \"C\"\nphone = \"1\"\n[colors]\nprimary = \"#88aaff\"\n",
			"content/clinic.toml:4:1: colors.primary: contrast 2.3:1 for headings on white paper in layout booklet is under 4.5:1 (WCAG): use a darker or lighter colour\n" +
				"content/clinic.toml:4:1: colors.primary: contrast 2.3:1 for headings on white paper in layout handout is under 4.5:1 (WCAG): use a darker or lighter colour\n" +
				"content/clinic.toml:4:1: colors.primary: contrast 2.3:1 for headings on white paper in layout handout-large is under 3:1 (WCAG): use a darker or lighter colour\n" +
				"content/clinic.toml:4:1: colors.primary: contrast 2.3:1 for headings on white paper in layout trifold is under 4.5:1 (WCAG): use a darker or lighter colour\n" +
				"content/clinic.toml:4:1: colors.primary: contrast 2.3:1 for white text on the header band in layout booklet is under 4.5:1 (WCAG): use a darker or lighter colour\n" +
				"content/clinic.toml:4:1: colors.primary: contrast 2.3:1 for white text on the header band in layout handout is under 4.5:1 (WCAG): use a darker or lighter colour\n" +
				"content/clinic.toml:4:1: colors.primary: contrast 2.3:1 for white text on the header band in layout handout-large is under 3:1 (WCAG): use a darker or lighter colour\n" +
				"content/clinic.toml:4:1: colors.primary: contrast 2.3:1 for white text on the header band in layout trifold is under 4.5:1 (WCAG): use a darker or lighter colour"},
		{"long lines", "blocks = [\"patient\"]\n[margins]\nleft = \"5mm\"\nright = \"5mm\"\n", "",
			"layouts/handout.toml:3:1: margins: lines hold about 107 characters of body text; keep them between 45 and 90 (change the margins or type.body)"},
		{"brochure margin in the safe area", "kind = \"booklet\"\n[[flow]]\npanels = [\"cover\"]\nblocks = [\"cover\"]\n[[flow]]\npanels = [\"pages\"]\nblocks = [\"what-it-is\"]\n[[flow]]\npanels = [\"back\"]\nblocks = [\"contact\"]\n[margins]\nleft = \"3mm\"\nright = \"12mm\"\n", "",
			"layouts/handout.toml:12:1: margins.left: margin 3.000 mm puts text inside the safe area: keep at least 1/8 in (3.175 mm) from trims and folds"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			proj := fstest.MapFS{}
			if tt.layout != "" {
				proj["layouts/handout.toml"] = &fstest.MapFile{Data: []byte(tt.layout)}
				proj["layouts/handout-large.toml"] = &fstest.MapFile{Data: []byte("blocks = [\"patient\"]\nlarge_print = true\n[type]\nbody = \"18pt\"\n")}
			}
			if tt.clinic != "" {
				proj["content/clinic.toml"] = &fstest.MapFile{Data: []byte(tt.clinic)}
			}
			p, diags := content.Load(&content.Overlay{Builtin: careprint.Defaults, Project: proj})
			if diags.HasErrors() {
				t.Fatal(diags)
			}
			got := preflight(p, fonts)
			got.Sort()
			if got.Error() != tt.want {
				t.Errorf("preflight:\n%s\nwant:\n%s", got.Error(), tt.want)
			}
		})
	}
}

// A family without italic faces is fine until the content has italic text.
func TestFindEmphasisReadsAnyContentKey(t *testing.T) {
	fsys := fstest.MapFS{
		"content/treatments/a.toml": {Data: []byte("title = \"A\"\n[[x]]\ntext = \"Plain, **bold** and *italic*.\"\n")},
		"content/conditions/b.toml": {Data: []byte("list = [\"one\", \"***bold italic***\"]\n")},
	}
	p := &content.Project{
		FS:         &content.Overlay{Builtin: fsys},
		Treatments: map[string]*content.Treatment{"a": {File: "content/treatments/a.toml"}},
		Conditions: map[string]*content.Condition{"b": {File: "content/conditions/b.toml"}},
	}
	e := findEmphasis(p)
	if e.italic != "content/treatments/a.toml" || e.boldItalic != "content/conditions/b.toml" {
		t.Errorf("italic in %q, bold italic in %q", e.italic, e.boldItalic)
	}
}
