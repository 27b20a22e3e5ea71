package data

import (
	"fmt"
	"math"
	"slices"
	"testing"
)

// TestEpochBlockPermutation: for sizes around the block size, the result
// is a permutation of 0 … n−1 whose rows come in runs of whole blocks
// (block b's rows b·k … b·k+k−1 at consecutive positions, in some order),
// the same for the same seed and epoch, another for another epoch; block
// ≤ 1 is EpochPermutation to the bit; and it allocates nothing.
func TestEpochBlockPermutation(t *testing.T) {
	for _, n := range []int{0, 1, 2, 5, 63, 64, 65, 200, 1000} {
		for _, k := range []int{2, 3, 64, 100} {
			p := make([]int, n)
			EpochBlockPermutation(p, 7, 3, k)
			sorted := slices.Sorted(slices.Values(p))
			for i, v := range sorted {
				if v != i {
					t.Fatalf("n %d, block %d: not a permutation: %v", n, k, p)
				}
			}
			for lo := 0; lo < n; {
				b := p[lo] / k
				size := min(k, n-b*k)
				for _, v := range p[lo : lo+size] {
					if v/k != b {
						t.Fatalf("n %d, block %d: positions %d…%d mix blocks: %v", n, k, lo, lo+size-1, p[lo:lo+size])
					}
				}
				lo += size
			}
			q := make([]int, n)
			EpochBlockPermutation(q, 7, 3, k)
			if !slices.Equal(p, q) {
				t.Errorf("n %d, block %d: two draws of the same epoch differ", n, k)
			}
			if n >= 200 {
				EpochBlockPermutation(q, 7, 4, k)
				if slices.Equal(p, q) {
					t.Errorf("n %d, block %d: epochs 3 and 4 give the same order", n, k)
				}
			}
		}
	}
	for _, k := range []int{0, 1} {
		p, q := make([]int, 300), make([]int, 300)
		EpochBlockPermutation(p, 9, 2, k)
		EpochPermutation(q, 9, 2)
		if !slices.Equal(p, q) {
			t.Errorf("block %d differs from EpochPermutation", k)
		}
	}
	p := make([]int, 10000)
	if a := testing.AllocsPerRun(10, func() { EpochBlockPermutation(p, 1, 1, 64) }); a > 0 {
		t.Errorf("%g allocations per call", a)
	}
}

// TestEpochBlockPermutationUniform: over 20,000 epochs of 10 blocks of 4
// rows, each block comes first about 2,000 times and each row of a block
// first within it about a quarter of the time — within 5 standard
// deviations of the binomial counts.
func TestEpochBlockPermutationUniform(t *testing.T) {
	const epochs, nb, k = 20000, 10, 4
	var firstBlock [nb]int
	var firstRow [k]int
	p := make([]int, nb*k)
	for e := range epochs {
		EpochBlockPermutation(p, 5, e, k)
		firstBlock[p[0]/k]++
		firstRow[p[0]%k]++
	}
	check := func(name string, counts []int, prob float64) {
		mean := epochs * prob
		sd := math.Sqrt(epochs * prob * (1 - prob))
		for i, c := range counts {
			if d := float64(c) - mean; d > 5*sd || d < -5*sd {
				t.Errorf("%s %d first %d times, expected %.0f ± %.0f", name, i, c, mean, sd)
			}
		}
	}
	check("block", firstBlock[:], 1.0/nb)
	check("row", firstRow[:], 1.0/k)
}

// TestEpochWindowPermutation: for sizes around the window's, the result is
// a permutation of 0 … n−1 whose consecutive windows each hold the rows of
// whole blocks only — window blocks of them except the last window — the
// same for the same seed and epoch and another for another epoch; it
// allocates nothing.
func TestEpochWindowPermutation(t *testing.T) {
	for _, n := range []int{0, 1, 7, 63, 64, 65, 200, 1001} {
		for _, kw := range [][2]int{{2, 2}, {3, 4}, {16, 4}, {8, 100}} {
			k, win := kw[0], kw[1]
			p := make([]int, n)
			EpochWindowPermutation(p, 7, 3, k, win)
			if !slices.Equal(slices.Sorted(slices.Values(p)), seq(n)) {
				t.Fatalf("n %d, block %d, window %d: not a permutation: %v", n, k, win, p)
			}
			// A window ends win·k rows on, or win·k − k + short when it
			// holds the short last block; its rows must be those of
			// exactly win whole blocks (all that is left at the end).
			nb := (n + k - 1) / k
			short := n - (nb-1)*k
			whole := func(lo, hi int) bool {
				rows := map[int]int{}
				for _, v := range p[lo:hi] {
					rows[v/k]++
				}
				for b, c := range rows {
					if c != min(k, n-b*k) {
						return false
					}
				}
				return len(rows) == win || hi == n
			}
			for lo := 0; lo < n; {
				hi := min(lo+win*k, n)
				if !whole(lo, hi) {
					hi = min(lo+(win-1)*k+short, n)
					if !whole(lo, hi) {
						t.Fatalf("n %d, block %d, window %d: the window at %d is not %d whole blocks: %v", n, k, win, lo, win, p[lo:])
					}
				}
				lo = hi
			}
			q := make([]int, n)
			EpochWindowPermutation(q, 7, 3, k, win)
			if !slices.Equal(p, q) {
				t.Errorf("n %d, block %d, window %d: two draws of the same epoch differ", n, k, win)
			}
			if n >= 200 {
				EpochWindowPermutation(q, 7, 4, k, win)
				if slices.Equal(p, q) {
					t.Errorf("n %d, block %d, window %d: epochs 3 and 4 give the same order", n, k, win)
				}
			}
		}
	}
	for _, win := range []int{0, 1} {
		p, q := make([]int, 300), make([]int, 300)
		EpochWindowPermutation(p, 9, 2, 16, win)
		EpochBlockPermutation(q, 9, 2, 16)
		if !slices.Equal(p, q) {
			t.Errorf("window %d differs from EpochBlockPermutation", win)
		}
	}
	p := make([]int, 10000)
	if a := testing.AllocsPerRun(10, func() { EpochWindowPermutation(p, 1, 1, 16, 64) }); a > 0 {
		t.Errorf("%g allocations per call", a)
	}
}

