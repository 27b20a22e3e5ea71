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
