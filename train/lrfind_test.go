package train

import (
	"math"
	"strings"
	"testing"

	"github.com/descentgo/descent/lrfind"
)

// TestLRFind sweeps the rate on softmax regression from zero weights, where
// the loss is log 3 for three classes: the first (tiny) step leaves it
// there, and the sweep finds a rate between 1e-3 and 10 before the loss
// blows up.
func TestLRFind(t *testing.T) {
	for _, batch := range []int{0, 16, 1} {
		cfg := Config{Source: Source{Path: irisCSV}, Model: mustSpec("softmax"), Opt: mustSpec("sgd"), Batch: batch, Standardize: true, Seed: 1}
		r, err := LRFind(cfg, lrfind.Settings{})
		if err != nil {
			t.Fatal(err)
		}
		if math.Abs(r.Losses[0]-math.Log(3)) > 1e-5 {
			t.Errorf("batch %d: first loss %.8g, want log 3 = %.8g", batch, r.Losses[0], math.Log(3))
		}
		if !(r.Suggested > 1e-3 && r.Suggested < 10) || len(r.LRs) < 50 {
			t.Errorf("batch %d: suggested %g after %d rates", batch, r.Suggested, len(r.LRs))
		}
		t.Logf("batch %d: suggested %.3g (%s), %d rates, stopped early %v", batch, r.Suggested, r.Rule, len(r.LRs), r.StoppedEarly)
	}
	_, err := LRFind(Config{Source: Source{Path: irisCSV}, Model: mustSpec("softmax"), Opt: mustSpec("lbfgs")}, lrfind.Settings{})
	if err == nil || !strings.Contains(err.Error(), "needs a step-based optimizer") {
		t.Errorf("lbfgs: %v", err)
	}
}
