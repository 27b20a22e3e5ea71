package model

import (
	"fmt"

	"github.com/descentgo/descent/data"
	"github.com/descentgo/descent/fn"
)

// Objective is the full-batch training objective of a model over the data
// set of a backend, as an fn.Func for package optim's methods:
//
//	F(θ) = (1/n)·Σᵢ ℓᵢ(θ) + (l2/2)·‖W‖² + l1·‖W‖₁.
//
// The data term comes from Backend.SumGrad, so it is bit-reproducible
// whenever the backend is.
type Objective struct {
	m    Model
	b    Backend
	invN float64
}

var _ fn.Func = (*Objective)(nil)

// NewObjective returns the full-batch objective of m over the data of b.
func NewObjective(m Model, b Backend) (*Objective, error) {
	if b.N() < 1 {
		return nil, fmt.Errorf("model: no examples")
	}
	return &Objective{m: m, b: b, invN: 1 / float64(b.N())}, nil
}

// Dim returns the number of parameters.
func (o *Objective) Dim() int { return o.m.NumParams() }

// Value returns F(θ), computing the losses only.
func (o *Objective) Value(params []float64) float64 {
	return o.b.SumGrad(nil, params)*o.invN + o.m.Penalty(nil, params)
}

// ValueGrad stores ∇F(θ) in grad and returns F(θ).
func (o *Objective) ValueGrad(grad, params []float64) float64 {
	v := o.b.SumGrad(grad, params) * o.invN
	for i := range grad {
		grad[i] *= o.invN
	}
	return v + o.m.Penalty(grad, params)
}

// BatchObjective stores in grad the gradient of the mini-batch objective
//
//	F_B(θ) = (1/|B|)·Σ_{i∈B} ℓᵢ(θ) + (l2/2)·‖W‖² + l1·‖W‖₁
//
// over the rows idx of the dense data (X, y) (all rows if idx is nil) and
// returns F_B(θ); this is the stochastic gradient that an optim.Optimizer
// steps on. With grad == nil it returns the value only.
func BatchObjective(grad, params []float64, m Model, X, y []float64, idx []int, ws *Workspace) float64 {
	n := len(y)
	if idx != nil {
		n = len(idx)
	}
	if n == 0 {
		panic("model: BatchObjective: empty batch")
	}
	if grad != nil {
		clear(grad)
	}
	if s, ok := m.(scaledLossGrader); ok && grad != nil {
		inv := 1 / float64(n)
		return s.lossGradScaled(grad, params, X, y, idx, ws, inv)*inv + m.Penalty(grad, params)
	}
	return finishBatch(grad, params, m, m.LossGradDense(grad, params, X, y, idx, ws), n)
}

// scaledLossGrader is implemented by models that can scale their gradient
// on the way (the MLP scales its output deltas), saving BatchObjective a
// pass over a large gradient.
type scaledLossGrader interface {
	lossGradScaled(grad, params, X, y []float64, idx []int, ws *Workspace, scale float64) float64
}

// BatchObjectiveCSR is BatchObjective for the rows idx of a CSR data set
// (all rows if idx is nil). It panics if m does not implement Sparse.
func BatchObjectiveCSR(grad, params []float64, m Model, X *data.CSR, idx []int, ws *Workspace) float64 {
	n := X.N
	if idx != nil {
		n = len(idx)
	}
	if n == 0 {
		panic("model: BatchObjectiveCSR: empty batch")
	}
	if grad != nil {
		clear(grad)
	}
	return finishBatch(grad, params, m, m.(Sparse).LossGradCSR(grad, params, X, idx, ws), n)
}

// finishBatch divides the summed loss and gradient by n and adds the penalty.
func finishBatch(grad, params []float64, m Model, sum float64, n int) float64 {
	inv := 1 / float64(n)
	for i := range grad {
		grad[i] *= inv
	}
	return sum*inv + m.Penalty(grad, params)
}
