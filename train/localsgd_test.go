package train

import (
	"context"
	"errors"
	"math/rand/v2"
	"path/filepath"
	"runtime"
	"slices"
	"strconv"
	"testing"

	"github.com/descentgo/descent/data"
	"github.com/descentgo/descent/localsgd"
	"github.com/descentgo/descent/model"
	"github.com/descentgo/descent/optim"
	"github.com/descentgo/descent/shard"
	"github.com/descentgo/descent/spec"
)

// TestLocalSteps trains by local SGD on data stored as blocks and checks
// the weights against package localsgd run by hand over the same
// standardized blocks as shards from the same initial weights: equal to
// the bit.
func TestLocalSteps(t *testing.T) {
	d, err := data.ReadCSVFile(irisCSV, data.CSVOptions{})
	if err != nil {
		t.Fatal(err)
	}
	dir := filepath.Join(t.TempDir(), "blocks")
	if _, err := shard.WriteDir(dir, d, 3, irisCSV); err != nil {
		t.Fatal(err)
	}
	for _, opt := range []string{"sgd:lr=0.1", "adam:lr=0.01"} {
		t.Run(opt, func(t *testing.T) {
			cfg := DefaultConfig()
			cfg.Source, cfg.Model, cfg.Opt = Source{Path: dir}, mustSpec("softmax:l2=0.01"), mustSpec(opt)
			cfg.Batch, cfg.LocalSteps, cfg.Epochs, cfg.Standardize, cfg.Seed = 16, 5, 4, true, 3
			res, err := Train(context.Background(), cfg)
			if err != nil {
				t.Fatal(err)
			}
			if res.Epochs != 4 || res.Trained == nil {
				t.Fatalf("%d epochs, status %s", res.Epochs, res.Status)
			}

			set, _ := shard.OpenDir(dir)
			dd, bounds, _ := set.Load()
			st := set.Standardization
			st.Center = true
			st.Apply(dd)
			m, _ := model.New(mustSpec("softmax:l2=0.01"), model.Multiclass, 4, []float64{0, 1, 2})
			local, err := model.NewLocalBounds(m, dd, bounds)
			if err != nil {
				t.Fatal(err)
			}
			sp := mustSpec(opt)
			av, err := localsgd.New(m, local, localsgd.Settings{Batch: 16, Steps: 5, Seed: 3,
				New: func() optim.Optimizer { a, _ := optim.NewSpec(sp); return a.(optim.Optimizer) }})
			if err != nil {
				t.Fatal(err)
			}
			theta := make([]float64, m.NumParams())
			m.Init(theta, 3)
			for r := range 4 {
				// train passes the optimizer's rate to every round.
				lrText, _ := sp.Get("lr")
				lr, _ := strconv.ParseFloat(lrText, 64)
				if _, err := av.Round(theta, r, lr); err != nil {
					t.Fatal(err)
				}
			}
			if !slices.Equal(theta, res.Trained.Params) {
				t.Fatalf("train %v\nlocalsgd %v", res.Trained.Params, theta)
			}
		})
	}
}

func TestLocalStepsRefused(t *testing.T) {
	for _, c := range []struct {
		edit  func(*Config)
		field string
	}{
		{func(c *Config) { c.Batch = 0 }, "batch"},
		{func(c *Config) { c.LocalSteps = -1 }, "local_steps"},
		{func(c *Config) { c.EMA = 0.9 }, "local_steps"},
		{func(c *Config) { c.Opt = mustSpec("lbfgs") }, "batch"}, // a line search needs the full batch
	} {
		cfg := DefaultConfig()
		cfg.Source, cfg.Model, cfg.Opt = Source{Path: irisCSV}, mustSpec("softmax"), mustSpec("sgd:lr=0.1")
		cfg.Batch, cfg.LocalSteps = 16, 3
		c.edit(&cfg)
		_, err := Train(context.Background(), cfg)
		var fe *spec.FieldError
		if !errors.As(err, &fe) || fe.Field != c.field {
			t.Errorf("want a field error on %s, got %v", c.field, err)
		}
	}
}

// TestCorrectParallel: the accuracy count on several goroutines equals the
// serial count over every row, for a dense softmax split large enough to
// be split and an MLP.
func TestCorrectParallel(t *testing.T) {
	const n, d = 40000, 5
	r := rand.New(rand.NewPCG(3, 4))
	ds := &data.Dense{N: n, D: d, X: make([]float64, n*d), Y: make([]float64, n)}
	for i := range ds.X {
		ds.X[i] = r.NormFloat64()
	}
	for i := range ds.Y {
		ds.Y[i] = float64(r.IntN(3))
	}
	for _, spec := range []string{"softmax", "mlp:hidden=4"} {
		m, err := model.New(mustSpec(spec), model.Multiclass, d, []float64{0, 1, 2})
		if err != nil {
			t.Fatal(err)
		}
		s, err := newMemSet(m, ds, nil, 0, nil, 0, 1)
		if err != nil {
			t.Fatal(err)
		}
		theta := make([]float64, m.NumParams())
		m.Init(theta, 7)
		for i := range theta {
			theta[i] += r.NormFloat64()
		}
		want := s.correctRange(theta, 0, n, &s.ws, s.pred, s.xbuf)
		for _, procs := range []int{1, 2, 8} {
			old := runtime.GOMAXPROCS(procs)
			got := s.correct(theta)
			runtime.GOMAXPROCS(old)
			if got != want || want == 0 || want == n {
				t.Errorf("%s, GOMAXPROCS %d: %d correct, serial %d of %d", spec, procs, got, want, n)
			}
		}
	}
}
