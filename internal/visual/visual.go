// Package visual compares rendered pages with reviewed reference images. Its tests
// render every built-in output through the real commands, rasterise each page with
// poppler's pdftoppm at low resolution in grey, and compare them with the PNGs in
// testdata/; `go test ./internal/visual -update` rewrites those.
//
// The comparison forgives what differs between rasterisers and poppler builds,
// anti-aliasing and sub-pixel glyph placement, which move an edge by less than a pixel
// and spread thinly over the whole page, and catches what a reader would see, a
// missing or changed word, a moved line, a tofu box, which changes a few pixels close
// together:
//
//   - a pixel differs when no pixel within Reach of it in the other image is within
//     Threshold grey levels of it (checked both ways);
//   - a page fails when any Window × Window square holds more than MaxInWindow differing
//     pixels, or when more than MaxFraction of the page differs.
//
// Measured at 30 dpi on the A4 handout: rendering it with poppler's other renderer
// (pdftocairo, which anti-aliases text differently from pdftoppm's Splash) gives at most
// 2 differing pixels in any square on pages of text; dropping the word "Smith" from the
// clinician's name gives 6, one tofu box (U+25AF) in place of a letter 5, a heading
// changed from "What is microneedling?" to "What is needling?" 18. Not caught at this
// resolution: a lost diacritic ("Zoë" printed "Zoe"), a shift of under a pixel (0.85 mm).
// Most fragile: the QR code, whose modules are smaller than a pixel; pdftocairo, or
// pdftoppm -thinlinemode shape, draws it differently enough to fail (46 in a square).
package visual

import (
	"bytes"
	"fmt"
	"image"
	"image/color"
	"image/draw"
	"image/png"
)

// The tolerances; see the package comment for why.
const (
	Threshold   = 96    // grey levels (of 255) two pixels may differ by and still match
	Reach       = 1     // pixels a match may be away, for sub-pixel placement
	Window      = 8     // side of the square differing pixels are counted in (7 mm at 30 dpi)
	MaxInWindow = 3     // differing pixels allowed in any one square
	MaxFraction = 0.005 // differing pixels allowed in the whole page
)

// Result is what Compare found on one page.
type Result struct {
	Differing int         // differing pixels on the page
	Total     int         // pixels on the page
	Worst     int         // differing pixels in the worst square
	WorstAt   image.Point // that square's top-left corner
	mask      []bool
}

// OK says whether the page is within the tolerances.
func (r Result) OK() bool {
	return r.Worst <= MaxInWindow && float64(r.Differing) <= MaxFraction*float64(r.Total)
}

func (r Result) String() string {
	return fmt.Sprintf("%d differing pixels (%.2f %% of the page, at most %.1f %% allowed), %d in the %d×%d px square at (%d,%d) (at most %d allowed)",
		r.Differing, 100*float64(r.Differing)/float64(max(r.Total, 1)), 100*MaxFraction,
		r.Worst, Window, Window, r.WorstAt.X, r.WorstAt.Y, MaxInWindow)
}

// Compare compares a page with its reference. Pages of different sizes are an error.
func Compare(want, got *image.Gray) (Result, error) {
	wb, gb := want.Bounds(), got.Bounds()
	if wb.Size() != gb.Size() {
		return Result{}, fmt.Errorf("page is %d×%d px, the reference %d×%d px", gb.Dx(), gb.Dy(), wb.Dx(), wb.Dy())
	}
	w, h := wb.Dx(), wb.Dy()
	res := Result{Total: w * h, mask: make([]bool, w*h)}
	for y := 0; y < h; y++ {
		for x := 0; x < w; x++ {
			if unmatched(want, got, x, y) || unmatched(got, want, x, y) {
				res.mask[y*w+x] = true
				res.Differing++
			}
		}
	}
	// Squares overlap by half, so a cluster on a square's edge is still seen whole.
	step := Window / 2
	for y0 := 0; y0 < h; y0 += step {
		for x0 := 0; x0 < w; x0 += step {
			n := 0
			for y := y0; y < min(y0+Window, h); y++ {
				for x := x0; x < min(x0+Window, w); x++ {
					if res.mask[y*w+x] {
						n++
					}
				}
			}
			if n > res.Worst {
				res.Worst, res.WorstAt = n, image.Pt(x0, y0)
			}
		}
	}
	return res, nil
}

