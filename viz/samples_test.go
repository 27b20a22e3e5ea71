package viz

import (
	"bytes"
	"flag"
	"fmt"
	"image"
	"image/color"
	"image/gif"
	"math"
	"os"
	"path/filepath"
	"testing"
)

var samplesDir = flag.String("viz.samples", "", "write sample charts to this directory")

// TestSamples renders the sample charts used to judge the look of the
// package and checks what each one shows: its size, ink in the data area,
// and every series or path drawn in its own color where its data lies. With
// -viz.samples the charts are kept for viewing:
//
//	go test ./viz -run Samples -viz.samples=/tmp/viz
func TestSamples(t *testing.T) {
	dir := *samplesDir
	if dir == "" {
		dir = t.TempDir()
	}
	out := func(name string) string { return filepath.Join(dir, name) }
	ps, ss := quadRuns()
	rp, rs := rosenRuns()
	zig := make([]float64, 200)
	for i := range zig {
		zig[i] = 1 + 999*float64(i%2)
	}
	crowded := []Series{{Label: "oscillating between 1 and 1000", Values: zig}, ss[1]}

	quadLoss := LossOptions{Title: "f = x² + 10y², gradient descent from (3, 1)", HasFMin: true}
	quadLinear := LossOptions{Title: "linear y", LinearY: true}
	quadSmallLoss := quadLoss
	quadSmallLoss.Width, quadSmallLoss.Height = 800, 450
	rosenLoss := LossOptions{Title: "Rosenbrock", HasFMin: true}
	crowdedLoss := LossOptions{Title: "no free corner"}
	opt := ContourOptions{Title: "f = x² + 10y²: the learning rate decides", Minima: [][2]float64{{0, 0}}}
	ropt := ContourOptions{Title: "Rosenbrock: gradient descent from (−1.5, 2)", Minima: [][2]float64{{1, 1}}}
	small := opt // the size of the sample kept in testdata
	small.Width, small.Height = 640, 560

	t.Run("loss", func(t *testing.T) {
		for _, c := range []struct {
			name   string
			series []Series
			opt    LossOptions
			w, h   int
			// minInk is the least share of non-white pixels in the data area.
			minInk float64
		}{
			{"quad-loss.png", ss, quadLoss, 960, 540, 0.03},
			{"quad-loss-linear.png", ss, quadLinear, 960, 540, 0.03},
			{"quad-loss-small.png", ss, quadSmallLoss, 800, 450, 0.03},
			{"rosen-loss.png", rs, rosenLoss, 960, 540, 0.03},
			{"crowded-loss.png", crowded, crowdedLoss, 960, 540, 0.1},
		} {
			t.Run(c.name, func(t *testing.T) {
				if err := LossChart(out(c.name), c.series, c.opt); err != nil {
					t.Fatal(err)
				}
				l, err := LossLayout(c.series, c.opt)
				if err != nil {
					t.Fatal(err)
				}
				img := decodePNG(t, out(c.name))
				checkSize(t, img, c.w, c.h)
				if ink := inkShare(img, dataRect(l)); ink < c.minInk {
					t.Errorf("%.4f of the data area is not white, want ≥ %g: blank chart?", ink, c.minInk)
				}
				checkCurves(t, img, l, c.series, c.opt)
			})
		}
	})

	t.Run("contour", func(t *testing.T) {
		for _, c := range []struct {
			name  string
			f     func(x, y float64) float64
			paths []Path
			opt   ContourOptions
			w, h  int
		}{
			{"quad-contour.png", quad, ps, opt, 800, 700},
			{"quad-contour-small.png", quad, ps, small, 640, 560},
			{"rosen-contour.png", rosen, rp, ropt, 800, 700},
		} {
			t.Run(c.name, func(t *testing.T) {
				if err := Contour(out(c.name), c.f, c.paths, c.opt); err != nil {
					t.Fatal(err)
				}
				l, err := ContourLayout(c.paths, c.opt)
				if err != nil {
					t.Fatal(err)
				}
				// The same map without the paths, on the same window: the
				// path colors must come from the paths, not the heat map.
				bare := c.opt
				bare.Window = [4]float64{l.XMin, l.XMax, l.YMin, l.YMax}
				bareName := filepath.Join(t.TempDir(), "bare.png")
				if err := Contour(bareName, c.f, nil, bare); err != nil {
					t.Fatal(err)
				}
				img, base := decodePNG(t, out(c.name)), decodePNG(t, bareName)
				checkSize(t, img, c.w, c.h)
				// The heat map fills the data area.
				if ink := inkShare(img, dataRect(l)); ink < 0.95 {
					t.Errorf("%.3f of the data area is not white, want ≥ 0.95: no heat map?", ink)
				}
				// The map is shaded, and the paths leave most of it as it is.
				if n := distinctColors(crop(base, dataRect(l)), 1000); n < 1000 {
					t.Errorf("the map without paths has %d distinct colors, want ≥ 1000 for a shaded map", n)
				}
				if same := sameShare(img, base, dataRect(l)); same < 0.6 {
					t.Errorf("%.3f of the data area is the same as the map without paths, want ≥ 0.6", same)
				}
				checkPathColors(t, img, base, dataRect(l), len(c.paths), 150)
			})
		}
	})

	t.Run("gif", func(t *testing.T) {
		for _, c := range []struct {
			name  string
			f     func(x, y float64) float64
			paths []Path
			opt   ContourOptions
		}{
			{"quad.gif", quad, ps, opt},
			{"rosen.gif", rosen, rp, ropt},
		} {
			t.Run(c.name, func(t *testing.T) {
				gopt := GIFOptions{ContourOptions: c.opt}
				if err := GIF(out(c.name), c.f, c.paths, gopt); err != nil {
					t.Fatal(err)
				}
				l, err := GIFLayout(c.paths, gopt)
				if err != nil {
					t.Fatal(err)
				}
				first, last, frames := gifEnds(t, out(c.name))
				if frames != defaultFrames {
					t.Errorf("%d frames, want %d", frames, defaultFrames)
				}
				checkSize(t, last, 800, 700)
				if ink := inkShare(last, dataRect(l)); ink < 0.95 {
					t.Errorf("last frame: %.3f of the data area is not white, want ≥ 0.95", ink)
				}
				// The paths grow: the last frame holds more of each color
				// than the first.
				checkPathColors(t, last, first, dataRect(l), len(c.paths), 100)
			})
		}
	})

	t.Run("lrfind.png", func(t *testing.T) {
		lrs, losses, smooth := lrRange()
		if err := LRFindChart(out("lrfind.png"), lrs, losses, smooth, 0.03, 0.1, LossOptions{Title: "learning-rate range test"}); err != nil {
			t.Fatal(err)
		}
		img := decodePNG(t, out("lrfind.png"))
		checkSize(t, img, 960, 540)
		all := img.Bounds()
		raw := color.NRGBA{0x88, 0x99, 0xaa, 0xff}
		for _, c := range []struct {
			what string
			col  color.NRGBA
			min  int
		}{
			{"raw losses (grey-blue)", raw, 300},
			{"smoothed losses", SeriesColor(0), 1500},
			{"suggestion", SeriesColor(1), 250},
		} {
			if n := countColor(img, all, c.col, 30); n < c.min {
				t.Errorf("%d pixels of the %s color %v, want ≥ %d", n, c.what, c.col, c.min)
			}
		}
		// The suggestion is a vertical dashed line: one column holds most
		// of a data-area height of its color.
		if col, n := bestColumn(img, SeriesColor(1), 30); n < 250 {
			t.Errorf("the tallest column of the suggestion's color (x = %d) has %d pixels, want ≥ 250", col, n)
		}
	})

	t.Run("svg", func(t *testing.T) {
		for _, c := range []struct {
			name   string
			render func(string) error
			w, h   int
			colors int // series or paths whose stroke color must appear
		}{
			{"quad-loss.svg", func(p string) error { return LossChart(p, ss, quadLoss) }, 960, 540, len(ss)},
			{"quad-contour.svg", func(p string) error { return Contour(p, quad, ps, opt) }, 800, 700, len(ps)},
		} {
			t.Run(c.name, func(t *testing.T) {
				if err := c.render(out(c.name)); err != nil {
					t.Fatal(err)
				}
				b, err := os.ReadFile(out(c.name))
				if err != nil {
					t.Fatal(err)
				}
				w, h := svgSize(t, b)
				if w != pt(c.w) || h != pt(c.h) {
					t.Errorf("size %s × %s, want %s × %s", w, h, pt(c.w), pt(c.h))
				}
				for i := range c.colors {
					col := SeriesColor(i)
					stroke := fmt.Sprintf("stroke:#%02X%02X%02X", col.R, col.G, col.B)
					// A line in the data plus its legend sample.
					if n := bytes.Count(b, []byte(stroke)); n < 2 {
						t.Errorf("series %d: %q appears %d times, want ≥ 2", i, stroke, n)
					}
				}
			})
		}
	})
}

