package train

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"github.com/descentgo/descent/minimize"
	"math"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"

	"github.com/descentgo/descent/model"
)

const (
	irisCSV     = "../testdata/datasets/iris.csv"
	wineCSV     = "../testdata/datasets/wine.csv"
	diabetesCSV = "../testdata/datasets/diabetes.csv"
)

func mustTrain(t testing.TB, cfg Config) *Result {
	t.Helper()
	r, err := Train(context.Background(), cfg)
	if err != nil {
		t.Fatal(err)
	}
	return r
}

// TestMLPLearns: an MLP reaches a held-out accuracy of at least 0.93 on
// iris and wine (30% validation split), with mini-batch Adam and with
// full-batch L-BFGS, for the default seed and on average over seeds 1–8.
func TestMLPLearns(t *testing.T) {
	configs := []struct {
		model, opt    string
		batch, epochs int
	}{
		{"mlp:hidden=32,act=tanh,l2=0.001", "adam:lr=0.01", 16, 200},
		{"mlp:hidden=32,act=relu,l2=0.001", "lbfgs", 0, 500},
	}
	for _, file := range []string{irisCSV, wineCSV} {
		for _, c := range configs {
			var sum float64
			var accs []string
			seeds := uint64(8)
			if raceEnabled || testing.Short() {
				seeds = 1 // the race detector slows training tenfold
			}
			for seed := uint64(1); seed <= seeds; seed++ {
				cfg := DefaultConfig()
				cfg.Path = file
				cfg.Model, cfg.Opt, cfg.Batch, cfg.Epochs = mustSpec(c.model), mustSpec(c.opt), c.batch, c.epochs
				cfg.Val, cfg.Standardize, cfg.Seed = 0.3, true, seed
				r := mustTrain(t, cfg)
				acc := float64(*r.ValAccuracy)
				sum += acc
				accs = append(accs, fmt.Sprintf("%.3f", acc))
				if seed == 1 && acc < 0.93 {
					t.Errorf("%s %s %s seed 1: held-out accuracy %.4f < 0.93", filepath.Base(file), c.model, c.opt, acc)
				}
			}
			mean := sum / float64(seeds)
			t.Logf("%-10s %-32s %-13s held-out accuracy seeds 1–%d: %s (mean %.3f)", filepath.Base(file), c.model, c.opt, seeds, strings.Join(accs, " "), mean)
			if mean < 0.93 {
				t.Errorf("%s %s %s: mean held-out accuracy %.4f < 0.93", filepath.Base(file), c.model, c.opt, mean)
			}
		}
	}
}

func saveBytes(t testing.TB, cfg Config) ([]byte, *Result) {
	t.Helper()
	cfg.Save = filepath.Join(t.TempDir(), "model.json")
	r := mustTrain(t, cfg)
	b, err := os.ReadFile(cfg.Save)
	if err != nil {
		t.Fatal(err)
	}
	return b, r
}

// TestDeterminism: the same seed gives the same model file, bit for bit,
// across runs and for GOMAXPROCS 1, 2 and 4, in every mode.
func TestDeterminism(t *testing.T) {
	defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(0))
	for _, c := range []Config{
		{Source: Source{Path: wineCSV}, Model: mustSpec("mlp:hidden=64,32"), Opt: mustSpec("adam:lr=0.01"), Batch: 16, Epochs: 5, Val: 0.2, Standardize: true, Shards: 4, Seed: 7},
		{Source: Source{Path: irisCSV}, Model: mustSpec("mlp:hidden=16,act=tanh"), Opt: mustSpec("lbfgs"), Epochs: 30, Standardize: true, Shards: 4, Seed: 3, GradTol: 1e-8},
		{Source: Source{Path: diabetesCSV}, Model: mustSpec("linear"), Opt: mustSpec("sgd:lr=0.01,momentum=0.9"), Schedule: mustSpec("cosine"), Batch: 1, Epochs: 2, Standardize: true, Val: 0.1, Seed: 11},
		{Source: Source{Path: irisCSV, Stream: true, BufferRows: 40}, Model: mustSpec("softmax"), Opt: mustSpec("adam:lr=0.05"), Batch: 8, Epochs: 3, Standardize: true, Seed: 5},
	} {
		var ref []byte
		for i, procs := range []int{1, 2, 4, 4} {
			runtime.GOMAXPROCS(procs)
			b, _ := saveBytes(t, c)
			if i == 0 {
				ref = b
				continue
			}
			if !bytes.Equal(b, ref) {
				t.Errorf("%s %s: model differs with GOMAXPROCS %d (run %d)", c.Model, c.Opt, procs, i)
			}
		}
		c2 := c
		c2.Seed++
		if b, _ := saveBytes(t, c2); bytes.Equal(b, ref) && c.Model.Name != "linear" {
			t.Errorf("%s: seed %d and %d give the same model", c.Model, c.Seed, c2.Seed)
		}
	}
}

