package beam

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/descentgo/descent/data"
	"github.com/descentgo/descent/localsgd"
	"github.com/descentgo/descent/model"
	"github.com/descentgo/descent/optim"
	"github.com/descentgo/descent/shard"
	"github.com/descentgo/descent/spec"
	"github.com/descentgo/descent/train"
)

const (
	irisCSV     = "../testdata/datasets/iris.csv"
	diabetesCSV = "../testdata/datasets/diabetes.csv"
)

// TestMain quiets Beam's and Prism's logs to warnings, as descent-beam does.
func TestMain(m *testing.M) {
	Quiet()
	os.Exit(m.Run())
}

func mustSpec(t *testing.T, s string) spec.Spec {
	t.Helper()
	var sp spec.Spec
	if err := sp.UnmarshalText([]byte(s)); err != nil {
		t.Fatal(err)
	}
	return sp
}

// blocks writes the CSV file as k blocks in a temporary directory.
func blocks(t *testing.T, csv string, k int) string {
	t.Helper()
	d, err := data.ReadCSVFile(csv, data.CSVOptions{})
	if err != nil {
		t.Fatal(err)
	}
	dir := filepath.Join(t.TempDir(), "blocks")
	if _, err := shard.WriteDir(dir, d, k, csv); err != nil {
		t.Fatal(err)
	}
	return dir
}

// TestMatchesInProcess trains the same model on the same blocks with the
// Beam backend (Prism in this process) and with the in-process backend:
// the sums are added in block order on both, so the final weights must be
// equal to the bit.
func TestMatchesInProcess(t *testing.T) {
	for _, c := range []struct {
		name, csv, model, opt string
		k, epochs             int
	}{
		{"linear gd", diabetesCSV, "linear", "gd:lr=0.1", 4, 6},
		{"softmax lbfgs", irisCSV, "softmax:l2=0.01", "lbfgs", 3, 5},
		{"mlp adam", irisCSV, "mlp:hidden=4", "adam:lr=0.05", 2, 4},
	} {
		t.Run(c.name, func(t *testing.T) {
			dir := blocks(t, c.csv, c.k)
			cfg := train.DefaultConfig()
			cfg.Source = train.Source{Path: dir}
			cfg.Model, cfg.Opt, cfg.Batch, cfg.Epochs, cfg.Standardize = mustSpec(t, c.model), mustSpec(t, c.opt), 0, c.epochs, true
			local, err := train.Train(context.Background(), cfg)
			if err != nil {
				t.Fatal(err)
			}
			cfg.Backend = &Backend{}
			remote, err := train.Train(context.Background(), cfg)
			if err != nil {
				t.Fatal(err)
			}
			if local.Trained == nil || remote.Trained == nil {
				t.Fatalf("no model: local %s, beam %s", local.Status, remote.Status)
			}
			if !slices.Equal(local.Trained.Params, remote.Trained.Params) {
				t.Fatalf("weights differ:\nin process %v\nbeam       %v", local.Trained.Params, remote.Trained.Params)
			}
			if local.Epochs != remote.Epochs || local.TrainLoss != remote.TrainLoss || local.Status != remote.Status {
				t.Errorf("in process %d epochs, loss %v, %s; beam %d, %v, %s", local.Epochs, local.TrainLoss, local.Status, remote.Epochs, remote.TrainLoss, remote.Status)
			}
			if (local.TrainAccuracy == nil) != (remote.TrainAccuracy == nil) || local.TrainAccuracy != nil && *local.TrainAccuracy != *remote.TrainAccuracy {
				t.Errorf("accuracy in process %v, beam %v", local.TrainAccuracy, remote.TrainAccuracy)
			}
		})
	}
}

