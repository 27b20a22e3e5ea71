package viz

import (
	"path/filepath"
	"testing"
)

// TestXYChart draws y = x and y = 100x on log–log axes for x = 10 … 10⁴:
// the first line's pixels rise from left to right (their mean row in the
// right third of the image is above the left third's), the second lies
// above the first in the middle third, the image is not blank, and a
// chart with no drawable point (every y ≤ 0 on a log axis) is an error.
func TestXYChart(t *testing.T) {
	xs := []float64{10, 100, 1000, 10000}
	a, b := make([]float64, 4), make([]float64, 4)
	for i, x := range xs {
		a[i], b[i] = x, 100*x
	}
	path := filepath.Join(t.TempDir(), "xy.png")
	err := XYChart(path, []XYSeries{{Label: "y = x", X: xs, Y: a}, {Label: "y = 100x", X: xs, Y: b, Dashed: true}},
		XYOptions{Width: 800, Height: 500, Title: "growth", XLabel: "rows", YLabel: "seconds", LogX: true, LogY: true})
	if err != nil {
		t.Fatal(err)
	}
	img := decodePNG(t, path)
	checkImage(t, img, 800, 500, 8)
	meanRow := func(c int, x0, x1 int) (float64, int) {
		col := SeriesColor(c)
		sum, n := 0.0, 0
		for y := 0; y < 500; y++ {
			for x := x0; x < x1; x++ {
				if colorDist(img.At(x, y), col) <= 30 {
					sum += float64(y)
					n++
				}
			}
		}
		return sum / float64(max(n, 1)), n
	}
	l, nl := meanRow(0, 0, 266)
	r, nr := meanRow(0, 533, 800)
	if nl < 20 || nr < 20 || !(r < l-50) {
		t.Errorf("y = x: mean row %.0f on the left (%d px), %.0f on the right (%d px): want a line rising by > 50 px", l, nl, r, nr)
	}
	m0, n0 := meanRow(0, 300, 500)
	m1, n1 := meanRow(1, 300, 500)
	if n0 < 10 || n1 < 10 || !(m1 < m0-30) {
		t.Errorf("middle third: y = 100x at row %.0f (%d px), y = x at %.0f (%d px): want it above", m1, n1, m0, n0)
	}
	if err := XYChart(filepath.Join(t.TempDir(), "none.png"), []XYSeries{{X: []float64{1}, Y: []float64{-1}}}, XYOptions{LogY: true}); err == nil {
		t.Error("no drawable point: no error")
	}
}
