package train

import (
	"fmt"
	"io"
	"math"
	"runtime"
	"sync"

	"github.com/descentgo/descent/data"
	"github.com/descentgo/descent/fn"
	"github.com/descentgo/descent/model"
)

// examples is a split the loop evaluates and, for the training split,
// draws mini-batches from.
type examples interface {
	size() int
	// sum returns the sum of the losses at θ and stores the sum of their
	// gradients in grad unless it is nil.
	sum(grad, theta []float64) float64
	// correct returns how many examples the model classifies correctly.
	correct(theta []float64) int
	// yVar is the population variance of the targets (regression), and
	// yMean their mean.
	yVar() float64
	yMean() float64
	// err returns the first read error of a streamed split.
	err() error
	// rows visits the examples as the model sees them (standardized when
	// the run standardizes), for model.Curvature and the feature scales.
	rows() model.Rows

	// The mini-batch interface of the training split.
	batches() int
	startEpoch(epoch int) error
	skip(k int) error
	// next stores the gradient of the next mini-batch's objective
	// F_B = (1/|B|)Σ_{i∈B} ℓᵢ + penalty in g and returns F_B.
	next(g, theta []float64) (float64, error)
}

// memSet is a split held in memory.
type memSet struct {
	m     model.Model
	sp    model.Sparse // set when the split is CSR
	dense *data.Dense
	csr   *data.CSR
	be    *model.Local
	my    float64 // the targets' mean
	vy    float64

	batch  int
	block  int // Config.ShuffleBlock
	window int // Config.ShuffleWindow
	seed   uint64
	perm   []int
	pos    int
	ws     model.Workspace
	pred   []float64
	xbuf   []float64
}

// newMemSet makes a split of shards shards, or of the shards starting at
// bounds if it is not nil (data stored as blocks).
func newMemSet(m model.Model, dense *data.Dense, csr *data.CSR, shards int, bounds []int, batch int, seed uint64) (*memSet, error) {
	s := &memSet{m: m, dense: dense, csr: csr, batch: batch, seed: seed,
		pred: make([]float64, m.Outputs()), xbuf: make([]float64, m.Features())}
	var err error
	var y []float64
	if dense != nil && bounds != nil {
		s.be, err = model.NewLocalBounds(m, dense, bounds)
		y = dense.Y
	} else if dense != nil {
		s.be, err = model.NewLocal(m, dense, shards)
		y = dense.Y
	} else {
		s.sp = m.(model.Sparse)
		s.be, err = model.NewLocalCSR(m, csr, shards)
		y = csr.Y
	}
	if err != nil {
		return nil, err
	}
	s.my, s.vy = moments(y)
	if batch > 0 {
		s.perm = make([]int, len(y))
		s.ws.Threads = runtime.GOMAXPROCS(0) // bit-identical for any value
	}
	return s, nil
}

// variance returns the population variance of y.
func variance(y []float64) float64 {
	_, v := moments(y)
	return v
}

// moments returns the mean and the population variance of y.
func moments(y []float64) (mean, variance float64) {
	for _, v := range y {
		mean += v
	}
	mean /= float64(len(y))
	var ss float64
	for _, v := range y {
		ss += (v - mean) * (v - mean)
	}
	return mean, ss / float64(len(y))
}

func (s *memSet) size() int {
	if s.dense != nil {
		return s.dense.N
	}
	return s.csr.N
}

func (s *memSet) sum(grad, theta []float64) float64 { return s.be.SumGrad(grad, theta) }
func (s *memSet) yVar() float64                     { return s.vy }
func (s *memSet) yMean() float64                    { return s.my }
func (s *memSet) err() error                        { return nil }

func (s *memSet) rows() model.Rows {
	if s.dense != nil {
		return model.DenseRows(s.dense)
	}
	return model.CSRRows(s.csr)
}

// batchGradSq returns the mean of |∇F_B(θ)|² over k mini-batches of
// exactly b rows drawn without replacement: consecutive slices of the
// permutations of epochs from, from+1, … (as the training loop draws
// them). It uses its own permutation, leaving the loop's untouched.
func (s *memSet) batchGradSq(g, theta []float64, b, k int, from int) float64 {
	n := s.size()
	if b < 1 || b > n || k < 1 {
		return math.NaN()
	}
	perm := make([]int, n)
	var sum float64
	done := 0
	for e := from; done < k; e++ {
		data.EpochWindowPermutation(perm, s.seed, e, s.block, s.window)
		for lo := 0; lo+b <= n && done < k; lo += b {
			idx := perm[lo : lo+b]
			if s.dense != nil {
				model.BatchObjective(g, theta, s.m, s.dense.X, s.dense.Y, idx, &s.ws)
			} else {
				model.BatchObjectiveCSR(g, theta, s.m, s.csr, idx, &s.ws)
			}
			sum += fn.Dot(g, g)
			done++
		}
	}
	return sum / float64(k)
}