// TestResumeBitIdentical kills runs mid-way with a hook (context
// cancellation after an epoch, or after a batch inside an epoch), resumes
// them from their checkpoints, and compares the final model files with those
// of uninterrupted runs byte for byte.
func TestResumeBitIdentical(t *testing.T) {
	cases := []struct {
		name      string
		cfg       Config
		killEpoch int // cancel after this epoch (0: not by epoch)
		killBatch [2]int
	}{
		{"adam+cosine mlp, val, patience", Config{Source: Source{Path: wineCSV}, Model: mustSpec("mlp:hidden=16,act=tanh"), Opt: mustSpec("adam:lr=0.01"),
			Schedule: mustSpec("cosine"), Batch: 16, Epochs: 12, Val: 0.25, Patience: 50, Standardize: true, Seed: 1}, 4, [2]int{}},
		{"sgd momentum + onecycle, mid-epoch", Config{Source: Source{Path: irisCSV}, Model: mustSpec("softmax:l2=0.01"), Opt: mustSpec("sgd:lr=0.1,momentum=0.9,nesterov=true"),
			Schedule: mustSpec("onecycle:max_lr=0.5"), Batch: 10, Epochs: 6, Standardize: true, Seed: 2}, 0, [2]int{2, 7}},
		{"lbfgs full batch", Config{Source: Source{Path: wineCSV}, Model: mustSpec("softmax:l2=0.001"), Opt: mustSpec("lbfgs"), Epochs: 40,
			Standardize: true, Seed: 1, GradTol: 1e-10}, 6, [2]int{}},
		{"cg full batch", Config{Source: Source{Path: "../testdata/ref/train_iris_setosa.csv"}, Model: mustSpec("logistic:l2=0.01"), Opt: mustSpec("cg"), Epochs: 15,
			Standardize: true, Seed: 1}, 3, [2]int{}},
		{"plateau per epoch", Config{Source: Source{Path: diabetesCSV}, Model: mustSpec("linear"), Opt: mustSpec("sgd:lr=0.05"),
			Schedule: mustSpec("plateau:patience=0,factor=0.5"), Warmup: 3, Batch: 32, Epochs: 10, Val: 0.2, Standardize: true, Seed: 4}, 5, [2]int{}},
		{"rmsprop stream, mid-epoch", Config{Source: Source{Path: irisCSV, Stream: true, BufferRows: 50}, Model: mustSpec("softmax"), Opt: mustSpec("rmsprop:lr=0.01"),
			Batch: 16, Epochs: 5, Standardize: true, Seed: 9}, 0, [2]int{3, 4}},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			cfg := c.cfg
			dir := t.TempDir()
			full := cfg
			full.Checkpoint = filepath.Join(dir, "ck-full")
			want, rw := saveBytes(t, full)

			ctx, cancel := context.WithCancel(context.Background())
			defer cancel()
			part := cfg
			part.Save = filepath.Join(dir, "part.json")
			part.Checkpoint = filepath.Join(dir, "ck")
			part.CheckpointEvery = 2
			if c.killEpoch > 0 {
				part.OnEpoch = func(e EpochStats) error {
					if e.Epoch == c.killEpoch {
						cancel()
					}
					return nil
				}
			} else {
				part.OnBatch = func(epoch, batch, batches int) {
					if epoch == c.killBatch[0] && batch == c.killBatch[1] {
						cancel()
					}
				}
			}
			r, err := Train(ctx, part)
			if err != nil {
				t.Fatal(err)
			}
			if r.Status != minimize.Interrupted {
				t.Fatalf("status %s, want interrupted", r.Status)
			}
			if _, err := os.Stat(part.Save); err != nil {
				t.Errorf("the interrupted run did not save its model: %v", err)
			}
			ck, err := ReadCheckpoint(part.Checkpoint)
			if err != nil {
				t.Fatal(err)
			}
			if c.killEpoch > 0 && (ck.Epoch() != c.killEpoch || ck.Batch() != 0) {
				t.Errorf("checkpoint at epoch %d batch %d, want %d, 0", ck.Epoch(), ck.Batch(), c.killEpoch)
			}
			if c.killEpoch == 0 && (ck.Epoch() != c.killBatch[0] || ck.Batch() != c.killBatch[1]) {
				t.Errorf("checkpoint at epoch %d batch %d, want %v", ck.Epoch(), ck.Batch(), c.killBatch)
			}
			res := cfg
			res.Resume = ck
			res.Checkpoint = part.Checkpoint
			got, rr := saveBytes(t, res)
			if !rr.Resumed {
				t.Error("result not marked resumed")
			}
			if !bytes.Equal(got, want) {
				t.Errorf("resumed model differs from the uninterrupted one\nstatus %s/%s epochs %d/%d loss %.17g/%.17g",
					rr.Status, rw.Status, rr.Epochs, rw.Epochs, float64(rr.TrainLoss), float64(rw.TrainLoss))
			}
			if len(rr.History) != len(rw.History) {
				t.Fatalf("history has %d rows, want %d", len(rr.History), len(rw.History))
			}
			for i := range rr.History {
				if fmt.Sprint(rr.History[i]) != fmt.Sprint(rw.History[i]) {
					t.Errorf("history row %d: %v, want %v", i, rr.History[i], rw.History[i])
				}
			}
		})
	}
}

