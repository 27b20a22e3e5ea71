package optim

import (
	"math"
	"strings"
	"testing"
)

// Reference values for Muon: testdata/torch/gen_muon.py transcribes
// KellerJordan/Muon's muon.py in float64 numpy and adds numpy's SVD.

type muonFile struct {
	NS []struct {
		Rows, Cols int
		G, NS, UVT []float64
	}
	Blocks [][3]int
	N      int
	Spec   string
	X0     []float64
	Grads  [][]float64
	Traj   [][]float64
}

func init() {
	torchZeroValues = append(torchZeroValues, struct {
		name            string
		zero, explicitV func() Optimizer
		lr              float64
	}{"muon", func() Optimizer { return &Muon{} }, func() Optimizer {
		return &Muon{LearningRate: 0.02, Momentum: 0.95, NSSteps: 5, AdamLR: 3e-4, AdamBeta1: 0.9, AdamBeta2: 0.95, AdamEps: 1e-10}
	}, 0.02})
}

// TestMuonNewtonSchulz: the quintic iteration equals the numpy
// transcription to 1e-12, and against the SVD G = USVᵀ it is U S' Vᵀ:
// M = R·(UVᵀ)ᵀ (or (UVᵀ)ᵀ·R for tall G) is symmetric (the singular vectors
// are G's) with eigenvalues S' in the iteration's band [0.6, 1.2]: checked
// as symmetry to 1e-12 and ‖M − I‖_F ≤ 0.4·√k, trace/k in [0.6, 1.2].
func TestMuonNewtonSchulz(t *testing.T) {
	var f muonFile
	readTorchJSON(t, "muon.json", &f)
	for _, c := range f.NS {
		o := &Muon{}
		o.SetBlocks([]Block{{0, c.Rows, c.Cols}})
		o.Init(c.Rows * c.Cols)
		r := o.newtonSchulz(append([]float64(nil), c.G...), c.Rows, c.Cols)
		for i, w := range c.NS {
			if math.Abs(r[i]-w) > 1e-12*math.Max(1, math.Abs(w)) {
				t.Fatalf("%d×%d: NS[%d] = %.17g, numpy %.17g", c.Rows, c.Cols, i, r[i], w)
			}
		}
		k := min(c.Rows, c.Cols)
		M := make([]float64, k*k)
		for i := 0; i < k; i++ {
			for j := 0; j < k; j++ {
				var s float64
				if c.Rows <= c.Cols { // (R Qᵀ)_ij = Σ_l R_il Q_jl
					for l := 0; l < c.Cols; l++ {
						s += r[i*c.Cols+l] * c.UVT[j*c.Cols+l]
					}
				} else { // (Qᵀ R)_ij = Σ_l Q_li R_lj
					for l := 0; l < c.Rows; l++ {
						s += c.UVT[l*c.Cols+i] * r[l*c.Cols+j]
					}
				}
				M[i*k+j] = s
			}
		}
		var off, tr float64
		for i := 0; i < k; i++ {
			tr += M[i*k+i]
			for j := 0; j < k; j++ {
				if math.Abs(M[i*k+j]-M[j*k+i]) > 1e-12 {
					t.Errorf("%d×%d: M not symmetric at (%d,%d): the singular vectors moved", c.Rows, c.Cols, i, j)
				}
				d := M[i*k+j]
				if i == j {
					d--
				}
				off += d * d
			}
		}
		if math.Sqrt(off) > 0.4*math.Sqrt(float64(k)) || tr/float64(k) < 0.6 || tr/float64(k) > 1.2 {
			t.Errorf("%d×%d: ‖M − I‖_F = %g, trace/k = %g", c.Rows, c.Cols, math.Sqrt(off), tr/float64(k))
		}
	}
}

// TestMuonReferenceSteps: three steps on a 3→4→2 MLP's parameters (Muon for
// W1, W2; AdamW for b1, b2) equal the numpy transcription of the reference
// to 1e-12.
func TestMuonReferenceSteps(t *testing.T) {
	var f muonFile
	readTorchJSON(t, "muon.json", &f)
	o := torchNew(t, f.Spec).(*Muon)
	var bs []Block
	for _, b := range f.Blocks {
		bs = append(bs, Block{b[0], b[1], b[2]})
	}
	o.SetBlocks(append(bs, Block{12, 4, 1})) // a bias block is left to AdamW
	o.Init(f.N)
	x := append([]float64(nil), f.X0...)
	for k, g := range f.Grads {
		o.Step(x, g)
		for i, w := range f.Traj[k] {
			if math.Abs(x[i]-w) > 1e-12*math.Max(1, math.Abs(w)) {
				t.Fatalf("step %d: x[%d] = %.17g, reference %.17g", k+1, i, x[i], w)
			}
		}
	}
}

// TestMuonBadInput: out-of-range keys are errors naming the key and range.
func TestMuonBadInput(t *testing.T) {
	checkSpecErrors(t, map[string]string{
		"muon:lr=0":            "invalid lr 0: must be > 0",
		"muon:momentum=1":      "invalid momentum 1: must be in [0, 1)",
		"muon:ns_steps=0":      "invalid ns_steps 0: must be ≥ 1",
		"muon:adam_beta2=1.5":  "invalid adam_beta2 1.5: must be in [0, 1)",
		"muon:adam_eps=0":      "invalid adam_eps 0: must be > 0",
		"muon:weight_decay=-1": "invalid weight_decay -1: must be ≥ 0",
	})
}

// checkSpecErrors checks that New refuses every spec with an error
// containing its message (the key and the valid range).
func checkSpecErrors(t *testing.T, cases map[string]string) {
	t.Helper()
	for spec, msg := range cases {
		if _, err := New(spec); err == nil || !strings.Contains(err.Error(), msg) {
			t.Errorf("New(%q) = %v, want an error saying %q", spec, err, msg)
		}
	}
}
