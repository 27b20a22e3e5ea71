package data

import (
	"errors"
	"io"
	"math"
	"math/bits"
	"math/rand/v2"
	"slices"
)

// Standardization rescales features to zero mean and unit variance:
// x ← (x − Mean[j]) / Std[j] for feature j when Center is set, and
// x ← x / Std[j] otherwise (for sparse data, whose zeros centering would
// fill in). Std is the population standard deviation (dividing by N, not
// N−1), so that standardized training columns have exactly mean 0 and
// standard deviation 1 up to rounding. A constant column has Std 1, so it
// becomes all zeros when centered.
//
// Fit the Standardization on the training set only, then Apply it to the
// training, validation and test sets alike. Its JSON form,
//
//	{"mean": […], "std": […], "center": true}
//
// is the "standardize" object of a model file (package train).
type Standardization struct {
	Mean   []float64 `json:"mean"`
	Std    []float64 `json:"std"`
	Center bool      `json:"center"`
}

// Standardizer is the former name of Standardization.
//
// Deprecated: Use Standardization.
type Standardizer = Standardization

// Fit sets s to the column means and population standard deviations of d,
// with Center set. It panics if d has no rows.
func (s *Standardization) Fit(d *Dense) {
	if d.N == 0 {
		panic("data: Standardization.Fit on an empty data set")
	}
	s.FitPasses(d.D, func(visit func(row []float64)) error {
		for i := 0; i < d.N; i++ {
			visit(d.Row(i))
		}
		return nil
	})
}

// FitPasses is Fit over rows of d features that pass visits, in the same
// order on every call: it calls pass two times (three when a column's sums
// overflow), so a data set too large for memory can be re-read from its
// file for each. The result is Fit's, to the bit, for the same rows in the
// same order. It returns pass's first error, and an error for no rows.
func (s *Standardization) FitPasses(d int, pass func(visit func(row []float64)) error) error {
	s.Center = true
	s.Mean = make([]float64, d)
	s.Std = make([]float64, d)
	rows := 0
	if err := pass(func(row []float64) {
		rows++
		for j, v := range row {
			s.Mean[j] += v
		}
	}); err != nil {
		return err
	}
	if rows == 0 {
		return errors.New("data: Standardization.FitPasses: no rows")
	}
	n := float64(rows)
	for j := range s.Mean {
		s.Mean[j] /= n
	}
	// Corrected two-pass algorithm: the second sum corrects the rounding
	// error of the mean.
	sum := make([]float64, d)
	constant := make([]bool, d)
	var first []float64
	for j := range constant {
		constant[j] = true
	}
	if err := pass(func(row []float64) {
		if first == nil {
			first = append([]float64(nil), row...)
		}
		for j, v := range row {
			dv := v - s.Mean[j]
			sum[j] += dv
			s.Std[j] += dv * dv
			if v != first[j] {
				constant[j] = false
			}
		}
	}); err != nil {
		return err
	}
	var overflow []int
	for j := range s.Std {
		if constant[j] {
			s.Mean[j], s.Std[j] = first[j], 1
			continue
		}
		s.Std[j] = finishStd(s.Std[j], sum[j], n)
		if !finiteStats(s.Mean[j], s.Std[j]) {
			overflow = append(overflow, j)
		}
	}
	if len(overflow) == 0 {
		return nil
	}
	cols := make([][]float64, len(overflow))
	if err := pass(func(row []float64) {
		for k, j := range overflow {
			cols[k] = append(cols[k], row[j])
		}
	}); err != nil {
		return err
	}
	for k, j := range overflow {
		c := cols[k]
		s.Mean[j], s.Std[j] = scaledStats(len(c), func(i int) float64 { return c[i] })
	}
	return nil
}

func finiteStats(mean, std float64) bool {
	return !math.IsNaN(mean) && !math.IsInf(mean, 0) && !math.IsNaN(std) && !math.IsInf(std, 0)
}

