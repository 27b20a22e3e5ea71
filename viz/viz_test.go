package viz

import (
	"bytes"
	"encoding/xml"
	"errors"
	"image"
	"image/color"
	"image/gif"
	"image/png"
	"io"
	"math"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"
)

// decodePNG reads a PNG file.
func decodePNG(t *testing.T, path string) image.Image {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	img, err := png.Decode(f)
	if err != nil {
		t.Fatalf("%s: %v", path, err)
	}
	return img
}

// distinctColors counts the distinct colors of img, up to limit.
func distinctColors(img image.Image, limit int) int {
	seen := map[color.RGBA]bool{}
	b := img.Bounds()
	for y := b.Min.Y; y < b.Max.Y; y++ {
		for x := b.Min.X; x < b.Max.X; x++ {
			seen[color.RGBAModel.Convert(img.At(x, y)).(color.RGBA)] = true
			if len(seen) >= limit {
				return len(seen)
			}
		}
	}
	return len(seen)
}

// checkImage checks the size and that the image is not blank.
func checkImage(t *testing.T, img image.Image, w, h, minColors int) {
	t.Helper()
	if b := img.Bounds(); b.Dx() != w || b.Dy() != h {
		t.Errorf("size %d×%d, want %d×%d", b.Dx(), b.Dy(), w, h)
	}
	if n := distinctColors(img, minColors); n < minColors {
		t.Errorf("%d distinct colors, want at least %d: blank chart?", n, minColors)
	}
}

// near reports whether some pixel within r of (px, py) is within tol of c
// (Euclidean RGB distance).
func near(img image.Image, px, py float64, r int, c color.NRGBA, tol float64) bool {
	cx, cy := int(math.Round(px)), int(math.Round(py))
	for y := cy - r; y <= cy+r; y++ {
		for x := cx - r; x <= cx+r; x++ {
			if !(image.Point{x, y}.In(img.Bounds())) {
				continue
			}
			p := color.NRGBAModel.Convert(img.At(x, y)).(color.NRGBA)
			dr, dg, db := float64(p.R)-float64(c.R), float64(p.G)-float64(c.G), float64(p.B)-float64(c.B)
			if math.Sqrt(dr*dr+dg*dg+db*db) <= tol {
				return true
			}
		}
	}
	return false
}

// diffAround returns the summed absolute RGB difference of a and b in the
// square of half-size r around (px, py).
func diffAround(a, b image.Image, px, py float64, r int) int {
	cx, cy := int(math.Round(px)), int(math.Round(py))
	s := 0
	for y := cy - r; y <= cy+r; y++ {
		for x := cx - r; x <= cx+r; x++ {
			if !(image.Point{x, y}.In(a.Bounds())) {
				continue
			}
			ar, ag, ab, _ := a.At(x, y).RGBA()
			br, bg, bb, _ := b.At(x, y).RGBA()
			s += absDiff(ar, br) + absDiff(ag, bg) + absDiff(ab, bb)
		}
	}
	return s >> 8
}

func absDiff(a, b uint32) int {
	if a > b {
		return int(a - b)
	}
	return int(b - a)
}

func TestLossChartPNG(t *testing.T) {
	_, quadSeries := quadRuns()
	inf, nan := math.Inf(1), math.NaN()
	tests := []struct {
		name   string
		series []Series
		opt    LossOptions
		colors int
	}{
		{"quad runs", quadSeries, LossOptions{Title: "runs", HasFMin: true}, 40},
		{"linear", quadSeries, LossOptions{LinearY: true}, 40},
		{"diverged NaN Inf", []Series{
			{Label: "ok", Values: []float64{10, 5, 2, 1, 0.5}},
			{Label: "boom", Values: []float64{10, 40, 1e3, 1e9, inf, nan}, Diverged: true},
		}, LossOptions{}, 20},
		{"diverged at once", []Series{{Label: "nan", Values: []float64{nan, nan}, Diverged: true}}, LossOptions{}, 10},
		{"all zero", []Series{{Label: "zero", Values: []float64{0, 0, 0}}}, LossOptions{}, 10},
		{"negative", []Series{{Label: "neg", Values: []float64{-3, -2, -1, -0.5}}}, LossOptions{}, 10},
		{"below f*", []Series{{Label: "f*", Values: []float64{3, 2, 1, 0.99999, 1, 1}}}, LossOptions{FMin: 1, HasFMin: true}, 10},
		{"empty values", []Series{{Label: "none"}}, LossOptions{}, 10},
		{"one value", []Series{{Values: []float64{4}}}, LossOptions{}, 5},
		{"tiny range", []Series{{Label: "flat", Values: []float64{1.0, 1.0000001, 1.0000002}}}, LossOptions{}, 10},
		{"denormals", []Series{{Label: "denorm", Values: []float64{1, 1e-200, 5e-324, 0}}}, LossOptions{}, 10},
		{"custom size", quadSeries, LossOptions{Width: 500, Height: 300}, 30},
		{"width only", quadSeries, LossOptions{Width: 640}, 30},
		{"long", []Series{{Label: "long", Values: longSeries(100000)}}, LossOptions{}, 20},
	}
	dir := t.TempDir()
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			path := filepath.Join(dir, strings.ReplaceAll(tt.name, " ", "_")+".png")
			if err := LossChart(path, tt.series, tt.opt); err != nil {
				t.Fatal(err)
			}
			w, h := tt.opt.Width, tt.opt.Height
			switch {
			case w == 0 && h == 0:
				w, h = 960, 540
			case h == 0:
				h = w * 9 / 16
			}
			checkImage(t, decodePNG(t, path), w, h, tt.colors)
		})
	}
}

