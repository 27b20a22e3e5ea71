package optim

import (
	"fmt"
	"math"

	"github.com/descentgo/descent/fn"
	"github.com/descentgo/descent/spec"
)

// LBFGS is the limited-memory BFGS method of Liu & Nocedal, "On the limited
// memory BFGS method for large scale optimization", Math. Programming 45
// (1989). It keeps the last m pairs
//
//	sₖ = xₖ₊₁ − xₖ,   yₖ = ∇f(xₖ₊₁) − ∇f(xₖ),   ρₖ = 1/(sₖᵀyₖ),
//
// and computes the direction d = −H∇f by the two-loop recursion (Nocedal &
// Wright, Numerical Optimization (2006), Algorithm 7.4) with the initial
// matrix H₀ = γI, γ = sᵀy/yᵀy of the newest pair (eq. 7.20). The step comes
// from a strong-Wolfe line search (Moré–Thuente, c₁ = 1e-4, c₂ = 0.9) that
// tries α = 1 first; the first iteration, which has no pairs, moves along −∇f
// with first trial step min(1, 1/‖∇f‖) (a move of length at most 1, as in
// Liu & Nocedal's code). A pair with sᵀy ≤ 10⁻¹⁰‖s‖‖y‖ is not stored.
// When the line search finds no strong Wolfe point but did find one with
// sufficient decrease (rounding near a minimizer), it takes that point. When
// the direction is not a descent direction, or the line search along it
// fails outright, the memory is cleared and the iteration restarts along −∇f.
//
// LBFGS has no learning rate (it is not an LRer): its trial step α = 1 is
// the quasi-Newton step, and scaling it would only cost evaluations.
//
// Iterate allocates nothing. The zero value is usable (m = 10).
type LBFGS struct {
	History    int          // number m of stored pairs; 0 means 10
	LineSearch LineSearcher // nil means &Wolfe{} (c₁ = 1e-4, c₂ = 0.9)

	defLS       Wolfe // the default line search, kept here so that Init does not allocate
	ls          LineSearcher
	n, m        int
	k           int       // iterations done
	head, count int       // next ring slot, number of stored pairs
	s, y        []float64 // m×n ring buffers, pair j in [j·n, (j+1)·n)
	rho, a      []float64 // 1/sᵀy and two-loop coefficients, per pair
	searchWork
}

// lbfgsCurvEps is ε in the skip rule sᵀy ≤ ε‖s‖‖y‖.
const lbfgsCurvEps = 1e-10

func init() {
	Register(Entry{
		Name:    "lbfgs",
		Summary: "limited-memory BFGS with a strong-Wolfe line search (Liu & Nocedal 1989)",
		Params: []spec.Field{
			{Key: "history", Kind: spec.Int, Default: "10", Doc: "number m of stored (s, y) pairs"},
			{Key: "c1", Kind: spec.Float, Default: "1e-4", Doc: "sufficient-decrease constant of the Wolfe line search"},
			{Key: "c2", Kind: spec.Float, Default: "0.9", Doc: "curvature constant of the Wolfe line search"},
		},
		New: func(a spec.Args) (Algorithm, error) {
			if a.Int("history") < 1 {
				return nil, a.Errorf("invalid history %d: must be ≥ 1", a.Int("history"))
			}
			ls, err := wolfeFromArgs(a)
			if err != nil {
				return nil, err
			}
			return &LBFGS{History: a.Int("history"), LineSearch: ls}, nil
		},
	})
}

// wolfeFromArgs builds a Wolfe line search from the keys c1 and c2.
func wolfeFromArgs(a spec.Args) (*Wolfe, error) {
	c1, c2 := a.Float("c1"), a.Float("c2")
	if !(c1 > 0 && c1 < 1) {
		return nil, a.Errorf("invalid c1 %g: must be in (0, 1)", c1)
	}
	if !(c2 > c1 && c2 < 1) {
		return nil, a.Errorf("invalid c2 %g: must be in (c1, 1) = (%g, 1)", c2, c1)
	}
	return &Wolfe{C1: c1, C2: c2}, nil
}

// Init prepares LBFGS for n parameters and clears its memory.
func (o *LBFGS) Init(n int) {
	o.m = o.History
	if o.m <= 0 {
		o.m = 10
	}
	o.n, o.k, o.head, o.count = n, 0, 0, 0
	o.s = fbResize(o.s, o.m*n)
	o.y = fbResize(o.y, o.m*n)
	o.rho = fbResize(o.rho, o.m)
	o.a = fbResize(o.a, o.m)
	o.searchWork.resize(n)
	o.ls = o.LineSearch
	if o.ls == nil {
		o.ls = &o.defLS
	}
}