// TestResumeTwice interrupts the same run twice.
func TestResumeTwice(t *testing.T) {
	cfg := Config{Source: Source{Path: irisCSV}, Model: mustSpec("mlp:hidden=8"), Opt: mustSpec("adamw:lr=0.01"), Schedule: mustSpec("step:step_size=10,gamma=0.7"),
		Batch: 32, Epochs: 9, Val: 0.2, Standardize: true, Seed: 1}
	want, _ := saveBytes(t, cfg)
	dir := t.TempDir()
	var ck *Checkpoint
	for _, kill := range []int{2, 6} {
		ctx, cancel := context.WithCancel(context.Background())
		c := cfg
		c.Resume, c.Checkpoint = ck, filepath.Join(dir, "ck")
		c.OnEpoch = func(e EpochStats) error {
			if e.Epoch == kill {
				cancel()
			}
			return nil
		}
		if _, err := Train(ctx, c); err != nil {
			t.Fatal(err)
		}
		cancel()
		var err error
		if ck, err = ReadCheckpoint(c.Checkpoint); err != nil {
			t.Fatal(err)
		}
	}
	c := cfg
	c.Resume = ck
	got, _ := saveBytes(t, c)
	if !bytes.Equal(got, want) {
		t.Error("model after two interruptions differs from the uninterrupted one")
	}
}

