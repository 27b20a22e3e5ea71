package viz

import (
	"math"
	"path/filepath"
	"testing"
)

// measured returns n+1 rows with v at every k-th row and NaN elsewhere.
func measured(n, k int, v func(i int) float64) []float64 {
	out := make([]float64, n+1)
	for i := range out {
		out[i] = math.NaN()
		if i%k == 0 {
			out[i] = v(i)
		}
	}
	return out
}

func rates(n int, lr func(k int) float64) []float64 {
	out := make([]float64, n+1)
	for k := range out {
		out[k] = lr(k)
	}
	return out
}

// TestSharpnessChartConstantLR: λmax = 100 measured every 5 iterations
// of 50 and lr = 0.015, so the limit 2/lr = 133.33… is a dashed line in the
// run's color. The chart must show the run's color on the measurements'
// line (between two dots and at a dot), on the limit, and not in between.
func TestSharpnessChartConstantLR(t *testing.T) {
	series := []SharpnessSeries{{
		Label:  "gd lr=0.015",
		Values: measured(50, 5, func(int) float64 { return 100 }),
		LR:     rates(50, func(int) float64 { return 0.015 }),
	}}
	path := filepath.Join(t.TempDir(), "sharp.png")
	if err := SharpnessChart(path, series, SharpnessOptions{}); err != nil {
		t.Fatal(err)
	}
	l, err := SharpnessLayout(series, SharpnessOptions{})
	if err != nil {
		t.Fatal(err)
	}
	img := decodePNG(t, path)
	checkImage(t, img, 960, 540, 10)
	col := seriesColor(0)
	for _, c := range []struct {
		x, y float64
		r    int
		want bool
		what string
	}{
		{12.5, 100, 2, true, "the line between the measurements at 10 and 15"},
		{20, 100, 2, true, "the dot at 20"},
		{22, 2 / 0.015, 6, true, "the 2/lr line (dashed: within a dash period)"},
		{33, 2 / 0.015, 6, true, "the 2/lr line further right"},
		{27, 116, 3, false, "the gap between λmax and 2/lr"},
		{27, 50, 3, false, "below the measurements"},
	} {
		px, py := l.Pixel(c.x, c.y)
		if !l.Contains(px, py) {
			t.Fatalf("%s: (%g, %g) maps outside the data area", c.what, c.x, c.y)
		}
		if got := near(img, px, py, c.r, col, 40); got != c.want {
			t.Errorf("%s: run color near pixel (%.0f, %.0f) = %v, want %v", c.what, px, py, got, c.want)
		}
	}
}

// TestSharpnessChartSchedule: the rate halves after iteration 25 (0.02 →
// 0.01), so 2/lr steps from 100 to 200 there; λmax = 80 throughout (so the
// axis, which reaches at most 3·80, holds both limits).
func TestSharpnessChartSchedule(t *testing.T) {
	series := []SharpnessSeries{{
		Label:  "gd step schedule",
		Values: measured(50, 5, func(int) float64 { return 80 }),
		LR: rates(50, func(k int) float64 {
			if k <= 25 {
				return 0.02
			}
			return 0.01
		}),
	}}
	path := filepath.Join(t.TempDir(), "sched.png")
	if err := SharpnessChart(path, series, SharpnessOptions{}); err != nil {
		t.Fatal(err)
	}
	l, err := SharpnessLayout(series, SharpnessOptions{})
	if err != nil {
		t.Fatal(err)
	}
	img := decodePNG(t, path)
	col := seriesColor(0)
	for _, c := range []struct {
		x, y float64
		want bool
		what string
	}{
		{15, 100, true, "2/lr = 100 before the change"},
		{35, 200, true, "2/lr = 200 after the change"},
		{35, 100, false, "no limit at 100 after the change"},
		{15, 150, false, "no limit at 150 before the change"},
		{25, 150, true, "the step at iteration 25"},
	} {
		px, py := l.Pixel(c.x, c.y)
		if !l.Contains(px, py) {
			t.Fatalf("%s: (%g, %g) maps outside the data area", c.what, c.x, c.y)
		}
		r := 6
		if !c.want {
			r = 3
		}
		if got := near(img, px, py, r, col, 40); got != c.want {
			t.Errorf("%s: run color near pixel (%.0f, %.0f) = %v, want %v", c.what, px, py, got, c.want)
		}
	}
}

// TestSharpnessChartRange: the y axis starts at 0 and reaches a limit a
// little above the measurements; a limit far above them (a tiny rate)
// stretches it only to 3 times the highest measurement, and a line search
// (NaN rates) adds nothing.
func TestSharpnessChartRange(t *testing.T) {
	vals := measured(20, 2, func(i int) float64 { return 10 + float64(i) }) // 10 … 30
	for _, c := range []struct {
		name     string
		lr       float64
		ymaxLo   float64
		ymaxHi   float64
		allowOff bool
	}{
		{"limit inside", 0.05, 40, 45, false}, // 2/lr = 40, padded 4 %
		{"limit far above", 1e-6, 90, 95, true},
		{"line search", math.NaN(), 30, 32, false},
	} {
		t.Run(c.name, func(t *testing.T) {
			s := []SharpnessSeries{{Values: vals, LR: rates(20, func(int) float64 { return c.lr })}}
			l, err := SharpnessLayout(s, SharpnessOptions{})
			if err != nil {
				t.Fatal(err)
			}
			if l.YMin > 0 || l.YMin < -5 {
				t.Errorf("y axis starts at %g, want just below 0", l.YMin)
			}
			if l.YMax < c.ymaxLo || l.YMax > c.ymaxHi {
				t.Errorf("y axis ends at %g, want in [%g, %g]", l.YMax, c.ymaxLo, c.ymaxHi)
			}
			if l.XMin != 0 || l.XMax != 20 {
				t.Errorf("x axis [%g, %g], want [0, 20]", l.XMin, l.XMax)
			}
			if err := SharpnessChart(filepath.Join(t.TempDir(), "r.png"), s, SharpnessOptions{}); err != nil {
				t.Fatal(err)
			}
		})
	}
	if err := SharpnessChart(filepath.Join(t.TempDir(), "x.png"), nil, SharpnessOptions{}); err == nil {
		t.Error("no series: no error")
	}
}

// TestSharpnessChartFactor: heavy-ball momentum β = 0.5 has the limit
// 2(1+β)/lr = 3/lr: at lr = 0.03 the line is at 100, not at 2/lr = 66.7.
func TestSharpnessChartFactor(t *testing.T) {
	series := []SharpnessSeries{{
		Values: measured(50, 5, func(int) float64 { return 40 }),
		LR:     rates(50, func(int) float64 { return 0.03 }),
		Factor: 3,
	}}
	path := filepath.Join(t.TempDir(), "f.png")
	if err := SharpnessChart(path, series, SharpnessOptions{}); err != nil {
		t.Fatal(err)
	}
	l, err := SharpnessLayout(series, SharpnessOptions{})
	if err != nil {
		t.Fatal(err)
	}
	img := decodePNG(t, path)
	for _, c := range []struct {
		y, r float64
		want bool
	}{{100, 6, true}, {2 / 0.03, 3, false}} {
		px, py := l.Pixel(25, c.y)
		if got := near(img, px, py, int(c.r), seriesColor(0), 40); got != c.want {
			t.Errorf("limit line near y = %g: %v, want %v", c.y, got, c.want)
		}
	}
}
