package problem

import (
	"math"
	"reflect"
	"testing"
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
	p, err = New(Spec{Func: "rosenbrock"})
	if err != nil || p.Known == nil || !reflect.DeepEqual(p.Start, []float64{-1.2, 1}) || math.Abs(p.F.Value(p.Start)-24.2) > 1e-13 {
		t.Fatalf("catalogue problem: %+v, %v", p, err)
	}
	p.Start[0] = 7
	if q, _ := New(Spec{Func: "rosenbrock"}); q.Start[0] != -1.2 {
		t.Fatal("the catalogue's start point was modified through a problem")
	}
}

func TestNewErrors(t *testing.T) {
	tests := []struct {
		s    Spec
		want string
	}{
		{Spec{}, "give the function to minimize: --func NAME (see `descent functions`) or --expr FORMULA"},
		{Spec{Func: "sphere", Expr: "x"}, "--func and --expr are exclusive: give one"},
		{Spec{Func: "sphere", Vars: []string{"a"}}, "--vars applies to --expr only; catalogue functions name their variables x1..xn"},
		{Spec{Expr: "2+3"}, `--expr: the formula "2+3" has no variables: there is nothing to minimize`},
		{Spec{Expr: "x^2+y^2", Start: []float64{1, 2, 3}}, "--start has 3 values, but the function has 2 variables (x, y)"},
		{Spec{Expr: "x^2+", Start: nil}, "--expr: expr:1:5: unexpected end of input"},
	}
	for _, tc := range tests {
		_, err := New(tc.s)
		if err == nil || err.Error() != tc.want {
			t.Errorf("%+v: %v, want %q", tc.s, err, tc.want)
		}
	}
}

func TestParseFloats(t *testing.T) {
	v, err := ParseFloats("--start", " -1.2, 1e3 ")
	if err != nil || !reflect.DeepEqual(v, []float64{-1.2, 1000}) {
		t.Fatal(v, err)
	}
	for in, want := range map[string]string{
		"":      "--start: empty list",
		"1,,2":  `--start: item 2: "" is not a finite number`,
		"1,inf": `--start: item 2: "inf" is not a finite number`,
		"NaN":   `--start: item 1: "NaN" is not a finite number`,
	} {
		if _, err := ParseFloats("--start", in); err == nil || err.Error() != want {
			t.Errorf("%q: %v, want %q", in, err, want)
		}
	}
}
