package model

import (
	"fmt"
	"math"
	"runtime"
	"slices"
	"sync"
	"sync/atomic"

	"github.com/descentgo/descent/data"
)

// Backend computes the data term of a model over a whole data set: the
// number of examples and the full-batch sums of the losses and of their
// gradients, which Objective turns into F and ∇F. It is all that full-batch
// training needs, and all that a distributed engine has to provide for it.
type Backend interface {
	// N returns the number of examples n.
	N() int
	// SumGrad stores in grad the sum over all n examples of the gradient of
	// the data loss (no penalty), Σᵢ ∇ℓᵢ(θ), and returns the sum of the
	// losses Σᵢ ℓᵢ(θ). With grad == nil it returns the losses only. The
	// sums are reduced in a fixed order, so that the result, to the bit,
	// depends only on the data, θ and the backend's configuration, never on
	// how the work was scheduled (for Local: on GOMAXPROCS).
	SumGrad(grad, params []float64) float64
}

// Sharded is a Backend whose examples are split into shards, fixed when the
// backend is made, each of which can be evaluated on its own: the data access
// of algorithms that work shard by shard, such as local SGD (package
// localsgd). On a distributed engine a shard is the unit of data locality,
// the rows that one worker holds; ShardLossGrad is then the computation that
// runs where shard s lives.
type Sharded interface {
	Backend
	// Shards returns the number of shards S ≥ 1.
	Shards() int
	// ShardRows returns the number of examples of shard s, 0 ≤ s < S; it is
	// ≥ 1 and the rows of all shards add up to N.
	ShardRows(s int) int
	// ShardLossGrad stores in grad the sum over the given rows of shard s of
	// the gradient of the data loss (no penalty), Σ_{i∈rows} ∇ℓᵢ(θ), and
	// returns the sum of their losses Σ_{i∈rows} ℓᵢ(θ); with grad == nil it
	// returns the losses only. rows are indices relative to the shard, in
	// [0, ShardRows(s)), repeats allowed; nil means all rows of the shard.
	// The result depends only on the data, θ, s and rows (in their order);
	// the sums over all rows of every shard, added in shard order, are
	// SumGrad's (for Local to the bit). Calls for different shards may run
	// at the same time; calls for the same shard, or at the same time as
	// SumGrad, may not.
	ShardLossGrad(grad, params []float64, s int, rows []int) float64
}

var _ Sharded = (*Local)(nil)

// DefaultShards returns the shard count Local uses for n examples when asked
// for 0: one shard per 8192 rows, at most 16. It depends on n only.
func DefaultShards(n int) int {
	return max(1, min(16, (n+8191)/8192))
}

// Local is the in-process Sharded backend: contiguous shards of rows,
// computed by up to GOMAXPROCS goroutines and reduced in shard order, so
// results are bit-identical for any GOMAXPROCS. The shard boundaries are
// ⌊s·n/S⌋, s = 0, …, S.
type Local struct {
	m      Model
	sparse Sparse
	dense  *data.Dense
	csr    *data.CSR
	bounds []int // shard s has rows [bounds[s], bounds[s+1])
	part   [][]float64
	loss   []float64
	ws     []Workspace

	// per-call arguments of the workers
	params []float64
	doGrad bool
	next   atomic.Int64
	wg     sync.WaitGroup
	sumW   func() // l.worker, bound once so that calls do not allocate
}

// NewLocal returns a Local backend for m over a dense data set, split into
// shards contiguous shards (0 means DefaultShards(d.N)). It checks the
// shapes, that every feature is finite and that every label is valid for m.
func NewLocal(m Model, d *data.Dense, shards int) (*Local, error) {
	if d.N < 1 {
		return nil, fmt.Errorf("data set has no examples")
	}
	if d.D != m.Features() {
		return nil, fmt.Errorf("data set has %d features, model %s expects %d", d.D, m.Spec(), m.Features())
	}
	if len(d.X) != d.N*d.D || len(d.Y) != d.N {
		return nil, fmt.Errorf("data set shape %d×%d does not match len(X)=%d, len(Y)=%d", d.N, d.D, len(d.X), len(d.Y))
	}
	for i, v := range d.X {
		if math.IsNaN(v) || math.IsInf(v, 0) {
			return nil, fmt.Errorf("feature %d of example %d is %v (both counted from 1)", i%d.D+1, i/d.D+1, v)
		}
	}
	if err := checkTargets(m, d.Y); err != nil {
		return nil, err
	}
	l := &Local{m: m, dense: d}
	return l, l.split(d.N, shards)
}

