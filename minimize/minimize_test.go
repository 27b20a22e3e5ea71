package minimize

import (
	"context"
	"math"
	"strings"
	"testing"
	"time"

	"github.com/descentgo/descent/optim"
)

// quad is f(x) = ½ Σ a_i x_i², whose gradient-descent iterates have the
// closed form x_i(k) = (1 − lr·a_i)^k · x_i(0).
type quad struct{ a []float64 }

func (q quad) Dim() int { return len(q.a) }
func (q quad) Value(x []float64) float64 {
	var s float64
	for i, v := range x {
		s += 0.5 * q.a[i] * v * v
	}
	return s
}
func (q quad) ValueGrad(g, x []float64) float64 {
	for i, v := range x {
		g[i] = q.a[i] * v
	}
	return q.Value(x)
}

// saddle is x² − y².
type saddle struct{}

func (saddle) Dim() int                  { return 2 }
func (saddle) Value(x []float64) float64 { return x[0]*x[0] - x[1]*x[1] }
func (s saddle) ValueGrad(g, x []float64) float64 {
	g[0], g[1] = 2*x[0], -2*x[1]
	return s.Value(x)
}

func TestClosedFormTrajectory(t *testing.T) {
	q := quad{a: []float64{1, 20}}
	x0 := []float64{3, 1}
	const lr = 0.05
	res, err := Minimize(context.Background(), q, x0, &optim.GD{LearningRate: lr}, Settings{Stop: Stop{MaxIters: 40}, KeepPath: true})
	if err != nil {
		t.Fatal(err)
	}
	if res.Status != MaxIters || res.Iterations != 40 || len(res.History.X) != 41 {
		t.Fatalf("status %v iterations %d rows %d", res.Status, res.Iterations, len(res.History.X))
	}
	for k, x := range res.History.X {
		for i := range x {
			want := math.Pow(1-lr*q.a[i], float64(k)) * x0[i]
			if d := math.Abs(x[i] - want); d > 1e-12*math.Max(1, math.Abs(want)) {
				t.Fatalf("row %d coord %d: got %v want %v", k, i, x[i], want)
			}
		}
		if math.Abs(res.History.F[k]-q.Value(x)) > 0 {
			t.Fatalf("row %d: f %v != f(x) %v", k, res.History.F[k], q.Value(x))
		}
	}
	if res.Evaluations != 41 {
		t.Fatalf("evaluations %d, want 41", res.Evaluations)
	}
	if x0[0] != 3 || x0[1] != 1 {
		t.Fatal("x0 modified")
	}
}

func TestStatuses(t *testing.T) {
	q := quad{a: []float64{1, 20}}
	ctx := context.Background()
	cancelled, cancel := context.WithCancel(ctx)
	cancel()
	tests := []struct {
		name string
		f    interface {
			Dim() int
			Value([]float64) float64
			ValueGrad([]float64, []float64) float64
		}
		lr   float64
		s    Settings
		ctx  context.Context
		want Status
		iter int // -1: don't check
	}{
		{"grad tol", q, 0.05, Settings{Stop: Stop{MaxIters: 10000, GradTol: 1e-8}}, ctx, ConvergedGrad, -1},
		{"max iters", q, 0.001, Settings{Stop: Stop{MaxIters: 7, GradTol: 1e-8}}, ctx, MaxIters, 7},
		// |1 − 0.11·20| = 1.2 > 1: the y coordinate grows geometrically.
		{"diverged growth", q, 0.11, Settings{Stop: Stop{MaxIters: 100000}}, ctx, Diverged, -1},
		{"diverged overflow", q, 0.11, Settings{Stop: Stop{MaxIters: 100000, DivergeFactor: 1e300}}, ctx, Diverged, -1},
		{"saddle unbounded", saddle{}, 0.1, Settings{Stop: Stop{MaxIters: 100000}}, ctx, Diverged, -1},
		{"f tol", q, 0.001, Settings{Stop: Stop{MaxIters: 100000, FTol: 1e-3, Patience: 3}}, ctx, ConvergedF, -1},
		{"interrupted", q, 0.001, Settings{}, cancelled, Interrupted, 1},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			x0 := []float64{3, 1}
			if _, ok := tc.f.(saddle); ok {
				x0 = []float64{1, 1e-3}
			}
			res, err := Minimize(tc.ctx, tc.f, x0, &optim.GD{LearningRate: tc.lr}, tc.s)
			if err != nil {
				t.Fatal(err)
			}
			if res.Status != tc.want {
				t.Fatalf("status %v (%s), want %v", res.Status, res.Message, tc.want)
			}
			if tc.iter >= 0 && res.Iterations != tc.iter {
				t.Fatalf("iterations %d, want %d", res.Iterations, tc.iter)
			}
			if len(res.History.F) != res.Iterations+1 {
				t.Fatalf("history has %d rows for %d iterations", len(res.History.F), res.Iterations)
			}
		})
	}
}

func TestFTolRule(t *testing.T) {
	// On a=1 with lr = 0.5, f_k = f_0/4^k: relative change 3/4·f_{k-1}/max(f_{k-1},1).
	// With f_0 = 4.5 and FTol = 0.01 the change |Δf| = 0.75 f_{k−1} ≤ 0.01 once f_{k−1} ≤ 1/75.
	q := quad{a: []float64{1}}
	res, err := Minimize(context.Background(), q, []float64{3}, &optim.GD{LearningRate: 0.5}, Settings{Stop: Stop{MaxIters: 100, FTol: 0.01, Patience: 2}})
	if err != nil {
		t.Fatal(err)
	}
	// f_{k−1} = 4.5/4^(k−1) ≤ 1/75 first at k−1 = 5 (4.5/1024 = 0.0044), i.e. k = 6;
	// k = 5 has f_4 = 4.5/256 = 0.0176 > 1/75. Two calm iterations: k = 6, 7.
	if res.Status != ConvergedF || res.Iterations != 7 {
		t.Fatalf("status %v after %d iterations, want converged_f after 7", res.Status, res.Iterations)
	}
}

