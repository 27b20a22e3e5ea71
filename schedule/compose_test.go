package schedule

import (
	"errors"
	"math"
	"strings"
	"testing"

	"github.com/descentgo/descent/expr"
	"github.com/descentgo/descent/spec"
)

// TestLambdaClosedForms checks lambda against formulas written in Go.
func TestLambdaClosedForms(t *testing.T) {
	for _, c := range []struct {
		spec string
		g    func(t float64) float64
	}{
		{"lambda:expr=0.95^t", func(t float64) float64 { return math.Pow(0.95, t) }},
		{"lambda:expr=min(1, (t+1)/10)", func(t float64) float64 { return math.Min(1, (t+1)/10) }},
		{"lambda:expr=1/(1+0.01*t)", func(t float64) float64 { return 1 / (1 + 0.01*t) }},
		{"lambda:expr=0.5*(1+cos(pi*t/100))", func(t float64) float64 { return 0.5 * (1 + math.Cos(math.Pi*t/100)) }},
		{"lambda:expr=exp(-t/50) + 0.1", func(t float64) float64 { return math.Exp(-t/50) + 0.1 }},
		{"lambda:expr=2", func(float64) float64 { return 2 }},
	} {
		s, err := New(c.spec, 0.3)
		if err != nil {
			t.Fatalf("%s: %v", c.spec, err)
		}
		for i := 0; i < 200; i++ {
			if got, want := s.LR(), 0.3*c.g(float64(i)); relDiff(got, want) > 1e-14 {
				t.Fatalf("%s, step %d: lr %.17g, want %.17g", c.spec, i, got, want)
			}
			s.Step(math.NaN())
		}
	}
	// The Go value compiles its formula in Init and recompiles a changed one.
	l := &Lambda{Expr: "t"}
	l.Init(1)
	l.Step(0)
	l.Step(0)
	if l.LR() != 2 {
		t.Errorf("Lambda{t} at step 2: %g", l.LR())
	}
	l.Expr = "10*t"
	l.Init(1)
	l.Step(0)
	if l.LR() != 10 {
		t.Errorf("Lambda{10*t} at step 1: %g", l.LR())
	}
}

