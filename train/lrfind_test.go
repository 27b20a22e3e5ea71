package train

import (
	"context"
	"math"
	"strconv"
	"strings"
	"testing"

	"github.com/descentgo/descent/lrfind"
)

// TestLRFind sweeps the rate on softmax regression from zero weights, where
// the loss is log 3 for three classes: the first (tiny) step leaves it
// there, the sweep runs until the loss blows up, and the validated
// suggestion is a rate whose own run (judged on the whole training
// objective) ended below log 3 — checked here by training at that rate
// for the same number of steps.
func TestLRFind(t *testing.T) {
	for _, tc := range []struct {
		opt   string
		batch int
	}{
		{"sgd", 0}, {"sgd", 16}, {"sgd", 1}, {"adam", 16}, {"rmsprop", 32},
	} {
		cfg := Config{Source: Source{Path: irisCSV}, Model: mustSpec("softmax"), Opt: mustSpec(tc.opt), Batch: tc.batch, Standardize: true, Seed: 1}
		r, err := LRFind(cfg, lrfind.Settings{})
		if err != nil {
			t.Fatal(err)
		}
		name := tc.opt + "/" + itoa(tc.batch)
		if math.Abs(r.Losses[0]-math.Log(3)) > 1e-5 {
			t.Errorf("%s: first loss %.8g, want log 3 = %.8g", name, r.Losses[0], math.Log(3))
		}
		if math.Abs(r.F0-math.Log(3)) > 1e-12 {
			t.Errorf("%s: validation start loss %.8g, want log 3", name, r.F0)
		}
		if !(r.Suggested > 1e-3 && r.Suggested < 10) || len(r.LRs) < 50 || !r.Validated || r.Rule != lrfind.Valley {
			t.Errorf("%s: suggested %g (%s, validated %v) after %d rates", name, r.Suggested, r.Rule, r.Validated, len(r.LRs))
		}
		var at *lrfind.Check
		for i, c := range r.Validation {
			if c.LR == r.Suggested {
				at = &r.Validation[i]
			}
		}
		if at == nil || at.Verdict != lrfind.OK || !(at.Loss < math.Log(3)) {
			t.Errorf("%s: the suggestion's validation run %+v", name, at)
		}
		t.Logf("%s: proposed %.3g, suggested %.3g, %d rates, %d validation runs: %s", name, r.Proposed, r.Suggested, len(r.LRs), len(r.Validation), r.Note)
	}
	_, err := LRFind(Config{Source: Source{Path: irisCSV}, Model: mustSpec("softmax"), Opt: mustSpec("lbfgs")}, lrfind.Settings{})
	if err == nil || !strings.Contains(err.Error(), "needs a step-based optimizer") {
		t.Errorf("lbfgs: %v", err)
	}
}

// TestLRFindValidationMatchesTraining: the validation loss reported for the
// suggestion is the training objective after the same number of full-batch
// gradient steps at that rate, made here with Train.
func TestLRFindValidationMatchesTraining(t *testing.T) {
	cfg := Config{Source: Source{Path: irisCSV}, Model: mustSpec("softmax"), Opt: mustSpec("gd"), Standardize: true, Seed: 1}
	r, err := LRFind(cfg, lrfind.Settings{Steps: 40})
	if err != nil {
		t.Fatal(err)
	}
	var loss float64
	for _, c := range r.Validation {
		if c.LR == r.Suggested {
			loss = c.Loss
		}
	}
	// gd on the whole objective: x ← x − lr∇F, 40 steps, by hand.
	su, err := newSetup(context.Background(), cfg)
	if err != nil {
		t.Fatal(err)
	}
	defer su.close()
	n := su.m.NumParams()
	x, g := make([]float64, n), make([]float64, n)
	su.m.Init(x, cfg.Seed)
	su.obj.ValueGrad(g, x)
	for i := 0; i < 40; i++ {
		for j := range x {
			x[j] -= r.Suggested * g[j]
		}
		su.obj.ValueGrad(g, x)
	}
	if want := su.obj.Value(x); math.Abs(loss-want) > 1e-12*math.Abs(want) {
		t.Errorf("validation loss at %g = %.15g, gradient descent by hand %.15g", r.Suggested, loss, want)
	}
}

func itoa(b int) string {
	if b == 0 {
		return "full"
	}
	return strconv.Itoa(b)
}
