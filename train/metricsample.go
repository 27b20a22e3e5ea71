package train

import (
	mbits "math/bits"
	"math/rand/v2"

	"github.com/descentgo/descent/data"
)

// DefaultMetricRows is the size of the seeded sample of training rows on
// which the per-epoch metrics of a mini-batch run are measured when the
// training split is larger (Config.MetricRows).
const DefaultMetricRows = 10000

// metricTag is the PCG stream of the metric sample, apart from the split's
// and the epochs' permutations of the same seed.
const metricTag = 0x6d6574726963 // "metric"

// sampleMetrics chooses the rows that the per-epoch metrics of a
// mini-batch run (the objective F, ‖∇F‖, accuracy or R² of each epoch's
// row) are measured on: every training row when the split has at most
// Config.MetricRows rows (DefaultMetricRows; −1 means always every row),
// else a sample of that many rows drawn without replacement with the run's
// seed and held in memory, so that an epoch costs one pass over the data —
// for a streamed file no second read (Keras and scikit-learn report the
// mean loss of the epoch's batches instead; a fixed sample measures every
// epoch at its final weights on the same rows). The final model is still
// measured on every row (Result.TrainLoss …). Sparse and remote splits
// keep the full pass.
func (s *setup) sampleMetrics() error {
	s.mset, s.mN, s.mobj = s.tr, s.nTrain, s.obj
	k := s.cfg.MetricRows
	if k == 0 {
		k = DefaultMetricRows
	}
	if k < 0 || s.nTrain <= k || s.cfg.Batch == 0 {
		return nil
	}
	idx := sampleIndexes(s.nTrain, k, s.cfg.Seed)
	var d *data.Dense
	switch tr := s.tr.(type) {
	case *memSet:
		if tr.dense == nil {
			return nil
		}
		d = gatherRows(tr.dense, idx)
	case *streamSet:
		if tr.sp != nil {
			return nil
		}
		d = tr.gather(idx)
		if err := tr.err(); err != nil {
			return err
		}
	default:
		return nil
	}
	set, err := newMemSet(s.m, d, nil, 0, nil, 0, s.cfg.Seed)
	if err != nil {
		return err
	}
	s.mset, s.mN, s.mobj = set, k, newObjective(s.m, set)
	s.sample = set
	return nil
}

// sampleIndexes returns k distinct indexes of [0, n) in increasing order
// (read off a bitset of the drawn ones, which needs no sort),
// drawn by Floyd's algorithm (Bentley & Floyd, "A sample of brilliance",
// CACM 1987) from a PCG generator of seed.
func sampleIndexes(n, k int, seed uint64) []int {
	r := rand.New(rand.NewPCG(seed, metricTag))
	in := make([]uint64, (n+63)/64) // a bit per index: n/8 bytes, no hashing
	for j := n - k; j < n; j++ {
		t := r.IntN(j + 1)
		if in[t/64]&(1<<(t%64)) != 0 {
			t = j
		}
		in[t/64] |= 1 << (t % 64)
	}
	// The set bits in increasing order: no sort.
	out := make([]int, 0, k)
	for w, bits := range in {
		for bits != 0 {
			out = append(out, w*64+mbits.TrailingZeros64(bits))
			bits &= bits - 1
		}
	}
	return out
}

// gatherRows copies the rows idx (increasing) of d into a new data set.
func gatherRows(d *data.Dense, idx []int) *data.Dense {
	out := &data.Dense{N: len(idx), D: d.D, X: make([]float64, 0, len(idx)*d.D), Y: make([]float64, 0, len(idx))}
	for _, i := range idx {
		out.X = append(out.X, d.X[i*d.D:(i+1)*d.D]...)
		out.Y = append(out.Y, d.Y[i])
	}
	return out
}

// gather reads the rows idx (increasing, file order) of the stream in one
// pass, standardized as the training batches are.
func (s *streamSet) gather(idx []int) *data.Dense {
	out := &data.Dense{D: s.m.Features(), X: make([]float64, 0, len(idx)*s.m.Features()), Y: make([]float64, 0, len(idx))}
	row, j := 0, 0
	s.pass(func() {
		for i := 0; i < s.dense.N && j < len(idx); i, row = i+1, row+1 {
			if row == idx[j] {
				out.X = append(out.X, s.dense.Row(i)...)
				out.Y = append(out.Y, s.dense.Y[i])
				j++
			}
		}
	})
	out.N = len(out.Y)
	return out
}
