package optim

import (
	"encoding/json"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/descentgo/descent/fn"
)

// The reference trajectories in testdata/torch/optim.json come from
// testdata/torch/gen_optim.py: real torch.optim classes (and, where Debian's
// torch 1.13 differs from PyTorch 2.x, a transcription of the 2.x
// single-tensor code) in float64. See the script for details.

type torchCase struct {
	Spec string `json:"spec"`
	Func string `json:"func"`
	// Negate: the case's objective is −f, i.e. torch was fed −∇f.
	Negate bool        `json:"negate"`
	X0     []float64   `json:"x0"`
	Source string      `json:"source"`
	Traj   [][]float64 `json:"traj"`
	// EmuTraj is the trajectory of the 2.x emulation where it differs (by
	// rounding) from Traj; nil where they agree bit for bit.
	EmuTraj [][]float64 `json:"emu_traj"`

	// Maximize is set by loadTorch, not read from the JSON: the spec
	// asked torch to maximize (maximize=true). descent's optimizers only
	// minimize, so loadTorch strips the key from Spec and the case runs the
	// same optimizer on fn.Negate of its objective, as descent's front end
	// does (see torchObjective).
	Maximize bool `json:"-"`
}

type torchFile struct {
	TorchVersion string                    `json:"torch_version"`
	Steps        int                       `json:"steps"`
	Defaults     map[string]map[string]any `json:"defaults_2x"`
	Pow096       [][4]float64              `json:"pow096"` // ψ, k, 0.96^(kψ) correctly rounded, glibc's
	Cases        []torchCase               `json:"cases"`
}

func loadTorch(t testing.TB) torchFile {
	t.Helper()
	var f torchFile
	readTorchJSON(t, "optim.json", &f)
	if len(f.Cases) == 0 {
		t.Fatal("no cases in optim.json")
	}
	for i := range f.Cases {
		c := &f.Cases[i]
		c.Spec, c.Maximize = torchStripMaximize(c.Spec)
	}
	return f
}

// readTorchJSON decodes testdata/torch/name into v.
func readTorchJSON(t testing.TB, name string, v any) {
	t.Helper()
	b, err := os.ReadFile(filepath.Join("..", "testdata", "torch", name))
	if err != nil {
		t.Fatal(err)
	}
	if err := json.Unmarshal(b, v); err != nil {
		t.Fatal(err)
	}
}

// torchStripMaximize removes the key maximize=true from a specification
// written by gen_optim.py and reports whether it was there. A maximize key
// with any other value is left in place (New then rejects it).
func torchStripMaximize(s string) (string, bool) {
	name, args, ok := strings.Cut(s, ":")
	if !ok {
		return s, false
	}
	var kept []string
	found := false
	for _, kv := range strings.Split(args, ",") {
		if kv == "maximize=true" {
			found = true
			continue
		}
		kept = append(kept, kv)
	}
	if len(kept) == 0 {
		return name, found
	}
	return name + ":" + strings.Join(kept, ","), found
}

// Go copies of the test functions of gen_optim.py, with the same operations
// in the same order, so that gradients at equal points are bitwise equal.
// The float64 conversions round every product, as Python does, even on
// platforms where Go would fuse a*b + c into an FMA.

func torchRosenbrockGrad(g, x []float64) {
	x0, x1 := x[0], x[1]
	d := x1 - float64(x0*x0)
	g[0] = float64(-2.0*(1.0-x0)) - float64(400.0*x0*d)
	g[1] = 200.0 * d
}

var (
	torchQuadD = []float64{1, 4, 16, 64, 256}
	torchQuadB = []float64{1, -2, 0.5, 1, -1}
)

func torchQuad5Grad(g, x []float64) {
	for i := range 5 {
		gi := torchQuadD[i] * x[i]
		if i > 0 {
			gi += float64(0.5 * x[i-1])
		}
		if i < 4 {
			gi += float64(0.5 * x[i+1])
		}
		gi -= torchQuadB[i]
		g[i] = gi
	}
}

func torchBealeGrad(g, x []float64) {
	x0, y := x[0], x[1]
	y2 := y * y
	y3 := y2 * y
	t1 := 1.5 - x0 + float64(x0*y)
	t2 := 2.25 - x0 + float64(x0*y2)
	t3 := 2.625 - x0 + float64(x0*y3)
	g[0] = float64(2.0*t1*(y-1.0)) + float64(2.0*t2*(y2-1.0)) + float64(2.0*t3*(y3-1.0))
	g[1] = float64(2.0*t1*x0) + float64(2.0*t2*(2.0*x0*y)) + float64(2.0*t3*(3.0*x0*y2))
}

var torchFuncs = map[string]struct {
	grad func(g, x []float64)
	x0   []float64
}{
	"rosenbrock": {torchRosenbrockGrad, []float64{-1.2, 1}},
	"quad5":      {torchQuad5Grad, []float64{1, -0.5, 0.25, -1, 0.5}},
	"beale":      {torchBealeGrad, []float64{0.5, -1}},
}

// near reports whether got agrees with want to 1e-9 relative, with an
// absolute floor of 1e-12.
func torchNear(got, want float64) bool {
	return math.Abs(got-want) <= 1e-9*math.Abs(want)+1e-12
}