func longSeries(n int) []float64 {
	v := make([]float64, n)
	for i := range v {
		v[i] = 100*math.Exp(-float64(i)/20000) + math.Sin(float64(i))*0.1 + 1
	}
	return v
}

// TestLossChartMarksDivergence checks that the ✕ lies where LossLayout maps
// the last value below the ceiling, and that nothing is drawn above it.
func TestLossChartMarksDivergence(t *testing.T) {
	series := []Series{
		{Label: "ok", Values: []float64{10, 5, 2, 1, 0.5, 0.2, 0.1}},
		{Label: "boom", Values: []float64{10, 100, 1000, 1e4, 1e5, 1e12, math.Inf(1)}, Diverged: true},
	}
	path := filepath.Join(t.TempDir(), "div.png")
	opt := LossOptions{}
	if err := LossChart(path, series, opt); err != nil {
		t.Fatal(err)
	}
	l, err := LossLayout(series, opt)
	if err != nil {
		t.Fatal(err)
	}
	img := decodePNG(t, path)
	// The ceiling is 1000 × 10: the last value below it is 1e4 at i = 3.
	px, py := l.Pixel(3, 1e4)
	if !l.Contains(px, py) {
		t.Fatalf("cut point maps outside the data area: (%v, %v) in %+v", px, py, l)
	}
	if !near(img, px, py, 3, seriesColor(1), 40) {
		t.Errorf("no ✕ in the series color near (%.0f, %.0f)", px, py)
	}
	if l.YMax >= 1e5 {
		t.Errorf("y axis reaches %g: the diverged tail was not cut", l.YMax)
	}
	// The start of the first series is drawn where the layout says.
	px, py = l.Pixel(0.2, 10*math.Pow(0.5, 0.2))
	if !near(img, px, py, 3, seriesColor(0), 60) {
		t.Errorf("first series not drawn near (%.0f, %.0f)", px, py)
	}
}

func TestLossChartLegend(t *testing.T) {
	dir := t.TempDir()
	labeled := []Series{{Label: "gd lr=0.05 — converged", Values: []float64{10, 5, 2, 1}}}
	plain := []Series{{Values: labeled[0].Values}}
	a, b := filepath.Join(dir, "a.png"), filepath.Join(dir, "b.png")
	if err := LossChart(a, labeled, LossOptions{}); err != nil {
		t.Fatal(err)
	}
	if err := LossChart(b, plain, LossOptions{}); err != nil {
		t.Fatal(err)
	}
	checkLegend(t, decodePNG(t, a), decodePNG(t, b))
}

// checkLegend checks that the images differ in a region holding dark
// (text) pixels in the labeled one.
func checkLegend(t *testing.T, labeled, plain image.Image) {
	t.Helper()
	r := image.Rectangle{}
	dark := 0
	b := labeled.Bounds()
	for y := b.Min.Y; y < b.Max.Y; y++ {
		for x := b.Min.X; x < b.Max.X; x++ {
			if labeled.At(x, y) == plain.At(x, y) {
				continue
			}
			r = r.Union(image.Rect(x, y, x+1, y+1))
			cr, cg, cb, _ := labeled.At(x, y).RGBA()
			if (cr+cg+cb)/3 < 0x4000 {
				dark++
			}
		}
	}
	if r.Empty() {
		t.Fatal("legend: labeled and unlabeled charts are identical")
	}
	if dark < 50 {
		t.Errorf("legend region %v has %d dark pixels, want text", r, dark)
	}
	if r.Dx() > b.Dx()/2 || r.Dy() > b.Dy()/2 {
		t.Errorf("legend region %v is larger than a corner", r)
	}
}