// TestResumeMismatch: a resumed run must use the checkpoint's settings and
// data.
func TestResumeMismatch(t *testing.T) {
	dir := t.TempDir()
	cfg := Config{Source: Source{Path: irisCSV}, Model: mustSpec("softmax"), Opt: mustSpec("adam:lr=0.01"), Batch: 16, Epochs: 2, Seed: 1,
		Checkpoint: filepath.Join(dir, "ck")}
	mustTrain(t, cfg)
	ck, err := ReadCheckpoint(cfg.Checkpoint)
	if err != nil {
		t.Fatal(err)
	}
	c := cfg
	c.Resume, c.Opt = ck, mustSpec("adam:lr=0.02")
	_, err = Train(context.Background(), c)
	var me *MismatchError
	if !errors.As(err, &me) || *me != (MismatchError{Dir: cfg.Checkpoint, Field: "opt", Checkpoint: `"adam:lr=0.01"`, Run: `"adam:lr=0.02"`}) {
		t.Errorf("got %v (%+v), want a mismatch of opt", err, me)
	}
	c = cfg
	c.Resume, c.Batch = ck, 8
	if _, err = Train(context.Background(), c); !errors.As(err, &me) || me.Field != "batch" || me.Checkpoint != "16" || me.Run != "8" {
		t.Errorf("batch mismatch: %v", err)
	}
	// Same settings, other data: the fingerprint differs.
	other := filepath.Join(dir, "iris.csv")
	b, _ := os.ReadFile(irisCSV)
	os.WriteFile(other, bytes.Replace(b, []byte("5.1,3.5,1.4,0.2,0"), []byte("5.1,3.5,1.4,0.3,0"), 1), 0o644)
	ckJSON, _ := os.ReadFile(filepath.Join(cfg.Checkpoint, CheckpointFile))
	os.WriteFile(filepath.Join(cfg.Checkpoint, CheckpointFile), bytes.Replace(ckJSON, []byte(`"data":"`+irisCSV+`"`), []byte(`"data":"`+other+`"`), 1), 0o644)
	ck2, err := ReadCheckpoint(cfg.Checkpoint)
	if err != nil {
		t.Fatal(err)
	}
	c = cfg
	c.Resume, c.Path = ck2, other
	if _, err = Train(context.Background(), c); err == nil || !strings.Contains(err.Error(), "differ from those the checkpoint was made with") {
		t.Errorf("changed data: %v", err)
	}
	// A longer budget continues a finished run.
	c = cfg
	c.Resume, c.Epochs = ck, 4
	r := mustTrain(t, c)
	if r.Epochs != 4 || len(r.History) != 5 {
		t.Errorf("extended run: %d epochs, %d history rows", r.Epochs, len(r.History))
	}
	whole := cfg
	whole.Epochs, whole.Checkpoint = 4, ""
	a, _ := saveBytes(t, whole)
	c.Checkpoint = filepath.Join(dir, "ck2")
	c.Resume = ck
	bb, _ := saveBytes(t, c)
	if !bytes.Equal(a, bb) {
		t.Errorf("2 epochs + 2 more differ from 4 epochs:\n%s\n%s", a, bb)
	}
}

// TestScheduleStepping: schedules step once per batch, plateau once per
// epoch on the validation loss; onecycle's total_steps defaults to the
// run's number of steps.
func TestScheduleStepping(t *testing.T) {
	// step:step_size=1,gamma=0.5 halves the rate after every step: with
	// 150/32 → 5 batches per epoch, epoch e's last step runs at
	// 0.1·0.5^(5e−1).
	r := mustTrain(t, Config{Source: Source{Path: irisCSV}, Model: mustSpec("softmax"), Opt: mustSpec("sgd:lr=0.1"), Schedule: mustSpec("step:step_size=1,gamma=0.5"),
		Batch: 32, Epochs: 3, Standardize: true, Seed: 1})
	for e := 1; e <= 3; e++ {
		want := 0.1 * math.Pow(0.5, float64(5*e-1))
		if got := float64(r.History[e].LR); math.Abs(got-want) > 1e-15*want {
			t.Errorf("epoch %d: last lr %g, want %g", e, got, want)
		}
	}
	// onecycle ends at max_lr/div_factor/final_div_factor on the last
	// step of the run when total_steps is left out.
	r = mustTrain(t, Config{Source: Source{Path: irisCSV}, Model: mustSpec("softmax"), Opt: mustSpec("sgd:lr=0.1"), Schedule: mustSpec("onecycle:max_lr=0.4"),
		Batch: 32, Epochs: 4, Standardize: true, Seed: 1})
	if got, want := float64(r.History[4].LR), 0.4/25/1e4; math.Abs(got-want) > 1e-12*want {
		t.Errorf("onecycle: last lr %g, want %g", got, want)
	}
	// plateau (patience 0, factor 0.5, threshold 1e-4 relative) halves the
	// rate after every epoch whose validation loss is not below
	// best·(1 − 1e-4): replay that rule on the recorded losses.
	r = mustTrain(t, Config{Source: Source{Path: diabetesCSV}, Model: mustSpec("linear"), Opt: mustSpec("sgd:lr=0.2"), Schedule: mustSpec("plateau:patience=0,factor=0.5"),
		Batch: 16, Epochs: 15, Val: 0.3, Standardize: true, Seed: 1})
	lr, best, halvings := 0.2, math.Inf(1), 0
	for e := 1; e < len(r.History); e++ {
		if got := float64(r.History[e].LR); got != lr {
			t.Fatalf("epoch %d ran at lr %g, want %g", e, got, lr)
		}
		if v := float64(r.History[e].ValLoss); v < best*(1-1e-4) {
			best = v
		} else {
			lr *= 0.5
			halvings++
		}
	}
	if halvings == 0 {
		t.Error("plateau never reduced the rate: the test checks nothing")
	}
}

