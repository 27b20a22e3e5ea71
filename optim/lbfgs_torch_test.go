package optim

import (
	"encoding/json"
	"errors"
	"fmt"
	"github.com/descentgo/descent/fn"
	"math"
	"strings"
	"testing"
)

// Reference trajectories of torch.optim.LBFGS (Debian's torch 1.13.1, whose
// lbfgs.py is 2.x's algorithm: see testdata/torch/gen_lbfgs_torch.py) in
// testdata/torch/lbfgs_torch.json.

type lbfgsTorchCase struct {
	Spec      string      `json:"spec"`
	Func      string      `json:"func"`
	X0        []float64   `json:"x0"`
	Traj      [][]float64 `json:"traj"`
	F         []float64   `json:"f"`
	FuncEvals []int       `json:"func_evals"`
	NIter     []int       `json:"n_iter"`
}

type lbfgsTorchFile struct {
	TorchVersion string           `json:"torch_version"`
	Steps        int              `json:"steps"`
	Defaults     map[string]any   `json:"defaults_2x"`
	Cases        []lbfgsTorchCase `json:"cases"`
}

// lbfgsTorchFuncs are gen_lbfgs_torch.py's test functions with values, in
// the script's order of operations (no fused multiply-adds).
var lbfgsTorchFuncs = map[string]funcOf{
	"rosenbrock": {n: 2, vg: func(g, x []float64) float64 {
		a := 1 - x[0]
		b := x[1] - float64(x[0]*x[0])
		g[0] = float64(-2*a) - float64(400*x[0]*b)
		g[1] = 200 * b
		return float64(a*a) + float64(100*float64(b*b))
	}},
	"quad5": {n: 5, vg: func(g, x []float64) float64 {
		var f float64
		for i := 0; i < 5; i++ {
			f += float64(float64(0.5*torchQuadD[i]*x[i])*x[i]) - float64(torchQuadB[i]*x[i])
			if i < 4 {
				f += float64(0.5*x[i]) * x[i+1]
			}
		}
		torchQuad5Grad(g, x)
		return f
	}},
	"beale": {n: 2, vg: func(g, x []float64) float64 {
		x0, y := x[0], x[1]
		y2 := y * y
		y3 := y2 * y
		t1 := 1.5 - x0 + float64(x0*y)
		t2 := 2.25 - x0 + float64(x0*y2)
		t3 := 2.625 - x0 + float64(x0*y3)
		torchBealeGrad(g, x)
		return float64(t1*t1) + float64(t2*t2) + float64(t3*t3)
	}},
}

// TestLBFGSTorchReference replays every case: after every step (one
// Iterate), x within 1e-12 relative of torch's, f at the step's start, and
// torch's counters n_iter and func_evals exactly. A step that torch makes a
// no-op (max|∇f| ≤ tolerance_grad at its start) is ErrNoProgress here, and
// torch's remaining steps must indeed leave x where it is.
func TestLBFGSTorchReference(t *testing.T) {
	var file lbfgsTorchFile
	readTorchJSON(t, "lbfgs_torch.json", &file)
	if len(file.Cases) < 27 {
		t.Fatalf("%d cases, want ≥ 27", len(file.Cases))
	}
	seen := map[string]bool{}
	for _, c := range file.Cases {
		t.Run(c.Spec+"/"+c.Func, func(t *testing.T) {
			obj, ok := lbfgsTorchFuncs[c.Func]
			if !ok || fmt.Sprint(torchFuncs[c.Func].x0) != fmt.Sprint(c.X0) {
				t.Fatalf("function %q with x0 %v unknown here", c.Func, c.X0)
			}
			seen[c.Func] = true
			m := newMethod(t, c.Spec).(*LBFGSTorch)
			x := append([]float64(nil), c.X0...)
			g := make([]float64, len(x))
			f := obj.ValueGrad(g, x)
			m.Init(len(x))
			evals := 1
			for k, want := range c.Traj {
				if d := math.Abs(f - c.F[k]); d > 1e-12*math.Abs(c.F[k])+1e-300 {
					t.Fatalf("step %d: f = %.17g at the start, torch %.17g", k+1, f, c.F[k])
				}
				fNew, ev, err := m.Iterate(obj, x, g, f)
				if errors.Is(err, ErrNoProgress) {
					for j := k; j < len(c.Traj); j++ {
						if !lbfgsTorchClose(x, c.Traj[j]) {
							t.Fatalf("step %d: %v, but torch moves x to %v", k+1, err, c.Traj[j])
						}
					}
					if k == 0 {
						t.Fatalf("no progress at the first step: %v", err)
					}
					return
				}
				if err != nil {
					t.Fatal(err)
				}
				evals += ev
				f = fNew
				if !lbfgsTorchClose(x, want) {
					t.Fatalf("step %d: x = %.17g, torch %.17g", k+1, x, want)
				}
				st := m.State()
				if st.Step != c.NIter[k] || int(st.Scalars["func_evals"]) != c.FuncEvals[k] {
					t.Fatalf("step %d: n_iter %d, func_evals %g; torch %d, %d", k+1, st.Step, st.Scalars["func_evals"], c.NIter[k], c.FuncEvals[k])
				}
				// Real evaluations: with the line search, torch's count less
				// its re-evaluation at the start of every step after the
				// first; without, at most one more (Iterate evaluates at
				// the end what torch evaluates at the next step's start).
				if m.StrongWolfe && evals != c.FuncEvals[k]-k || evals > c.FuncEvals[k]+1 {
					t.Fatalf("step %d: %d evaluations, torch %d", k+1, evals, c.FuncEvals[k])
				}
			}
		})
	}
	if len(seen) != 3 {
		t.Errorf("cases on %d functions, want 3", len(seen))
	}
	t.Logf("%d cases (torch %s)", len(file.Cases), file.TorchVersion)
}

