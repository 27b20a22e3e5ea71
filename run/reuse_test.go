package run

import (
	"context"
	"math"
	"testing"

	"github.com/descentgo/descent/minimize"
	"github.com/descentgo/descent/optim"
	"github.com/descentgo/descent/problem"
	"github.com/descentgo/descent/spec"
)

// TestInitResets: a probe of the advice reuses one optimizer for several
// runs, which is right only if Init returns every registered optimizer to
// its fresh state: two runs of one instance must equal, bit for bit, runs
// of fresh instances — with the rate set by a probe's constant schedule.
func TestInitResets(t *testing.T) {
	p, err := problem.New(problem.Spec{Func: spec.Spec{Name: "rosenbrock"}})
	if err != nil {
		t.Fatal(err)
	}
	for _, name := range optim.Names() {
		sp := spec.Spec{Name: name}
		proto, err := optim.NewSpec(sp)
		if err != nil {
			t.Fatal(err)
		}
		if _, ok := proto.(optim.LRer); !ok || optim.IsMethod(proto) {
			continue
		}
		if _, ok := proto.(optim.Optimizer); !ok {
			continue
		}
		for _, lr := range []float64{1e-4, 3e-4} {
			st := minimize.Settings{Stop: minimize.Stop{MaxIters: 30}}
			fresh, _ := optim.NewSpec(sp)
			st.Schedule = constantRate(lr)
			a, errA := minimize.Minimize(context.Background(), p.Objective(), p.Start, fresh, st)
			st.Schedule = constantRate(lr)
			b, errB := minimize.Minimize(context.Background(), p.Objective(), p.Start, proto, st)
			if errA != nil || errB != nil {
				if errA != nil && errB != nil && errA.Error() == errB.Error() {
					continue // refused on this problem (sparse_adam), alike
				}
				t.Fatalf("%s: %v %v", name, errA, errB)
			}
			if math.Float64bits(a.F) != math.Float64bits(b.F) && !(math.IsNaN(a.F) && math.IsNaN(b.F)) {
				t.Errorf("%s lr %g: a reused instance ends at f = %v, a fresh one at %v", name, lr, b.F, a.F)
			}
		}
	}
}

// TestStartProbeLen: a tenth of the budget, of the run without one, at
// least probeLen and at most maxStartProbe iterations.
func TestStartProbeLen(t *testing.T) {
	for _, c := range []struct{ budget, iters, want int }{
		{300, 300, 30},
		{300, 2, 30}, // a blow-up at iteration 2 of 300
		{0, 500, 50}, // no budget: the run's
		{10, 10, 2},  // probeLen's floor of 2
		{100000, 100000, 1000},
		{1000000, 1000000, 5000}, // probeLen (iters/200) exceeds the cap
	} {
		if got := startProbeLen(c.budget, c.iters); got != c.want {
			t.Errorf("startProbeLen(%d, %d) = %d, want %d", c.budget, c.iters, got, c.want)
		}
	}
}
