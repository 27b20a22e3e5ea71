package train

import (
	"math"
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
