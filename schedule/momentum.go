package schedule

import (
	"fmt"
	"strings"

	"github.com/descentgo/descent/internal/param"
)

// Momentumer is implemented by schedules that also set the optimizer's
// momentum, as PyTorch's OneCycleLR and CyclicLR do by default
// (cycle_momentum=True): onecycle and cyclic. Momentum returns the momentum
// for the current step — SGD's momentum, or β₁ for the Adam family
// (PyTorch's betas[0]) — and true, or 0 and false when the schedule was
// told not to cycle it (cycle_momentum=false, FixedMomentum).
//
// A driver treats it as it treats LR: before every optimizer step it sets
// the optimizer's rate to LR() and its momentum to Momentum(), which is
// what ApplyMomentum does.
type Momentumer interface {
	Momentum() (float64, bool)
}

// MomentumSetter is implemented by optimizers whose momentum a schedule may
// set, where PyTorch's OneCycleLR and CyclicLR (cycle_momentum=True) would:
// those whose reference code's defaults hold "momentum" or "betas", the
// scheduler then setting group["momentum"] or group["betas"][0]. In package
// optim: the momentum μ of sgd, rmsprop, signum and dadapt_sgd; β₁ of adam,
// adamw, adamax, nadam, radam, sparse_adam, lion (the interpolation of its
// update), dadapt_adam and prodigy; and mechanic passes it to its base. The
// value is in [0, 1); a literal 0 is a real 0, not "the default".
type MomentumSetter interface {
	SetMomentum(float64)
}

// MomentumRefuser is implemented by optimizers that may refuse a cycled
// momentum although they have a parameter of that name, or may have none
// though they implement MomentumSetter: RefuseMomentum returns nil when a
// schedule may set the momentum, or the reason it may not, a phrase naming
// the optimizer (the schedule-free methods, whose β is an interpolation of
// the averaged iterate; muon, whose reference torch's schedulers refuse;
// mechanic with a base that has no momentum). ApplyMomentum asks it first.
type MomentumRefuser interface {
	RefuseMomentum() error
}

// withMomentum lists the optimizers ApplyMomentum accepts, for its errors.
const withMomentum = "sgd, rmsprop, signum, adam, adamw, adamax, nadam, radam, sparse_adam, lion, dadapt_sgd, dadapt_adam, prodigy, mechanic with one of these as base"

// MomentumOf returns s's momentum for the current step and whether s sets
// one (see Momentumer).
func MomentumOf(s Schedule) (float64, bool) {
	if m, ok := s.(Momentumer); ok {
		return m.Momentum()
	}
	return 0, false
}

// ApplyMomentum sets the momentum of the optimizer o to that of s for the
// current step, if s cycles momentum; otherwise it does nothing. It returns
// an error, and sets nothing, when s cycles momentum and o is not a
// MomentumSetter or is a MomentumRefuser that refuses (PyTorch raises
// ValueError in the scheduler's constructor then; the schedule-free methods
// are refused where PyTorch would not, see their RefuseMomentum): the
// driver calls it once after building both, to report the error, and then
// before every optimizer step, next to SetLR(s.LR()).
func ApplyMomentum(s Schedule, o any) error {
	m, ok := MomentumOf(s)
	if !ok {
		return nil
	}
	if r, ok := o.(MomentumRefuser); ok {
		if err := r.RefuseMomentum(); err != nil {
			return fmt.Errorf("schedule %q cycles the momentum but %v: give the schedule cycle_momentum=false or use an optimizer with momentum (%s)", scheduleName(s), err, withMomentum)
		}
	}
	set, ok := o.(MomentumSetter)
	if !ok {
		return fmt.Errorf("schedule %q cycles the momentum but the optimizer %s has no momentum or β1 to set: give the schedule cycle_momentum=false or use an optimizer with momentum (%s)", scheduleName(s), typeName(o), withMomentum)
	}
	set.SetMomentum(m)
	return nil
}

// typeName is the lower-case name of o's type without its package, which
// for descent's optimizers is the registered name (*optim.Adagrad: adagrad).
func typeName(o any) string {
	n := fmt.Sprintf("%T", o)
	if i := strings.LastIndexByte(n, '.'); i >= 0 {
		n = n[i+1:]
	}
	return strings.ToLower(strings.TrimPrefix(n, "*"))
}

func scheduleName(s Schedule) string {
	if st, ok := s.(Stateful); ok {
		return st.State().Name
	}
	return fmt.Sprintf("%T", s)
}

// checkMomenta checks base_momentum and max_momentum of a cycling schedule:
// each in [0, 1) (positive zero standing for its default) and
// base ≤ max; defBase and defMax are their defaults. PyTorch checks
// neither.
func checkMomenta(name string, base, max, defBase, defMax float64) error {
	for _, c := range []struct {
		key string
		v   float64
	}{{"base_momentum", base}, {"max_momentum", max}} {
		if !(c.v >= 0 && c.v < 1) {
			return errf(name, "invalid %s %g: must be in [0, 1)", c.key, c.v+0)
		}
	}
	b, m := param.OrDefault(base, defBase), param.OrDefault(max, defMax)
	if b > m {
		return errf(name, "base_momentum %g > max_momentum %g: the momentum would cycle the wrong way (swap them)", b, m)
	}
	return nil
}
