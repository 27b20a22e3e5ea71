package expr

import (
	"errors"
	"hash/fnv"
	"math"
	"math/rand/v2"
	"strings"
	"testing"
)

func FuzzCompile(f *testing.F) {
	for _, s := range []string{
		rosenbrock, "x", "2", "-x^2", "2^-x", "2^3^2", "sin(x)*cos(y)", "pow(x, y) + atan2(y, x)",
		"min(x, 3) - max(y, z)", "sigmoid(x) + softplus(-x) + tanh(x)", "sqrt(abs(x)) / log(y)",
		"exp(x) - e^x + pi", "(x + y)^2 - (x - 1)^2 + 3*z - 2*x", "x^-3 + x^0.5 + 0.5^x",
		"1e-6 * .5 + 2.5E+3", "x +\n\ty", "2x", "sine(x)", "((x)", "1e999", "pi(2)", "x**2", "",
		"x^1 + y^0", "--x", "+x", "x/0", "log(-x)", "(-8)^(1/3)", "pow(x, y)^2",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, src string) {
		p, err := Compile(src, nil)
		if err != nil {
			var e *Error
			if !errors.As(err, &e) {
				t.Fatalf("Compile(%q): error of type %T", src, err)
			}
			if !strings.HasPrefix(e.Error(), "expr:") || e.Msg == "" {
				t.Fatalf("Compile(%q): malformed error %q", src, e.Error())
			}
			return
		}
		n := p.Dim()
		h := fnv.New64a()
		h.Write([]byte(src))
		rng := rand.New(rand.NewPCG(h.Sum64(), 1))
		x, v := make([]float64, n), make([]float64, n)
		g, hv := make([]float64, n), make([]float64, n)

		s := p.String()
		q, err := Compile(s, p.Vars())
		if err != nil {
			var e *Error
			// Full parenthesisation may push a long chain past the limits.
			if errors.As(err, &e) && (strings.Contains(e.Msg, "nested too deeply") || strings.Contains(e.Msg, "too long")) {
				q = nil
			} else {
				t.Fatalf("String() of %q = %q does not compile: %v", src, s, err)
			}
		}
		for range 4 {
			for i := range x {
				x[i] = rng.NormFloat64() * math.Pow(10, float64(rng.IntN(7)-3))
				v[i] = rng.NormFloat64()
			}
			val := p.Value(x)
			if vg := p.ValueGrad(g, x); !same(val, vg) {
				t.Fatalf("%q at %v: Value %v, ValueGrad %v", src, x, val, vg)
			}
			p.HessVec(hv, x, v)
			if q != nil {
				if vq := q.Value(x); !same(val, vq) {
					t.Fatalf("%q at %v = %v, but its String() %q = %v", src, x, val, s, vq)
				}
			}
		}
	})
}