// scaledStats returns the mean and population standard deviation of the n
// values v(i), computed on v/m with m = max|v| and scaled back, for a
// column whose sums overflow float64 (values near 1e200 and beyond): the
// results are finite whenever the values are.
func scaledStats(n int, v func(int) float64) (mean, std float64) {
	var m float64
	for i := range n {
		m = math.Max(m, math.Abs(v(i)))
	}
	if m == 0 || math.IsInf(m, 0) {
		return 0, 1
	}
	var sum float64
	for i := range n {
		sum += v(i) / m
	}
	mu := sum / float64(n)
	var ss, sd float64
	for i := range n {
		dv := v(i)/m - mu
		sd += dv
		ss += dv * dv
	}
	s := finishStd(ss, sd, float64(n))
	if s == 1 && ss == 0 {
		return mu * m, 1
	}
	return mu * m, s * m
}

// finishStd returns the standard deviation from the sum of squared
// deviations ss and the sum of deviations sum from the mean of n values, or
// 1 if it is 0.
func finishStd(ss, sum, n float64) float64 {
	v := (ss - sum*sum/n) / n
	if v <= 0 {
		return 1
	}
	return math.Sqrt(v)
}

// FitCSR sets s to the column means and population standard deviations of m,
// counting the implicit zeros, with Center cleared so that ApplyCSR can
// use s. It panics if m has no rows.
func (s *Standardization) FitCSR(m *CSR) {
	if m.N == 0 {
		panic("data: Standardization.FitCSR on an empty data set")
	}
	s.Center = false
	n := float64(m.N)
	s.Mean = make([]float64, m.D)
	s.Std = make([]float64, m.D)
	count := make([]int, m.D) // stored entries per column
	for k, j := range m.Indices {
		s.Mean[j] += m.Values[k]
		count[j]++
	}
	for j := range s.Mean {
		s.Mean[j] /= n
	}
	// Corrected two-pass, with the implicit zeros added in bulk.
	sum := make([]float64, m.D)
	for k, j := range m.Indices {
		dv := m.Values[k] - s.Mean[j]
		sum[j] += dv
		s.Std[j] += dv * dv
	}
	for j := range s.Std {
		zeros := n - float64(count[j])
		sum[j] -= zeros * s.Mean[j]
		s.Std[j] += zeros * s.Mean[j] * s.Mean[j]
		s.Std[j] = finishStd(s.Std[j], sum[j], n)
	}
	// Detect constant columns exactly.
	first := make([]float64, m.D)
	constant := make([]bool, m.D)
	seen := make([]bool, m.D)
	for j := range constant {
		constant[j] = count[j] == 0 || count[j] == m.N
	}
	for k, j := range m.Indices {
		if !seen[j] {
			seen[j], first[j] = true, m.Values[k]
		} else if m.Values[k] != first[j] {
			constant[j] = false
		}
	}
	for j := range constant {
		if constant[j] {
			s.Mean[j], s.Std[j] = first[j], 1
		}
	}
}

// FitSource sets s to the column means and population standard deviations of
// the rows that src yields until the end of its epoch, with Center set, and
// then resets src. It returns an error from src, and an error if src yields
// no rows.
func (s *Standardization) FitSource(src Source) error {
	d := src.D()
	var (
		n        float64
		mean     = make([]float64, d)
		m2       = make([]float64, d)
		first    = make([]float64, d)
		constant = make([]bool, d)
		bmean    = make([]float64, d)
		bm2      = make([]float64, d)
		batch    Dense
	)
	for j := range constant {
		constant[j] = true
	}
	for {
		bn, err := src.Next(&batch)
		if err == io.EOF {
			break
		}
		if err != nil {
			return err
		}
		if n == 0 {
			copy(first, batch.Row(0))
		}
		// Two-pass statistics of the batch, merged into the running
		// ones (Chan, Golub and LeVeque, 1979).
		clear(bmean)
		clear(bm2)
		for i := 0; i < bn; i++ {
			for j, v := range batch.Row(i) {
				bmean[j] += v
				if v != first[j] {
					constant[j] = false
				}
			}
		}
		fb := float64(bn)
		for j := range bmean {
			bmean[j] /= fb
		}
		for i := 0; i < bn; i++ {
			for j, v := range batch.Row(i) {
				dv := v - bmean[j]
				bm2[j] += dv * dv
			}
		}
		tot := n + fb
		for j := range mean {
			delta := bmean[j] - mean[j]
			mean[j] += delta * fb / tot
			m2[j] += bm2[j] + delta*delta*n*fb/tot
		}
		n = tot
	}
	if n == 0 {
		return errors.New("data: Standardization.FitSource: no rows")
	}
	s.Mean, s.Std, s.Center = mean, m2, true
	for j := range s.Std {
		if constant[j] {
			s.Mean[j], s.Std[j] = first[j], 1
			continue
		}
		s.Std[j] = finishStd(m2[j], 0, n)
	}
	return src.Reset()
}

