package expr

import (
	"math"
	"slices"
	"testing"
)

func TestPrecedence(t *testing.T) {
	// Values are at x = 2, y = 3, z = 0.5 and are computed by hand from the
	// intended parse.
	const x, y, z = 2.0, 3.0, 0.5
	for _, test := range []struct {
		src, canon string
		want       float64
	}{
		{"x + y * z", "(x + (y * z))", x + y*z},
		{"x * y + z", "((x * y) + z)", x*y + z},
		{"x - y - z", "((x - y) - z)", (x - y) - z},
		{"x / y / z", "((x / y) / z)", (x / y) / z},
		{"x / y * z", "((x / y) * z)", (x / y) * z},
		{"x - y + z", "((x - y) + z)", (x - y) + z},
		{"x ^ y ^ z", "(x ^ (y ^ z))", math.Pow(x, math.Pow(y, z))},
		{"2^3^2", "(2 ^ (3 ^ 2))", 512},
		{"-x^2", "(-(x ^ 2))", -4},
		{"-x ^ -y", "(-(x ^ (-y)))", -1.0 / 8},
		{"2^-x", "(2 ^ (-x))", 0.25},
		{"2^-x^2", "(2 ^ (-(x ^ 2)))", 1.0 / 16},
		{"(-x)^2", "((-x) ^ 2)", 4},
		{"-(-x)", "(-(-x))", x},
		{"--x", "(-(-x))", x},
		{"+x", "x", x},
		{"+-+x", "(-x)", -x},
		{"x * -y", "(x * (-y))", -6},
		{"x - -y", "(x - (-y))", 5},
		{"x ^ y * z", "((x ^ y) * z)", 4},
		{"x * y ^ z", "(x * (y ^ z))", x * math.Sqrt(y)},
		{"x / y ^ 2", "(x / (y ^ 2))", x / 9},
		{"-x * y", "((-x) * y)", -6},
		{"(x + y) * z", "((x + y) * z)", 2.5},
		{"sin(x)^2", "(sin(x) ^ 2)", math.Sin(x) * math.Sin(x)},
		{"pow(x, y) + atan2(y, x)", "(pow(x, y) + atan2(y, x))", 8 + math.Atan2(y, x)},
		{"min(x, y) - max(x, y)", "(min(x, y) - max(x, y))", -1},
		{"2 * pi * e", "((2 * pi) * e)", 2 * math.Pi * math.E},
		{".5 + 1e-6 + 2.5E+3 + 1.", "(((0.5 + 1e-06) + 2500) + 1)", 0.5 + 1e-6 + 2500 + 1},
		{"1e21", "1e+21", 1e21},
		{" x\n*\ty ", "(x * y)", 6},
		{"e^x", "(e ^ x)", math.Exp(x)},
		{"x^0 + x^1", "((x ^ 0) + (x ^ 1))", 1 + x},
	} {
		p, err := Compile(test.src, []string{"x", "y", "z"})
		if err != nil {
			t.Errorf("Compile(%q): %v", test.src, err)
			continue
		}
		if got := p.String(); got != test.canon {
			t.Errorf("%q.String() = %q, want %q", test.src, got, test.canon)
		}
		got := p.Value([]float64{x, y, z})
		if math.Abs(got-test.want) > 1e-14*math.Max(1, math.Abs(test.want)) {
			t.Errorf("%q at (2, 3, 0.5) = %v, want %v", test.src, got, test.want)
		}
		// The canonical form is a fixed point and means the same.
		q, err := Compile(p.String(), []string{"x", "y", "z"})
		if err != nil {
			t.Errorf("Compile(%q): %v", p.String(), err)
			continue
		}
		if q.String() != p.String() {
			t.Errorf("String is not a fixed point: %q -> %q", p.String(), q.String())
		}
		if v := q.Value([]float64{x, y, z}); v != got {
			t.Errorf("%q recompiled = %v, want %v", test.src, v, got)
		}
	}
}

