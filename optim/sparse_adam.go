package optim

import (
	"fmt"
	"math"

	"github.com/descentgo/descent/internal/param"
	"github.com/descentgo/descent/spec"
)

// SparseAdam is torch.optim.SparseAdam (the lazy Adam of
// torch/optim/_functional.py's sparse_adam, the same operations in PyTorch
// 1.13 and 2.x): only the coordinates that the gradient touches have their
// moments and parameters updated. A coordinate is touched when its
// gradient element is non-zero (torch's sparse gradient lists its indices;
// an explicitly stored 0 is treated as absent here). At step t, for every
// touched i:
//
//	mᵢ ← mᵢ + (1−β₁)(gᵢ − mᵢ)
//	vᵢ ← vᵢ + (1−β₂)(gᵢ² − vᵢ)
//	xᵢ ← xᵢ − (lr·√(1−β₂ᵗ)/(1−β₁ᵗ)) · mᵢ/(√vᵢ + ε)
//
// t counts every step, touched or not, as torch's state["step"] does. The
// moments of an untouched coordinate do not decay, and it does not move:
// on dense gradients (every element non-zero) this is Adam with ε outside
// the bias correction of v. It suits sparse data (LIBSVM features, one-hot
// inputs), where a mini-batch touches few coordinates; engines refuse it on
// dense problems (see SparseOnly). There is no weight decay (torch has
// none: an L2 penalty would touch every coordinate).
//
// The zero value is PyTorch's default: lr = 0.001, β₁ = 0.9, β₂ = 0.999,
// ε = 1e-8.
type SparseAdam struct {
	LearningRate float64 // lr > 0; 0 means 0.001
	Beta1        float64 // β₁ ∈ [0, 1); 0 means 0.9 (use Zero for a literal 0)
	Beta2        float64 // β₂ ∈ [0, 1); 0 means 0.999 (use Zero for a literal 0)
	Eps          float64 // ε > 0; 0 means 1e-8

	moments // lr, β₁, β₂, ε, and whether a schedule cycles β₁
	n, t    int
	p1, p2  powSeq
	m, v    []float64
}

// SparseOnly is implemented by optimizers that are meant for sparse
// gradients only (SparseAdam); SparseOnly returns the name for messages.
type SparseOnly interface {
	SparseOnly() string
}

// CheckSparse returns an error when a is SparseOnly and the problem is not
// sparse (sparse: the gradients come from a sparse data set, so that most
// elements are zero).
func CheckSparse(a Algorithm, sparse bool) error {
	s, ok := Unwrap(a).(SparseOnly)
	if !ok || sparse {
		return nil
	}
	return fmt.Errorf("%s updates only the coordinates a sparse gradient touches, but this problem is dense (every coordinate has a gradient at every step): use it with sparse data (a LIBSVM file and a linear, logistic or softmax model), or use adam", s.SparseOnly())
}

func init() {
	Register(Entry{
		Name:    "sparse_adam",
		Summary: "lazy Adam for sparse gradients: moments and parameters updated only where the gradient is non-zero (torch.optim.SparseAdam)",
		Params: []spec.Field{
			{Key: "lr", Kind: spec.Float, Default: "0.001", Doc: "learning rate"},
			{Key: "beta1", Kind: spec.Float, Default: "0.9", Doc: "decay β₁ of the first moment"},
			{Key: "beta2", Kind: spec.Float, Default: "0.999", Doc: "decay β₂ of the second moment"},
			{Key: "eps", Kind: spec.Float, Default: "1e-08", Doc: "ε added to √v"},
		},
		New: func(a spec.Args) (Algorithm, error) {
			o := &SparseAdam{
				LearningRate: a.Float("lr"),
				Beta1:        param.Explicit(a.Float("beta1")),
				Beta2:        param.Explicit(a.Float("beta2")),
				Eps:          a.Float("eps"),
			}
			if a.Given("lr") && !(o.LearningRate > 0) {
				return nil, a.Errorf("invalid lr %g: must be > 0", o.LearningRate)
			}
			if a.Given("eps") && !(o.Eps > 0) {
				return nil, a.Errorf("invalid eps %g: must be > 0", o.Eps)
			}
			if err := o.resolve(); err != nil {
				return nil, a.Errorf("%v", err)
			}
			return o, nil
		},
	})
}

