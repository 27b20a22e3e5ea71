package optim

import (
	"errors"
	"math"
	"strings"
	"testing"

	"github.com/descentgo/descent/fn"
)

// diagQuad is f(x) = ½Σ dᵢxᵢ², minimum 0 at 0.
type diagQuad []float64

func (d diagQuad) Dim() int { return len(d) }
func (d diagQuad) Value(x []float64) float64 {
	var s float64
	for i, di := range d {
		s += 0.5 * di * x[i] * x[i]
	}
	return s
}
func (d diagQuad) ValueGrad(g, x []float64) float64 {
	for i, di := range d {
		g[i] = di * x[i]
	}
	return d.Value(x)
}

func polyakNew(t *testing.T, s string) *Polyak {
	t.Helper()
	a, err := New(s)
	if err != nil {
		t.Fatalf("New(%q): %v", s, err)
	}
	return a.(*Polyak)
}

// polyakRun iterates from x0 and returns the iterates.
func polyakRun(t *testing.T, o *Polyak, f diagQuad, x0 []float64, iters int) [][]float64 {
	t.Helper()
	x := append([]float64(nil), x0...)
	g := make([]float64, len(x))
	fx := f.ValueGrad(g, x)
	o.Init(len(x))
	var out [][]float64
	for k := range iters {
		var ev int
		var err error
		fx, ev, err = o.Iterate(f, x, g, fx)
		if err != nil || ev != 1 {
			t.Fatalf("iteration %d: evals %d, err %v", k+1, ev, err)
		}
		out = append(out, append([]float64(nil), x...))
	}
	return out
}

func polyakClose(got, want float64) bool {
	return math.Abs(got-want) <= 1e-15*math.Max(1, math.Abs(want))
}

// TestPolyakOneDim: on f = ½Lx² with f* = 0, γ = (½Lx²)/(L²x²) = 1/(2L), so
// each step halves x: xₖ = 2⁻ᵏ from x₀ = 1, for every L.
func TestPolyakOneDim(t *testing.T) {
	for _, L := range []float64{0.5, 4, 1000} {
		o := polyakNew(t, "polyak:fstar=0")
		xs := polyakRun(t, o, diagQuad{L}, []float64{1}, 5)
		for k, x := range xs {
			if want := math.Ldexp(1, -(k + 1)); x[0] != want {
				t.Errorf("L=%g: x_%d = %.17g, want %g", L, k+1, x[0], want)
			}
		}
		if g := o.LastStep(); g != 1/(2*L) {
			t.Errorf("L=%g: step %g, want 1/(2L) = %g", L, g, 1/(2*L))
		}
	}
	// c = 0.5 (SPS's theory value) doubles the step to 1/L: one step to 0.
	xs := polyakRun(t, polyakNew(t, "polyak:fstar=0,c=0.5"), diagQuad{4}, []float64{1}, 1)
	if xs[0][0] != 0 {
		t.Errorf("c=0.5: x₁ = %g, want 0", xs[0][0])
	}
}

// TestPolyakTwoDim: f = ½(x² + 4y²) from (2, 1), f* = 0, by hand:
//
//	f₀ = 4,    ∇ = (2, 4),       ‖∇‖² = 20,   γ = 1/5      → (1.6, 0.2)
//	f₁ = 1.36, ∇ = (1.6, 0.8),   ‖∇‖² = 3.2,  γ = 0.425    → (0.92, −0.14)
//	f₂ = 0.4624, ∇ = (0.92, −0.56), ‖∇‖² = 1.16, γ = 289/725 → (0.92·436/725, −0.14 + 0.56·289/725)
func TestPolyakTwoDim(t *testing.T) {
	want := [][]float64{{1.6, 0.2}, {0.92, -0.14}, {401.12 / 725, 60.34 / 725}}
	xs := polyakRun(t, polyakNew(t, "polyak:fstar=0"), diagQuad{1, 4}, []float64{2, 1}, 3)
	for k := range want {
		for i := range want[k] {
			if !polyakClose(xs[k][i], want[k][i]) {
				t.Errorf("x_%d[%d] = %.17g, want %.17g", k+1, i, xs[k][i], want[k][i])
			}
		}
	}
	// SPS_max: c = 0.5 gives γ = 4/(0.5·20) = 0.4, capped at 0.3 → (1.4, −0.2).
	xs = polyakRun(t, polyakNew(t, "polyak:fstar=0,c=0.5,lr_max=0.3"), diagQuad{1, 4}, []float64{2, 1}, 1)
	if !polyakClose(xs[0][0], 1.4) || !polyakClose(xs[0][1], -0.2) {
		t.Errorf("capped step: x₁ = %v, want (1.4, −0.2)", xs[0])
	}
	// A lower bound below f* still converges on a convex function, slower.
	xs = polyakRun(t, polyakNew(t, "polyak:fstar=-1"), diagQuad{1, 4}, []float64{2, 1}, 1)
	if g := (4.0 + 1) / 20; !polyakClose(xs[0][0], 2-2*g) || !polyakClose(xs[0][1], 1-4*g) {
		t.Errorf("fstar=-1: x₁ = %v, want step γ = 5/20", xs[0])
	}
}

