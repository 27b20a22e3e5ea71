package model

import (
	"fmt"
	"math"
	"math/rand/v2"
	"runtime"
	"sync"
	"sync/atomic"

	"github.com/descentgo/descent/data"
	"github.com/descentgo/descent/optim"
)

// Backend evaluates a model over a whole data set as a sum of per-shard
// partial sums, added in a fixed order so the result does not depend on how
// the shards were scheduled. Local runs the shards on goroutines; other
// backends may run them elsewhere.
type Backend interface {
	// N returns the number of examples.
	N() int
	// SumGrad stores in grad the sum over all examples of the gradient of
	// the data loss (no penalty) and returns the sum of the losses. With
	// grad == nil it returns the losses only.
	SumGrad(grad, params []float64) float64
	// LocalSGD runs one round of local SGD from params: every shard takes
	// c.Steps optimizer steps on mini-batches of its own rows, then params
	// becomes the average of the shard results weighted by shard size. It
	// returns the mean mini-batch objective over all those steps.
	LocalSGD(params []float64, round int, c LocalSGD) (float64, error)
}

// LocalSGD configures a round of local SGD, also known as federated
// averaging: Stich, "Local SGD Converges Fast and Communicates Little",
// ICLR 2019; McMahan et al., "Communication-Efficient Learning of Deep
// Networks from Decentralized Data", AISTATS 2017.
type LocalSGD struct {
	// Opt is the optimizer specification for optim.New, e.g. "sgd:lr=0.1".
	// Every shard keeps its own optimizer, and its state, from round to
	// round while Opt stays the same.
	Opt string
	// LR, if positive, is set on every shard's optimizer (optim.LRer)
	// before the round, for learning-rate schedules.
	LR float64
	// Batch is the mini-batch size; 0 means 32.
	Batch int
	// Steps is the number of steps per shard; 0 means one pass over the
	// shard (⌈rows/Batch⌉ steps).
	Steps int
	// Seed seeds the sampling: the mini-batches of shard s in round r are
	// consecutive slices of a permutation of the shard drawn from a PCG
	// seeded with (Seed, r·2³² + s).
	Seed uint64
}

// DefaultShards returns the shard count Local uses for n examples when asked
// for 0: one shard per 8192 rows, at most 16. It depends on n only.
func DefaultShards(n int) int {
	return max(1, min(16, (n+8191)/8192))
}

// Local is the in-process Backend: contiguous shards of rows, computed by up
// to GOMAXPROCS goroutines and reduced in shard order, so results are
// bit-identical for any GOMAXPROCS.
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
	sgdW   func() // l.sgdWorker
	sgd    LocalSGD
	round  int

	// local SGD state per shard
	optSpec string
	opts    []optim.Optimizer
	theta   [][]float64
	perm    [][]int
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
			return nil, fmt.Errorf("feature %d of example %d is %v", i%d.D, i/d.D, v)
		}
	}
	if err := checkTargets(m, d.Y); err != nil {
		return nil, err
	}
	l := &Local{m: m, dense: d}
	return l, l.split(d.N, shards)
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
	p := l.m.NumParams()
	l.part = make([][]float64, shards)
	for s := range l.part {
		l.part[s] = make([]float64, p)
	}
	l.loss = make([]float64, shards)
	l.ws = make([]Workspace, shards)
	l.sumW, l.sgdW = l.worker, l.sgdWorker
	return nil
}

// N returns the number of examples.
func (l *Local) N() int { return l.bounds[len(l.bounds)-1] }

// Shards returns the number of shards.
func (l *Local) Shards() int { return len(l.bounds) - 1 }

// shardLoss computes the partial sums of shard s into part[s] and loss[s]
// (or directly into g when g is not nil), optionally over a subset of its
// rows (indices relative to the shard).
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

// LocalSGD implements Backend. It is not safe for concurrent use.
func (l *Local) LocalSGD(params []float64, round int, c LocalSGD) (float64, error) {
	p := l.m.NumParams()
	if len(params) != p {
		return 0, fmt.Errorf("LocalSGD: len(params)=%d, want %d", len(params), p)
	}
	if c.Batch < 0 || c.Steps < 0 || round < 0 {
		return 0, fmt.Errorf("LocalSGD: batch, steps and round must be ≥ 0 (have %d, %d, %d)", c.Batch, c.Steps, round)
	}
	if c.Batch == 0 {
		c.Batch = 32
	}
	S := len(l.part)
	if l.opts == nil || c.Opt != l.optSpec {
		l.opts = make([]optim.Optimizer, S)
		for s := range l.opts {
			a, err := optim.New(c.Opt)
			if err != nil {
				return 0, err
			}
			o, ok := a.(optim.Optimizer)
			if !ok {
				return 0, fmt.Errorf("LocalSGD: %q is a full-batch method, not a step-by-step optimizer", c.Opt)
			}
			o.Init(p)
			l.opts[s] = o
		}
		l.optSpec = c.Opt
		l.theta = make([][]float64, S)
		l.perm = make([][]int, S)
		for s := range l.theta {
			l.theta[s] = make([]float64, p)
			l.perm[s] = make([]int, l.bounds[s+1]-l.bounds[s])
		}
	}
	l.params, l.sgd, l.round = params, c, round
	l.parallel(l.sgdW)
	l.params = nil
	var loss float64
	steps := 0
	clear(params)
	n := float64(l.N())
	for s := 0; s < S; s++ {
		loss += l.loss[s]
		steps += l.shardSteps(s, c)
		w := float64(l.bounds[s+1]-l.bounds[s]) / n
		for i, v := range l.theta[s] {
			params[i] += w * v
		}
	}
	return loss / float64(steps), nil
}

func (l *Local) sgdWorker() {
	defer l.wg.Done()
	for {
		s := int(l.next.Add(1)) - 1
		if s >= len(l.part) {
			return
		}
		l.loss[s] = l.localShard(s, l.round, l.sgd)
	}
}

func (l *Local) shardSteps(s int, c LocalSGD) int {
	if c.Steps > 0 {
		return c.Steps
	}
	rows := l.bounds[s+1] - l.bounds[s]
	return (rows + c.Batch - 1) / c.Batch
}

// localShard runs the steps of one shard from l.params into theta[s] and
// returns the sum of the mini-batch objectives.
func (l *Local) localShard(s, round int, c LocalSGD) float64 {
	theta, g, perm := l.theta[s], l.part[s], l.perm[s]
	copy(theta, l.params)
	o := l.opts[s]
	if lr, ok := o.(optim.LRer); ok && c.LR > 0 {
		lr.SetLR(c.LR)
	}
	r := rand.New(rand.NewPCG(c.Seed, uint64(round)<<32|uint64(s)))
	for i := range perm {
		perm[i] = i
	}
	r.Shuffle(len(perm), func(i, j int) { perm[i], perm[j] = perm[j], perm[i] })
	pos := 0
	var total float64
	for step := 0; step < l.shardSteps(s, c); step++ {
		if pos >= len(perm) {
			r.Shuffle(len(perm), func(i, j int) { perm[i], perm[j] = perm[j], perm[i] })
			pos = 0
		}
		batch := perm[pos:min(pos+c.Batch, len(perm))]
		pos += len(batch)
		clear(g)
		total += finishBatch(g, theta, l.m, l.shardLoss(g, theta, s, batch), len(batch))
		o.Step(theta, g)
	}
	return total
}
