package optim

import (
	"encoding/json"
	"fmt"
	"math"
	"strings"
	"testing"
)

// Reference trajectories for sgd_sf and adamw_sf in
// testdata/torch/schedulefree.json, from testdata/torch/gen_schedulefree.py:
// the authors' SGDScheduleFree and AdamWScheduleFree classes
// (facebookresearch/schedule_free, commit 70785b53) run by torch 1.13 in
// float64 on gen_optim.py's quad5, rosenbrock and beale. Each case records
// after every step the parameter y (the caller's vector here) and the
// evaluation point x that the reference's eval() computes.

type sfCase struct {
	Spec string      `json:"spec"`
	Func string      `json:"func"`
	X0   []float64   `json:"x0"`
	Traj [][]float64 `json:"traj"`
	Eval [][]float64 `json:"eval"`
}

type sfFile struct {
	TorchVersion string                    `json:"torch_version"`
	Steps        int                       `json:"steps"`
	Commit       string                    `json:"commit"`
	Defaults     map[string]map[string]any `json:"defaults"`
	Cases        []sfCase                  `json:"cases"`
}

func loadScheduleFree(t testing.TB) sfFile {
	t.Helper()
	var f sfFile
	readTorchJSON(t, "schedulefree.json", &f)
	if len(f.Cases) == 0 || f.Steps != 50 {
		t.Fatalf("schedulefree.json: %d cases of %d steps, want 50 steps", len(f.Cases), f.Steps)
	}
	return f
}

// The zero values join torchZeroValues, so that the registry-wide tests of
// torch_test.go (TestTorchInterfaces, TestTorchZeroValueIsDefault) cover them.
func init() {
	torchZeroValues = append(torchZeroValues, sfZeroValues...)
}

var sfZeroValues = []struct {
	name            string
	zero, explicitV func() Optimizer
	lr              float64
}{
	{"sgd_sf", func() Optimizer { return &SGDScheduleFree{} }, func() Optimizer {
		return &SGDScheduleFree{LearningRate: 1, Momentum: 0.9, WeightLRPower: 2}
	}, 1},
	{"adamw_sf", func() Optimizer { return &AdamWScheduleFree{} }, func() Optimizer {
		return &AdamWScheduleFree{LearningRate: 0.0025, Beta1: 0.9, Beta2: 0.999, Eps: 1e-8, WeightLRPower: 2}
	}, 0.0025},
}

type sfEvaler interface {
	Optimizer
	Eval(dst []float64) []float64
}

// sfRun runs spec on the named function and returns y and Eval after every
// step.
func sfRun(t testing.TB, o Optimizer, fname string, steps int) (ys, xs [][]float64) {
	t.Helper()
	f := torchFuncs[fname]
	y := append([]float64(nil), f.x0...)
	g := make([]float64, len(y))
	o.Init(len(y))
	e := o.(sfEvaler)
	if e.Eval(nil) != nil {
		t.Fatalf("%T: Eval before the first step is not nil", o)
	}
	x := make([]float64, len(y))
	for range steps {
		f.grad(g, y)
		o.Step(y, g)
		ys = append(ys, append([]float64(nil), y...))
		xs = append(xs, append([]float64(nil), e.Eval(x)...))
	}
	return ys, xs
}

