package minimize

import "testing"

// TestBelow: the printed value reads below the tolerance (issue 13: a
// message said "1e-08 < 1e-08").
func TestBelow(t *testing.T) {
	for _, c := range []struct {
		v, tol float64
		want   string
	}{
		{9.99999e-9, 1e-8, "9.99999e-09"},
		{9.996e-9, 1e-8, "9.996e-09"},
		{1.23e-10, 1e-8, "1.23e-10"},
		{0, 1e-8, "0"},
	} {
		if got := Below(c.v, c.tol); got != c.want {
			t.Errorf("Below(%g, %g) = %q, want %q", c.v, c.tol, got, c.want)
		}
	}
}
