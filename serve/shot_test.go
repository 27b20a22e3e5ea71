package serve_test

import (
	"bytes"
	"fmt"
	"image"
	"image/color"
	"image/png"
	"math"
	"testing"
)

// shotRegion is an element of the page whose part of a screenshot must not
// be blank.
type shotRegion struct {
	sel string // CSS selector of the element
	// minInk is the least share of the element's pixels that differ from
	// its most common color (the background).
	minInk float64
	// minColors is the least number of distinct colors in the element.
	minColors int
	// want are colors of which the element must show at least 30 pixels.
	want []rgb
}

// decodeShot decodes a PNG screenshot.
func decodeShot(b []byte) (image.Image, error) {
	if !bytes.HasPrefix(b, []byte("\x89PNG\r\n\x1a\n")) {
		return nil, fmt.Errorf("not a PNG file (starts %q)", b[:min(len(b), 8)])
	}
	return png.Decode(bytes.NewReader(b))
}

// rgb is a pixel without alpha (screenshots are opaque).
type rgb struct{ r, g, b uint8 }

func rgbAt(img image.Image, x, y int) rgb {
	c := color.NRGBAModel.Convert(img.At(x, y)).(color.NRGBA)
	return rgb{c.R, c.G, c.B}
}

func (a rgb) sum() int { return int(a.r) + int(a.g) + int(a.b) }

func (a rgb) dist(b rgb) float64 {
	dr, dg, db := float64(a.r)-float64(b.r), float64(a.g)-float64(b.g), float64(a.b)-float64(b.b)
	return math.Sqrt(dr*dr + dg*dg + db*db)
}

// inkStats returns the number of distinct colors in r, its most common
// color and the share of its pixels farther than 24 (RGB distance) from
// that color.
func inkStats(img image.Image, r image.Rectangle) (colors int, bg rgb, ink float64) {
	r = r.Intersect(img.Bounds())
	if r.Empty() {
		return 0, rgb{}, 0
	}
	count := map[rgb]int{}
	for y := r.Min.Y; y < r.Max.Y; y++ {
		for x := r.Min.X; x < r.Max.X; x++ {
			count[rgbAt(img, x, y)]++
		}
	}
	best := -1
	for c, n := range count {
		if n > best || n == best && c.sum() > bg.sum() {
			bg, best = c, n
		}
	}
	far := 0
	for c, n := range count {
		if c.dist(bg) > 24 {
			far += n
		}
	}
	return len(count), bg, float64(far) / float64(r.Dx()*r.Dy())
}

// countNear counts the pixels of r in img within tol of c.
func countNear(img image.Image, r image.Rectangle, c rgb, tol float64) int {
	r = r.Intersect(img.Bounds())
	n := 0
	for y := r.Min.Y; y < r.Max.Y; y++ {
		for x := r.Min.X; x < r.Max.X; x++ {
			if rgbAt(img, x, y).dist(c) <= tol {
				n++
			}
		}
	}
	return n
}

// TestInkStats checks the pixel statistics on drawn images.
func TestInkStats(t *testing.T) {
	blank := image.NewNRGBA(image.Rect(0, 0, 40, 30))
	for i := range blank.Pix {
		blank.Pix[i] = 0xff
	}
	striped := image.NewNRGBA(blank.Rect)
	copy(striped.Pix, blank.Pix)
	for y := range 30 {
		for x := range 10 { // a quarter of the columns in two colors
			c := color.NRGBA{uint8(200 * (y % 2)), 0, 0, 0xff}
			striped.SetNRGBA(x, y, c)
		}
		striped.SetNRGBA(39, y, color.NRGBA{0xf8, 0xf8, 0xf8, 0xff}) // near white
	}
	tests := []struct {
		name    string
		img     image.Image
		r       image.Rectangle
		colors  int
		bg      rgb
		ink     float64
		inkTol  float64
		comment string
	}{
		{"blank", blank, blank.Rect, 1, rgb{255, 255, 255}, 0, 0, ""},
		{"striped", striped, striped.Rect, 4, rgb{255, 255, 255}, 0.25, 1e-12, "near white is not ink"},
		{"striped left", striped, image.Rect(0, 0, 10, 30), 2, rgb{200, 0, 0}, 0.5, 1e-12, "a tie goes to the lighter color"},
		{"outside", striped, image.Rect(50, 50, 60, 60), 0, rgb{}, 0, 0, ""},
	}
	for _, tc := range tests {
		colors, bg, ink := inkStats(tc.img, tc.r)
		if colors != tc.colors || bg != tc.bg || math.Abs(ink-tc.ink) > tc.inkTol {
			t.Errorf("%s: %d colors, background %v, ink %g; want %d, %v, %g (%s)", tc.name, colors, bg, ink, tc.colors, tc.bg, tc.ink, tc.comment)
		}
	}
}
