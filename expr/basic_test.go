package expr

import (
	"math"
	"testing"
)

func TestRosenbrockGradient(t *testing.T) {
	p := MustCompile(rosenbrock, nil)
	x := []float64{-1.2, 1}
	g := make([]float64, 2)
	want := make([]float64, 2)
	f := p.ValueGrad(g, x)
	wf := rosenbrockGrad(want, x)
	if math.Abs(f-wf) > 1e-12 || math.Abs(g[0]-want[0]) > 1e-10 || math.Abs(g[1]-want[1]) > 1e-10 {
		t.Errorf("got %v %v, want %v %v", f, g, wf, want)
	}
}
