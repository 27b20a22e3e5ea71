// Package problem turns what a user names — a catalogue function or a
// formula, variable order and a start point — into an objective ready to
// minimize. The command line, the playground server and the examples share
// it, so every front end accepts the same things with the same errors.
package problem

import (
	"errors"
	"fmt"
	"strings"

	"github.com/descentgo/descent/expr"
	"github.com/descentgo/descent/fn"
	"github.com/descentgo/descent/spec"
	"github.com/descentgo/descent/testfunc"
)

// Problem is a function to minimize (or maximize) with its start point.
type Problem struct {
	Name  string    // the catalogue specification ("rosenbrock:n=4") or the formula
	F     fn.Func   // the objective, as given (not negated)
	Vars  []string  // variable names, in coordinate order
	Start []float64 // the start point
	// Known is the catalogue entry when the problem comes from the
	// catalogue (with known minima); nil for formulas.
	Known *testfunc.Function
	// Maximize asks for the maximum of F: the engines minimize −F
	// (fn.Negate) and report F.
	Maximize bool
}

// Objective returns the function to minimize: F, or −F when maximizing.
func (p *Problem) Objective() fn.Func {
	if p.Maximize {
		return fn.Negate{F: p.F}
	}
	return p.F
}

// Spec says which problem to build. Its fields are typed values; the front
// ends parse text into them.
type Spec struct {
	Func     spec.Spec // a catalogue function, e.g. rosenbrock:n=4
	Expr     string    // a formula
	Vars     []string  // variable order for a formula; nil = order of first appearance
	Start    []float64 // start point; nil = the catalogue's, or zeros for a formula
	Maximize bool      // maximize instead of minimize
}

// The errors of New that concern the whole Spec rather than one field.
var (
	ErrNoFunction  = errors.New("give the function to minimize: a catalogue function or a formula")
	ErrFuncAndExpr = errors.New("a catalogue function and a formula are exclusive: give one")
)

// New builds the problem that s describes. An error about one field is a
// *spec.FieldError naming it ("func", "expr", "vars", "start").
func New(s Spec) (*Problem, error) {
	hasFunc := !s.Func.IsZero()
	switch {
	case hasFunc && s.Expr != "":
		return nil, ErrFuncAndExpr
	case !hasFunc && s.Expr == "":
		return nil, ErrNoFunction
	}
	p := &Problem{Maximize: s.Maximize}
	if hasFunc {
		if len(s.Vars) > 0 {
			return nil, &spec.FieldError{Field: "vars", Err: errors.New("applies to a formula only; catalogue functions name their variables x1..xn")}
		}
		tf, err := testfunc.New(s.Func)
		if err != nil {
			return nil, &spec.FieldError{Field: "func", Err: err}
		}
		p.Name, p.F, p.Known = s.Func.String(), tf, tf
		p.Vars = tf.Vars()
		p.Start = append([]float64(nil), tf.Start...)
	} else {
		prog, err := expr.Compile(s.Expr, s.Vars)
		if err != nil {
			return nil, &spec.FieldError{Field: "expr", Err: err}
		}
		if prog.Dim() == 0 {
			return nil, &spec.FieldError{Field: "expr", Err: fmt.Errorf("the formula %q has no variables: there is nothing to minimize", s.Expr)}
		}
		p.Name, p.F, p.Vars = s.Expr, prog, prog.Vars()
		p.Start = make([]float64, prog.Dim())
	}
	if s.Start != nil {
		if len(s.Start) != p.F.Dim() {
			return nil, &spec.FieldError{Field: "start", Err: fmt.Errorf("has %d values, but the function has %d variables (%s)",
				len(s.Start), p.F.Dim(), strings.Join(p.Vars, ", "))}
		}
		if !fn.AllFinite(s.Start) {
			return nil, &spec.FieldError{Field: "start", Err: fmt.Errorf("%v is not finite", s.Start)}
		}
		p.Start = append([]float64(nil), s.Start...)
	}
	return p, nil
}