// contourPair renders the quad runs with and without paths on the same
// window and returns both images and the layout.
func contourPair(t *testing.T) (with, without image.Image, l Layout, paths []Path) {
	t.Helper()
	paths, _ = quadRuns()
	dir := t.TempDir()
	// No minima: the star would cover the ends of the converged runs.
	opt := ContourOptions{}
	opt.Window = FitWindow(paths, [][2]float64{{0, 0}})
	a, b := filepath.Join(dir, "with.png"), filepath.Join(dir, "without.png")
	if err := Contour(a, quad, paths, opt); err != nil {
		t.Fatal(err)
	}
	if err := Contour(b, quad, nil, opt); err != nil {
		t.Fatal(err)
	}
	l, err := ContourLayout(paths, opt)
	if err != nil {
		t.Fatal(err)
	}
	l2, err := ContourLayout(nil, opt)
	if err != nil {
		t.Fatal(err)
	}
	if l != l2 {
		t.Fatalf("layout depends on the paths with a fixed window: %+v vs %+v", l, l2)
	}
	return decodePNG(t, a), decodePNG(t, b), l, paths
}

func TestContourPathsDrawnWhereMapped(t *testing.T) {
	with, without, l, paths := contourPair(t)
	checkImage(t, with, 800, 700, 200)
	checkImage(t, without, 800, 700, 100)
	for i, p := range paths {
		// The start dot, in the path's color.
		px, py := l.Pixel(p.X[0], p.Y[0])
		if d := diffAround(with, without, px, py, 3); d < 500 {
			t.Errorf("path %d: start (%.0f, %.0f) unchanged by the path (diff %d)", i, px, py, d)
		}
		// The last point of each path that is in the window.
		k := len(p.X) - 1
		for k > 0 && !(l.XMin <= p.X[k] && p.X[k] <= l.XMax && l.YMin <= p.Y[k] && p.Y[k] <= l.YMax) {
			k--
		}
		px, py = l.Pixel(p.X[k], p.Y[k])
		if d := diffAround(with, without, px, py, 3); d < 500 {
			t.Errorf("path %d: end %d (%.0f, %.0f) unchanged by the path (diff %d)", i, k, px, py, d)
		}
		covered := false // by the end marker of a later path
		for _, q := range paths[i+1:] {
			qx, qy := l.Pixel(q.X[len(q.X)-1], q.Y[len(q.Y)-1])
			covered = covered || math.Hypot(qx-px, qy-py) < 8
		}
		if !covered && !near(with, px, py, 4, pathColor(i), 60) {
			t.Errorf("path %d: no pixel of its color near its end (%.0f, %.0f)", i, px, py)
		}
	}
	// A corner of the data area far from the paths is untouched.
	if d := diffAround(with, without, l.Left+10, l.Bottom-10, 3); d != 0 {
		t.Errorf("bottom-left corner changed by the paths (diff %d)", d)
	}
}

func TestContourMinimaStar(t *testing.T) {
	dir := t.TempDir()
	opt := ContourOptions{Window: [4]float64{-1, 2, -1, 2}}
	a, b := filepath.Join(dir, "a.png"), filepath.Join(dir, "b.png")
	if err := Contour(a, rosen, nil, opt); err != nil {
		t.Fatal(err)
	}
	opt.Minima = [][2]float64{{1, 1}}
	if err := Contour(b, rosen, nil, opt); err != nil {
		t.Fatal(err)
	}
	l, err := ContourLayout(nil, opt)
	if err != nil {
		t.Fatal(err)
	}
	without, with := decodePNG(t, a), decodePNG(t, b)
	px, py := l.Pixel(1, 1)
	if !near(with, px, py, 2, white, 10) {
		t.Errorf("no white star at the minimum (%.0f, %.0f)", px, py)
	}
	if d := diffAround(with, without, px, py, 4); d < 500 {
		t.Errorf("minimum unmarked (diff %d)", d)
	}
	checkLegend(t, with, without) // the "minimum" entry
}

func TestContourLegend(t *testing.T) {
	paths, _ := quadRuns()
	plain := make([]Path, len(paths))
	for i, p := range paths {
		plain[i] = Path{X: p.X, Y: p.Y}
	}
	dir := t.TempDir()
	opt := ContourOptions{}
	a, b := filepath.Join(dir, "a.png"), filepath.Join(dir, "b.png")
	if err := Contour(a, quad, paths, opt); err != nil {
		t.Fatal(err)
	}
	if err := Contour(b, quad, plain, opt); err != nil {
		t.Fatal(err)
	}
	checkLegend(t, decodePNG(t, a), decodePNG(t, b))
}

