package optim

import (
	"math"
	"strings"
	"testing"

	"github.com/descentgo/descent/schedule"
	"github.com/descentgo/descent/spec"
)

// TestMomentumCycleTorch replays torch 1.13.1 runs of SGD (plain, Nesterov,
// and momentum 0 at construction), RMSprop, Adam, AdamW, Adamax, RAdam,
// NAdam and SparseAdam, and of Lion and Signum (torch.optim.Optimizer
// transcriptions of their reference code: gen_optim_extra.py's Lion, checked
// there against its transcription of lion_pytorch.py, and
// gen_momentum_cycle.py's Signum), under OneCycleLR / CyclicLR with
// cycle_momentum=True (testdata/torch/gen_momentum_cycle.py), driven as the
// engines drive them: before every step SetLR(s.LR()) and
// schedule.ApplyMomentum, after it s.Step. The rate and momentum of every
// step equal torch's, and x after every step is within 1e-12 relative (bit
// for bit in practice).
func TestMomentumCycleTorch(t *testing.T) {
	replayMomentumCycle(t, "momentum_cycle.json", 42, func(string) (float64, float64, int) { return 1e-12, 0, 0 })
}

// TestMomentumCycleReference replays the authors' reference classes of
// D-Adaptation SGD and Adam, Prodigy and Mechanic (on torch's SGD and Adam)
// under torch 1.13.1's OneCycleLR with cycle_momentum=True
// (testdata/torch/gen_momentum_cycle_lrfree.py), as TestMomentumCycleTorch
// does, with TestLRFreeReference's tolerances: 1e-12 relative, D-Adaptation
// coordinates near 0 to 1e-15 absolute (torch.dot sums in another order),
// Mechanic's chaotic tuner for its first 50 steps.
func TestMomentumCycleReference(t *testing.T) {
	replayMomentumCycle(t, "momentum_cycle_lrfree.json", 24, func(spec string) (float64, float64, int) {
		switch {
		case strings.HasPrefix(spec, "mechanic"):
			return 1e-12, 0, 50
		case strings.HasPrefix(spec, "dadapt_"):
			return 1e-12, 1e-15, 0
		}
		return 1e-12, 0, 0
	})
}

// replayMomentumCycle replays the cases of a momentum_cycle JSON file (at
// least min of them). tol gives, for an optimizer specification, the
// relative tolerance, an absolute floor below which differences pass, and
// the number of steps to compare (0: all).
func replayMomentumCycle(t *testing.T, file string, min int, tol func(spec string) (rel, floor float64, steps int)) {
	var f struct {
		Cases []struct {
			Opt, Schedule, Func string
			X0                  []float64
			Traj                [][]float64
			LR, Momentum        []float64
		}
	}
	readTorchJSON(t, file, &f)
	if len(f.Cases) < min {
		t.Fatalf("%d cases, want ≥ %d", len(f.Cases), min)
	}
	for _, c := range f.Cases {
		t.Run(c.Opt+"/"+c.Schedule+"/"+c.Func, func(t *testing.T) {
			rel, floor, steps := tol(c.Opt)
			if steps == 0 || steps > len(c.Traj) {
				steps = len(c.Traj)
			}
			o := torchNew(t, c.Opt)
			sp, err := spec.Parse(c.Schedule)
			if err != nil {
				t.Fatal(err)
			}
			s, err := schedule.NewSpec(sp, schedule.Context{BaseLR: o.(LRer).LR(), Steps: len(c.Traj)})
			if err != nil {
				t.Fatal(err)
			}
			obj := torchObjective(c.Func, false, false)
			x := append([]float64(nil), c.X0...)
			g := make([]float64, len(x))
			o.Init(len(x))
			if err := schedule.ApplyMomentum(s, o); err != nil {
				t.Fatal(err)
			}
			for k, want := range c.Traj[:steps] {
				o.(LRer).SetLR(s.LR())
				if err := schedule.ApplyMomentum(s, o); err != nil {
					t.Fatal(err)
				}
				m, _ := schedule.MomentumOf(s)
				if s.LR() != c.LR[k] || m != c.Momentum[k] {
					t.Fatalf("step %d: lr %v, momentum %v; torch %v, %v", k+1, s.LR(), m, c.LR[k], c.Momentum[k])
				}
				obj.ValueGrad(g, x)
				o.Step(x, g)
				s.Step(math.NaN())
				for i, w := range want {
					if d := math.Abs(x[i] - w); d > rel*math.Abs(w) && d > floor {
						t.Fatalf("step %d: x = %.17g, torch %.17g", k+1, x, want)
					}
				}
			}
		})
	}
}

// TestPowInt: powInt(b, t) is b^t correctly rounded: against exact
// rational powers for the β₁ values schedules produce.
func TestPowInt(t *testing.T) {
	for _, b := range []float64{0.9, 0.85, 0.95, 0.8999999999999999, 0.5, 0.99, 0.123456789} {
		for _, n := range []int{1, 2, 3, 7, 10, 64, 100, 1000, 12345} {
			if got, want := powInt(b, n), torchExactPow(b, n); got != want {
				t.Errorf("powInt(%v, %d) = %v, want %v", b, n, got, want)
			}
		}
	}
}

