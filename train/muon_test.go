package train

import (
	"slices"
	"testing"

	"github.com/descentgo/descent/model"
	"github.com/descentgo/descent/optim"
	"github.com/descentgo/descent/spec"
)

// TestMuonTrainsMLP: muon gets the MLP's weight matrices (W1 16×4 at 0,
// W2 3×16 after b1) and trains iris to ≥ 0.95 train accuracy in 40 epochs.
func TestMuonTrainsMLP(t *testing.T) {
	m, err := model.New(spec.MustParse("mlp:hidden=16"), model.Multiclass, 4, []float64{0, 1, 2})
	if err != nil {
		t.Fatal(err)
	}
	got := WeightMatrices(m)
	want := []optim.Block{{Offset: 0, Rows: 16, Cols: 4}, {Offset: 80, Rows: 3, Cols: 16}}
	if len(got) != 2 || got[0] != want[0] || got[1] != want[1] {
		t.Errorf("weight matrices %+v, want %+v", got, want)
	}
	r := mustTrain(t, Config{Source: Source{Path: irisCSV}, Model: mustSpec("mlp:hidden=16"), Opt: mustSpec("muon:lr=0.05,adam_lr=0.01"),
		Batch: 16, Epochs: 40, Seed: 1, Standardize: true})
	if a := float64(*r.TrainAccuracy); a < 0.95 {
		t.Errorf("muon on iris: train accuracy %g, want ≥ 0.95", a)
	}
}

// TestAdafactorFactoredInTraining: adafactor gets the MLP's weight
// matrices, so its state holds row and column factors (16 + 3 rows, 4 + 16
// columns) instead of a second moment per weight, and a run checkpointed
// after 5 epochs resumes to the weights of an uninterrupted 10-epoch run.
func TestAdafactorFactoredInTraining(t *testing.T) {
	base := Config{Source: Source{Path: irisCSV}, Model: mustSpec("mlp:hidden=16"), Opt: mustSpec("adafactor:lr=0.05"),
		Batch: 16, Seed: 1, Standardize: true}
	full := base
	full.Epochs = 10
	want := mustTrain(t, full)

	ck := t.TempDir()
	half := base
	half.Epochs, half.Checkpoint = 5, ck
	mustTrain(t, half)
	c, err := ReadCheckpoint(ck)
	if err != nil {
		t.Fatal(err)
	}
	st := c.c.Optimizer
	if st == nil || len(st.Vectors["row_var"]) != 19 || len(st.Vectors["col_var"]) != 20 {
		t.Fatalf("checkpointed adafactor state %+v: want 19 row and 20 column factors", st)
	}
	rest := base
	rest.Epochs, rest.Resume = 10, c
	got := mustTrain(t, rest)
	if !slices.Equal(got.Trained.Params, want.Trained.Params) {
		t.Fatalf("resumed %v\nstraight %v", got.Trained.Params, want.Trained.Params)
	}
}
