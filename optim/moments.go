package optim

import (
	"github.com/descentgo/descent/internal/param"
	"github.com/descentgo/descent/spec"
)

// moments are the hyperparameters that every method of the Adam family
// (adam, adamw, adamax, nadam, radam) shares, resolved from the public
// fields: a zero field means PyTorch's default (β₁ = 0.9, β₂ = 0.999,
// ε = 1e-8, lr per method), Zero a literal 0.
type moments struct {
	lr, beta1, beta2, eps float64
	cycled                bool // β₁ set by setMomentum (a schedule cycles it)
}

// setMomentum sets β₁ for the following steps. torch's adam.py, adamax.py
// and radam.py compute the bias correction 1 − β₁^step with the β₁ of the
// current step (a schedule cycling betas[0]), so from then on β₁ᵗ is
// computed afresh each step (powInt) instead of as a running product.
func (m *moments) setMomentum(b1 float64) {
	m.beta1 = b1
	m.cycled = true
}

// pow1 returns β₁ᵗ for the step t that p (the running product of the
// initial β₁) has just reached.
func (m *moments) pow1(p *powSeq, t int) float64 {
	v := p.next()
	if m.cycled {
		return powInt(m.beta1, t)
	}
	return v
}

// resolveMoments fills in the defaults.
func resolveMoments(lr, beta1, beta2, eps, defaultLR float64) moments {
	return moments{
		lr:    param.OrDefault(lr, defaultLR),
		beta1: param.OrDefault(beta1, 0.9),
		beta2: param.OrDefault(beta2, 0.999),
		eps:   param.OrDefault(eps, 1e-8),
	}
}

// check makes PyTorch's checks, in PyTorch's order, with the weight decay wd.
func (m moments) check(wd float64) error {
	return firstErr(
		nonNegative("lr", m.lr),
		inUnit("beta1", m.beta1, false),
		inUnit("beta2", m.beta2, false),
		nonNegative("eps", m.eps),
		nonNegative("weight_decay", wd),
	)
}

// momentFields declares lr, beta1, beta2, eps and weight_decay with their
// defaults and help texts, followed by extra.
func momentFields(lr, beta2Doc, epsDoc, wd, wdDoc string, extra ...spec.Field) []spec.Field {
	return append([]spec.Field{
		{Key: "lr", Kind: spec.Float, Default: lr, Doc: "learning rate"},
		{Key: "beta1", Kind: spec.Float, Default: "0.9", Doc: "decay β₁ of the first moment"},
		{Key: "beta2", Kind: spec.Float, Default: "0.999", Doc: beta2Doc},
		{Key: "eps", Kind: spec.Float, Default: "1e-08", Doc: epsDoc},
		{Key: "weight_decay", Kind: spec.Float, Default: wd, Doc: wdDoc},
	}, extra...)
}

// momentArgs reads lr, beta1, beta2 and eps back from bound arguments,
// keeping a written 0 as an explicit zero.
func momentArgs(a spec.Args) (lr, beta1, beta2, eps float64) {
	return param.Explicit(a.Float("lr")), param.Explicit(a.Float("beta1")), param.Explicit(a.Float("beta2")), param.Explicit(a.Float("eps"))
}