// NewLocalBounds is NewLocal with the shards given by their first rows:
// shard s holds rows [bounds[s], bounds[s+1]), with bounds[0] = 0, bounds
// increasing strictly and ending at d.N — the blocks of a data set stored
// by package shard, so that the sums are added in the order of its blocks.
func NewLocalBounds(m Model, d *data.Dense, bounds []int) (*Local, error) {
	if len(bounds) < 2 || bounds[0] != 0 || bounds[len(bounds)-1] != d.N {
		return nil, fmt.Errorf("shard bounds %v do not run from 0 to the %d examples", bounds, d.N)
	}
	for s := 1; s < len(bounds); s++ {
		if bounds[s] <= bounds[s-1] {
			return nil, fmt.Errorf("shard bounds %v: shard %d is empty", bounds, s-1)
		}
	}
	l, err := NewLocal(m, d, 1)
	if err != nil {
		return nil, err
	}
	l.bounds = slices.Clone(bounds)
	l.alloc()
	return l, nil
}

// NewLocalCSR is NewLocal for a CSR data set; the model must implement
// Sparse (the MLP does not).
func NewLocalCSR(m Model, d *data.CSR, shards int) (*Local, error) {
	sp, ok := m.(Sparse)
	if !ok {
		return nil, fmt.Errorf("model %s does not support sparse input; use a dense data set", m.Spec())
	}
	if d.N < 1 {
		return nil, fmt.Errorf("data set has no examples")
	}
	if d.D != m.Features() {
		return nil, fmt.Errorf("data set has %d features, model %s expects %d", d.D, m.Spec(), m.Features())
	}
	if len(d.Indptr) != d.N+1 || len(d.Y) != d.N || d.Indptr[0] != 0 || d.Indptr[d.N] != len(d.Values) || len(d.Indices) != len(d.Values) {
		return nil, fmt.Errorf("malformed CSR data set (N=%d, len(Indptr)=%d, len(Indices)=%d, len(Values)=%d, len(Y)=%d)", d.N, len(d.Indptr), len(d.Indices), len(d.Values), len(d.Y))
	}
	for i := 0; i < d.N; i++ {
		if d.Indptr[i+1] < d.Indptr[i] {
			return nil, fmt.Errorf("malformed CSR data set: Indptr decreases at row %d", i)
		}
	}
	for k, c := range d.Indices {
		if c < 0 || int(c) >= d.D {
			return nil, fmt.Errorf("malformed CSR data set: column index %d out of range [0,%d)", c, d.D)
		}
		if v := d.Values[k]; math.IsNaN(v) || math.IsInf(v, 0) {
			return nil, fmt.Errorf("a feature value is %v", v)
		}
	}
	if err := checkTargets(m, d.Y); err != nil {
		return nil, err
	}
	l := &Local{m: m, sparse: sp, csr: d}
	return l, l.split(d.N, shards)
}

func (l *Local) split(n, shards int) error {
	if shards < 0 {
		return fmt.Errorf("shards must be ≥ 0, have %d", shards)
	}
	if shards == 0 {
		shards = DefaultShards(n)
	}
	shards = min(shards, n)
	l.bounds = make([]int, shards+1)
	for s := range l.bounds {
		l.bounds[s] = s * n / shards
	}
	l.alloc()
	return nil
}

// alloc makes the per-shard buffers for l.bounds.
func (l *Local) alloc() {
	shards := len(l.bounds) - 1
	p := l.m.NumParams()
	l.part = make([][]float64, shards)
	for s := range l.part {
		l.part[s] = make([]float64, p)
	}
	l.loss = make([]float64, shards)
	l.ws = make([]Workspace, shards)
	l.sumW = l.worker
}