func TestComposeErrors(t *testing.T) {
	for _, c := range []struct{ spec, want string }{
		{"lambda", `schedule "lambda": missing required expr (formula g(t) of the step t ≥ 0, e.g. 0.95^t or min(1, (t+1)/10))`},
		{"lambda:expr=x*2", `schedule "lambda": expr=x*2: expr:1:1: unknown variable "x" (vars: t)`},
		{"lambda:expr=sin(t", `schedule "lambda": expr=sin(t: expr:1:6: missing ")" to match "(" at 1:4`},
		{"lambda:expr=2*t)", `schedule "lambda": expr=2*t): expr:1:4: unmatched ")"`},
		{"lambda:expr=1-t/10", `schedule "lambda": expr=1-t/10: g(11) = -0.10000000000000009: the factor must be finite and ≥ 0`},
		{"lambda:expr=1/t", `schedule "lambda": expr=1/t: g(0) = +Inf: the factor must be finite and ≥ 0`},
		{"lambda:expr=log(t-5)", `schedule "lambda": expr=log(t-5): g(0) = NaN: the factor must be finite and ≥ 0`},
		{"sequential:milestones=5", `schedule "sequential": missing required schedulers (specifications separated by |, with ; for , inside each (e.g. linear:start_factor=0.1;total_iters=5|cosine))`},
		{"sequential:schedulers=linear|cosine:t_max=5", `schedule "sequential": missing required milestones (steps at which the next schedule starts, one fewer than the schedules (e.g. 5))`},
		{"sequential:schedulers=linear|cosine:t_max=5,milestones=5;6", `schedule "sequential": milestones=5;6 has 2 values; 2 schedulers need 1`},
		{"sequential:schedulers=linear|cosine:t_max=5,milestones=0", `schedule "sequential": invalid milestone 0: must be ≥ 1`},
		{"sequential:schedulers=linear|exponential:gamma=0.9|constant,milestones=6;6", `schedule "sequential": milestones 6;6 are not strictly increasing`},
		{"sequential:schedulers=linear|plateau,milestones=5", `schedule "sequential": schedulers[1]: plateau steps on a metric once per epoch and cannot be composed`},
		{"sequential:schedulers=linear||cosine,milestones=5;6", `schedule "sequential": schedulers[1] is empty in "linear||cosine": write SPEC|SPEC, with ; for , inside each`},
		{"sequential:schedulers=linear|cosine,milestones=5", `schedule "sequential": schedulers[1]: schedule "cosine": missing required t_max (half period T_max in steps)`},
		{"sequential:schedulers=linear|chained:schedulers=constant,milestones=5", `schedule "sequential": schedulers[1]: chained cannot be nested`},
		{"sequential:schedulers=linear|cosine:tmax=3,milestones=5", `schedule "sequential": schedulers[1]: schedule "cosine" has no parameter "tmax" (valid: t_max, eta_min)`},
		{"sequential:schedulers=linear|:x,milestones=5", `schedule "sequential": schedulers[1]: ":x": missing name before ':' (write SPEC|SPEC, with ; for , inside each)`},
		{"chained:schedulers=constant|cosine:t_max=5", `schedule "chained": schedulers[1]: cosine does not multiply the rate by a factor, so chaining it is not a product (PyTorch's result would depend on the order); chain constant, step, multistep, exponential, linear or polynomial, or use sequential`},
		{"chained:schedulers=exponential:gamma=0", `schedule "chained": schedulers[0]: schedule "exponential": invalid gamma 0: must be > 0`},
		{"onecycle:max_lr=1,total_steps=10,base_momentum=0.99", `schedule "onecycle": base_momentum 0.99 > max_momentum 0.95: the momentum would cycle the wrong way (swap them)`},
		{"onecycle:max_lr=1,total_steps=10,max_momentum=1", `schedule "onecycle": invalid max_momentum 1: must be in [0, 1)`},
		{"cyclic:max_lr=1,base_momentum=-0.1", `schedule "cyclic": invalid base_momentum -0.1: must be in [0, 1)`},
		{"cyclic:max_lr=1,max_momentum=0.75", `schedule "cyclic": base_momentum 0.8 > max_momentum 0.75: the momentum would cycle the wrong way (swap them)`},
		{"constant:factor=0.5", `schedule "constant": factor 0.5 with total_iters 0 never applies: give total_iters ≥ 1`},
		{"constant:factor=2,total_iters=3", `schedule "constant": invalid factor 2: must be in [0, 1]`},
		{"constant:factor=0.5,total_iters=-1", `schedule "constant": invalid total_iters -1: must be ≥ 0`},
	} {
		_, err := New(c.spec, 0.1)
		got := "<nil>"
		if err != nil {
			got = err.Error()
		}
		if got != c.want {
			t.Errorf("New(%q):\n got %s\nwant %s", c.spec, got, c.want)
		}
	}
}

// TestSequentialClosedForm checks linear warmup + cosine against the closed
// forms, and that the last schedule's horizon defaults to the rest of the
// run.
func TestSequentialClosedForm(t *testing.T) {
	sp := spec.MustParse("sequential:schedulers=linear:start_factor=0.1;total_iters=5|cosine,milestones=5")
	s, err := NewSpec(sp, Context{BaseLR: 0.2, Steps: 105})
	if err != nil {
		t.Fatal(err)
	}
	if tm := s.(*Sequential).Schedules[1].(*Cosine).TMax; tm != 100 {
		t.Fatalf("cosine t_max = %d, want 105−5", tm)
	}
	for i := 0; i < 105; i++ {
		var want float64
		if i < 5 {
			want = 0.2 * (0.1 + 0.9*float64(i)/5) // LinearLR: start_factor + (1−start_factor)·t/T
		} else {
			want = 0.2 * (1 + math.Cos(math.Pi*float64(i-5)/100)) / 2
		}
		if got := s.LR(); math.Abs(got-want) > 1e-15 {
			t.Fatalf("step %d: lr %.17g, want %.17g", i, got, want)
		}
		s.Step(0)
	}
	// Without a known length the last horizon is required.
	if _, err := NewSpec(sp, Context{BaseLR: 0.2}); err == nil {
		t.Error("sequential ending in cosine without t_max or Steps: no error")
	}
}

