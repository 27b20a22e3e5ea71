package optim

import (
	"math/rand/v2"
	"runtime"
	"slices"
	"testing"
)

// TestAdamSplitBitIdentical: Adam and AdamW (with AMSGrad and weight
// decay too) on 3·2¹⁶ + 5 parameters, five steps: the same bits at
// GOMAXPROCS 1 (one loop) and 2 and 8 (the step split across cores), and
// no allocation per step once running.
func TestAdamSplitBitIdentical(t *testing.T) {
	defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(0))
	const n = 3<<16 + 5
	r := rand.New(rand.NewPCG(1, 2))
	x0, gs := make([]float64, n), make([][]float64, 5)
	for i := range x0 {
		x0[i] = r.NormFloat64()
	}
	for k := range gs {
		gs[k] = make([]float64, n)
		for i := range gs[k] {
			gs[k][i] = r.NormFloat64()
		}
	}
	for _, mk := range []func() Optimizer{
		func() Optimizer { return &Adam{LearningRate: 0.01} },
		func() Optimizer { return &Adam{LearningRate: 0.01, Amsgrad: true, WeightDecay: 0.1} },
		func() Optimizer { return &AdamW{LearningRate: 0.01, WeightDecay: 0.1} },
	} {
		var want []float64
		for _, procs := range []int{1, 2, 8} {
			runtime.GOMAXPROCS(procs)
			o := mk()
			o.Init(n)
			x := slices.Clone(x0)
			for _, g := range gs {
				o.Step(x, g)
			}
			if want == nil {
				want = x
				continue
			}
			if !slices.Equal(x, want) {
				t.Errorf("%T: GOMAXPROCS %d differs from 1", o, procs)
			}
			if a := testing.AllocsPerRun(5, func() { o.Step(x, gs[0]) }); a > 0 {
				t.Errorf("%T: GOMAXPROCS %d: %g allocations per step", o, procs, a)
			}
		}
	}
}
