package optim

import (
	"fmt"
	"math"

	"github.com/descentgo/descent/fn"
	"github.com/descentgo/descent/internal/param"
	"github.com/descentgo/descent/spec"
)

// LBFGSTorch is torch.optim.LBFGS (torch/optim/lbfgs.py, the same
// algorithm in PyTorch 1.13 and 2.x), kept beside descent's own LBFGS for
// users who want torch's numbers. One Iterate is one optimizer.step(closure):
// up to MaxIter L-BFGS iterations and MaxEval evaluations of f. Iteration k
// (counted over the whole run) with gradient g = ∇f(x):
//
//	k = 1:  d = −g, memory cleared, H = 1
//	k > 1:  y = g − g_prev, s = t_prev·d_prev; if yᵀs > 1e-10 push (s, y)
//	        (dropping the oldest of History pairs) and set H = yᵀs/yᵀy;
//	        d = −H̃g by the two-loop recursion with initial matrix H·I
//	t = lr·min(1, 1/‖g‖₁) at k = 1, else lr
//	stop if gᵀd > −tolerance_change
//	x ← x + t·d, with t from torch's strong-Wolfe search (c₁ = 1e-4,
//	c₂ = 0.9, at most 25 evaluations, cubic interpolation; _strong_wolfe,
//	ported by torch from minFunc/lswolfe.lua) when StrongWolfe, else as is
//
// and the step ends after MaxIter iterations, after MaxEval evaluations
// (the one at the step's start included), when max|g| ≤ tolerance_grad,
// when max|t·d| ≤ tolerance_change, or when |Δf| < tolerance_change. A step
// that starts with max|g| ≤ tolerance_grad does nothing (torch returns at
// once): Iterate then reports ErrNoProgress, as it does when the step could
// not move x at all.
//
// Without a line search torch does not evaluate f after the step's last
// iteration (its next step does); Iterate evaluates there, so that g holds
// ∇f at the new x, and the evaluations over a run are torch's. torch's own
// count, which re-evaluates at the start of every step, is the state's
// "func_evals".
//
// The zero value is torch's default: lr = 1, max_iter = 20, max_eval =
// max_iter·5/4, tolerance_grad = 1e-7, tolerance_change = 1e-9,
// history_size = 100, no line search. The memory grows to History pairs as
// pairs are accepted; after that Iterate allocates nothing.
type LBFGSTorch struct {
	LearningRate    float64 // lr > 0; 0 means 1
	MaxIter         int     // iterations per step ≥ 1; 0 means 20
	MaxEval         int     // evaluations per step ≥ 1; 0 means MaxIter·5/4
	ToleranceGrad   float64 // ≥ 0; 0 means 1e-7 (use Zero for a literal 0)
	ToleranceChange float64 // ≥ 0; 0 means 1e-9 (use Zero for a literal 0)
	History         int     // history_size ≥ 1; 0 means 100
	StrongWolfe     bool    // line_search_fn="strong_wolfe"

	lr, tolGrad, tolChange float64
	maxIter, maxEval, m    int

	n         int
	nIter     int // torch's state["n_iter"]
	funcEvals int // torch's state["func_evals"]
	t, hDiag  float64
	prevLoss  float64
	d, prevG  []float64
	flat      []float64
	dirs      [][]float64 // y of the stored pairs, oldest first (torch's old_dirs)
	stps      [][]float64 // s of the stored pairs (old_stps)
	ro, al    []float64
	spareY    []float64 // candidate pair, swapped into the memory when accepted
	spareS    []float64
	pool      [][]float64 // pair buffers allocated so far, reused by Init

	ls torchWolfe
}

