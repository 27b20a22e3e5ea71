package train

import (
	"fmt"
	"testing"

	"github.com/descentgo/descent/diagnose"
)

// TestWeightDecayBoundLowered: AdamW's default decay λ = 0.01 holds every
// weight within 1/λ = 100, and diabetes' intercept must reach the targets'
// mean, 152: at lr 3.16 the fit ends no better than predicting the mean
// (R² < 0). The advice lowers λ tenfold; the run with it fits as least
// squares does (R² of ordinary least squares on all 442 rows: 0.5177,
// numpy.linalg.lstsq) and is not told to lower it again.
func TestWeightDecayBoundLowered(t *testing.T) {
	run := func(opt string) *Result {
		return mustTrain(t, Config{Source: Source{Path: diabetesCSV}, Model: mustSpec("linear"), Standardize: true,
			Opt: mustSpec(opt), Batch: 32, Epochs: 40})
	}
	held := run("adamw:lr=3.16")
	if r2 := float64(*held.TrainR2); r2 > 0 {
		t.Fatalf("AdamW λ = 0.01: R² %.3f, want < 0 (the test's premise)", r2)
	}
	var wd float64
	for _, a := range held.Diagnosis.Actions {
		if a.Kind == diagnose.SetWeightDecay {
			wd = a.WeightDecay
		}
	}
	if wd != 0.001 {
		t.Fatalf("actions %+v, want set_weight_decay 0.001 (%s)", held.Diagnosis.Actions, held.Diagnosis.Advice)
	}
	freed := run(fmt.Sprintf("adamw:lr=3.16,weight_decay=%g", wd))
	if r2 := float64(*freed.TrainR2); !(r2 > 0.48) || !(freed.TrainLoss < held.TrainLoss/2) {
		t.Errorf("λ = %g: loss %g (λ = 0.01: %g), R² %.3f, want less than half the loss and R² > 0.48 (least squares: 0.518)",
			wd, freed.TrainLoss, held.TrainLoss, r2)
	}
	for _, a := range freed.Diagnosis.Actions {
		if a.Kind == diagnose.SetWeightDecay {
			t.Errorf("λ = %g: told to lower it again: %+v", wd, a)
		}
	}
}

// TestStandardizeWithLowerDecay: raw diabetes under AdamW (λ = 0.01) at lr
// 10 is told to standardize — and, first, to lower λ tenfold: on
// standardized features the intercept alone must reach the targets' mean,
// 152, beyond 1/λ = 100. Whole runs confirm it: standardized at the
// advised rate with λ = 0.01 the fit is no better than predicting the mean
// (R² < 0), with the advised λ it is least squares' (R² > 0.48; 0.5177).
func TestStandardizeWithLowerDecay(t *testing.T) {
	cfg := Config{Source: Source{Path: diabetesCSV}, Model: mustSpec("linear"), Opt: mustSpec("adamw:lr=10"), Batch: 32, Epochs: 40, Seed: 1}
	d := mustTrain(t, cfg).Diagnosis
	if len(d.Actions) < 2 || d.Actions[0].Kind != diagnose.SetWeightDecay || d.Actions[0].WeightDecay != 0.001 {
		t.Fatalf("actions %+v, want set_weight_decay 0.001 first (%s)", d.Actions, d.Advice)
	}
	var lr float64
	for _, a := range d.Actions {
		if a.Kind == diagnose.Standardize {
			lr = a.LR
		}
	}
	if !(lr > 0) {
		t.Fatalf("actions %+v: no standardize with a rate", d.Actions)
	}
	std := func(opt string) *Result {
		c := cfg
		c.Standardize, c.Opt = true, mustSpec(opt)
		return mustTrain(t, c)
	}
	if r := std(fmt.Sprintf("adamw:lr=%g", lr)); float64(*r.TrainR2) > 0 {
		t.Errorf("standardized at lr %g with λ = 0.01: R² %.3f, want < 0 (the premise)", lr, float64(*r.TrainR2))
	}
	if r := std(fmt.Sprintf("adamw:lr=%g,weight_decay=0.001", lr)); !(float64(*r.TrainR2) > 0.48) {
		t.Errorf("standardized at lr %g with λ = 0.001: R² %.3f, want > 0.48", lr, float64(*r.TrainR2))
	}
}
