package model

import (
	"math"
	"math/rand/v2"
	"testing"
)

var f32Cases = []struct {
	spec   string
	task   Task
	labels []float64
}{
	{"mlp:hidden=16,act=relu", Multiclass, []float64{0, 1, 2, 3}},
	{"mlp:hidden=20,7,act=tanh", Multiclass, []float64{0, 1, 2}},
	{"mlp:hidden=9,act=sigmoid", Binary, []float64{0, 1}},
	{"mlp:hidden=12,5,act=relu", Regression, nil},
}

func as32(t *testing.T, m Model) Model {
	t.Helper()
	m32, err := WithDType(m, F32)
	if err != nil {
		t.Fatal(err)
	}
	if DTypeOf(m32) != F32 || DTypeOf(m) != F64 {
		t.Fatalf("DTypeOf: %v, %v", DTypeOf(m32), DTypeOf(m))
	}
	return m32
}

// TestF32MatchesF64 compares the float32 path with the float64 one on the
// same weights and rows (150 rows: two chunks, one of them split in
// halves; also gathered by index). Stated tolerance: the losses agree to a
// relative 1e-5 and the gradients to 1e-4·‖∇‖₂ in norm, about 500 float32
// roundings (2⁻²⁴ ≈ 6e-8 each) on these layer widths.
func TestF32MatchesF64(t *testing.T) {
	for _, c := range f32Cases {
		r := rand.New(rand.NewPCG(31, 32))
		ds := dataset(r, 150, 11, c.task, c.labels)
		m := mustModel(t, c.spec, c.task, ds.D, ds.Y)
		m32 := as32(t, m)
		p := make([]float64, m.NumParams())
		m.Init(p, 5)
		idx := make([]int, 90)
		for i := range idx {
			idx[i] = r.IntN(ds.N)
		}
		for _, rows := range [][]int{nil, idx} {
			g64, g32 := make([]float64, len(p)), make([]float64, len(p))
			v64 := m.LossGradDense(g64, p, ds.X, ds.Y, rows, nil)
			v32 := m32.LossGradDense(g32, p, ds.X, ds.Y, rows, nil)
			if math.Abs(v32-v64) > 1e-5*math.Abs(v64) {
				t.Errorf("%s: loss f32 %v, f64 %v", c.spec, v32, v64)
			}
			var diff, norm float64
			for i := range g64 {
				diff += (g32[i] - g64[i]) * (g32[i] - g64[i])
				norm += g64[i] * g64[i]
			}
			if math.Sqrt(diff) > 1e-4*math.Sqrt(norm) {
				t.Errorf("%s: ‖g32 − g64‖ = %.3g, ‖g64‖ = %.3g", c.spec, math.Sqrt(diff), math.Sqrt(norm))
			}
			b64 := BatchObjective(g64, p, m, ds.X, ds.Y, rows, nil)
			b32 := BatchObjective(g32, p, m32, ds.X, ds.Y, rows, nil)
			if math.Abs(b32-b64) > 1e-5*math.Abs(b64) {
				t.Errorf("%s: BatchObjective f32 %v, f64 %v", c.spec, b32, b64)
			}
		}
	}
}

// TestF32FiniteDifference checks the float32 gradient against central
// differences of the float64 loss on the same weights (h = 1e-5, error
// O(h²) plus the float32 rounding of the gradient): each component within
// 2e-3·(|g| + 0.1·‖g‖∞).
func TestF32FiniteDifference(t *testing.T) {
	for _, c := range f32Cases {
		r := rand.New(rand.NewPCG(41, 42))
		ds := dataset(r, 40, 6, c.task, c.labels)
		m := mustModel(t, c.spec, c.task, ds.D, ds.Y)
		m32 := as32(t, m)
		p := randParams(r, m, 0.5)
		g := make([]float64, len(p))
		m32.LossGradDense(g, p, ds.X, ds.Y, nil, nil)
		gmax := 0.0
		for _, v := range g {
			gmax = max(gmax, math.Abs(v))
		}
		const h = 1e-5
		for i := range p {
			save := p[i]
			p[i] = save + h
			fp := m.LossGradDense(nil, p, ds.X, ds.Y, nil, nil)
			p[i] = save - h
			fm := m.LossGradDense(nil, p, ds.X, ds.Y, nil, nil)
			p[i] = save
			fd := (fp - fm) / (2 * h)
			if math.Abs(fd-g[i]) > 2e-3*(math.Abs(g[i])+0.1*gmax) {
				t.Errorf("%s: ∂/∂θ[%d] f32 %v, finite difference %v", c.spec, i, g[i], fd)
			}
		}
	}
}

// TestF32Threads checks that the float32 path is bit-identical for any
// Workspace.Threads and does not allocate once warmed up.
func TestF32Threads(t *testing.T) {
	r := rand.New(rand.NewPCG(21, 22))
	labels := []float64{0, 1, 2, 3}
	ds := dataset(r, 300, 200, Multiclass, labels)
	m := as32(t, mustModel(t, "mlp:hidden=256,64", Multiclass, ds.D, ds.Y))
	p := make([]float64, m.NumParams())
	m.Init(p, 3)
	var ref []float64
	var refV float64
	for _, threads := range []int{1, 2, 5} {
		ws := &Workspace{Threads: threads}
		g := make([]float64, len(p))
		v := m.LossGradDense(g, p, ds.X, ds.Y, nil, ws)
		if ref == nil {
			ref, refV = g, v
			continue
		}
		if v != refV {
			t.Errorf("threads=%d: loss %v, one thread %v", threads, v, refV)
		}
		for i := range g {
			if math.Float64bits(g[i]) != math.Float64bits(ref[i]) {
				t.Fatalf("threads=%d: grad[%d] %v, one thread %v", threads, i, g[i], ref[i])
			}
		}
		if a := testing.AllocsPerRun(3, func() { BatchObjective(g, p, m, ds.X, ds.Y, nil, ws) }); a != 0 {
			t.Errorf("threads=%d: %v allocations per call", threads, a)
		}
	}
}

func TestWithDTypeErrors(t *testing.T) {
	m := mustModel(t, "logistic", Binary, 3, []float64{0, 1})
	if _, err := WithDType(m, F32); err == nil {
		t.Error("logistic with F32: no error")
	}
	if got, err := WithDType(m, F64); err != nil || got != m {
		t.Errorf("WithDType(F64) = %v, %v; want m itself", got, err)
	}
	for _, s := range []string{"f16", "F32 ", "double"} {
		if _, err := ParseDType(s); err == nil {
			t.Errorf("ParseDType(%q): no error", s)
		}
	}
	for s, want := range map[string]DType{"": F64, "f64": F64, "f32": F32, "float32": F32} {
		if got, err := ParseDType(s); err != nil || got != want {
			t.Errorf("ParseDType(%q) = %v, %v", s, got, err)
		}
	}
}
