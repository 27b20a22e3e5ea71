package optim

import (
	"fmt"
	"math"
	"slices"

	"github.com/descentgo/descent/internal/param"
	"github.com/descentgo/descent/spec"
)

// Adafactor is torch.optim.Adafactor (PyTorch 2.5+, _single_tensor_adafactor
// in torch/optim/_adafactor.py; Shazeer & Stern, "Adafactor: Adaptive
// Learning Rates with Sublinear Memory Cost", ICML 2018) on a flat parameter
// vector, which is torch's unfactored branch (grad.dim() == 1): the second
// moment is a full vector v, not row and column factors. At step t, with
// g = ∇f(x) and n parameters:
//
//	β̂ = t^τ                              (τ = beta2_decay ≤ 0; 1 − β₂ in the paper)
//	ρ = min(lr, 1/√t)
//	α = max(ε₂, ‖x‖₂/√n)·ρ               (x before the weight decay)
//	x ← (1 − lr·λ)·x                     (decoupled weight decay)
//	v ← v + β̂·(g² − v)                   (torch's lerp; v = g² at t = 1)
//	u = g/√max(v, ε₁²)
//	x ← x − α/max(1, ‖u‖₂/(√n·d)) · u
//
// ε₁ defaults to the float64 machine epsilon 2⁻⁵² (torch's finfo(dtype).eps).
// The first step is x₀ − max(ε₂, RMS(x₀))·min(lr, 1)·sign(g) where g has no
// zero element (u = sign(g), RMS(u) = 1).
//
// With the model's weight matrices given (SetBlocks; training does it),
// each matrix W (R×C, gradient G) is a tensor of its own with torch's
// factored branch (grad.dim() > 1), and each run of parameters between
// the matrices (a layer's biases) is a vector tensor as above; α, the
// weight decay and the clipping are per tensor, as torch applies them per
// parameter. For a matrix, with row factors r (R) and column factors c (C),
// zero at first:
//
//	rᵢ ← rᵢ + β̂·(‖G_{i,:}‖²/C − rᵢ)      (row_var.lerp_(row_mean, β̂))
//	cⱼ ← cⱼ + β̂·(‖G_{:,j}‖²/R − cⱼ)
//	V̂ᵢⱼ = rᵢcⱼ / max(mean(r), ε₁)        (row_var @ col_var / row_var.mean().clamp(ε₁))
//	U = G/√max(V̂, ε₁²)
//
// so the second moment takes R + C numbers instead of R·C (Shazeer & Stern
// 2018, section 3).
//
// The zero value is PyTorch's default: lr = 0.01, beta2_decay = −0.8,
// eps1 = 2⁻⁵², eps2 = 1e-3, d = 1, no weight decay.
type Adafactor struct {
	LearningRate float64 // lr ≥ 0; 0 means 0.01 (use Zero for a literal 0)
	Beta2Decay   float64 // τ ≤ 0; 0 means −0.8 (use Zero for a literal 0)
	Eps1         float64 // ε₁ ≥ 0; 0 means 2⁻⁵² (use Zero for a literal 0)
	Eps2         float64 // ε₂ ≥ 0; 0 means 1e-3 (use Zero for a literal 0)
	D            float64 // clipping threshold d ≥ 1; 0 means 1
	WeightDecay  float64 // λ ≥ 0

	lr, tau, eps1, eps2, d float64

	n, t    int
	v       []float64 // second moments of the vector tensors (0 on matrices)
	row     []float64 // row factors of the matrices, in block order
	col     []float64 // column factors
	blocks  []Block   // the weight matrices (SetBlocks)
	tensors []afTensor
}

// afTensor is one of torch's parameter tensors: a matrix (rows > 0) whose
// factors are row[r0:r0+rows] and col[c0:c0+cols], or a vector.
type afTensor struct {
	off, n     int
	rows, cols int
	r0, c0     int
}

