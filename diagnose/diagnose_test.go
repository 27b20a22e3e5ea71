package diagnose

import (
	"context"
	"encoding/json"
	"math"
	"reflect"
	"strings"
	"testing"

	"github.com/descentgo/descent/minimize"
	"github.com/descentgo/descent/optim"
)

// bowl is f = x² + 10y²: Hessian diag(2, 20), L = 20, stable GD bound 2/L = 0.1.
type bowl struct{}

func (bowl) Dim() int                  { return 2 }
func (bowl) Value(x []float64) float64 { return x[0]*x[0] + 10*x[1]*x[1] }
func (b bowl) ValueGrad(g, x []float64) float64 {
	g[0], g[1] = 2*x[0], 20*x[1]
	return b.Value(x)
}

// slope is x + 2y: no minimum, constant gradient.
type slope struct{}

func (slope) Dim() int                  { return 2 }
func (slope) Value(x []float64) float64 { return x[0] + 2*x[1] }
func (s slope) ValueGrad(g, x []float64) float64 {
	g[0], g[1] = 1, 2
	return s.Value(x)
}

type saddle struct{}

func (saddle) Dim() int                  { return 2 }
func (saddle) Value(x []float64) float64 { return x[0]*x[0] - x[1]*x[1] }
func (s saddle) ValueGrad(g, x []float64) float64 {
	g[0], g[1] = 2*x[0], -2*x[1]
	return s.Value(x)
}

func TestVerdicts(t *testing.T) {
	const L, bound = 20.0, 0.1
	tests := []struct {
		name   string
		f      interface{ Dim() int }
		lr     float64
		iters  int
		want   Verdict
		lo, hi float64 // suggested_lr range (0,0: none expected)
	}{
		{"tiny lr, tight budget", bowl{}, 0.001, 200, TooSlow, 0.001 * 1.5, bound},
		{"good lr", bowl{}, 0.05, 200, Converged, 0.05, 0.05},
		{"just below 2/L", bowl{}, 0.099, 200, Oscillating, 0.01, bound},
		{"above 2/L", bowl{}, 0.11, 200, Diverged, 0.01, bound},
		// |1 − 0.101·20| = 1.02: a zig-zag that grows slowly, far from the
		// divergence threshold when the budget ends.
		{"just above 2/L, short budget", bowl{}, 0.101, 50, Diverged, 0.01, bound},
		{"far below: stalled", bowl{}, 1e-15, 200, Stalled, 1e-14, 1e-14},
		{"saddle", saddle{}, 0.1, 100000, Unbounded, 0, 0},
		{"saddle, short budget", saddle{}, 0.1, 200, Unbounded, 0, 0},
		{"linear slope", slope{}, 0.001, 1000, Unbounded, 0, 0},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			x0 := []float64{3, 1}
			var res *minimize.Result
			var err error
			s := minimize.Settings{Stop: minimize.Stop{MaxIters: tc.iters, GradTol: 1e-8}}
			switch f := tc.f.(type) {
			case bowl:
				res, err = minimize.Minimize(context.Background(), f, x0, &optim.GD{LearningRate: tc.lr}, s)
			case saddle:
				res, err = minimize.Minimize(context.Background(), f, []float64{1, 1e-3}, &optim.GD{LearningRate: tc.lr}, s)
			case slope:
				res, err = minimize.Minimize(context.Background(), f, []float64{0, 0}, &optim.GD{LearningRate: tc.lr}, s)
			}
			if err != nil {
				t.Fatal(err)
			}
			in := Input{Status: res.Status, Message: res.Message, History: res.History, GradTol: 1e-8, HasLR: true}
			if _, ok := tc.f.(bowl); ok {
				in.Bound, in.L = bound, L
			} else {
				// The saddle and the slope are known to have no minimum
				// (as the catalogue's saddle says); see
				// TestAcceleratingFallIsNotUnboundedUnlessKnown.
				in.KnownUnbounded = true
			}
			d := Diagnose(in)
			if d.Verdict != tc.want {
				t.Fatalf("status %v: verdict %s (%s), want %s", res.Status, d.Verdict, d.Advice, tc.want)
			}
			if tc.lo == 0 && d.SuggestedLR != 0 || tc.lo > 0 && (d.SuggestedLR < tc.lo*(1-1e-12) || d.SuggestedLR > tc.hi*(1+1e-12)) {
				t.Fatalf("suggested_lr %g, want in [%g, %g] (%s)", d.SuggestedLR, tc.lo, tc.hi, d.Advice)
			}
			if d.Advice == "" {
				t.Fatal("no advice")
			}
			// The suggestion must work: rerun with it on the bowl.
			if _, ok := tc.f.(bowl); ok && d.SuggestedLR > 0 && tc.want != Converged && tc.want != Stalled {
				res2, _ := minimize.Minimize(context.Background(), bowl{}, x0, &optim.GD{LearningRate: d.SuggestedLR}, minimize.Settings{Stop: minimize.Stop{MaxIters: 5000, GradTol: 1e-8}})
				if res2.Status != minimize.ConvergedGrad {
					t.Fatalf("rerun with suggested lr %g: %v", d.SuggestedLR, res2.Status)
				}
			}
		})
	}
}

