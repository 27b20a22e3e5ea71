package train

import (
	"context"
	"path/filepath"
	"testing"
)

// TestBatchStepAllocs: a mini-batch step — batch objective and gradient,
// optimizer step, schedule step — allocates nothing once warmed up, for
// dense, sparse and streamed data.
func TestBatchStepAllocs(t *testing.T) {
	svm := filepath.Join(t.TempDir(), "iris.svm")
	writeLIBSVM(t, irisCSV, svm)
	for _, cfg := range []Config{
		{Source: Source{Path: wineCSV}, Model: mustSpec("mlp:hidden=16,8"), Opt: mustSpec("adam:lr=0.01"), Schedule: mustSpec("cosine"), Batch: 16, Standardize: true},
		{Source: Source{Path: svm}, Model: mustSpec("softmax:l2=0.01"), Opt: mustSpec("sgd:lr=0.1,momentum=0.9"), Schedule: mustSpec("onecycle:max_lr=1"), Batch: 8, Standardize: true},
		{Source: Source{Path: "../testdata/ref/train_iris_setosa.csv", Stream: true, BufferRows: 64}, Model: mustSpec("logistic"), Opt: mustSpec("rmsprop"),
			Schedule: mustSpec("exponential:gamma=0.99"), Batch: 5, Standardize: true},
	} {
		s, err := newSetup(context.Background(), cfg)
		if err != nil {
			t.Fatal(err)
		}
		n := s.m.NumParams()
		theta, g := make([]float64, n), make([]float64, n)
		s.m.Init(theta, 1)
		if err := s.tr.startEpoch(0); err != nil {
			t.Fatal(err)
		}
		nb, b := s.tr.batches(), 0
		runs := 50
		if cfg.Stream {
			runs = nb - 3 // a stream cannot restart an epoch without a new buffer
		}
		step := func() {
			if b == nb-1 { // stay inside the epoch: restart it without a new permutation
				if err := s.tr.skip(0); err != nil {
					t.Fatal(err)
				}
				b = 0
			}
			s.lrer.SetLR(s.sched.LR())
			v, err := s.tr.next(g, theta)
			if err != nil {
				t.Fatal(err)
			}
			s.opt.Step(theta, g)
			s.sched.Step(v)
			b++
		}
		step()
		if a := testing.AllocsPerRun(runs, step); a != 0 {
			t.Errorf("%s: %v allocations per step", cfg.Model, a)
		}
		s.close()
	}
}