// checkSize checks the pixel size of img.
func checkSize(t *testing.T, img image.Image, w, h int) {
	t.Helper()
	if b := img.Bounds(); b.Dx() != w || b.Dy() != h {
		t.Errorf("size %d×%d, want %d×%d", b.Dx(), b.Dy(), w, h)
	}
}

// dataRect returns the pixels strictly inside the data area of l, one pixel
// in from its edges so that the axis lines are left out.
func dataRect(l Layout) image.Rectangle {
	return image.Rect(int(math.Ceil(l.Left))+1, int(math.Ceil(l.Top))+1, int(math.Floor(l.Right))-1, int(math.Floor(l.Bottom))-1)
}

// colorDist is the Euclidean RGB distance of the pixel c from want.
func colorDist(c color.Color, want color.NRGBA) float64 {
	p := color.NRGBAModel.Convert(c).(color.NRGBA)
	dr, dg, db := float64(p.R)-float64(want.R), float64(p.G)-float64(want.G), float64(p.B)-float64(want.B)
	return math.Sqrt(dr*dr + dg*dg + db*db)
}

// inkShare returns the share of the pixels of r in img that are not white.
func inkShare(img image.Image, r image.Rectangle) float64 {
	r = r.Intersect(img.Bounds())
	if r.Empty() {
		return 0
	}
	n := 0
	for y := r.Min.Y; y < r.Max.Y; y++ {
		for x := r.Min.X; x < r.Max.X; x++ {
			if colorDist(img.At(x, y), white) > 8 {
				n++
			}
		}
	}
	return float64(n) / float64(r.Dx()*r.Dy())
}

