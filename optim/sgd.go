package optim

import (
	"fmt"
	"math"
	"sort"
	"strings"

	"github.com/descentgo/descent/internal/param"
	"github.com/descentgo/descent/spec"
)

// SGD is stochastic gradient descent with optional momentum, dampening,
// Nesterov momentum and L2 weight decay, step for step torch.optim.SGD
// (PyTorch 2.x, single-tensor path). With g = ∇f(x):
//
//	g ← g + λ·x                          (weight decay λ)
//	b ← g                   at step 1    (momentum μ ≠ 0)
//	b ← μ·b + (1−τ)·g       afterwards   (dampening τ)
//	g ← g + μ·b             if Nesterov, else g ← b
//	x ← x − lr·g
//
// Heavy-ball momentum is Polyak, "Some methods of speeding up the
// convergence of iteration methods" (1964); the Nesterov variant is Nesterov
// (1983) in the form of Sutskever et al., "On the importance of initialization
// and momentum in deep learning" (ICML 2013). As in PyTorch the velocity is
// not pre-multiplied by lr, and the first step sets b to g undamped.
//
// The zero value is PyTorch's default: lr = 0.001, no momentum.
type SGD struct {
	LearningRate float64 // lr; 0 means 0.001 (use Zero for a literal 0)
	Momentum     float64 // μ ≥ 0
	Dampening    float64 // τ, scales the gradient in the momentum update by 1−τ
	WeightDecay  float64 // λ ≥ 0, L2 penalty added to the gradient
	Nesterov     bool    // Nesterov momentum; needs μ > 0 and τ = 0

	lr  float64
	n   int
	t   int
	buf []float64 // momentum_buffer
}

func init() {
	Register(Entry{
		Name:    "sgd",
		Summary: "SGD with momentum, dampening and Nesterov (torch.optim.SGD; Polyak 1964, Sutskever et al. 2013)",
		Params: []spec.Field{
			{Key: "lr", Kind: spec.Float, Default: "0.001", Doc: "learning rate"},
			{Key: "momentum", Kind: spec.Float, Default: "0", Doc: "momentum factor μ"},
			{Key: "dampening", Kind: spec.Float, Default: "0", Doc: "dampening τ for momentum"},
			{Key: "weight_decay", Kind: spec.Float, Default: "0", Doc: "L2 penalty λ added to the gradient"},
			{Key: "nesterov", Kind: spec.Bool, Default: "false", Doc: "Nesterov momentum (needs momentum > 0, dampening = 0)"},
		},
		New: func(a spec.Args) (Algorithm, error) {
			o := &SGD{
				LearningRate: param.Explicit(a.Float("lr")),
				Momentum:     a.Float("momentum"),
				Dampening:    a.Float("dampening"),
				WeightDecay:  a.Float("weight_decay"),
				Nesterov:     a.Bool("nesterov"),
			}
			if _, err := o.resolve(); err != nil {
				return nil, a.Errorf("%v", err)
			}
			return o, nil
		},
	})
}

// resolve returns the learning rate with its default filled in, and checks
// the fields as torch.optim.SGD does.
func (o *SGD) resolve() (lr float64, err error) {
	lr = param.OrDefault(o.LearningRate, 0.001)
	if err := firstErr(
		nonNegative("lr", lr),
		nonNegative("momentum", o.Momentum),
		finite("dampening", o.Dampening),
		nonNegative("weight_decay", o.WeightDecay),
	); err != nil {
		return 0, err
	}
	if o.Nesterov && (o.Momentum <= 0 || o.Dampening != 0) {
		return 0, fmt.Errorf("nesterov=true requires momentum > 0 and dampening = 0 (got momentum=%g, dampening=%g)", o.Momentum, o.Dampening)
	}
	return lr, nil
}

// Init prepares SGD for n parameters and clears its state. It panics if a
// field is invalid (see New for the rules).
func (o *SGD) Init(n int) {
	lr, err := o.resolve()
	mustInit("sgd", n, err)
	o.lr, o.n, o.t = lr, n, 0
	if o.Momentum != 0 {
		o.buf = zeros(o.buf, n)
	} else {
		o.buf = o.buf[:0]
	}
}