func TestContourEdgeCases(t *testing.T) {
	nan, inf := math.NaN(), math.Inf(1)
	tests := []struct {
		name  string
		f     func(x, y float64) float64
		paths []Path
		opt   ContourOptions
	}{
		{"no paths", quad, nil, ContourOptions{}},
		{"empty path", quad, []Path{{Label: "empty"}}, ContourOptions{}},
		{"one point", quad, []Path{{Label: "one", X: []float64{1}, Y: []float64{1}}}, ContourOptions{}},
		{"nan start", quad, []Path{{Label: "nan", X: []float64{nan, 1}, Y: []float64{1, 1}}}, ContourOptions{}},
		{"inf tail", quad, []Path{{Label: "inf", X: []float64{1, 2, inf}, Y: []float64{1, -2, 4}}}, ContourOptions{}},
		{"huge tail", quad, []Path{{Label: "huge", X: []float64{1, -1, 1e150, -1e300}, Y: []float64{1, -1, 1e150, 1e300}}}, ContourOptions{}},
		{"mismatched lengths", quad, []Path{{X: []float64{1, 2, 3}, Y: []float64{1}}}, ContourOptions{}},
		{"nan f", func(x, y float64) float64 {
			if x < 0 {
				return nan
			}
			return quad(x, y)
		}, nil, ContourOptions{Window: [4]float64{-1, 1, -1, 1}}},
		{"inf f", func(x, y float64) float64 { return 1 / (x*x + y*y) }, nil, ContourOptions{Window: [4]float64{-1, 1, -1, 1}}},
		{"constant f", func(x, y float64) float64 { return 3 }, nil, ContourOptions{Levels: -1}},
		{"small grid", quad, nil, ContourOptions{Grid: 2, Width: 300, Height: 200}},
		{"path outside window", quad, []Path{{Label: "far", X: []float64{10, 11}, Y: []float64{10, 11}}}, ContourOptions{Window: [4]float64{-1, 1, -1, 1}}},
	}
	dir := t.TempDir()
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			path := filepath.Join(dir, strings.ReplaceAll(tt.name, " ", "_")+".png")
			if tt.opt.Width == 0 { // small and coarse: these check robustness
				tt.opt.Width, tt.opt.Height, tt.opt.Grid = 320, 280, 60
			}
			if err := Contour(path, tt.f, tt.paths, tt.opt); err != nil {
				t.Fatal(err)
			}
			w, h := tt.opt.Width, tt.opt.Height
			checkImage(t, decodePNG(t, path), w, h, 5)
		})
	}
}

func TestSVG(t *testing.T) {
	dir := t.TempDir()
	paths, series := quadRuns()
	tests := []struct {
		name   string
		render func(path string) error
		w, h   int
	}{
		{"loss", func(p string) error { return LossChart(p, series, LossOptions{}) }, 960, 540},
		{"loss sized", func(p string) error { return LossChart(p, series, LossOptions{Width: 400, Height: 300}) }, 400, 300},
		{"contour", func(p string) error { return Contour(p, quad, paths, ContourOptions{}) }, 800, 700},
		{"lrfind", func(p string) error {
			lrs, losses, smooth := lrRange()
			return LRFindChart(p, lrs, losses, smooth, 0.03, 0.1, LossOptions{})
		}, 960, 540},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			path := filepath.Join(dir, strings.ReplaceAll(tt.name, " ", "_")+".svg")
			if err := tt.render(path); err != nil {
				t.Fatal(err)
			}
			b, err := os.ReadFile(path)
			if err != nil {
				t.Fatal(err)
			}
			w, h := svgSize(t, b)
			if want := pt(tt.w); w != want {
				t.Errorf("width %q, want %q", w, want)
			}
			if want := pt(tt.h); h != want {
				t.Errorf("height %q, want %q", h, want)
			}
			if !bytes.Contains(b, []byte("sans-serif")) {
				t.Error("no sans-serif font fallback")
			}
			if bytes.Contains(b, []byte("<image ")) && !bytes.Contains(b, []byte(`<image preserveAspectRatio="none"`)) {
				t.Error("the heat map keeps its aspect ratio instead of filling the data area")
			}
			if len(b) > 600<<10 {
				t.Errorf("SVG is %d KB", len(b)>>10)
			}
		})
	}
}

// pt formats a pixel size as the SVG size in points.
func pt(px int) string { return strconv.FormatFloat(float64(px)*0.75, 'g', -1, 64) + "pt" }

// svgSize parses the whole document and returns the root's width and height.
func svgSize(t *testing.T, b []byte) (w, h string) {
	t.Helper()
	d := xml.NewDecoder(bytes.NewReader(b))
	root := true
	for {
		tok, err := d.Token()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			t.Fatalf("SVG is not well-formed XML: %v", err)
		}
		if se, ok := tok.(xml.StartElement); ok && root {
			root = false
			if se.Name.Local != "svg" {
				t.Fatalf("root element %q, want svg", se.Name.Local)
			}
			for _, a := range se.Attr {
				switch a.Name.Local {
				case "width":
					w = a.Value
				case "height":
					h = a.Value
				}
			}
		}
	}
	return w, h
}

