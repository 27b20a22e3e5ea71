package optim

import (
	"fmt"
	"math"

	"github.com/descentgo/descent/fn"
)

// ClipNorm rescales g in place so that ‖g‖₂ ≤ maxNorm, exactly as
// torch.nn.utils.clip_grad_norm_ does: g ← g·min(1, maxNorm/(‖g‖₂ + 1e-6)).
// It returns the norm before clipping. maxNorm ≤ 0 leaves g unchanged.
//
// Clipping is Pascanu, Mikolov & Bengio, "On the difficulty of training
// recurrent neural networks" (ICML 2013).
func ClipNorm(g []float64, maxNorm float64) float64 {
	norm := fn.Norm2(g)
	if maxNorm > 0 {
		if coef := maxNorm / (norm + 1e-6); coef < 1 {
			for i := range g {
				g[i] *= coef
			}
		}
	}
	return norm
}

// ClipValue clamps every component of g in place to [−maxValue, maxValue],
// as torch.nn.utils.clip_grad_value_ does. maxValue ≤ 0 leaves g unchanged.
func ClipValue(g []float64, maxValue float64) {
	if maxValue <= 0 {
		return
	}
	for i, v := range g {
		g[i] = math.Max(-maxValue, math.Min(maxValue, v))
	}
}

// Clip applies ClipNorm and then ClipValue; a zero threshold skips its part.
func Clip(g []float64, maxNorm, maxValue float64) {
	if maxNorm > 0 {
		ClipNorm(g, maxNorm)
	}
	ClipValue(g, maxValue)
}

// WithClip returns o with its gradient clipped before every step: Clip(g,
// maxNorm, maxValue) on a copy of g, then o.Step. It is the one place where
// descent clips gradients, for minimization and training alike. Both
// thresholds ≤ 0 return o itself. The result has o's learning rate (LRer),
// state (Stateful) and stable bound (Bounded) when o has them.
func WithClip(o Optimizer, maxNorm, maxValue float64) Optimizer {
	if maxNorm <= 0 && maxValue <= 0 {
		return o
	}
	return &Clipped{Opt: o, MaxNorm: maxNorm, MaxValue: maxValue}
}

// Clipped is an Optimizer whose gradient is clipped before each step of
// Opt (see WithClip).
type Clipped struct {
	Opt      Optimizer
	MaxNorm  float64 // ‖g‖₂ ≤ MaxNorm (clip_grad_norm_); ≤ 0 = off
	MaxValue float64 // |g_i| ≤ MaxValue (clip_grad_value_); ≤ 0 = off
	g        []float64
}

// Init prepares Opt for n parameters.
func (c *Clipped) Init(n int) {
	c.Opt.Init(n)
	if cap(c.g) < n {
		c.g = make([]float64, n)
	}
	c.g = c.g[:n]
}

// Step clips a copy of g and steps Opt with it; g is not modified.
func (c *Clipped) Step(x, g []float64) {
	cg := c.g[:len(g)]
	copy(cg, g)
	Clip(cg, c.MaxNorm, c.MaxValue)
	c.Opt.Step(x, cg)
}

// LR returns Opt's learning rate (NaN if it has none).
func (c *Clipped) LR() float64 {
	if l, ok := c.Opt.(LRer); ok {
		return l.LR()
	}
	return math.NaN()
}

// SetLR sets Opt's learning rate, if it has one.
func (c *Clipped) SetLR(lr float64) {
	if l, ok := c.Opt.(LRer); ok {
		l.SetLR(lr)
	}
}

// State returns Opt's state (the zero State if Opt keeps none).
func (c *Clipped) State() State {
	if s, ok := c.Opt.(Stateful); ok {
		return s.State()
	}
	return State{}
}

// SetState restores Opt's state.
func (c *Clipped) SetState(st State) error {
	if s, ok := c.Opt.(Stateful); ok {
		return s.SetState(st)
	}
	if st.Step != 0 || len(st.Scalars) > 0 || len(st.Vectors) > 0 {
		return fmt.Errorf("optim: %T keeps no state to restore", c.Opt)
	}
	return nil
}

// StableLR returns Opt's bound: clipping only shortens steps.
func (c *Clipped) StableLR(L float64) Bound { return StableLR(c.Opt, L) }
