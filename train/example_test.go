package train_test

import (
	"context"
	"fmt"
	"github.com/descentgo/descent/spec"
	"log"
	"os"
	"path/filepath"

	"github.com/descentgo/descent/train"
)

// Train softmax regression with an L2 penalty on the iris data by
// full-batch L-BFGS, then reload the saved model and evaluate it.
func Example() {
	dir, err := os.MkdirTemp("", "train-example")
	if err != nil {
		log.Fatal(err)
	}
	defer os.RemoveAll(dir)

	cfg := train.DefaultConfig() // lbfgs, full batch, grad-tol 1e-8, f-tol 1e-12, seed 1
	cfg.Path = "../testdata/datasets/iris.csv"
	cfg.Model = spec.MustParse("softmax")
	cfg.L2 = 0.01
	cfg.Standardize = true
	cfg.Save = filepath.Join(dir, "iris.json")
	r, err := train.Train(context.Background(), cfg)
	if err != nil {
		log.Fatal(err)
	}
	fmt.Printf("%s: F = %.8f, training accuracy %.2f\n", r.Status, float64(r.TrainLoss), float64(*r.TrainAccuracy))

	m, err := train.Load(cfg.Save)
	if err != nil {
		log.Fatal(err)
	}
	ev, err := m.Evaluate(train.Source{Path: cfg.Path})
	if err != nil {
		log.Fatal(err)
	}
	fmt.Printf("%s: n = %d, loss %.6f, accuracy %.2f\n", m.Model.Spec(), ev.N, float64(ev.Loss), float64(*ev.Accuracy))
	// Output:
	// converged_f: F = 0.24367723, training accuracy 0.96
	// softmax:l2=0.01,l1=0: n = 150, loss 0.153265, accuracy 0.96
}

// Mini-batch training of a small neural network with Adam, a cosine
// schedule stepped per batch, a validation split and early stopping.
func ExampleTrain_miniBatch() {
	cfg := train.Config{
		Source:      train.Source{Path: "../testdata/datasets/wine.csv"},
		Model:       spec.MustParse("mlp:hidden=32,act=tanh,l2=0.001"),
		Opt:         spec.MustParse("adam:lr=0.01"),
		Schedule:    spec.MustParse("cosine"), // t_max defaults to the run's steps
		Batch:       16,
		Epochs:      100,
		Val:         0.3,
		Patience:    10,
		Standardize: true,
		Seed:        1,
	}
	r, err := train.Train(context.Background(), cfg)
	if err != nil {
		log.Fatal(err)
	}
	fmt.Printf("%d training and %d validation examples, held-out accuracy ≥ 0.93: %v\n", r.NTrain, r.NVal, float64(*r.ValAccuracy) >= 0.93)
	// Output:
	// 125 training and 53 validation examples, held-out accuracy ≥ 0.93: true
}