func init() {
	Register(Entry{
		Name:    "adafactor",
		Summary: "Adafactor, relative steps with RMS clipping (torch.optim.Adafactor, PyTorch 2.5; Shazeer & Stern 2018), factored on a model's weight matrices",
		Params: []spec.Field{
			{Key: "lr", Kind: spec.Float, Default: "0.01", Doc: "cap of the relative step ρ = min(lr, 1/√t) and weight-decay factor"},
			{Key: "beta2_decay", Kind: spec.Float, Default: "-0.8", Doc: "τ ≤ 0: the second moment's weight 1 − β₂ = t^τ"},
			{Key: "eps1", Kind: spec.Float, Default: "2.220446049250313e-16", Doc: "ε₁: floor of √v (torch: finfo(float64).eps)"},
			{Key: "eps2", Kind: spec.Float, Default: "0.001", Doc: "ε₂: floor of RMS(x) in the step size"},
			{Key: "d", Kind: spec.Float, Default: "1", Doc: "clipping threshold d ≥ 1 on RMS(update)"},
			{Key: "weight_decay", Kind: spec.Float, Default: "0", Doc: "decoupled weight decay λ: x ← (1 − lr·λ)x"},
		},
		New: func(a spec.Args) (Algorithm, error) {
			o := &Adafactor{
				LearningRate: param.Explicit(a.Float("lr")),
				Beta2Decay:   param.Explicit(a.Float("beta2_decay")),
				Eps1:         param.Explicit(a.Float("eps1")),
				Eps2:         param.Explicit(a.Float("eps2")),
				D:            a.Float("d"),
				WeightDecay:  a.Float("weight_decay"),
			}
			if a.Given("d") && o.D == 0 {
				o.D = -1 // a written 0 is out of range, not the default
			}
			if err := o.resolve(); err != nil {
				return nil, a.Errorf("%v", err)
			}
			return o, nil
		},
	})
}

// resolve fills in the defaults and makes torch's checks.
func (o *Adafactor) resolve() error {
	o.lr = param.OrDefault(o.LearningRate, 0.01)
	o.tau = param.OrDefault(o.Beta2Decay, -0.8)
	o.eps1 = param.OrDefault(o.Eps1, 0x1p-52)
	o.eps2 = param.OrDefault(o.Eps2, 1e-3)
	o.d = o.D
	if o.d == 0 {
		o.d = 1
	}
	if err := finite("beta2_decay", o.tau); err != nil {
		return err
	}
	if o.tau > 0 {
		return fmt.Errorf("invalid beta2_decay %g: must be ≤ 0", o.tau)
	}
	if err := finite("d", o.d); err != nil {
		return err
	}
	if o.d < 1 {
		return fmt.Errorf("invalid d %g: must be ≥ 1", o.d)
	}
	return firstErr(
		nonNegative("lr", o.lr),
		nonNegative("eps1", o.eps1),
		nonNegative("eps2", o.eps2),
		nonNegative("weight_decay", o.WeightDecay),
	)
}

// Init prepares Adafactor for n parameters and clears its state. It panics
// if a field is invalid or a block of SetBlocks does not fit in n.
func (o *Adafactor) Init(n int) {
	mustInit("adafactor", n, o.resolve())
	o.n, o.t = n, 0
	o.v = zeros(o.v, n)
	o.layout()
}

// SetBlocks implements Blocker: the weight matrices, each factored as
// torch factors a parameter of two dimensions; the parameters between
// them are vectors. It clears the state when Adafactor is initialized.
func (o *Adafactor) SetBlocks(b []Block) {
	o.blocks = append([]Block(nil), b...)
	if o.n > 0 {
		o.Init(o.n)
	}
}

// layout splits [0, n) into the tensors: the blocks, in offset order, and
// the runs between them.
func (o *Adafactor) layout() {
	o.tensors = o.tensors[:0]
	bs := append([]Block(nil), o.blocks...)
	slices.SortFunc(bs, func(a, b Block) int { return a.Offset - b.Offset })
	pos, rows, cols := 0, 0, 0
	for _, b := range bs {
		if b.Offset < pos || b.Rows < 1 || b.Cols < 1 || b.Offset+b.Rows*b.Cols > o.n {
			panic(fmt.Sprintf("adafactor: block %+v does not fit in %d parameters after %d", b, o.n, pos))
		}
		if b.Offset > pos {
			o.tensors = append(o.tensors, afTensor{off: pos, n: b.Offset - pos})
		}
		o.tensors = append(o.tensors, afTensor{off: b.Offset, n: b.Rows * b.Cols, rows: b.Rows, cols: b.Cols, r0: rows, c0: cols})
		rows, cols = rows+b.Rows, cols+b.Cols
		pos = b.Offset + b.Rows*b.Cols
	}
	if pos < o.n {
		o.tensors = append(o.tensors, afTensor{off: pos, n: o.n - pos})
	}
	o.row, o.col = zeros(o.row, rows), zeros(o.col, cols)
}