// TestMomentumDecisions: which optimizers a momentum-cycling schedule
// (onecycle) may drive, one row per registered optimizer, each from its
// reference code's defaults as torch's OneCycleLR and CyclicLR read them
// ("momentum" or "betas" present: accepted), except the schedule-free
// methods, refused with their reason although torch would set their β. A
// registered optimizer missing from the table fails, so a new one must be
// decided.
func TestMomentumDecisions(t *testing.T) {
	accept := map[string]bool{
		// torch.optim classes whose defaults hold momentum or betas.
		"sgd": true, "rmsprop": true, "adam": true, "adamw": true, "adamax": true,
		"nadam": true, "radam": true, "sparse_adam": true,
		// Reference code outside torch with betas (lion, dadapt_adam,
		// prodigy) or momentum (signum, dadapt_sgd) in its defaults;
		// mechanic subclasses its base (SGD by default).
		"lion": true, "signum": true, "dadapt_sgd": true, "dadapt_adam": true, "prodigy": true,
		"mechanic": true, "mechanic:base=adam": true, "mechanic:base=lion": true,
		// Defaults without either: torch.optim Adadelta (rho), Adagrad,
		// Adafactor (2.5: beta2_decay), ASGD, Rprop (etas), LBFGS; COCOB
		// (weight_decay, lr), DoG; muon's SingleDeviceMuonWithAuxAdam
		// (empty defaults); gd and signsgd have no momentum (sgd and signum
		// do); bb, cg, lbfgs and polyak are not torch optimizers.
		"adadelta": false, "adagrad": false, "adafactor": false, "asgd": false, "rprop": false,
		"lbfgs_torch": false, "cocob": false, "dog": false, "muon": false, "gd": false,
		"signsgd": false, "bb": false, "cg": false, "lbfgs": false, "polyak:fstar=0": false,
		"mechanic:base=adagrad": false,
		// Schedule-free: β is the interpolation of the average, refused.
		"sgd_sf": false, "adamw_sf": false,
	}
	for _, n := range Names() {
		if _, ok := accept[n]; !ok && n != "polyak" {
			t.Errorf("optimizer %s: not in the table", n)
		}
	}
	s, err := schedule.NewSpec(spec.MustParse("onecycle:max_lr=0.01,total_steps=10"), schedule.Context{BaseLR: 0.001})
	if err != nil {
		t.Fatal(err)
	}
	reasons := map[string]string{
		"muon":                  "muon takes no cycled momentum: it follows KellerJordan/Muon's SingleDeviceMuonWithAuxAdam, whose optimizer-wide defaults are empty",
		"sgd_sf":                "sgd_sf takes no cycled momentum: its momentum β is schedule-free's interpolation",
		"adamw_sf":              "adamw_sf takes no cycled momentum: its β1 is schedule-free's interpolation",
		"mechanic:base=adagrad": "mechanic's base adagrad has no momentum or β1 to set",
		"adagrad":               "adagrad has no momentum or β1 to set",
		"signsgd":               "signsgd has no momentum or β1 to set",
	}
	for sp, ok := range accept {
		a, err := New(sp)
		if err != nil {
			t.Fatalf("New(%q): %v", sp, err)
		}
		err = schedule.ApplyMomentum(s, Unwrap(a))
		if (err == nil) != ok {
			t.Errorf("%s: ApplyMomentum = %v, want accepted %v", sp, err, ok)
		}
		if r := reasons[sp]; r != "" && (err == nil || !strings.Contains(err.Error(), r)) {
			t.Errorf("%s: ApplyMomentum = %v, want an error with %q", sp, err, r)
		}
	}
}

