package optim

import (
	"fmt"
	"math"

	"github.com/descentgo/descent/internal/param"
	"github.com/descentgo/descent/spec"
)

// GD is plain gradient descent, torch.optim.SGD without momentum:
//
//	g ← ∇f(x) + λ·x        (weight decay λ)
//	x ← x − lr·g
//
// Cauchy, "Méthode générale pour la résolution des systèmes d'équations
// simultanées" (1847). The zero value uses lr = 0.001.
type GD struct {
	LearningRate float64 // learning rate; 0 means 0.001
	WeightDecay  float64 // λ, L2 penalty added to the gradient

	lr float64
}

func init() {
	Register(Entry{
		Name:    "gd",
		Summary: "plain gradient descent x ← x − lr·∇f (torch.optim.SGD, momentum 0)",
		Params: []spec.Field{
			{Key: "lr", Kind: spec.Float, Default: "0.001", Doc: "learning rate"},
			{Key: "weight_decay", Kind: spec.Float, Default: "0", Doc: "L2 penalty λ added to the gradient"},
			{Key: "linesearch", Kind: spec.String, Default: "none", Choices: []string{"none", "armijo", "wolfe"}, Doc: "choose each step by a line search (then lr is the first trial step, default 1/‖∇f‖; see GDLS)"},
			{Key: "c1", Kind: spec.Float, Default: "1e-4", Doc: "line search: sufficient-decrease constant"},
			{Key: "c2", Kind: spec.Float, Default: "0.9", Doc: "line search (wolfe): curvature constant"},
			{Key: "rho", Kind: spec.Float, Default: "0.5", Doc: "line search (armijo): shrink factor"},
			{Key: "init", Kind: spec.String, Default: "fchange", Choices: initialStepNames, Doc: "line search: first trial step after the first iteration (fchange: 2Δf/‖∇f‖², double: 2×previous step, constant: lr)"},
		},
		New: func(a spec.Args) (Algorithm, error) {
			if a.String("linesearch") != "none" {
				return newGDLS(a)
			}
			for _, k := range []string{"c1", "c2", "rho", "init"} {
				if a.Given(k) {
					return nil, a.Errorf("%s applies only with linesearch=armijo or linesearch=wolfe", k)
				}
			}
			if a.Float("lr") < 0 {
				return nil, a.Errorf("invalid lr %g: must be ≥ 0", a.Float("lr"))
			}
			if a.Float("weight_decay") < 0 {
				return nil, a.Errorf("invalid weight_decay %g: must be ≥ 0", a.Float("weight_decay"))
			}
			return &GD{LearningRate: param.Explicit(a.Float("lr")), WeightDecay: a.Float("weight_decay")}, nil
		},
	})
}

// StableLR returns 2/L, the stable bound of gradient descent at curvature L.
func (o *GD) StableLR(L float64) Bound { return gdBound(L) }

// Init prepares GD for n parameters.
func (o *GD) Init(n int) { o.lr = param.OrDefault(o.LearningRate, 0.001) }

// Step performs x ← x − lr·(g + λx).
func (o *GD) Step(x, g []float64) {
	lr, wd := o.lr, o.WeightDecay
	if len(x) != len(g) {
		panic(fmt.Sprintf("optim: len(x)=%d != len(g)=%d", len(x), len(g)))
	}
	// Rounded as torch's CPU kernels round (see lerp in sgd.go):
	// grad.add(param, alpha=λ) and param.add_(grad, alpha=−lr) are FMAs.
	if wd == 0 {
		for i, gi := range g {
			x[i] = math.FMA(-lr, gi, x[i])
		}
		return
	}
	for i, gi := range g {
		d := math.FMA(wd, x[i], gi)
		x[i] = math.FMA(-lr, d, x[i])
	}
}

// LR returns the learning rate in use.
func (o *GD) LR() float64 { return o.lr }

// SetLR sets the learning rate for the following steps.
func (o *GD) SetLR(lr float64) { o.lr = lr }