// N returns the number of examples.
func (l *Local) N() int { return l.bounds[len(l.bounds)-1] }

// Shards implements Sharded.
func (l *Local) Shards() int { return len(l.bounds) - 1 }

// ShardRows implements Sharded: shard s holds rows [⌊s·n/S⌋, ⌊(s+1)·n/S⌋).
func (l *Local) ShardRows(s int) int { return l.bounds[s+1] - l.bounds[s] }

// ShardLossGrad implements Sharded. It panics if s, rows or the lengths of
// grad and params are out of range. It does not allocate once the shard's
// workspace has grown to the batch size.
func (l *Local) ShardLossGrad(grad, params []float64, s int, rows []int) float64 {
	p := l.m.NumParams()
	if len(params) != p || (grad != nil && len(grad) != p) {
		panic(fmt.Sprintf("model: ShardLossGrad: len(params)=%d, len(grad)=%d, want %d", len(params), len(grad), p))
	}
	if s < 0 || s >= l.Shards() {
		panic(fmt.Sprintf("model: ShardLossGrad: shard %d out of range [0,%d)", s, l.Shards()))
	}
	n := l.ShardRows(s)
	for _, i := range rows {
		if i < 0 || i >= n {
			panic(fmt.Sprintf("model: ShardLossGrad: row %d out of range [0,%d) of shard %d", i, n, s))
		}
	}
	if grad != nil {
		clear(grad)
	}
	return l.shardLoss(grad, params, s, rows)
}

// shardLoss returns the sum of the losses of shard s and adds the sum of
// their gradients to g (unless g is nil), over all its rows or over the rows
// idx (indices relative to the shard).
func (l *Local) shardLoss(g, params []float64, s int, idx []int) float64 {
	lo, hi := l.bounds[s], l.bounds[s+1]
	if l.dense != nil {
		d := l.dense.D
		return l.m.LossGradDense(g, params, l.dense.X[lo*d:hi*d], l.dense.Y[lo:hi], idx, &l.ws[s])
	}
	c := l.csr
	view := data.CSR{N: hi - lo, D: c.D, Indptr: c.Indptr[lo : hi+1], Indices: c.Indices, Values: c.Values, Y: c.Y[lo:hi]}
	return l.sparse.LossGradCSR(g, params, &view, idx, &l.ws[s])
}

func (l *Local) runShard(s int) {
	var g []float64 // nil: losses only
	if l.doGrad {
		g = l.part[s]
		clear(g)
	}
	l.loss[s] = l.shardLoss(g, l.params, s, nil)
}

func (l *Local) worker() {
	defer l.wg.Done()
	for {
		s := int(l.next.Add(1)) - 1
		if s >= len(l.part) {
			return
		}
		l.runShard(s)
	}
}

// parallel runs f(s) for every shard on up to GOMAXPROCS goroutines.
func (l *Local) parallel(work func()) {
	workers := min(runtime.GOMAXPROCS(0), len(l.part))
	l.next.Store(0)
	l.wg.Add(workers)
	for w := 1; w < workers; w++ {
		go work()
	}
	work()
	l.wg.Wait()
}

// SumGrad implements Backend. It is not safe for concurrent use.
func (l *Local) SumGrad(grad, params []float64) float64 {
	p := l.m.NumParams()
	if len(params) != p || (grad != nil && len(grad) != p) {
		panic(fmt.Sprintf("model: SumGrad: len(params)=%d, len(grad)=%d, want %d", len(params), len(grad), p))
	}
	l.params, l.doGrad = params, grad != nil
	l.parallel(l.sumW)
	l.params = nil
	var loss float64
	for s := range l.part {
		loss += l.loss[s]
	}
	if grad != nil {
		copy(grad, l.part[0])
		for _, ps := range l.part[1:] {
			for i, v := range ps {
				grad[i] += v
			}
		}
	}
	return loss
}
