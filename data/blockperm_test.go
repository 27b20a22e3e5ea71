package data

import (
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
