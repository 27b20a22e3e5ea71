package viz

import (
	"math"
	"path/filepath"
	"testing"
)

// TestLossChartNeverLies (issue 17): a loss that goes negative gets a
// linear axis (a log axis used to clamp it flat) with its lowest point
// drawn where it is, and a diverged run's ✕ sits at the iteration where it
// diverged, at the top of the axis (it used to sit on the last finite
// point).
func TestLossChartNeverLies(t *testing.T) {
	dir := t.TempDir()
	// f = x² + y² − 5 from f = 5 falls to −5 (a quadratic with a negative minimum).
	neg := make([]float64, 50)
	for i := range neg {
		neg[i] = -5 + 10*math.Pow(0.9, float64(i))
	}
	// Diverges at iteration 12: f grows ×10 a step, then +Inf.
	div := make([]float64, 20)
	for i := range div {
		div[i] = 5 * math.Pow(10, float64(i))
		if i >= 12 {
			div[i] = math.Inf(1)
		}
	}
	series := []Series{{Label: "gd lr=0.1", Values: neg}, {Label: "gd lr=2 — diverged", Values: div, Diverged: true}}
	path := filepath.Join(dir, "loss.png")
	if err := LossChart(path, series, LossOptions{}); err != nil {
		t.Fatal(err)
	}
	l, err := LossLayout(series, LossOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if l.LogY {
		t.Fatalf("log axis for values down to −5")
	}
	if !(l.YMin <= -5 && l.YMax >= 5) {
		t.Errorf("y range [%g, %g] does not hold [−5, 5]", l.YMin, l.YMax)
	}
	img := decodePNG(t, path)
	checkImage(t, img, 960, 540, 8)
	// The negative run's last point (49, ≈ −5) is drawn in its color.
	px, py := l.Pixel(49, neg[49])
	if !near(img, px, py, 3, SeriesColor(0), 60) {
		t.Errorf("no curve at the lowest point (%.0f, %.0f)", px, py)
	}
	// On the linear axis the ceiling is the highest value of the other
	// run and the starting values (5) plus half their range (10): 10, so
	// the run is cut at iteration 1 (f = 50), and its ✕ — the last point
	// of its line — sits at x = 1 on the top edge, not on iteration 0.
	pl, err := planLoss(series, LossOptions{})
	if err != nil {
		t.Fatal(err)
	}
	line := pl.lines[1]
	if last := line[len(line)-1]; !pl.cut[1] || last.x != 1 || last.y != pl.yr[1] {
		t.Errorf("diverged run ends at (%g, %g), cut %v; want (1, %g)", last.x, last.y, pl.cut[1], pl.yr[1])
	}
	x, y := l.Pixel(1, l.YMax)
	if !near(img, x, y, 4, SeriesColor(1), 60) {
		t.Errorf("no ✕ at the divergence (iteration 1, pixel %.0f, %.0f)", x, y)
	}
	// An all-positive chart keeps its log axis.
	lp, _ := LossLayout([]Series{{Values: []float64{10, 1, 0.1}}}, LossOptions{})
	if !lp.LogY {
		t.Errorf("positive values: linear axis")
	}
}
