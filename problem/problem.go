// Package problem turns what a user names — a catalogue function or a
// formula, variable order and a start point — into an objective ready to
// minimize. The command line, the playground server and the examples share
// it, so every front end accepts the same things with the same errors.
package problem

import (
	"fmt"
	"math"
	"strconv"
	"strings"

	"github.com/descentgo/descent/expr"
	"github.com/descentgo/descent/fn"
	"github.com/descentgo/descent/testfunc"
)

// Problem is a function to minimize with its start point.
type Problem struct {
	Name  string    // the catalogue name ("rosenbrock") or the formula
	F     fn.Func   // the objective
	Vars  []string  // variable names, in coordinate order
	Start []float64 // the start point
	// Known is the catalogue entry when the problem comes from the
	// catalogue (with known minima); nil for formulas.
	Known *testfunc.Function
}

// Spec says which problem to build; it mirrors the command-line flags.
type Spec struct {
	Func  string    // --func: catalogue name, e.g. "rosenbrock:n=4"
	Expr  string    // --expr: a formula
	Vars  []string  // --vars: variable order for a formula
	Start []float64 // --start: start point; nil = the catalogue's, or zeros for a formula
}

// New builds the problem that s describes. Errors name the flag at fault.
func New(s Spec) (*Problem, error) {
	switch {
	case s.Func != "" && s.Expr != "":
		return nil, fmt.Errorf("--func and --expr are exclusive: give one")
	case s.Func == "" && s.Expr == "":
		return nil, fmt.Errorf("give the function to minimize: --func NAME (see `descent functions`) or --expr FORMULA")
	}
	p := &Problem{}
	if s.Func != "" {
		if len(s.Vars) > 0 {
			return nil, fmt.Errorf("--vars applies to --expr only; catalogue functions name their variables x1..xn")
		}
		tf, err := testfunc.Lookup(s.Func)
		if err != nil {
			return nil, fmt.Errorf("--func: %v", err)
		}
		p.Name, p.F, p.Known = s.Func, tf, tf
		p.Vars = tf.Vars()
		p.Start = append([]float64(nil), tf.Start...)
	} else {
		prog, err := expr.Compile(s.Expr, s.Vars)
		if err != nil {
			return nil, fmt.Errorf("--expr: %v", err)
		}
		if prog.Dim() == 0 {
			return nil, fmt.Errorf("--expr: the formula %q has no variables: there is nothing to minimize", s.Expr)
		}
		p.Name, p.F, p.Vars = s.Expr, prog, prog.Vars()
		p.Start = make([]float64, prog.Dim())
	}
	if s.Start != nil {
		if len(s.Start) != p.F.Dim() {
			return nil, fmt.Errorf("--start has %d values, but the function has %d variables (%s)",
				len(s.Start), p.F.Dim(), strings.Join(p.Vars, ", "))
		}
		p.Start = append([]float64(nil), s.Start...)
	}
	return p, nil
}

// ParseFloats parses a comma-separated list of finite numbers, as given to
// --start; flag names the flag for error messages.
func ParseFloats(flag, s string) ([]float64, error) {
	if strings.TrimSpace(s) == "" {
		return nil, fmt.Errorf("%s: empty list", flag)
	}
	parts := strings.Split(s, ",")
	out := make([]float64, len(parts))
	for i, p := range parts {
		p = strings.TrimSpace(p)
		v, err := strconv.ParseFloat(p, 64)
		if err != nil || math.IsNaN(v) || math.IsInf(v, 0) {
			return nil, fmt.Errorf("%s: item %d: %q is not a finite number", flag, i+1, p)
		}
		out[i] = v
	}
	return out, nil
}
