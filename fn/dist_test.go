package fn

import (
	"math"
	"testing"
)

// TestDist: the 3-4-5 triangle, and a zero distance.
func TestDist(t *testing.T) {
	if d := Dist([]float64{1, 2}, []float64{4, 6}); d != 5 {
		t.Errorf("Dist = %g, want 5", d)
	}
	if d := Dist([]float64{7}, []float64{7}); d != 0 {
		t.Errorf("Dist = %g, want 0", d)
	}
	defer func() {
		if recover() == nil {
			t.Error("no panic for different lengths")
		}
	}()
	Dist([]float64{1}, []float64{1, 2})
}

// TestNormScaled: norms whose squares overflow or underflow, against the
// closed forms ‖(a, a)‖ = √2·a and ‖(3a, 4a)‖ = 5a.
func TestNormScaled(t *testing.T) {
	for _, c := range []struct {
		v    []float64
		want float64
	}{
		{[]float64{1e154}, 1e154},
		{[]float64{-2e200, 0}, 2e200},
		{[]float64{3e-170, 4e-170}, 5e-170},
		{[]float64{3e170, 4e170}, 5e170},
		{[]float64{1e300, 1e300}, math.Sqrt2 * 1e300},
		{[]float64{0, 0}, 0},
		{[]float64{3, 4}, 5},
		{[]float64{math.Inf(-1), 1}, math.Inf(1)},
	} {
		got := Norm2(c.v)
		if math.Abs(got-c.want) > 1e-15*c.want {
			t.Errorf("Norm2(%v) = %g, want %g", c.v, got, c.want)
		}
		z := make([]float64, len(c.v))
		if d := Dist(c.v, z); math.Abs(d-c.want) > 1e-15*c.want {
			t.Errorf("Dist(%v, 0) = %g, want %g", c.v, d, c.want)
		}
	}
	if n := Norm2([]float64{math.NaN(), 1}); !math.IsNaN(n) {
		t.Errorf("Norm2 with NaN = %g, want NaN", n)
	}
}

// TestMaxAbs: the largest magnitude, of either sign; 0 for nothing; NaN
// for a NaN anywhere.
func TestMaxAbs(t *testing.T) {
	for _, c := range []struct {
		v    []float64
		want float64
	}{
		{nil, 0},
		{[]float64{3, -7, 5}, 7},
		{[]float64{-0.5}, 0.5},
		{[]float64{math.Inf(-1), 2}, math.Inf(1)},
	} {
		if got := MaxAbs(c.v); got != c.want {
			t.Errorf("MaxAbs(%v) = %g, want %g", c.v, got, c.want)
		}
	}
	if got := MaxAbs([]float64{1, math.NaN(), 9}); !math.IsNaN(got) {
		t.Errorf("MaxAbs with a NaN = %g, want NaN", got)
	}
}

// TestDistInf: the largest coordinate difference, of either sign; NaN
// for a NaN difference; a panic for different lengths.
func TestDistInf(t *testing.T) {
	if d := DistInf([]float64{1, 2, -3}, []float64{4, 2, 1}); d != 4 {
		t.Errorf("DistInf = %g, want 4", d)
	}
	if d := DistInf([]float64{1, math.NaN()}, []float64{1, 2}); !math.IsNaN(d) {
		t.Errorf("DistInf with a NaN = %g, want NaN", d)
	}
	defer func() {
		if recover() == nil {
			t.Error("no panic for different lengths")
		}
	}()
	DistInf([]float64{1}, []float64{1, 2})
}