func TestPDF(t *testing.T) {
	path := filepath.Join(t.TempDir(), "loss.pdf")
	_, series := quadRuns()
	if err := LossChart(path, series, LossOptions{}); err != nil {
		t.Fatal(err)
	}
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.HasPrefix(b, []byte("%PDF-")) {
		t.Errorf("not a PDF: %q", b[:min(len(b), 8)])
	}
}

func TestGIF(t *testing.T) {
	paths, _ := quadRuns()
	path := filepath.Join(t.TempDir(), "quad.gif")
	opt := GIFOptions{ContourOptions: ContourOptions{Minima: [][2]float64{{0, 0}}}, HoldLast: 1500 * time.Millisecond}
	if err := GIF(path, quad, paths, opt); err != nil {
		t.Fatal(err)
	}
	fi, err := os.Stat(path)
	if err != nil {
		t.Fatal(err)
	}
	if fi.Size() >= 500<<10 {
		t.Errorf("60-frame GIF is %d KB, want < 500 KB", fi.Size()>>10)
	}
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	g, err := gif.DecodeAll(f)
	if err != nil {
		t.Fatal(err)
	}
	if len(g.Image) != 60 {
		t.Errorf("%d frames, want 60", len(g.Image))
	}
	if g.Config.Width != 800 || g.Config.Height != 700 {
		t.Errorf("size %d×%d, want 800×700", g.Config.Width, g.Config.Height)
	}
	if d := g.Delay[len(g.Delay)-1]; d != 150 {
		t.Errorf("last frame delay %d cs, want 150", d)
	}
	// Composite the frames; the first is complete, the others are patches.
	canvas := image.NewRGBA(image.Rect(0, 0, g.Config.Width, g.Config.Height))
	var first *image.RGBA
	for k, fr := range g.Image {
		if k == 0 && fr.Bounds() != canvas.Bounds() {
			t.Fatalf("first frame %v, want the whole image", fr.Bounds())
		}
		if k > 0 && g.Disposal[k] != gif.DisposalNone {
			t.Errorf("frame %d disposal %d", k, g.Disposal[k])
		}
		drawOver(canvas, fr)
		if k == 0 {
			first = image.NewRGBA(canvas.Rect)
			copy(first.Pix, canvas.Pix)
		}
	}
	checkImage(t, canvas, 800, 700, 100)
	l, err := GIFLayout(paths, opt)
	if err != nil {
		t.Fatal(err)
	}
	// The slow run (lr = 0.001) is complete in the last frame and absent
	// from the first.
	p := paths[0]
	k := len(p.X) - 1
	px, py := l.Pixel(p.X[k], p.Y[k])
	if !near(canvas, px, py, 4, pathColor(0), 70) {
		t.Errorf("last frame: no path color near the end (%.0f, %.0f)", px, py)
	}
	if d := diffAround(canvas, first, px, py, 3); d < 300 {
		t.Errorf("end of path unchanged between first and last frame (diff %d)", d)
	}
}

func drawOver(dst *image.RGBA, src *image.Paletted) {
	b := src.Bounds()
	for y := b.Min.Y; y < b.Max.Y; y++ {
		for x := b.Min.X; x < b.Max.X; x++ {
			if c := src.Palette[src.ColorIndexAt(x, y)]; func() bool { _, _, _, a := c.RGBA(); return a != 0 }() {
				dst.Set(x, y, c)
			}
		}
	}
}

func TestGIFFewFrames(t *testing.T) {
	paths := []Path{{Label: "still", X: []float64{1}, Y: []float64{1}}}
	path := filepath.Join(t.TempDir(), "still.gif")
	if err := GIF(path, quad, paths, GIFOptions{Frames: 2, ContourOptions: ContourOptions{Width: 200, Height: 150}}); err != nil {
		t.Fatal(err)
	}
	f, _ := os.Open(path)
	defer f.Close()
	g, err := gif.DecodeAll(f)
	if err != nil {
		t.Fatal(err)
	}
	if len(g.Image) != 2 || g.Config.Width != 200 || g.Config.Height != 150 {
		t.Errorf("%d frames %d×%d, want 2 frames 200×150", len(g.Image), g.Config.Width, g.Config.Height)
	}
}