// Apply standardizes d in place: it centers and scales the features if
// Center is set, and only scales them otherwise. It panics if the number of
// features of d differs from len(s.Mean) or len(s.Std).
func (s *Standardization) Apply(d *Dense) {
	s.check(d.D)
	for i := 0; i < d.N; i++ {
		s.applyRow(d.Row(i))
	}
}

// ApplyRow standardizes the features x of one example in place, as Apply.
// It panics if len(x) differs from len(s.Mean) or len(s.Std).
func (s *Standardization) ApplyRow(x []float64) {
	s.check(len(x))
	s.applyRow(x)
}

func (s *Standardization) applyRow(x []float64) {
	if s.Center {
		for j, v := range x {
			x[j] = (v - s.Mean[j]) / s.Std[j]
		}
		return
	}
	for j, v := range x {
		x[j] = v / s.Std[j]
	}
}

// ApplyCSR divides each stored value of m in place by the standard deviation
// of its column. It does not subtract the mean, which would fill in the
// zeros and destroy the sparsity: the columns of m then have standard
// deviation 1 but keep their (scaled) mean. It panics if Center is set, as
// it is by Fit (use FitCSR), or if m.D differs from len(s.Mean) or
// len(s.Std).
func (s *Standardization) ApplyCSR(m *CSR) {
	s.check(m.D)
	if s.Center {
		panic("data: Standardization.ApplyCSR with Center set: centering would fill in the zeros of a sparse matrix")
	}
	for k, j := range m.Indices {
		m.Values[k] /= s.Std[j]
	}
}

func (s *Standardization) check(d int) {
	if len(s.Mean) != d || len(s.Std) != d {
		panic("data: Standardization dimension mismatch")
	}
}

// splitStream is the PCG stream (second seed word) used by Split and
// SplitCSR, so that their choice differs from other uses of the same seed.
const splitStream = 0x53504c4954 // "SPLIT"

// NewRand returns a random number generator seeded by seed (a PCG generator,
// math/rand/v2). Equal seeds give equal sequences.
func NewRand(seed uint64) *rand.Rand { return rand.New(rand.NewPCG(seed, 0)) }

// Permutation stores a uniformly random permutation of 0, 1, …, len(dst)−1
// in dst, drawn from rng by the Fisher–Yates shuffle. The result depends only
// on the state of rng.
func Permutation(dst []int, rng *rand.Rand) {
	for i := range dst {
		dst[i] = i
	}
	for i := len(dst) - 1; i > 0; i-- {
		j := int(rng.Uint64N(uint64(i + 1)))
		dst[i], dst[j] = dst[j], dst[i]
	}
}

// EpochPermutation stores in dst the permutation of 0, 1, …, len(dst)−1 for
// the given epoch of a training run seeded by seed. It depends only on seed,
// epoch and len(dst), so an interrupted run can be resumed at any epoch
// with the same order of examples.
func EpochPermutation(dst []int, seed uint64, epoch int) {
	Permutation(dst, rand.New(rand.NewPCG(seed, uint64(epoch))))
}