// TestChainedClosedForm checks ConstantLR·ExponentialLR against lr·f·γ^t.
func TestChainedClosedForm(t *testing.T) {
	s, err := New("chained:schedulers=constant:factor=0.5;total_iters=10|exponential:gamma=0.98", 0.1)
	if err != nil {
		t.Fatal(err)
	}
	for i := 0; i < 100; i++ {
		want := 0.1 * math.Pow(0.98, float64(i))
		if i < 10 {
			want *= 0.5
		}
		if got := s.LR(); relDiff(got, want) > 1e-13 {
			t.Fatalf("step %d: lr %.17g, want %.17g", i, got, want)
		}
		s.Step(0)
	}
	z, _ := New("chained:schedulers=exponential:gamma=0.5|step:step_size=2", 0)
	z.Step(0)
	if z.LR() != 0 {
		t.Errorf("chained from base 0: lr %g", z.LR())
	}
}

// refuser is an optimizer with a momentum that may refuse a cycled one.
type refuser struct {
	fakeOpt
	why error
}

func (r *refuser) RefuseMomentum() error { return r.why }

// TestMomentumClosedForm: with triangular cycling, momentum and rate are
// affine images of the same f, so (max_m − m)/(max_m − base_m) =
// (lr − base_lr)/(max_lr − base_lr) at every step; onecycle starts at
// max_momentum and is at base_momentum at the peak.
func TestMomentumClosedForm(t *testing.T) {
	s, err := New("cyclic:base_lr=0.01,max_lr=0.11,step_size_up=7,step_size_down=13", 0.05)
	if err != nil {
		t.Fatal(err)
	}
	for i := 0; i < 100; i++ {
		m, ok := MomentumOf(s)
		if !ok {
			t.Fatal("cyclic does not cycle the momentum by default")
		}
		if a, b := (0.9-m)/(0.9-0.8), (s.LR()-0.01)/(0.11-0.01); math.Abs(a-b) > 1e-12 {
			t.Fatalf("step %d: momentum fraction %g, rate fraction %g", i, a, b)
		}
		s.Step(0)
	}
	o, _ := New("onecycle:max_lr=1,total_steps=100", 0.1)
	if m, _ := MomentumOf(o); m != 0.95 {
		t.Errorf("onecycle momentum at step 0 = %g, want 0.95", m)
	}
	for range 29 { // peak at p·N−1 = 29
		o.Step(0)
	}
	if m, _ := MomentumOf(o); m != 0.85 || o.LR() != 1 {
		t.Errorf("onecycle at the peak: momentum %g, lr %g, want 0.85, 1", m, o.LR())
	}
	for _, sp := range []string{"onecycle:max_lr=1,total_steps=100,cycle_momentum=false", "cyclic:max_lr=1,cycle_momentum=false", "cosine:t_max=5"} {
		s, _ := New(sp, 0.1)
		if _, ok := MomentumOf(s); ok {
			t.Errorf("%s sets the momentum", sp)
		}
		if err := ApplyMomentum(s, struct{}{}); err != nil {
			t.Errorf("ApplyMomentum(%s, no setter) = %v", sp, err)
		}
	}
	err = ApplyMomentum(o, struct{}{})
	want := `schedule "onecycle" cycles the momentum but the optimizer struct {} has no momentum or β1 to set: give the schedule cycle_momentum=false or use an optimizer with momentum (sgd, rmsprop, signum, adam, adamw, adamax, nadam, radam, sparse_adam, lion, dadapt_sgd, dadapt_adam, prodigy, mechanic with one of these as base)`
	if err == nil || err.Error() != want {
		t.Errorf("ApplyMomentum without a setter: %v, want %s", err, want)
	}
	// A MomentumRefuser that refuses is not set, and its reason is given;
	// one that accepts is set.
	r := &refuser{fakeOpt: fakeOpt{m: -1}, why: errors.New("the optimizer x takes no cycled momentum: why")}
	err = ApplyMomentum(o, r)
	want = `schedule "onecycle" cycles the momentum but the optimizer x takes no cycled momentum: why: give the schedule cycle_momentum=false or use an optimizer with momentum (sgd, rmsprop, signum, adam, adamw, adamax, nadam, radam, sparse_adam, lion, dadapt_sgd, dadapt_adam, prodigy, mechanic with one of these as base)`
	if err == nil || err.Error() != want || r.m != -1 {
		t.Errorf("ApplyMomentum with a refuser: %v (momentum %g), want %s", err, r.m, want)
	}
	r.why = nil
	if err := ApplyMomentum(o, r); err != nil || r.m != 0.85 {
		t.Errorf("ApplyMomentum with a refuser that accepts: %v, momentum %g, want 0.85", err, r.m)
	}
	// A warmup keeps the inner schedule's step-0 momentum, then follows it.
	w := WithWarmup(&OneCycle{MaxLR: 1, TotalSteps: 50}, 5)
	w.Init(0.1)
	ref := &OneCycle{MaxLR: 1, TotalSteps: 50}
	ref.Init(0.1)
	for i := 0; i < 20; i++ {
		m, ok := MomentumOf(w)
		if want, _ := MomentumOf(ref); !ok || m != want {
			t.Errorf("warmup step %d: momentum %g, %v; want %g", i, m, ok, want)
		}
		if i >= 5 {
			ref.Step(0)
		}
		w.Step(0)
	}
}

