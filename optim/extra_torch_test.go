package optim

import (
	"encoding/json"
	"fmt"
	"math"
	"sort"
	"strings"
	"testing"
)

// Reference trajectories for rprop, asgd (the real torch.optim classes of
// Debian's torch 1.13.1, whose arithmetic equals the 2.x single-tensor
// code: testdata/torch/gen_optim_extra.py checks it against a transcription
// of 2.x) and lion (a transcription of the authors' lion_pytorch.py in
// float64 torch ops), in testdata/torch/optim_extra.json.

type extraCase struct {
	torchCase
	AsgdAx [][]float64 `json:"asgd_ax"`
}

type extraFile struct {
	TorchVersion string                    `json:"torch_version"`
	Steps        int                       `json:"steps"`
	Defaults     map[string]map[string]any `json:"defaults_2x"`
	Sign         []float64                 `json:"sign"`
	AsgdPow      [][5]float64              `json:"asgd_pow"`
	Cases        []extraCase               `json:"cases"`
}

func loadExtra(t testing.TB) extraFile {
	t.Helper()
	var f extraFile
	readTorchJSON(t, "optim_extra.json", &f)
	if len(f.Cases) == 0 {
		t.Fatal("no cases in optim_extra.json")
	}
	for i := range f.Cases {
		c := &f.Cases[i]
		c.Spec, c.Maximize = torchStripMaximize(c.Spec)
	}
	return f
}

// The zero values of this file's optimizers join torchZeroValues, so that
// the registry-wide tests of torch_test.go (TestTorchInterfaces,
// TestTorchZeroValueIsDefault) cover them.
func init() {
	torchZeroValues = append(torchZeroValues, extraZeroValues...)
}

var extraZeroValues = []struct {
	name            string
	zero, explicitV func() Optimizer
	lr              float64
}{
	{"rprop", func() Optimizer { return &Rprop{} }, func() Optimizer {
		return &Rprop{LearningRate: 0.01, EtaMinus: 0.5, EtaPlus: 1.2, StepMin: 1e-6, StepMax: 50}
	}, 0.01},
	{"asgd", func() Optimizer { return &ASGD{} }, func() Optimizer {
		return &ASGD{LearningRate: 0.01, Lambd: 1e-4, Alpha: 0.75, T0: 1e6}
	}, 0.01},
	{"lion", func() Optimizer { return &Lion{} }, func() Optimizer {
		return &Lion{LearningRate: 1e-4, Beta1: 0.9, Beta2: 0.99}
	}, 1e-4},
	{"signsgd", func() Optimizer { return &SignSGD{} }, func() Optimizer { return &SignSGD{LearningRate: 0.01} }, 0.01},
	{"signum", func() Optimizer { return &Signum{} }, func() Optimizer { return &Signum{LearningRate: 0.01, Momentum: 0.9} }, 0.01},
}

// TestExtraTorchReference replays every case: each coordinate of every
// step within 1e-12 relative of the reference (absolute below 1e-300), and
// in fact bit for bit, since the Go code repeats torch's float64 operations.
// ASGD's averaged point (state "ax") is compared after every step too.
func TestExtraTorchReference(t *testing.T) {
	f := loadExtra(t)
	type key struct{ name, fn string }
	seen := map[key]int{}
	maximized := map[string]bool{}
	for _, c := range f.Cases {
		name, _, _ := strings.Cut(c.Spec, ":")
		seen[key{name, c.Func}]++
		if c.Maximize {
			maximized[name] = true
		}
		t.Run(c.Spec+"/"+c.Func, func(t *testing.T) {
			tf, ok := torchFuncs[c.Func]
			if !ok {
				t.Fatalf("unknown function %q", c.Func)
			}
			if fmt.Sprint(tf.x0) != fmt.Sprint(c.X0) {
				t.Fatalf("x0 = %v in the JSON, %v here", c.X0, tf.x0)
			}
			o := torchNew(t, c.Spec)
			obj := torchObjective(c.Func, c.Negate, c.Maximize)
			x := append([]float64(nil), tf.x0...)
			g := make([]float64, len(x))
			o.Init(len(x))
			var ax []float64
			for k, want := range c.Traj {
				obj.ValueGrad(g, x)
				o.Step(x, g)
				for i, w := range want {
					if d := math.Abs(x[i] - w); d > 1e-12*math.Max(math.Abs(w), 1e-300) {
						t.Fatalf("step %d: x[%d] = %.17g, want %.17g (%s), rel diff %.2g", k+1, i, x[i], w, c.Source, d/math.Abs(w))
					}
					if math.Float64bits(x[i]) != math.Float64bits(w) {
						t.Fatalf("step %d: x[%d] = %.17g, want %.17g bit for bit (%s)", k+1, i, x[i], w, c.Source)
					}
				}
				if c.AsgdAx != nil {
					ax = o.(*ASGD).Averaged(ax)
					if k, ok := torchSame([][]float64{ax}, c.AsgdAx[k:k+1]); !ok {
						t.Fatalf("step %d: Averaged() = %v, want torch's ax %v", k, ax, c.AsgdAx[k])
					}
				}
			}
			if name == "asgd" && c.AsgdAx == nil {
				t.Errorf("asgd case without asgd_ax")
			}
		})
	}
	for _, name := range []string{"rprop", "asgd", "lion"} {
		for fname := range torchFuncs {
			if seen[key{name, fname}] == 0 {
				t.Errorf("no reference case for %s on %s", name, fname)
			}
		}
	}
	for _, name := range []string{"rprop", "asgd"} {
		if !maximized[name] {
			t.Errorf("no maximize=true reference case for %s", name)
		}
	}
	t.Logf("%d cases (torch %s)", len(f.Cases), f.TorchVersion)
}

