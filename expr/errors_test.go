package expr

import (
	"errors"
	"math"
	"strings"
	"testing"
)

func TestCompileErrors(t *testing.T) {
	known := "(known: sin, cos, tan, exp, log, sqrt, abs, tanh, sigmoid, softplus, sinh, cosh, asin, acos, atan, pow, min, max, atan2)"
	for _, test := range []struct {
		src  string
		vars []string
		want string
	}{
		{"", nil, `expr:1:1: empty formula`},
		{"  \n\t ", nil, `expr:2:3: empty formula`},
		{"x +", nil, `expr:1:4: unexpected end of input`},
		{"x^", nil, `expr:1:3: unexpected end of input`},
		{"2x", nil, `expr:1:2: missing operator before identifier "x"`},
		{"x y", nil, `expr:1:3: missing operator before identifier "y"`},
		{"2 3", nil, `expr:1:3: missing operator before number "3"`},
		{"2 (y)", nil, `expr:1:3: missing operator before "("`},
		{"x (y)", nil, `expr:1:1: unknown function "x" ` + known},
		{"sin(x) * 2 + sine(y)", nil, `expr:1:14: unknown function "sine" ` + known},
		{"sin(x, y)", nil, `expr:1:1: sin takes 1 argument, got 2`},
		{"sin()", nil, `expr:1:1: sin takes 1 argument, got 0`},
		{"1 + pow(x)", nil, `expr:1:5: pow takes 2 arguments, got 1`},
		{"atan2(1, 2, 3)", nil, `expr:1:1: atan2 takes 2 arguments, got 3`},
		{"(x + 1", nil, `expr:1:7: missing ")" to match "(" at 1:1`},
		{"2 * sin(x", nil, `expr:1:10: missing ")" to match "(" at 1:8`},
		{"x + 1)", nil, `expr:1:6: unmatched ")"`},
		{"1e999", nil, `expr:1:1: number 1e999 out of range`},
		{"x * 2.5E+400", nil, `expr:1:5: number 2.5E+400 out of range`},
		{"1.2.3", nil, `expr:1:1: malformed number "1.2.3"`},
		{"x + 1e", nil, `expr:1:5: malformed number "1e"`},
		{"2e+x", nil, `expr:1:1: malformed number "2e+"`},
		{"x # y", nil, `expr:1:3: unexpected character '#'`},
		{"x = 1", nil, `expr:1:3: unexpected character '='`},
		{"x * é", nil, `expr:1:5: unexpected character 'é'`},
		{"x . y", nil, `expr:1:3: unexpected character '.'`},
		{"x\xff", nil, `expr:1:2: invalid UTF-8 encoding`},
		{"pi(2)", nil, `expr:1:1: constant "pi" cannot be called as a function`},
		{"2*e(1)", nil, `expr:1:3: constant "e" cannot be called as a function`},
		{"x + x(2)", nil, `expr:1:5: variable "x" cannot be called as a function`},
		{"f(x)", []string{"f", "x"}, `expr:1:1: variable "f" cannot be called as a function`},
		{"x + z", []string{"x", "y"}, `expr:1:5: unknown variable "z" (vars: x, y)`},
		{"x", []string{"x", "y", "x"}, `expr:0:0: duplicate variable "x" in vars`},
		{"x", []string{"2x"}, `expr:0:0: invalid variable name "2x" in vars`},
		{"x", []string{""}, `expr:0:0: invalid variable name "" in vars`},
		{"x", []string{"x", "y z"}, `expr:0:0: invalid variable name "y z" in vars`},
		{"x", []string{"x", "sin"}, `expr:0:0: invalid variable name "sin" in vars: sin is a function`},
		{"x**2", nil, `expr:1:3: unexpected "*" (use ^ for powers)`},
		{"*x", nil, `expr:1:1: unexpected "*"`},
		{"x ^ ^ y", nil, `expr:1:5: unexpected "^"`},
		{"x +\n  * y", nil, `expr:2:3: unexpected "*"`},
		{"()", nil, `expr:1:2: empty parentheses`},
		{"pow(x,)", nil, `expr:1:7: unexpected ")"`},
		{"pow(,x)", nil, `expr:1:5: unexpected ","`},
		{"(x, y)", nil, `expr:1:3: unexpected ","`},
		{"min(x y)", nil, `expr:1:7: missing operator before identifier "y"`},
		{"sin x", nil, `expr:1:5: missing "(" after function name "sin"`},
		{"1 +\n  sqrt", nil, `expr:2:7: missing "(" after function name "sqrt"`},
		{strings.Repeat("(", MaxDepth) + "x" + strings.Repeat(")", MaxDepth), nil,
			`expr:1:201: formula nested too deeply (limit 200 levels)`},
		{strings.Repeat("-", MaxDepth) + "x", nil, `expr:1:201: formula nested too deeply (limit 200 levels)`},
		{strings.Repeat("2^", MaxDepth) + "2", nil, `expr:1:401: formula nested too deeply (limit 200 levels)`},
		{strings.Repeat("x+", MaxLen/2) + "x", nil, `expr:0:0: formula too long: 100001 bytes (limit 100000)`},
	} {
		p, err := Compile(test.src, test.vars)
		if err == nil {
			t.Errorf("Compile(%q, %q) = %v, want error %s", test.src, test.vars, p, test.want)
			continue
		}
		if got := err.Error(); got != test.want {
			t.Errorf("Compile(%q, %q):\n got %s\nwant %s", test.src, test.vars, got, test.want)
		}
		var e *Error
		if !errors.As(err, &e) {
			t.Errorf("Compile(%q): error has type %T, want *Error", test.src, err)
		}
	}
}