func init() {
	Register(Entry{
		Name:    "lbfgs_torch",
		Summary: "torch.optim.LBFGS exactly: max_iter iterations per step, optional strong-Wolfe search (torch/optim/lbfgs.py)",
		Params: []spec.Field{
			{Key: "lr", Kind: spec.Float, Default: "1", Doc: "step length (the first trial step with a line search)"},
			{Key: "max_iter", Kind: spec.Int, Default: "20", Doc: "L-BFGS iterations per step"},
			{Key: "max_eval", Kind: spec.Int, Default: "0", Doc: "evaluations of f per step (0: max_iter·5/4)"},
			{Key: "tolerance_grad", Kind: spec.Float, Default: "1e-07", Doc: "a step stops when max|∇f| ≤ this"},
			{Key: "tolerance_change", Kind: spec.Float, Default: "1e-09", Doc: "a step stops when max|Δx| or |Δf| is below this"},
			{Key: "history_size", Kind: spec.Int, Default: "100", Doc: "number of stored (s, y) pairs"},
			{Key: "line_search_fn", Kind: spec.String, Default: "none", Doc: "none or strong_wolfe", Choices: []string{"none", "strong_wolfe"}},
		},
		New: func(a spec.Args) (Algorithm, error) {
			o := &LBFGSTorch{
				LearningRate:    a.Float("lr"),
				MaxIter:         a.Int("max_iter"),
				MaxEval:         a.Int("max_eval"),
				ToleranceGrad:   param.Explicit(a.Float("tolerance_grad")),
				ToleranceChange: param.Explicit(a.Float("tolerance_change")),
				History:         a.Int("history_size"),
				StrongWolfe:     a.String("line_search_fn") == "strong_wolfe",
			}
			if a.Given("lr") && !(o.LearningRate > 0) {
				return nil, a.Errorf("invalid lr %g: must be > 0", o.LearningRate)
			}
			for _, c := range []struct {
				key string
				v   int
			}{{"max_iter", o.MaxIter}, {"history_size", o.History}} {
				if c.v < 1 {
					return nil, a.Errorf("invalid %s %d: must be ≥ 1", c.key, c.v)
				}
			}
			if a.Given("max_eval") && o.MaxEval < 1 {
				return nil, a.Errorf("invalid max_eval %d: must be ≥ 1", o.MaxEval)
			}
			if err := o.resolve(); err != nil {
				return nil, a.Errorf("%v", err)
			}
			return o, nil
		},
	})
}

// resolve fills in the defaults and checks them.
func (o *LBFGSTorch) resolve() error {
	o.lr = o.LearningRate
	if o.lr == 0 {
		o.lr = 1
	}
	o.maxIter = o.MaxIter
	if o.maxIter == 0 {
		o.maxIter = 20
	}
	o.maxEval = o.MaxEval
	if o.maxEval == 0 {
		o.maxEval = o.maxIter * 5 / 4
	}
	o.m = o.History
	if o.m == 0 {
		o.m = 100
	}
	o.tolGrad = param.OrDefault(o.ToleranceGrad, 1e-7)
	o.tolChange = param.OrDefault(o.ToleranceChange, 1e-9)
	switch {
	case !(o.lr > 0) || math.IsInf(o.lr, 0):
		return fmt.Errorf("invalid lr %g: must be > 0 and finite", o.lr)
	case o.maxIter < 1:
		return fmt.Errorf("invalid max_iter %d: must be ≥ 1", o.maxIter)
	case o.maxEval < 1:
		return fmt.Errorf("invalid max_eval %d: must be ≥ 1 (max_iter·5/4 = %d)", o.maxEval, o.maxIter*5/4)
	case o.m < 1:
		return fmt.Errorf("invalid history_size %d: must be ≥ 1", o.m)
	}
	return firstErr(nonNegative("tolerance_grad", o.tolGrad), nonNegative("tolerance_change", o.tolChange))
}

// Init prepares LBFGSTorch for n parameters and clears its state (torch's
// n_iter = 0). It panics if a field is invalid.
func (o *LBFGSTorch) Init(n int) {
	mustInit("lbfgs_torch", n, o.resolve())
	if n != o.n {
		o.pool = o.pool[:0]
	}
	o.n, o.nIter, o.funcEvals = n, 0, 0
	o.t, o.hDiag, o.prevLoss = 0, 1, 0
	o.d = zeros(o.d, n)
	o.prevG = zeros(o.prevG, n)
	o.flat = zeros(o.flat, n)
	o.dirs, o.stps = o.dirs[:0], o.stps[:0]
	o.ro = o.ro[:0]
	o.al = zeros(o.al, o.m)
	o.spareY, o.spareS = nil, nil
	o.ls.resize(n)
}

// LR returns the learning rate, the step length t.
func (o *LBFGSTorch) LR() float64 { return o.lr }

// SetLR sets the learning rate from the next iteration on.
func (o *LBFGSTorch) SetLR(lr float64) { o.lr = lr }

// MemorySize implements Memoried: history_size (s, y) pairs of n values.
func (o *LBFGSTorch) MemorySize(n int) (string, int, int) {
	m := o.History
	if m <= 0 {
		m = 100
	}
	return "history_size", m, m * (2*n + 1)
}

// pairBuf returns a buffer of n values for a memory pair: the k-th of the
// pool (allocated at the first use).
func (o *LBFGSTorch) pairBuf(k int) []float64 {
	for len(o.pool) <= k {
		o.pool = append(o.pool, make([]float64, o.n))
	}
	return o.pool[k]
}

