// Package geom holds the fixed-point lengths and colours that every stage shares.
// Floats never reach the layout engine: a Length is a whole number of micrometres.
package geom

import (
	"fmt"
	"strconv"
	"strings"
)

// Length is a distance in micrometres (1/1000 mm).
type Length int64

// Common units.
const (
	Micrometre Length = 1
	Millimetre Length = 1000
	Inch       Length = 25400
)

// Pt converts points (1/72 in) to a Length, rounding to the nearest micrometre.
func Pt(p float64) Length { return Length(p*25400/72 + 0.5) }

// MM converts millimetres to a Length.
func MM(mm float64) Length {
	if mm < 0 {
		return -Length(-mm*1000 + 0.5)
	}
	return Length(mm*1000 + 0.5)
}

// MM returns the length in millimetres, for the PDF writer and dumps.
func (l Length) MM() float64 { return float64(l) / 1000 }

// Pt returns the length in points.
func (l Length) Pt() float64 { return float64(l) * 72 / 25400 }

// String prints millimetres with three decimals, the format of layout dumps.
func (l Length) String() string {
	sign := ""
	v := int64(l)
	if v < 0 {
		sign, v = "-", -v
	}
	return fmt.Sprintf("%s%d.%03d", sign, v/1000, v%1000)
}

// UnmarshalText reads "12mm", "0.5in", "10pt" or "1.2cm". A unit is required.
func (l *Length) UnmarshalText(b []byte) error {
	v, err := ParseLength(string(b))
	if err != nil {
		return err
	}
	*l = v
	return nil
}

// ParseLength reads a length with its unit: mm, cm, in or pt.
func ParseLength(s string) (Length, error) {
	s = strings.TrimSpace(s)
	units := []struct {
		suffix string
		scale  float64
	}{{"mm", 1000}, {"cm", 10000}, {"in", 25400}, {"pt", 25400.0 / 72}}
	for _, u := range units {
		if num, ok := strings.CutSuffix(s, u.suffix); ok {
			f, err := strconv.ParseFloat(strings.TrimSpace(num), 64)
			if err != nil || f < 0 || f > 10000 {
				break
			}
			return Length(f*u.scale + 0.5), nil
		}
	}
	return 0, fmt.Errorf("invalid length %q (want a number and a unit: mm, cm, in or pt, e.g. \"12mm\")", s)
}

// RGB is an sRGB colour.
type RGB struct{ R, G, B uint8 }

// Black is the default text colour.
var Black = RGB{0, 0, 0}

// White is the colour of paper.
var White = RGB{255, 255, 255}

// UnmarshalText reads "#1a5f7a".
func (c *RGB) UnmarshalText(b []byte) error {
	v, err := ParseRGB(string(b))
	if err != nil {
		return err
	}
	*c = v
	return nil
}

// ParseRGB reads a colour written as #rrggbb.
func ParseRGB(s string) (RGB, error) {
	if len(s) != 7 || s[0] != '#' {
		return RGB{}, fmt.Errorf("invalid colour %q (want #rrggbb, e.g. \"#1a5f7a\")", s)
	}
	v, err := strconv.ParseUint(s[1:], 16, 32)
	if err != nil {
		return RGB{}, fmt.Errorf("invalid colour %q (want #rrggbb, e.g. \"#1a5f7a\")", s)
	}
	return RGB{uint8(v >> 16), uint8(v >> 8), uint8(v)}, nil
}

// String prints the colour as #rrggbb.
func (c RGB) String() string { return fmt.Sprintf("#%02x%02x%02x", c.R, c.G, c.B) }

// Paper is a named sheet size, portrait.
type Paper struct {
	Name          string
	Width, Height Length
}

// Papers are the sheet sizes careprint knows.
var Papers = []Paper{
	{"a4", 210 * Millimetre, 297 * Millimetre},
	{"letter", 8*Inch + Inch/2, 11 * Inch},
	{"a5", 148 * Millimetre, 210 * Millimetre},
}

// PaperNamed finds a paper by its name (a4, letter, a5).
func PaperNamed(name string) (Paper, bool) {
	for _, p := range Papers {
		if p.Name == name {
			return p, true
		}
	}
	return Paper{}, false
}