func TestErrors(t *testing.T) {
	_, series := quadRuns()
	paths, _ := quadRuns()
	dir := t.TempDir()
	tests := []struct {
		name   string
		path   string
		render func(path string) error
		want   string
	}{
		{"unwritable png", "/nonexistent/dir/x.png", func(p string) error { return LossChart(p, series, LossOptions{}) }, "nonexistent"},
		{"unwritable contour", "/nonexistent/dir/x.svg", func(p string) error { return Contour(p, quad, paths, ContourOptions{}) }, "nonexistent"},
		{"unwritable gif", "/nonexistent/dir/x.gif", func(p string) error { return GIF(p, quad, paths, GIFOptions{Frames: 2}) }, "nonexistent"},
		{"wrong extension", filepath.Join(dir, "x.jpg"), func(p string) error { return LossChart(p, series, LossOptions{}) }, ".png, .svg, .pdf"},
		{"no extension", filepath.Join(dir, "x"), func(p string) error { return Contour(p, quad, nil, ContourOptions{}) }, ".png, .svg, .pdf"},
		{"gif extension", filepath.Join(dir, "x.png"), func(p string) error { return GIF(p, quad, paths, GIFOptions{}) }, ".gif"},
		{"lrfind extension", filepath.Join(dir, "x.gif"), func(p string) error {
			return LRFindChart(p, []float64{1}, []float64{1}, nil, 0, 0, LossOptions{})
		}, ".png, .svg, .pdf"},
		{"no series", filepath.Join(dir, "none.png"), func(p string) error { return LossChart(p, nil, LossOptions{}) }, "series"},
		{"bad size", filepath.Join(dir, "size.png"), func(p string) error { return LossChart(p, series, LossOptions{Width: -5, Height: 10}) }, "size"},
		{"empty window", filepath.Join(dir, "win.png"), func(p string) error {
			return Contour(p, quad, nil, ContourOptions{Window: [4]float64{1, 1, 0, 2}})
		}, "window"},
		{"nan window", filepath.Join(dir, "nanwin.png"), func(p string) error {
			return Contour(p, quad, nil, ContourOptions{Window: [4]float64{math.NaN(), 1, 0, 2}})
		}, "window"},
		{"bad frames", filepath.Join(dir, "frames.gif"), func(p string) error { return GIF(p, quad, paths, GIFOptions{Frames: 1}) }, "Frames"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := tt.render(tt.path)
			if err == nil {
				t.Fatal("no error")
			}
			if !strings.Contains(err.Error(), tt.want) {
				t.Errorf("error %q does not mention %q", err, tt.want)
			}
			if _, serr := os.Stat(tt.path); !errors.Is(serr, os.ErrNotExist) {
				t.Errorf("%s exists after the error (stat: %v)", tt.path, serr)
			}
		})
	}
	// No temporary files are left behind either.
	entries, _ := os.ReadDir(dir)
	for _, e := range entries {
		t.Errorf("left behind: %s", e.Name())
	}
}

func TestLRFindChart(t *testing.T) {
	lrs, losses, smooth := lrRange()
	dir := t.TempDir()
	tests := []struct {
		name      string
		smoothed  []float64
		sugg, bnd float64
		opt       LossOptions
	}{
		{"full", smooth, 0.03, 0.1, LossOptions{}},
		{"raw only", nil, 0.03, 0, LossOptions{}},
		{"linear", smooth, 0, 0.1, LossOptions{LinearY: true}},
		{"outside range", smooth, 1e-8, 100, LossOptions{}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			path := filepath.Join(dir, strings.ReplaceAll(tt.name, " ", "_")+".png")
			if err := LRFindChart(path, lrs, losses, tt.smoothed, tt.sugg, tt.bnd, tt.opt); err != nil {
				t.Fatal(err)
			}
			checkImage(t, decodePNG(t, path), 960, 540, 30)
		})
	}
	t.Run("nan and nonpositive", func(t *testing.T) {
		path := filepath.Join(dir, "nan.png")
		l := []float64{0, -1, 1e-3, 1e-2, 1e-1, 1}
		v := []float64{1, 1, 1, 0.5, math.NaN(), math.Inf(1)}
		if err := LRFindChart(path, l, v, v, 0.01, 0, LossOptions{}); err != nil {
			t.Fatal(err)
		}
		checkImage(t, decodePNG(t, path), 960, 540, 10)
	})
	t.Run("length mismatch panics", func(t *testing.T) {
		defer func() {
			if recover() == nil {
				t.Error("no panic")
			}
		}()
		_ = LRFindChart(filepath.Join(dir, "x.png"), []float64{1, 2}, []float64{1}, nil, 0, 0, LossOptions{})
	})
}