func TestScheduleFreeReference(t *testing.T) {
	f := loadScheduleFree(t)
	var worst float64
	exact, seen := 0, map[string]int{}
	for _, c := range f.Cases {
		name, _, _ := strings.Cut(c.Spec, ":")
		seen[name]++
		if strings.Contains(c.Spec, "inner_momentum") {
			seen["inner"]++
		}
		if fmt.Sprint(torchFuncs[c.Func].x0) != fmt.Sprint(c.X0) {
			t.Fatalf("%s: x0 = %v in the JSON, %v here", c.Func, c.X0, torchFuncs[c.Func].x0)
		}
		ys, xs := sfRun(t, torchNew(t, c.Spec), c.Func, f.Steps)
		bitwise := true
		for _, p := range []struct {
			what      string
			got, want [][]float64
		}{{"y", ys, c.Traj}, {"x (Eval)", xs, c.Eval}} {
			if len(p.want) != f.Steps {
				t.Fatalf("%s on %s: %d steps of %s in the JSON", c.Spec, c.Func, len(p.want), p.what)
			}
			for k, want := range p.want {
				for i, w := range want {
					gi := p.got[k][i]
					if gi != w {
						bitwise = false
					}
					d := math.Abs(gi-w) / math.Max(math.Abs(w), 1e-300)
					worst = math.Max(worst, d)
					if !(d <= 1e-12) {
						t.Fatalf("%s on %s: step %d, %s[%d] = %.17g, want %.17g (rel diff %.2g)", c.Spec, c.Func, k+1, p.what, i, gi, w, d)
					}
				}
			}
		}
		if bitwise {
			exact++
		} else if !strings.Contains(c.Spec, "momentum=0.5") {
			// Only x with β ≤ 2/3 may differ: there 1 − 1/β ≤ −0.5, where
			// torch 1.13's lerp rounds differently from 2.x's (and ours).
			t.Errorf("%s on %s: not bitwise identical to the reference", c.Spec, c.Func)
		}
	}
	if seen["sgd_sf"] < 9 || seen["adamw_sf"] < 12 || seen["inner"] < 3 {
		t.Errorf("cases per method: %v, want ≥ 9 sgd_sf, ≥ 12 adamw_sf, ≥ 3 with inner momentum", seen)
	}
	t.Logf("%d cases (torch %s, schedule_free %s), %d bitwise identical, largest relative difference %.2g",
		len(f.Cases), f.TorchVersion, f.Commit[:8], exact, worst)
}

// TestScheduleFreeRegistryDefaults: the registry lists the reference
// constructors' defaults (gen_schedulefree.py's DEFAULTS, betas split into
// beta1 and beta2), and nothing else.
func TestScheduleFreeRegistryDefaults(t *testing.T) {
	f := loadScheduleFree(t)
	for _, name := range []string{"sgd_sf", "adamw_sf"} {
		want := f.Defaults[name]
		e, ok := Lookup(name)
		if !ok {
			t.Fatalf("%s is not registered", name)
		}
		if len(e.Params) != len(want) {
			t.Errorf("%s: %d keys, the reference has %d", name, len(e.Params), len(want))
		}
		for _, p := range e.Params {
			w, ok := want[p.Key].(float64)
			var d float64
			if _, err := fmt.Sscan(p.Default, &d); !ok || err != nil || d != w {
				t.Errorf("%s: %s default %q, reference %v", name, p.Key, p.Default, want[p.Key])
			}
			if p.Doc == "" {
				t.Errorf("%s: %s has no doc", name, p.Key)
			}
		}
	}
}

