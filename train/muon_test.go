package train

import (
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
	got := weightMatrices(m)
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