// TestEarlyStopping: with --patience the run stops after that many epochs
// without a lower validation loss and keeps the best epoch's weights.
func TestEarlyStopping(t *testing.T) {
	cfg := Config{Source: Source{Path: wineCSV}, Model: mustSpec("mlp:hidden=64"), Opt: mustSpec("adam:lr=0.05"), Batch: 8, Epochs: 300,
		Val: 0.3, Patience: 5, Standardize: true, Seed: 1}
	r := mustTrain(t, cfg)
	if r.Status != minimize.EarlyStopped {
		t.Fatalf("status %s: %s", r.Status, r.Message)
	}
	best := 0
	for e, h := range r.History {
		if h.ValLoss < r.History[best].ValLoss {
			best = e
		}
	}
	if r.BestEpoch != best || r.Epochs != best+5 {
		t.Errorf("best epoch %d, epochs %d; history says best %d, so %d epochs", r.BestEpoch, r.Epochs, best, best+5)
	}
	if r.ValLoss != r.History[best].ValLoss || r.TrainLoss != r.History[best].TrainLoss {
		t.Errorf("final losses %v/%v, best epoch's %v/%v: weights not restored", r.ValLoss, r.TrainLoss, r.History[best].ValLoss, r.History[best].TrainLoss)
	}
	if r.Diagnosis.Verdict != "converged" || !strings.Contains(r.Diagnosis.Advice, "overfit") {
		t.Errorf("diagnosis %+v", r.Diagnosis)
	}
}

// TestDivergence: a rate far above the stable bound ends the run as
// diverged, with a diagnosis, and writes no model.
func TestDivergence(t *testing.T) {
	for _, cfg := range []Config{
		{Source: Source{Path: diabetesCSV}, Model: mustSpec("linear"), Opt: mustSpec("gd:lr=10"), Epochs: 100},
		{Source: Source{Path: diabetesCSV}, Model: mustSpec("linear"), Opt: mustSpec("sgd:lr=1"), Batch: 16, Epochs: 100},
	} {
		cfg.Save = filepath.Join(t.TempDir(), "m.json")
		r := mustTrain(t, cfg)
		if r.Status != minimize.Diverged || r.Trained != nil {
			t.Errorf("%s: status %s (%s)", cfg.Opt, r.Status, r.Message)
		}
		// With the curvature known (L of the unstandardized diabetes
		// objective, checked in TestCurvatureMatchesHand), the suggestion
		// is half the stable bound 2/L, i.e. 1/L.
		cv := r.Curvature
		if cv == nil || math.Abs(float64(cv.StableLRBound)*float64(cv.L)-2) > 1e-12 {
			t.Fatalf("%s: curvature %+v, want a bound 2/L", cfg.Opt, cv)
		}
		if r.Diagnosis.Verdict != "diverged" || math.Abs(r.Diagnosis.SuggestedLR*float64(cv.L)-1) > 1e-12 {
			t.Errorf("%s: diagnosis %+v, want lr 1/L = %g", cfg.Opt, r.Diagnosis, 1/float64(cv.L))
		}
		if _, err := os.Stat(cfg.Save); !os.IsNotExist(err) {
			t.Errorf("%s: a diverged run wrote %s", cfg.Opt, cfg.Save)
		}
		t.Logf("%s: %s; %s", cfg.Opt, r.Message, r.Diagnosis.Advice)
	}
}

