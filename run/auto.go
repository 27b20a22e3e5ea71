package run

import (
	"fmt"
	"strconv"

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
	lr, _ := opt.Get("lr")
	mom, _ := opt.Get("momentum")
	if lr != "auto" && mom != "auto" {
		return nil
	}
	bad := func(format string, a ...any) error {
		return &spec.FieldError{Field: "opt", Err: fmt.Errorf("%s: "+format, append([]any{opt}, a...)...)}
	}
	switch {
	case opt.Name != "gd" && opt.Name != "sgd":
		return bad("lr=auto applies to gd and sgd (the best constant step of gradient descent and heavy ball)")
	case lr != "auto":
		return bad("momentum=auto needs lr=auto (the pair is chosen together)")
	case mom != "auto" && mom != "":
		if v, err := strconv.ParseFloat(mom, 64); err != nil || v != 0 {
			return bad("lr=auto with a fixed momentum: use momentum=auto for the best heavy-ball pair")
		}
	}
	est, err := curvature.At(c.Problem.Objective(), c.Problem.Start)
	if err != nil || !(est.Min > 0) || !(est.L > 0) {
		return bad("lr=auto needs positive curvature at the start point (L = %.4g, smallest eigenvalue ≤ %.4g): give lr", est.L, est.Min)
	}
	gdLR, hbLR, beta := optim.BestConstant(est.L, est.Min)
	f := func(v float64) string { return strconv.FormatFloat(v, 'g', -1, 64) }
	if mom == "auto" {
		c.Opt = opt.With("lr", f(hbLR)).With("momentum", f(beta))
	} else {
		c.Opt = opt.With("lr", f(gdLR))
	}
	return nil
}
