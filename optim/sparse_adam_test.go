package optim

import (
	"math"
	"strconv"
	"strings"
	"testing"
)

// Reference trajectories of torch.optim.SparseAdam with sparse COO
// gradients (Debian's torch 1.13.1; the 2.x rule is the same, see
// testdata/torch/gen_sparse_adam.py) in testdata/torch/sparse_adam.json.

type sparseAdamFile struct {
	TorchVersion string         `json:"torch_version"`
	Rows         [][][2]float64 `json:"rows"`
	Y            []float64      `json:"y"`
	Batch        int            `json:"batch"`
	Defaults     map[string]any `json:"defaults_2x"`
	Cases        []struct {
		Spec     string      `json:"spec"`
		Func     string      `json:"func"`
		X0       []float64   `json:"x0"`
		Traj     [][]float64 `json:"traj"`
		ExpAvg   [][]float64 `json:"exp_avg"`
		ExpAvgSq [][]float64 `json:"exp_avg_sq"`
	} `json:"cases"`
}

func init() {
	torchZeroValues = append(torchZeroValues, struct {
		name            string
		zero, explicitV func() Optimizer
		lr              float64
	}{"sparse_adam", func() Optimizer { return &SparseAdam{} }, func() Optimizer {
		return &SparseAdam{LearningRate: 1e-3, Beta1: 0.9, Beta2: 0.999, Eps: 1e-8}
	}, 1e-3})
}

// lsqGrad is gen_sparse_adam.py's mini-batch least-squares gradient at
// step k (0-based), in the script's order of operations.
func (f *sparseAdamFile) lsqGrad(k int, g, x []float64) {
	clear(g)
	start := (k * f.Batch) % len(f.Rows)
	for r := start; r < start+f.Batch; r++ {
		var res float64
		for _, e := range f.Rows[r] {
			res += float64(e[1] * x[int(e[0])])
		}
		res -= f.Y[r]
		for _, e := range f.Rows[r] {
			g[int(e[0])] += float64(e[1] * res)
		}
	}
}

// TestSparseAdamTorchReference replays every case bit for bit (x after every
// step; the moments on the sparse problem), and checks on the sparse
// problem that the coordinates a step does not touch keep x, m and v.
func TestSparseAdamTorchReference(t *testing.T) {
	var f sparseAdamFile
	readTorchJSON(t, "sparse_adam.json", &f)
	if len(f.Cases) < 16 {
		t.Fatalf("%d cases, want ≥ 16", len(f.Cases))
	}
	untouchedSeen := 0
	for _, c := range f.Cases {
		t.Run(c.Spec+"/"+c.Func, func(t *testing.T) {
			o := torchNew(t, c.Spec).(*SparseAdam)
			x := append([]float64(nil), c.X0...)
			g := make([]float64, len(x))
			o.Init(len(x))
			for k, want := range c.Traj {
				prevM, prevV, prevX := append([]float64(nil), o.m...), append([]float64(nil), o.v...), append([]float64(nil), x...)
				if c.Func == "lsq_sparse" {
					f.lsqGrad(k, g, x)
				} else {
					tf, ok := torchFuncs[c.Func]
					if !ok {
						t.Fatalf("unknown function %q", c.Func)
					}
					tf.grad(g, x)
				}
				o.Step(x, g)
				if _, same := torchSame([][]float64{x}, [][]float64{want}); !same {
					t.Fatalf("step %d: x = %.17g, torch %.17g", k+1, x, want)
				}
				if c.ExpAvg == nil {
					continue
				}
				if _, same := torchSame([][]float64{o.m, o.v}, [][]float64{c.ExpAvg[k], c.ExpAvgSq[k]}); !same {
					t.Fatalf("step %d: m, v = %v, %v; torch %v, %v", k+1, o.m, o.v, c.ExpAvg[k], c.ExpAvgSq[k])
				}
				for i, gi := range g {
					if gi == 0 && k > 0 {
						untouchedSeen++
						if o.m[i] != prevM[i] || o.v[i] != prevV[i] || x[i] != prevX[i] {
							t.Fatalf("step %d: untouched coordinate %d changed", k+1, i)
						}
					}
				}
			}
		})
	}
	e, _ := Lookup("sparse_adam")
	for _, p := range e.Params {
		if w, ok := f.Defaults[p.Key]; !ok || p.Default != strings.TrimSuffix(strings.Replace(fmtG(w.(float64)), "e-0", "e-0", 1), "") {
			t.Errorf("key %s default %q, torch %v", p.Key, p.Default, w)
		}
	}
	if len(e.Params) != len(f.Defaults) {
		t.Errorf("%d keys, torch has %d", len(e.Params), len(f.Defaults))
	}
	if untouchedSeen < 100 {
		t.Errorf("%d untouched coordinate-steps in the sparse cases, want ≥ 100", untouchedSeen)
	}
}

// TestSparseAdamClosedForm: the first step moves each touched coordinate by
// lr·sign(g)·|g|/(|g| + ε/… ) = lr·g/(|g| + ε) (m̂ = g, v̂ = g² after bias
// correction with torch's ε placement: √v = √(1−β₂)|g|, step size
// lr·√(1−β₂)/(1−β₁)), and leaves the others.
func TestSparseAdamClosedForm(t *testing.T) {
	o := &SparseAdam{LearningRate: 0.1}
	o.Init(3)
	x := []float64{1, 2, 3}
	g := []float64{0.5, 0, -4}
	o.Step(x, g)
	for i, gi := range g {
		want := []float64{1, 2, 3}[i]
		if gi != 0 {
			m := 0.1 * gi                                // (1−β₁)g
			s := math.Sqrt(0.001 * gi * gi)              // √v = √((1−β₂)g²)
			step := 0.1 * math.Sqrt(1-0.999) / (1 - 0.9) // lr·√(1−β₂)/(1−β₁)
			want -= step * m / (s + 1e-8)
		}
		if math.Abs(x[i]-want) > 1e-15*math.Abs(want) {
			t.Errorf("x[%d] = %.17g, want %.17g", i, x[i], want)
		}
	}
}

// TestSparseAdamBadInput: torch's range checks, with the key and the range
// named; CheckSparse refuses it on dense problems and says why.
func TestSparseAdamBadInput(t *testing.T) {
	checkSpecErrors(t, map[string]string{
		"sparse_adam:lr=0":      "invalid lr 0: must be > 0",
		"sparse_adam:lr=-1":     "invalid lr -1: must be > 0",
		"sparse_adam:eps=0":     "invalid eps 0: must be > 0",
		"sparse_adam:beta1=1":   "invalid beta1 1: must be in [0, 1)",
		"sparse_adam:beta2=-.1": "invalid beta2 -0.1: must be in [0, 1)",
	})
	a, _ := New("sparse_adam")
	if err := CheckSparse(a, true); err != nil {
		t.Errorf("CheckSparse(sparse) = %v", err)
	}
	err := CheckSparse(WithClip(a.(Optimizer), 1, 0), false)
	if err == nil || !strings.Contains(err.Error(), "sparse data") || !strings.Contains(err.Error(), "dense") {
		t.Errorf("CheckSparse(dense) = %v, want an error saying the problem is dense", err)
	}
	b, _ := New("adam")
	if err := CheckSparse(b, false); err != nil {
		t.Errorf("CheckSparse(adam, dense) = %v", err)
	}
}

func fmtG(v float64) string { return strconv.FormatFloat(v, 'g', -1, 64) }