// crop returns the part r of img.
func crop(img image.Image, r image.Rectangle) image.Image {
	dst := image.NewRGBA(r)
	for y := r.Min.Y; y < r.Max.Y; y++ {
		for x := r.Min.X; x < r.Max.X; x++ {
			dst.Set(x, y, img.At(x, y))
		}
	}
	return dst
}

// sameShare returns the share of the pixels of r that are equal in a and b.
func sameShare(a, b image.Image, r image.Rectangle) float64 {
	n := 0
	for y := r.Min.Y; y < r.Max.Y; y++ {
		for x := r.Min.X; x < r.Max.X; x++ {
			if color.RGBAModel.Convert(a.At(x, y)) == color.RGBAModel.Convert(b.At(x, y)) {
				n++
			}
		}
	}
	return float64(n) / float64(r.Dx()*r.Dy())
}

// countColor counts the pixels of r in img within tol of c.
func countColor(img image.Image, r image.Rectangle, c color.NRGBA, tol float64) int {
	r = r.Intersect(img.Bounds())
	n := 0
	for y := r.Min.Y; y < r.Max.Y; y++ {
		for x := r.Min.X; x < r.Max.X; x++ {
			if colorDist(img.At(x, y), c) <= tol {
				n++
			}
		}
	}
	return n
}

// bestColumn returns the column of img with the most pixels within tol of
// c, and their number.
func bestColumn(img image.Image, c color.NRGBA, tol float64) (col, n int) {
	b := img.Bounds()
	for x := b.Min.X; x < b.Max.X; x++ {
		if k := countColor(img, image.Rect(x, b.Min.Y, x+1, b.Max.Y), c, tol); k > n {
			col, n = x, k
		}
	}
	return col, n
}