// TestExtraTorchAveragingStarts: the ASGD cases with t0 < steps really
// average (ax differs from x), so the μ ≠ 1 branch is covered.
func TestExtraTorchAveragingStarts(t *testing.T) {
	averaged := 0
	for _, c := range loadExtra(t).Cases {
		if c.AsgdAx == nil {
			continue
		}
		last := len(c.Traj) - 1
		if _, same := torchSame(c.Traj[last:], c.AsgdAx[last:]); !same {
			averaged++
		}
	}
	if averaged < 6 {
		t.Errorf("%d asgd cases whose average differs from the iterate, want ≥ 6", averaged)
	}
}

// TestExtraRegistryDefaults compares the registered keys and defaults of
// rprop, asgd and lion with PyTorch 2.x's (lion: the reference code's), as
// written out by gen_optim_extra.py.
func TestExtraRegistryDefaults(t *testing.T) {
	f := loadExtra(t)
	if len(f.Defaults) != 3 {
		t.Fatalf("defaults for %d optimizers, want 3", len(f.Defaults))
	}
	for name, want := range f.Defaults {
		delete(want, "maximize")
		e, ok := Lookup(name)
		if !ok {
			t.Errorf("%s is not registered", name)
			continue
		}
		var keys, wk []string
		for _, p := range e.Params {
			keys = append(keys, p.Key)
			w, ok := want[p.Key]
			if !ok {
				t.Errorf("%s: key %q is not a reference parameter", name, p.Key)
				continue
			}
			var d float64
			if _, err := fmt.Sscan(p.Default, &d); err != nil || d != w.(float64) {
				t.Errorf("%s: %s default %q, want %v", name, p.Key, p.Default, w)
			}
			if p.Doc == "" {
				t.Errorf("%s: %s has no doc", name, p.Key)
			}
		}
		for k := range want {
			wk = append(wk, k)
		}
		sort.Strings(keys)
		sort.Strings(wk)
		if strings.Join(keys, ",") != strings.Join(wk, ",") {
			t.Errorf("%s: keys %v, want %v", name, keys, wk)
		}
	}
}

// TestExtraPowCorrectlyRounded: powCR(b, α) is b^α correctly rounded on
// ASGD's bases and on random ones, and there equals glibc's pow (Python's
// **, which the trajectories use); glibc differs from the correctly rounded
// value only in a few near-ties of the random bases; math.Pow often.
func TestExtraPowCorrectlyRounded(t *testing.T) {
	f := loadExtra(t)
	if len(f.AsgdPow) < 1000 {
		t.Fatalf("%d powers, want ≥ 1000", len(f.AsgdPow))
	}
	bad, glibcOff, mathPowOff := 0, 0, 0
	for _, p := range f.AsgdPow {
		b, a, exact, glibc, inCases := p[0], p[1], p[2], p[3], p[4] == 1
		if got := powCR(b, a); got != exact || inCases && got != glibc {
			if bad++; bad < 10 {
				t.Errorf("powCR(%.17g, %.17g) = %.17g, want %.17g (glibc %.17g)", b, a, got, exact, glibc)
			}
		}
		if glibc != exact {
			glibcOff++
		}
		if math.Pow(b, a) != exact {
			mathPowOff++
		}
	}
	if glibcOff > len(f.AsgdPow)/100 {
		t.Errorf("glibc's pow differs from the correctly rounded value in %d of %d cases", glibcOff, len(f.AsgdPow))
	}
	t.Logf("%d powers; glibc differs from correct rounding on %d, math.Pow on %d", len(f.AsgdPow), glibcOff, mathPowOff)
}