// TestLIBSVMMatchesCSV: the same data as CSV (dense kernels) and as LIBSVM
// (sparse kernels) reach the same optimum.
func TestLIBSVMMatchesCSV(t *testing.T) {
	dir := t.TempDir()
	svm := filepath.Join(dir, "iris.svm")
	writeLIBSVM(t, irisCSV, svm)
	csvR := mustTrain(t, Config{Source: Source{Path: irisCSV}, Model: mustSpec("softmax:l2=0.01"), GradTol: 1e-10, FTol: 1e-14})
	svmR := mustTrain(t, Config{Source: Source{Path: svm}, Model: mustSpec("softmax:l2=0.01"), GradTol: 1e-10, FTol: 1e-14})
	if g := relGap(float64(svmR.TrainLoss), float64(csvR.TrainLoss)); math.Abs(g) > 1e-10 {
		t.Errorf("LIBSVM %.15g vs CSV %.15g", float64(svmR.TrainLoss), float64(csvR.TrainLoss))
	}
	// An MLP on LIBSVM data runs densely; standardization there centers.
	r := mustTrain(t, Config{Source: Source{Path: svm}, Model: mustSpec("mlp:hidden=8"), Opt: mustSpec("adam:lr=0.01"), Batch: 16, Epochs: 20, Standardize: true, Seed: 1})
	if !r.Trained.Std.Center || float64(*r.TrainAccuracy) < 0.9 {
		t.Errorf("mlp on LIBSVM: center %v, accuracy %v", r.Trained.Std.Center, float64(*r.TrainAccuracy))
	}
	// A sparse model standardizes by scaling only.
	r = mustTrain(t, Config{Source: Source{Path: svm}, Model: mustSpec("softmax"), Standardize: true})
	if r.Trained.Std.Center {
		t.Error("sparse standardization centers")
	}
}

func writeLIBSVM(t testing.TB, csvPath, out string) {
	t.Helper()
	b, err := os.ReadFile(csvPath)
	if err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(strings.TrimSpace(string(b)), "\n")[1:]
	var sb strings.Builder
	for _, ln := range lines {
		f := strings.Split(ln, ",")
		sb.WriteString(f[len(f)-1])
		for j, v := range f[:len(f)-1] {
			if v != "0" {
				fmt.Fprintf(&sb, " %d:%s", j+1, v)
			}
		}
		sb.WriteByte('\n')
	}
	if err := os.WriteFile(out, []byte(sb.String()), 0o644); err != nil {
		t.Fatal(err)
	}
}

// TestStream: streamed full-batch training reaches the in-memory optimum,
// and a streamed epoch sees every example once.
func TestStream(t *testing.T) {
	mem := mustTrain(t, Config{Source: Source{Path: wineCSV}, Model: mustSpec("softmax:l2=0.01"), Standardize: true, GradTol: 1e-8, FTol: 1e-12})
	st := mustTrain(t, Config{Source: Source{Path: wineCSV, Stream: true}, Model: mustSpec("softmax:l2=0.01"), Standardize: true, GradTol: 1e-8, FTol: 1e-12})
	if g := relGap(float64(st.TrainLoss), float64(mem.TrainLoss)); math.Abs(g) > 1e-10 {
		t.Errorf("stream %.15g vs memory %.15g", float64(st.TrainLoss), float64(mem.TrainLoss))
	}
	// The same for LIBSVM data, read sparse (softmax) and densely (mlp).
	svm := filepath.Join(t.TempDir(), "wine.svm")
	writeLIBSVM(t, wineCSV, svm)
	memS := mustTrain(t, Config{Source: Source{Path: svm}, Model: mustSpec("softmax:l2=0.01"), Standardize: true, GradTol: 1e-8, FTol: 1e-12})
	stS := mustTrain(t, Config{Source: Source{Path: svm, Stream: true}, Model: mustSpec("softmax:l2=0.01"), Standardize: true, GradTol: 1e-8, FTol: 1e-12})
	if g := relGap(float64(stS.TrainLoss), float64(memS.TrainLoss)); math.Abs(g) > 1e-10 {
		t.Errorf("LIBSVM stream %.15g vs memory %.15g", float64(stS.TrainLoss), float64(memS.TrainLoss))
	}
	mlp := mustTrain(t, Config{Source: Source{Path: svm, Stream: true, BufferRows: 64}, Model: mustSpec("mlp:hidden=16"), Opt: mustSpec("adam:lr=0.01"), Batch: 16, Epochs: 30, Standardize: true, Seed: 1})
	if acc := float64(*mlp.TrainAccuracy); acc < 0.95 {
		t.Errorf("streamed mlp on LIBSVM: training accuracy %.3f", acc)
	}
	// With batch = n and a buffer holding every row, one SGD step per epoch
	// sees the full gradient: the same as full-batch gd.
	a := mustTrain(t, Config{Source: Source{Path: irisCSV, Stream: true, BufferRows: 150}, Model: mustSpec("softmax"), Opt: mustSpec("gd:lr=0.5"), Batch: 150, Epochs: 5, Standardize: true})
	b := mustTrain(t, Config{Source: Source{Path: irisCSV}, Model: mustSpec("softmax"), Opt: mustSpec("gd:lr=0.5"), Epochs: 5, Standardize: true})
	for e := range a.History {
		if g := relGap(float64(a.History[e].TrainLoss), float64(b.History[e].TrainLoss)); math.Abs(g) > 1e-12 {
			t.Errorf("epoch %d: stream %.15g, full batch %.15g", e, float64(a.History[e].TrainLoss), float64(b.History[e].TrainLoss))
		}
	}
}