// correctParallelMin is the number of examples from which correct counts
// on several goroutines.
const correctParallelMin = 1 << 14

// correct counts the examples the model classifies correctly, on up to
// GOMAXPROCS goroutines over contiguous ranges (each with its own
// workspace) for large splits: a count is the same in any order.
func (s *memSet) correct(theta []float64) int {
	n := s.size()
	workers := min(runtime.GOMAXPROCS(0), max(1, n/correctParallelMin))
	if workers == 1 {
		return s.correctRange(theta, 0, n, &s.ws, s.pred, s.xbuf)
	}
	counts := make([]int, workers)
	var wg sync.WaitGroup
	for w := range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			var ws model.Workspace
			pred := make([]float64, len(s.pred))
			xbuf := make([]float64, len(s.xbuf))
			counts[w] = s.correctRange(theta, w*n/workers, (w+1)*n/workers, &ws, pred, xbuf)
		}()
	}
	wg.Wait()
	ok := 0
	for _, c := range counts {
		ok += c
	}
	return ok
}

// correctRange counts the correct examples among rows [lo, hi).
func (s *memSet) correctRange(theta []float64, lo, hi int, ws *model.Workspace, pred, xbuf []float64) int {
	ok := 0
	for i := lo; i < hi; i++ {
		var x []float64
		var y float64
		if s.dense != nil {
			x, y = s.dense.Row(i), s.dense.Y[i]
		} else {
			clear(xbuf)
			for k := s.csr.Indptr[i]; k < s.csr.Indptr[i+1]; k++ {
				xbuf[s.csr.Indices[k]] = s.csr.Values[k]
			}
			x, y = xbuf, s.csr.Y[i]
		}
		s.m.Predict(pred, theta, x, ws)
		if model.Label(s.m, pred) == y {
			ok++
		}
	}
	return ok
}

func (s *memSet) batches() int { return (s.size() + s.batch - 1) / s.batch }

func (s *memSet) startEpoch(epoch int) error {
	data.EpochWindowPermutation(s.perm, s.seed, epoch, s.block, s.window)
	s.pos = 0
	return nil
}

func (s *memSet) skip(k int) error {
	s.pos = min(k*s.batch, len(s.perm))
	return nil
}

func (s *memSet) next(g, theta []float64) (float64, error) {
	idx := s.perm[s.pos:min(s.pos+s.batch, len(s.perm))]
	s.pos += len(idx)
	if s.dense != nil {
		return model.BatchObjective(g, theta, s.m, s.dense.X, s.dense.Y, idx, &s.ws), nil
	}
	return model.BatchObjectiveCSR(g, theta, s.m, s.csr, idx, &s.ws), nil
}

// streamSet is a training split read from a file for every pass.
type streamSet struct {
	m      model.Model
	sp     model.Sparse // set when batches are read as CSR
	st     *data.Stream
	path   string
	buf    *data.ShuffleBuffer
	bufRow int
	seed   uint64
	std    *Standardization
	my, vy float64 // the targets' mean and variance
	e      error

	dense data.Dense
	csr   data.CSR
	ws    model.Workspace
	pred  []float64
	reads int // passes over the file begun (pass and new shuffle buffers), for tests
}

func newStreamSet(m model.Model, st *data.Stream, path string, sparse bool, bufRows int, seed uint64, std *Standardization, my, vy float64) *streamSet {
	s := &streamSet{m: m, st: st, path: path, bufRow: max(1, min(bufRows, st.N())), seed: seed, std: std, my: my, vy: vy,
		pred: make([]float64, m.Outputs())}
	s.ws.Threads = runtime.GOMAXPROCS(0) // bit-identical for any value
	if sparse {
		s.sp = m.(model.Sparse)
	}
	return s
}

func (s *streamSet) size() int      { return s.st.N() }
func (s *streamSet) yVar() float64  { return s.vy }
func (s *streamSet) yMean() float64 { return s.my }
func (s *streamSet) err() error     { return s.e }
func (s *streamSet) batches() int   { return (s.st.N() + s.st.ChunkRows() - 1) / s.st.ChunkRows() }

func (s *streamSet) fail(err error) {
	if s.e == nil {
		s.e = fileErr(err)
	}
}