func TestFitWindow(t *testing.T) {
	nan := math.NaN()
	tests := []struct {
		name   string
		paths  []Path
		minima [][2]float64
		// The window must contain these points and lie within bound.
		contain [][2]float64
		bound   [4]float64
	}{
		{"nothing", nil, nil, nil, [4]float64{-1, 1, -1, 1}},
		{"minimum only", nil, [][2]float64{{2, 3}}, [][2]float64{{2, 3}}, [4]float64{0, 4, 1, 5}},
		{"path and minimum", []Path{{X: []float64{3, 1, 0.1}, Y: []float64{1, 0.5, 0}}}, [][2]float64{{0, 0}},
			[][2]float64{{3, 1}, {0, 0}}, [4]float64{-1, 4, -1, 2}},
		{"diverging path is clipped", []Path{{X: []float64{3, -4, 9, -20, 50, -1e6, 1e12}, Y: []float64{1, 1, 1, 1, 1, 1, 1}}},
			[][2]float64{{0, 0}}, [][2]float64{{3, 1}, {0, 0}}, [4]float64{-3, 6, -3, 3}},
		{"lone diverging path", []Path{{X: []float64{1, -1.2, 1.44, -1.73, 2.07, -2.49, 2.99, -3.58, 4.3, -5.16, 6.19, -7.43, 8.92, -10.7, 12.8, -15.4, 18.5, -22.2}, Y: make([]float64, 18)}},
			nil, [][2]float64{{1, 0}, {-1.2, 0}, {1.44, 0}}, [4]float64{-30, 30, -30, 30}},
		{"converging to a far point", []Path{
			{X: []float64{0, 5, 7.5, 8.75, 9.4, 9.7, 9.85, 9.9}, Y: []float64{0, 5, 7.5, 8.75, 9.4, 9.7, 9.85, 9.9}},
			{X: []float64{1, 5, 9.9}, Y: []float64{0, 5, 9.9}}},
			nil, [][2]float64{{0, 0}, {9.9, 9.9}}, [4]float64{-2, 12, -2, 12}},
		{"stops at NaN", []Path{{X: []float64{1, 2, nan, 100}, Y: []float64{1, 2, 3, 100}}}, nil,
			[][2]float64{{1, 1}, {2, 2}}, [4]float64{0, 3, 0, 3}},
		{"flat path", []Path{{X: []float64{0, 10}, Y: []float64{5, 5}}}, nil,
			[][2]float64{{0, 5}, {10, 5}}, [4]float64{-2, 12, 2, 8}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			w := FitWindow(tt.paths, tt.minima)
			if !(w[0] < w[1] && w[2] < w[3]) {
				t.Fatalf("empty window %v", w)
			}
			for _, p := range tt.contain {
				if p[0] <= w[0] || p[0] >= w[1] || p[1] <= w[2] || p[1] >= w[3] {
					t.Errorf("window %v does not contain %v with a margin", w, p)
				}
			}
			b := tt.bound
			if w[0] < b[0] || w[1] > b[1] || w[2] < b[2] || w[3] > b[3] {
				t.Errorf("window %v exceeds %v", w, b)
			}
		})
	}
}

func TestDecadeTicks(t *testing.T) {
	tests := []struct {
		min, max float64
		want     []string // labels, in order
	}{
		{1e-5, 100, []string{"1e-05", "0.0001", "0.001", "0.01", "0.1", "1", "10", "100"}},
		{0.3, 2, []string{"0.5", "1", "2"}},
		{2e-13, 3e4, nil}, // nil: checked for count only
		{1e-300, 1e10, nil},
		{0.62, 0.91, []string{"0.7", "0.8", "0.9"}},
	}
	for _, tt := range tests {
		var got []string
		for _, tk := range (decadeTicks{}).Ticks(tt.min, tt.max) {
			if tk.Label != "" {
				got = append(got, tk.Label)
			}
			if tk.Value < tt.min*(1-1e-9) || tk.Value > tt.max*(1+1e-9) {
				t.Errorf("[%g, %g]: tick %g out of range", tt.min, tt.max, tk.Value)
			}
		}
		for _, l := range got {
			if strings.Contains(l, "999") || strings.Contains(l, "000001") {
				t.Errorf("[%g, %g]: noisy label %q", tt.min, tt.max, l)
			}
		}
		if tt.want == nil {
			if len(got) < 3 || len(got) > 9 {
				t.Errorf("[%g, %g]: %d labels %v, want 3…9", tt.min, tt.max, len(got), got)
			}
			continue
		}
		if strings.Join(got, " ") != strings.Join(tt.want, " ") {
			t.Errorf("[%g, %g]: labels %v, want %v", tt.min, tt.max, got, tt.want)
		}
	}
}

func TestLinearTicks(t *testing.T) {
	tests := []struct {
		min, max float64
		want     string
	}{
		{0, 400, "0 50 100 150 200 250 300 350 400"},
		{0, 1, "0 0.2 0.4 0.6 0.8 1"},
		{-2.1, 3.4, "-2 -1 0 1 2 3"},
		{0.1, 0.7, "0.1 0.2 0.3 0.4 0.5 0.6 0.7"},
	}
	for _, tt := range tests {
		var got []string
		for _, tk := range (linearTicks{}).Ticks(tt.min, tt.max) {
			if tk.Label != "" {
				got = append(got, tk.Label)
			}
		}
		if s := strings.Join(got, " "); s != tt.want {
			t.Errorf("[%g, %g]: %q, want %q", tt.min, tt.max, s, tt.want)
		}
	}
}

