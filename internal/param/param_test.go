package param

import (
	"math"
	"testing"
)

// same compares bit patterns, so that 0 and −0 differ and NaN equals NaN.
func same(a, b float64) bool { return math.Float64bits(a) == math.Float64bits(b) }

func TestZero(t *testing.T) {
	if Zero != 0 || !math.Signbit(Zero) {
		t.Fatalf("Zero = %g (sign bit %v), want negative zero", Zero, math.Signbit(Zero))
	}
}

func TestOrDefault(t *testing.T) {
	for _, c := range []struct {
		name       string
		v, d, want float64
	}{
		{"zero value means the default", 0, 0.9, 0.9},
		{"Zero asks for a literal 0", Zero, 0.9, Zero},
		{"a set value is kept", 0.5, 0.9, 0.5},
		{"a negative value is kept", -2, 0.9, -2},
		{"the default may be 0", 0, 0, 0},
		{"infinity is kept", math.Inf(1), 1, math.Inf(1)},
		{"NaN is kept", math.NaN(), 1, math.NaN()},
	} {
		if got := OrDefault(c.v, c.d); !same(got, c.want) {
			t.Errorf("%s: OrDefault(%g, %g) = %g, want %g", c.name, c.v, c.d, got, c.want)
		}
	}
}

func TestExplicit(t *testing.T) {
	for _, c := range []struct{ v, want float64 }{
		{0, Zero},
		{Zero, Zero},
		{1e-8, 1e-8},
		{-3, -3},
		{math.Inf(-1), math.Inf(-1)},
	} {
		got := Explicit(c.v)
		if !same(got, c.want) {
			t.Errorf("Explicit(%g) = %g (sign bit %v), want %g (sign bit %v)", c.v, got, math.Signbit(got), c.want, math.Signbit(c.want))
		}
		// A written value survives resolution: a written 0 is not the default.
		if r := OrDefault(got, 42); !same(r, got) {
			t.Errorf("OrDefault(Explicit(%g), 42) = %g, want %g", c.v, r, got)
		}
	}
}