// checkPathColors checks that each of the first n path colors covers at
// least minMore more pixels of r in img than in base, the same picture
// without (or with less of) the paths.
func checkPathColors(t *testing.T, img, base image.Image, r image.Rectangle, n, minMore int) {
	t.Helper()
	for i := range n {
		c := pathColor(i)
		got, was := countColor(img, r, c, 20), countColor(base, r, c, 20)
		if got-was < minMore {
			t.Errorf("path %d: %d pixels of its color %v in the data area, %d without the path: want ≥ %d more", i, got, c, was, minMore)
		}
	}
}

// checkCurves checks that every series is drawn in its color through its
// data: at evenly spaced iterations whose value lies on the chart, a pixel
// of the series' color lies within 4 pixels of Layout.Pixel. Points that a
// later series (drawn on top) passes within 6 pixels of are skipped, and 85%
// of the rest must be hits, leaving room for the legend box.
func checkCurves(t *testing.T, img image.Image, l Layout, series []Series, opt LossOptions) {
	t.Helper()
	shift := 0.0
	if opt.HasFMin {
		shift = opt.FMin
	}
	// pix returns the pixel positions of the values of s drawn on the chart.
	pix := func(s Series) [][2]float64 {
		var out [][2]float64
		for k, v := range s.Values {
			v -= shift
			if !finite(v) || v > l.YMax {
				break
			}
			if v < l.YMin || (l.LogY && v <= 0) {
				continue
			}
			px, py := l.Pixel(float64(k), v)
			out = append(out, [2]float64{px, py})
		}
		return out
	}
	lines := make([][][2]float64, len(series))
	for i, s := range series {
		lines[i] = pix(s)
	}
	for i, line := range lines {
		const samples = 60
		tried, hits := 0, 0
		for j := 1; j <= samples; j++ {
			k := j * (len(line) - 1) / samples
			if k <= 0 || k >= len(line) {
				continue
			}
			p := line[k]
			if !l.Contains(p[0], p[1]) || covered(p, lines[i+1:], 6) {
				continue
			}
			tried++
			if near(img, p[0], p[1], 4, seriesColor(i), 20) {
				hits++
			}
		}
		if tried < 10 {
			t.Errorf("series %d (%s): only %d sample points visible", i, series[i].Label, tried)
			continue
		}
		if float64(hits) < 0.85*float64(tried) {
			t.Errorf("series %d (%s): its color %v near %d of %d points, want ≥ 85%%", i, series[i].Label, seriesColor(i), hits, tried)
		}
	}
}

// covered reports whether one of the polylines passes within r of p.
func covered(p [2]float64, lines [][][2]float64, r float64) bool {
	for _, line := range lines {
		for k := 1; k < len(line); k++ {
			if segDist(p, line[k-1], line[k]) < r {
				return true
			}
		}
		if len(line) == 1 && math.Hypot(p[0]-line[0][0], p[1]-line[0][1]) < r {
			return true
		}
	}
	return false
}

// segDist is the distance of p from the segment ab.
func segDist(p, a, b [2]float64) float64 {
	dx, dy := b[0]-a[0], b[1]-a[1]
	u := 0.0
	if d := dx*dx + dy*dy; d > 0 {
		u = math.Max(0, math.Min(1, ((p[0]-a[0])*dx+(p[1]-a[1])*dy)/d))
	}
	return math.Hypot(p[0]-a[0]-u*dx, p[1]-a[1]-u*dy)
}

// gifEnds decodes an animated GIF and returns its first frame, the
// composite of all frames (what the last frame shows) and the number of
// frames.
func gifEnds(t *testing.T, path string) (first, last *image.RGBA, frames int) {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	g, err := gif.DecodeAll(f)
	if err != nil {
		t.Fatalf("%s: %v", path, err)
	}
	canvas := image.NewRGBA(image.Rect(0, 0, g.Config.Width, g.Config.Height))
	for k, fr := range g.Image {
		drawOver(canvas, fr)
		if k == 0 {
			first = image.NewRGBA(canvas.Rect)
			copy(first.Pix, canvas.Pix)
		}
	}
	return first, canvas, len(g.Image)
}