// FuzzLambdaExpr: any formula either is rejected with an error about the
// key (an expr error carrying a position, or a step with a bad factor) or
// gives finite rates lr·g(t) ≥ 0 over the checked steps; nothing panics.
func FuzzLambdaExpr(f *testing.F) {
	for _, s := range []string{"0.95^t", "min(1, (t+1)/10)", "1/(1+0.01*t)", "0.5*(1+cos(pi*t/100))", "1-t/10",
		"x", "1/t", "sin(t", "2*t)", "t^t", "exp(t)", "sqrt(t-3)", "", " ", "max(0, 1-t/30)", "1e999", "t#"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, src string) {
		const steps = 40
		sp := spec.Spec{Name: "lambda", Params: []spec.Param{{Key: "expr", Value: src}}}
		s, err := NewSpec(sp, Context{BaseLR: 0.5, Steps: steps})
		if err != nil {
			if !strings.HasPrefix(err.Error(), `schedule "lambda": expr=`) {
				t.Fatalf("%q: error %q does not name the key", src, err)
			}
			if _, cerr := expr.Compile(src, []string{"t"}); cerr != nil {
				var e *expr.Error
				if !errors.As(cerr, &e) || !strings.Contains(err.Error(), e.Error()) {
					t.Fatalf("%q: error %q does not carry the formula's error %v", src, err, cerr)
				}
			} else if !strings.Contains(err.Error(), "the factor must be finite and ≥ 0") {
				t.Fatalf("%q compiles but gave %q", src, err)
			}
			return
		}
		p := expr.MustCompile(src, []string{"t"})
		for i := 0; i < steps; i++ {
			lr := s.LR()
			want := 0.5 * p.Value([]float64{float64(i)})
			if math.IsNaN(lr) || math.IsInf(lr, 0) || lr < 0 || math.Float64bits(lr) != math.Float64bits(want) {
				t.Fatalf("%q step %d: lr %g, want finite 0.5·g = %g", src, i, lr, want)
			}
			s.Step(0)
		}
	})
}

