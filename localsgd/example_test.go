package localsgd_test

import (
	"fmt"

	"github.com/descentgo/descent/data"
	"github.com/descentgo/descent/localsgd"
	"github.com/descentgo/descent/model"
	"github.com/descentgo/descent/optim"
	"github.com/descentgo/descent/spec"
)

// Fit y = 2x − 1 by local SGD on two shards of four examples: each round,
// each shard takes two gradient-descent steps on mini-batches of two of its
// rows, and the two results are averaged.
func Example() {
	ds := &data.Dense{N: 8, D: 1,
		X: []float64{0, 0.5, 1, 1.5, 2, 2.5, 3, 3.5},
		Y: []float64{-1, 0, 1, 2, 3, 4, 5, 6},
	}
	m, err := model.New(spec.Spec{Name: "linear"}, model.Regression, ds.D, nil)
	if err != nil {
		panic(err)
	}
	b, err := model.NewLocal(m, ds, 2)
	if err != nil {
		panic(err)
	}
	a, err := localsgd.New(m, b, localsgd.Settings{
		New:   func() optim.Optimizer { return &optim.GD{LearningRate: 0.05} },
		Batch: 2,
		Seed:  1,
	})
	if err != nil {
		panic(err)
	}
	theta := make([]float64, m.NumParams()) // [w, b]
	for round := range 500 {
		f, err := a.Round(theta, round, 0)
		if err != nil {
			panic(err)
		}
		switch round {
		case 0:
			fmt.Printf("round 0: mean mini-batch objective %.4g\n", f)
		case 499:
			fmt.Printf("round 499: mean mini-batch objective < 1e-15: %v\n", f < 1e-15)
		}
	}
	fmt.Printf("w=%.4f b=%.4f\n", theta[0], theta[1])
	// Output:
	// round 0: mean mini-batch objective 6
	// round 499: mean mini-batch objective < 1e-15: true
	// w=2.0000 b=-1.0000
}
