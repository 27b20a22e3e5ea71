package optim

import (
	"fmt"
	"math"

	"github.com/descentgo/descent/fn"
	"github.com/descentgo/descent/spec"
)

// CGBeta selects the conjugate-gradient update parameter β of CG.
type CGBeta int

// The β formulas of CG, with g₊ = ∇f(xₖ₊₁), g = ∇f(xₖ), y = g₊ − g and d the
// previous direction.
const (
	// PRPlus is Polak–Ribière–Polyak clipped at zero,
	//	β = max(0, g₊ᵀy/‖g‖²),
	// Gilbert & Nocedal, "Global convergence properties of conjugate gradient
	// methods for optimization", SIAM J. Optim. 2(1) (1992).
	PRPlus CGBeta = iota
	// HagerZhang is
	//	β = max(βᴺ, ηₖ),  βᴺ = (y − 2d‖y‖²/dᵀy)ᵀg₊ / dᵀy,
	//	ηₖ = −1/(‖d‖·min(η, ‖g‖)),  η = 0.01,
	// Hager & Zhang, "A new conjugate gradient method with guaranteed descent
	// and an efficient line search", SIAM J. Optim. 16(1) (2005).
	HagerZhang
)

var cgBetaNames = []string{"pr+", "hz"}

// String returns the name used in specifications ("pr+", "hz").
func (b CGBeta) String() string {
	if b >= 0 && int(b) < len(cgBetaNames) {
		return cgBetaNames[b]
	}
	return fmt.Sprintf("CGBeta(%d)", int(b))
}

// CG is the nonlinear conjugate gradient method (Fletcher & Reeves 1964;
// Nocedal & Wright, Numerical Optimization (2006), Algorithm 5.4):
//
//	dₖ₊₁ = −∇f(xₖ₊₁) + βₖ₊₁dₖ,   xₖ₊₁ = xₖ + αₖdₖ,
//
// with β from Beta and αₖ from a strong-Wolfe line search (Moré–Thuente,
// c₁ = 1e-4, c₂ = 0.1). It restarts along −∇f every Restart iterations, when
// dₖ₊₁ is not a descent direction, and when Powell's test
// |g₊ᵀg| ≥ 0.2‖g₊‖² finds successive gradients far from orthogonal (Powell,
// "Restart procedures for the conjugate gradient method", Math. Programming
// 12 (1977)); β = 0 counts as a restart. The first trial step is
// αₖ₋₁·gₖ₋₁ᵀdₖ₋₁/gₖᵀdₖ, which keeps the first-order change of the previous
// step (Nocedal & Wright eq. 3.59); the first iteration tries the learning
// rate, or 1/‖∇f(x₀)‖. When the line search finds no strong Wolfe point but
// one with sufficient decrease, CG takes that point; when it fails along
// dₖ₊₁ it retries along −∇f.
//
// Iterate allocates nothing. The zero value is usable: PR+, restart every n.
type CG struct {
	Beta         CGBeta       // β formula; zero is PRPlus
	LineSearch   LineSearcher // nil means &Wolfe{C2: 0.1}
	Restart      int          // restart every Restart iterations; 0 means n, < 0 never
	NoPowell     bool         // disable Powell's restart test
	LearningRate float64      // first trial step; 0 means 1/‖∇f(x₀)‖

	defLS  Wolfe // the default line search, kept here so that Init does not allocate
	ls     LineSearcher
	n      int
	k      int     // iterations done
	since  int     // iterations since the last restart
	alpha0 float64 // first trial step of the next iteration (0: choose)
	slope  float64 // gᵀd of the previous iteration
	alpha  float64 // accepted step of the previous iteration
	searchWork
	gp, dp  []float64
	restart int
}

// Constants of CG: Hager–Zhang's η and Powell's restart threshold.
const (
	cgHZEta  = 0.01
	cgPowell = 0.2
)

func init() {
	Register(Entry{
		Name:    "cg",
		Summary: "nonlinear conjugate gradient, PR+ or Hager–Zhang, strong-Wolfe line search (Gilbert & Nocedal 1992, Hager & Zhang 2005)",
		Params: []spec.Field{
			{Key: "beta", Kind: spec.String, Default: "pr+", Choices: cgBetaNames, Doc: "β formula: Polak–Ribière+ or Hager–Zhang"},
			{Key: "restart", Kind: spec.Int, Default: "0", Doc: "restart along −∇f every this many iterations (0: n, −1: never)"},
			{Key: "powell", Kind: spec.Bool, Default: "true", Doc: "restart when |g₊ᵀg| ≥ 0.2‖g₊‖² (Powell 1977)"},
			{Key: "c1", Kind: spec.Float, Default: "1e-4", Doc: "sufficient-decrease constant of the Wolfe line search"},
			{Key: "c2", Kind: spec.Float, Default: "0.1", Doc: "curvature constant of the Wolfe line search"},
			{Key: "lr", Kind: spec.Float, Doc: "first trial step (default 1/‖∇f(x₀)‖)"},
		},
		New: func(a spec.Args) (Algorithm, error) {
			if a.Given("lr") && !(a.Float("lr") > 0) {
				return nil, a.Errorf("invalid lr %g: must be > 0", a.Float("lr"))
			}
			ls, err := wolfeFromArgs(a)
			if err != nil {
				return nil, err
			}
			r := a.Int("restart")
			if r < -1 {
				return nil, a.Errorf("invalid restart %d: must be ≥ −1", r)
			}
			o := &CG{LineSearch: ls, Restart: r, NoPowell: !a.Bool("powell"), LearningRate: a.Float("lr")}
			if a.String("beta") == "hz" {
				o.Beta = HagerZhang
			}
			return o, nil
		},
	})
}