func torchNew(t testing.TB, s string) Optimizer {
	t.Helper()
	a, err := New(s)
	if err != nil {
		t.Fatalf("New(%q): %v", s, err)
	}
	o, ok := a.(Optimizer)
	if !ok {
		t.Fatalf("New(%q) = %T, not an Optimizer", s, a)
	}
	return o
}

// torchGrad is a test function of gen_optim.py as an fn.Func. The
// reference data has gradients only, and Step never reads f, so Value is
// NaN.
type torchGrad struct {
	n    int
	grad func(g, x []float64)
}

func (f torchGrad) Dim() int                         { return f.n }
func (f torchGrad) Value(x []float64) float64        { return math.NaN() }
func (f torchGrad) ValueGrad(g, x []float64) float64 { f.grad(g, x); return math.NaN() }

// torchObjective returns the function that descent minimizes for the
// named test function f: f itself, or −f when negate (gen_optim.py's
// negate: torch was fed −∇f); and when maximize, the negation fn.Negate{F: h}
// of that objective h. This is how descent maximizes (its front end
// minimizes fn.Negate and reports −f), and it reproduces torch's
// maximize=True bit for bit: torch negates the gradient it is given, and
// fn.Negate negates the gradient of h, so the optimizer sees the same bits.
func torchObjective(fname string, negate, maximize bool) fn.Func {
	tf := torchFuncs[fname]
	var h fn.Func = torchGrad{len(tf.x0), tf.grad}
	if negate {
		h = fn.Negate{F: h}
	}
	if maximize {
		return fn.Negate{F: h}
	}
	return h
}

// torchRunObj returns the trajectory of o (freshly Init-ed) minimizing obj
// from the named function's x0.
func torchRunObj(o Optimizer, obj fn.Func, fname string, steps int) [][]float64 {
	x := append([]float64(nil), torchFuncs[fname].x0...)
	g := make([]float64, len(x))
	o.Init(len(x))
	out := make([][]float64, 0, steps)
	for range steps {
		obj.ValueGrad(g, x)
		o.Step(x, g)
		out = append(out, append([]float64(nil), x...))
	}
	return out
}

// torchRun returns the trajectory of o (freshly Init-ed) on the named
// function, or on its negation when negate.
func torchRun(o Optimizer, fname string, negate bool, steps int) [][]float64 {
	return torchRunObj(o, torchObjective(fname, negate, false), fname, steps)
}

// torchRunCase replays reference case c with descent's optimizer: the spec
// (without maximize) on the case's objective, negated by fn.Negate when the
// case maximizes.
func torchRunCase(t testing.TB, c torchCase, steps int) [][]float64 {
	t.Helper()
	return torchRunObj(torchNew(t, c.Spec), torchObjective(c.Func, c.Negate, c.Maximize), c.Func, steps)
}

func TestTorchReference(t *testing.T) {
	f := loadTorch(t)
	var worst float64
	exact := 0
	seen := map[string]bool{}
	for _, c := range f.Cases {
		name, _, _ := strings.Cut(c.Spec, ":")
		seen[name] = true
		t.Run(c.Spec+"/"+c.Func, func(t *testing.T) {
			fn, ok := torchFuncs[c.Func]
			if !ok {
				t.Fatalf("unknown function %q", c.Func)
			}
			if fmt.Sprint(fn.x0) != fmt.Sprint(c.X0) {
				t.Fatalf("x0 = %v in the JSON, %v here", c.X0, fn.x0)
			}
			got := torchRunCase(t, c, len(c.Traj))
			bitwise := true
			for k, want := range c.Traj {
				for i, w := range want {
					gi := got[k][i]
					if gi != w {
						bitwise = false
					}
					if d := math.Abs(gi-w) / math.Max(math.Abs(w), 1e-3); d > worst {
						worst = d
					}
					if !torchNear(gi, w) {
						t.Fatalf("step %d, x[%d] = %.17g, want %.17g (%s), rel diff %.2g",
							k+1, i, gi, w, c.Source, math.Abs(gi-w)/math.Abs(w))
					}
				}
			}
			if bitwise {
				exact++
			}
		})
	}
	for _, n := range []string{"gd", "sgd", "adagrad", "rmsprop", "adadelta", "adam", "adamw", "adamax", "nadam", "radam"} {
		if !seen[n] {
			t.Errorf("no reference case for %s", n)
		}
	}
	t.Logf("%d cases (torch %s), %d bitwise identical, largest relative difference %.2g", len(f.Cases), f.TorchVersion, exact, worst)
}

// TestTorchBitwise: the Go code follows PyTorch 2.x's float64 arithmetic
// operation for operation (including ATen's FMAs and correctly rounded
// powers), so it reproduces the 2.x trajectories bit for bit: the emulated
// 2.x trajectory where the 1.13 class rounds differently, else the
// reference itself.
func TestTorchBitwise(t *testing.T) {
	f := loadTorch(t)
	for _, c := range f.Cases {
		want := c.Traj
		if c.EmuTraj != nil {
			want = c.EmuTraj
		}
		got := torchRunCase(t, c, len(want))
		if k, ok := torchSame(got, want); !ok {
			t.Errorf("%s (maximize %v) on %s: first bitwise difference at step %d: %v, want %v", c.Spec, c.Maximize, c.Func, k, got[k-1], want[k-1])
		}
	}
}

