package problem

import (
	"errors"
	"math"
	"reflect"
	"strings"
	"testing"

	"github.com/descentgo/descent/spec"
)

func TestNew(t *testing.T) {
	p, err := New(Spec{Expr: "y^2 + (x-1)^2"})
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(p.Vars, []string{"y", "x"}) || !reflect.DeepEqual(p.Start, []float64{0, 0}) || p.Known != nil {
		t.Fatalf("formula problem: %+v", p)
	}
	p, err = New(Spec{Expr: "y^2 + (x-1)^2", Vars: []string{"x", "y"}, Start: []float64{3, 4}})
	if err != nil || !reflect.DeepEqual(p.Vars, []string{"x", "y"}) || p.F.Value(p.Start) != 20 {
		t.Fatalf("with --vars: %+v, %v", p, err)
	}
	p, err = New(Spec{Func: spec.Spec{Name: "rosenbrock"}})
	if err != nil || p.Known == nil || !reflect.DeepEqual(p.Start, []float64{-1.2, 1}) || math.Abs(p.F.Value(p.Start)-24.2) > 1e-13 {
		t.Fatalf("catalogue problem: %+v, %v", p, err)
	}
	p.Start[0] = 7
	if q, _ := New(Spec{Func: spec.Spec{Name: "rosenbrock"}}); q.Start[0] != -1.2 {
		t.Fatal("the catalogue's start point was modified through a problem")
	}
}

func TestNewErrors(t *testing.T) {
	tests := []struct {
		s     Spec
		field string // "" for a whole-Spec error
		want  string
	}{
		{Spec{}, "", ErrNoFunction.Error()},
		{Spec{Func: spec.Spec{Name: "sphere"}, Expr: "x"}, "", ErrFuncAndExpr.Error()},
		{Spec{Func: spec.Spec{Name: "sphere"}, Vars: []string{"a"}}, "vars", "vars: applies to a formula only; catalogue functions name their variables x1..xn"},
		{Spec{Func: spec.Spec{Name: "spere"}}, "func", `func: unknown function "spere"`},
		{Spec{Expr: "2+3"}, "expr", `expr: the formula "2+3" has no variables: there is nothing to minimize`},
		{Spec{Expr: "x^2+y^2", Start: []float64{1, 2, 3}}, "start", "start: has 3 values, but the function has 2 variables (x, y)"},
		{Spec{Expr: "x^2+y^2", Start: []float64{1, math.NaN()}}, "start", "start: [1 NaN] is not finite"},
		{Spec{Expr: "x^2+", Start: nil}, "expr", "expr: expr:1:5: unexpected end of input"},
	}
	for _, tc := range tests {
		_, err := New(tc.s)
		if err == nil || !strings.HasPrefix(err.Error(), tc.want) {
			t.Errorf("%+v: %v, want %q", tc.s, err, tc.want)
			continue
		}
		var fe *spec.FieldError
		if got := errors.As(err, &fe); got != (tc.field != "") || (got && fe.Field != tc.field) {
			t.Errorf("%+v: error %v: field error %v, want field %q", tc.s, err, got, tc.field)
		}
	}
}

func TestMaximizeNegates(t *testing.T) {
	p, err := New(Spec{Expr: "-(x-1)^2 + 3", Start: []float64{0}, Maximize: true})
	if err != nil {
		t.Fatal(err)
	}
	g := []float64{0}
	if v := p.Objective().ValueGrad(g, p.Start); v != -2 || g[0] != -2 {
		t.Errorf("−f(0) = %g, −f'(0) = %g; want −2, −2", v, g[0])
	}
	if v := p.F.Value(p.Start); v != 2 {
		t.Errorf("f(0) = %g, want 2 (F is not negated)", v)
	}
}
