package optim

import (
	"errors"
	"fmt"
	"math"

	"github.com/descentgo/descent/internal/param"
	"github.com/descentgo/descent/spec"
)

// Block is a matrix inside the flat parameter vector: Rows·Cols values
// from Offset, row-major.
type Block struct{ Offset, Rows, Cols int }

// Blocker is implemented by algorithms that update matrix parameters as
// matrices (Muon). Engines that know the model's layout call SetBlocks
// with its weight matrices before Init; parameters outside every block are
// treated as a vector.
type Blocker interface {
	SetBlocks([]Block)
}

// Muon is MomentUm Orthogonalized by Newton–Schulz (Jordan et al. 2024,
// https://kellerjordan.github.io/posts/muon/; github.com/KellerJordan/Muon
// muon.py at commit 1430c3495b60613a6bb6f035ef38456529443a14,
// SingleDeviceMuonWithAuxAdam). For each weight matrix W (SetBlocks) with
// gradient G and momentum buffer B (zero at first):
//
//	B ← B + (1−μ)(G − B)                       (momentum.lerp_(grad, 1−μ))
//	U = G + μ(B − G) if nesterov, else B       (grad.lerp_(momentum, μ))
//	X₀ = U/(‖U‖_F + 1e-7), transposed when rows > cols
//	Xₖ₊₁ = aXₖ + (bA + cA²)Xₖ, A = XₖXₖᵀ,  (a, b, c) = (3.4445, −4.7750, 2.0315)
//	W ← (1 − lr·λ)W − lr·max(1, rows/cols)^½ · X_steps
//
// The quintic Newton–Schulz iteration maps every singular value of U into
// roughly [0.7, 1.2] rather than exactly 1 (the reference's docstring: US'Vᵀ
// with S' near 1, "which turns out not to hurt"), keeping U's singular
// vectors. The reference runs it in bfloat16; here it is float64. Every
// other parameter (biases, and everything when no blocks are set, as for a
// function in minimize) takes the reference's auxiliary AdamW step:
//
//	m ← lerp(m, g, 1−β₁), v ← lerp(v, g², 1−β₂)
//	x ← (1 − lr_a·λ)x − lr_a·(m/(1−β₁ᵗ))/(√(v/(1−β₂ᵗ)) + ε)
//
// The zero value is the reference's default: lr = 0.02, μ = 0.95, Nesterov,
// 5 steps, no weight decay; AdamW lr_a = 3e-4, β = (0.9, 0.95), ε = 1e-10.
type Muon struct {
	LearningRate float64 // lr > 0 of the matrices; 0 means 0.02
	Momentum     float64 // μ ∈ [0, 1); 0 means 0.95 (use Zero for a literal 0)
	NoNesterov   bool    // use B itself, not the Nesterov mix
	NSSteps      int     // Newton–Schulz steps ≥ 1; 0 means 5
	WeightDecay  float64 // λ ≥ 0, decoupled, for matrices and AdamW alike
	AdamLR       float64 // lr_a > 0 of the other parameters; 0 means 3e-4
	AdamBeta1    float64 // β₁ ∈ [0, 1); 0 means 0.9 (use Zero for a literal 0)
	AdamBeta2    float64 // β₂ ∈ [0, 1); 0 means 0.95 (use Zero for a literal 0)
	AdamEps      float64 // ε > 0; 0 means 1e-10

	lr, mu, alr, b1, b2, eps float64
	steps                    int

	blocks    []Block
	inBlock   []bool // per parameter: part of a matrix
	n, t      int
	buf, m, v []float64
	u, x      []float64 // workspace of the largest block
	a, b, bx  []float64
}

// Newton–Schulz quintic coefficients of the reference's
// zeropower_via_newtonschulz5.
const nsA, nsB, nsC = 3.4445, -4.7750, 2.0315