func TestLimitsAccepted(t *testing.T) {
	// Exactly at the limits compiles.
	deep := strings.Repeat("(", MaxDepth-1) + "x" + strings.Repeat(")", MaxDepth-1)
	if _, err := Compile(deep, nil); err != nil {
		t.Errorf("depth %d: %v", MaxDepth, err)
	}
	long := strings.Repeat("x+", MaxLen/2-1) + "xx"
	if len(long) != MaxLen {
		t.Fatalf("test bug: len = %d", len(long))
	}
	p, err := Compile(long, nil)
	if err != nil {
		t.Fatalf("length %d: %v", MaxLen, err)
	}
	if got, want := p.Value([]float64{1, 2}), float64(MaxLen/2-1)+2; got != want {
		t.Errorf("value of long sum = %v, want %v", got, want)
	}
}

func TestMustCompilePanics(t *testing.T) {
	defer func() {
		r := recover()
		if r == nil {
			t.Fatal("MustCompile did not panic")
		}
		if e, ok := r.(*Error); !ok || e.Msg != "unexpected end of input" {
			t.Errorf("panic value %v", r)
		}
	}()
	MustCompile("x+", nil)
}

// TestVarsShadowConstants (issue 13): with vars naming e, e is a variable
// ((e−1)² at e = 3 is 4, derivative 4); without, it is Euler's number.
func TestVarsShadowConstants(t *testing.T) {
	f, err := Compile("(e-1)^2", []string{"e"})
	if err != nil {
		t.Fatal(err)
	}
	g := make([]float64, 1)
	if v := f.ValueGrad(g, []float64{3}); v != 4 || g[0] != 4 {
		t.Errorf("(e-1)^2 over e at 3: %g, %g; want 4, 4", v, g[0])
	}
	c, err := Compile("(e-1)^2+x", nil)
	if err != nil {
		t.Fatal(err)
	}
	if v := c.Value([]float64{0}); math.Abs(v-(math.E-1)*(math.E-1)) > 1e-15 {
		t.Errorf("without vars e is %g", v)
	}
}