// EpochBlockPermutation is EpochPermutation by blocks of rows: 0 … n−1
// (n = len(dst)) is cut into ⌈n/block⌉ blocks of block consecutive rows
// (the last may be shorter), the blocks are put in a uniformly random
// order and the rows of each block in a uniformly random order within it,
// both drawn from the PCG stream of seed and epoch. Consecutive slices of
// dst then read memory in runs of about block rows, so a mini-batch costs
// about what a batch of consecutive rows does, where a full permutation
// reads every row from a random place.
//
// It changes the sampling: every row is still seen once per epoch, but a
// mini-batch of B ≤ block rows holds rows of at most two blocks, that is
// rows that were neighbours in the data set. Rows in random order (a
// shuffled file, or generated i.i.d.) lose nothing; rows sorted by label
// or time make correlated batches, with a noisier gradient (tf.data's
// shuffle buffer and PyTorch's chunked samplers make the same trade).
// block ≤ 1 is EpochPermutation, bit for bit. It allocates nothing. It is
// EpochWindowPermutation with a window of one block.
func EpochBlockPermutation(dst []int, seed uint64, epoch, block int) {
	EpochWindowPermutation(dst, seed, epoch, block, 1)
}

// EpochWindowPermutation is EpochBlockPermutation with the rows shuffled
// across windows of window blocks instead of within each block: the
// blocks of block consecutive rows are put in a uniformly random order,
// that order is cut into windows of window consecutive blocks, and the
// rows of each window are put in a uniformly random order within it (a
// shuffle buffer of window·block rows filled with whole blocks, as
// tf.data's shuffle after interleave). Memory is still read in runs
// within window blocks, so a batch costs about what a batch of
// consecutive rows does as long as a window's rows stay within the
// translation buffers' reach (about 1,000 rows of 100 float64s).
//
// What it does to the sampling: every row is still seen once per epoch;
// a mini-batch of b rows now draws from window blocks at random places
// in the data, about b/window rows per block, instead of one or two
// blocks. On rows sorted by label or time the share of a class in a
// batch then varies about as it would among window independently drawn
// rows (plus the draw within the window) rather than being all or
// nothing; window·block ≥ n is a full uniform permutation. window ≤ 1 is
// EpochBlockPermutation, bit for bit; block ≤ 1 is EpochPermutation. It
// allocates nothing.
func EpochWindowPermutation(dst []int, seed uint64, epoch, block, window int) {
	if block <= 1 {
		EpochPermutation(dst, seed, epoch)
		return
	}
	window = max(window, 1)
	var pcg rand.PCG
	pcg.Seed(seed, uint64(epoch))
	shuffle := func(v []int) { // Fisher–Yates
		for i := len(v) - 1; i > 0; i-- {
			j := int(uint64n(&pcg, uint64(i+1)))
			v[i], v[j] = v[j], v[i]
		}
	}
	n := len(dst)
	nb := (n + block - 1) / block
	// The block order in dst[:nb], then each block's rows written from
	// the back: the write position never passes the order entries still
	// to read, since a block holds at least one row and n − nb is the sum
	// of (size − 1) over the blocks.
	for i := range dst[:nb] {
		dst[i] = i
	}
	shuffle(dst[:nb])
	w := n
	for r := nb - 1; r >= 0; r-- {
		b := dst[r]
		lo, hi := b*block, min((b+1)*block, n)
		w -= hi - lo
		for i := lo; i < hi; i++ {
			dst[w+i-lo] = i
		}
	}
	for lo := 0; lo < n; {
		// Shuffle within each window of blocks, in dst order.
		hi := lo
		for range window {
			if hi == n {
				break
			}
			size := block
			if dst[hi]/block == nb-1 {
				size = n - (nb-1)*block
			}
			hi += size
		}
		shuffle(dst[lo:hi])
		lo = hi
	}
}

// uint64n returns a uniform integer in [0, n) from p, by Lemire's
// multiply-and-reject ("Fast Random Integer Generation in an Interval",
// ACM TOMACS 29(1), 2019).
func uint64n(p *rand.PCG, n uint64) uint64 {
	hi, lo := bits.Mul64(p.Uint64(), n)
	if lo < n {
		for thresh := -n % n; lo < thresh; {
			hi, lo = bits.Mul64(p.Uint64(), n)
		}
	}
	return hi
}