func TestJSON(t *testing.T) {
	b, _ := json.Marshal(Diagnosis{Verdict: Unbounded, Advice: "a"})
	if string(b) != `{"verdict":"unbounded","advice":"a","suggested_lr":null,"actions":[]}` {
		t.Fatal(string(b))
	}
	d := Diagnosis{Verdict: Diverged, Advice: "a", SuggestedLR: 0.05, Unit: "epoch",
		Actions: []Action{{Kind: SetLR, LR: 0.05}, {Kind: RaiseBudget, Budget: 300}, {Kind: UseOptimizer, Optimizers: []string{"lbfgs"}}}}
	b, _ = json.Marshal(d)
	want := `{"verdict":"diverged","advice":"a","suggested_lr":0.05,"unit":"epoch","actions":[{"kind":"set_lr","lr":0.05},{"kind":"raise_budget","budget":300},{"kind":"use_optimizer","optimizers":["lbfgs"]}]}`
	if string(b) != want {
		t.Fatalf("got  %s\nwant %s", b, want)
	}
	var back Diagnosis
	if err := json.Unmarshal(b, &back); err != nil || !reflect.DeepEqual(back, d) {
		t.Fatalf("round trip: %+v, %v", back, err)
	}
}

// TestAdviceNamesTheFrontEndsControls: the library's advice names no flag;
// a front end's Terms name its controls, and the unit words the counts.
func TestAdviceNamesTheFrontEndsControls(t *testing.T) {
	// A run that fell steadily until its budget ran out: too_slow.
	var h minimize.History
	for k := 0; k <= 40; k++ {
		v := math.Pow(0.9, float64(k))
		h.F = append(h.F, v)
		h.GradNorm = append(h.GradNorm, v)
		h.LR = append(h.LR, 0.01)
		h.StepCos = append(h.StepCos, math.NaN())
	}
	for _, c := range []struct {
		unit  minimize.Unit
		terms Terms
		want  []string
		not   []string
	}{
		{minimize.Iterations, Terms{}, []string{"40 iterations", "per iteration", "raise the iteration budget"}, []string{"--", "epoch"}},
		{minimize.Epochs, Terms{}, []string{"40 epochs", "per epoch", "more epochs needed", "raise the epoch budget"}, []string{"--", "iteration"}},
		{minimize.Iterations, Terms{Budget: "--max-iters"}, []string{"raise --max-iters"}, []string{"epoch"}},
		{minimize.Epochs, Terms{Budget: "the epochs slider"}, []string{"raise the epochs slider"}, []string{"--"}},
	} {
		d := Diagnose(Input{Status: minimize.MaxIters, History: h, HasLR: true, Unit: c.unit, Terms: c.terms})
		if d.Verdict != TooSlow || d.Unit != c.unit.String() {
			t.Fatalf("%v: %s (%s), unit %q", c.unit, d.Verdict, d.Advice, d.Unit)
		}
		for _, w := range c.want {
			if !strings.Contains(d.Advice, w) {
				t.Errorf("%v %+v: advice %q lacks %q", c.unit, c.terms, d.Advice, w)
			}
		}
		for _, w := range c.not {
			if strings.Contains(d.Advice, w) {
				t.Errorf("%v %+v: advice %q contains %q", c.unit, c.terms, d.Advice, w)
			}
		}
		if len(d.Actions) != 2 || d.Actions[0].Kind != SetLR || d.Actions[0].LR != d.SuggestedLR || d.Actions[1].Kind != RaiseBudget || d.Actions[1].Budget <= 40 {
			t.Errorf("%v: actions %+v", c.unit, d.Actions)
		}
	}
}
