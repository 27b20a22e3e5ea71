package serve

import (
	"math"
	"slices"

	"github.com/descentgo/descent/run"
	"github.com/descentgo/descent/viz/geom"
)

// finite reports whether v is neither NaN nor infinite.
func finite(v float64) bool { return !math.IsNaN(v) && !math.IsInf(v, 0) }

// thinPath keeps at most limit points of a 2-D path, up to its first
// non-finite point: the first and the last finite point (where a diverging
// run leaves the finite numbers), half of the budget evenly spaced in
// iterations (so an animation keeps its pace) and half evenly spaced along
// the arc length (so the long early steps keep their corners).
func thinPath(xs [][]float64, limit int) *Path {
	n := 0
	for n < len(xs) && len(xs[n]) >= 2 && finite(xs[n][0]) && finite(xs[n][1]) {
		n++
	}
	p := &Path{Cut: n < len(xs), Iter: []int{}, X: []float64{}, Y: []float64{}}
	if n == 0 {
		return p
	}
	var idx []int
	if n <= limit {
		idx = make([]int, n)
		for i := range idx {
			idx[i] = i
		}
	} else {
		half := (limit - 2) / 2
		idx = append(idx, 0, n-1)
		idx = append(idx, evenly(n, half)...)
		// Arc length: cum[i] is the length up to point i; lengths that
		// overflow to +Inf are capped so the spacing stays defined.
		cum := make([]float64, n)
		for i := 1; i < n; i++ {
			d := math.Hypot(xs[i][0]-xs[i-1][0], xs[i][1]-xs[i-1][1])
			cum[i] = math.Min(cum[i-1]+d, math.MaxFloat64)
		}
		total := cum[n-1]
		if total > 0 {
			j := 0
			for k := 1; k <= limit-2-half; k++ {
				target := total * float64(k) / float64(limit-1-half)
				for j < n-1 && cum[j] < target {
					j++
				}
				idx = append(idx, j)
			}
		}
		slices.Sort(idx)
		idx = slices.Compact(idx)
	}
	for _, i := range idx {
		p.Iter = append(p.Iter, i)
		p.X = append(p.X, xs[i][0])
		p.Y = append(p.Y, xs[i][1])
	}
	return p
}

// evenly returns k indices spread evenly over 1..n−2.
func evenly(n, k int) []int {
	out := make([]int, 0, k)
	for j := 1; j <= k; j++ {
		out = append(out, int(math.Round(float64(j)*float64(n-1)/float64(k+1))))
	}
	return out
}

// thinLoss keeps at most limit values of a loss curve, up to its first
// non-finite value, chosen by geom.Envelope so that the envelope of an
// oscillating curve survives, with the learning rate lr[i] (if lr is not
// nil) of the same rows. A curve that reaches a non-finite value records
// that row in Diverged.
func thinLoss(f, lr []float64, limit int) Loss {
	n := 0
	for n < len(f) && finite(f[n]) {
		n++
	}
	l := Loss{Iter: []int{}, F: []float64{}}
	if n < len(f) {
		l.Diverged = &n
	}
	for _, i := range geom.Envelope(f[:n], limit) {
		l.Iter = append(l.Iter, i)
		l.F = append(l.F, f[i])
		if i < len(lr) {
			l.LR = append(l.LR, run.Float(lr[i]))
		}
	}
	return l
}
