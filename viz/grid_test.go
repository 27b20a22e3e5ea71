package viz

import (
	"image/color"
	"math"
	"path/filepath"
	"testing"
)

// TestGridMapPixels (issue 17): the map shows a diverged cell in grey, the
// best cell's ✕ in red and the theoretical boundary in white where the
// data put them.
func TestGridMapPixels(t *testing.T) {
	lrs := []float64{0.01, 0.1, 1}
	mom := []float64{0, 0.5}
	d := GridMapData{LRs: lrs, Momenta: mom,
		F:        [][]float64{{1, 0.1, math.Inf(1)}, {0.5, 1e-6, math.Inf(1)}},
		Diverged: [][]bool{{false, false, true}, {false, false, true}},
		Theory:   []float64{0.2, 0.3}, Stable: []float64{0.1, 0.1}, BestRow: 1, BestCol: 1}
	path := filepath.Join(t.TempDir(), "grid.png")
	if err := GridMap(path, d, GridMapOptions{}); err != nil {
		t.Fatal(err)
	}
	l, err := GridMapLayout(d, GridMapOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if !l.LogX || l.LogY {
		t.Fatalf("axes: log x %v, log y %v", l.LogX, l.LogY)
	}
	img := decodePNG(t, path)
	checkImage(t, img, 960, 540, 8)
	grey := color.NRGBA{0xb0, 0xb0, 0xb0, 0xff}
	// The diverged cell (1, β = 0.25 … ), away from the boundary line.
	if x, y := l.Pixel(1.5, 0.1); !near(img, x, y, 2, grey, 10) {
		t.Errorf("no grey at the diverged cell (%.0f, %.0f)", x, y)
	}
	if x, y := l.Pixel(0.1, 0.5); !near(img, x, y, 4, color.NRGBA{0xcc, 0, 0, 0xff}, 40) {
		t.Errorf("no red ✕ at the best cell (%.0f, %.0f)", x, y)
	}
	// Midway along the boundary line, from (0.2, 0) to (0.3, 0.5).
	if x, y := l.Pixel(math.Sqrt(0.2*0.3), 0.25); !near(img, x, y, 4, color.NRGBA{0xff, 0xff, 0xff, 0xff}, 20) {
		t.Errorf("no white boundary line near (%.0f, %.0f)", x, y)
	}
	if _, err := GridMapLayout(GridMapData{LRs: []float64{1, 0.1}, Momenta: []float64{0}, F: [][]float64{{1, 1}}}, GridMapOptions{}); err == nil {
		t.Error("decreasing rates accepted")
	}
}
