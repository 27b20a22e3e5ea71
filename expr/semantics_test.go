package expr

import (
	"math"
	"math/rand/v2"
	"regexp"
	"strconv"
	"sync"
	"testing"
)

// same reports whether a and b are the same float64 bit for bit, treating
// all NaNs as equal.
func same(a, b float64) bool {
	return math.Float64bits(a) == math.Float64bits(b) || math.IsNaN(a) && math.IsNaN(b)
}

// opFormulas exercise every instruction, including the specialised and
// fused ones.
var opFormulas = []string{
	"x + y", "x - y", "x * y", "x / y", "x^y", "pow(x, y)", "min(x, y)", "max(x, y)", "atan2(x, y)",
	"-x", "x + 2.5", "x - 2.5", "2.5 - x", "2.5*x", "x/2.5", "2.5/x",
	"x^2", "x^3", "x^5", "x^-4", "x^0.7", "x^100", "2.5^x", "e^x", "0^x", "(-2)^x",
	"sin(x)", "cos(x)", "tan(x)", "exp(x)", "log(x)", "sqrt(x)", "abs(x)", "tanh(x)", "sigmoid(x)", "softplus(x)", "sinh(x)", "cosh(x)",
	"asin(x)", "acos(x)", "atan(x)",
	"(x + y)^2", "(x - y)^2", "(x + 2.5)^2", "(2.5 - x)^2", "x + 2.5*y", "x - 2.5*y", "2.5*y + x",
	"min(x, 0.5)", "max(1.5, y)", "atan2(1, x)", "pow(y, 2.5)", "pow(2.5, y)",
}

func specialPoints() [][]float64 {
	vals := []float64{0, math.Copysign(0, -1), 1, -1, 0.5, -2.5, 3, 1e-300, -1e300, 710, -745,
		40, -40, math.Inf(1), math.Inf(-1), math.NaN(), math.Pi / 2}
	var pts [][]float64
	for _, a := range vals {
		for _, b := range vals {
			pts = append(pts, []float64{a, b})
		}
	}
	rng := rand.New(rand.NewPCG(5, 6))
	for range 200 {
		pts = append(pts, []float64{rng.NormFloat64() * 3, rng.NormFloat64() * 3})
	}
	return pts
}

// TestInterpretersAgree checks that Value, ValueGrad and HessVec compute
// bit-for-bit the same values, at ordinary and special points, without
// panicking.
func TestInterpretersAgree(t *testing.T) {
	for _, src := range append(opFormulas, rosenbrock, "sin(x)^2 + sin(x)*y - (x*y - 1)^2") {
		p := MustCompile(src, []string{"x", "y"})
		g, hv := make([]float64, 2), make([]float64, 2)
		for _, x := range specialPoints() {
			v := p.Value(x)
			if vg := p.ValueGrad(g, x); !same(v, vg) {
				t.Errorf("%s at %v: Value %v, ValueGrad %v", src, x, v, vg)
			}
			p.HessVec(hv, x, []float64{0.5, -1})
			if vh := p.val[p.out]; !same(v, vh) {
				t.Errorf("%s at %v: Value %v, HessVec computed %v", src, x, v, vh)
			}
		}
	}
}

var varX, varY = regexp.MustCompile(`\bx\b`), regexp.MustCompile(`\by\b`)

// TestFoldingAgrees checks that folding a constant subexpression gives bit
// for bit what the tape computes at run time.
func TestFoldingAgrees(t *testing.T) {
	lit := func(v float64) string {
		s := strconv.FormatFloat(math.Abs(v), 'g', -1, 64)
		if v < 0 {
			return "(-" + s + ")"
		}
		return s
	}
	rng := rand.New(rand.NewPCG(7, 8))
	for _, src := range opFormulas {
		p := MustCompile(src, []string{"x", "y"})
		for range 20 {
			x := []float64{rng.NormFloat64() * 2, rng.NormFloat64() * 2}
			csrc := varX.ReplaceAllLiteralString(src, lit(x[0]))
			csrc = varY.ReplaceAllLiteralString(csrc, lit(x[1]))
			c := MustCompile(csrc, nil)
			if len(c.code) != 1 || c.code[0].op != opConst {
				t.Fatalf("%s was not folded: %d instructions", csrc, len(c.code))
			}
			if got, want := c.Value(nil), p.Value(x); !same(got, want) {
				t.Errorf("%s folded to %v, tape computes %v at %v", csrc, got, want, x)
			}
		}
	}
}

