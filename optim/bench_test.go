package optim

import (
	"math"
	"testing"
)

// benchRosenbrock returns f(x) and stores ∇f(x) in g for the 2-D Rosenbrock
// function (1−x)² + 100(y−x²)², written out by hand.
func benchRosenbrock(g, x []float64) float64 {
	a, b := 1-x[0], x[1]-x[0]*x[0]
	g[0] = -2*a - 400*x[0]*b
	g[1] = 200 * b
	return a*a + 100*b*b
}

var benchSpecs = []string{
	"gd", "sgd:momentum=0.9", "sgd:momentum=0.9,nesterov=true",
	"adagrad", "rmsprop", "rmsprop:momentum=0.9,centered=true", "adadelta",
	"adam", "adam:amsgrad=true", "adamw", "adamax", "nadam", "radam",
}

var benchSink float64

// BenchmarkStep measures one iteration of a training loop on the 2-D
// Rosenbrock function: value and gradient, then one optimizer step. Every
// 1000 steps it starts again from (−1.2, 1), so that the steps measured are
// typical ones rather than steps at a converged point (whose subnormal
// gradients would time the FPU's slow path).
func BenchmarkStep(b *testing.B) {
	for _, s := range benchSpecs {
		b.Run(s, func(b *testing.B) { benchSteps(b, torchNew(b, s), benchRosenbrock) })
	}
}

// benchSteps times value-and-gradient plus one Step of o on 2-D Rosenbrock
// from (−1.2, 1), restarting every 1000 steps.
func benchSteps(b *testing.B, o Optimizer, valueGrad func(g, x []float64) float64) {
	x := []float64{-1.2, 1}
	g := make([]float64, 2)
	o.Init(2)
	var f float64
	k := 0
	b.ReportAllocs()
	for b.Loop() {
		if k++; k == 1000 {
			k = 0
			x[0], x[1] = -1.2, 1
			o.Init(2)
		}
		f += valueGrad(g, x)
		o.Step(x, g)
	}
	if math.IsNaN(x[0]) || math.IsNaN(x[1]) || math.IsNaN(f) {
		b.Fatalf("diverged: x = %v", x)
	}
	benchSink = f
}
