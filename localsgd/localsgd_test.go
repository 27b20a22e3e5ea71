package localsgd

import (
	"math"
	"math/rand/v2"
	"runtime"
	"strings"
	"testing"

	"github.com/descentgo/descent/data"
	"github.com/descentgo/descent/model"
	"github.com/descentgo/descent/optim"
	"github.com/descentgo/descent/spec"
)

// dataset makes a random dense data set for task t: for classification the
// labels are drawn from labels (as in package model's tests).
func dataset(r *rand.Rand, n, d int, t model.Task, labels []float64) *data.Dense {
	ds := &data.Dense{N: n, D: d, X: make([]float64, n*d), Y: make([]float64, n)}
	for i := range ds.X {
		ds.X[i] = r.NormFloat64()
	}
	for i := range ds.Y {
		if t == model.Regression {
			ds.Y[i] = r.NormFloat64()
		} else {
			ds.Y[i] = labels[r.IntN(len(labels))]
		}
	}
	return ds
}

func mustModel(t testing.TB, s string, task model.Task, d int, y []float64) model.Model {
	t.Helper()
	cl, err := model.Classes(task, y)
	if err != nil {
		t.Fatal(err)
	}
	sp, err := spec.Parse(s)
	if err != nil {
		t.Fatal(err)
	}
	m, err := model.New(sp, task, d, cl)
	if err != nil {
		t.Fatal(err)
	}
	return m
}

func randParams(r *rand.Rand, m model.Model, scale float64) []float64 {
	p := make([]float64, m.NumParams())
	for i := range p {
		p[i] = scale * r.NormFloat64()
	}
	return p
}

func gd(lr float64) Factory {
	return func() optim.Optimizer { return &optim.GD{LearningRate: lr} }
}

func adam(lr float64) Factory {
	return func() optim.Optimizer { return &optim.Adam{LearningRate: lr} }
}

func mustAverager(t testing.TB, m model.Model, b model.Sharded, s Settings) *Averager {
	t.Helper()
	a, err := New(m, b, s)
	if err != nil {
		t.Fatal(err)
	}
	return a
}

// TestLocalSGDOneStepIsGradientStep: with plain gradient descent, one step
// per shard on the whole shard, the size-weighted average of the shard
// iterates is exactly one full-batch gradient step θ − lr·∇F(θ), with ∇F
// from model.Objective.
func TestLocalSGDOneStepIsGradientStep(t *testing.T) {
	r := rand.New(rand.NewPCG(15, 16))
	ds := dataset(r, 1000, 6, model.Binary, []float64{0, 1})
	m := mustModel(t, "logistic:l2=0.1", model.Binary, ds.D, ds.Y)
	b, err := model.NewLocal(m, ds, 3) // shards of 333, 333, 334 rows
	if err != nil {
		t.Fatal(err)
	}
	obj, _ := model.NewObjective(m, b)
	p := randParams(r, m, 0.5)
	g := make([]float64, len(p))
	obj.ValueGrad(g, p)
	const lr = 0.3
	q := append([]float64(nil), p...)
	a := mustAverager(t, m, b, Settings{New: gd(lr), Batch: 334, Steps: 1})
	if _, err := a.Round(q, 0, 0); err != nil {
		t.Fatal(err)
	}
	for i := range p {
		want := p[i] - lr*g[i]
		if math.Abs(q[i]-want) > 1e-13 {
			t.Errorf("θ[%d] = %v after a round, gradient step gives %v", i, q[i], want)
		}
	}
	// Several rounds of local SGD decrease the objective.
	f0 := obj.Value(p)
	a = mustAverager(t, m, b, Settings{New: gd(0.5), Batch: 16, Seed: 1})
	for round := 0; round < 20; round++ {
		if _, err := a.Round(p, round, 0); err != nil {
			t.Fatal(err)
		}
	}
	if f1 := obj.Value(p); !(f1 < f0) {
		t.Errorf("objective %v after 20 rounds, %v before", f1, f0)
	}
	// What replaces the old unknown-specification error: no optimizer.
	if _, err := New(m, b, Settings{}); err == nil {
		t.Error("missing optimizer factory accepted")
	}
}

var sparseCases = []struct {
	spec   string
	task   model.Task
	labels []float64
}{
	{"linear:l2=0.3,l1=0.05", model.Regression, nil},
	{"logistic:l2=0.1,l1=0.02", model.Binary, []float64{0, 1}},
	{"logistic:l2=0.1,l1=0.02", model.Binary, []float64{-1, 1}},
	{"softmax:l2=0.1,l1=0.02", model.Multiclass, []float64{-3, 0.5, 2, 7}},
	{"softmax:l2=0.1,l1=0.02", model.Multiclass, []float64{1, 2, 3, 4, 5, 6}},
	{"softmax:l2=0.1,l1=0.02", model.Binary, []float64{-1, 1}},
}

