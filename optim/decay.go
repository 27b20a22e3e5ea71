package optim

// DecayCapped is implemented by methods whose decoupled weight decay λ
// bounds the weights they can reach, whatever the objective:
//
//	x ← (1 − lr·λ)·x − lr·u,   |uᵢ| ≤ 1
//
// keeps |xᵢ| ≤ max(|x₀ᵢ|, 1/λ) while lr·λ ≤ 1 (from |xᵢ| ≤ 1/λ the next
// |xᵢ| is at most (1 − lr·λ)/λ + lr = 1/λ), and a coordinate settles where its
// normalized step balances the decay, uᵢ = −λ·xᵢ — at |xᵢ| = 1/λ only when
// its gradient keeps one sign for good. Lion's u = sign(·) has |uᵢ| = 1
// exactly (Chen et al. 2023, "Symbolic Discovery of Optimization
// Algorithms", §3); the Adam family's u = m̂/(√v̂+ε) has |uᵢ| ≤ 1 while the
// gradient keeps its sign and its size (Loshchilov & Hutter 2019,
// "Decoupled Weight Decay Regularization"; Wang & Aitchison 2024, "How to
// set AdamW's weight decay as you scale model and dataset size", who read
// AdamW's weights as an exponential moving average of −u/λ over 1/(lr·λ)
// steps). A weight the fit needs beyond 1/λ is out of reach at every
// learning rate.
type DecayCapped interface {
	// DecayCap returns 1/λ, or 0 when the method decays no weight this way.
	DecayCap() float64
}

// DecayCap returns the largest |xᵢ| a's decoupled weight decay lets a
// normalized step hold (DecayCapped), 0 when a has no such decay. Clipping
// wrappers are looked through: clipping changes g, not the normalized u.
func DecayCap(a Algorithm) float64 {
	if d, ok := Unwrap(a).(DecayCapped); ok {
		return d.DecayCap()
	}
	return 0
}

// decayCap is 1/λ for a decoupled decay λ > 0, else 0.
func decayCap(decoupled bool, wd float64) float64 {
	if !decoupled || !(wd > 0) {
		return 0
	}
	return 1 / wd
}

// DecayCap returns 1/λ with decoupled weight decay λ > 0 (see DecayCapped).
func (o *Adam) DecayCap() float64 { return decayCap(o.DecoupledWeightDecay, o.WeightDecay) }

// DecayCap returns 1/λ, λ's default 0.01 giving 100 (see DecayCapped).
func (o *AdamW) DecayCap() float64 {
	c, err := o.resolve()
	if err != nil {
		return 0
	}
	return decayCap(true, c.wd)
}

// DecayCap returns 1/λ with decoupled weight decay λ > 0 (see DecayCapped).
func (o *NAdam) DecayCap() float64 { return decayCap(o.DecoupledWeightDecay, o.WeightDecay) }

// DecayCap returns 1/λ with decoupled weight decay λ > 0 (see DecayCapped).
func (o *RAdam) DecayCap() float64 { return decayCap(o.DecoupledWeightDecay, o.WeightDecay) }

// DecayCap returns 1/λ with weight decay λ > 0, always decoupled in Lion
// (see DecayCapped).
func (o *Lion) DecayCap() float64 { return decayCap(true, o.WeightDecay) }