// Iterate performs one torch LBFGS.step: up to MaxIter iterations.
func (o *LBFGSTorch) Iterate(obj fn.Func, x, g []float64, f float64) (fNew float64, evals int, err error) {
	if len(x) != o.n || len(g) != o.n {
		panic(fmt.Sprintf("optim: lbfgs_torch: Init(%d) but len(x)=%d, len(g)=%d", o.n, len(x), len(g)))
	}
	if !lsFinite(f) {
		return f, 0, lsErrorf("lbfgs_torch: f(x) = %g is not finite", f)
	}
	for i, v := range g {
		if !lsFinite(v) {
			return f, 0, lsErrorf("lbfgs_torch: gradient element %d is %g", i, v)
		}
	}
	if gmax := maxAbs(g); gmax <= o.tolGrad {
		if gmax == 0 {
			return f, 0, lsErrorf("lbfgs_torch: the gradient is zero: x is stationary")
		}
		return f, 0, lsErrorf("lbfgs_torch: max|∇f| = %g ≤ tolerance_grad = %g: the step does nothing", gmax, o.tolGrad)
	}
	o.funcEvals++ // torch evaluates the closure at the step's start
	current := 1
	flat := o.flat
	copy(flat, g)
	loss := f
	moved := false
	evalAtEnd := false
	stopGTD := math.NaN() // gᵀd when the step stopped on it
	for nIter := 1; nIter <= o.maxIter; nIter++ {
		o.nIter++
		if o.nIter == 1 {
			for i, v := range flat {
				o.d[i] = -v
			}
			o.dirs, o.stps, o.ro = o.dirs[:0], o.stps[:0], o.ro[:0]
			o.spareY, o.spareS = nil, nil
			o.hDiag = 1
		} else {
			o.update(flat)
			o.direction(flat)
		}
		copy(o.prevG, flat)
		o.prevLoss = loss
		if o.nIter == 1 {
			var s float64
			for _, v := range flat {
				s += math.Abs(v)
			}
			o.t = math.Min(1, 1/s) * o.lr
		} else {
			o.t = o.lr
		}
		gtd := fn.Dot(flat, o.d)
		if gtd > -o.tolChange {
			stopGTD = gtd
			break
		}
		lsEvals := 0
		optCond := false
		if o.StrongWolfe {
			loss, o.t, lsEvals = o.ls.search(obj, x, o.t, o.d, loss, flat, gtd, o.tolChange)
			moved = addScaled(x, o.t, o.d) || moved
			optCond = maxAbs(flat) <= o.tolGrad
			evalAtEnd = false
		} else {
			moved = addScaled(x, o.t, o.d) || moved
			evalAtEnd = nIter == o.maxIter
			if !evalAtEnd {
				loss = obj.ValueGrad(flat, x)
				optCond = maxAbs(flat) <= o.tolGrad
				lsEvals = 1
			}
		}
		current += lsEvals
		o.funcEvals += lsEvals
		evals += lsEvals
		if nIter == o.maxIter || current >= o.maxEval || optCond {
			break
		}
		var dt float64
		for _, v := range o.d {
			dt = math.Max(dt, math.Abs(v*o.t))
		}
		if dt <= o.tolChange || math.Abs(loss-o.prevLoss) < o.tolChange {
			break
		}
	}
	if !moved {
		if !math.IsNaN(stopGTD) {
			return f, evals, lsErrorf("lbfgs_torch: the slope ∇fᵀd = %.3g along the L-BFGS direction is above −tolerance_change = %g: torch's LBFGS stops here", stopGTD, -o.tolChange)
		}
		return f, evals, lsErrorf("lbfgs_torch: the step did not move x (the line search returned a zero step)")
	}
	if evalAtEnd {
		loss = obj.ValueGrad(g, x)
		evals++
	} else {
		copy(g, flat)
	}
	return loss, evals, nil
}

// update adds the pair y = g − g_prev, s = t·d to the memory when yᵀs >
// 1e-10, dropping the oldest pair when the memory is full, and then sets
// H = yᵀs/yᵀy.
func (o *LBFGSTorch) update(g []float64) {
	if o.spareY == nil {
		k := len(o.dirs)
		o.spareY, o.spareS = o.pairBuf(2*k), o.pairBuf(2*k+1)
	}
	y, s := o.spareY, o.spareS
	for i := range y {
		y[i] = g[i] - o.prevG[i]
		s[i] = o.d[i] * o.t
	}
	ys := fn.Dot(y, s)
	if !(ys > 1e-10) {
		return
	}
	if len(o.dirs) == o.m {
		oldY, oldS := o.dirs[0], o.stps[0]
		copy(o.dirs, o.dirs[1:])
		copy(o.stps, o.stps[1:])
		copy(o.ro, o.ro[1:])
		o.dirs, o.stps, o.ro = o.dirs[:o.m-1], o.stps[:o.m-1], o.ro[:o.m-1]
		o.spareY, o.spareS = oldY, oldS
	} else {
		o.spareY, o.spareS = nil, nil
	}
	o.dirs = append(o.dirs, y)
	o.stps = append(o.stps, s)
	o.ro = append(o.ro, 1/ys)
	o.hDiag = ys / fn.Dot(y, y)
}