// TestLocalSGDSparseMatchesDense: local SGD on the same shards samples the
// same rows, so runs over a CSR and a dense backend of the same data agree up
// to rounding, and they move every parameter.
func TestLocalSGDSparseMatchesDense(t *testing.T) {
	for _, c := range sparseCases {
		r := rand.New(rand.NewPCG(7, 8))
		ds := dataset(r, 77, 11, c.task, c.labels)
		csr := &data.CSR{N: ds.N, D: ds.D, Indptr: []int{0}, Y: ds.Y}
		for i := 0; i < ds.N; i++ {
			for j := 0; j < ds.D; j++ {
				if r.IntN(3) == 0 {
					ds.X[i*ds.D+j] = 0
					continue
				}
				csr.Indices = append(csr.Indices, int32(j))
				csr.Values = append(csr.Values, ds.X[i*ds.D+j])
			}
			csr.Indptr = append(csr.Indptr, len(csr.Values))
		}
		m := mustModel(t, c.spec, c.task, ds.D, ds.Y)
		p := randParams(r, m, 0.5)
		b, err := model.NewLocalCSR(m, csr, 4)
		if err != nil {
			t.Fatal(err)
		}
		bd, _ := model.NewLocal(m, ds, 4)
		q1, q2 := append([]float64(nil), p...), append([]float64(nil), p...)
		cfg := Settings{New: gd(0.1), Batch: 5, Steps: 7, Seed: 3}
		a1, a2 := mustAverager(t, m, b, cfg), mustAverager(t, m, bd, cfg)
		for round := 0; round < 3; round++ {
			l1, err1 := a1.Round(q1, round, 0)
			l2, err2 := a2.Round(q2, round, 0)
			if err1 != nil || err2 != nil || math.Abs(l1-l2) > 1e-10*math.Abs(l1) {
				t.Fatalf("%s: local SGD CSR %v, %v; dense %v, %v", c.spec, l1, err1, l2, err2)
			}
		}
		for i := range q1 {
			if math.Abs(q1[i]-q2[i]) > 1e-10 || q1[i] == p[i] {
				t.Errorf("%s: after local SGD θ[%d] CSR %v, dense %v (start %v)", c.spec, i, q1[i], q2[i], p[i])
			}
		}
	}
}

// reference is local SGD written out plainly from the package
// documentation, sequentially, over contiguous shards [⌊s·n/S⌋, ⌊(s+1)·n/S⌋)
// of a dense data set, with model.BatchObjective for F_B. It runs the rounds
// 0, …, len(lrs)−1 (lrs[r] > 0 sets the learning rate) and returns the
// final parameters and the mean objective of each round.
func reference(m model.Model, ds *data.Dense, S int, newOpt Factory, batch, steps int, seed uint64, lrs []float64, p0 []float64) ([]float64, []float64) {
	n, d, np := ds.N, ds.D, m.NumParams()
	opts := make([]optim.Optimizer, S)
	for s := range opts {
		opts[s] = newOpt()
		opts[s].Init(np)
	}
	theta := append([]float64(nil), p0...)
	var means []float64
	for round, lr := range lrs {
		next := make([]float64, np)
		var loss float64
		total := 0
		for s := range S {
			lo, hi := s*n/S, (s+1)*n/S
			X, y := ds.X[lo*d:hi*d], ds.Y[lo:hi]
			o := opts[s]
			if l, ok := o.(optim.LRer); ok && lr > 0 {
				l.SetLR(lr)
			}
			K := steps
			if K == 0 {
				K = int(math.Ceil(float64(hi-lo) / float64(batch)))
			}
			// The sampler: the identity shuffled, cut into batches; when
			// used up, the permutation is shuffled again in place by the
			// same generator.
			rng := rand.New(rand.NewPCG(seed, uint64(round)*(1<<32)+uint64(s)))
			perm := make([]int, hi-lo)
			for i := range perm {
				perm[i] = i
			}
			shuffle := func() { rng.Shuffle(len(perm), func(i, j int) { perm[i], perm[j] = perm[j], perm[i] }) }
			shuffle()
			rest := perm
			drawBatch := func() []int {
				if len(rest) == 0 {
					shuffle()
					rest = perm
				}
				b := rest[:min(batch, len(rest))]
				rest = rest[len(b):]
				return b
			}
			th := append([]float64(nil), theta...)
			g := make([]float64, np)
			var shardLoss float64
			var ws model.Workspace
			for range K {
				shardLoss += model.BatchObjective(g, th, m, X, y, drawBatch(), &ws)
				o.Step(th, g)
			}
			loss += shardLoss
			total += K
			w := float64(hi-lo) / float64(n)
			for i := range next {
				next[i] += w * th[i]
			}
		}
		theta = next
		means = append(means, loss/float64(total))
	}
	return theta, means
}