// resolve fills in the defaults and makes torch's checks (lr > 0, ε > 0,
// 0 ≤ β < 1).
func (o *SparseAdam) resolve() error {
	o.lr = o.LearningRate
	if o.lr == 0 {
		o.lr = 0.001
	}
	o.eps = o.Eps
	if o.eps == 0 {
		o.eps = 1e-8
	}
	o.beta1 = param.OrDefault(o.Beta1, 0.9)
	o.beta2 = param.OrDefault(o.Beta2, 0.999)
	if !(o.lr > 0) || math.IsInf(o.lr, 0) {
		return fmt.Errorf("invalid lr %g: must be > 0 and finite", o.lr)
	}
	if !(o.eps > 0) || math.IsInf(o.eps, 0) {
		return fmt.Errorf("invalid eps %g: must be > 0 and finite", o.eps)
	}
	return firstErr(inUnit("beta1", o.beta1, false), inUnit("beta2", o.beta2, false))
}

// SparseOnly implements SparseOnly.
func (o *SparseAdam) SparseOnly() string { return "sparse_adam" }

// Init prepares SparseAdam for n parameters and clears its state. It
// panics if a field is invalid.
func (o *SparseAdam) Init(n int) {
	mustInit("sparse_adam", n, o.resolve())
	o.n, o.t, o.cycled = n, 0, false
	o.m = zeros(o.m, n)
	o.v = zeros(o.v, n)
	o.p1.reset(o.beta1)
	o.p2.reset(o.beta2)
}

// LR returns the learning rate.
func (o *SparseAdam) LR() float64 { return o.lr }

// SetLR sets the learning rate for the next steps.
func (o *SparseAdam) SetLR(lr float64) { o.lr = lr }

// SetMomentum sets β₁ for the following steps (a schedule cycling the
// momentum, schedule.ApplyMomentum). torch's SparseAdam has betas in its
// defaults (torch/optim/sparse_adam.py: dict(lr=lr, betas=betas, eps=eps,
// maximize=maximize)), so OneCycleLR and CyclicLR set group["betas"] =
// (m, β₂), and its step reads beta1, beta2 = group["betas"] at every step
// for F.sparse_adam, whose bias correction 1 − beta1 ** step then uses the
// current β₁: from then on β₁ᵗ is computed afresh each step (powInt).
func (o *SparseAdam) SetMomentum(b1 float64) { o.setMomentum(b1) }

// Step performs one SparseAdam update of the coordinates where g ≠ 0.
func (o *SparseAdam) Step(x, g []float64) {
	checkStep("sparse_adam", x, g, o.n)
	o.t++
	bc1 := 1 - o.pow1(&o.p1, o.t)
	bc2 := 1 - o.p2.next()
	stepSize := o.lr * math.Sqrt(bc2) / bc1 // Python floats, left to right
	c1, c2 := 1-o.beta1, 1-o.beta2
	g = g[:len(x)]
	m, v := o.m[:len(x)], o.v[:len(x)]
	for i, gi := range g {
		if gi == 0 {
			continue
		}
		om, ov := m[i], v[i]
		um := (gi - om) * c1
		uv := (float64(gi*gi) - ov) * c2
		m[i] = om + um
		v[i] = ov + uv
		denom := math.Sqrt(uv+ov) + o.eps
		x[i] += float64(-stepSize * ((um + om) / denom))
	}
}

// State returns the step count and the moments "exp_avg", "exp_avg_sq"
// (torch's state names), with the scalar "lr"; the vectors alias
// SparseAdam's buffers.
func (o *SparseAdam) State() State {
	return State{Step: o.t, Scalars: map[string]float64{"lr": o.lr},
		Vectors: map[string][]float64{"exp_avg": o.m, "exp_avg_sq": o.v}}
}

// SetState restores a state saved by State into a SparseAdam initialized
// with the same n.
func (o *SparseAdam) SetState(st State) error {
	if err := loadState("sparse_adam", st, o.n, []scalarSlot{{"lr", &o.lr}},
		[]vectorSlot{{"exp_avg", o.m}, {"exp_avg_sq", o.v}}); err != nil {
		return err
	}
	o.t = st.Step
	o.p1.seek(o.t)
	o.p2.seek(o.t)
	return nil
}