// TestEpochWindowPermutationUniform: with one window covering all 10
// blocks of 4 rows, every row comes first in about 1/40 of 40,000 epochs,
// and row 1 comes right after row 0 (its block neighbour) in about 1/39 of
// them, as in a uniform permutation — within 5 standard deviations of the
// binomial counts. (Within 64-row blocks alone it would follow always or
// never.)
func TestEpochWindowPermutationUniform(t *testing.T) {
	const epochs, n, k = 40000, 40, 4
	var first [n]int
	next := 0
	p := make([]int, n)
	for e := range epochs {
		EpochWindowPermutation(p, 5, e, k, n/k)
		first[p[0]]++
		for i := 0; i+1 < n; i++ {
			if p[i] == 0 && p[i+1] == 1 {
				next++
			}
		}
	}
	within := func(name string, c int, prob float64) {
		mean := epochs * prob
		sd := math.Sqrt(epochs * prob * (1 - prob))
		if d := float64(c) - mean; d > 5*sd || d < -5*sd {
			t.Errorf("%s: %d times, expected %.0f ± %.0f", name, c, mean, sd)
		}
	}
	for i, c := range first {
		within(fmt.Sprintf("row %d first", i), c, 1.0/n)
	}
	within("row 1 right after row 0", next, 1.0/(n-1))
}

func seq(n int) []int {
	s := make([]int, n)
	for i := range s {
		s[i] = i
	}
	return s
}

// TestEpochWindowPermutationBatchVariance: what the shuffles do to the
// batches of a data set sorted by label (rows 0 … n/2−1 of class 0, the
// rest of class 1, p = ½). Over 20 epochs of batches of b = 32, the
// variance of a batch's share of class 1 matches the closed forms of
// sampling without replacement within 10 %:
//
//	row by row (hypergeometric):  p(1−p)/b · (n−b)/(n−1)
//	blocks of 64 rows alone:      p(1−p) (every batch of one class)
//	windows of W = 64 blocks of k = 16 rows (m = Wk rows, nb = n/k):
//	  var q + E[q(1−q)]/b · (m−b)/(m−1), var q = p(1−p)/W · (nb−W)/(nb−1),
//	  E[q(1−q)] = p(1−p) − var q (q: the window's share of class 1).
func TestEpochWindowPermutationBatchVariance(t *testing.T) {
	const n, b, epochs, p = 20480, 32, 20, 0.5
	variance := func(block, window int) float64 {
		perm := make([]int, n)
		var sum, sum2 float64
		count := 0
		for e := range epochs {
			EpochWindowPermutation(perm, 3, e, block, window)
			for lo := 0; lo+b <= n; lo += b {
				ones := 0
				for _, i := range perm[lo : lo+b] {
					if i >= n/2 {
						ones++
					}
				}
				f := float64(ones) / b
				sum += f
				sum2 += f * f
				count++
			}
		}
		mean := sum / float64(count)
		return sum2/float64(count) - mean*mean
	}
	const W, k = 64, 16
	const m, nb = W * k, n / k
	vq := p * (1 - p) / W * (nb - W) / (nb - 1)
	for _, tc := range []struct {
		name          string
		block, window int
		want          float64
	}{
		{"row by row", 1, 1, p * (1 - p) / b * (n - b) / (n - 1)},
		{"64-row blocks", 64, 1, p * (1 - p)},
		{"windows of 64 blocks of 16 rows", k, W, vq + (p*(1-p)-vq)/b*(m-b)/(m-1)},
	} {
		got := variance(tc.block, tc.window)
		t.Logf("%s: variance of a batch's class share %.5f, closed form %.5f", tc.name, got, tc.want)
		if math.Abs(got-tc.want) > 0.1*tc.want {
			t.Errorf("%s: variance %.5f, closed form %.5f", tc.name, got, tc.want)
		}
	}
}