func TestIntegerPowersExact(t *testing.T) {
	sq, cu := MustCompile("x^2", nil), MustCompile("x^3", nil)
	sqp := MustCompile("pow(x, 2)", nil)
	inv := MustCompile("x^-1", nil)
	rng := rand.New(rand.NewPCG(9, 10))
	for range 1000 {
		x := rng.NormFloat64() * math.Pow(10, float64(rng.IntN(20)-10))
		xs := []float64{x}
		if got := sq.Value(xs); math.Float64bits(got) != math.Float64bits(x*x) {
			t.Errorf("x^2 at %v = %v, x*x = %v", x, got, x*x)
		}
		if got := sqp.Value(xs); math.Float64bits(got) != math.Float64bits(x*x) {
			t.Errorf("pow(x, 2) at %v = %v, x*x = %v", x, got, x*x)
		}
		if got := cu.Value(xs); math.Float64bits(got) != math.Float64bits(x*x*x) {
			t.Errorf("x^3 at %v = %v, x*x*x = %v", x, got, x*x*x)
		}
		if got := inv.Value(xs); math.Float64bits(got) != math.Float64bits(1/x) {
			t.Errorf("x^-1 at %v = %v, 1/x = %v", x, got, 1/x)
		}
	}
}

func TestDerivativeConventions(t *testing.T) {
	inf, nan := math.Inf(1), math.NaN()
	for _, test := range []struct {
		src  string
		x    []float64
		val  float64
		grad []float64
	}{
		{"abs(x)", []float64{0}, 0, []float64{0}},
		{"abs(x)", []float64{-2}, 2, []float64{-1}},
		{"min(x, y)", []float64{1, 1}, 1, []float64{1, 0}},
		{"max(x, y)", []float64{1, 1}, 1, []float64{1, 0}},
		{"min(x, y)", []float64{2, 1}, 1, []float64{0, 1}},
		{"max(x, y)", []float64{2, 1}, 2, []float64{1, 0}},
		{"sqrt(x)", []float64{0}, 0, []float64{inf}},
		{"x^2", []float64{-3}, 9, []float64{-6}},
		{"pow(x, 2)", []float64{-3}, 9, []float64{-6}},
		{"x^3", []float64{-2}, -8, []float64{12}},
		{"x^-1", []float64{-2}, -0.5, []float64{-0.25}},
		{"x^-2", []float64{-2}, 0.25, []float64{0.25}},
		{"x^4.0", []float64{-1}, 1, []float64{-4}},
		{"x^1.5", []float64{0}, 0, []float64{0}},
		{"x^0.5", []float64{0}, 0, []float64{inf}},
		{"x^0", []float64{nan}, 1, []float64{0}},
		// The exponent derivative needs a positive base.
		{"pow(x, y)", []float64{-3, 2}, 9, []float64{-6, nan}},
		{"pow(x, y)", []float64{0, 2}, 0, []float64{0, 0}},
		{"pow(x, y)", []float64{2, 0}, 1, []float64{0, math.Ln2}},
		{"0^x", []float64{2}, 0, []float64{0}},
		// An unselected branch contributes nothing, not 0·Inf = NaN.
		{"min(x, sqrt(y))", []float64{-1, 0}, -1, []float64{1, 0}},
		{"max(x, log(y))", []float64{1, 0}, 1, []float64{1, 0}},
		// Stable sigmoid and softplus in the tails.
		{"sigmoid(x)", []float64{1000}, 1, []float64{0}},
		{"sigmoid(x)", []float64{-1000}, 0, []float64{0}},
		{"sigmoid(x)", []float64{-40}, math.Exp(-40) / (1 + math.Exp(-40)), []float64{math.Exp(-40) / ((1 + math.Exp(-40)) * (1 + math.Exp(-40)))}},
		{"softplus(x)", []float64{1000}, 1000, []float64{1}},
		{"softplus(x)", []float64{-1000}, 0, []float64{0}},
		{"softplus(x)", []float64{-40}, math.Log1p(math.Exp(-40)), []float64{1 / (1 + math.Exp(40))}},
		{"softplus(x)", []float64{0}, math.Ln2, []float64{0.5}},
		{"tanh(x)", []float64{20}, 1, []float64{4 / ((math.Exp(20) + math.Exp(-20)) * (math.Exp(20) + math.Exp(-20)))}},
	} {
		p := MustCompile(test.src, nil)
		g := make([]float64, p.Dim())
		v := p.ValueGrad(g, test.x)
		if !close(v, test.val, 1e-15) && !same(v, test.val) {
			t.Errorf("%s at %v = %v, want %v", test.src, test.x, v, test.val)
		}
		for i := range g {
			if !close(g[i], test.grad[i], 1e-14) && !same(g[i], test.grad[i]) {
				t.Errorf("%s at %v: grad = %v, want %v", test.src, test.x, g, test.grad)
				break
			}
		}
	}
}

