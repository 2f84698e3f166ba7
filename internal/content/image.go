package content

import (
	"bytes"
	"fmt"
	"image"
	"image/png"

	// Formats a clinic's logo may come in. fpdf reads only PNG (not interlaced), JPEG and
	// GIF, so every logo is decoded here and written again as a plain PNG.
	_ "image/gif"
	_ "image/jpeg"

	"golang.org/x/image/draw"

	"github.com/careprint/careprint/internal/safefile"
	_ "golang.org/x/image/webp"
)

// maxImageSide is the longest side a logo keeps, in pixels: 1200 px is 600 dpi at 2 in,
// more than any print shop needs, and keeps the PDF small.
const maxImageSide = 1200

// MaxImageFileSize is the largest image file careprint reads.
const MaxImageFileSize = 20 << 20

// MaxImagePixels is the most pixels a picture may have (40 megapixels, some 160 MB
// decoded).
const MaxImagePixels = 40_000_000

// DecodeImage reads a PNG (interlaced or not), JPEG, GIF or WebP picture and returns it
// as a non-interlaced PNG, scaled down when it is larger than needed for print.
func DecodeImage(name string, data []byte) (*Image, error) {
	if len(data) > MaxImageFileSize {
		return nil, fmt.Errorf("%s: %w", name, safefile.TooLarge(int64(len(data)), MaxImageFileSize))
	}
	// The header says how large the picture is: refuse a huge one before decoding it (a
	// 69-byte PNG may claim 100000 × 100000 pixels, 40 GB once decoded).
	cfg, format, err := image.DecodeConfig(bytes.NewReader(data))
	if err != nil {
		if err == image.ErrFormat {
			return nil, fmt.Errorf("%s is not a PNG, JPEG, GIF or WebP image: use a PNG, JPEG or WebP file", name)
		}
		return nil, fmt.Errorf("%s: cannot read the %s image: %v", name, format, err)
	}
	if px := int64(cfg.Width) * int64(cfg.Height); px > MaxImagePixels {
		return nil, fmt.Errorf("%s: the image is %d × %d pixels, more than the limit of %d megapixels: scale it down (1200 pixels across is plenty for print)", name, cfg.Width, cfg.Height, MaxImagePixels/1_000_000)
	}
	img, format, err := image.Decode(bytes.NewReader(data))
	if err != nil {
		if err == image.ErrFormat {
			return nil, fmt.Errorf("%s is not a PNG, JPEG, GIF or WebP image", name)
		}
		return nil, fmt.Errorf("%s: cannot read the %s image: %v", name, format, err)
	}
	b := img.Bounds()
	w, h := b.Dx(), b.Dy()
	if w == 0 || h == 0 {
		return nil, fmt.Errorf("%s: the image is empty", name)
	}
	if w > maxImageSide || h > maxImageSide {
		nw, nh := maxImageSide, h*maxImageSide/w
		if h > w {
			nw, nh = w*maxImageSide/h, maxImageSide
		}
		dst := image.NewNRGBA(image.Rect(0, 0, max(nw, 1), max(nh, 1)))
		draw.CatmullRom.Scale(dst, dst.Bounds(), img, b, draw.Src, nil)
		img, w, h = dst, dst.Bounds().Dx(), dst.Bounds().Dy()
	}
	var buf bytes.Buffer
	enc := png.Encoder{CompressionLevel: png.BestCompression}
	if err := enc.Encode(&buf, img); err != nil {
		return nil, fmt.Errorf("%s: cannot convert the image: %v", name, err)
	}
	return &Image{File: name, PNG: buf.Bytes(), Width: w, Height: h}, nil
}