// TestBadBlocks: every broken input is an error before or during the first
// job, naming the block; never a partial sum.
func TestBadBlocks(t *testing.T) {
	d, err := data.ReadCSVFile(irisCSV, data.CSVOptions{})
	if err != nil {
		t.Fatal(err)
	}
	wide := &data.Dense{N: d.N, D: d.D + 1, X: make([]float64, d.N*(d.D+1)), Y: d.Y}
	for i := range wide.X {
		wide.X[i] = float64(i % 7)
	}
	for _, c := range []struct {
		name  string
		edit  func(t *testing.T, dir string)
		want  string
		temp  string
		model string
	}{
		{"checksum", func(t *testing.T, dir string) { flipByte(t, filepath.Join(dir, shard.Name(1, 3)), -40) }, shard.Name(1, 3) + ": checksum mismatch", "", ""},
		{"truncated", func(t *testing.T, dir string) { truncate(t, filepath.Join(dir, shard.Name(2, 3)), 300) }, shard.Name(2, 3) + ": truncated", "", ""},
		{"missing", func(t *testing.T, dir string) { os.Remove(filepath.Join(dir, shard.Name(0, 3))) }, "block 0 of 3 is missing", "", ""},
		{"widths", func(t *testing.T, dir string) {
			other := t.TempDir()
			if _, err := shard.WriteDir(other, wide, 3, ""); err != nil {
				t.Fatal(err)
			}
			b, _ := os.ReadFile(filepath.Join(other, shard.Name(1, 3)))
			os.WriteFile(filepath.Join(dir, shard.Name(1, 3)), b, 0o644)
		}, "", "", ""},
		{"unwritable temp", func(*testing.T, string) {}, "not writable", "/proc/descent-no-such-dir", ""},
		{"empty", func(t *testing.T, dir string) {
			for s := range 3 {
				os.Remove(filepath.Join(dir, shard.Name(s, 3)))
			}
		}, "no block files", "", ""},
	} {
		t.Run(c.name, func(t *testing.T) {
			dir := t.TempDir()
			if _, err := shard.WriteDir(dir, d, 3, irisCSV); err != nil {
				t.Fatal(err)
			}
			c.edit(t, dir)
			cfg := train.DefaultConfig()
			cfg.Source = train.Source{Path: dir}
			cfg.Model, cfg.Opt, cfg.Batch, cfg.Epochs = mustSpec(t, "softmax"), mustSpec(t, "gd:lr=0.1"), 0, 3
			cfg.Backend = &Backend{TempDir: c.temp}
			res, err := train.Train(context.Background(), cfg)
			if err == nil {
				t.Fatalf("trained (%v) on broken blocks", res.Status)
			}
			if c.want != "" && !strings.Contains(err.Error(), c.want) {
				t.Fatalf("error %q, want %q", err, c.want)
			}
		})
	}
}

func flipByte(t *testing.T, p string, at int) {
	b, err := os.ReadFile(p)
	if err != nil {
		t.Fatal(err)
	}
	b[len(b)+at] ^= 0x10
	os.WriteFile(p, b, 0o644)
}

func truncate(t *testing.T, p string, n int) {
	if err := os.Truncate(p, int64(n)); err != nil {
		t.Fatal(err)
	}
}

// TestConfigRefused: what the backend cannot do is a field error.
func TestConfigRefused(t *testing.T) {
	dir := blocks(t, irisCSV, 2)
	for _, c := range []struct {
		edit  func(*train.Config)
		field string
	}{
		{func(c *train.Config) { c.Batch = 16 }, "batch"},
		{func(c *train.Config) { c.Val = 0.2 }, "val"},
		{func(c *train.Config) { c.Shards = 4 }, "shards"},
		{func(c *train.Config) { c.Format = "csv" }, "format"},
	} {
		cfg := train.DefaultConfig()
		cfg.Source = train.Source{Path: dir}
		cfg.Model, cfg.Batch = mustSpec(t, "softmax"), 0
		cfg.Backend = &Backend{}
		c.edit(&cfg)
		_, err := train.Train(context.Background(), cfg)
		var fe *spec.FieldError
		if !asFieldError(err, &fe) || fe.Field != c.field {
			t.Errorf("want a field error on %s, got %v", c.field, err)
		}
	}
}

func asFieldError(err error, fe **spec.FieldError) bool { return errors.As(err, fe) }