// TestTorchMaximizeCases: the reference cases that PyTorch ran with
// maximize=True (on −f, so that they minimize f) are replayed by the same
// optimizer without the flag on fn.Negate of the case's objective, and
// reproduce PyTorch's trajectories bit for bit. The negation matters:
// without it the optimizer leaves the reference at the first step.
func TestTorchMaximizeCases(t *testing.T) {
	f := loadTorch(t)
	seen := map[string]int{}
	for _, c := range f.Cases {
		if strings.Contains(c.Spec, "maximize") {
			t.Errorf("%s: maximize left in the spec", c.Spec)
		}
		if !c.Maximize {
			continue
		}
		name, _, _ := strings.Cut(c.Spec, ":")
		seen[name]++
		want := c.Traj
		if c.EmuTraj != nil {
			want = c.EmuTraj
		}
		if k, ok := torchSame(torchRunCase(t, c, len(want)), want); !ok {
			t.Errorf("%s on %s: minimizing fn.Negate of the objective differs from torch's maximize=True at step %d", c.Spec, c.Func, k)
		}
		c.Maximize = false
		if _, ok := torchSame(torchRunCase(t, c, 1), want[:1]); ok {
			t.Errorf("%s on %s: the first step without fn.Negate matches torch's maximize=True", c.Spec, c.Func)
		}
	}
	for _, n := range []string{"gd", "sgd", "adagrad", "rmsprop", "adadelta", "adam", "adamw", "adamax", "nadam", "radam"} {
		if seen[n] != len(torchFuncs) {
			t.Errorf("%s: %d maximize=true reference cases, want one per function (%d)", n, seen[n], len(torchFuncs))
		}
	}
}

func TestTorchStripMaximize(t *testing.T) {
	for _, c := range []struct {
		in, out string
		max     bool
	}{
		{"gd:maximize=true", "gd", true},
		{"sgd:lr=0.0005,momentum=0.9,weight_decay=0.05,maximize=true", "sgd:lr=0.0005,momentum=0.9,weight_decay=0.05", true},
		{"adam:maximize=true,lr=0.01", "adam:lr=0.01", true},
		{"adam:lr=0.01", "adam:lr=0.01", false},
		{"adam", "adam", false},
		{"adam:maximize=false", "adam:maximize=false", false},
	} {
		if out, max := torchStripMaximize(c.in); out != c.out || max != c.max {
			t.Errorf("torchStripMaximize(%q) = %q, %v; want %q, %v", c.in, out, max, c.out, c.max)
		}
	}
}

// TestTorchRegistryDefaults compares every registered default with PyTorch 2.x's
// as transcribed by gen_optim.py, and requires the same set of keys.
func TestTorchRegistryDefaults(t *testing.T) {
	f := loadTorch(t)
	if len(f.Defaults) != 10 {
		t.Fatalf("defaults for %d optimizers, want 10", len(f.Defaults))
	}
	for name, want := range f.Defaults {
		// descent maximizes at the front end (by minimizing fn.Negate), so
		// no optimizer takes torch's maximize.
		if _, ok := want["maximize"]; !ok {
			t.Errorf("%s: gen_optim.py lists no maximize default", name)
		}
		delete(want, "maximize")
		e, ok := Lookup(name)
		if !ok {
			t.Errorf("%s is not registered", name)
			continue
		}
		var keys []string
		for _, p := range e.Params {
			w, ok := want[p.Key]
			if !ok {
				if name != "gd" { // gd also carries descent's line-search keys
					t.Errorf("%s: key %q is not a PyTorch parameter", name, p.Key)
				}
				continue
			}
			keys = append(keys, p.Key)
			switch w := w.(type) {
			case bool:
				if p.Default != fmt.Sprint(w) {
					t.Errorf("%s: %s default %q, want %v", name, p.Key, p.Default, w)
				}
			case float64:
				var d float64
				if _, err := fmt.Sscan(p.Default, &d); err != nil || d != w {
					t.Errorf("%s: %s default %q, want %v", name, p.Key, p.Default, w)
				}
			}
			if p.Doc == "" {
				t.Errorf("%s: %s has no doc", name, p.Key)
			}
		}
		var wk []string
		for k := range want {
			wk = append(wk, k)
		}
		sort.Strings(keys)
		sort.Strings(wk)
		if strings.Join(keys, ",") != strings.Join(wk, ",") || name != "gd" && len(keys) != len(e.Params) {
			t.Errorf("%s: keys %v, want %v", name, keys, wk)
		}
		if e.Summary == "" {
			t.Errorf("%s: no summary", name)
		}
	}
}

