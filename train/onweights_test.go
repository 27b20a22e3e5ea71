package train

import (
	"context"
	"slices"
	"strings"
	"testing"

	"github.com/descentgo/descent/spec"
)

// OnWeights sees the weights of every epoch, epoch 0 first: the last call's
// are the trained model's, and MemoryName names the data in errors.
func TestOnWeights(t *testing.T) {
	for _, c := range []struct {
		opt   string
		batch int
	}{{"lbfgs", 0}, {"adam", 16}} {
		cfg := DefaultConfig()
		cfg.Source = Source{Memory: syntheticDense(64)}
		cfg.Model, cfg.Standardize, cfg.Epochs, cfg.Batch = spec.Spec{Name: "linear"}, true, 7, c.batch
		cfg.Opt = spec.Spec{Name: c.opt}
		var epochs []int
		var last []float64
		cfg.OnWeights = func(e int, tr *Trained) error {
			if tr.Std == nil || tr.Model == nil || len(tr.Features) != 3 {
				t.Errorf("%s: epoch %d: model %v, standardization %v, features %v", c.opt, e, tr.Model, tr.Std, tr.Features)
			}
			epochs, last = append(epochs, e), slices.Clone(tr.Params)
			return nil
		}
		res, err := Train(context.Background(), cfg)
		if err != nil {
			t.Fatal(err)
		}
		if len(epochs) != res.Epochs+1 || epochs[0] != 0 || epochs[len(epochs)-1] != res.Epochs {
			t.Errorf("%s: OnWeights saw epochs %v of a run of %d", c.opt, epochs, res.Epochs)
		}
		if !slices.Equal(last, res.Trained.Params) {
			t.Errorf("%s: last weights seen %v, trained %v", c.opt, last, res.Trained.Params)
		}
	}
	d := syntheticDense(8)
	d.Y[3] = 0.5
	cfg := DefaultConfig()
	cfg.Source = Source{Memory: d, MemoryName: "mine.csv"}
	cfg.Model = spec.Spec{Name: "softmax"}
	if _, err := Train(context.Background(), cfg); err == nil || !strings.HasPrefix(err.Error(), "mine.csv: ") {
		t.Errorf("error %v, want one naming mine.csv", err)
	}
}
