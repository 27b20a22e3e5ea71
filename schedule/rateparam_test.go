package schedule

import (
	"math"
	"testing"

	"github.com/descentgo/descent/spec"
)

// TestRateParam: onecycle's rates come from its max_lr, not from the
// optimizer's lr (PyTorch's OneCycleLR overwrites the optimizer's rate with
// max_lr/div_factor), so advice about the rate is about max_lr; the other
// schedules scale the optimizer's lr and name no parameter.
func TestRateParam(t *testing.T) {
	for _, c := range []struct {
		spec string
		key  string
		v    float64
		ok   bool
	}{
		{"onecycle:max_lr=0.01,total_steps=100", "max_lr", 0.01, true},
		{"onecycle:total_steps=100,max_lr=3e-4", "max_lr", 3e-4, true},
		{"onecycle:total_steps=100", "", 0, false},
		{"cosine:t_max=100", "", 0, false},
		{"step:step_size=10", "", 0, false},
		{"constant", "", 0, false},
	} {
		key, v, ok := RateParam(spec.MustParse(c.spec))
		if key != c.key || v != c.v || ok != c.ok {
			t.Errorf("RateParam(%s) = %q, %g, %v; want %q, %g, %v", c.spec, key, v, ok, c.key, c.v, c.ok)
		}
	}
}

// TestWithRate: onecycle's max_lr takes the rate, its other keys stay;
// a schedule that names no rate key is returned unchanged, with false.
func TestWithRate(t *testing.T) {
	sp, ok := WithRate(spec.MustParse("onecycle:max_lr=0.01,total_steps=100,cycle_momentum=false"), 0.316)
	if want := "onecycle:max_lr=0.316,total_steps=100,cycle_momentum=false"; !ok || sp.String() != want {
		t.Errorf("WithRate(onecycle, 0.316) = %s, %v; want %s, true", sp, ok, want)
	}
	if key, v, _ := RateParam(sp); key != "max_lr" || v != 0.316 {
		t.Errorf("RateParam after WithRate = %q, %g; want max_lr, 0.316", key, v)
	}
	if sp, ok := WithRate(spec.MustParse("cosine:t_max=100"), 0.316); ok || sp.String() != "cosine:t_max=100" {
		t.Errorf("WithRate(cosine, 0.316) = %s, %v; want it unchanged, false", sp, ok)
	}
}

// TestRateCeiling: cyclic caps the optimizer's lr (its base) at max_lr —
// it refuses a base above it, which RateCeiling names — and no other
// schedule caps it; onecycle's max_lr replaces lr (RateParam) instead.
func TestRateCeiling(t *testing.T) {
	for _, c := range []struct {
		spec string
		key  string
		v    float64
		ok   bool
	}{
		{"cyclic:max_lr=0.1,step_size_up=50", "max_lr", 0.1, true},
		{"cyclic:base_lr=0.001,max_lr=0.006", "max_lr", 0.006, true},
		{"onecycle:max_lr=0.01,total_steps=100", "", 0, false},
		{"cosine:t_max=100", "", 0, false},
	} {
		key, v, ok := RateCeiling(spec.MustParse(c.spec))
		if key != c.key || v != c.v || ok != c.ok {
			t.Errorf("RateCeiling(%s) = %q, %g, %v; want %q, %g, %v", c.spec, key, v, ok, c.key, c.v, c.ok)
		}
	}
	// The premise: a base above max_lr is refused.
	if _, err := NewSpec(spec.MustParse("cyclic:max_lr=0.1"), Context{BaseLR: 0.3}); err == nil {
		t.Error("cyclic with lr 0.3 above max_lr 0.1: no error")
	}
}

// TestWithLength: polynomial's and linear's total_iters is the step from
// which their rate stays at its end (0 for polynomial, lr·end_factor for
// linear); stretched to 300 steps, polynomial power 2 at lr 1 has
// lr_299 = (1 − 299/300)² = 1/90000 and lr_300 = 0 (torch PolynomialLR's
// closed form), where the 200-step schedule was 0 from step 200. A
// schedule without a Length key, or steps < 1, is returned unchanged.
func TestWithLength(t *testing.T) {
	sp, ok := WithLength(spec.MustParse("polynomial:total_iters=200,power=2"), 300)
	if want := "polynomial:total_iters=300,power=2"; !ok || sp.String() != want {
		t.Fatalf("WithLength(polynomial, 300) = %s, %v; want %s, true", sp, ok, want)
	}
	s, err := NewSpec(sp, Context{BaseLR: 1})
	if err != nil {
		t.Fatal(err)
	}
	var at [301]float64
	for i := range at {
		at[i] = s.LR()
		s.Step(0)
	}
	if want := 1.0 / 90000; math.Abs(at[299]-want) > 1e-9*want || at[200] <= 0 || at[300] != 0 {
		t.Errorf("stretched polynomial: lr_200 = %g, lr_299 = %g (want %g), lr_300 = %g (want 0)", at[200], at[299], want, at[300])
	}
	if sp, ok := WithLength(spec.MustParse("linear:start_factor=1,end_factor=0,total_iters=5"), 40); !ok || sp.String() != "linear:start_factor=1,end_factor=0,total_iters=40" {
		t.Errorf("WithLength(linear, 40) = %s, %v", sp, ok)
	}
	for _, c := range []struct {
		spec  string
		steps int
	}{{"cosine:t_max=100", 300}, {"step:step_size=10,gamma=0", 300}, {"polynomial:total_iters=200", 0}} {
		if sp, ok := WithLength(spec.MustParse(c.spec), c.steps); ok || sp.String() != c.spec {
			t.Errorf("WithLength(%s, %d) = %s, %v; want it unchanged, false", c.spec, c.steps, sp, ok)
		}
	}
}