// zeroValues are the zero-value structs, paired with the same defaults
// written out explicitly.
var torchZeroValues = []struct {
	name            string
	zero, explicitV func() Optimizer
	lr              float64
}{
	{"gd", func() Optimizer { return &GD{} }, func() Optimizer { return &GD{LearningRate: 0.001} }, 0.001},
	{"sgd", func() Optimizer { return &SGD{} }, func() Optimizer { return &SGD{LearningRate: 0.001} }, 0.001},
	{"adagrad", func() Optimizer { return &Adagrad{} }, func() Optimizer { return &Adagrad{LearningRate: 0.01, Eps: 1e-10} }, 0.01},
	{"rmsprop", func() Optimizer { return &RMSprop{} }, func() Optimizer { return &RMSprop{LearningRate: 0.01, Alpha: 0.99, Eps: 1e-8} }, 0.01},
	{"adadelta", func() Optimizer { return &Adadelta{} }, func() Optimizer { return &Adadelta{LearningRate: 1, Rho: 0.9, Eps: 1e-6} }, 1},
	{"adam", func() Optimizer { return &Adam{} }, func() Optimizer {
		return &Adam{LearningRate: 0.001, Beta1: 0.9, Beta2: 0.999, Eps: 1e-8}
	}, 0.001},
	{"adamw", func() Optimizer { return &AdamW{} }, func() Optimizer {
		return &Adam{LearningRate: 0.001, Beta1: 0.9, Beta2: 0.999, Eps: 1e-8, WeightDecay: 0.01, DecoupledWeightDecay: true}
	}, 0.001},
	{"adamax", func() Optimizer { return &Adamax{} }, func() Optimizer {
		return &Adamax{LearningRate: 0.002, Beta1: 0.9, Beta2: 0.999, Eps: 1e-8}
	}, 0.002},
	{"nadam", func() Optimizer { return &NAdam{} }, func() Optimizer {
		return &NAdam{LearningRate: 0.002, Beta1: 0.9, Beta2: 0.999, Eps: 1e-8, MomentumDecay: 0.004}
	}, 0.002},
	{"radam", func() Optimizer { return &RAdam{} }, func() Optimizer {
		return &RAdam{LearningRate: 0.001, Beta1: 0.9, Beta2: 0.999, Eps: 1e-8}
	}, 0.001},
}

func torchSame(a, b [][]float64) (int, bool) {
	for k := range a {
		for i := range a[k] {
			if math.Float64bits(a[k][i]) != math.Float64bits(b[k][i]) {
				return k + 1, false
			}
		}
	}
	return 0, len(a) == len(b)
}

// TestTorchZeroValueIsDefault: the zero-value struct, the registered default
// (New(name)) and the PyTorch defaults written out give bitwise the same
// trajectory, and LR() reports the default learning rate.
func TestTorchZeroValueIsDefault(t *testing.T) {
	for _, z := range torchZeroValues {
		for fname := range torchFuncs {
			zero := torchRun(z.zero(), fname, false, 60)
			reg := torchRun(torchNew(t, z.name), fname, false, 60)
			exp := torchRun(z.explicitV(), fname, false, 60)
			if k, ok := torchSame(zero, reg); !ok {
				t.Errorf("%s on %s: zero value and New(%q) differ at step %d", z.name, fname, z.name, k)
			}
			if k, ok := torchSame(zero, exp); !ok {
				t.Errorf("%s on %s: zero value and explicit defaults differ at step %d", z.name, fname, k)
			}
		}
		o := z.zero()
		o.Init(3)
		if lr := o.(LRer).LR(); lr != z.lr {
			t.Errorf("%s: zero value LR() = %g, want %g", z.name, lr, z.lr)
		}
	}
}

// TestTorchExplicitZero: Zero (negative zero) asks for a literal 0 where the
// default is not 0, the same as writing key=0 in a specification.
func TestTorchExplicitZero(t *testing.T) {
	for _, c := range []struct {
		spec string
		o    Optimizer
	}{
		{"adam:lr=0.01,beta1=0", &Adam{LearningRate: 0.01, Beta1: Zero}},
		{"rmsprop:alpha=0", &RMSprop{Alpha: Zero}},
		{"adamw:weight_decay=0", &AdamW{WeightDecay: Zero}},
		{"adadelta:rho=0", &Adadelta{Rho: Zero}},
		{"nadam:momentum_decay=0", &NAdam{MomentumDecay: Zero}},
	} {
		name, _, _ := strings.Cut(c.spec, ":")
		got := torchRun(c.o, "beale", false, 40)
		if k, ok := torchSame(got, torchRun(torchNew(t, c.spec), "beale", false, 40)); !ok {
			t.Errorf("%s: struct with Zero and spec differ at step %d", c.spec, k)
		}
		if _, ok := torchSame(got, torchRun(torchNew(t, name), "beale", false, 40)); ok {
			t.Errorf("%s: same trajectory as the defaults; Zero was read as the default", c.spec)
		}
	}
	// adamw:weight_decay=0 is Adam.
	if k, ok := torchSame(torchRun(torchNew(t, "adamw:weight_decay=0"), "quad5", false, 50), torchRun(torchNew(t, "adam"), "quad5", false, 50)); !ok {
		t.Errorf("adamw with weight_decay=0 differs from adam at step %d", k)
	}
}

var torchSpecs = []string{
	"gd", "gd:weight_decay=0.1",
	"sgd", "sgd:momentum=0.9", "sgd:momentum=0.9,nesterov=true", "sgd:momentum=0.5,dampening=0.5,weight_decay=0.1",
	"adagrad", "adagrad:lr_decay=0.1,weight_decay=0.1,initial_accumulator_value=0.1",
	"rmsprop", "rmsprop:momentum=0.9,centered=true,weight_decay=0.1",
	"adadelta", "adadelta:weight_decay=0.1",
	"adam", "adam:amsgrad=true,weight_decay=0.1", "adam:decoupled_weight_decay=true,weight_decay=0.1",
	"adamw", "adamw:amsgrad=true",
	"adamax", "adamax:weight_decay=0.1",
	"nadam", "nadam:weight_decay=0.1", "nadam:weight_decay=0.1,decoupled_weight_decay=true",
	"radam", "radam:weight_decay=0.1", "radam:weight_decay=0.1,decoupled_weight_decay=true",
}

