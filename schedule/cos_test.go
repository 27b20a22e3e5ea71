package schedule

import (
	"math"
	"math/big"
	"math/rand/v2"
	"testing"
)

const piDigits = "3.14159265358979323846264338327950288419716939937510582097494459230781640628620899862803482534211706798214808651328230664709384460955058223172535940812848111745"

// bigCos returns cos(x) to about 300 bits by reducing modulo 2π with a
// 160-digit π and summing the Taylor series.
func bigCos(x float64) float64 {
	const prec = 600
	pi, _, err := big.ParseFloat(piDigits, 10, prec, big.ToNearestEven)
	if err != nil {
		panic(err)
	}
	twoPi := new(big.Float).SetPrec(prec).Mul(pi, big.NewFloat(2))
	y := new(big.Float).SetPrec(prec).SetFloat64(x)
	q := new(big.Float).SetPrec(prec).Quo(y, twoPi)
	k, _ := q.Int(nil)
	y.Sub(y, new(big.Float).SetPrec(prec).Mul(new(big.Float).SetInt(k), twoPi))
	y2 := new(big.Float).SetPrec(prec).Mul(y, y)
	sum := new(big.Float).SetPrec(prec).SetFloat64(1)
	term := new(big.Float).SetPrec(prec).SetFloat64(1)
	for n := 1; n < 200; n++ {
		term.Mul(term, y2)
		term.Quo(term, big.NewFloat(float64((2*n-1)*(2*n))))
		term.Neg(term)
		sum.Add(sum, term)
		if term.Sign() == 0 || term.MantExp(nil) < -prec-8 {
			break
		}
	}
	f, _ := sum.Float64() // rounds to nearest
	return f
}

// TestCosCorrectlyRounded checks cos against a 600-bit reference on the
// arguments the schedules use (π·t/T) and on random ones.
func TestCosCorrectlyRounded(t *testing.T) {
	var xs []float64
	for _, T := range []int{1, 2, 3, 7, 50, 100, 190, 240, 1000, 12345} {
		for i := 0; i <= 2*T && i < 400; i++ {
			xs = append(xs, math.Pi*float64(i)/float64(T))
		}
		xs = append(xs, math.Pi*float64(T-1)/float64(T), math.Pi*float64(T+1)/float64(T), math.Pi/float64(T))
	}
	r := rand.New(rand.NewPCG(1, 2))
	for i := 0; i < 150; i++ {
		xs = append(xs, r.Float64()*100, r.Float64()*1e6, -r.Float64()*10)
	}
	mathCosOff := 0
	for _, x := range xs {
		want := bigCos(x)
		if got := cos(x); got != want {
			t.Errorf("cos(%.17g) = %.17g, correctly rounded %.17g", x, got, want)
		}
		if math.Cos(x) != want {
			mathCosOff++
		}
	}
	t.Logf("%d arguments; math.Cos differs from the correctly rounded value on %d", len(xs), mathCosOff)
	if cos(math.Pi) != -1 || cos(0) != 1 {
		t.Errorf("cos(π) = %v, cos(0) = %v", cos(math.Pi), cos(0))
	}
}
