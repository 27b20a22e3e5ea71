package main

import (
	"fmt"
	"math"
	"runtime"
	"sync"
	"time"

	"github.com/descentgo/descent/data"
	"github.com/descentgo/descent/expr"
	"github.com/descentgo/descent/fn"
	"github.com/descentgo/descent/internal/kernel"
	"github.com/descentgo/descent/model"
	"github.com/descentgo/descent/optim"
	"github.com/descentgo/descent/spec"
	"github.com/descentgo/descent/testfunc"
)

// rosenbrockFormula is 2-D Rosenbrock in descent's formula language.
const rosenbrockFormula = "(1-x)^2 + 100*(y-x^2)^2"

// w1Func returns the W1 objective: the hand-written testfunc Rosenbrock or
// the compiled formula.
func w1Func(formula bool) (fn.Func, error) {
	if formula {
		return expr.Compile(rosenbrockFormula, []string{"x", "y"})
	}
	return testfunc.Lookup("rosenbrock")
}

// w1Optimizer returns the W1 optimizer: "adam" (PyTorch defaults) or "gd"
// (lr = 1e-4, small enough to be stable on Rosenbrock from (−1.2, 1)).
func w1Optimizer(name string) optim.Optimizer {
	switch name {
	case "adam":
		return &optim.Adam{}
	case "gd":
		return &optim.GD{LearningRate: 1e-4}
	}
	panic("bench: unknown W1 optimizer " + name)
}

// w1 returns the best, over reps runs of steps steps, of the time per step
// of ValueGrad + Step on 2-D Rosenbrock from (−1.2, 1), in nanoseconds.
func w1(f fn.Func, opt optim.Optimizer, steps, reps int) float64 {
	x := []float64{-1.2, 1}
	g := make([]float64, 2)
	opt.Init(2)
	best := math.Inf(1)
	for range reps {
		t0 := time.Now()
		for range steps {
			f.ValueGrad(g, x)
			opt.Step(x, g)
		}
		best = min(best, float64(time.Since(t0).Nanoseconds())/float64(steps))
	}
	if math.IsNaN(x[0]) || math.IsNaN(x[1]) {
		panic("bench: W1 diverged")
	}
	return best
}

// w2 runs full-batch gradient descent for linear regression on ds with
// GOMAXPROCS = procs: each iteration is Objective.ValueGrad (one fused pass
// over X on the Local backend) and a GD step. It returns the best time per
// iteration over iters iterations (after one warm-up iteration) and the
// final objective. If between is not nil it is called after each timed
// iteration, untimed.
func w2(ds *data.Dense, procs, iters int, between func()) (secPerIter, loss float64, err error) {
	defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(procs))
	m, err := model.New(spec.Spec{Name: "linear"}, model.Regression, ds.D, nil)
	if err != nil {
		return 0, 0, err
	}
	be, err := model.NewLocal(m, ds, 0)
	if err != nil {
		return 0, 0, err
	}
	obj, err := model.NewObjective(m, be)
	if err != nil {
		return 0, 0, err
	}
	p := make([]float64, m.NumParams())
	g := make([]float64, len(p))
	opt := &optim.GD{LearningRate: 0.1}
	opt.Init(len(p))
	loss = obj.ValueGrad(g, p) // warm-up
	opt.Step(p, g)
	secPerIter = math.Inf(1)
	for range iters {
		t0 := time.Now()
		loss = obj.ValueGrad(g, p)
		opt.Step(p, g)
		secPerIter = min(secPerIter, time.Since(t0).Seconds())
		if between != nil {
			between()
		}
	}
	return secPerIter, loss, nil
}

// w3 runs epochs epochs of mini-batch SGD (lr = 0.01) for logistic
// regression on ds, one goroutine, and returns the best examples/s of an
// epoch. Batches are consecutive rows (shuffle 0; the rows are i.i.d.) or
// index batches of a fresh permutation per epoch: of rows (shuffle 1) or
// by blocks of shuffle rows, the rows shuffled within windows of window
// blocks (data.EpochWindowPermutation, as train's Config.ShuffleBlock
// and ShuffleWindow; window ≤ 1: within each block); the permutation and
// the gather are timed.
func w3(ds *data.Dense, batch, epochs, shuffle, window int) (float64, error) {
	shuffled := shuffle > 0
	m, err := model.New(spec.Spec{Name: "logistic"}, model.Binary, ds.D, []float64{0, 1})
	if err != nil {
		return 0, err
	}
	p := make([]float64, m.NumParams())
	g := make([]float64, len(p))
	opt := &optim.SGD{LearningRate: 0.01}
	opt.Init(len(p))
	var ws model.Workspace
	var perm []int
	if shuffled {
		perm = make([]int, ds.N)
	}
	n, d := ds.N, ds.D
	best := 0.0
	for e := range epochs {
		t0 := time.Now()
		if shuffled {
			data.EpochWindowPermutation(perm, 1, e, shuffle, window)
		}
		for lo := 0; lo < n; lo += batch {
			hi := min(lo+batch, n)
			if shuffled {
				model.BatchObjective(g, p, m, ds.X, ds.Y, perm[lo:hi], &ws)
			} else {
				model.BatchObjective(g, p, m, ds.X[lo*d:hi*d], ds.Y[lo:hi], nil, &ws)
			}
			opt.Step(p, g)
		}
		best = max(best, float64(n)/time.Since(t0).Seconds())
	}
	if !finite(p) {
		return 0, fmt.Errorf("W3: parameters are not finite")
	}
	return best, nil
}