// Iterate takes one L-BFGS step.
func (o *LBFGS) Iterate(obj fn.Func, x, g []float64, f float64) (fNew float64, evals int, err error) {
	fi, err := fbBegin("lbfgs", o.n, x, g, f, o.gi)
	if err != nil {
		return f, 0, err
	}
	o.line.Obj, o.line.X, o.line.Dir = obj, x, o.d
	o.line.F0 = fi
	var alpha0 float64
	if o.count > 0 {
		o.direction()
		o.line.Slope0 = fn.Dot(o.gi, o.d)
		alpha0 = 1
	}
	var phi float64
	for {
		if !(o.line.Slope0 < 0) || o.count == 0 {
			// Steepest descent: no pairs yet, or H∇f is not a descent
			// direction (rounding): start the memory afresh.
			o.head, o.count = 0, 0
			var gg float64
			for i, v := range o.gi {
				o.d[i] = -v
				gg += v * v
			}
			if gg == 0 {
				return f, evals, lsErrorf("lbfgs: the gradient is zero: x is stationary")
			}
			o.line.Slope0 = -gg
			alpha0 = math.Min(1, 1/math.Sqrt(gg))
		}
		var ev int
		_, phi, ev, err = searchOrBest(o.ls, &o.line, alpha0)
		evals += ev
		if err == nil {
			break
		}
		if o.count == 0 {
			return f, evals, fmt.Errorf("lbfgs: %w", err)
		}
		o.count = 0 // retry along −∇f
	}
	// New pair s = x₊ − x, y = g₊ − g in ring slot head.
	n := o.n
	s := o.s[o.head*n : (o.head+1)*n]
	y := o.y[o.head*n : (o.head+1)*n]
	var sy, ss, yy float64
	for i := range s {
		si := o.line.XT[i] - x[i]
		yi := o.line.GT[i] - o.gi[i]
		s[i], y[i] = si, yi
		sy += si * yi
		ss += si * si
		yy += yi * yi
	}
	if sy > lbfgsCurvEps*math.Sqrt(ss)*math.Sqrt(yy) && lsFinite(sy) {
		o.rho[o.head] = 1 / sy
		o.head = (o.head + 1) % o.m
		if o.count < o.m {
			o.count++
		}
	}
	fbEnd(x, g, &o.line)
	o.k++
	return phi, evals, nil
}

// direction stores −H·gi in d by the two-loop recursion.
func (o *LBFGS) direction() {
	n, m := o.n, o.m
	q := o.d
	copy(q, o.gi)
	newest := (o.head - 1 + m) % m
	j := newest
	for c := 0; c < o.count; c++ {
		s := o.s[j*n : (j+1)*n]
		y := o.y[j*n : (j+1)*n]
		a := o.rho[j] * fn.Dot(s, q)
		o.a[j] = a
		for i, yi := range y {
			q[i] -= a * yi
		}
		j = (j - 1 + m) % m
	}
	s := o.s[newest*n : (newest+1)*n]
	y := o.y[newest*n : (newest+1)*n]
	gamma := fn.Dot(s, y) / fn.Dot(y, y)
	for i := range q {
		q[i] *= gamma
	}
	j = (o.head - o.count + m) % m
	for c := 0; c < o.count; c++ {
		s := o.s[j*n : (j+1)*n]
		y := o.y[j*n : (j+1)*n]
		b := o.rho[j] * fn.Dot(y, q)
		coef := o.a[j] - b
		for i, si := range s {
			q[i] += coef * si
		}
		j = (j + 1) % m
	}
	for i := range q {
		q[i] = -q[i]
	}
}

// State returns the iteration count and the memory: the ring buffers "s",
// "y" (m·n values each) and "rho" (m values), with scalars "head" (next slot)
// and "count" (pairs stored). The vectors alias LBFGS's buffers.
func (o *LBFGS) State() State {
	return State{
		Step:    o.k,
		Scalars: map[string]float64{"head": float64(o.head), "count": float64(o.count)},
		Vectors: map[string][]float64{"s": o.s, "y": o.y, "rho": o.rho},
	}
}

// SetState restores a state saved by State into an LBFGS initialized with
// the same n and history.
func (o *LBFGS) SetState(st State) error {
	head, count, err := fbRingScalars("lbfgs", st, o.m)
	if err != nil {
		return err
	}
	if err := fbCopyVectors("lbfgs", st, map[string][]float64{"s": o.s, "y": o.y, "rho": o.rho}); err != nil {
		return err
	}
	o.k, o.head, o.count = st.Step, head, count
	return nil
}

// fbRingScalars reads and checks the "head" and "count" scalars of a ring
// buffer of m slots.
func fbRingScalars(name string, st State, m int) (head, count int, err error) {
	if st.Step < 0 {
		return 0, 0, fmt.Errorf("%s: state step %d is negative", name, st.Step)
	}
	h, ok1 := st.Scalars["head"]
	c, ok2 := st.Scalars["count"]
	if !ok1 || !ok2 {
		return 0, 0, fmt.Errorf("%s: state lacks the scalars \"head\" and \"count\"", name)
	}
	head, count = int(h), int(c)
	if float64(head) != h || float64(count) != c || head < 0 || head >= m || count < 0 || count > m {
		return 0, 0, fmt.Errorf("%s: state head=%g, count=%g do not fit a memory of %d", name, h, c, m)
	}
	return head, count, nil
}

// fbCopyVectors copies the state's vectors into dst, checking that every
// name is present with the right length. It checks all before copying any.
func fbCopyVectors(name string, st State, dst map[string][]float64) error {
	for k, d := range dst {
		v, ok := st.Vectors[k]
		if !ok {
			return fmt.Errorf("%s: state has no vector %q", name, k)
		}
		if len(v) != len(d) {
			return fmt.Errorf("%s: state vector %q has length %d, want %d (Init with the same size and history first)", name, k, len(v), len(d))
		}
	}
	for k, d := range dst {
		copy(d, st.Vectors[k])
	}
	return nil
}

// MemorySize implements Memoried: History (s, y) pairs of n values and their
// two scalars.
func (o *LBFGS) MemorySize(n int) (string, int, int) {
	m := o.History
	if m <= 0 {
		m = 10
	}
	return "history", m, m * (2*n + 2)
}
