package optim

import (
	"math"
	"slices"
	"strconv"
	"testing"
)

// Reference trajectories of Adafactor's torch 2.5 rule (a numpy
// transcription of torch/optim/_adafactor.py, testdata/torch/gen_adafactor.py;
// Debian's torch 1.13 has no Adafactor) in testdata/torch/adafactor.json.

type adafactorFile struct {
	Source   string             `json:"source"`
	Defaults map[string]float64 `json:"defaults_2x"`
	Cases    []struct {
		Spec string      `json:"spec"`
		Func string      `json:"func"`
		X0   []float64   `json:"x0"`
		Traj [][]float64 `json:"traj"`
	} `json:"cases"`
	Factored []struct {
		Spec   string      `json:"spec"`
		Func   string      `json:"func"`
		Layout [][3]int    `json:"layout"` // (offset, rows, cols) per matrix
		X0     []float64   `json:"x0"`
		Traj   [][]float64 `json:"traj"`
	} `json:"factored"`
}

// factoredGrads are the gradients of gen_adafactor.py's FACTORED
// functions, written here from their formulas.
var factoredGrads = map[string]func(g, x []float64){
	// ½ Σ dᵢxᵢ², dᵢ = 1 + 10i²: κ = 1001 for n = 11.
	"mquad": func(g, x []float64) {
		for i := range x {
			g[i] = float64(1+10*i*i) * x[i]
		}
	},
	// Σ 100(x_{i+1} − xᵢ²)² + (1 − xᵢ)².
	"mrosen": func(g, x []float64) {
		clear(g)
		for i := 0; i+1 < len(x); i++ {
			a := x[i+1] - x[i]*x[i]
			g[i] += -400*x[i]*a - 2*(1-x[i])
			g[i+1] += 200 * a
		}
	},
	// (1/2m) Σₖ ‖W·xₖ + b − yₖ‖², W 3×4, b 3, m = 6, with data exact in
	// binary: xₖⱼ = ((7k + 3j) mod 11 − 5)/4, yₖᵢ = ((5k + 2i) mod 7 − 3)/2.
	"mlsq": func(g, x []float64) {
		clear(g)
		const m = 6
		for k := range m {
			var xk [4]float64
			for j := range xk {
				xk[j] = float64((7*k+3*j)%11-5) / 4
			}
			for i := range 3 {
				r := x[12+i]
				for j := range 4 {
					r += x[i*4+j] * xk[j]
				}
				r -= float64((5*k+2*i)%7-3) / 2
				for j := range 4 {
					g[i*4+j] += r * xk[j] / m
				}
				g[12+i] += r / m
			}
		}
	},
}

// TestAdafactorFactored replays the factored branch on parameters laid out
// as torch tensors (SetBlocks: weight matrices; the runs between them are
// vectors): an ill-conditioned quadratic, Rosenbrock and least squares,
// x after every step within 1e-12 relative of the transcription.
func TestAdafactorFactored(t *testing.T) {
	var f adafactorFile
	readTorchJSON(t, "adafactor.json", &f)
	if len(f.Factored) < 15 {
		t.Fatalf("%d factored cases, want ≥ 15", len(f.Factored))
	}
	for _, c := range f.Factored {
		t.Run(c.Spec+"/"+c.Func, func(t *testing.T) {
			o := torchNew(t, c.Spec).(*Adafactor)
			var blocks []Block
			for _, l := range c.Layout {
				blocks = append(blocks, Block{Offset: l[0], Rows: l[1], Cols: l[2]})
			}
			o.SetBlocks(blocks)
			grad := factoredGrads[c.Func]
			x := append([]float64(nil), c.X0...)
			g := make([]float64, len(x))
			o.Init(len(x))
			for k, want := range c.Traj {
				grad(g, x)
				o.Step(x, g)
				for i, w := range want {
					if math.Abs(x[i]-w) > 1e-12*math.Abs(w) {
						t.Fatalf("step %d: x = %.17g, reference %.17g", k+1, x, want)
					}
				}
			}
			// The state round-trips with the factors.
			st := o.State()
			if len(st.Vectors["row_var"]) == 0 || len(st.Vectors["col_var"]) == 0 {
				t.Fatalf("state lacks the factors: %v", st.Vectors)
			}
			p := torchNew(t, c.Spec).(*Adafactor)
			p.SetBlocks(blocks)
			p.Init(len(x))
			if err := p.SetState(st.Clone()); err != nil {
				t.Fatal(err)
			}
			y := append([]float64(nil), x...)
			grad(g, x)
			o.Step(x, g)
			p.Step(y, g)
			if !slices.Equal(x, y) {
				t.Fatalf("after SetState: %v, want %v", y, x)
			}
		})
	}
}