// TestMatchesReference compares Averager with reference: to the bit for
// the linear models (whose BatchObjective does the same arithmetic), up to
// rounding for the MLP (whose BatchObjective folds 1/|B| into the deltas).
// The settings cover a stateful optimizer with a learning-rate schedule,
// a last batch shorter than Batch, reshuffling within a round, the default
// step count and the default batch size.
func TestMatchesReference(t *testing.T) {
	for _, c := range []struct {
		spec         string
		task         model.Task
		labels       []float64
		shards       int
		batch, steps int
		newOpt       Factory
		lrs          []float64
		exact        bool
	}{
		{"logistic:l2=0.1,l1=0.01", model.Binary, []float64{0, 1}, 3, 7, 0, adam(0.05), []float64{0, 0.02, 0.01}, true},
		{"logistic:l2=0.1", model.Binary, []float64{0, 1}, 5, 6, 23, gd(0.2), []float64{0, 0, 0.1, 0}, true},
		{"softmax:l1=0.01", model.Multiclass, []float64{0, 1, 2}, 2, 0, 0, func() optim.Optimizer { return &optim.SGD{LearningRate: 0.1, Momentum: 0.9, Nesterov: true} }, []float64{0, 0.05}, true},
		{"linear:l2=0.2", model.Regression, nil, 4, 10, 9, adam(0.01), []float64{0.03, 0, 0.01}, true},
		{"mlp:hidden=5,act=tanh,l2=0.01", model.Multiclass, []float64{0, 1, 2}, 3, 8, 0, adam(0.01), []float64{0, 0, 0.005}, false},
	} {
		r := rand.New(rand.NewPCG(31, 32))
		ds := dataset(r, 211, 4, c.task, c.labels)
		m := mustModel(t, c.spec, c.task, ds.D, ds.Y)
		p0 := randParams(r, m, 0.3)
		batch := c.batch
		if batch == 0 {
			batch = 32 // the documented default
		}
		wantP, wantL := reference(m, ds, c.shards, c.newOpt, batch, c.steps, 9, c.lrs, p0)

		b, err := model.NewLocal(m, ds, c.shards)
		if err != nil {
			t.Fatal(err)
		}
		a := mustAverager(t, m, b, Settings{New: c.newOpt, Batch: c.batch, Steps: c.steps, Seed: 9})
		p := append([]float64(nil), p0...)
		for round, lr := range c.lrs {
			l, err := a.Round(p, round, lr)
			if err != nil {
				t.Fatal(err)
			}
			if !same(l, wantL[round], c.exact) {
				t.Errorf("%s: round %d: mean objective %v, reference %v", c.spec, round, l, wantL[round])
			}
		}
		for i := range p {
			if !same(p[i], wantP[i], c.exact) {
				t.Errorf("%s: θ[%d] = %v, reference %v", c.spec, i, p[i], wantP[i])
				break
			}
			if p[i] == p0[i] {
				t.Errorf("%s: θ[%d] did not move", c.spec, i)
			}
		}
	}
}

func same(x, y float64, exact bool) bool {
	if exact {
		return math.Float64bits(x) == math.Float64bits(y)
	}
	return math.Abs(x-y) <= 1e-12*(1+math.Abs(y))
}

