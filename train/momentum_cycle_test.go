package train

import (
	"context"
	"strings"
	"testing"
)

// TestTrainCyclesMomentum: onecycle's momentum reaches the optimizer in
// training (the run differs from cycle_momentum=false, which differs from
// neither), and an optimizer without momentum is refused on --schedule.
func TestTrainCyclesMomentum(t *testing.T) {
	run := func(sched string) float64 {
		r := mustTrain(t, Config{Source: Source{Path: irisCSV}, Model: mustSpec("softmax"), Opt: mustSpec("sgd:lr=0.01,momentum=0.9"),
			Schedule: mustSpec(sched), Batch: 16, Epochs: 3, Seed: 1, Standardize: true})
		return float64(r.TrainLoss)
	}
	cyc, fixed := run("onecycle:max_lr=0.1"), run("onecycle:max_lr=0.1,cycle_momentum=false")
	if cyc == fixed {
		t.Errorf("cycled and fixed momentum give the same loss %v", cyc)
	}
	_, err := Train(context.Background(), Config{Source: Source{Path: irisCSV}, Model: mustSpec("softmax"), Opt: mustSpec("adagrad"),
		Schedule: mustSpec("onecycle:max_lr=0.1"), Batch: 16, Epochs: 1})
	if err == nil || !strings.Contains(err.Error(), "adagrad has no momentum") {
		t.Errorf("onecycle with adagrad: %v", err)
	}
}

// TestTrainCyclesLionBeta1: the run of the issue, onecycle on Lion (an MLP
// on standardized iris, batch 16, 30 epochs), trains: onecycle cycles β₁,
// the interpolation of Lion's update, as torch's OneCycleLR does for the
// reference's betas (it used to be refused), and the run differs from the
// one with cycle_momentum=false. Optimizers torch's schedulers refuse, and
// the schedule-free methods, are still refused with their reason.
func TestTrainCyclesLionBeta1(t *testing.T) {
	cfg := func(opt, sched string) Config {
		return Config{Source: Source{Path: irisCSV}, Model: mustSpec("mlp:hidden=16,act=relu"), Standardize: true,
			Opt: mustSpec(opt), Schedule: mustSpec(sched), Batch: 16, Epochs: 30, Seed: 1}
	}
	r := mustTrain(t, cfg("lion:lr=0.001", "onecycle:max_lr=0.01"))
	if r.Epochs != 30 || r.Steps != 300 || !(float64(r.TrainLoss) < 0.2) || r.TrainAccuracy == nil || !(float64(*r.TrainAccuracy) >= 0.9) {
		t.Errorf("onecycle on lion: %d epochs, %d steps, loss %v, accuracy %v; want 30, 300, < 0.2, ≥ 0.9", r.Epochs, r.Steps, r.TrainLoss, r.TrainAccuracy)
	}
	fixed := mustTrain(t, cfg("lion:lr=0.001", "onecycle:max_lr=0.01,cycle_momentum=false"))
	if r.TrainLoss == fixed.TrainLoss {
		t.Errorf("onecycle on lion: cycled and fixed β1 give the same loss %v", r.TrainLoss)
	}
	for _, c := range []struct{ opt, msg string }{
		{"adagrad", "the optimizer adagrad has no momentum or β1 to set"},
		{"adafactor", "the optimizer adafactor has no momentum or β1 to set"},
		{"muon", "muon takes no cycled momentum: it follows KellerJordan/Muon's SingleDeviceMuonWithAuxAdam"},
		{"sgd_sf", "sgd_sf takes no cycled momentum: its momentum β is schedule-free's interpolation"},
		{"adamw_sf", "adamw_sf takes no cycled momentum: its β1 is schedule-free's interpolation"},
		{"mechanic:base=adagrad", "the optimizer mechanic's base adagrad has no momentum or β1 to set"},
	} {
		c1 := cfg(c.opt, "onecycle:max_lr=0.01")
		c1.Epochs = 1
		_, err := Train(context.Background(), c1)
		if err == nil || !strings.Contains(err.Error(), c.msg) || !strings.Contains(err.Error(), "cycle_momentum=false") {
			t.Errorf("onecycle with %s: %v, want an error with %q", c.opt, err, c.msg)
		}
	}
}
