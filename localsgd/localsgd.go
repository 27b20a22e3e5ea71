// Package localsgd trains a model by local SGD with model averaging, also
// known as federated averaging (FedAvg): every shard of the data takes a few
// optimizer steps on mini-batches of its own rows, starting from the common
// parameters, and the parameters then become the average of the shard
// results, weighted by shard size. Communication happens once per round
// instead of once per step.
//
// Round r starts from θᵣ. Shard s, with nₛ of the n rows and its own
// optimizer, sets θₛ⁰ = θᵣ and takes K steps
//
//	θₛᵏ⁺¹ = Stepₛ(θₛᵏ, ∇F_B(θₛᵏ)),   B = Bₛ,ₖ,   k = 0, …, K−1,
//
// where F_B(θ) = (1/|B|)·Σ_{i∈B} ℓᵢ(θ) + (l2/2)·‖W‖² + l1·‖W‖₁ is the
// mini-batch objective of package model (for plain gradient descent,
// θₛᵏ⁺¹ = θₛᵏ − η·∇F_B(θₛᵏ)). Then
//
//	θᵣ₊₁ = Σₛ (nₛ/n)·θₛᴷ.
//
// With K = 1 and Bₛ,₀ the whole shard, a round of gradient descent is exactly
// one full-batch gradient step θᵣ − η·∇F(θᵣ).
//
// References: S. U. Stich, "Local SGD Converges Fast and Communicates
// Little", ICLR 2019; H. B. McMahan, E. Moore, D. Ramage, S. Hampson and
// B. Agüera y Arcas, "Communication-Efficient Learning of Deep Networks from
// Decentralized Data", AISTATS 2017.
//
// The data access is model.Sharded, so the same code runs over any backend
// that can evaluate a shard on its own. The optimizers are built by a
// Factory, a Go function; this package parses nothing. Results depend on
// the data, the settings, the round number and the optimizer state only:
// they are bit-identical for any GOMAXPROCS.
package localsgd

import (
	"fmt"
	"math/rand/v2"
	"reflect"
	"runtime"
	"sync"
	"sync/atomic"

	"github.com/descentgo/descent/model"
	"github.com/descentgo/descent/optim"
)

// Factory returns a new optimizer, one per shard. Every call must return a
// value that shares no state with the values of earlier calls, because the
// shards step their optimizers on different goroutines. For example
//
//	func() optim.Optimizer { return &optim.Adam{LearningRate: 0.01} }
type Factory func() optim.Optimizer

// Settings configures local SGD.
type Settings struct {
	// New builds the optimizer of each shard; it is required. Each shard
	// keeps its optimizer, and its state (momentum, moment estimates, step
	// count), from round to round.
	New Factory
	// Batch is the mini-batch size; 0 means 32.
	Batch int
	// Steps is the number K of steps per shard and round; 0 means one pass
	// over the shard, ⌈nₛ/Batch⌉ steps.
	Steps int
	// Seed seeds the sampling. The mini-batches of shard s in round r are
	// consecutive slices, of Batch rows (the last one of a pass may be
	// shorter), of a permutation of the shard's rows drawn by
	// rand.Shuffle from rand.NewPCG(Seed, r·2³² + s); when the permutation
	// is used up the same generator shuffles it again.
	Seed uint64
}

// Averager runs rounds of local SGD over the shards of a backend. It keeps
// the optimizer state of every shard between rounds; for a fresh start, make
// a new Averager. It is not safe for concurrent use, nor for use at the same
// time as other calls on the backend.
type Averager struct {
	m     model.Model
	b     model.Sharded
	set   Settings
	opts  []optim.Optimizer
	theta [][]float64 // shard iterates
	grad  [][]float64 // shard mini-batch gradients
	perm  [][]int
	loss  []float64 // sum of the mini-batch objectives of each shard

	// per-round arguments of the workers
	params []float64
	round  int
	next   atomic.Int64
	wg     sync.WaitGroup
	work   func() // a.worker, bound once so that rounds do not allocate
}

// New returns an Averager for model m over the shards of b, building and
// initializing one optimizer per shard with s.New. m supplies the penalty
// of the mini-batch objective and must be the model that b evaluates.
func New(m model.Model, b model.Sharded, s Settings) (*Averager, error) {
	if s.New == nil {
		return nil, fmt.Errorf("localsgd: no optimizer factory")
	}
	if s.Batch < 0 || s.Steps < 0 {
		return nil, fmt.Errorf("localsgd: batch and steps must be ≥ 0 (have %d, %d)", s.Batch, s.Steps)
	}
	if s.Batch == 0 {
		s.Batch = 32
	}
	S, p := b.Shards(), m.NumParams()
	if S < 1 {
		return nil, fmt.Errorf("localsgd: backend has %d shards", S)
	}
	a := &Averager{
		m: m, b: b, set: s,
		opts:  make([]optim.Optimizer, S),
		theta: make([][]float64, S),
		grad:  make([][]float64, S),
		perm:  make([][]int, S),
		loss:  make([]float64, S),
	}
	for sh := range S {
		rows := b.ShardRows(sh)
		if rows < 1 {
			return nil, fmt.Errorf("localsgd: shard %d has %d rows", sh, rows)
		}
		o := s.New()
		if o == nil {
			return nil, fmt.Errorf("localsgd: the optimizer factory returned nil")
		}
		if reflect.TypeOf(o).Comparable() {
			for _, prev := range a.opts[:sh] {
				if prev == o {
					return nil, fmt.Errorf("localsgd: the optimizer factory returned the same optimizer twice; it must build a new one on every call")
				}
			}
		}
		o.Init(p)
		a.opts[sh] = o
		a.theta[sh] = make([]float64, p)
		a.grad[sh] = make([]float64, p)
		a.perm[sh] = make([]int, rows)
	}
	a.work = a.worker
	return a, nil
}

