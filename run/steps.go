package run

import (
	"maps"
	"math"
	"slices"

	"github.com/descentgo/descent/minimize"
	"github.com/descentgo/descent/optim"
)

// Step is one iteration of a run in full, for a front end that shows a run
// step by step (the playground's Step button and scrubber): the point x_k,
// f(x_k), the gradient ∇f(x_k), the learning rate the step to x_k used and
// the optimizer's state after that step. The update of step k+1 is
// x_{k+1} − x_k (for plain gradient descent −lr·∇f(x_k)); row 0 is the
// start point with the state as Init left it.
type Step struct {
	Iter int     `json:"iter"`
	X    []Float `json:"x"`
	F    Float   `json:"f"`
	Grad []Float `json:"grad"`
	LR   Float   `json:"lr"`
	// State holds the optimizer's vectors by their PyTorch names (Adam's
	// exp_avg m and exp_avg_sq v, RMSprop's square_avg, SGD's
	// momentum_buffer, …), as optim.Stateful reports them; absent for
	// methods without vectors.
	State map[string][]Float `json:"state,omitempty"`
	// EffectiveLR is lr/(√v̂ᵢ+ε) per coordinate for the adaptive methods
	// (optim.PerCoordinate): the step coordinate i takes per unit of its
	// momentum-averaged gradient.
	EffectiveLR []Float `json:"effective_lr,omitempty"`
}

// stepRecorder keeps the first limit rows of a run as Steps. sign is −1
// when the run minimizes −F for a maximization: F and the gradient are
// reported for F, the state as the optimizer holds it.
type stepRecorder struct {
	alg   optim.Algorithm
	limit int
	sign  float64
	rows  []Step
}

func (r *stepRecorder) Observe(row minimize.Row) error {
	if len(r.rows) >= r.limit {
		return nil
	}
	if !finiteRow(row) {
		r.limit = len(r.rows) // a front end draws up to the last finite point
		return nil
	}
	st := Step{Iter: row.Iter, X: Floats(row.X), F: Float(r.sign * row.F), LR: Float(row.LR), Grad: make([]Float, len(row.Grad))}
	for i, v := range row.Grad {
		st.Grad[i] = Float(r.sign * v)
	}
	a := optim.Unwrap(r.alg)
	if s, ok := a.(optim.Stateful); ok {
		vecs := s.State().Vectors
		for _, k := range slices.Sorted(maps.Keys(vecs)) {
			v := vecs[k]
			if len(v) != len(row.X) {
				continue // a factored or per-layer buffer: not per coordinate
			}
			if st.State == nil {
				st.State = map[string][]Float{}
			}
			st.State[k] = Floats(v)
		}
	}
	if pc, ok := a.(optim.PerCoordinate); ok && row.Iter > 0 {
		st.EffectiveLR = Floats(pc.EffectiveLR(make([]float64, len(row.X))))
	}
	r.rows = append(r.rows, st)
	return nil
}

// finiteRow reports whether f, x and the gradient of row are all finite.
func finiteRow(row minimize.Row) bool {
	if math.IsNaN(row.F) || math.IsInf(row.F, 0) {
		return false
	}
	for _, v := range [][]float64{row.X, row.Grad} {
		for _, x := range v {
			if math.IsNaN(x) || math.IsInf(x, 0) {
				return false
			}
		}
	}
	return true
}