func TestPolyakErrors(t *testing.T) {
	f := diagQuad{4}
	x, g := []float64{1}, []float64{4} // f(x) = 2
	iterate := func(o *Polyak) error {
		o.Init(1)
		xx, gg := append([]float64(nil), x...), append([]float64(nil), g...)
		_, _, err := o.Iterate(f, xx, gg, 2)
		if err != nil && (xx[0] != x[0] || gg[0] != g[0]) {
			t.Errorf("failed Iterate moved x or g")
		}
		return err
	}
	// No f*: New succeeds (the engine may supply the catalogue minimum),
	// the first iteration fails naming the key.
	o := polyakNew(t, "polyak")
	if !o.NeedsFStar() {
		t.Errorf("NeedsFStar() = false without fstar")
	}
	err := iterate(o)
	if err == nil || !strings.HasPrefix(err.Error(), "polyak: fstar: required") || errors.Is(err, ErrNoProgress) {
		t.Errorf("no fstar: error %v", err)
	}
	o.SetFStar(0)
	if o.NeedsFStar() || iterate(o) != nil {
		t.Errorf("SetFStar(0) did not supply f*")
	}
	// f* above f(x₀).
	err = iterate(polyakNew(t, "polyak:fstar=3"))
	if err == nil || err.Error() != "polyak: fstar 3 is above f(x₀) = 2: f* must be a lower bound" {
		t.Errorf("fstar above f(x₀): error %v", err)
	}
	// At the optimum, and stationary above f*: no progress.
	if err := iterate(polyakNew(t, "polyak:fstar=2")); !errors.Is(err, ErrNoProgress) || !strings.Contains(err.Error(), "x is optimal") {
		t.Errorf("f = f*: error %v", err)
	}
	o = polyakNew(t, "polyak:fstar=-1")
	o.Init(1)
	if _, _, err := o.Iterate(f, []float64{0}, []float64{0}, 0); !errors.Is(err, ErrNoProgress) || !strings.Contains(err.Error(), "is fstar right?") {
		t.Errorf("zero gradient above f*: error %v", err)
	}
	for _, c := range []struct{ spec, want string }{
		{"polyak:fstar=0,c=0", `optimizer "polyak": invalid c 0: must be > 0 and finite`},
		{"polyak:fstar=0,c=-1", `optimizer "polyak": invalid c -1: must be > 0 and finite`},
		{"polyak:fstar=0,lr_max=0", `optimizer "polyak": invalid lr_max 0: must be > 0`},
		{"polyak:fstar=0,lr_max=-2", `optimizer "polyak": invalid lr_max -2: must be > 0`},
		{"polyak:lr=0.1", `optimizer "polyak" has no parameter "lr" (valid: fstar, c, lr_max)`},
	} {
		if _, err := New(c.spec); err == nil || err.Error() != c.want {
			t.Errorf("New(%q) error\n got %v\nwant %s", c.spec, err, c.want)
		}
	}
}

func TestPolyakIterateAllocatesNothing(t *testing.T) {
	var f fn.Func = diagQuad{1, 4}       // converted once: the conversion allocates
	o := polyakNew(t, "polyak:fstar=-1") // never reaches f*, never stops
	x, g := []float64{2, 1}, make([]float64, 2)
	fx := f.ValueGrad(g, x)
	o.Init(2)
	allocs := testing.AllocsPerRun(100, func() {
		fx, _, _ = o.Iterate(f, x, g, fx)
	})
	if allocs != 0 {
		t.Errorf("Iterate allocates %v times", allocs)
	}
}

func TestPolyakStateAndZeroValue(t *testing.T) {
	// The zero value with HasFStar is the registered default.
	a := polyakRun(t, &Polyak{HasFStar: true}, diagQuad{1, 4}, []float64{2, 1}, 10)
	b := polyakRun(t, polyakNew(t, "polyak:fstar=0"), diagQuad{1, 4}, []float64{2, 1}, 10)
	if k, ok := torchSame(a, b); !ok {
		t.Errorf("zero value and New differ at iteration %d", k)
	}
	o := polyakNew(t, "polyak:fstar=0")
	polyakRun(t, o, diagQuad{1, 4}, []float64{2, 1}, 3)
	st := o.State()
	if st.Step != 3 || !polyakClose(st.Scalars["step_size"], 289.0/725) {
		t.Errorf("State() = %+v, want step 3, step_size 289/725", st)
	}
	o2 := polyakNew(t, "polyak:fstar=0")
	o2.Init(2)
	if err := o2.SetState(st); err != nil || o2.LastStep() != st.Scalars["step_size"] {
		t.Errorf("SetState: %v", err)
	}
}