// TestScheduleFreeFirstSteps: by hand. Step 1 has weight lr², sum lr², so
// c₁ = 1 and y = z = x = x₀ − lr·g (AdamW: x₀ − lr·g/(|g|+ε)). Step 2 has
// c₂ = ½: z₂ = z₁ − lr·g₂, x₂ = (x₁ + z₂)/2, y₂ = (1−β)z₂ + βx₂.
func TestScheduleFreeFirstSteps(t *testing.T) {
	near := func(got, want float64) bool { return math.Abs(got-want) <= 1e-15*math.Max(1, math.Abs(want)) }
	// f(y) = ½·4·y² in 1-D from y = 1: g₁ = 4.
	for _, c := range []struct {
		o        sfEvaler
		lr, beta float64
		norm     func(g float64, t int, v *float64) float64 // the step direction
	}{
		{&SGDScheduleFree{LearningRate: 0.1}, 0.1, 0.9, func(g float64, _ int, _ *float64) float64 { return g }},
		{&SGDScheduleFree{LearningRate: 0.05, Momentum: 0.5}, 0.05, 0.5, func(g float64, _ int, _ *float64) float64 { return g }},
		{&AdamWScheduleFree{LearningRate: 0.1}, 0.1, 0.9, func(g float64, t int, v *float64) float64 {
			*v = 0.999**v + 0.001*g*g
			return g / (math.Sqrt(*v/(1-math.Pow(0.999, float64(t)))) + 1e-8)
		}},
	} {
		c.o.Init(1)
		y := []float64{1}
		var v float64
		// Step 1.
		g1 := 4 * y[0]
		z1 := 1 - c.lr*c.norm(g1, 1, &v)
		c.o.Step(y, []float64{g1})
		x := c.o.Eval(nil)
		if !near(y[0], z1) || !near(x[0], z1) {
			t.Errorf("%T step 1: y = %.17g, x = %.17g, want both %.17g", c.o, y[0], x[0], z1)
		}
		// Step 2: the gradient at y₁ = z₁.
		g2 := 4 * y[0]
		z2 := z1 - c.lr*c.norm(g2, 2, &v)
		x2 := 0.5*z1 + 0.5*z2
		y2 := (1-c.beta)*z2 + c.beta*x2
		c.o.Step(y, []float64{g2})
		c.o.Eval(x)
		if !near(y[0], y2) || !near(x[0], x2) {
			t.Errorf("%T step 2: y = %.17g, x = %.17g, want %.17g, %.17g", c.o, y[0], x[0], y2, x2)
		}
	}
}

// TestScheduleFreeTheoryForm: the in-place update of the reference (y ←
// lerp(y, z, c) + γ(β(1−c)−1)g, x = lerp(y, z, 1−1/β)) equals the paper's
// three sequences (Defazio et al. 2024, eq. (1)–(3) with warmup, tʳ and
// max-γ weights), computed here from their definitions, within rounding.
func TestScheduleFreeTheoryForm(t *testing.T) {
	const lr, beta, wd, r, p, warm = 0.004, 0.8, 0.05, 1.0, 1.5, 7
	o := &SGDScheduleFree{LearningRate: lr, Momentum: beta, WeightDecay: wd, R: r, WeightLRPower: p, WarmupSteps: warm}
	fname := "quad5"
	f := torchFuncs[fname]
	n := len(f.x0)
	y := append([]float64(nil), f.x0...)
	z := append([]float64(nil), f.x0...)
	x := append([]float64(nil), f.x0...)
	yy := append([]float64(nil), f.x0...)
	g := make([]float64, n)
	o.Init(n)
	var sum, gmax float64
	for t1 := 1; t1 <= 40; t1++ {
		gamma := lr * math.Min(1, float64(t1)/warm)
		gmax = math.Max(gmax, gamma)
		w := math.Pow(float64(t1), r) * math.Pow(gmax, p)
		sum += w
		c := w / sum
		f.grad(g, yy)
		for i := range n {
			gi := g[i] + wd*yy[i]
			z[i] -= gamma * gi
			x[i] = (1-c)*x[i] + c*z[i]
			yy[i] = (1-beta)*z[i] + beta*x[i]
		}
		f.grad(g, y)
		o.Step(y, g)
		ev := o.Eval(nil)
		for i := range n {
			if math.Abs(y[i]-yy[i]) > 1e-13 || math.Abs(ev[i]-x[i]) > 1e-13 {
				t.Fatalf("step %d: y[%d] = %.17g, x[%d] = %.17g; the paper's form gives %.17g, %.17g", t1, i, y[i], i, ev[i], yy[i], x[i])
			}
		}
	}
}

func sfSpecs() []string {
	return []string{"sgd_sf:lr=0.001", "sgd_sf:lr=0.001,weight_decay=0.1,warmup_steps=5,r=1", "adamw_sf",
		"adamw_sf:weight_decay=0.1,warmup_steps=5,r=0.5,weight_lr_power=1", "adamw_sf:inner_momentum=0.9"}
}