// TestAveragerMatchesLocalSGD runs rounds of local SGD with model averaging
// on Beam and with package localsgd over the same blocks as shards: the
// weights and the mean objectives must be equal to the bit, for plain SGD
// and for Adam, whose per-block state the Beam workers keep in the
// temporary location between rounds.
func TestAveragerMatchesLocalSGD(t *testing.T) {
	dir := blocks(t, irisCSV, 3)
	set, err := shard.OpenDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	d, bounds, err := set.Load()
	if err != nil {
		t.Fatal(err)
	}
	st := set.Standardization
	st.Center = true
	st.Apply(d)
	for _, opt := range []string{"sgd:lr=0.1", "adam:lr=0.01"} {
		t.Run(opt, func(t *testing.T) {
			m, err := model.New(mustSpec(t, "softmax:l2=0.01"), model.Multiclass, set.Cols, []float64{0, 1, 2})
			if err != nil {
				t.Fatal(err)
			}
			local, err := model.NewLocalBounds(m, d, bounds)
			if err != nil {
				t.Fatal(err)
			}
			sp := mustSpec(t, opt)
			settings := localsgd.Settings{Batch: 16, Steps: 5, Seed: 7,
				New: func() optim.Optimizer { a, _ := optim.NewSpec(sp); return a.(optim.Optimizer) }}
			ref, err := localsgd.New(m, local, settings)
			if err != nil {
				t.Fatal(err)
			}
			ba, err := (&Backend{}).NewAverager(context.Background(), m, set, true, sp, settings)
			if err != nil {
				t.Fatal(err)
			}
			defer ba.Close()
			want := make([]float64, m.NumParams())
			got := make([]float64, m.NumParams())
			for r := range 3 {
				lw, err := ref.Round(want, r, 0)
				if err != nil {
					t.Fatal(err)
				}
				lg, err := ba.Round(got, r, 0)
				if err != nil {
					t.Fatal(err)
				}
				if !slices.Equal(want, got) || lw != lg {
					t.Fatalf("round %d: localsgd %v (F %v)\nbeam     %v (F %v)", r, want, lw, got, lg)
				}
			}
		})
	}
}

// TestTrainLocalSteps trains by local SGD (train.Config.LocalSteps) with
// the Beam backend and in process: the same weights to the bit.
func TestTrainLocalSteps(t *testing.T) {
	dir := blocks(t, irisCSV, 3)
	cfg := train.DefaultConfig()
	cfg.Source = train.Source{Path: dir}
	cfg.Model, cfg.Opt = mustSpec(t, "softmax"), mustSpec(t, "adam:lr=0.02")
	cfg.Batch, cfg.LocalSteps, cfg.Epochs, cfg.Standardize = 8, 4, 3, true
	local, err := train.Train(context.Background(), cfg)
	if err != nil {
		t.Fatal(err)
	}
	cfg.Backend = &Backend{}
	remote, err := train.Train(context.Background(), cfg)
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(local.Trained.Params, remote.Trained.Params) || local.Epochs != 3 {
		t.Fatalf("in process (%d epochs) %v\nbeam %v", local.Epochs, local.Trained.Params, remote.Trained.Params)
	}
}

// TestCheckpointAndFailure: a run on Beam checkpoints every epoch; a block
// corrupted during the run fails the next job with an error naming the
// block, and the checkpoint left behind resumes, once the block is
// repaired, to the weights of a run that was never interrupted.
func TestCheckpointAndFailure(t *testing.T) {
	dir := blocks(t, diabetesCSV, 3)
	victim := filepath.Join(dir, shard.Name(2, 3))
	good, err := os.ReadFile(victim)
	if err != nil {
		t.Fatal(err)
	}
	base := train.DefaultConfig()
	base.Source = train.Source{Path: dir}
	base.Model, base.Opt, base.Batch, base.Epochs, base.Standardize = mustSpec(t, "linear"), mustSpec(t, "adam:lr=0.05"), 0, 6, true
	base.GradTol, base.FTol = 0, 0

	straight := base
	straight.Backend = &Backend{}
	want, err := train.Train(context.Background(), straight)
	if err != nil {
		t.Fatal(err)
	}

	ck := t.TempDir()
	broken := base
	broken.Backend = &Backend{}
	broken.Checkpoint = ck
	broken.OnEpoch = func(e train.EpochStats) error {
		if e.Epoch == 3 { // corrupt a block once epoch 3 is checkpointed
			bad := slices.Clone(good)
			bad[len(bad)-30] ^= 0x04
			return os.WriteFile(victim, bad, 0o644)
		}
		return nil
	}
	_, err = train.Train(context.Background(), broken)
	if err == nil || !strings.Contains(err.Error(), shard.Name(2, 3)) || !strings.Contains(err.Error(), "checksum mismatch") || !strings.Contains(err.Error(), "prism") {
		t.Fatalf("a corrupted block during the run gave %v; want a checksum error naming %s and the runner", err, shard.Name(2, 3))
	}
	c, err := train.ReadCheckpoint(ck)
	if err != nil {
		t.Fatalf("the checkpoint is not valid after the failure: %v", err)
	}
	if err := os.WriteFile(victim, good, 0o644); err != nil {
		t.Fatal(err)
	}
	resumed := base
	resumed.Backend = &Backend{}
	resumed.Resume = c
	got, err := train.Train(context.Background(), resumed)
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(got.Trained.Params, want.Trained.Params) {
		t.Fatalf("resumed %v\nstraight %v", got.Trained.Params, want.Trained.Params)
	}
}