func init() {
	Register(Entry{
		Name:    "muon",
		Summary: "Muon: momentum orthogonalized by Newton–Schulz for weight matrices, AdamW for the rest (Jordan et al. 2024, KellerJordan/Muon)",
		Params: []spec.Field{
			{Key: "lr", Kind: spec.Float, Default: "0.02", Doc: "learning rate of the weight matrices (spectral-norm units)"},
			{Key: "momentum", Kind: spec.Float, Default: "0.95", Doc: "momentum μ of the matrices"},
			{Key: "nesterov", Kind: spec.Bool, Default: "true", Doc: "Nesterov mix of gradient and momentum"},
			{Key: "ns_steps", Kind: spec.Int, Default: "5", Doc: "Newton–Schulz iterations"},
			{Key: "weight_decay", Kind: spec.Float, Default: "0", Doc: "decoupled weight decay λ"},
			{Key: "adam_lr", Kind: spec.Float, Default: "0.0003", Doc: "AdamW learning rate of the other parameters (biases)"},
			{Key: "adam_beta1", Kind: spec.Float, Default: "0.9", Doc: "AdamW β₁"},
			{Key: "adam_beta2", Kind: spec.Float, Default: "0.95", Doc: "AdamW β₂"},
			{Key: "adam_eps", Kind: spec.Float, Default: "1e-10", Doc: "AdamW ε"},
		},
		New: func(a spec.Args) (Algorithm, error) {
			o := &Muon{
				LearningRate: a.Float("lr"), Momentum: param.Explicit(a.Float("momentum")),
				NoNesterov: !a.Bool("nesterov"), NSSteps: a.Int("ns_steps"), WeightDecay: a.Float("weight_decay"),
				AdamLR: a.Float("adam_lr"), AdamBeta1: param.Explicit(a.Float("adam_beta1")),
				AdamBeta2: param.Explicit(a.Float("adam_beta2")), AdamEps: a.Float("adam_eps"),
			}
			for _, k := range []string{"lr", "adam_lr", "adam_eps"} {
				if a.Given(k) && !(a.Float(k) > 0) {
					return nil, a.Errorf("invalid %s %g: must be > 0", k, a.Float(k))
				}
			}
			if a.Given("ns_steps") && o.NSSteps < 1 {
				return nil, a.Errorf("invalid ns_steps %d: must be ≥ 1", o.NSSteps)
			}
			if err := o.resolve(); err != nil {
				return nil, a.Errorf("%v", err)
			}
			return o, nil
		},
	})
}

func (o *Muon) resolve() error {
	pos := func(v, d float64) float64 {
		if v == 0 {
			return d
		}
		return v
	}
	o.lr, o.alr, o.eps = pos(o.LearningRate, 0.02), pos(o.AdamLR, 3e-4), pos(o.AdamEps, 1e-10)
	o.mu = param.OrDefault(o.Momentum, 0.95)
	o.b1, o.b2 = param.OrDefault(o.AdamBeta1, 0.9), param.OrDefault(o.AdamBeta2, 0.95)
	o.steps = o.NSSteps
	if o.steps == 0 {
		o.steps = 5
	}
	for _, c := range []struct {
		k string
		v float64
	}{{"lr", o.lr}, {"adam_lr", o.alr}, {"adam_eps", o.eps}} {
		if !(c.v > 0) || math.IsInf(c.v, 0) {
			return fmt.Errorf("invalid %s %g: must be > 0 and finite", c.k, c.v)
		}
	}
	if o.steps < 1 {
		return fmt.Errorf("invalid ns_steps %d: must be ≥ 1", o.steps)
	}
	return firstErr(inUnit("momentum", o.mu, false), inUnit("adam_beta1", o.b1, false),
		inUnit("adam_beta2", o.b2, false), nonNegative("weight_decay", o.WeightDecay))
}