// Step performs one SGD update of x in place from g = ∇f(x).
func (o *SGD) Step(x, g []float64) {
	checkStep("sgd", x, g, o.n)
	o.t++
	g = g[:len(x)]
	lr, wd, mu := o.lr, o.WeightDecay, o.Momentum
	if mu == 0 {
		for i, gi := range g {
			if wd != 0 {
				gi = math.FMA(wd, x[i], gi)
			}
			x[i] = math.FMA(-lr, gi, x[i])
		}
		return
	}
	first, damp, nesterov := o.t == 1, 1-o.Dampening, o.Nesterov
	buf := o.buf[:len(x)]
	for i, gi := range g {
		if wd != 0 {
			gi = math.FMA(wd, x[i], gi)
		}
		b := gi
		if !first {
			b = math.FMA(damp, gi, buf[i]*mu)
		}
		buf[i] = b
		if nesterov {
			gi = math.FMA(mu, b, gi)
		} else {
			gi = b
		}
		x[i] = math.FMA(-lr, gi, x[i])
	}
}

// LR returns the learning rate in use.
func (o *SGD) LR() float64 { return o.lr }

// SetLR sets the learning rate for the following steps.
func (o *SGD) SetLR(lr float64) { o.lr = lr }

// StableLR returns the stable bound at curvature L: 2/L without momentum;
// with momentum μ, Polyak's 2(1+μ)/L, or 2(1+μ)/((1+2μ)L) for Nesterov.
// PyTorch's momentum form b ← μb + (1−τ)g, x ← x − lr·b is the heavy ball
// with step lr(1−τ), so for 0 < 1−τ < 1 the bound on lr is divided by 1−τ.
func (o *SGD) StableLR(L float64) Bound {
	mu := o.Momentum
	if mu == 0 {
		return gdBound(L)
	}
	b := heavyBallBound(L, mu)
	if o.Nesterov {
		b = nesterovBound(L, mu)
	}
	if scale := 1 - o.Dampening; b.LR > 0 && scale > 0 && scale < 1 {
		b.LR /= scale
		b.Rule += " divided by (1 − dampening)"
	}
	return b
}

// SetMomentum sets μ for the following steps (a schedule cycling the
// momentum, schedule.ApplyMomentum), as torch's schedulers set
// param_group["momentum"]. μ must be in [0, 1).
func (o *SGD) SetMomentum(mu float64) {
	o.Momentum = mu
	if mu != 0 && len(o.buf) != o.n {
		o.buf = zeros(o.buf, o.n)
	}
}

// hasBuf reports whether SGD keeps a momentum buffer: μ ≠ 0 now or
// earlier in the run (a cycled momentum).
func (o *SGD) hasBuf() bool { return o.Momentum != 0 || (o.n > 0 && len(o.buf) == o.n) }

// State returns the step count, learning rate and momentum buffer.
func (o *SGD) State() State {
	st := State{Step: o.t, Scalars: map[string]float64{"lr": o.lr}}
	if o.hasBuf() {
		st.Vectors = map[string][]float64{"momentum_buffer": o.buf}
	}
	return st
}

// SetState restores a state saved by State, after Init with the same n.
func (o *SGD) SetState(st State) error {
	if _, ok := st.Vectors["momentum_buffer"]; ok && len(o.buf) != o.n {
		o.buf = zeros(o.buf, o.n) // saved while a schedule cycled μ
	}
	var vecs []vectorSlot
	if o.hasBuf() {
		vecs = []vectorSlot{{"momentum_buffer", o.buf}}
	}
	if err := loadState("sgd", st, o.n, []scalarSlot{{"lr", &o.lr}}, vecs); err != nil {
		return err
	}
	o.t = st.Step
	return nil
}

// ---- helpers shared by the torch.optim family ----

// Rounding. The update rules round exactly as ATen's CPU kernels do for
// float64 on x86-64 with FMA3 (checked by testdata/torch/gen_optim.py):
// Tensor.add(other, alpha) is fma(alpha, other, self), addcmul(t1, t2,
// value) is fma(value·t1, t2, self), addcdiv is self + (value·t1)/t2 and lerp
// is below. math.FMA gives the same single rounding on every platform, so
// results are reproducible bit for bit across machines.

// lerp returns a + w·(b−a) the way ATen's CPU lerp kernel (Tensor.lerp_)
// evaluates it: fma(w, b−a, a) for |w| < 0.5, else b − (b−a)·(1−w) with one
// rounding.
func lerp(a, b, w float64) float64 {
	if math.Abs(w) < 0.5 {
		return math.FMA(w, b-a, a)
	}
	return math.FMA(a-b, 1-w, b)
}

// maxNaN is torch.maximum for one element: the larger of a and b, NaN if
// either is NaN.
func maxNaN(a, b float64) float64 {
	if b > a || b != b {
		return b
	}
	return a
}

