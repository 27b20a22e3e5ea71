package train

import (
	"context"
	"fmt"
	"math"
	"strings"
	"testing"
)

// TestEMAClosedForm: the EMA of θₖ = (k, −2k, 1/k), k = 1…K, is
// β^(K−1)θ₁ + Σₖ₌₂ᴷ (1−β)β^(K−k)θₖ.
func TestEMAClosedForm(t *testing.T) {
	for _, beta := range []float64{0.9, 0.5, 0.999, 0.3} {
		w := &weightAverage{ema: beta}
		const K = 40
		theta := func(k int) []float64 { return []float64{float64(k), -2 * float64(k), 1 / float64(k)} }
		for k := 1; k <= K; k++ {
			w.step(theta(k))
		}
		for i := 0; i < 3; i++ {
			want := math.Pow(beta, K-1) * theta(1)[i]
			for k := 2; k <= K; k++ {
				want += (1 - beta) * math.Pow(beta, float64(K-k)) * theta(k)[i]
			}
			if got := w.point(nil, nil)[i]; math.Abs(got-want) > 1e-12*math.Max(1, math.Abs(want)) {
				t.Errorf("β=%g: EMA[%d] = %.17g, closed form %.17g", beta, i, got, want)
			}
		}
	}
}

// TestSWAMean: SWA from epoch 4 of θₑ = (e², −e) over epochs 1…10 is the
// mean over e = 4…10: (Σe²/7, −Σe/7) = (371/7, −49/7) = (53, −7).
func TestSWAMean(t *testing.T) {
	w := &weightAverage{swaStart: 4}
	for e := 1; e <= 10; e++ {
		w.step([]float64{1e9, 1e9}) // steps do not enter SWA
		w.epoch(e, []float64{float64(e * e), -float64(e)})
	}
	if p := w.point(nil, nil); math.Abs(p[0]-53) > 1e-13 || math.Abs(p[1]+7) > 1e-14 {
		t.Errorf("SWA mean %v, want [53 -7]", p)
	}
}

// TestTrainAveraging: the saved weights are the averaged ones and they are
// what is evaluated. SWA from the last epoch averages one point, the last
// iterate, so it reproduces the plain run exactly; SWA from an earlier
// epoch and EMA give other weights whose reported loss is the loss at those
// weights (recomputed by evaluating the saved model); ASGD's own average is
// used without either. Bad values and combinations are refused.
func TestTrainAveraging(t *testing.T) {
	base := Config{Source: Source{Path: irisCSV}, Model: mustSpec("softmax"), Opt: mustSpec("sgd:lr=0.2,momentum=0.5"), Batch: 16, Epochs: 8, Seed: 3, Standardize: true}
	plain := mustTrain(t, base)
	last := base
	last.SWAStart = 8
	if r := mustTrain(t, last); fmtParams(r) != fmtParams(plain) || r.TrainLoss != plain.TrainLoss {
		t.Errorf("SWA of the last epoch only: params or loss differ from the plain run")
	}
	for _, c := range []struct {
		name string
		set  func(*Config)
	}{
		{"swa from epoch 3", func(c *Config) { c.SWAStart = 3 }},
		{"ema 0.9", func(c *Config) { c.EMA = 0.9 }},
		{"asgd average", func(c *Config) { c.Opt = mustSpec("asgd:lr=0.2,t0=20") }},
	} {
		cfg := base
		c.set(&cfg)
		r := mustTrain(t, cfg)
		if c.name != "asgd average" && fmtParams(r) == fmtParams(plain) {
			t.Errorf("%s: saved weights equal the last iterate", c.name)
		}
		// The reported loss is the loss of the saved model, evaluated anew.
		ev, err := r.Trained.Evaluate(Source{Path: irisCSV})
		if err != nil {
			t.Fatal(err)
		}
		if d := math.Abs(float64(ev.Loss - r.TrainLoss)); d > 1e-12 || !(float64(r.TrainLoss) < math.Log(3)) {
			t.Errorf("%s: reported train loss %v, the saved model's loss %v", c.name, r.TrainLoss, ev.Loss)
		}
	}
	for _, c := range []struct {
		set func(*Config)
		msg string
	}{
		{func(c *Config) { c.EMA = 1 }, "ema: 1: must be in (0, 1)"},
		{func(c *Config) { c.EMA = -0.5 }, "must be in (0, 1)"},
		{func(c *Config) { c.SWAStart = -1 }, "swa_start: -1: must be an epoch ≥ 1"},
		{func(c *Config) { c.EMA, c.SWAStart = 0.9, 2 }, "not both"},
		{func(c *Config) { c.EMA, c.Val, c.Patience = 0.9, 0.2, 3 }, "cannot be combined with patience"},
	} {
		cfg := base
		c.set(&cfg)
		if _, err := Train(context.Background(), cfg); err == nil || !strings.Contains(err.Error(), c.msg) {
			t.Errorf("err = %v, want %q", err, c.msg)
		}
	}
}

func fmtParams(r *Result) string { return fmt.Sprint(r.Trained.Params) }