// TestExtraTorchSign: torchSign agrees with torch.sign on NaN, ±0 and the
// smallest subnormals.
func TestExtraTorchSign(t *testing.T) {
	f := loadExtra(t)
	in := []float64{math.NaN(), math.Copysign(0, -1), 0, 5e-324, -5e-324}
	if len(f.Sign) != len(in) {
		t.Fatalf("sign has %d values, want %d", len(f.Sign), len(in))
	}
	for i, v := range in {
		if got := torchSign(v); got != f.Sign[i] {
			t.Errorf("torchSign(%g) = %g, torch.sign gives %g", v, got, f.Sign[i])
		}
	}
}

var extraSpecs = []string{
	"rprop", "rprop:etaminus=0.3,etaplus=1.5,step_min=0.001,step_max=0.5",
	"asgd:lr=0.001", "asgd:lr=0.001,lambd=0.1,t0=20,weight_decay=0.1",
	"lion", "lion:lr=0.01,weight_decay=0.1",
	"signsgd", "signum", "signum:momentum=0",
}

// TestExtraStepAllocatesNothing, TestExtraInitReuses,
// TestExtraStepPanicsOnLengthMismatch: the registry-wide properties of
// torch_test.go for this file's optimizers.
func TestExtraStepAllocatesNothing(t *testing.T) {
	for _, s := range extraSpecs {
		o := torchNew(t, s)
		x := []float64{-1.2, 1}
		g := make([]float64, 2)
		o.Init(2)
		if a := testing.AllocsPerRun(100, func() { torchRosenbrockGrad(g, x); o.Step(x, g) }); a != 0 {
			t.Errorf("%s: Step allocates %v times", s, a)
		}
	}
}

func TestExtraInitReuses(t *testing.T) {
	for _, s := range extraSpecs {
		o := torchNew(t, s)
		a := torchRun(o, "quad5", false, 30)
		st := o.(Stateful)
		var before []*float64
		for _, v := range st.State().Vectors {
			before = append(before, &v[0])
		}
		b := torchRun(o, "quad5", false, 30)
		if k, ok := torchSame(a, b); !ok {
			t.Errorf("%s: second run after Init differs at step %d", s, k)
		}
		for name, v := range st.State().Vectors {
			found := false
			for _, p := range before {
				found = found || p == &v[0]
			}
			if !found {
				t.Errorf("%s: Init reallocated %s", s, name)
			}
		}
	}
}

func TestExtraStepPanicsOnLengthMismatch(t *testing.T) { checkLengthPanics(t, extraSpecs) }

// TestExtraStateResume: saving the state midway (through JSON), restoring
// it into a fresh optimizer and continuing is bitwise the uninterrupted
// run, including a learning-rate change before the save; the change has an
// effect except for rprop, whose lr is only the initial step size.
func TestExtraStateResume(t *testing.T) {
	for _, s := range extraSpecs {
		for fname, f := range torchFuncs {
			run := func(o Optimizer, x []float64, from, to int) {
				g := make([]float64, len(x))
				for k := from; k < to; k++ {
					if k == 50 {
						o.(LRer).SetLR(o.(LRer).LR() * 0.5)
					}
					f.grad(g, x)
					o.Step(x, g)
				}
			}
			ref := torchNew(t, s)
			xr := append([]float64(nil), f.x0...)
			ref.Init(len(xr))
			run(ref, xr, 0, 100)

			o := torchNew(t, s)
			x := append([]float64(nil), f.x0...)
			o.Init(len(x))
			run(o, x, 0, 60)
			b, err := json.Marshal(o.(Stateful).State())
			if err != nil {
				t.Fatal(err)
			}
			var saved State
			if err := json.Unmarshal(b, &saved); err != nil {
				t.Fatal(err)
			}
			o2 := torchNew(t, s)
			o2.Init(len(x))
			if err := o2.(Stateful).SetState(saved); err != nil {
				t.Fatalf("%s: SetState: %v", s, err)
			}
			run(o2, x, 60, 100)
			if k, ok := torchSame([][]float64{x}, [][]float64{xr}); !ok {
				t.Errorf("%s on %s: resumed run differs from the uninterrupted one (%d): %v, want %v", s, fname, k, x, xr)
			}
			plain := torchRun(torchNew(t, s), fname, false, 100)
			_, same := torchSame(plain[99:], [][]float64{xr})
			if rprop := strings.HasPrefix(s, "rprop"); same != rprop {
				t.Errorf("%s on %s: SetLR at step 50 changed the run: %v, want %v", s, fname, !same, !rprop)
			}
		}
	}
}