func TestLayoutPixel(t *testing.T) {
	l := Layout{Width: 100, Height: 100, Left: 10, Top: 20, Right: 90, Bottom: 80,
		XMin: 0, XMax: 4, YMin: 1e-2, YMax: 1e2, LogY: true}
	tests := []struct{ x, y, px, py float64 }{
		{0, 1e-2, 10, 80},
		{4, 1e2, 90, 20},
		{2, 1, 50, 50},
	}
	for _, tt := range tests {
		px, py := l.Pixel(tt.x, tt.y)
		if math.Abs(px-tt.px) > 1e-9 || math.Abs(py-tt.py) > 1e-9 {
			t.Errorf("Pixel(%g, %g) = (%g, %g), want (%g, %g)", tt.x, tt.y, px, py, tt.px, tt.py)
		}
	}
}

func BenchmarkLossChart(b *testing.B) {
	_, series := quadRuns()
	path := filepath.Join(b.TempDir(), "loss.png")
	for b.Loop() {
		if err := LossChart(path, series, LossOptions{HasFMin: true}); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkContour(b *testing.B) {
	paths, _ := quadRuns()
	path := filepath.Join(b.TempDir(), "contour.png")
	for b.Loop() {
		if err := Contour(path, quad, paths, ContourOptions{Grid: 200, Minima: [][2]float64{{0, 0}}}); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkGIF60(b *testing.B) {
	paths, _ := quadRuns()
	path := filepath.Join(b.TempDir(), "quad.gif")
	for b.Loop() {
		if err := GIF(path, quad, paths, GIFOptions{Frames: 60, ContourOptions: ContourOptions{Minima: [][2]float64{{0, 0}}}}); err != nil {
			b.Fatal(err)
		}
	}
	if fi, err := os.Stat(path); err == nil {
		b.ReportMetric(float64(fi.Size())/1024, "KB")
	}
}

// TestLegendOutsideWhenCrowded fills every corner of a loss chart, which
// must push the legend out of the data area.
func TestLegendOutsideWhenCrowded(t *testing.T) {
	zig := make([]float64, 200)
	for i := range zig {
		zig[i] = 1 + 999*float64(i%2)
	}
	labeled := []Series{{Label: "oscillating between 1 and 1000", Values: zig}}
	plain := []Series{{Values: zig}}
	dir := t.TempDir()
	a, b := filepath.Join(dir, "labeled.png"), filepath.Join(dir, "plain.png")
	if err := LossChart(a, labeled, LossOptions{}); err != nil {
		t.Fatal(err)
	}
	if err := LossChart(b, plain, LossOptions{}); err != nil {
		t.Fatal(err)
	}
	la, err := LossLayout(labeled, LossOptions{})
	if err != nil {
		t.Fatal(err)
	}
	lb, err := LossLayout(plain, LossOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if la.Right >= lb.Right && la.Bottom >= lb.Bottom {
		t.Fatalf("data area %+v not shrunk for an outside legend (without legend: %+v)", la, lb)
	}
	// The legend's text lies outside the data area.
	imgA, imgB := decodePNG(t, a), decodePNG(t, b)
	dark := 0
	for y := 0; y < la.Height; y++ {
		for x := 0; x < la.Width; x++ {
			if la.Contains(float64(x), float64(y)) || imgA.At(x, y) == imgB.At(x, y) {
				continue
			}
			if r, g, b, _ := imgA.At(x, y).RGBA(); (r+g+b)/3 < 0x4000 && (x > int(la.Right)+4 || y > int(la.Bottom)+48) {
				dark++
			}
		}
	}
	if dark < 50 {
		t.Errorf("no legend text outside the data area (%d dark pixels) %+v %+v", dark, la, lb)
	}
}

// TestConcurrentRendering renders charts from several goroutines: the
// package keeps no mutable global state.
func TestConcurrentRendering(t *testing.T) {
	paths, series := quadRuns()
	dir := t.TempDir()
	errs := make(chan error, 6)
	for k := 0; k < 3; k++ {
		go func() {
			errs <- LossChart(filepath.Join(dir, "l"+strconv.Itoa(k)+".png"), series, LossOptions{Width: 320, Height: 180})
		}()
		go func() {
			errs <- Contour(filepath.Join(dir, "c"+strconv.Itoa(k)+".svg"), quad, paths, ContourOptions{Width: 320, Height: 280, Grid: 40})
		}()
	}
	for k := 0; k < 6; k++ {
		if err := <-errs; err != nil {
			t.Error(err)
		}
	}
}