// unmatched says whether a's pixel at (x, y), counted from the images' corners, has no
// pixel within Reach in b that is within Threshold of it.
func unmatched(a, b *image.Gray, x, y int) bool {
	ab, bb := a.Bounds(), b.Bounds()
	v := int(a.Pix[a.PixOffset(ab.Min.X+x, ab.Min.Y+y)])
	for dy := -Reach; dy <= Reach; dy++ {
		for dx := -Reach; dx <= Reach; dx++ {
			px, py := x+dx, y+dy
			if px < 0 || py < 0 || px >= bb.Dx() || py >= bb.Dy() {
				continue
			}
			d := v - int(b.Pix[b.PixOffset(bb.Min.X+px, bb.Min.Y+py)])
			if -Threshold <= d && d <= Threshold {
				return false
			}
		}
	}
	return true
}

// DiffImage shows got faded to a light grey, the pixels that differ from want by more
// than Threshold but were forgiven (within Reach of a match) in orange, and the
// differing pixels that count in red. res must be Compare(want, got).
func DiffImage(want, got *image.Gray, res Result) *image.RGBA {
	gb, wb := got.Bounds(), want.Bounds()
	w, h := gb.Dx(), gb.Dy()
	out := image.NewRGBA(image.Rect(0, 0, w, h))
	for y := 0; y < h; y++ {
		for x := 0; x < w; x++ {
			g := got.Pix[got.PixOffset(gb.Min.X+x, gb.Min.Y+y)]
			d := int(g) - int(want.Pix[want.PixOffset(wb.Min.X+x, wb.Min.Y+y)])
			c := color.RGBA{A: 255}
			switch {
			case res.mask != nil && res.mask[y*w+x]:
				c.R = 255
			case d > Threshold || d < -Threshold:
				c.R, c.G = 255, 170
			default:
				f := 255 - (255-g)/4
				c.R, c.G, c.B = f, f, f
			}
			out.SetRGBA(x, y, c)
		}
	}
	return out
}

// Gray converts an image to grey, with its corner at (0, 0).
func Gray(m image.Image) *image.Gray {
	b := m.Bounds()
	g := image.NewGray(image.Rect(0, 0, b.Dx(), b.Dy()))
	draw.Draw(g, g.Bounds(), m, b.Min, draw.Src)
	return g
}

// Quantize reduces a grey page to 16 levels, which PNG stores in 4 bits a pixel: the
// references take half the room, and the rounding (at most 8 levels) is far inside
// Threshold.
func Quantize(g *image.Gray) *image.Paletted {
	pal := make(color.Palette, 16)
	for i := range pal {
		pal[i] = color.Gray{Y: uint8(i * 17)}
	}
	b := g.Bounds()
	p := image.NewPaletted(image.Rect(0, 0, b.Dx(), b.Dy()), pal)
	for y := 0; y < b.Dy(); y++ {
		for x := 0; x < b.Dx(); x++ {
			v := int(g.Pix[g.PixOffset(b.Min.X+x, b.Min.Y+y)])
			p.Pix[y*p.Stride+x] = uint8((v + 8) / 17)
		}
	}
	return p
}

// Decode reads a PNG as grey.
func Decode(data []byte) (*image.Gray, error) {
	m, err := png.Decode(bytes.NewReader(data))
	if err != nil {
		return nil, err
	}
	return Gray(m), nil
}

// Encode writes an image as a PNG as small as Go's encoder makes it.
func Encode(m image.Image) ([]byte, error) {
	var buf bytes.Buffer
	enc := png.Encoder{CompressionLevel: png.BestCompression}
	if err := enc.Encode(&buf, m); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}