// TestFTolMessageCountsUnits: the f-tol stop names its patience in the
// right number — "for 1 iteration", "for 2 iterations" — on the run of
// TestFTolRule (½x² from 3, gd at 0.5, FTol 0.01).
func TestFTolMessageCountsUnits(t *testing.T) {
	for _, c := range []struct {
		patience int
		want     string
	}{{1, "for 1 iteration (iteration"}, {2, "for 2 iterations (iteration"}} {
		q := quad{a: []float64{1}}
		res, err := Minimize(context.Background(), q, []float64{3}, &optim.GD{LearningRate: 0.5}, Settings{Stop: Stop{MaxIters: 100, FTol: 0.01, Patience: c.patience}})
		if err != nil {
			t.Fatal(err)
		}
		if res.Status != ConvergedF || !strings.Contains(res.Message, c.want) {
			t.Errorf("patience %d: %s %q, want converged_f and %q", c.patience, res.Status, res.Message, c.want)
		}
	}
}

func TestTimeout(t *testing.T) {
	q := quad{a: []float64{1}}
	res, err := Minimize(context.Background(), q, []float64{3}, &optim.GD{LearningRate: 1e-12}, Settings{Stop: Stop{Timeout: 20 * time.Millisecond}})
	if err != nil {
		t.Fatal(err)
	}
	if res.Status != Timeout {
		t.Fatalf("status %v", res.Status)
	}
}

func TestBadInput(t *testing.T) {
	q := quad{a: []float64{1, 2}}
	if _, err := Minimize(context.Background(), q, []float64{1}, &optim.GD{}, Settings{}); err == nil {
		t.Fatal("dimension mismatch accepted")
	}
	if _, err := Minimize(context.Background(), q, []float64{1, math.NaN()}, &optim.GD{}, Settings{}); err == nil {
		t.Fatal("NaN start accepted")
	}
	for _, s := range []Settings{{Stop: Stop{GradTol: math.NaN()}}, {Stop: Stop{FTol: -1}}, {ClipNorm: math.Inf(1)}, {ClipValue: -2}} {
		if _, err := Minimize(context.Background(), q, []float64{1, 1}, &optim.GD{}, s); err == nil {
			t.Errorf("settings %+v accepted", s)
		}
	}
}

func TestClipMatchesTorch(t *testing.T) {
	// torch.nn.utils.clip_grad_norm_(max_norm=1) on g = (3, 4): coef = 1/(5+1e-6).
	g := []float64{3, 4}
	optim.Clip(g, 1, 0)
	c := 1 / (5 + 1e-6)
	if g[0] != 3*c || g[1] != 4*c {
		t.Fatalf("clip norm: %v", g)
	}
	g = []float64{3, -4, 0.5}
	optim.Clip(g, 0, 1)
	if g[0] != 1 || g[1] != -1 || g[2] != 0.5 {
		t.Fatalf("clip value: %v", g)
	}
}

func TestBestTracksLowest(t *testing.T) {
	// Oscillating divergence: best must be the start.
	q := quad{a: []float64{20}}
	res, err := Minimize(context.Background(), q, []float64{1}, &optim.GD{LearningRate: 0.11}, Settings{Stop: Stop{MaxIters: 20}})
	if err != nil {
		t.Fatal(err)
	}
	if res.Best.Iteration != 0 || res.Best.F != 10 {
		t.Fatalf("best %+v", res.Best)
	}
}

// TestResumeContinuesTheRun: RAdam for 10 iterations on ½(x² + 20y²),
// then 10 more from the point and the optimizer state where it stopped
// (Settings.Resume), ends where 20 uninterrupted iterations end, bit for
// bit; a fresh optimizer from that point (its first steps unrectified)
// does not. Resuming an optimizer that keeps no state is an error.
func TestResumeContinuesTheRun(t *testing.T) {
	q := quad{a: []float64{1, 20}}
	x0 := []float64{3, 1}
	run := func(x []float64, iters int, st *optim.State) (*Result, *optim.RAdam) {
		o := &optim.RAdam{LearningRate: 0.05}
		r, err := Minimize(context.Background(), q, x, o, Settings{Stop: Stop{MaxIters: iters}, Resume: st})
		if err != nil {
			t.Fatal(err)
		}
		return r, o
	}
	whole, _ := run(x0, 20, nil)
	first, o := run(x0, 10, nil)
	st := o.State()
	resumed, _ := run(first.X, 10, &st)
	fresh, _ := run(first.X, 10, nil)
	for i := range x0 {
		if resumed.X[i] != whole.X[i] {
			t.Errorf("coord %d: resumed %v, uninterrupted %v", i, resumed.X[i], whole.X[i])
		}
	}
	if fresh.X[0] == whole.X[0] && fresh.X[1] == whole.X[1] {
		t.Error("a fresh optimizer ended where the uninterrupted run did: the test cannot tell resuming from restarting")
	}
	if _, err := Minimize(context.Background(), q, x0, &optim.GD{LearningRate: 0.05}, Settings{Stop: Stop{MaxIters: 1}, Resume: &st}); err == nil || !strings.Contains(err.Error(), "no state") {
		t.Errorf("resuming gd: err %v, want one saying it keeps no state", err)
	}
}
