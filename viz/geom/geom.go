// Package geom holds the plane geometry of descent's pictures that does not
// draw: the window that frames descent paths (FitWindow) and the indices
// that keep a curve's envelope (Envelope). Package viz draws with them; the
// playground's API uses them without viz, so that its WebAssembly engine
// (serve/wasm) does not carry gonum/plot, its fonts and its PDF, SVG and
// TIFF writers (18.2 MB → 11.1 MB, 6.2 MB → 3.0 MB gzipped).
package geom

import "math"

// Path is a descent path in the plane: the iterates (X[i], Y[i]). The path
// ends at the shorter of X and Y, and at its first non-finite point.
type Path struct {
	// Label is the legend text; paths with an empty label get no entry.
	Label string
	// X and Y are the coordinates of the iterates.
	X, Y []float64
}

// finite returns the points of p before its first non-finite one.
func (p Path) finite() [][2]float64 {
	var pts [][2]float64
	for i := range min(len(p.X), len(p.Y)) {
		x, y := p.X[i], p.Y[i]
		if math.IsNaN(x) || math.IsInf(x, 0) || math.IsNaN(y) || math.IsInf(y, 0) {
			break
		}
		pts = append(pts, [2]float64{x, y})
	}
	return pts
}

// bounds is the smallest box holding the points given to add; its zero
// value holds none.
type bounds struct {
	lo, hi [2]float64
	n      int
}

func (b *bounds) add(q [2]float64) {
	for d := range 2 {
		if b.n == 0 || q[d] < b.lo[d] {
			b.lo[d] = q[d]
		}
		if b.n == 0 || q[d] > b.hi[d] {
			b.hi[d] = q[d]
		}
	}
	b.n++
}

// FitWindow returns a window xmin, xmax, ymin, ymax framing the minima and
// the finite part of the paths with a margin of 8% of the larger side.
//
// A diverging path does not blow the window up. A path diverges from the
// first step that is more than 8 times as long as the shortest step before
// it when no later step is shorter; its points from there on are left out.
// The minima, the starts of the paths and the ends of the paths that do not
// diverge make up a core box, and points more than 1.5 times the core's
// larger half-size beyond it are left out too; such points are drawn until
// the path leaves the window, unless the core is a single point. Without
// any point the window is [-1, 1]×[-1, 1].
func FitWindow(paths []Path, minima [][2]float64) [4]float64 {
	var core bounds
	for _, m := range minima {
		if !math.IsNaN(m[0]) && !math.IsInf(m[0], 0) && !math.IsNaN(m[1]) && !math.IsInf(m[1], 0) {
			core.add(m)
		}
	}
	var sane [][][2]float64
	for _, p := range paths {
		ps := p.finite()
		if len(ps) == 0 {
			continue
		}
		k := divergence(ps)
		core.add(ps[0])
		if k == len(ps) {
			core.add(ps[k-1])
		}
		sane = append(sane, ps[:k])
	}
	if core.n == 0 {
		return [4]float64{-1, 1, -1, 1}
	}
	s := math.Max(core.hi[0]-core.lo[0], core.hi[1]-core.lo[1]) / 2
	keep := func(q [2]float64) bool {
		for d := range 2 {
			if q[d] < core.lo[d]-1.5*s || q[d] > core.hi[d]+1.5*s {
				return false
			}
		}
		return true
	}
	if s == 0 {
		// A single point gives no scale: keep every point that does not
		// diverge.
		keep = func([2]float64) bool { return true }
		s = math.Max(math.Max(math.Abs(core.lo[0]), math.Abs(core.lo[1]))/2, 1)
	}
	b := core
	for _, ps := range sane {
		for _, q := range ps {
			if keep(q) {
				b.add(q)
			}
		}
	}
	w := [2]float64{b.hi[0] - b.lo[0], b.hi[1] - b.lo[1]}
	// Keep the window from degenerating to a line.
	big := math.Max(w[0], w[1])
	if big == 0 {
		big = s
	}
	for d := range 2 {
		if w[d] < big/4 {
			c := (b.lo[d] + b.hi[d]) / 2
			b.lo[d], b.hi[d], w[d] = c-big/8, c+big/8, big/4
		}
	}
	m := 0.08 * math.Max(w[0], w[1])
	return [4]float64{b.lo[0] - m, b.hi[0] + m, b.lo[1] - m, b.hi[1] + m}
}

// divergence returns the index of the first point of pts after which the
// path diverges (see FitWindow), or len(pts).
func divergence(pts [][2]float64) int {
	n := len(pts)
	if n < 3 {
		return n
	}
	step := make([]float64, n) // step[j]: length of the step into point j
	for j := 1; j < n; j++ {
		step[j] = math.Hypot(pts[j][0]-pts[j-1][0], pts[j][1]-pts[j-1][1])
	}
	// growing[j]: no step after j is shorter than step j.
	growing := make([]bool, n)
	growing[n-1] = true
	for j := n - 2; j >= 1; j-- {
		growing[j] = growing[j+1] && step[j+1] >= step[j]
	}
	shortest := step[1]
	for j := 2; j < n; j++ {
		if shortest > 0 && step[j] > 8*shortest && growing[j] {
			return j
		}
		shortest = math.Min(shortest, step[j])
	}
	return n
}

// Envelope returns, in increasing order, the indices of at most limit
// points of v that keep the envelope of the curve: the first and the last,
// and in each of (limit−2)/2 buckets of consecutive indices the lowest and
// the highest value, so that an oscillating curve keeps its amplitude at
// the resolution of a picture. A series of at most limit points (or a limit
// below 4) keeps every index.
func Envelope(v []float64, limit int) []int {
	n := len(v)
	if n <= limit || limit < 4 {
		idx := make([]int, n)
		for i := range idx {
			idx[i] = i
		}
		return idx
	}
	buckets := (limit - 2) / 2
	idx := make([]int, 0, limit)
	idx = append(idx, 0)
	for b := 0; b < buckets; b++ {
		lo := 1 + b*(n-2)/buckets
		hi := 1 + (b+1)*(n-2)/buckets
		if lo >= hi {
			continue
		}
		imin, imax := lo, lo
		for i := lo; i < hi; i++ {
			if v[i] < v[imin] {
				imin = i
			}
			if v[i] > v[imax] {
				imax = i
			}
		}
		idx = append(idx, min(imin, imax))
		if imax != imin {
			idx = append(idx, max(imin, imax))
		}
	}
	return append(idx, n-1)
}
