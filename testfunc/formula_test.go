package testfunc

import (
	"fmt"
	"math"
	"math/rand/v2"
	"strconv"
	"strings"
	"testing"
	"unicode"
)

// evalFormula evaluates a formula of descent's formula language (+ − * / ^,
// unary minus binding looser than ^, sin cos tan exp log sqrt abs tanh, pi,
// e) with the named variables. It is a small recursive-descent interpreter
// written for this test only, so that the Formula strings are checked
// against Value independently of package expr.
func evalFormula(src string, vars map[string]float64) (v float64, err error) {
	p := &fparser{src: src, vars: vars}
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("%v at offset %d of %q", r, p.pos, src)
		}
	}()
	v = p.expr()
	p.space()
	if p.pos != len(p.src) {
		panic("trailing input")
	}
	return v, nil
}

type fparser struct {
	src  string
	pos  int
	vars map[string]float64
}

func (p *fparser) space() {
	for p.pos < len(p.src) && p.src[p.pos] == ' ' {
		p.pos++
	}
}

func (p *fparser) peek() byte {
	p.space()
	if p.pos < len(p.src) {
		return p.src[p.pos]
	}
	return 0
}

func (p *fparser) expr() float64 {
	v := p.term()
	for {
		switch p.peek() {
		case '+':
			p.pos++
			v += p.term()
		case '-':
			p.pos++
			v -= p.term()
		default:
			return v
		}
	}
}

func (p *fparser) term() float64 {
	v := p.unary()
	for {
		switch p.peek() {
		case '*':
			p.pos++
			v *= p.unary()
		case '/':
			p.pos++
			v /= p.unary()
		default:
			return v
		}
	}
}

func (p *fparser) unary() float64 {
	switch p.peek() {
	case '-':
		p.pos++
		return -p.unary()
	case '+':
		p.pos++
		return p.unary()
	}
	return p.power()
}

func (p *fparser) power() float64 {
	v := p.primary()
	if p.peek() == '^' {
		p.pos++
		e := p.unary()
		// Integer powers by repeated multiplication, as a compiler would.
		if e == math.Trunc(e) && math.Abs(e) <= 8 {
			r := 1.0
			for range int(math.Abs(e)) {
				r *= v
			}
			if e < 0 {
				r = 1 / r
			}
			return r
		}
		return math.Pow(v, e)
	}
	return v
}

var funcs = map[string]func(float64) float64{
	"sin": math.Sin, "cos": math.Cos, "tan": math.Tan, "exp": math.Exp, "log": math.Log,
	"sqrt": math.Sqrt, "abs": math.Abs, "tanh": math.Tanh,
}

func (p *fparser) primary() float64 {
	c := p.peek()
	switch {
	case c == '(':
		p.pos++
		v := p.expr()
		if p.peek() != ')' {
			panic("missing )")
		}
		p.pos++
		return v
	case c >= '0' && c <= '9' || c == '.':
		start := p.pos
		for p.pos < len(p.src) && (p.src[p.pos] >= '0' && p.src[p.pos] <= '9' || p.src[p.pos] == '.') {
			p.pos++
		}
		v, err := strconv.ParseFloat(p.src[start:p.pos], 64)
		if err != nil {
			panic(err)
		}
		return v
	case unicode.IsLetter(rune(c)):
		start := p.pos
		for p.pos < len(p.src) && (unicode.IsLetter(rune(p.src[p.pos])) || unicode.IsDigit(rune(p.src[p.pos]))) {
			p.pos++
		}
		name := p.src[start:p.pos]
		if f, ok := funcs[name]; ok {
			if p.peek() != '(' {
				panic("function without (")
			}
			p.pos++
			v := p.expr()
			if p.peek() != ')' {
				panic("missing )")
			}
			p.pos++
			return f(v)
		}
		switch name {
		case "pi":
			return math.Pi
		case "e":
			return math.E
		}
		if v, ok := p.vars[name]; ok {
			return v
		}
		panic("unknown name " + name)
	}
	panic(fmt.Sprintf("unexpected %q", c))
}

func TestEvalFormula(t *testing.T) {
	for _, c := range []struct {
		src  string
		want float64
	}{
		{"-x^2", -9},
		{"2^3^2", 512},
		{"2*-x", -6},
		{"(1 - x)^2 + 100*(y - x^2)^2", 4 + 100*49},
		{"exp(-x) + cos(2*pi*y) - e", math.Exp(-3) + math.Cos(4*math.Pi) - math.E},
		{"x1/x2/2", 0.75},
	} {
		v, err := evalFormula(c.src, map[string]float64{"x": 3, "y": 2, "x1": 3, "x2": 2})
		if err != nil || math.Abs(v-c.want) > 1e-12*math.Abs(c.want) {
			t.Errorf("%s = %v, %v; want %v", c.src, v, err, c.want)
		}
	}
	for _, bad := range []string{"x +", "sin x", "(x", "x y", "q"} {
		if _, err := evalFormula(bad, map[string]float64{"x": 1, "y": 1}); err == nil {
			t.Errorf("%q: no error", bad)
		}
	}
}

// TestFormulas checks that every Parsable formula evaluates to Value at
// the start and at random points, and that the others are Σ forms.
func TestFormulas(t *testing.T) {
	rng := rand.New(rand.NewPCG(5, 6))
	parsable := 0
	for _, f := range instances(t) {
		if !f.Parsable {
			if !strings.Contains(f.Formula, "Σ") && !strings.Contains(f.Formula, "θ") {
				t.Errorf("%s: formula %q is neither parsable nor a Σ form", f.Spec, f.Formula)
			}
			continue
		}
		parsable++
		names := f.Vars()
		pts := [][]float64{f.Start}
		for range 5 {
			x := make([]float64, f.N)
			for i := range x {
				x[i] = 4*rng.Float64() - 2
			}
			pts = append(pts, x)
		}
		for _, x := range pts {
			vars := map[string]float64{}
			for i, n := range names {
				vars[n] = x[i]
			}
			got, err := evalFormula(f.Formula, vars)
			if err != nil {
				t.Errorf("%s: %v", f.Spec, err)
				break
			}
			want := f.Value(x)
			if math.Abs(got-want) > 1e-12*math.Max(1, math.Abs(want)) {
				t.Errorf("%s at %v: formula gives %.17g, Value %.17g", f.Spec, x, got, want)
			}
		}
	}
	if parsable < 18 {
		t.Errorf("only %d parsable formulas", parsable)
	}
}

func TestVars(t *testing.T) {
	for spec, want := range map[string]string{
		"rosenbrock": "x y", "wood": "x1 x2 x3 x4", "sphere:n=1": "x1", "box-3d": "x1 x2 x3",
	} {
		f, err := lookup(spec)
		if err != nil {
			t.Fatal(err)
		}
		if got := strings.Join(f.Vars(), " "); got != want {
			t.Errorf("%s: Vars = %q, want %q", spec, got, want)
		}
	}
}