func TestExtraSetStateErrors(t *testing.T) {
	for _, c := range []struct {
		o    Optimizer
		st   State
		want string
	}{
		{&Rprop{}, State{Scalars: map[string]float64{"lr": 1}, Vectors: map[string][]float64{"prev": {0, 0}}},
			`optim: rprop: invalid state: missing vector "step_size"`},
		{&ASGD{}, State{Scalars: map[string]float64{"lr": 1, "eta": 1}, Vectors: map[string][]float64{"ax": {0, 0}}},
			`optim: asgd: invalid state: missing scalar "mu"`},
		{&Lion{}, State{Scalars: map[string]float64{"lr": 1}, Vectors: map[string][]float64{"exp_avg": {0}}},
			`optim: lion: invalid state: vector "exp_avg" has length 1, want 2 (the n given to Init)`},
		{&SignSGD{}, State{Scalars: map[string]float64{"lr": 1}, Vectors: map[string][]float64{"m": {0, 0}}},
			`optim: signsgd: invalid state: unexpected vector "m" (want: none)`},
		{&Signum{}, State{Step: -2, Scalars: map[string]float64{"lr": 1}, Vectors: map[string][]float64{"momentum_buffer": {0, 0}}},
			`optim: signum: invalid state: step -2 < 0`},
	} {
		c.o.Init(2)
		if err := c.o.(Stateful).SetState(c.st); err == nil || err.Error() != c.want {
			t.Errorf("%T.SetState error %v, want %q", c.o, err, c.want)
		}
	}
}

func TestExtraInvalidSpecs(t *testing.T) {
	for _, c := range []struct{ spec, want string }{
		{"rprop:lr=-1", `optimizer "rprop": invalid lr -1: must be ≥ 0`},
		{"rprop:etaminus=1", `optimizer "rprop": invalid etaminus 1: must be in (0, 1)`},
		{"rprop:etaminus=0", `optimizer "rprop": invalid etaminus 0: must be in (0, 1)`},
		{"rprop:etaplus=1", `optimizer "rprop": invalid etaplus 1: must be > 1`},
		{"rprop:step_min=-1e-6", `optimizer "rprop": invalid step_min -1e-06: must be ≥ 0`},
		{"rprop:step_max=1e-7", `optimizer "rprop": invalid step_max 1e-07: must be ≥ step_min (1e-06)`},
		{"rprop:etas=0.5", `optimizer "rprop" has no parameter "etas" (valid: lr, etaminus, etaplus, step_min, step_max)`},
		{"asgd:lr=-0.1", `optimizer "asgd": invalid lr -0.1: must be ≥ 0`},
		{"asgd:lambd=-1", `optimizer "asgd": invalid lambd -1: must be ≥ 0`},
		{"asgd:alpha=-0.5", `optimizer "asgd": invalid alpha -0.5: must be ≥ 0`},
		{"asgd:t0=-1", `optimizer "asgd": invalid t0 -1: must be ≥ 0`},
		{"asgd:weight_decay=-0.1", `optimizer "asgd": invalid weight_decay -0.1: must be ≥ 0`},
		{"lion:beta1=1", `optimizer "lion": invalid beta1 1: must be in [0, 1)`},
		{"lion:beta2=-0.1", `optimizer "lion": invalid beta2 -0.1: must be in [0, 1)`},
		{"lion:weight_decay=-1", `optimizer "lion": invalid weight_decay -1: must be ≥ 0`},
		{"lion:lr=-1e-4", `optimizer "lion": invalid lr -0.0001: must be ≥ 0`},
		{"signsgd:lr=-1", `optimizer "signsgd": invalid lr -1: must be ≥ 0`},
		{"signsgd:momentum=0.9", `optimizer "signsgd" has no parameter "momentum" (valid: lr)`},
		{"signum:momentum=1", `optimizer "signum": invalid momentum 1: must be in [0, 1)`},
	} {
		if _, err := New(c.spec); err == nil || err.Error() != c.want {
			t.Errorf("New(%q) error\n got %v\nwant %s", c.spec, err, c.want)
		}
	}
	for _, c := range []struct {
		o    Optimizer
		want string
	}{
		{&Rprop{EtaPlus: 0.9}, "optim: rprop: invalid etaplus 0.9: must be > 1"},
		{&ASGD{Alpha: math.NaN()}, "optim: asgd: invalid alpha NaN: must be finite"},
		{&Lion{Beta1: 1.5}, "optim: lion: invalid beta1 1.5: must be in [0, 1)"},
		{&Signum{Momentum: -0.1}, "optim: signum: invalid momentum -0.1: must be in [0, 1)"},
		{&SignSGD{LearningRate: math.Inf(1)}, "optim: signsgd: invalid lr +Inf: must be finite"},
	} {
		func() {
			defer func() {
				if r := recover(); fmt.Sprint(r) != c.want {
					t.Errorf("%T.Init panic %v, want %q", c.o, r, c.want)
				}
			}()
			c.o.Init(2)
		}()
	}
}