// Init prepares CG for n parameters and clears its state.
func (o *CG) Init(n int) {
	o.n, o.k, o.since = n, 0, 0
	o.alpha0 = math.Max(o.LearningRate, 0)
	o.slope, o.alpha = 0, 0
	o.searchWork.resize(n)
	o.gp = fbResize(o.gp, n)
	o.dp = fbResize(o.dp, n)
	o.restart = o.Restart
	if o.restart == 0 {
		o.restart = n
	}
	o.ls = o.LineSearch
	if o.ls == nil {
		o.defLS = Wolfe{C2: 0.1}
		o.ls = &o.defLS
	}
}

// Iterate takes one conjugate-gradient step.
func (o *CG) Iterate(obj fn.Func, x, g []float64, f float64) (fNew float64, evals int, err error) {
	fi, err := fbBegin("cg", o.n, x, g, f, o.gi)
	if err != nil {
		return f, 0, err
	}
	gg := fn.Dot(o.gi, o.gi)
	if gg == 0 {
		return f, 0, lsErrorf("cg: the gradient is zero: x is stationary")
	}
	restart := o.k == 0 || (o.restart > 0 && o.since >= o.restart)
	beta := 0.0
	if !restart {
		beta = o.beta(gg)
		// β = 0 (Powell's test, PR+ clipping) restarts; so does a NaN
		// from a degenerate update.
		restart = !(beta != 0)
	}
	var slope float64
	if !restart {
		for i, v := range o.gi {
			o.d[i] = -v + beta*o.dp[i]
			slope += v * o.d[i]
		}
		restart = !(slope < 0)
	}
	alpha0 := o.alpha0
	if restart {
		for i, v := range o.gi {
			o.d[i] = -v
		}
		slope = -gg
		o.since = 0
	}
	if o.k > 0 && !(alpha0 > 0) {
		alpha0 = o.alpha * o.slope / slope
	}
	if !(alpha0 > 0) || math.IsInf(alpha0, 0) {
		alpha0 = 1 / math.Sqrt(gg)
	}
	o.line.Obj, o.line.X, o.line.Dir = obj, x, o.d
	o.line.F0, o.line.Slope0 = fi, slope
	alpha, phi, evals, err := searchOrBest(o.ls, &o.line, alpha0)
	if err != nil && !restart {
		// Retry along −∇f.
		for i, v := range o.gi {
			o.d[i] = -v
		}
		slope = -gg
		o.line.Slope0 = slope
		var ev int
		alpha, phi, ev, err = searchOrBest(o.ls, &o.line, 1/math.Sqrt(gg))
		evals += ev
		o.since = 0
	}
	if err != nil {
		return f, evals, fmt.Errorf("cg: %w", err)
	}
	// Keep g and d for the next β.
	o.gp, o.gi = o.gi, o.gp
	o.dp, o.d = o.d, o.dp
	o.alpha, o.slope, o.alpha0 = alpha, slope, 0
	fbEnd(x, g, &o.line)
	o.k++
	o.since++
	return phi, evals, nil
}

// beta returns β for the current gradient gi, previous gradient gp and
// direction dp, or 0 when Powell's test asks for a restart.
func (o *CG) beta(gg float64) float64 {
	var gyNew, gpgp, ggp, dy, yy, dg, dd float64
	for i, v := range o.gi {
		p := o.gp[i]
		y := v - p
		gyNew += v * y
		gpgp += p * p
		ggp += v * p
		dp := o.dp[i]
		dy += dp * y
		yy += y * y
		dg += dp * v
		dd += dp * dp
	}
	if !o.NoPowell && math.Abs(ggp) >= cgPowell*gg {
		return 0
	}
	switch o.Beta {
	case HagerZhang:
		if !(dy > 0) {
			return 0
		}
		bn := (gyNew - 2*yy*dg/dy) / dy
		eta := -1 / (math.Sqrt(dd) * math.Min(cgHZEta, math.Sqrt(gpgp)))
		return math.Max(bn, eta)
	default:
		return math.Max(0, gyNew/gpgp)
	}
}

// LR returns the first trial step of the next iteration (0 when it is
// chosen from the previous step or as 1/‖g‖).
func (o *CG) LR() float64 { return o.alpha0 }

// SetLR sets the first trial step of the next iteration.
func (o *CG) SetLR(lr float64) { o.alpha0 = lr }

// State returns the iteration count and what the next iteration needs: the
// previous gradient "g" and direction "d" (of the minimized function), the
// previous step "alpha" and slope "slope", the trial step "alpha0" and the
// iterations "since" the last restart. The vectors alias CG's buffers.
func (o *CG) State() State {
	return State{
		Step: o.k,
		Scalars: map[string]float64{
			"alpha": o.alpha, "slope": o.slope, "alpha0": o.alpha0, "since": float64(o.since),
		},
		Vectors: map[string][]float64{"g": o.gp, "d": o.dp},
	}
}

// SetState restores a state saved by State into a CG initialized with the
// same n.
func (o *CG) SetState(st State) error {
	if st.Step < 0 {
		return fmt.Errorf("cg: state step %d is negative", st.Step)
	}
	var v [4]float64
	for i, k := range []string{"alpha", "slope", "alpha0", "since"} {
		x, ok := st.Scalars[k]
		if !ok {
			return fmt.Errorf("cg: state has no scalar %q", k)
		}
		v[i] = x
	}
	if v[3] < 0 || v[3] != math.Trunc(v[3]) {
		return fmt.Errorf("cg: state since=%g is not a count", v[3])
	}
	if err := fbCopyVectors("cg", st, map[string][]float64{"g": o.gp, "d": o.dp}); err != nil {
		return err
	}
	o.k = st.Step
	o.alpha, o.slope, o.alpha0, o.since = v[0], v[1], v[2], int(v[3])
	return nil
}