// lbfgsTorchClose reports whether x is within 1e-12 relative of want in
// every element.
func lbfgsTorchClose(x, want []float64) bool {
	for i, w := range want {
		if math.Abs(x[i]-w) > 1e-12*math.Abs(w) {
			return false
		}
	}
	return true
}

// TestLBFGSTorchResume: a run checkpointed through State (as JSON) after 3
// steps and resumed in a disturbed fresh method continues bit for bit; a
// state for another size or with a cut vector is refused.
func TestLBFGSTorchResume(t *testing.T) {
	obj := lbfgsTorchFuncs["quad5"]
	for _, s := range []string{"lbfgs_torch:max_iter=3,history_size=2,lr=0.3", "lbfgs_torch:max_iter=2,line_search_fn=strong_wolfe"} {
		run := func(m Method, x, g []float64, f float64, steps int) ([]float64, float64) {
			for k := 0; k < steps; k++ {
				var err error
				if f, _, err = m.Iterate(obj, x, g, f); err != nil {
					t.Fatalf("%s: %v", s, err)
				}
			}
			return x, f
		}
		x0 := torchFuncs["quad5"].x0
		ref := newMethod(t, s)
		ref.Init(5)
		x, g := append([]float64(nil), x0...), make([]float64, 5)
		f := obj.ValueGrad(g, x)
		x, f = run(ref, x, g, f, 3)
		snap, err := json.Marshal(ref.(Stateful).State())
		if err != nil {
			t.Fatal(err)
		}
		xs, gs, fs := append([]float64(nil), x...), append([]float64(nil), g...), f
		xWant, fWant := run(ref, x, g, f, 4)

		var st State
		if err := json.Unmarshal(snap, &st); err != nil {
			t.Fatal(err)
		}
		m := newMethod(t, s)
		m.Init(5)
		x2, g2 := append([]float64(nil), x0...), make([]float64, 5)
		run(m, x2, g2, obj.ValueGrad(g2, x2), 5) // disturb
		if err := m.(Stateful).SetState(st.Clone()); err != nil {
			t.Fatal(err)
		}
		xGot, fGot := run(m, xs, gs, fs, 4)
		if fGot != fWant || maxAbsDiff(xGot, xWant) != 0 {
			t.Errorf("%s: resumed run ends at %v (f %v), uninterrupted at %v (f %v)", s, xGot, fGot, xWant, fWant)
		}
		bad := newMethod(t, s)
		bad.Init(4)
		if err := bad.(Stateful).SetState(st); err == nil {
			t.Errorf("%s: SetState of a 5-parameter state after Init(4) succeeded", s)
		}
		cut := st.Clone()
		cut.Vectors["s"] = cut.Vectors["s"][1:]
		if err := m.(Stateful).SetState(cut); err == nil || !strings.Contains(err.Error(), `"s"`) {
			t.Errorf("%s: SetState with a cut memory: %v", s, err)
		}
	}
}

// TestLBFGSTorchAllocs: once the memory is full, Init and Iterate allocate
// nothing.
func TestLBFGSTorchAllocs(t *testing.T) {
	var obj fn.Func = lbfgsTorchFuncs["rosenbrock"]
	for _, s := range []string{"lbfgs_torch:history_size=3,max_iter=2,lr=0.1", "lbfgs_torch:history_size=3,max_iter=2,line_search_fn=strong_wolfe"} {
		m := newMethod(t, s)
		x, g := make([]float64, 2), make([]float64, 2)
		m.Init(2)
		run := func() {
			copy(x, torchFuncs["rosenbrock"].x0)
			f := obj.ValueGrad(g, x)
			m.Init(2)
			for k := 0; k < 6; k++ {
				var err error
				if f, _, err = m.Iterate(obj, x, g, f); err != nil {
					t.Fatalf("%s: %v", s, err)
				}
			}
		}
		run()
		if a := testing.AllocsPerRun(20, run); a != 0 {
			t.Errorf("%s: %g allocations per run", s, a)
		}
	}
}