// TestTaskInference: the MLP infers its task from the target.
func TestTaskInference(t *testing.T) {
	for _, c := range []struct {
		file, task string
		classes    int
	}{{irisCSV, "multiclass", 3}, {diabetesCSV, "regression", 0}, {"../testdata/ref/train_wine_class0.csv", "binary", 2}} {
		r := mustTrain(t, Config{Source: Source{Path: c.file}, Model: mustSpec("mlp:hidden=4"), Opt: mustSpec("adam"), Batch: 32, Epochs: 1, Standardize: true})
		if r.Task != c.task || len(r.Classes) != c.classes {
			t.Errorf("%s: task %s with %d classes, want %s with %d", c.file, r.Task, len(r.Classes), c.task, c.classes)
		}
	}
	r := mustTrain(t, Config{Source: Source{Path: irisCSV}, Model: mustSpec("mlp:hidden=4"), Task: "regression", Opt: mustSpec("adam"), Batch: 32, Epochs: 1})
	if r.Trained.Model.Task() != model.Regression {
		t.Error("--task regression ignored")
	}
}

// TestTrace writes CSV and JSON-lines traces with one row per epoch.
func TestTrace(t *testing.T) {
	dir := t.TempDir()
	for _, ext := range []string{".csv", ".jsonl"} {
		path := filepath.Join(dir, "trace"+ext)
		r := mustTrain(t, Config{Source: Source{Path: irisCSV}, Model: mustSpec("softmax"), Opt: mustSpec("adam:lr=0.1"), Batch: 50, Epochs: 3, Val: 0.2, Trace: path, Seed: 1})
		b, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		lines := strings.Split(strings.TrimSpace(string(b)), "\n")
		if ext == ".csv" {
			if lines[0] != "epoch,steps,lr,train_loss,train_data_loss,grad_norm,batch_loss,val_loss,train_accuracy,val_accuracy" || len(lines) != 5 {
				t.Errorf("csv trace:\n%s", b)
			}
			if !strings.HasPrefix(lines[3], "2,6,0.1,") {
				t.Errorf("row 2: %s", lines[3])
			}
			continue
		}
		if len(lines) != 4 || !strings.HasPrefix(lines[0], `{"epoch":0,"steps":0,"lr":0.1,"train_loss":1.0986122886681`) || !strings.Contains(lines[0], `"batch_loss":null`) {
			t.Errorf("jsonl trace:\n%s", b)
		}
		_ = r
	}
}

// TestInterruptSaves: cancelling before the first step still saves the
// initial model and reports interrupted.
func TestInterruptSaves(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	cfg := Config{Source: Source{Path: irisCSV}, Model: mustSpec("softmax"), Opt: mustSpec("sgd:lr=0.1"), Batch: 10, Epochs: 3, Save: filepath.Join(t.TempDir(), "m.json")}
	r, err := Train(ctx, cfg)
	if err != nil {
		t.Fatal(err)
	}
	if r.Status != minimize.Interrupted || r.Steps != 1 {
		t.Errorf("status %s after %d steps", r.Status, r.Steps)
	}
	if _, err := Load(cfg.Save); err != nil {
		t.Error(err)
	}
}