func TestDomainErrorsGiveNaN(t *testing.T) {
	inf, nan := math.Inf(1), math.NaN()
	for _, test := range []struct {
		src  string
		x    []float64
		want float64
	}{
		{"log(x)", []float64{-1}, nan},
		{"log(x)", []float64{0}, -inf},
		{"sqrt(x)", []float64{-1}, nan},
		{"x / y", []float64{0, 0}, nan},
		{"1 / x", []float64{0}, inf},
		{"exp(x)", []float64{1000}, inf},
		{"x^2", []float64{1e200}, inf},
		{"pow(x, y)", []float64{-2, 0.5}, nan},
		{"x^0.5", []float64{-2}, nan},
		{"(-8)^x", []float64{1.0 / 3}, nan},
		{"x * y", []float64{inf, 0}, nan},
		{"x - y", []float64{inf, inf}, nan},
		{"sin(x)", []float64{inf}, nan},
		{"atan2(x, y)", []float64{0, 0}, 0},
		{"min(x, y)", []float64{nan, 1}, nan},
		{"max(x, y)", []float64{1, nan}, nan},
		{"sigmoid(x) + softplus(x) + tanh(x)", []float64{nan}, nan},
		{"1e308 * 10", nil, inf},
		{"log(-1) + x", []float64{1}, nan},
	} {
		p := MustCompile(test.src, nil)
		x := test.x
		if v := p.Value(x); !same(v, test.want) {
			t.Errorf("%s at %v = %v, want %v", test.src, x, v, test.want)
		}
		g, hv := make([]float64, p.Dim()), make([]float64, p.Dim())
		if v := p.ValueGrad(g, x); !same(v, test.want) {
			t.Errorf("%s at %v: ValueGrad = %v, want %v", test.src, x, v, test.want)
		}
		for i := range hv {
			hv[i] = 1
		}
		p.HessVec(hv, x, hv)
	}
}