// TestLBFGSTorchBadInput: out-of-range keys are errors naming the key and
// the range; a converged or non-finite start is ErrNoProgress with x and g
// unchanged.
func TestLBFGSTorchBadInput(t *testing.T) {
	checkSpecErrors(t, map[string]string{
		"lbfgs_torch:lr=-1":                    "invalid lr -1: must be > 0",
		"lbfgs_torch:lr=0":                     "invalid lr 0: must be > 0",
		"lbfgs_torch:max_iter=0":               "invalid max_iter 0: must be ≥ 1",
		"lbfgs_torch:max_eval=0":               "invalid max_eval 0: must be ≥ 1",
		"lbfgs_torch:history_size=0":           "invalid history_size 0: must be ≥ 1",
		"lbfgs_torch:tolerance_grad=-1":        "invalid tolerance_grad -1: must be ≥ 0",
		"lbfgs_torch:tolerance_change=-0.5":    "invalid tolerance_change -0.5: must be ≥ 0",
		"lbfgs_torch:line_search_fn=backtrack": "strong_wolfe",
	})
	obj := lbfgsTorchFuncs["rosenbrock"]
	for _, c := range []struct {
		name string
		x, g []float64
		f    float64
		msg  string
	}{
		{"NaN f", []float64{1, 2}, []float64{1, 1}, math.NaN(), "f(x) = NaN is not finite"},
		{"Inf g", []float64{1, 2}, []float64{1, math.Inf(1)}, 1, "gradient element 1 is +Inf"},
		{"zero g", []float64{1, 1}, []float64{0, 0}, 0, "the gradient is zero"},
		{"tiny g", []float64{1, 1}, []float64{1e-8, 0}, 0, "max|∇f| = 1e-08 ≤ tolerance_grad = 1e-07"},
	} {
		m := newMethod(t, "lbfgs_torch")
		m.Init(2)
		x, g := append([]float64(nil), c.x...), append([]float64(nil), c.g...)
		_, _, err := m.Iterate(obj, x, g, c.f)
		if !errors.Is(err, ErrNoProgress) || !strings.Contains(err.Error(), c.msg) {
			t.Errorf("%s: err = %v, want ErrNoProgress saying %q", c.name, err, c.msg)
		}
		if fmt.Sprint(x, g) != fmt.Sprint(c.x, c.g) {
			t.Errorf("%s: x, g changed to %v, %v", c.name, x, g)
		}
	}
}

// TestLBFGSTorchRegistry: the registered keys and defaults are torch's (as
// gen_lbfgs_torch.py writes them out) and a spec sets every field.
func TestLBFGSTorchRegistry(t *testing.T) {
	var file lbfgsTorchFile
	readTorchJSON(t, "lbfgs_torch.json", &file)
	e, _ := Lookup("lbfgs_torch")
	for _, p := range e.Params {
		w, ok := file.Defaults[p.Key]
		switch {
		case p.Key == "max_eval":
			if p.Default != "0" {
				t.Errorf("max_eval default %q, want 0 (max_iter·5/4)", p.Default)
			}
		case p.Key == "line_search_fn":
			if p.Default != "none" {
				t.Errorf("line_search_fn default %q, want none (torch's None)", p.Default)
			}
		case !ok:
			t.Errorf("key %q is not torch's", p.Key)
		default:
			var d float64
			if _, err := fmt.Sscan(p.Default, &d); err != nil || d != w.(float64) {
				t.Errorf("%s default %q, torch %v", p.Key, p.Default, w)
			}
		}
	}
	m := newMethod(t, "lbfgs_torch:lr=0.5,max_iter=7,max_eval=9,tolerance_grad=0,tolerance_change=1e-5,history_size=3,line_search_fn=strong_wolfe").(*LBFGSTorch)
	want := LBFGSTorch{LearningRate: 0.5, MaxIter: 7, MaxEval: 9, ToleranceGrad: Zero, ToleranceChange: 1e-5, History: 3, StrongWolfe: true}
	if m.LearningRate != want.LearningRate || m.MaxIter != 7 || m.MaxEval != 9 || math.Float64bits(m.ToleranceGrad) != math.Float64bits(Zero) ||
		m.ToleranceChange != 1e-5 || m.History != 3 || !m.StrongWolfe {
		t.Errorf("got %+v", m)
	}
	if z := (&LBFGSTorch{}); z.resolve() != nil || z.lr != 1 || z.maxIter != 20 || z.maxEval != 25 || z.m != 100 || z.tolGrad != 1e-7 || z.tolChange != 1e-9 {
		t.Errorf("zero value resolves to %+v", z)
	}
}
