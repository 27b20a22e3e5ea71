package expr

import "testing"

const rosenbrock = "(1-x)^2 + 100*(y-x^2)^2"

func BenchmarkRosenbrockValue(b *testing.B) {
	p := MustCompile(rosenbrock, nil)
	x := []float64{-1.2, 1}
	b.ReportAllocs()
	for b.Loop() {
		p.Value(x)
	}
}

func BenchmarkRosenbrockValueGrad(b *testing.B) {
	p := MustCompile(rosenbrock, nil)
	x := []float64{-1.2, 1}
	g := make([]float64, 2)
	b.ReportAllocs()
	for b.Loop() {
		p.ValueGrad(g, x)
	}
}

func BenchmarkRosenbrockHessVec(b *testing.B) {
	p := MustCompile(rosenbrock, nil)
	x := []float64{-1.2, 1}
	v := []float64{0.3, -0.7}
	hv := make([]float64, 2)
	b.ReportAllocs()
	for b.Loop() {
		p.HessVec(hv, x, v)
	}
}

// rosenbrockGrad is the hand-written Rosenbrock gradient, for comparison.
func rosenbrockGrad(g, x []float64) float64 {
	a, b := 1-x[0], x[1]-x[0]*x[0]
	g[0] = -2*a - 400*x[0]*b
	g[1] = 200 * b
	return a*a + 100*b*b
}

func BenchmarkRosenbrockHandWritten(b *testing.B) {
	x := []float64{-1.2, 1}
	g := make([]float64, 2)
	for b.Loop() {
		rosenbrockGrad(g, x)
	}
}

func BenchmarkCompileRosenbrock(b *testing.B) {
	b.ReportAllocs()
	for b.Loop() {
		MustCompile(rosenbrock, nil)
	}
}