// FuzzComposeSpecs feeds arbitrary schedulers values (and milestones) to
// sequential and chained: each is rejected with an error naming the
// schedule, or gives finite rates ≥ 0 that survive a State round trip.
func FuzzComposeSpecs(f *testing.F) {
	for _, s := range []string{
		"linear:start_factor=0.1;total_iters=5|cosine:t_max=95", "constant:factor=0.5;total_iters=10|exponential:gamma=0.98",
		"linear|onecycle:max_lr=1;total_steps=50", "cyclic:base_lr=0.01;max_lr=0.1;step_size_up=10|exponential:gamma=0.99",
		"multistep:milestones=3;8;gamma=0.5|step:step_size=4", "lambda:expr=min(1;(t+1)/4)|constant", "|", "a||b", ":x", "plateau",
		"sequential:schedulers=constant", "cosine", "linear:start_factor=0", "lambda:expr=1-t", "x:y=1|z",
	} {
		f.Add(s, "5")
	}
	f.Add("constant|constant|constant", "3;9")
	f.Add("constant|constant", "0")
	f.Add("constant|constant", "x")
	f.Fuzz(func(t *testing.T, list, milestones string) {
		for _, name := range []string{"sequential", "chained"} {
			sp := spec.Spec{Name: name, Params: []spec.Param{{Key: "schedulers", Value: list}}}
			if name == "sequential" {
				sp.Params = append(sp.Params, spec.Param{Key: "milestones", Value: milestones})
			}
			s, err := NewSpec(sp, Context{BaseLR: 0.1, Steps: 30})
			if err != nil {
				if !strings.HasPrefix(err.Error(), `schedule "`+name+`"`) {
					t.Fatalf("%s %q %q: error %q does not name the schedule", name, list, milestones, err)
				}
				continue
			}
			for i := 0; i < 30; i++ {
				if lr := s.LR(); !(lr >= 0) || math.IsInf(lr, 0) {
					t.Fatalf("%s %q %q step %d: lr %g", name, list, milestones, i, lr)
				}
				if m, ok := MomentumOf(s); ok && !(m >= 0 && m < 1) {
					t.Fatalf("%s %q step %d: momentum %g", name, list, i, m)
				}
				if i == 17 {
					st := s.(Stateful).State()
					lr := s.LR()
					s.Init(0.1)
					if err := s.(Stateful).SetState(st); err != nil || s.LR() != lr {
						t.Fatalf("%s %q: SetState(State()) = %v, lr %g → %g", name, list, err, lr, s.LR())
					}
				}
				s.Step(0)
			}
		}
	})
}

// TestLambdaLongRun: a lambda schedule over a very long run is built
// without evaluating every step (before the fix, 5.6·10⁸ steps took
// minutes: the fuzzer's hang, testdata/fuzz/FuzzComposeSpecs/699e6ce99f146530);
// its factor is checked step by step up to lambdaCheckMax, then at
// doubling steps and the last, so a factor that turns negative late is
// still refused.
func TestLambdaLongRun(t *testing.T) {
	for _, c := range []struct {
		expr  string
		steps int
		ok    bool
	}{
		{"min(0,0)", 555555570, true},
		{"0.5^(t/1000000)", 100000000, true},
		{"3000000-t", 5000000, false},       // negative from step 3·10⁶: caught at 2²²
		{"1000000000-t", 1000000002, false}, // negative at the last steps only
	} {
		sp := spec.Spec{Name: "lambda", Params: []spec.Param{{Key: "expr", Value: c.expr}}}
		_, err := NewSpec(sp, Context{BaseLR: 0.1, Steps: c.steps})
		if (err == nil) != c.ok {
			t.Errorf("lambda %s over %d steps: err %v, want ok=%v", c.expr, c.steps, err, c.ok)
		}
	}
}
