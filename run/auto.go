package run

import (
	"github.com/descentgo/descent/curvature"
	"github.com/descentgo/descent/optim"
	"github.com/descentgo/descent/spec"
)

// resolveAuto replaces lr=auto (gd, sgd) and momentum=auto (sgd) by the
// best constant steps of the quadratic model at the start point, with L
// and μ the largest and smallest Hessian eigenvalues measured there by
// curvature.At (optim.BestConstant):
//
//	gd:lr=auto                    lr = 2/(L+μ)                (contraction (κ−1)/(κ+1))
//	sgd:lr=auto,momentum=auto     lr = 4/(√L+√μ)², β = ((√L−√μ)/(√L+√μ))²   (Polyak 1964)
//
// These are optimal for a quadratic; for other functions they are the
// optimal steps of the start's quadratic model. For n > 40 variables μ is
// an upper bound (the smallest Ritz value of 40 Lanczos steps). Errors are
// *spec.FieldError about "opt".
func (c *Config) resolveAuto() error {
	opt := c.opt()
	auto, err := optim.Auto(opt)
	if !auto || err != nil {
		return spec.Fielded("opt", err)
	}
	est, err := curvature.At(c.Problem.Objective(), c.Problem.Start)
	if err != nil {
		est.Min = 0
	}
	c.Opt, err = optim.ResolveAuto(opt, est.L, est.Min)
	return spec.Fielded("opt", err)
}