func TestTorchStepAllocatesNothing(t *testing.T) {
	for _, s := range torchSpecs {
		o := torchNew(t, s)
		x := []float64{-1.2, 1}
		g := make([]float64, 2)
		o.Init(2)
		allocs := testing.AllocsPerRun(100, func() {
			torchRosenbrockGrad(g, x)
			o.Step(x, g)
		})
		if allocs != 0 {
			t.Errorf("%s: Step allocates %v times", s, allocs)
		}
	}
}

// TestTorchInitReuses: Init clears all state (a second run repeats the first)
// and reuses the buffers.
func TestTorchInitReuses(t *testing.T) {
	for _, s := range torchSpecs {
		o := torchNew(t, s)
		a := torchRun(o, "quad5", false, 30)
		st, _ := o.(Stateful)
		var before []*float64
		if st != nil {
			for _, v := range st.State().Vectors {
				before = append(before, &v[0])
			}
		}
		b := torchRun(o, "quad5", false, 30) // Init(5) again
		if k, ok := torchSame(a, b); !ok {
			t.Errorf("%s: second run after Init differs at step %d", s, k)
		}
		if st != nil {
			for _, v := range st.State().Vectors {
				found := false
				for _, p := range before {
					if p == &v[0] {
						found = true
					}
				}
				if !found {
					t.Errorf("%s: Init reallocated a buffer of the same size", s)
				}
			}
		}
	}
}

// TestTorchStateResume: saving the state midway (through JSON), restoring it
// into a new optimizer and continuing is bitwise the uninterrupted torchRun.
func TestTorchStateResume(t *testing.T) {
	for _, s := range torchSpecs {
		if strings.HasPrefix(s, "gd") {
			continue
		}
		for fname, f := range torchFuncs {
			want := torchRun(torchNew(t, s), fname, false, 100)

			o := torchNew(t, s)
			x := append([]float64(nil), f.x0...)
			g := make([]float64, len(x))
			o.Init(len(x))
			step := func(o Optimizer) {
				f.grad(g, x)
				o.Step(x, g)
			}
			for range 50 {
				step(o)
			}
			o.(LRer).SetLR(o.(LRer).LR() * 0.5) // a schedule's change is part of the state
			for range 10 {
				step(o)
			}
			b, err := json.Marshal(o.(Stateful).State())
			if err != nil {
				t.Fatal(err)
			}
			var saved State
			if err := json.Unmarshal(b, &saved); err != nil {
				t.Fatal(err)
			}
			// Uninterrupted, with the same lr change.
			ref := torchNew(t, s)
			xr := append([]float64(nil), f.x0...)
			ref.Init(len(xr))
			for k := range 100 {
				if k == 50 {
					ref.(LRer).SetLR(ref.(LRer).LR() * 0.5)
				}
				f.grad(g, xr)
				ref.Step(xr, g)
			}
			if _, same := torchSame(want[99:], [][]float64{xr}); same {
				t.Errorf("%s on %s: SetLR had no effect", s, fname)
			}

			o2 := torchNew(t, s)
			o2.Init(len(x))
			if err := o2.(Stateful).SetState(saved); err != nil {
				t.Fatalf("%s: SetState: %v", s, err)
			}
			if o2.(LRer).LR() != o.(LRer).LR() {
				t.Errorf("%s: restored lr %g, want %g", s, o2.(LRer).LR(), o.(LRer).LR())
			}
			for range 40 {
				step(o2)
			}
			for i := range x {
				if math.Float64bits(x[i]) != math.Float64bits(xr[i]) {
					t.Errorf("%s on %s: resumed x[%d] = %.17g, uninterrupted %.17g", s, fname, i, x[i], xr[i])
				}
			}
		}
	}
}

