package optim

import (
	"testing"

	"github.com/descentgo/descent/expr"
	"github.com/descentgo/descent/fn"
	"github.com/descentgo/descent/testfunc"
)

// BenchmarkStepVia measures one optimizer step on 2-D Rosenbrock with the
// objective evaluated through the catalogue's hand-written fn.Func and
// through a compiled formula: ValueGrad + Step per op, 0 allocations.
func BenchmarkStepVia(b *testing.B) {
	rosen, err := testfunc.Lookup("rosenbrock")
	if err != nil {
		b.Fatal(err)
	}
	objectives := []struct {
		name string
		f    fn.Func
	}{
		{"catalogue", rosen},
		{"formula", expr.MustCompile("(1-x)^2 + 100*(y-x^2)^2", nil)},
	}
	for _, obj := range objectives {
		for _, s := range []string{"gd", "sgd:momentum=0.9", "adam", "nadam"} {
			b.Run(obj.name+"/"+s, func(b *testing.B) { benchSteps(b, torchNew(b, s), obj.f.ValueGrad) })
		}
	}
}

// TestStepViaAllocatesNothing checks the claim of the benchmark.
func TestStepViaAllocatesNothing(t *testing.T) {
	f := expr.MustCompile("(1-x)^2 + 100*(y-x^2)^2", nil)
	o := &Adam{LearningRate: 0.01}
	x := []float64{-1.2, 1}
	g := make([]float64, 2)
	o.Init(2)
	if a := testing.AllocsPerRun(1000, func() { f.ValueGrad(g, x); o.Step(x, g) }); a != 0 {
		t.Fatalf("%v allocations per step", a)
	}
}