// LR returns lr, the cap of the relative step.
func (o *Adafactor) LR() float64 { return o.lr }

// SetLR sets lr for the next steps.
func (o *Adafactor) SetLR(lr float64) { o.lr = lr }

// Step performs one Adafactor update of x in place from g = ∇f(x), tensor
// by tensor.
func (o *Adafactor) Step(x, g []float64) {
	checkStep("adafactor", x, g, o.n)
	o.t++
	t := float64(o.t)
	w := recipPowCR(t, -o.tau) // t^τ, rounded as Python's ** (glibc)
	rho := math.Min(o.lr, 1/math.Sqrt(t))
	for _, tn := range o.tensors {
		o.stepTensor(tn, x[tn.off:tn.off+tn.n], g[tn.off:tn.off+tn.n], w, rho)
	}
}

// stepTensor updates one tensor: torch's loop body for one parameter.
func (o *Adafactor) stepTensor(tn afTensor, x, g []float64, w, rho float64) {
	rootN := math.Sqrt(float64(tn.n))
	alpha := math.Max(o.eps2, norm2(x)/rootN) * rho
	if o.WeightDecay != 0 {
		s := 1 - o.lr*o.WeightDecay
		for i := range x {
			x[i] *= s
		}
	}
	floor := o.eps1 * o.eps1
	// u returns the update of element k.
	var u func(k int) float64
	if tn.rows == 0 {
		v := o.v[tn.off : tn.off+tn.n]
		for i, gi := range g {
			v[i] = lerp(v[i], gi*gi, w)
		}
		u = func(k int) float64 { return g[k] * (1 / math.Sqrt(math.Max(v[k], floor))) }
	} else {
		R, C := tn.rows, tn.cols
		row, col := o.row[tn.r0:tn.r0+R], o.col[tn.c0:tn.c0+C]
		for i := range R {
			nr := norm2(g[i*C : (i+1)*C])
			row[i] = lerp(row[i], nr*nr/float64(C), w)
		}
		for j := range C {
			var s float64
			for i := range R {
				s += float64(g[i*C+j] * g[i*C+j])
			}
			nc := math.Sqrt(s)
			col[j] = lerp(col[j], nc*nc/float64(R), w)
		}
		var mean float64
		for _, r := range row {
			mean += r
		}
		mean = math.Max(mean/float64(R), o.eps1)
		u = func(k int) float64 {
			v := row[k/C] * col[k%C] / mean
			return g[k] * (1 / math.Sqrt(math.Max(v, floor)))
		}
	}
	var uu float64
	for k := range g {
		uk := u(k)
		uu += float64(uk * uk)
	}
	denom := math.Max(1, math.Sqrt(uu)/(rootN*o.d))
	c := -alpha / denom
	for k := range g {
		x[k] = math.FMA(c, u(k), x[k])
	}
}

// norm2 is ‖v‖₂ summed in order.
func norm2(v []float64) float64 {
	var s float64
	for _, x := range v {
		s += float64(x * x)
	}
	return math.Sqrt(s)
}

// State returns the step count, the second moments "variance" of the
// vector tensors and the factors "row_var" and "col_var" of the matrices
// (torch's names), with the scalar "lr"; the vectors alias Adafactor's
// buffers.
func (o *Adafactor) State() State {
	vs := map[string][]float64{"variance": o.v}
	if len(o.row) > 0 {
		vs["row_var"], vs["col_var"] = o.row, o.col
	}
	return State{Step: o.t, Scalars: map[string]float64{"lr": o.lr}, Vectors: vs}
}

// SetState restores a state saved by State into an Adafactor initialized
// with the same n and blocks.
func (o *Adafactor) SetState(st State) error {
	if len(st.Vectors["row_var"]) != len(o.row) || len(st.Vectors["col_var"]) != len(o.col) {
		return fmt.Errorf("adafactor: state has %d row and %d column factors, this run's matrices %d and %d",
			len(st.Vectors["row_var"]), len(st.Vectors["col_var"]), len(o.row), len(o.col))
	}
	vec := st
	vec.Vectors = map[string][]float64{"variance": st.Vectors["variance"]}
	if err := loadState("adafactor", vec, o.n, []scalarSlot{{"lr", &o.lr}}, []vectorSlot{{"variance", o.v}}); err != nil {
		return err
	}
	copy(o.row, st.Vectors["row_var"])
	copy(o.col, st.Vectors["col_var"])
	o.t = st.Step
	return nil
}
