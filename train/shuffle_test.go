package train

import (
	"cmp"
	"context"
	"errors"
	"math"
	"path/filepath"
	"runtime"
	"slices"
	"testing"

	"github.com/descentgo/descent/data"
)

// binarySynthetic labels synthetic(n, d, seed)'s rows by the sign of
// their centred linear target: i.i.d. rows, in random order.
func binarySynthetic(n, d int, seed uint64) *data.Dense {
	ds := synthetic(n, d, seed)
	var mean float64
	for _, y := range ds.Y {
		mean += y / float64(n)
	}
	for i, y := range ds.Y {
		ds.Y[i] = 0
		if y > mean {
			ds.Y[i] = 1
		}
	}
	return ds
}

// TestShuffleBlock: on i.i.d. rows, shuffling by blocks of 64 rows trains
// logistic regression with SGD (batch 32, 5 epochs) to a final training
// loss within 2 % of the row-by-row shuffle's, and a different trajectory
// (the order changed); its weights are bit-identical for GOMAXPROCS 1, 2
// and 8; the result reports the block.
func TestShuffleBlock(t *testing.T) {
	defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(0))
	ds := binarySynthetic(20000, 4, 11)
	cfg := Config{Source: Source{Memory: ds}, Model: mustSpec("logistic"), Opt: mustSpec("sgd:lr=0.05"), Batch: 32, Epochs: 5, Seed: 3, Standardize: true}
	rows := mustTrain(t, cfg)
	cfg.ShuffleBlock = 64
	var first []float64
	for _, procs := range []int{1, 2, 8} {
		runtime.GOMAXPROCS(procs)
		blocks := mustTrain(t, cfg)
		if first == nil {
			first = blocks.Trained.Params
			if blocks.ShuffleBlock != 64 || rows.ShuffleBlock != 0 {
				t.Errorf("shuffle_block reported %d and %d, want 64 and absent", blocks.ShuffleBlock, rows.ShuffleBlock)
			}
			a, b := float64(blocks.TrainLoss), float64(rows.TrainLoss)
			if math.Abs(a-b) > 0.02*b {
				t.Errorf("final loss %g with 64-row blocks, %g row by row", a, b)
			}
			if slices.Equal(first, rows.Trained.Params) {
				t.Error("the same weights as row by row: the blocks changed nothing")
			}
			continue
		}
		if !slices.Equal(blocks.Trained.Params, first) {
			t.Errorf("GOMAXPROCS %d: weights differ from GOMAXPROCS 1's", procs)
		}
	}
}

// sortedByLabel returns ds with its rows sorted by label, stably: the
// worst case for shuffling by blocks of neighbouring rows.
func sortedByLabel(ds *data.Dense) *data.Dense {
	idx := make([]int, ds.N)
	for i := range idx {
		idx[i] = i
	}
	slices.SortStableFunc(idx, func(a, b int) int { return cmp.Compare(ds.Y[a], ds.Y[b]) })
	out := &data.Dense{N: ds.N, D: ds.D, X: make([]float64, 0, len(ds.X)), Y: make([]float64, 0, ds.N), Features: ds.Features, Target: ds.Target}
	for _, i := range idx {
		out.X = append(out.X, ds.Row(i)...)
		out.Y = append(out.Y, ds.Y[i])
	}
	return out
}

// TestShuffleWindow: on rows sorted by label, logistic regression by SGD
// (batch 32, 5 epochs, lr 0.5) shuffled by windows of 64 blocks of 16
// rows ends within 3 % of the row-by-row shuffle's training loss and
// within 0.5 points of its accuracy (measured: 1.6 % and 0.2 points); the
// windowed run's weights are bit-identical for GOMAXPROCS 1, 2 and 8, and
// the result reports block and window. (What the windows do to the
// batches themselves is checked against closed forms in package data.)
func TestShuffleWindow(t *testing.T) {
	defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(0))
	ds := sortedByLabel(binarySynthetic(20000, 4, 11))
	cfg := Config{Source: Source{Memory: ds}, Model: mustSpec("logistic"), Opt: mustSpec("sgd:lr=0.5"), Batch: 32, Epochs: 5, Seed: 3, Standardize: true}
	rows := mustTrain(t, cfg)
	cfg.ShuffleBlock, cfg.ShuffleWindow = 16, 64
	var first []float64
	for _, procs := range []int{1, 2, 8} {
		runtime.GOMAXPROCS(procs)
		win := mustTrain(t, cfg)
		if first != nil {
			if !slices.Equal(win.Trained.Params, first) {
				t.Errorf("GOMAXPROCS %d: weights differ from GOMAXPROCS 1's", procs)
			}
			continue
		}
		first = win.Trained.Params
		if win.ShuffleBlock != 16 || win.ShuffleWindow != 64 || rows.ShuffleWindow != 0 {
			t.Errorf("reported block %d window %d (row by row: window %d), want 16, 64 and absent", win.ShuffleBlock, win.ShuffleWindow, rows.ShuffleWindow)
		}
		r, w := float64(rows.TrainLoss), float64(win.TrainLoss)
		ra, wa := float64(*rows.TrainAccuracy), float64(*win.TrainAccuracy)
		t.Logf("loss / accuracy: row by row %.5f / %.4f, windows %.5f / %.4f", r, ra, w, wa)
		if math.Abs(w-r) > 0.03*r || math.Abs(wa-ra) > 0.005 {
			t.Errorf("windows: loss %g accuracy %g, row by row %g and %g", w, wa, r, ra)
		}
		if slices.Equal(first, rows.Trained.Params) {
			t.Error("the same weights as row by row: the windows changed nothing")
		}
	}
}

// TestShuffleResumeMismatch: the shuffle defines the run: a checkpoint of a
// run by windows of blocks records block and window, and a resume with
// another window or without blocks is refused, naming the field.
func TestShuffleResumeMismatch(t *testing.T) {
	cfg := Config{Source: Source{Path: irisCSV}, Model: mustSpec("softmax"), Opt: mustSpec("adam:lr=0.01"), Batch: 16, Epochs: 2, Seed: 1,
		ShuffleBlock: 4, ShuffleWindow: 8, Checkpoint: filepath.Join(t.TempDir(), "ck")}
	mustTrain(t, cfg)
	ck, err := ReadCheckpoint(cfg.Checkpoint)
	if err != nil {
		t.Fatal(err)
	}
	if got := ck.Config(); got.ShuffleBlock != 4 || got.ShuffleWindow != 8 {
		t.Fatalf("checkpoint records block %d window %d, want 4 and 8", got.ShuffleBlock, got.ShuffleWindow)
	}
	for _, tc := range []struct {
		block, window int
		field         string
	}{{4, 2, "shuffle_window"}, {0, 0, "shuffle_block"}} {
		c := cfg
		c.Resume, c.ShuffleBlock, c.ShuffleWindow = ck, tc.block, tc.window
		_, err := Train(context.Background(), c)
		var me *MismatchError
		if !errors.As(err, &me) || me.Field != tc.field {
			t.Errorf("resume with block %d window %d: %v, want a mismatch of %s", tc.block, tc.window, err, tc.field)
		}
	}
	c := cfg
	c.Resume, c.Epochs = ck, 3
	mustTrain(t, c)
}