// TestExtraExplicitZero: Zero asks for a literal 0 where the default is not
// 0, the same as key=0 in a specification, and differs from the default.
func TestExtraExplicitZero(t *testing.T) {
	for _, c := range []struct {
		spec, dflt string
		o          Optimizer
	}{
		{"rprop:step_min=0", "rprop", &Rprop{StepMin: Zero}},
		{"asgd:lr=0.001,lambd=0", "asgd:lr=0.001", &ASGD{LearningRate: 0.001, Lambd: Zero}},
		{"lion:lr=0.01,beta1=0", "lion:lr=0.01", &Lion{LearningRate: 0.01, Beta1: Zero}},
		{"signum:momentum=0", "signum", &Signum{Momentum: Zero}},
	} {
		got := torchRun(c.o, "beale", false, 300)
		if k, ok := torchSame(got, torchRun(torchNew(t, c.spec), "beale", false, 300)); !ok {
			t.Errorf("%s: struct with Zero and spec differ at step %d", c.spec, k)
		}
		if _, ok := torchSame(got, torchRun(torchNew(t, c.dflt), "beale", false, 300)); ok {
			t.Errorf("%s: same trajectory as %s; Zero was read as the default", c.spec, c.dflt)
		}
	}
	// t0 = 0 changes only the average.
	avg := func(o *ASGD) []float64 { torchRun(o, "beale", false, 50); return o.Averaged(nil) }
	a0 := avg(&ASGD{LearningRate: 0.001, T0: Zero})
	if _, ok := torchSame([][]float64{a0}, [][]float64{avg(torchNew(t, "asgd:lr=0.001,t0=0").(*ASGD))}); !ok {
		t.Error("asgd: T0: Zero and t0=0 average differently")
	}
	if _, ok := torchSame([][]float64{a0}, [][]float64{avg(torchNew(t, "asgd:lr=0.001").(*ASGD))}); ok {
		t.Error("asgd: T0: Zero averages as the default t0 = 1e6")
	}
	// signum with momentum 0 is signsgd.
	if k, ok := torchSame(torchRun(torchNew(t, "signum:momentum=0"), "rosenbrock", false, 100), torchRun(torchNew(t, "signsgd"), "rosenbrock", false, 100)); !ok {
		t.Errorf("signum:momentum=0 differs from signsgd at step %d", k)
	}
}

// TestExtraStableLR: ASGD's bound is 2/(L+λ+weight_decay); the sign
// methods and Rprop have none.
func TestExtraStableLR(t *testing.T) {
	for _, c := range []struct {
		spec string
		want float64
	}{
		{"asgd", 2 / (20 + 1e-4)}, {"asgd:lambd=0.5,weight_decay=1.5", 2.0 / 22},
		{"rprop", 0}, {"lion", 0}, {"signsgd", 0}, {"signum", 0},
	} {
		a, err := New(c.spec)
		if err != nil {
			t.Fatal(err)
		}
		if b := StableLR(a, 20); b.LR != c.want || b.Rule == "" {
			t.Errorf("%s: StableLR(20) = %+v, want LR %g and a rule", c.spec, b, c.want)
		}
		if _, ok := a.(PerCoordinate); ok {
			t.Errorf("%s is PerCoordinate", c.spec)
		}
		if m := MomentumOf(a); m != 0 {
			t.Errorf("%s: MomentumOf = %g, want 0", c.spec, m)
		}
	}
	// The bound is sharp: ASGD with lambd and weight decay on the 1-D
	// quadratic ½Lx² converges just below it and diverges just above.
	for _, scale := range []float64{0.98, 1.02} {
		o := &ASGD{Lambd: 0.5, WeightDecay: 1.5, T0: 1e9}
		lr := scale * o.StableLR(20).LR
		o.LearningRate = lr
		o.Alpha = Zero // η = lr throughout
		x := []float64{1}
		o.Init(1)
		for range 2000 {
			o.Step(x, []float64{20 * x[0]})
		}
		if conv := math.Abs(x[0]) < 1e-3; conv != (scale < 1) {
			t.Errorf("asgd at %g × the bound: |x| = %g after 2000 steps", scale, math.Abs(x[0]))
		}
	}
}