// RefuseMomentum refuses a cycled momentum (schedule.MomentumRefuser), as
// torch's schedulers refuse the reference: SingleDeviceMuonWithAuxAdam
// passes empty defaults to torch.optim.Optimizer (muon.py at commit
// 1430c34, line 253: super().__init__(param_groups, dict())), the momentum
// of its matrices and the betas of its AdamW groups living in the groups
// alone, and OneCycleLR and CyclicLR raise ValueError when the defaults
// hold neither "momentum" nor "betas". (KellerJordan's Muon class, for
// matrices only, has momentum in its defaults, line 66; descent's muon
// takes every parameter, as the AuxAdam variant does.)
func (o *Muon) RefuseMomentum() error {
	return errors.New("the optimizer muon takes no cycled momentum: it follows KellerJordan/Muon's SingleDeviceMuonWithAuxAdam, whose optimizer-wide defaults are empty (momentum and betas live in its parameter groups), so torch's OneCycleLR and CyclicLR refuse it too")
}

// SetBlocks sets the weight matrices that take the Muon step; call it
// before Init. Blocks with a side of 1 are left to AdamW.
func (o *Muon) SetBlocks(bs []Block) {
	o.blocks = o.blocks[:0]
	for _, b := range bs {
		if b.Rows > 1 && b.Cols > 1 {
			o.blocks = append(o.blocks, b)
		}
	}
}

// Init prepares Muon for n parameters and clears its state. It panics if a
// field is invalid or a block does not fit in n.
func (o *Muon) Init(n int) {
	mustInit("muon", n, o.resolve())
	o.n, o.t = n, 0
	o.buf, o.m, o.v = zeros(o.buf, n), zeros(o.m, n), zeros(o.v, n)
	if cap(o.inBlock) < n {
		o.inBlock = make([]bool, n)
	}
	o.inBlock = o.inBlock[:n]
	clear(o.inBlock)
	big, side := 0, 0
	for _, b := range o.blocks {
		if b.Offset < 0 || b.Offset+b.Rows*b.Cols > n {
			panic(fmt.Sprintf("optim: muon: block %+v does not fit in %d parameters", b, n))
		}
		for i := b.Offset; i < b.Offset+b.Rows*b.Cols; i++ {
			o.inBlock[i] = true
		}
		big = max(big, b.Rows*b.Cols)
		side = max(side, min(b.Rows, b.Cols))
	}
	o.u, o.x, o.bx = zeros(o.u, big), zeros(o.x, big), zeros(o.bx, big)
	o.a, o.b = zeros(o.a, side*side), zeros(o.b, side*side)
}

// NormalizedStep reports true: a matrix's step is lr times an
// orthogonalized momentum, whatever the gradient's size (see Normalized).
func (o *Muon) NormalizedStep() bool { return true }

// LR returns the matrices' learning rate.
func (o *Muon) LR() float64 { return o.lr }

// SetLR sets the matrices' learning rate; the AdamW rate scales with it,
// keeping their ratio (as a schedule scales every param group's lr).
func (o *Muon) SetLR(lr float64) {
	o.alr *= lr / o.lr
	o.lr = lr
}

// Step performs one Muon/AdamW update of x in place from g = ∇f(x).
func (o *Muon) Step(x, g []float64) {
	checkStep("muon", x, g, o.n)
	o.t++
	wd := o.WeightDecay
	for _, bl := range o.blocks {
		k := bl.Rows * bl.Cols
		gb, bb, xb := g[bl.Offset:bl.Offset+k], o.buf[bl.Offset:bl.Offset+k], x[bl.Offset:bl.Offset+k]
		u := o.u[:k]
		for i, gi := range gb {
			bb[i] = lerp(bb[i], gi, 1-o.mu)
			if o.NoNesterov {
				u[i] = bb[i]
			} else {
				u[i] = lerp(gi, bb[i], o.mu)
			}
		}
		ortho := o.newtonSchulz(u, bl.Rows, bl.Cols)
		scale := math.Sqrt(math.Max(1, float64(bl.Rows)/float64(bl.Cols)))
		for i := range xb {
			xb[i] *= 1 - o.lr*wd
			xb[i] = math.FMA(-o.lr, ortho[i]*scale, xb[i])
		}
	}
	bc1 := 1 - powInt(o.b1, o.t)
	bc2 := 1 - powInt(o.b2, o.t)
	for i, gi := range g {
		if o.inBlock[i] {
			continue
		}
		o.m[i] = lerp(o.m[i], gi, 1-o.b1)
		o.v[i] = lerp(o.v[i], gi*gi, 1-o.b2)
		upd := (o.m[i] / bc1) / (math.Sqrt(o.v[i]/bc2) + o.eps)
		x[i] *= 1 - o.alr*wd
		x[i] = math.FMA(-o.alr, upd, x[i])
	}
}