// pass calls f for every chunk of one pass over the file in file order.
func (s *streamSet) pass(f func()) {
	s.reads++
	if err := s.st.Reset(); err != nil {
		s.fail(err)
		return
	}
	for {
		var err error
		if s.sp != nil {
			_, err = s.st.NextCSR(&s.csr)
			s.std.applyCSR(&s.csr)
		} else {
			_, err = s.st.Next(&s.dense)
			s.std.applyDense(&s.dense)
		}
		if err == io.EOF {
			return
		}
		if err != nil {
			s.fail(err)
			return
		}
		f()
	}
}

func (s *streamSet) sum(grad, theta []float64) float64 {
	if grad != nil {
		clear(grad)
	}
	var total float64
	s.pass(func() {
		if s.sp != nil {
			total += s.sp.LossGradCSR(grad, theta, &s.csr, nil, &s.ws)
		} else {
			total += s.m.LossGradDense(grad, theta, s.dense.X, s.dense.Y, nil, &s.ws)
		}
	})
	if s.e != nil {
		return math.NaN()
	}
	return total
}

func (s *streamSet) rows() model.Rows {
	return func(visit func(*data.Dense, *data.CSR)) {
		s.pass(func() {
			if s.sp != nil {
				visit(nil, &s.csr)
			} else {
				visit(&s.dense, nil)
			}
		})
	}
}

func (s *streamSet) correct(theta []float64) int {
	ok := 0
	x := make([]float64, s.m.Features())
	s.pass(func() {
		if s.sp != nil {
			c := &s.csr
			for i := 0; i < c.N; i++ {
				clear(x)
				for k := c.Indptr[i]; k < c.Indptr[i+1]; k++ {
					x[c.Indices[k]] = c.Values[k]
				}
				s.m.Predict(s.pred, theta, x, &s.ws)
				if model.Label(s.m, s.pred) == c.Y[i] {
					ok++
				}
			}
			return
		}
		for i := 0; i < s.dense.N; i++ {
			s.m.Predict(s.pred, theta, s.dense.Row(i), &s.ws)
			if model.Label(s.m, s.pred) == s.dense.Y[i] {
				ok++
			}
		}
	})
	return ok
}

// startEpoch positions the shuffle buffer at the start of the epoch: its
// order depends only on the seed and the epoch number.
func (s *streamSet) startEpoch(epoch int) error {
	if s.buf == nil || s.buf.Epoch() >= epoch {
		if err := s.st.Reset(); err != nil {
			return fileErr(err)
		}
		s.buf = data.NewShuffleBuffer(s.st, s.bufRow, s.seed)
		s.reads++
	}
	for s.buf.Epoch() < epoch {
		s.reads++
		if err := s.buf.Reset(); err != nil {
			return fileErr(err)
		}
	}
	return nil
}

func (s *streamSet) skip(k int) error {
	for i := 0; i < k; i++ {
		var err error
		if s.sp != nil {
			_, err = s.buf.NextCSR(&s.csr)
		} else {
			_, err = s.buf.Next(&s.dense)
		}
		if err != nil {
			return fmt.Errorf("%s: resuming at batch %d: %v", s.path, k, fileErr(err))
		}
	}
	return nil
}

func (s *streamSet) next(g, theta []float64) (float64, error) {
	if s.sp != nil {
		if _, err := s.buf.NextCSR(&s.csr); err != nil {
			return 0, fileErr(err)
		}
		s.std.applyCSR(&s.csr)
		return model.BatchObjectiveCSR(g, theta, s.m, &s.csr, nil, &s.ws), nil
	}
	if _, err := s.buf.Next(&s.dense); err != nil {
		return 0, fileErr(err)
	}
	s.std.applyDense(&s.dense)
	return model.BatchObjective(g, theta, s.m, s.dense.X, s.dense.Y, nil, &s.ws), nil
}

// objective is the full-batch training objective over a split,
//
//	F(θ) = (1/n)·Σᵢ ℓᵢ(θ) + (l2/2)·‖W‖² + l1·‖W‖₁,
//
// with the arithmetic of model.Objective.
type objective struct {
	m    model.Model
	s    examples
	invN float64
}

var _ fn.Func = (*objective)(nil)

func newObjective(m model.Model, s examples) *objective {
	return &objective{m: m, s: s, invN: 1 / float64(s.size())}
}

func (o *objective) Dim() int { return o.m.NumParams() }

func (o *objective) Value(theta []float64) float64 {
	return o.s.sum(nil, theta)*o.invN + o.m.Penalty(nil, theta)
}

func (o *objective) ValueGrad(grad, theta []float64) float64 {
	v := o.s.sum(grad, theta) * o.invN
	for i := range grad {
		grad[i] *= o.invN
	}
	return v + o.m.Penalty(grad, theta)
}