func init() {
	torchZeroValues = append(torchZeroValues, struct {
		name            string
		zero, explicitV func() Optimizer
		lr              float64
	}{"adafactor", func() Optimizer { return &Adafactor{} }, func() Optimizer {
		return &Adafactor{LearningRate: 0.01, Beta2Decay: -0.8, Eps1: 0x1p-52, Eps2: 1e-3, D: 1}
	}, 0.01})
}

// TestAdafactorReference replays every case: x after every step within
// 1e-12 relative of the transcription.
func TestAdafactorReference(t *testing.T) {
	var f adafactorFile
	readTorchJSON(t, "adafactor.json", &f)
	if len(f.Cases) < 15 {
		t.Fatalf("%d cases, want ≥ 15", len(f.Cases))
	}
	for _, c := range f.Cases {
		t.Run(c.Spec+"/"+c.Func, func(t *testing.T) {
			o := torchNew(t, c.Spec)
			obj := torchObjective(c.Func, false, false)
			x := append([]float64(nil), c.X0...)
			g := make([]float64, len(x))
			o.Init(len(x))
			for k, want := range c.Traj {
				obj.ValueGrad(g, x)
				o.Step(x, g)
				for i, w := range want {
					if math.Abs(x[i]-w) > 1e-12*math.Abs(w) {
						t.Fatalf("step %d: x = %.17g, reference %.17g", k+1, x, want)
					}
				}
			}
		})
	}
	e, _ := Lookup("adafactor")
	for _, p := range e.Params {
		w, ok := f.Defaults[p.Key]
		if d, err := strconv.ParseFloat(p.Default, 64); !ok || err != nil || d != w {
			t.Errorf("%s default %q, torch %v", p.Key, p.Default, w)
		}
	}
}

// TestAdafactorFirstStep: the closed form of step 1, x₁ = (1 − lr·λ)x₀ −
// max(ε₂, RMS(x₀))·min(lr, 1)·sign(g) (v = g², u = sign(g), RMS(u) = 1),
// and of step 2 with beta2_decay = 0 (v = g² again, ρ = min(lr, 1/√2)).
func TestAdafactorFirstStep(t *testing.T) {
	for _, c := range []struct {
		o     *Adafactor
		x0, g []float64
		want  []float64
	}{
		// RMS(x₀) = √((9+16)/2) = √12.5; α = √12.5·0.01.
		{&Adafactor{}, []float64{3, -4}, []float64{2, 0.5}, []float64{3 - math.Sqrt(12.5)*0.01, -4 - math.Sqrt(12.5)*0.01}},
		// RMS below ε₂ = 0.5: α = 0.5·min(2, 1) = 0.5; weight decay 1 − 2·0.1.
		{&Adafactor{LearningRate: 2, Eps2: 0.5, WeightDecay: 0.1}, []float64{0.01, 0}, []float64{-1, 3}, []float64{0.8*0.01 + 0.5, -0.5}},
	} {
		x := append([]float64(nil), c.x0...)
		c.o.Init(len(x))
		c.o.Step(x, c.g)
		for i := range x {
			if math.Abs(x[i]-c.want[i]) > 1e-15*math.Abs(c.want[i]) {
				t.Errorf("%+v: x₁ = %v, want %v", *c.o, x, c.want)
			}
		}
	}
	// Clipping: with one zero gradient element u = (sign, 0), RMS(u) =
	// 1/√2 ≤ d, so no clipping; with d = 1 and u = (1, 1, 1, 1): RMS 1.
	o := &Adafactor{Beta2Decay: Zero, LearningRate: 1}
	x := []float64{1, 1}
	o.Init(2)
	o.Step(x, []float64{1, 0})
	if x[0] != 0 || x[1] != 1 { // α = max(1e-3, 1)·1
		t.Errorf("step 1: %v, want [0 1]", x)
	}
	o.Step(x, []float64{4, 0}) // ρ = 1/√2, RMS(x) = 1/√2, u = (1, 0)
	if want := -0.5; math.Abs(x[0]-want) > 4e-16 {
		t.Errorf("step 2: x[0] = %.17g, want %g", x[0], want)
	}
}

// TestAdafactorBadInput: torch's checks, naming the key and the range.
func TestAdafactorBadInput(t *testing.T) {
	checkSpecErrors(t, map[string]string{
		"adafactor:lr=-1":           "invalid lr -1: must be ≥ 0",
		"adafactor:beta2_decay=0.5": "invalid beta2_decay 0.5: must be ≤ 0",
		"adafactor:eps1=-1":         "invalid eps1 -1: must be ≥ 0",
		"adafactor:eps2=-1":         "invalid eps2 -1: must be ≥ 0",
		"adafactor:d=0.5":           "invalid d 0.5: must be ≥ 1",
		"adafactor:d=0":             "invalid d -1: must be ≥ 1",
		"adafactor:weight_decay=-1": "invalid weight_decay -1: must be ≥ 0",
	})
}