// valRows returns which of n rows go to the validation set of a split with
// fraction valFrac and the given seed.
func valRows(n int, valFrac float64, seed uint64) (isVal []bool, nVal int) {
	if !(valFrac >= 0 && valFrac <= 1) {
		panic("data: validation fraction outside [0, 1]")
	}
	nVal = int(math.Round(valFrac * float64(n)))
	perm := make([]int, n)
	Permutation(perm, rand.New(rand.NewPCG(seed, splitStream)))
	isVal = make([]bool, n)
	for _, i := range perm[:nVal] {
		isVal[i] = true
	}
	return isVal, nVal
}

// Split divides the rows of d at random into a training set and a validation
// set holding round(valFrac·N) rows. Both keep the original order of their
// rows and are copies, sharing no storage with d. The choice depends only
// on seed and d.N. It panics if valFrac is outside [0, 1].
func Split(d *Dense, valFrac float64, seed uint64) (train, val *Dense) {
	isVal, nVal := valRows(d.N, valFrac, seed)
	newPart := func(n int) *Dense {
		return &Dense{
			N: 0, D: d.D,
			X:        make([]float64, 0, n*d.D),
			Y:        make([]float64, 0, n),
			Features: slices.Clone(d.Features),
			Target:   d.Target,
		}
	}
	train, val = newPart(d.N-nVal), newPart(nVal)
	for i := 0; i < d.N; i++ {
		p := train
		if isVal[i] {
			p = val
		}
		p.X = append(p.X, d.Row(i)...)
		p.Y = append(p.Y, d.Y[i])
		p.N++
	}
	return train, val
}

// SplitCSR is like Split for a sparse data set. For equal N and seed it
// chooses the same validation rows as Split.
func SplitCSR(m *CSR, valFrac float64, seed uint64) (train, val *CSR) {
	isVal, _ := valRows(m.N, valFrac, seed)
	train = &CSR{D: m.D, Indptr: []int{0}}
	val = &CSR{D: m.D, Indptr: []int{0}}
	for i := 0; i < m.N; i++ {
		p := train
		if isVal[i] {
			p = val
		}
		lo, hi := m.Indptr[i], m.Indptr[i+1]
		p.Indices = append(p.Indices, m.Indices[lo:hi]...)
		p.Values = append(p.Values, m.Values[lo:hi]...)
		p.Indptr = append(p.Indptr, len(p.Indices))
		p.Y = append(p.Y, m.Y[i])
		p.N++
	}
	return train, val
}

// Gather stores the rows of src listed in rows, in that order, in dst,
// reusing the storage of dst.X and dst.Y when it is large enough: with the
// indices of a Permutation it forms the minibatches of an epoch. dst must
// not share storage with src.
func Gather(dst, src *Dense, rows []int) {
	n, d := len(rows), src.D
	if cap(dst.X) < n*d {
		dst.X = make([]float64, n*d)
	}
	if cap(dst.Y) < n {
		dst.Y = make([]float64, n)
	}
	dst.N, dst.D = n, d
	dst.X, dst.Y = dst.X[:n*d], dst.Y[:n]
	dst.Features, dst.Target, dst.Dropped = src.Features, src.Target, 0
	for k, i := range rows {
		copy(dst.X[k*d:(k+1)*d], src.Row(i))
		dst.Y[k] = src.Y[i]
	}
}

// GatherCSR is like Gather for sparse data sets.
func GatherCSR(dst, src *CSR, rows []int) {
	dst.N, dst.D = len(rows), src.D
	dst.Indptr = append(dst.Indptr[:0], 0)
	dst.Indices, dst.Values, dst.Y = dst.Indices[:0], dst.Values[:0], dst.Y[:0]
	for _, i := range rows {
		lo, hi := src.Indptr[i], src.Indptr[i+1]
		dst.Indices = append(dst.Indices, src.Indices[lo:hi]...)
		dst.Values = append(dst.Values, src.Values[lo:hi]...)
		dst.Indptr = append(dst.Indptr, len(dst.Indices))
		dst.Y = append(dst.Y, src.Y[i])
	}
}