func TestVarOrder(t *testing.T) {
	for _, test := range []struct {
		src  string
		vars []string
		want []string
	}{
		{"y * x + y + z_1", nil, []string{"y", "x", "z_1"}},
		{"y * x + y + z_1", []string{}, []string{"y", "x", "z_1"}},
		{"sin(b) + a*pi + e", nil, []string{"b", "a"}},
		{"y * x", []string{"x", "y"}, []string{"x", "y"}},
		{"y", []string{"x", "y", "unused"}, []string{"x", "y", "unused"}},
		{"2 + 3", nil, []string{}},
		{"Pi + E + _ + x9", nil, []string{"Pi", "E", "_", "x9"}},
	} {
		p, err := Compile(test.src, test.vars)
		if err != nil {
			t.Errorf("Compile(%q, %q): %v", test.src, test.vars, err)
			continue
		}
		if got := p.Vars(); !slices.Equal(got, test.want) {
			t.Errorf("Compile(%q, %q).Vars() = %q, want %q", test.src, test.vars, got, test.want)
		}
		if p.Dim() != len(test.want) {
			t.Errorf("Dim() = %d, want %d", p.Dim(), len(test.want))
		}
	}

	// Vars returns a copy, and Compile copies the caller's slice.
	vars := []string{"x", "y"}
	p := MustCompile("x - y", vars)
	vars[0] = "changed"
	p.Vars()[1] = "changed"
	if got := p.Vars(); !slices.Equal(got, []string{"x", "y"}) {
		t.Errorf("Vars() = %q after modifications", got)
	}

	// The order given fixes the meaning of x.
	p = MustCompile("x - y", []string{"y", "x"})
	if got := p.Value([]float64{1, 10}); got != 9 {
		t.Errorf("x - y with vars (y, x) at (1, 10) = %v, want 9", got)
	}
	g := make([]float64, 2)
	p.ValueGrad(g, []float64{1, 10})
	if !slices.Equal(g, []float64{-1, 1}) {
		t.Errorf("gradient = %v, want [-1 1]", g)
	}
	// An unused listed variable has zero partial derivative.
	p = MustCompile("x^2", []string{"x", "unused"})
	p.ValueGrad(g, []float64{3, 7})
	if !slices.Equal(g, []float64{6, 0}) {
		t.Errorf("gradient = %v, want [6 0]", g)
	}
}

func TestConstantFormula(t *testing.T) {
	p := MustCompile("2 * pi - sin(1)^2 + sqrt(2)", nil)
	if p.Dim() != 0 {
		t.Fatalf("Dim() = %d", p.Dim())
	}
	want := 2*math.Pi - math.Sin(1)*math.Sin(1) + math.Sqrt(2)
	if got := p.Value(nil); got != want {
		t.Errorf("Value = %v, want %v", got, want)
	}
	if got := p.ValueGrad(nil, nil); got != want {
		t.Errorf("ValueGrad = %v, want %v", got, want)
	}
	p.HessVec(nil, nil, nil)
}

func TestLengthPanics(t *testing.T) {
	p := MustCompile("x*y", nil)
	for name, f := range map[string]func(){
		"Value":       func() { p.Value([]float64{1}) },
		"ValueGrad x": func() { p.ValueGrad(make([]float64, 2), []float64{1}) },
		"ValueGrad g": func() { p.ValueGrad(make([]float64, 3), []float64{1, 2}) },
		"HessVec dst": func() { p.HessVec(make([]float64, 1), []float64{1, 2}, []float64{1, 2}) },
		"HessVec v":   func() { p.HessVec(make([]float64, 2), []float64{1, 2}, []float64{1}) },
		"HessVec x":   func() { p.HessVec(make([]float64, 2), []float64{1}, []float64{1, 2}) },
	} {
		func() {
			defer func() {
				if recover() == nil {
					t.Errorf("%s: no panic on length mismatch", name)
				}
			}()
			f()
		}()
	}
}