// w4 runs epochs epochs of Adam (PyTorch defaults) on an MLP
// ds.D-256-classes with ReLU and softmax cross-entropy, consecutive batches
// of batch rows, with the MLP's matrix products on threads goroutines, and
// returns the best examples/s of an epoch; dt is the MLP's compute type
// (model.F32: float32 products, train's --dtype f32).
func w4(ds *data.Dense, classes, batch, threads, epochs int, dt model.DType) (float64, error) {
	labels := make([]float64, classes)
	for c := range labels {
		labels[c] = float64(c)
	}
	m, err := model.New(spec.Spec{Name: "mlp", Params: []spec.Param{{Key: "hidden", Value: "256"}, {Key: "act", Value: "relu"}}}, model.Multiclass, ds.D, labels)
	if err != nil {
		return 0, err
	}
	if m, err = model.WithDType(m, dt); err != nil {
		return 0, err
	}
	p := make([]float64, m.NumParams())
	m.Init(p, 1)
	g := make([]float64, len(p))
	opt := &optim.Adam{}
	opt.Init(len(p))
	ws := model.Workspace{Threads: threads}
	n, d := ds.N, ds.D
	// Warm-up: grow the workspace and pack buffers.
	model.BatchObjective(g, p, m, ds.X[:min(batch, n)*d], ds.Y[:min(batch, n)], nil, &ws)
	best := 0.0
	for range epochs {
		t0 := time.Now()
		for lo := 0; lo < n; lo += batch {
			hi := min(lo+batch, n)
			model.BatchObjective(g, p, m, ds.X[lo*d:hi*d], ds.Y[lo:hi], nil, &ws)
			opt.Step(p, g)
		}
		best = max(best, float64(n)/time.Since(t0).Seconds())
	}
	if !finite(p) {
		return 0, fmt.Errorf("W4: parameters are not finite")
	}
	return best, nil
}

// mlpFlops is the number of floating-point operations per example of one
// training step of an MLP in-hidden-out: the forward products
// (2·in·hidden + 2·hidden·out), the weight gradients (the same) and the
// gradient of the hidden activations (2·hidden·out); the input gradient
// is not needed.
func mlpFlops(in, hidden, out int) float64 {
	return float64(2*(2*in*hidden+2*hidden*out) + 2*hidden*out)
}

func finite(x []float64) bool {
	for _, v := range x {
		if math.IsNaN(v) || math.IsInf(v, 0) {
			return false
		}
	}
	return true
}

// readBandwidth returns the best over reps of the read bandwidth, in GB/s,
// of a streaming sum over x on g goroutines, each summing a contiguous
// part: with eight scalar accumulators (sumScalar) or with the AVX2 dot
// kernel (kernel.Dot(x, x) reads each element once), whichever is faster.
func readBandwidth(x []float64, g, reps int) float64 {
	best := 0.0
	for _, useKernel := range []bool{false, true} {
		for range reps {
			sums := make([]float64, g)
			var wg sync.WaitGroup
			t0 := time.Now()
			for w := range g {
				part := x[w*len(x)/g : (w+1)*len(x)/g]
				wg.Add(1)
				go func() {
					defer wg.Done()
					if useKernel {
						sums[w] = kernel.Dot(part, part)
					} else {
						sums[w] = sumScalar(part)
					}
				}()
			}
			wg.Wait()
			sec := time.Since(t0).Seconds()
			if math.IsNaN(sums[0]) {
				panic("bench: NaN sum")
			}
			best = max(best, float64(8*len(x))/sec/1e9)
		}
	}
	return best
}

// sumScalar sums x with eight independent accumulators, enough to keep the
// loads, not the additions, the limit.
func sumScalar(x []float64) float64 {
	var s0, s1, s2, s3, s4, s5, s6, s7 float64
	i := 0
	for ; i+8 <= len(x); i += 8 {
		v := x[i : i+8 : i+8]
		s0 += v[0]
		s1 += v[1]
		s2 += v[2]
		s3 += v[3]
		s4 += v[4]
		s5 += v[5]
		s6 += v[6]
		s7 += v[7]
	}
	for ; i < len(x); i++ {
		s0 += x[i]
	}
	return ((s0 + s1) + (s2 + s3)) + ((s4 + s5) + (s6 + s7))
}
