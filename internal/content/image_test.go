package content

import (
	"bytes"
	"image/png"
	"os"
	"runtime"
	"strings"
	"testing"
)

// A logo may be an interlaced PNG (fpdf rejects those) or a WebP (fpdf cannot read it):
// both come out as a plain PNG that fpdf accepts.
func TestDecodeImageConverts(t *testing.T) {
	for _, tt := range []struct {
		file string
		w, h int
	}{
		{"testdata/interlaced.png", 31, 31},
		{"testdata/logo.webp", 150, 100},
	} {
		data, err := os.ReadFile(tt.file)
		if err != nil {
			t.Fatal(err)
		}
		img, err := DecodeImage(tt.file, data)
		if err != nil {
			t.Fatalf("%s: %v", tt.file, err)
		}
		if img.Width != tt.w || img.Height != tt.h {
			t.Errorf("%s: %d × %d px, want %d × %d", tt.file, img.Width, img.Height, tt.w, tt.h)
		}
		// Byte 28 of a PNG is its interlace method: 0 is none.
		if !bytes.HasPrefix(img.PNG, []byte("\x89PNG")) || img.PNG[28] != 0 {
			t.Errorf("%s: not converted to a non-interlaced PNG", tt.file)
		}
		if _, err := png.Decode(bytes.NewReader(img.PNG)); err != nil {
			t.Errorf("%s: the converted PNG does not decode: %v", tt.file, err)
		}
		again, _ := DecodeImage(tt.file, data)
		if !bytes.Equal(img.PNG, again.PNG) {
			t.Errorf("%s: two conversions differ", tt.file)
		}
	}
}

func TestDecodeImageErrors(t *testing.T) {
	_, err := DecodeImage("logo.svg", []byte("<svg></svg>"))
	if err == nil || err.Error() != "logo.svg is not a PNG, JPEG, GIF or WebP image: use a PNG, JPEG or WebP file" {
		t.Errorf("err = %v", err)
	}
	_, err = DecodeImage("logo.png", []byte("\x89PNG\r\n\x1a\nbroken"))
	if err == nil || !strings.HasPrefix(err.Error(), "logo.png: cannot read the png image: ") {
		t.Errorf("err = %v", err)
	}
}

// A 68-byte PNG whose header claims 100000 × 100000 pixels is refused from its header:
// decoding it would allocate 40 GB and kill the process.
func TestDecodeImageRefusesAHugePictureBeforeDecoding(t *testing.T) {
	data, err := os.ReadFile("testdata/huge-header.png")
	if err != nil {
		t.Fatal(err)
	}
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	_, err = DecodeImage("logo.png", data)
	runtime.ReadMemStats(&after)
	want := "logo.png: the image is 100000 × 100000 pixels, more than the limit of 40 megapixels: scale it down (1200 pixels across is plenty for print)"
	if err == nil || err.Error() != want {
		t.Fatalf("DecodeImage = %v, want %s", err, want)
	}
	if n := after.TotalAlloc - before.TotalAlloc; n > 1<<20 {
		t.Errorf("refusing the picture allocated %d bytes, want under 1 MB", n)
	}
	big := make([]byte, MaxImageFileSize+1)
	copy(big, data)
	if _, err := DecodeImage("logo.png", big); err == nil || err.Error() != "logo.png: is 20971521 bytes, more than the limit of 20 MB" {
		t.Errorf("DecodeImage(21 MB) = %v", err)
	}
}