func TestTorchSetStateErrors(t *testing.T) {
	o := torchNew(t, "adam:amsgrad=true").(Optimizer)
	o.Init(2)
	good := func() State {
		return State{Step: 3, Scalars: map[string]float64{"lr": 0.1},
			Vectors: map[string][]float64{"exp_avg": {1, 2}, "exp_avg_sq": {3, 4}, "max_exp_avg_sq": {5, 6}}}
	}
	cases := []struct {
		edit func(*State)
		want string
	}{
		{func(s *State) { s.Step = -1 }, "optim: adam: invalid state: step -1 < 0"},
		{func(s *State) { delete(s.Vectors, "max_exp_avg_sq") }, `optim: adam: invalid state: missing vector "max_exp_avg_sq"`},
		{func(s *State) { s.Vectors["exp_avg"] = []float64{1} }, `optim: adam: invalid state: vector "exp_avg" has length 1, want 2 (the n given to Init)`},
		{func(s *State) { s.Vectors["momentum_buffer"] = []float64{1, 2} },
			`optim: adam: invalid state: unexpected vector "momentum_buffer" (want: exp_avg, exp_avg_sq, max_exp_avg_sq)`},
		{func(s *State) { delete(s.Scalars, "lr") }, `optim: adam: invalid state: missing scalar "lr"`},
		{func(s *State) { s.Scalars["mu_product"] = 1 }, `optim: adam: invalid state: unexpected scalar "mu_product" (want: lr)`},
	}
	for _, c := range cases {
		st := good()
		c.edit(&st)
		err := o.(Stateful).SetState(st)
		if err == nil || err.Error() != c.want {
			t.Errorf("SetState error %v, want %q", err, c.want)
		}
	}
	// A failed SetState changes nothing.
	if lr := o.(LRer).LR(); lr != 0.001 {
		t.Errorf("failed SetState changed lr to %g", lr)
	}
	if err := o.(Stateful).SetState(good()); err != nil {
		t.Fatal(err)
	}
	if st := o.(Stateful).State(); st.Step != 3 || st.Vectors["max_exp_avg_sq"][1] != 6 || st.Scalars["lr"] != 0.1 {
		t.Errorf("State after SetState = %+v", st)
	}
	// NAdam carries its μ-product.
	n := &NAdam{}
	n.Init(1)
	err := n.SetState(State{Scalars: map[string]float64{"lr": 1}, Vectors: map[string][]float64{"exp_avg": {0}, "exp_avg_sq": {0}}})
	if err == nil || err.Error() != `optim: nadam: invalid state: missing scalar "mu_product"` {
		t.Errorf("nadam SetState error %v", err)
	}
}

func TestTorchInvalidSpecs(t *testing.T) {
	cases := []struct{ spec, want string }{
		{"sgd:lr=-0.1", `optimizer "sgd": invalid lr -0.1: must be ≥ 0`},
		{"sgd:momentum=-0.5", `optimizer "sgd": invalid momentum -0.5: must be ≥ 0`},
		{"sgd:weight_decay=-1", `optimizer "sgd": invalid weight_decay -1: must be ≥ 0`},
		{"sgd:nesterov=true", `optimizer "sgd": nesterov=true requires momentum > 0 and dampening = 0 (got momentum=0, dampening=0)`},
		{"sgd:momentum=0.9,dampening=0.1,nesterov=true", `optimizer "sgd": nesterov=true requires momentum > 0 and dampening = 0 (got momentum=0.9, dampening=0.1)`},
		{"sgd:lr=fast", `optimizer "sgd": lr=fast: "fast" is not a finite number`},
		{"sgd:nesterov=yes", `optimizer "sgd": nesterov=yes: "yes" is not true or false`},
		{"adagrad:lr_decay=-1", `optimizer "adagrad": invalid lr_decay -1: must be ≥ 0`},
		{"adagrad:initial_accumulator_value=-0.1", `optimizer "adagrad": invalid initial_accumulator_value -0.1: must be ≥ 0`},
		{"adagrad:eps=-1e-10", `optimizer "adagrad": invalid eps -1e-10: must be ≥ 0`},
		{"rmsprop:alpha=-0.5", `optimizer "rmsprop": invalid alpha -0.5: must be in [0, 1)`},
		{"rmsprop:momentum=-1", `optimizer "rmsprop": invalid momentum -1: must be ≥ 0`},
		{"adadelta:rho=1.5", `optimizer "adadelta": invalid rho 1.5: must be in [0, 1]`},
		{"adadelta:lr=-1", `optimizer "adadelta": invalid lr -1: must be ≥ 0`},
		{"adam:beta1=1", `optimizer "adam": invalid beta1 1: must be in [0, 1)`},
		{"adam:beta2=-0.1", `optimizer "adam": invalid beta2 -0.1: must be in [0, 1)`},
		{"adam:eps=-1e-8", `optimizer "adam": invalid eps -1e-08: must be ≥ 0`},
		{"adam:weight_decay=-0.01", `optimizer "adam": invalid weight_decay -0.01: must be ≥ 0`},
		{"adamw:beta2=1", `optimizer "adamw": invalid beta2 1: must be in [0, 1)`},
		{"adamw:weight_decay=-0.01", `optimizer "adamw": invalid weight_decay -0.01: must be ≥ 0`},
		{"adamax:beta1=2", `optimizer "adamax": invalid beta1 2: must be in [0, 1)`},
		{"nadam:momentum_decay=-0.004", `optimizer "nadam": invalid momentum_decay -0.004: must be ≥ 0`},
		{"radam:beta1=-0.9", `optimizer "radam": invalid beta1 -0.9: must be in [0, 1)`},
		{"adam:momentum=0.9", `optimizer "adam" has no parameter "momentum" (valid: lr, beta1, beta2, eps, weight_decay, amsgrad, decoupled_weight_decay)`},
		{"adamw:decoupled_weight_decay=true", `optimizer "adamw" has no parameter "decoupled_weight_decay" (valid: lr, beta1, beta2, eps, weight_decay, amsgrad)`},
		{"sgd:betas=0.9", `optimizer "sgd" has no parameter "betas" (valid: lr, momentum, dampening, weight_decay, nesterov)`},
		{"radam:amsgrad=true", `optimizer "radam" has no parameter "amsgrad" (valid: lr, beta1, beta2, eps, weight_decay, decoupled_weight_decay)`},
		// Maximization is the front end's (fn.Negate), not an optimizer key.
		{"adam:maximize=true", `optimizer "adam" has no parameter "maximize" (valid: lr, beta1, beta2, eps, weight_decay, amsgrad, decoupled_weight_decay)`},
		{"lbfgs:maximize=true", `optimizer "lbfgs" has no parameter "maximize" (valid: history, c1, c2)`},
	}
	for _, c := range cases {
		_, err := New(c.spec)
		if err == nil || err.Error() != c.want {
			t.Errorf("New(%q) error\n got %v\nwant %s", c.spec, err, c.want)
		}
	}
	_, err := New("adma:lr=0.1")
	want := fmt.Sprintf("unknown optimizer %q (known: %s)", "adma", strings.Join(Names(), ", "))
	if err == nil || err.Error() != want {
		t.Errorf("unknown name: got %v, want %s", err, want)
	}
	for _, n := range []string{"gd", "sgd", "adagrad", "rmsprop", "adadelta", "adam", "adamw", "adamax", "nadam", "radam"} {
		if !strings.Contains(want, " "+n+",") && !strings.Contains(want, " "+n+")") {
			t.Errorf("%s missing from the known names: %s", n, want)
		}
	}
}