func TestScheduleFreeStepAllocatesNothing(t *testing.T) {
	for _, s := range sfSpecs() {
		o := torchNew(t, s)
		x := []float64{-1.2, 1}
		g := make([]float64, 2)
		dst := make([]float64, 2)
		o.Init(2)
		allocs := testing.AllocsPerRun(100, func() {
			torchRosenbrockGrad(g, x)
			o.Step(x, g)
			o.(sfEvaler).Eval(dst)
		})
		if allocs != 0 {
			t.Errorf("%s: Step allocates %v times", s, allocs)
		}
	}
}

func TestScheduleFreeInitReusesAndResumes(t *testing.T) {
	for _, s := range sfSpecs() {
		o := torchNew(t, s)
		a, _ := sfRun(t, o, "beale", 30)
		before := map[string]*float64{}
		for k, v := range o.(Stateful).State().Vectors {
			before[k] = &v[0]
		}
		b, _ := sfRun(t, o, "beale", 30)
		if k, ok := torchSame(a, b); !ok {
			t.Errorf("%s: second run after Init differs at step %d", s, k)
		}
		for k, v := range o.(Stateful).State().Vectors {
			if before[k] != &v[0] {
				t.Errorf("%s: Init reallocated %s", s, k)
			}
		}

		// Save after 20 steps (through JSON), restore, continue: bitwise
		// the uninterrupted run, y and Eval.
		f := torchFuncs["beale"]
		wantY, wantX := sfRun(t, torchNew(t, s), "beale", 40)
		y := append([]float64(nil), f.x0...)
		g := make([]float64, 2)
		o.Init(2)
		for range 20 {
			f.grad(g, y)
			o.Step(y, g)
		}
		js, err := json.Marshal(o.(Stateful).State())
		if err != nil {
			t.Fatal(err)
		}
		var st State
		if err := json.Unmarshal(js, &st); err != nil {
			t.Fatal(err)
		}
		o2 := torchNew(t, s)
		o2.Init(2)
		if err := o2.(Stateful).SetState(st); err != nil {
			t.Fatalf("%s: SetState: %v", s, err)
		}
		if k, ok := torchSame([][]float64{o2.(sfEvaler).Eval(nil)}, wantX[19:20]); !ok {
			t.Errorf("%s: Eval after SetState differs (%d)", s, k)
		}
		for range 20 {
			f.grad(g, y)
			o2.Step(y, g)
		}
		if k, ok := torchSame([][]float64{y, o2.(sfEvaler).Eval(nil)}, [][]float64{wantY[39], wantX[39]}); !ok {
			t.Errorf("%s: resumed run differs from the uninterrupted one (%d)", s, k)
		}
	}
	// A state of the wrong kind is refused.
	o := &AdamWScheduleFree{}
	o.Init(2)
	err := o.SetState(State{Scalars: map[string]float64{"lr": 1, "weight_sum": 0, "lr_max": -1},
		Vectors: map[string][]float64{"z": {0, 0}, "x": {0, 0}}})
	if err == nil || err.Error() != `optim: adamw_sf: invalid state: missing vector "exp_avg_sq"` {
		t.Errorf("SetState error %v", err)
	}
}

