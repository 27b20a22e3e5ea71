package fn

import "testing"

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
