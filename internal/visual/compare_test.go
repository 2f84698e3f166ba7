package visual

import (
	"image"
	"image/color"
	"strings"
	"testing"
)

// page draws a synthetic page of "text": lines of words, each word a few dark strokes 1 px
// wide and 5 px tall with anti-aliased (mid-grey) edges, as pdftoppm draws small text.
// edit may change the page's words before they are drawn.
func page(edit func(line, word int) (dx, dy int, skip bool)) *image.Gray {
	g := image.NewGray(image.Rect(0, 0, 120, 160))
	for i := range g.Pix {
		g.Pix[i] = 255
	}
	for line := 0; line < 12; line++ {
		for word := 0; word < 6; word++ {
			dx, dy, skip := 0, 0, false
			if edit != nil {
				dx, dy, skip = edit(line, word)
			}
			if skip {
				continue
			}
			x0, y0 := 6+word*18+dx, 8+line*12+dy
			for s := 0; s < 4; s++ {
				x := x0 + s*3
				for y := y0; y < y0+5; y++ {
					g.SetGray(x, y, color.Gray{Y: 20})
					g.SetGray(x+1, y, color.Gray{Y: 150})
				}
			}
		}
	}
	return g
}

func TestCompare(t *testing.T) {
	ref := page(nil)
	tests := []struct {
		name string
		got  *image.Gray
		ok   bool
	}{
		{"identical", page(nil), true},
		{"everything 1 px to the right (sub-pixel placement)", shift(ref, 1, 0), true},
		{"everything 1 px down", shift(ref, 0, 1), true},
		{"anti-aliasing: edge pixels much darker or lighter", antialias(ref), true},
		{"a word missing", page(func(l, w int) (int, int, bool) { return 0, 0, l == 5 && w == 3 }), false},
		{"a line moved 3 px down", page(func(l, w int) (int, int, bool) { return 0, b2i(l == 7) * 3, false }), false},
		{"a word moved 2 px right", page(func(l, w int) (int, int, bool) { return b2i(l == 2 && w == 1) * 2, 0, false }), false},
		{"a tofu box in place of a letter", tofu(ref, 6+2*18, 8+4*12), false},
		{"isolated specks all over the page", specks(ref), false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			res, err := Compare(ref, tt.got)
			if err != nil {
				t.Fatal(err)
			}
			if res.OK() != tt.ok {
				t.Errorf("OK() = %v, want %v: %v", res.OK(), tt.ok, res)
			}
		})
	}
}

func TestCompareSizes(t *testing.T) {
	_, err := Compare(page(nil), image.NewGray(image.Rect(0, 0, 120, 161)))
	if err == nil || err.Error() != "page is 120×161 px, the reference 120×160 px" {
		t.Errorf("error: %v", err)
	}
}

func TestResultMessage(t *testing.T) {
	ref := page(nil)
	res, err := Compare(ref, page(func(l, w int) (int, int, bool) { return 0, 0, l == 5 && w == 3 }))
	if err != nil {
		t.Fatal(err)
	}
	// The word's four strokes, each 2 × 5 pixels (dark and its mid-grey edge) at x 60..70,
	// y 68..72: 40 pixels, 30 of them (3 strokes) in the square from x 60 to 67.
	want := "40 differing pixels (0.21 % of the page, at most 0.5 % allowed), 30 in the 8×8 px square at (60,68) (at most 3 allowed)"
	if got := res.String(); got != want {
		t.Errorf("message:\n got %s\nwant %s", got, want)
	}
}

func TestDiffImageMarksWhatCounts(t *testing.T) {
	ref := page(nil)
	got := page(func(l, w int) (int, int, bool) { return 0, 0, l == 5 && w == 3 })
	res, _ := Compare(ref, got)
	d := DiffImage(ref, got, res)
	if c := d.RGBAAt(60, 68); c != (color.RGBA{255, 0, 0, 255}) {
		t.Errorf("the missing word's first pixel is %v, want red", c)
	}
	if c := d.RGBAAt(6, 8); c.R != c.G || c.G != c.B {
		t.Errorf("an unchanged stroke is %v, want grey", c)
	}
	if c := d.RGBAAt(0, 0); c != (color.RGBA{255, 255, 255, 255}) {
		t.Errorf("the margin is %v, want white", c)
	}
}

func TestQuantizeKeepsPagesWithinTolerance(t *testing.T) {
	ref := antialias(page(nil))
	q := Gray(Quantize(ref))
	for i := range ref.Pix {
		if d := int(ref.Pix[i]) - int(q.Pix[i]); d > 8 || d < -8 {
			t.Fatalf("pixel %d: %d became %d", i, ref.Pix[i], q.Pix[i])
		}
	}
	data, err := Encode(Quantize(ref))
	if err != nil {
		t.Fatal(err)
	}
	back, err := Decode(data)
	if err != nil {
		t.Fatal(err)
	}
	if res, _ := Compare(ref, back); res.Differing != 0 {
		t.Errorf("after a round trip through PNG: %v", res)
	}
	if !strings.HasPrefix(string(data), "\x89PNG") {
		t.Errorf("not a PNG")
	}
}

func b2i(b bool) int {
	if b {
		return 1
	}
	return 0
}

func shift(g *image.Gray, dx, dy int) *image.Gray {
	out := image.NewGray(g.Bounds())
	for i := range out.Pix {
		out.Pix[i] = 255
	}
	b := g.Bounds()
	for y := b.Min.Y; y < b.Max.Y; y++ {
		for x := b.Min.X; x < b.Max.X; x++ {
			if image.Pt(x+dx, y+dy).In(b) {
				out.SetGray(x+dx, y+dy, g.GrayAt(x, y))
			}
		}
	}
	return out
}

// antialias moves every mid-grey edge pixel far towards black or white, as another
// rasteriser's coverage rule might, alternating so that both directions occur.
func antialias(g *image.Gray) *image.Gray {
	out := image.NewGray(g.Bounds())
	copy(out.Pix, g.Pix)
	for i, v := range out.Pix {
		if v > 40 && v < 220 {
			if i%2 == 0 {
				out.Pix[i] = 240
			} else {
				out.Pix[i] = 60
			}
		}
	}
	return out
}

// tofu draws a 4 × 6 box outline over the page at (x, y), the size of a letter there.
func tofu(g *image.Gray, x, y int) *image.Gray {
	out := image.NewGray(g.Bounds())
	copy(out.Pix, g.Pix)
	for yy := y - 1; yy < y+5; yy++ {
		for xx := x; xx < x+5; xx++ {
			v := uint8(255)
			if yy == y-1 || yy == y+4 || xx == x || xx == x+4 {
				v = 20
			}
			out.SetGray(xx, yy, color.Gray{Y: v})
		}
	}
	return out
}

// specks puts one dark pixel in the middle of every 9 × 9 square of background, fewer
// than MaxInWindow in any square but more than MaxFraction of the page.
func specks(g *image.Gray) *image.Gray {
	out := image.NewGray(g.Bounds())
	copy(out.Pix, g.Pix)
	for y := 4; y < 160; y += 9 {
		for x := 4; x < 120; x += 9 {
			out.SetGray(x, y, color.Gray{Y: 0})
		}
	}
	return out
}