// Round runs round number round (0 ≤ round < 2³²; it selects the sampling,
// see Settings.Seed) of local SGD from params and stores the size-weighted
// average of the shard results in params. If lr is positive it is first set
// as the learning rate of every shard's optimizer that has one (optim.LRer),
// for learning-rate schedules; otherwise the rates are left as they are.
// Round returns the mean of the mini-batch objectives F_B(θₛᵏ) over all the
// steps of all the shards.
func (a *Averager) Round(params []float64, round int, lr float64) (float64, error) {
	if p := a.m.NumParams(); len(params) != p {
		return 0, fmt.Errorf("localsgd: len(params)=%d, want %d", len(params), p)
	}
	if round < 0 || uint64(round) >= 1<<32 {
		return 0, fmt.Errorf("localsgd: round %d out of range [0, 2³²)", round)
	}
	if lr > 0 {
		for _, o := range a.opts {
			if l, ok := o.(optim.LRer); ok {
				l.SetLR(lr)
			}
		}
	}
	a.params, a.round = params, round
	workers := min(runtime.GOMAXPROCS(0), len(a.opts))
	a.next.Store(0)
	a.wg.Add(workers)
	for range workers - 1 {
		go a.work()
	}
	a.work()
	a.wg.Wait()
	a.params = nil

	// Reduce in shard order, so the bits do not depend on scheduling.
	var loss float64
	steps := 0
	clear(params)
	n := float64(a.b.N())
	for s, theta := range a.theta {
		loss += a.loss[s]
		steps += a.steps(s)
		w := float64(len(a.perm[s])) / n
		for i, v := range theta {
			params[i] += w * v
		}
	}
	return loss / float64(steps), nil
}

func (a *Averager) worker() {
	defer a.wg.Done()
	for {
		s := int(a.next.Add(1)) - 1
		if s >= len(a.opts) {
			return
		}
		a.loss[s] = a.shard(s)
	}
}

// steps returns the number of steps of shard s per round.
func (a *Averager) steps(s int) int {
	if a.set.Steps > 0 {
		return a.set.Steps
	}
	return (len(a.perm[s]) + a.set.Batch - 1) / a.set.Batch
}

// shard runs the steps of shard s from a.params into theta[s] and returns
// the sum of the mini-batch objectives.
func (a *Averager) shard(s int) float64 {
	copy(a.theta[s], a.params)
	loss, _ := Shard(a.theta[s], a.grad[s], a.perm[s], a.m, a.b, s, s, a.opts[s], a.set, a.round)
	return loss
}

// Shard runs round round of shard s of b: the steps of Settings from
// theta, which it updates in place, with the optimizer o, and returns the
// sum of the mini-batch objectives F_B and the number of steps. id is the
// shard's number in the sampling (Settings.Seed); it is s for an Averager,
// and a block's index for a backend that holds one block per shard. g
// (len(theta)) and perm (b.ShardRows(s)) are scratch. It is the work of a
// shard in a round of Averager, for backends that run rounds elsewhere
// (the beam module).
func Shard(theta, g []float64, perm []int, m model.Model, b model.Sharded, s, id int, o optim.Optimizer, set Settings, round int) (float64, int) {
	batchSize := set.Batch
	if batchSize == 0 {
		batchSize = 32
	}
	steps := set.Steps
	if steps == 0 {
		steps = (len(perm) + batchSize - 1) / batchSize
	}
	r := rand.New(rand.NewPCG(set.Seed, uint64(round)<<32|uint64(id)))
	for i := range perm {
		perm[i] = i
	}
	swap := func(i, j int) { perm[i], perm[j] = perm[j], perm[i] }
	r.Shuffle(len(perm), swap)
	pos := 0
	var total float64
	for range steps {
		if pos >= len(perm) {
			r.Shuffle(len(perm), swap)
			pos = 0
		}
		batch := perm[pos:min(pos+batchSize, len(perm))]
		pos += len(batch)
		// F_B = (Σ_B ℓᵢ)/|B| + penalty, ∇F_B likewise (model.BatchObjective).
		sum := b.ShardLossGrad(g, theta, s, batch)
		inv := 1 / float64(len(batch))
		for i := range g {
			g[i] *= inv
		}
		total += sum*inv + m.Penalty(g, theta)
		o.Step(theta, g)
	}
	return total, steps
}
