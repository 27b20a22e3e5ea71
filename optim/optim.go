// Package optim holds the update rules of descent: the torch.optim family
// (gd, sgd, adagrad, rmsprop, adadelta, adam, adamw, adamax, nadam, radam),
// which follow PyTorch 2.x step for step, and full-batch methods that evaluate
// the objective themselves (line-search gradient descent, Barzilai–Borwein,
// nonlinear conjugate gradient, L-BFGS).
//
// Each method lives in its own file and registers itself by name, so adding a
// method is one file and one Register call. Construct a method either as a Go
// value (the zero value of every field means PyTorch's default) or from a
// command-line specification with New("adam:lr=0.01,beta2=0.99").
//
// Every algorithm minimizes; there is no maximize option (torch's
// maximize=True). To maximize f, minimize fn.Negate{F: f} and report −f, as
// descent's front ends do: the negated gradient is exactly what torch's
// maximize=True steps with, so the iterates are the same bit for bit.
//
// Zero values and explicit zeros: a field whose PyTorch default is not zero
// (LR, Beta1, Beta2, Eps, Alpha, Rho, ...) reads the zero value as that
// default. To ask for a literal zero in such a field, store negative zero,
// Zero; arithmetic with it is exactly arithmetic with 0. New does this for
// a written "beta1=0".
package optim

import (
	"fmt"
	"strconv"

	"github.com/descentgo/descent/fn"
	"github.com/descentgo/descent/internal/param"
	"github.com/descentgo/descent/spec"
)

// Algorithm is either an Optimizer or a Method. Init prepares it for n
// parameters and clears all state, so an Algorithm can be reused for a new run.
type Algorithm interface {
	Init(n int)
}

// Optimizer is a first-order update rule in the style of torch.optim: given
// the gradient at x it moves x in place, one call per optimizer.step().
type Optimizer interface {
	Algorithm
	// Step updates x in place from g = ∇f(x). It must neither modify g nor
	// allocate.
	Step(x, g []float64)
}

// Method is an algorithm that evaluates the objective itself, such as a
// line search. It suits full-batch problems.
type Method interface {
	Algorithm
	// Iterate moves x in place from a point where f = f(x) and g = ∇f(x) to
	// the next iterate, leaving ∇f at the new x in g. It returns the new value
	// and the number of evaluations of obj it made. When it cannot make
	// progress (a line search that fails) it leaves x, g unchanged and returns
	// an error wrapping ErrNoProgress with a message saying why.
	Iterate(obj fn.Func, x, g []float64, f float64) (fNew float64, evals int, err error)
}

// ErrNoProgress is wrapped by the errors that a Method returns when it cannot
// find a better point, e.g. a line search that fails its conditions.
var ErrNoProgress = fmt.Errorf("no progress")

// LRer is implemented by algorithms that have a learning rate that schedules
// may change between steps (for line-search methods: the initial trial step).
type LRer interface {
	LR() float64
	SetLR(lr float64)
}

// State is an algorithm's internal state, for checkpoints: counters and
// vectors by name. Vectors alias the algorithm's buffers.
type State struct {
	Step    int                  `json:"step"`
	Scalars map[string]float64   `json:"scalars,omitempty"`
	Vectors map[string][]float64 `json:"vectors,omitempty"`
}

// Clone returns a deep copy of s (State's vectors alias the algorithm's
// buffers).
func (s State) Clone() State {
	c := State{Step: s.Step}
	if s.Scalars != nil {
		c.Scalars = make(map[string]float64, len(s.Scalars))
		for k, v := range s.Scalars {
			c.Scalars[k] = v
		}
	}
	if s.Vectors != nil {
		c.Vectors = make(map[string][]float64, len(s.Vectors))
		for k, v := range s.Vectors {
			c.Vectors[k] = append([]float64(nil), v...)
		}
	}
	return c
}

// Stateful is implemented by algorithms whose state can be saved and restored
// so that a resumed run is bit-identical to an uninterrupted one.
type Stateful interface {
	State() State
	SetState(State) error
}

// Zero is negative zero, an alias of the one in package internal/param:
// stored in a field whose zero value means a non-zero default, it asks for a
// literal 0. A positive zero (the zero value) in such a field means "the
// default".
var Zero = param.Zero

// Entry describes a registered algorithm.
type Entry struct {
	Name    string
	Summary string       // one line: what it is and where it comes from
	Params  []spec.Field // keys as PyTorch names them, with defaults
	// New builds the algorithm from bound parameters; it returns an error
	// for invalid values (the same checks PyTorch makes).
	New func(a spec.Args) (Algorithm, error)
}

var registry = spec.NewRegistry[Entry]("optimizer")

// Register adds an algorithm to the registry. It panics if the name is taken.
func Register(e Entry) { registry.Register(e.Name, e) }

// Lookup returns the registered entry for name.
func Lookup(name string) (Entry, bool) { return registry.Lookup(name) }

// Names returns the registered names in sorted order.
func Names() []string { return registry.Names() }

// NewSpec builds an algorithm from a parsed specification such as
// adam:lr=0.01,beta2=0.99,amsgrad=true (see package spec for the syntax,
// which only the front ends parse). An unknown name, key or value is an error
// that lists what is valid. Every call returns a fresh algorithm, so a
// spec.Spec is the factory that engines keep: local SGD builds one optimizer
// per shard from it, a comparison one per run.
func NewSpec(sp spec.Spec) (Algorithm, error) {
	e, ok := registry.Lookup(sp.Name)
	if !ok {
		return nil, registry.Unknown(sp.Name)
	}
	a, err := spec.Bind("optimizer "+strconv.Quote(sp.Name), sp, e.Params)
	if err != nil {
		return nil, err
	}
	return e.New(a)
}

// IsMethod reports whether a is a Method, an algorithm that evaluates the
// objective itself (a line search) and so needs the full objective.
func IsMethod(a Algorithm) bool {
	_, ok := a.(Method)
	return ok
}

// StepLR returns the learning rate of a step-based optimizer and true, or
// 0 and false for a Method (whose lr, if any, is only a first trial step)
// and for an algorithm without a learning rate.
func StepLR(a Algorithm) (float64, bool) {
	l, ok := a.(LRer)
	if !ok || IsMethod(a) {
		return 0, false
	}
	return l.LR(), true
}