// direction stores d = −H̃g by torch's two-loop recursion.
func (o *LBFGSTorch) direction(g []float64) {
	q := o.d
	for i, v := range g {
		q[i] = -v
	}
	for i := len(o.dirs) - 1; i >= 0; i-- {
		o.al[i] = fn.Dot(o.stps[i], q) * o.ro[i]
		axpy(q, -o.al[i], o.dirs[i])
	}
	for i := range q {
		q[i] *= o.hDiag
	}
	for i := range o.dirs {
		be := fn.Dot(o.dirs[i], q) * o.ro[i]
		axpy(q, o.al[i]-be, o.stps[i])
	}
}

// axpy sets y ← y + a·x with one rounding per element, as torch's
// y.add_(x, alpha=a) does on the CPU (a fused multiply-add).
func axpy(y []float64, a float64, x []float64) {
	x = x[:len(y)]
	for i := range y {
		y[i] = math.FMA(a, x[i], y[i])
	}
}

// addScaled sets x ← x + t·d (fused, as torch's p.add_(d, alpha=t)) and
// reports whether x changed.
func addScaled(x []float64, t float64, d []float64) bool {
	moved := false
	d = d[:len(x)]
	for i, xi := range x {
		v := math.FMA(t, d[i], xi)
		moved = moved || v != xi
		x[i] = v
	}
	return moved
}

func maxAbs(v []float64) float64 {
	var m float64
	for _, x := range v {
		m = math.Max(m, math.Abs(x))
	}
	return m
}

// State returns torch's state: Step = n_iter, scalars "func_evals", "t",
// "h_diag", "prev_loss" and "pairs" (stored pairs), vectors "d",
// "prev_flat_grad" and the memory "s", "y" (pairs·n values, oldest first)
// and "ro". The memory vectors are copies.
func (o *LBFGSTorch) State() State {
	k := len(o.dirs)
	s := make([]float64, 0, k*o.n)
	y := make([]float64, 0, k*o.n)
	for i := 0; i < k; i++ {
		s = append(s, o.stps[i]...)
		y = append(y, o.dirs[i]...)
	}
	return State{
		Step: o.nIter,
		Scalars: map[string]float64{"func_evals": float64(o.funcEvals), "t": o.t, "h_diag": o.hDiag,
			"prev_loss": o.prevLoss, "pairs": float64(k)},
		Vectors: map[string][]float64{"d": o.d, "prev_flat_grad": o.prevG, "s": s, "y": y,
			"ro": append([]float64(nil), o.ro...)},
	}
}

// SetState restores a state saved by State into an LBFGSTorch initialized
// with the same n and history_size. It checks everything before changing
// anything.
func (o *LBFGSTorch) SetState(st State) error {
	if st.Step < 0 {
		return fmt.Errorf("lbfgs_torch: state step %d is negative", st.Step)
	}
	for _, k := range []string{"func_evals", "t", "h_diag", "prev_loss", "pairs"} {
		if v, ok := st.Scalars[k]; !ok || !lsFinite(v) {
			return fmt.Errorf("lbfgs_torch: state lacks a finite scalar %q", k)
		}
	}
	k := int(st.Scalars["pairs"])
	if float64(k) != st.Scalars["pairs"] || k < 0 || k > o.m {
		return fmt.Errorf("lbfgs_torch: state has %g pairs, want 0 to history_size = %d", st.Scalars["pairs"], o.m)
	}
	want := map[string]int{"d": o.n, "prev_flat_grad": o.n, "s": k * o.n, "y": k * o.n, "ro": k}
	for name, l := range want {
		v, ok := st.Vectors[name]
		if !ok || len(v) != l {
			return fmt.Errorf("lbfgs_torch: state vector %q has length %d, want %d (Init with the same size and history_size first)", name, len(v), l)
		}
	}
	o.nIter, o.funcEvals = st.Step, int(st.Scalars["func_evals"])
	o.t, o.hDiag, o.prevLoss = st.Scalars["t"], st.Scalars["h_diag"], st.Scalars["prev_loss"]
	copy(o.d, st.Vectors["d"])
	copy(o.prevG, st.Vectors["prev_flat_grad"])
	o.dirs, o.stps, o.ro = o.dirs[:0], o.stps[:0], append(o.ro[:0], st.Vectors["ro"]...)
	for i := 0; i < k; i++ {
		y, s := o.pairBuf(2*i), o.pairBuf(2*i+1)
		copy(y, st.Vectors["y"][i*o.n:(i+1)*o.n])
		copy(s, st.Vectors["s"][i*o.n:(i+1)*o.n])
		o.dirs = append(o.dirs, y)
		o.stps = append(o.stps, s)
	}
	o.spareY, o.spareS = nil, nil
	return nil
}