func TestTorchInitPanicsOnInvalidFields(t *testing.T) {
	cases := []struct {
		o    Optimizer
		want string
	}{
		{&SGD{Nesterov: true}, "optim: sgd: nesterov=true requires momentum > 0 and dampening = 0 (got momentum=0, dampening=0)"},
		{&Adam{Beta1: 1}, "optim: adam: invalid beta1 1: must be in [0, 1)"},
		{&AdamW{LearningRate: math.NaN()}, "optim: adamw: invalid lr NaN: must be finite"},
		{&Adadelta{Rho: -0.5}, "optim: adadelta: invalid rho -0.5: must be in [0, 1]"},
		{&RMSprop{Eps: -1}, "optim: rmsprop: invalid eps -1: must be ≥ 0"},
		{&Adagrad{LRDecay: math.Inf(1)}, "optim: adagrad: invalid lr_decay +Inf: must be finite"},
		{&Adamax{Beta2: 1}, "optim: adamax: invalid beta2 1: must be in [0, 1)"},
		{&NAdam{MomentumDecay: -1}, "optim: nadam: invalid momentum_decay -1: must be ≥ 0"},
		{&RAdam{WeightDecay: -1}, "optim: radam: invalid weight_decay -1: must be ≥ 0"},
		{&Adam{}, "optim: adam: Init(-1): negative dimension"},
	}
	for _, c := range cases {
		func() {
			defer func() {
				r := recover()
				if r == nil || fmt.Sprint(r) != c.want {
					t.Errorf("%T Init panic %v, want %q", c.o, r, c.want)
				}
			}()
			n := 2
			if strings.Contains(c.want, "Init(-1)") {
				n = -1
			}
			c.o.Init(n)
		}()
	}
}

func TestTorchStepPanicsOnLengthMismatch(t *testing.T) {
	var specs []string
	for _, s := range torchSpecs {
		if !strings.HasPrefix(s, "gd") {
			specs = append(specs, s)
		}
	}
	checkLengthPanics(t, specs)
}

// checkLengthPanics checks that Step after Init(2) panics on vectors of
// length 3 with the message naming the optimizer and both lengths.
func checkLengthPanics(t *testing.T, specs []string) {
	t.Helper()
	for _, s := range specs {
		o := torchNew(t, s)
		name, _, _ := strings.Cut(s, ":")
		o.Init(2)
		want := fmt.Sprintf("optim: %s.Step: len(x)=3, len(g)=3, want 2 (the n given to Init)", name)
		func() {
			defer func() {
				if r := recover(); fmt.Sprint(r) != want {
					t.Errorf("%s: panic %v, want %q", s, r, want)
				}
			}()
			o.Step(make([]float64, 3), make([]float64, 3))
		}()
	}
}