// TestGOMAXPROCS checks that rounds give the same bits with 1 and 4
// threads: losses and parameters, over several rounds of a stateful
// optimizer on more shards than threads.
func TestGOMAXPROCS(t *testing.T) {
	defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(0))
	r := rand.New(rand.NewPCG(33, 34))
	ds := dataset(r, 3000, 10, model.Multiclass, []float64{0, 1, 2})
	m := mustModel(t, "mlp:hidden=16,act=relu,l2=1e-3", model.Multiclass, ds.D, ds.Y)
	p0 := make([]float64, m.NumParams())
	m.Init(p0, 5)
	var refP, refL []float64
	for _, procs := range []int{1, 4} {
		runtime.GOMAXPROCS(procs)
		b, err := model.NewLocal(m, ds, 7)
		if err != nil {
			t.Fatal(err)
		}
		a := mustAverager(t, m, b, Settings{New: adam(0.01), Batch: 20, Seed: 2})
		p := append([]float64(nil), p0...)
		var losses []float64
		for round := range 4 {
			l, err := a.Round(p, round, 0.01/float64(round+1))
			if err != nil {
				t.Fatal(err)
			}
			losses = append(losses, l)
		}
		if refP == nil {
			refP, refL = p, losses
			continue
		}
		for i := range losses {
			if math.Float64bits(losses[i]) != math.Float64bits(refL[i]) {
				t.Errorf("GOMAXPROCS=%d: round %d loss %v, GOMAXPROCS=1 %v", procs, i, losses[i], refL[i])
			}
		}
		for i := range p {
			if math.Float64bits(p[i]) != math.Float64bits(refP[i]) {
				t.Errorf("GOMAXPROCS=%d: θ[%d] %v, GOMAXPROCS=1 %v", procs, i, p[i], refP[i])
				break
			}
		}
	}
}

// counter is an optimizer that records how it is used.
type counter struct {
	inits, steps int
	lr           float64
}

func (c *counter) Init(n int)          { c.inits++ }
func (c *counter) Step(x, g []float64) { c.steps++ }
func (c *counter) LR() float64         { return c.lr }
func (c *counter) SetLR(lr float64)    { c.lr = lr }

// TestStepsAndLR checks the defaults (batch 32, one pass over each shard),
// that every shard has its own optimizer, initialized once and kept across
// rounds, and that only a positive lr is set.
func TestStepsAndLR(t *testing.T) {
	r := rand.New(rand.NewPCG(35, 36))
	ds := dataset(r, 200, 3, model.Regression, nil)
	m := mustModel(t, "linear", model.Regression, ds.D, ds.Y)
	b, _ := model.NewLocal(m, ds, 3) // 66, 67, 67 rows: 3 steps each
	var made []*counter
	a := mustAverager(t, m, b, Settings{New: func() optim.Optimizer {
		c := &counter{lr: 7}
		made = append(made, c)
		return c
	}})
	p := make([]float64, m.NumParams())
	for round, lr := range []float64{0, 0.5, -1} {
		if _, err := a.Round(p, round, lr); err != nil {
			t.Fatal(err)
		}
	}
	if len(made) != 3 {
		t.Fatalf("factory called %d times, want one per shard (3)", len(made))
	}
	for s, c := range made {
		if c.inits != 1 || c.steps != 3*3 || c.lr != 0.5 {
			t.Errorf("shard %d: %d inits, %d steps, lr %v; want 1, 9, 0.5", s, c.inits, c.steps, c.lr)
		}
	}
	a = mustAverager(t, m, b, Settings{New: func() optim.Optimizer { return &counter{} }, Batch: 10, Steps: 4})
	a.Round(p, 0, 0)
	for s, o := range a.opts {
		if c := o.(*counter); c.steps != 4 {
			t.Errorf("Steps=4: shard %d took %d steps", s, c.steps)
		}
	}
}

func TestErrors(t *testing.T) {
	r := rand.New(rand.NewPCG(37, 38))
	ds := dataset(r, 20, 3, model.Regression, nil)
	m := mustModel(t, "linear", model.Regression, ds.D, ds.Y)
	b, _ := model.NewLocal(m, ds, 2)
	shared := &optim.GD{}
	for _, c := range []struct {
		s    Settings
		want string
	}{
		{Settings{}, "no optimizer factory"},
		{Settings{New: func() optim.Optimizer { return nil }}, "returned nil"},
		{Settings{New: func() optim.Optimizer { return shared }}, "same optimizer twice"},
		{Settings{New: gd(0.1), Batch: -1}, "must be ≥ 0"},
		{Settings{New: gd(0.1), Steps: -1}, "must be ≥ 0"},
	} {
		if _, err := New(m, b, c.s); err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("New(%+v): error %v, want it to contain %q", c.s, err, c.want)
		}
	}
	a := mustAverager(t, m, b, Settings{New: gd(0.1)})
	if _, err := a.Round(make([]float64, 3), 0, 0); err == nil || !strings.Contains(err.Error(), "len(params)=3, want 4") {
		t.Errorf("short params: %v", err)
	}
	if _, err := a.Round(make([]float64, 4), -1, 0); err == nil || !strings.Contains(err.Error(), "out of range") {
		t.Errorf("negative round: %v", err)
	}
}
