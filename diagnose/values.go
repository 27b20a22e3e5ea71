package diagnose

import (
	"math"
)

func lastFinite(v []float64) float64 {
	for i := len(v) - 1; i >= 0; i-- {
		if !math.IsNaN(v[i]) && !math.IsInf(v[i], 0) {
			return v[i]
		}
	}
	return math.NaN()
}

func lastF(v []float64) float64 {
	if len(v) == 0 {
		return math.NaN()
	}
	return v[len(v)-1]
}

func pos(v float64) float64 {
	if v > 0 && !math.IsInf(v, 0) {
		return v
	}
	return 0
}

// countRises counts the units of F at which the loss rose.
func countRises(F []float64) int {
	n := 0
	for i := 1; i < len(F); i++ {
		if F[i] > F[i-1] {
			n++
		}
	}
	return n
}

// maxSpread returns max(v) − min(v).
func maxSpread(v []float64) float64 {
	lo, hi := math.Inf(1), math.Inf(-1)
	for _, x := range v {
		lo, hi = math.Min(lo, x), math.Max(hi, x)
	}
	return hi - lo
}

// finite reports whether v is neither NaN nor ±Inf (a probe that blew up
// returns +Inf).
func finite(v float64) bool { return !math.IsNaN(v) && !math.IsInf(v, 0) }