// newtonSchulz returns the reference's zeropower_via_newtonschulz5 of the
// rows×cols matrix u (row-major), in u's shape, in o.x.
func (o *Muon) newtonSchulz(u []float64, rows, cols int) []float64 {
	r, c := rows, cols
	x := o.x[:r*c]
	if rows > cols { // work on the wide transpose
		r, c = cols, rows
		for i := 0; i < rows; i++ {
			for j := 0; j < cols; j++ {
				x[j*c+i] = u[i*cols+j]
			}
		}
	} else {
		copy(x, u)
	}
	var ss float64
	for _, v := range x {
		ss += v * v
	}
	norm := math.Sqrt(ss) + 1e-7
	for i := range x {
		x[i] /= norm
	}
	A, B, BX := o.a[:r*r], o.b[:r*r], o.bx[:r*c]
	for s := 0; s < o.steps; s++ {
		matMulT(A, x, r, c) // A = X Xᵀ
		for i := 0; i < r; i++ {
			for j := 0; j < r; j++ {
				var aa float64
				for k := 0; k < r; k++ {
					aa += A[i*r+k] * A[k*r+j]
				}
				B[i*r+j] = nsB*A[i*r+j] + nsC*aa
			}
		}
		for i := 0; i < r; i++ {
			for j := 0; j < c; j++ {
				var v float64
				for k := 0; k < r; k++ {
					v += B[i*r+k] * x[k*c+j]
				}
				BX[i*c+j] = v
			}
		}
		for i := range x {
			x[i] = nsA*x[i] + BX[i]
		}
	}
	if rows > cols {
		copy(BX, x)
		for i := 0; i < rows; i++ {
			for j := 0; j < cols; j++ {
				x[i*cols+j] = BX[j*rows+i]
			}
		}
	}
	return x
}

// matMulT sets A = X·Xᵀ for the r×c row-major X.
func matMulT(A, X []float64, r, c int) {
	for i := 0; i < r; i++ {
		for j := 0; j <= i; j++ {
			var s float64
			for k := 0; k < c; k++ {
				s += X[i*c+k] * X[j*c+k]
			}
			A[i*r+j], A[j*r+i] = s, s
		}
	}
}

// State returns the step count, the matrices' momentum "momentum_buffer"
// and the AdamW moments "exp_avg", "exp_avg_sq" (each of length n, zero
// where unused), with the scalars "lr" and "adam_lr".
func (o *Muon) State() State {
	return State{Step: o.t, Scalars: map[string]float64{"lr": o.lr, "adam_lr": o.alr},
		Vectors: map[string][]float64{"momentum_buffer": o.buf, "exp_avg": o.m, "exp_avg_sq": o.v}}
}

// SetState restores a state saved by State into a Muon initialized with
// the same n and blocks.
func (o *Muon) SetState(st State) error {
	if err := loadState("muon", st, o.n, []scalarSlot{{"lr", &o.lr}, {"adam_lr", &o.alr}},
		[]vectorSlot{{"momentum_buffer", o.buf}, {"exp_avg", o.m}, {"exp_avg_sq", o.v}}); err != nil {
		return err
	}
	o.t = st.Step
	return nil
}
