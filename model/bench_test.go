package model

import (
	"math/rand/v2"
	"runtime"
	"testing"

	"github.com/descentgo/descent/data"
	"github.com/descentgo/descent/spec"
)

var benchData = map[[2]int]*data.Dense{}

func benchDataset(n, d int, t Task, labels []float64) *data.Dense {
	key := [2]int{n, d}
	if ds, ok := benchData[key]; ok {
		return ds
	}
	ds := dataset(rand.New(rand.NewPCG(1, 1)), n, d, t, labels)
	benchData[key] = ds
	return ds
}

// BenchmarkLinearFullBatch measures the full-batch gradient of linear
// regression on 1,000,000 × 100 through Local.SumGrad; MB/s is the read
// bandwidth of X.
func BenchmarkLinearFullBatch(b *testing.B) {
	for _, procs := range []int{1, 2} {
		b.Run("procs="+string(rune('0'+procs)), func(b *testing.B) {
			defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(procs))
			ds := benchDataset(1000000, 100, Regression, nil)
			m, _ := newModel("linear", Regression, ds.D, nil)
			be, err := NewLocal(m, ds, 0)
			if err != nil {
				b.Fatal(err)
			}
			p := make([]float64, m.NumParams())
			for i := range p {
				p[i] = 0.01
			}
			g := make([]float64, len(p))
			b.SetBytes(int64(ds.N * ds.D * 8))
			b.ResetTimer()
			for b.Loop() {
				be.SumGrad(g, p)
			}
		})
	}
}

// BenchmarkLogisticSGD measures single-threaded mini-batch SGD for logistic
// regression, d = 100, batch 64: gradient, penalty and the parameter update,
// over consecutive batches of a 100,000-row data set (contiguous) or over
// batches of shuffled row indices (shuffled).
func BenchmarkLogisticSGD(b *testing.B) {
	for _, shuffled := range []bool{false, true} {
		name := "contiguous"
		if shuffled {
			name = "shuffled"
		}
		b.Run(name, func(b *testing.B) {
			const n, d, batch = 100000, 100, 64
			ds := benchDataset(n, d, Binary, []float64{0, 1})
			m, _ := newModel("logistic:l2=1e-4", Binary, d, []float64{0, 1})
			p := make([]float64, m.NumParams())
			g := make([]float64, len(p))
			perm := rand.New(rand.NewPCG(2, 2)).Perm(n)
			var ws Workspace
			pos := 0
			runtime.LockOSThread()
			defer runtime.UnlockOSThread()
			cpu0 := threadCPU()
			b.ResetTimer()
			for b.Loop() {
				if pos+batch > n {
					pos = 0
				}
				if shuffled {
					BatchObjective(g, p, m, ds.X, ds.Y, perm[pos:pos+batch], &ws)
				} else {
					BatchObjective(g, p, m, ds.X[pos*d:(pos+batch)*d], ds.Y[pos:pos+batch], nil, &ws)
				}
				for i := range p {
					p[i] -= 0.01 * g[i]
				}
				pos += batch
			}
			b.ReportMetric(float64(batch)*float64(b.N)/b.Elapsed().Seconds(), "examples/s")
			if cpu := (threadCPU() - cpu0).Seconds(); cpu > 0 {
				b.ReportMetric(float64(batch)*float64(b.N)/cpu, "examples/cpu-s")
			}
		})
	}
}

// BenchmarkMLP measures one forward and backward pass of an MLP
// 784-256-10 (ReLU, softmax cross-entropy) on a batch of 128, single
// threaded and with two goroutines; GFLOP/s counts the three GEMMs of the hidden layer and the
// output layer (2·128·(2·784·256 + 3·256·10) flops).
func BenchmarkMLP(b *testing.B) {
	for _, threads := range []int{1, 2} {
		b.Run("threads="+string(rune('0'+threads)), func(b *testing.B) { benchMLP(b, threads) })
	}
}

func benchMLP(b *testing.B, threads int) {
	const batch = 128
	labels := []float64{0, 1, 2, 3, 4, 5, 6, 7, 8, 9}
	ds := benchDataset(4096, 784, Multiclass, labels)
	m, _ := newModel("mlp:hidden=256,act=relu", Multiclass, 784, labels)
	p := make([]float64, m.NumParams())
	m.Init(p, 1)
	g := make([]float64, len(p))
	ws := Workspace{Threads: threads}
	pos := 0
	if threads == 1 { // for the CPU-time metric
		runtime.LockOSThread()
		defer runtime.UnlockOSThread()
	}
	cpu0 := threadCPU()
	b.ResetTimer()
	for b.Loop() {
		if pos+batch > ds.N {
			pos = 0
		}
		BatchObjective(g, p, m, ds.X[pos*784:(pos+batch)*784], ds.Y[pos:pos+batch], nil, &ws)
		pos += batch
	}
	sec := b.Elapsed().Seconds()
	b.ReportMetric(float64(batch)*float64(b.N)/sec, "examples/s")
	b.ReportMetric(2*batch*(2*784*256+3*256*10)*float64(b.N)/sec/1e9, "GFLOP/s")
	if cpu := (threadCPU() - cpu0).Seconds(); cpu > 0 && threads == 1 {
		b.ReportMetric(float64(batch)*float64(b.N)/cpu, "examples/cpu-s")
	}
}

// BenchmarkCurvatureLogistic is the advice's curvature at the end of a
// logistic regression on 400,000 × 20 rows (W6 of go run ./bench): the
// weighted Gram matrix Σᵢ pᵢ(1−pᵢ)x̃ᵢx̃ᵢᵀ by SYRK on scaled blocks, then the
// 21×21 eigenvalues.
func BenchmarkCurvatureLogistic(b *testing.B) {
	ds := benchDataset(400000, 20, Binary, []float64{0, 1})
	m, err := New(spec.Spec{Name: "logistic"}, Binary, 20, []float64{0, 1})
	if err != nil {
		b.Fatal(err)
	}
	theta := make([]float64, m.NumParams())
	for i := range theta {
		theta[i] = 0.1
	}
	b.ResetTimer()
	for range b.N {
		if _, err := Curvature(m, DenseRows(ds), theta); err != nil {
			b.Fatal(err)
		}
	}
}