func TestScheduleFreeInvalidSpecs(t *testing.T) {
	for _, c := range []struct{ spec, want string }{
		{"sgd_sf:lr=-1", `optimizer "sgd_sf": invalid lr -1: must be ≥ 0`},
		{"sgd_sf:momentum=0", `optimizer "sgd_sf": invalid momentum 0: must be in (0, 1)`},
		{"sgd_sf:momentum=1", `optimizer "sgd_sf": invalid momentum 1: must be in (0, 1)`},
		{"sgd_sf:weight_decay=-0.1", `optimizer "sgd_sf": invalid weight_decay -0.1: must be ≥ 0`},
		{"sgd_sf:warmup_steps=-3", `optimizer "sgd_sf": invalid warmup_steps -3: must be ≥ 0`},
		{"sgd_sf:r=-1", `optimizer "sgd_sf": invalid r -1: must be ≥ 0`},
		{"sgd_sf:weight_lr_power=-2", `optimizer "sgd_sf": invalid weight_lr_power -2: must be ≥ 0`},
		{"adamw_sf:beta1=0", `optimizer "adamw_sf": invalid beta1 0: must be in (0, 1)`},
		{"adamw_sf:beta2=1", `optimizer "adamw_sf": invalid beta2 1: must be in [0, 1)`},
		{"adamw_sf:eps=-1", `optimizer "adamw_sf": invalid eps -1: must be ≥ 0`},
		{"adamw_sf:inner_momentum=1", `optimizer "adamw_sf": invalid inner_momentum 1: must be in [0, 1)`},
		{"adamw_sf:momentum=0.9", `optimizer "adamw_sf" has no parameter "momentum" (valid: lr, beta1, beta2, eps, weight_decay, warmup_steps, r, weight_lr_power, inner_momentum)`},
	} {
		if _, err := New(c.spec); err == nil || err.Error() != c.want {
			t.Errorf("New(%q) error\n got %v\nwant %s", c.spec, err, c.want)
		}
	}
	func() {
		defer func() {
			if r := recover(); fmt.Sprint(r) != "optim: adamw_sf: invalid beta1 1: must be in (0, 1)" {
				t.Errorf("Init panic %v", r)
			}
		}()
		(&AdamWScheduleFree{Beta1: 1}).Init(2)
	}()
	func() {
		defer func() {
			if r := recover(); fmt.Sprint(r) != "optim: sgd_sf.Step: len(x)=3, len(g)=3, want 2 (the n given to Init)" {
				t.Errorf("Step panic %v", r)
			}
		}()
		o := &SGDScheduleFree{}
		o.Init(2)
		o.Step(make([]float64, 3), make([]float64, 3))
	}()
}

// TestScheduleFreeExplicitZero: weight_lr_power=0 (Zero) is a literal 0,
// equal weights, not the default 2; with warmup the two differ.
func TestScheduleFreeExplicitZero(t *testing.T) {
	a, _ := sfRun(t, torchNew(t, "sgd_sf:lr=0.001,warmup_steps=10,weight_lr_power=0"), "beale", 20)
	b, _ := sfRun(t, &SGDScheduleFree{LearningRate: 0.001, WarmupSteps: 10, WeightLRPower: Zero}, "beale", 20)
	c, _ := sfRun(t, &SGDScheduleFree{LearningRate: 0.001, WarmupSteps: 10}, "beale", 20)
	if k, ok := torchSame(a, b); !ok {
		t.Errorf("spec and struct with Zero differ at step %d", k)
	}
	if _, ok := torchSame(a, c); ok {
		t.Errorf("weight_lr_power=0 gives the default's trajectory")
	}
}

// TestScheduleFreeEffectiveLR: before a step lr; after one step from g,
// v̂ = g², so lr/(|g|+ε).
func TestScheduleFreeEffectiveLR(t *testing.T) {
	o := &AdamWScheduleFree{LearningRate: 0.1}
	o.Init(2)
	if e := o.EffectiveLR(nil); e[0] != 0.1 || e[1] != 0.1 {
		t.Errorf("before a step: %v", e)
	}
	o.Step([]float64{0, 0}, []float64{2, -0.5})
	e := o.EffectiveLR(nil)
	for i, g := range []float64{2, 0.5} {
		if w := 0.1 / (g + 1e-8); math.Abs(e[i]-w) > 1e-15 {
			t.Errorf("EffectiveLR[%d] = %.17g, want %.17g", i, e[i], w)
		}
	}
}