func TestFusionAndFolding(t *testing.T) {
	for _, test := range []struct {
		src string
		ops []opcode
	}{
		{rosenbrock, []opcode{opSqRSubC, opSquare, opSqSub, opAddMulC}},
		{"2 * 3 + x", []opcode{opAddC}},
		{"sin(pi/2) + cos(0)", []opcode{opConst}},
		{"x", []opcode{opCopy}},
		{"sin(x) + sin(x)", []opcode{opSin, opAdd}},
		{"(x - y)^2 + (x - y)", []opcode{opSub, opSquare, opAdd}},
		{"x^1", []opcode{opCopy}},
		{"x - 3*y", []opcode{opAddMulC}},
		{"3*y + x", []opcode{opAddMulC}},
		{"e^x", []opcode{opExp}},
		{"x^5", []opcode{opPowInt}},
		{"x^100", []opcode{opPowC}},
	} {
		p := MustCompile(test.src, []string{"x", "y"})
		var ops []opcode
		for _, in := range p.code {
			ops = append(ops, in.op)
		}
		if len(ops) != len(test.ops) {
			t.Errorf("%s compiled to %v, want %v", test.src, ops, test.ops)
			continue
		}
		for i := range ops {
			if ops[i] != test.ops[i] {
				t.Errorf("%s compiled to %v, want %v", test.src, ops, test.ops)
				break
			}
		}
	}
}

func TestNoAllocs(t *testing.T) {
	for _, src := range append(opFormulas, rosenbrock) {
		p := MustCompile(src, []string{"x", "y"})
		x, v := []float64{0.7, 1.3}, []float64{1, -1}
		g, hv := make([]float64, 2), make([]float64, 2)
		for name, f := range map[string]func(){
			"Value":     func() { p.Value(x) },
			"ValueGrad": func() { p.ValueGrad(g, x) },
			"HessVec":   func() { p.HessVec(hv, x, v) },
		} {
			if n := testing.AllocsPerRun(100, f); n != 0 {
				t.Errorf("%s: %s allocates %v times", src, name, n)
			}
		}
	}
}

func TestClone(t *testing.T) {
	// min(x, 3) keeps 3 in a constant slot, which a clone must carry.
	p := MustCompile("min(x, 3)*y + (x - y)^2 + atan2(2, y)", nil)
	rng := rand.New(rand.NewPCG(11, 12))
	pts := make([][]float64, 64)
	want := make([][3]float64, len(pts))
	for i := range pts {
		pts[i] = []float64{rng.NormFloat64() * 4, rng.NormFloat64() * 4}
		g := make([]float64, 2)
		v := p.ValueGrad(g, pts[i])
		want[i] = [3]float64{v, g[0], g[1]}
	}
	var wg sync.WaitGroup
	for w := range 4 {
		q := p.Clone()
		wg.Add(1)
		go func() {
			defer wg.Done()
			g := make([]float64, 2)
			for rep := range 50 {
				i := (w*17 + rep) % len(pts)
				v := q.ValueGrad(g, pts[i])
				if got := [3]float64{v, g[0], g[1]}; got != want[i] {
					t.Errorf("clone %d at %v: %v, want %v", w, pts[i], got, want[i])
					return
				}
			}
		}()
	}
	wg.Wait()
	if p.Clone().String() != p.String() {
		t.Error("clone prints differently")
	}
}

// TestCallsIndependent checks that results do not depend on earlier calls,
// even ones at NaN or infinite points: each call on a long-lived program
// must match the same call on a fresh clone.
func TestCallsIndependent(t *testing.T) {
	srcs := append([]string(nil), opFormulas...)
	for _, c := range gradCases {
		srcs = append(srcs, c.src)
	}
	pts := specialPoints()
	for _, src := range srcs {
		p := MustCompile(src, []string{"x", "y", "z"})
		g1, g2 := make([]float64, 3), make([]float64, 3)
		for i, xy := range pts {
			x := []float64{xy[0], xy[1], 0.25}
			v := []float64{1, -2, 0.5}
			fresh := p.Clone()
			if i%2 == 0 {
				p.ValueGrad(g1, x)
				fresh.ValueGrad(g2, x)
			} else {
				p.HessVec(g1, x, v)
				fresh.HessVec(g2, x, v)
			}
			for j := range g1 {
				if !same(g1[j], g2[j]) {
					t.Fatalf("%s at %v (call %d): %v after earlier calls, %v on a fresh program", src, x, i, g1, g2)
				}
			}
		}
	}
}