// zeros returns buf resized to n zeros, reusing its capacity.
func zeros(buf []float64, n int) []float64 {
	if cap(buf) < n {
		return make([]float64, n)
	}
	buf = buf[:n]
	clear(buf)
	return buf
}

// mustInit panics with a clear message if Init got invalid input: a
// programmer error, since New reports the same problems as errors.
func mustInit(name string, n int, err error) {
	if err != nil {
		panic(fmt.Sprintf("optim: %s: %v", name, err))
	}
	if n < 0 {
		panic(fmt.Sprintf("optim: %s: Init(%d): negative dimension", name, n))
	}
}

// checkStep panics unless len(x) == len(g) == n.
func checkStep(name string, x, g []float64, n int) {
	if len(x) != n || len(g) != n {
		stepLenPanic(name, len(x), len(g), n)
	}
}

// stepLenPanic is kept out of line so that checkStep inlines.
//
//go:noinline
func stepLenPanic(name string, nx, ng, n int) {
	panic(fmt.Sprintf("optim: %s.Step: len(x)=%d, len(g)=%d, want %d (the n given to Init)", name, nx, ng, n))
}

func firstErr(errs ...error) error {
	for _, err := range errs {
		if err != nil {
			return err
		}
	}
	return nil
}

func finite(key string, v float64) error {
	if math.IsNaN(v) || math.IsInf(v, 0) {
		return fmt.Errorf("invalid %s %g: must be finite", key, v)
	}
	return nil
}

func nonNegative(key string, v float64) error {
	if err := finite(key, v); err != nil {
		return err
	}
	if v < 0 {
		return fmt.Errorf("invalid %s %g: must be ≥ 0", key, v)
	}
	return nil
}

// inUnit checks 0 ≤ v < 1 (closed = false) or 0 ≤ v ≤ 1 (closed = true).
func inUnit(key string, v float64, closed bool) error {
	if err := finite(key, v); err != nil {
		return err
	}
	if closed && (v < 0 || v > 1) {
		return fmt.Errorf("invalid %s %g: must be in [0, 1]", key, v)
	}
	if !closed && (v < 0 || v >= 1) {
		return fmt.Errorf("invalid %s %g: must be in [0, 1)", key, v)
	}
	return nil
}

type scalarSlot struct {
	name string
	dst  *float64
}

type vectorSlot struct {
	name string
	dst  []float64
}

// loadState checks st against the expected scalars and vectors (exactly
// these names, vectors of length n, Step ≥ 0) and only then copies it in,
// so a failed SetState leaves the algorithm unchanged.
func loadState(name string, st State, n int, scalars []scalarSlot, vectors []vectorSlot) error {
	if st.Step < 0 {
		return fmt.Errorf("optim: %s: invalid state: step %d < 0", name, st.Step)
	}
	var wantS, wantV []string
	for _, s := range scalars {
		wantS = append(wantS, s.name)
	}
	for _, v := range vectors {
		wantV = append(wantV, v.name)
	}
	for _, k := range sortedKeys(st.Scalars) {
		if !contains(wantS, k) {
			return fmt.Errorf("optim: %s: invalid state: unexpected scalar %q (want: %s)", name, k, listOrNone(wantS))
		}
	}
	for _, k := range sortedKeys(st.Vectors) {
		if !contains(wantV, k) {
			return fmt.Errorf("optim: %s: invalid state: unexpected vector %q (want: %s)", name, k, listOrNone(wantV))
		}
	}
	for _, s := range scalars {
		if _, ok := st.Scalars[s.name]; !ok {
			return fmt.Errorf("optim: %s: invalid state: missing scalar %q", name, s.name)
		}
	}
	for _, v := range vectors {
		src, ok := st.Vectors[v.name]
		if !ok {
			return fmt.Errorf("optim: %s: invalid state: missing vector %q", name, v.name)
		}
		if len(src) != n || len(v.dst) != n {
			return fmt.Errorf("optim: %s: invalid state: vector %q has length %d, want %d (the n given to Init)", name, v.name, len(src), n)
		}
	}
	for _, s := range scalars {
		*s.dst = st.Scalars[s.name]
	}
	for _, v := range vectors {
		copy(v.dst, st.Vectors[v.name])
	}
	return nil
}

func sortedKeys[V any](m map[string]V) []string {
	ks := make([]string, 0, len(m))
	for k := range m {
		ks = append(ks, k)
	}
	sort.Strings(ks)
	return ks
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

func listOrNone(list []string) string {
	if len(list) == 0 {
		return "none"
	}
	return strings.Join(list, ", ")
}