// TestSetMomentumClosedForm: two or more steps by hand from the reference
// equations, with the momentum set before each step to a value other than
// the constructor's, for the optimizers enabled without a torch class
// (signum, lion, dadapt_sgd, dadapt_adam, prodigy, mechanic). The gradients
// are given, not computed.
func TestSetMomentumClosedForm(t *testing.T) {
	near := func(name string, k int, got, want float64) {
		t.Helper()
		if math.Abs(got-want) > 1e-15*math.Abs(want) {
			t.Errorf("%s step %d: x = %.17g, want %.17g", name, k, got, want)
		}
	}
	type setter interface {
		Optimizer
		SetMomentum(float64)
	}
	run := func(o setter, x0 float64, betas, gs []float64) []float64 {
		o.Init(1)
		x := []float64{x0}
		var out []float64
		for k, g := range gs {
			o.SetMomentum(betas[k])
			o.Step(x, []float64{g})
			out = append(out, x[0])
		}
		return out
	}

	// Signum, lr 0.1 (β 0.9 at construction): β = 0.5, g = 2: m = 1, x = 0.9;
	// β = 0.25, g = −1: m = 0.25 − 0.75 = −0.5, x = 1 (with β = 0.9 kept:
	// m = 0.08, x = 0.8); β = 0: sign(g) = +, x = 0.9, m stays −0.5 (the
	// reference's signSGD branch); β = 0.5, g = −0.2: m = −0.25 − 0.1 =
	// −0.35, x = 1 (had m been overwritten by g = 3: m = 1.4, x = 0.8).
	for k, want := range []float64{0.9, 1, 0.9, 1} {
		got := run(&Signum{LearningRate: 0.1}, 1, []float64{0.5, 0.25, Zero, 0.5}, []float64{2, -1, 3, -0.2})
		near("signum", k+1, got[k], want)
	}

	// Lion, lr 0.1, β₂ 0.5: β₁ = 0.3, g = 2: c = 1.4 > 0, x = 0.9, m = 1;
	// β₁ = 0.2, g = −1: c = 0.2 − 0.8 < 0, x = 1 (β₁ = 0.9 kept: c = 0.8,
	// x = 0.8), m = 0.5 − 0.5 = 0 (β₂ untouched).
	l := &Lion{LearningRate: 0.1, Beta2: 0.5}
	got := run(l, 1, []float64{0.3, 0.2}, []float64{2, -1})
	near("lion", 1, got[0], 0.9)
	near("lion", 2, got[1], 1)
	if m := l.State().Vectors["exp_avg"][0]; m != 0 {
		t.Errorf("lion: m = %g after two steps, want 0 (β₂ = 0.5 kept)", m)
	}

	// D-Adaptation SGD, lr 1, d₀ = 1e-6, x₀ = 1: g = 2: dlr = d₀/‖g₀‖ =
	// 5e-7, s = 1e-6, num = 0 so d stays; β = 0.5: x = 0.5·1 + 0.5·(1 − s)
	// = 1 − 5e-7. g = 2: num = dlr·g·s = 1e-12, s = 2e-6, d̂ = 2·num/‖s‖ =
	// 1e-6 = d; β = 0.25: x = 0.25(1 − 5e-7) + 0.75(1 − 2e-6) = 1 − 1.625e-6.
	got = run(&DAdaptSGD{}, 1, []float64{0.5, 0.25}, []float64{2, 2})
	near("dadapt_sgd", 1, got[0], 1-5e-7)
	near("dadapt_sgd", 2, got[1], 0.25*(1-5e-7)+0.75*(1-2e-6))

	// D-Adaptation Adam (lr 1, β₂ = 0.999, ε = 1e-8, d₀ = 1e-6), x₀ = 1:
	// β₁ = a = 0.5, g = 1: dlr = d₀, m = d₀(1−a), v = 1−β₂, num = 0 so d
	// stays: x₁ = 1 − d₀(1−a)/(√(1−β₂) + ε). β₁ = b = 0.2, g = 0: m = b·m,
	// v = β₂v, num stays 0: x₂ = x₁ − b·d₀(1−a)/(√(β₂(1−β₂)) + ε).
	got = run(&DAdaptAdam{}, 1, []float64{0.5, 0.2}, []float64{1, 0})
	x1 := 1 - 1e-6*0.5/(math.Sqrt(1-0.999)+1e-8)
	near("dadapt_adam", 1, got[0], x1)
	near("dadapt_adam", 2, got[1], x1-0.2*1e-6*0.5/(math.Sqrt(0.999*(1-0.999))+1e-8))

	// Prodigy (lr 1, β₂ = 0.999, ε = 1e-8, d₀ = 1e-6), x₀ = 1: β₁ = a =
	// 0.5, g = 1: dlr = d = d₀, m = d(1−a), v = d²(1−β₂), ⟨g, x₀ − x⟩ = 0 so
	// d stays: x₁ = 1 − d·d(1−a)/(d√(1−β₂) + dε). β₁ = b = 0.2, g = 0:
	// m = b·m, v = β₂v: x₂ = x₁ − d·b·d(1−a)/(d√(β₂(1−β₂)) + dε).
	got = run(&Prodigy{}, 1, []float64{0.5, 0.2}, []float64{1, 0})
	d := 1e-6
	x1 = 1 - d*d*0.5/(math.Sqrt(d*d*(1-0.999))+d*1e-8)
	near("prodigy", 1, got[0], x1)
	near("prodigy", 2, got[1], x1-d*0.2*(d*0.5)/(math.Sqrt(0.999*(d*d*(1-0.999)))+d*1e-8))

	// Mechanic passes the momentum to its base, as torch's schedulers set
	// the param groups of the base class mechanize subclasses.
	sgd := &SGD{LearningRate: 0.01}
	m := &Mechanic{Base: sgd}
	m.Init(1)
	m.SetMomentum(0.7)
	if sgd.Momentum != 0.7 {
		t.Errorf("mechanic: the base SGD's momentum is %g after SetMomentum(0.7)", sgd.Momentum)
	}
}