// TestTorchFirstStepClosedForm checks the first step from x = 0 with gradient g
// against the update rules worked out by hand (independent of PyTorch).
func TestTorchFirstStepClosedForm(t *testing.T) {
	g := []float64{3, -0.5, 1e-3}
	cases := []struct {
		spec string
		want func(g float64) float64 // x after one step from 0
	}{
		{"gd:lr=0.1", func(g float64) float64 { return -0.1 * g }},
		// Momentum buffer starts at g (undamped), so step 1 is plain GD.
		{"sgd:lr=0.1,momentum=0.9,dampening=0.5", func(g float64) float64 { return -0.1 * g }},
		{"sgd:lr=0.1,momentum=0.9,nesterov=true", func(g float64) float64 { return -0.1 * 1.9 * g }},
		{"adagrad:lr=0.1", func(g float64) float64 { return -0.1 * g / (math.Abs(g) + 1e-10) }},
		{"adagrad:lr=0.1,initial_accumulator_value=1", func(g float64) float64 { return -0.1 * g / (math.Sqrt(1+g*g) + 1e-10) }},
		{"rmsprop:lr=0.1", func(g float64) float64 { return -0.1 * g / (0.1*math.Abs(g) + 1e-8) }},
		{"rmsprop:lr=0.1,centered=true", func(g float64) float64 {
			return -0.1 * g / (math.Sqrt(0.01*g*g-0.0001*g*g) + 1e-8)
		}},
		{"adadelta", func(g float64) float64 { return -math.Sqrt(1e-6) / math.Sqrt(0.1*g*g+1e-6) * g }},
		// Adam, AdamW (x = 0, so no decay), Adamax: bias correction makes
		// the first step lr·g/(|g|+ε).
		{"adam:lr=0.1", func(g float64) float64 { return -0.1 * g / (math.Abs(g) + 1e-8) }},
		{"adamw:lr=0.1", func(g float64) float64 { return -0.1 * g / (math.Abs(g) + 1e-8) }},
		{"adamax:lr=0.1", func(g float64) float64 { return -0.1 * g / (math.Abs(g) + 1e-8) }},
		// RAdam: ρ₁ = 1 ≤ 5, so x ← x − lr·m̂ = −lr·g.
		{"radam:lr=0.1", func(g float64) float64 { return -0.1 * g }},
		// NAdam: μ₁ = 0.9(1−½·0.96^0.004), μ₂ likewise; m = 0.1g, √v̂ = |g|.
		{"nadam:lr=0.1", func(g float64) float64 {
			mu1 := 0.9 * (1 - 0.5*math.Pow(0.96, 0.004))
			mu2 := 0.9 * (1 - 0.5*math.Pow(0.96, 0.008))
			d := math.Abs(g) + 1e-8
			return -0.1*(1-mu1)/(1-mu1)*g/d - 0.1*mu2/(1-mu1*mu2)*0.1*g/d
		}},
	}
	for _, c := range cases {
		o := torchNew(t, c.spec)
		o.Init(len(g))
		x := make([]float64, len(g))
		o.Step(x, g)
		for i, gi := range g {
			if w := c.want(gi); math.Abs(x[i]-w) > 1e-14*math.Abs(w) {
				t.Errorf("%s: x[%d] = %.17g, want %.17g", c.spec, i, x[i], w)
			}
		}
	}
}

// TestTorchInterfaces: every step-based optimizer (everything that
// implements Step) has a learning rate that schedules can set (LRer), and
// every one but gd, which keeps no state, can be checkpointed (Stateful).
// It checks every registered algorithm that is an Optimizer, as built by New
// and as a zero value, and the clipping wrapper around each.
func TestTorchInterfaces(t *testing.T) {
	check := func(what, name string, a Algorithm) {
		t.Helper()
		if _, ok := a.(Optimizer); !ok {
			t.Errorf("%s (%T) has no Step", what, a)
			return
		}
		if _, ok := a.(LRer); !ok {
			t.Errorf("%s (%T) is not an LRer", what, a)
		}
		if _, ok := a.(Stateful); !ok && name != "gd" {
			t.Errorf("%s (%T) is not Stateful", what, a)
		}
	}
	zeros := map[string]Optimizer{}
	for _, z := range torchZeroValues {
		zeros[z.name] = z.zero()
	}
	var stepBased []string
	for _, name := range Names() {
		a, err := New(name)
		if err != nil {
			t.Fatalf("New(%q): %v", name, err)
		}
		o, ok := a.(Optimizer)
		if !ok {
			if _, ok := a.(Method); !ok {
				t.Errorf("%s (%T) is neither an Optimizer nor a Method", name, a)
			}
			continue
		}
		stepBased = append(stepBased, name)
		check("New("+name+")", name, o)
		check("WithClip(New("+name+"))", name, WithClip(o, 1, 0.5))
		z, ok := zeros[name]
		if !ok {
			t.Errorf("%s has no zero value in torchZeroValues", name)
			continue
		}
		check(name+" zero value", name, z)
		if fmt.Sprintf("%T", z) != fmt.Sprintf("%T", o) {
			t.Errorf("%s: zero value is a %T, New gives a %T", name, z, o)
		}
	}
	if len(stepBased) != len(torchZeroValues) {
		t.Errorf("step-based optimizers %v, want the %d of torchZeroValues", stepBased, len(torchZeroValues))
	}
	// The stable bounds at L = 20 against their closed forms: 2/L; Polyak's
	// 2(1+β)/L; divided by 1−τ under dampening τ; Nesterov's
	// 2(1+β)/((1+2β)L); none for adaptive methods and line searches.
	for _, c := range []struct {
		spec string
		want float64
	}{
		{"gd", 0.1}, {"sgd", 0.1}, {"sgd:momentum=0.9", 0.19}, {"sgd:momentum=0.9,dampening=0.5", 0.38},
		{"sgd:momentum=0.9,nesterov=true", 3.8 / 56}, {"rmsprop", 0}, {"rmsprop:momentum=0.5", 0},
		{"adam", 0}, {"lbfgs", 0}, {"gd:linesearch=armijo", 0},
	} {
		a, err := New(c.spec)
		if err != nil {
			t.Fatal(err)
		}
		b := StableLR(a, 20)
		if math.Abs(b.LR-c.want) > 1e-15 || b.Rule == "" {
			t.Errorf("%s: StableLR(20) = %+v, want LR %g and a rule", c.spec, b, c.want)
		}
	}
	for _, L := range []float64{0, -1, math.NaN(), math.Inf(1)} {
		if b := StableLR(&GD{}, L); b.LR != 0 || b.Rule == "" {
			t.Errorf("StableLR(gd, %g) = %+v, want no bound with a reason", L, b)
		}
	}
}
