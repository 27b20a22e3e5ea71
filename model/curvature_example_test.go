package model_test

import (
	"fmt"

	"github.com/descentgo/descent/data"
	"github.com/descentgo/descent/model"
	"github.com/descentgo/descent/optim"
	"github.com/descentgo/descent/spec"
)

// Linear regression on x = 0, 1, 2, 3 has the Hessian (2/n)·X̃ᵀX̃ with
// X̃ᵀX̃ = [[14, 6], [6, 4]], whose largest eigenvalue is 9 + √61, so
// L = (9 + √61)/2 ≈ 8.405 and gradient descent is stable for lr < 2/L.
func ExampleCurvature() {
	ds := &data.Dense{N: 4, D: 1, X: []float64{0, 1, 2, 3}, Y: []float64{1, 3, 5, 7}}
	m, err := model.New(spec.Spec{Name: "linear"}, model.Regression, 1, nil)
	if err != nil {
		fmt.Println(err)
		return
	}
	theta := make([]float64, m.NumParams())
	est, err := model.Curvature(m, model.DenseRows(ds), theta)
	if err != nil {
		fmt.Println(err)
		return
	}
	b := optim.StableLR(&optim.GD{}, est.L)
	fmt.Printf("L = %.4f (exact: %v)\n", est.L, est.Exact)
	fmt.Printf("stable lr < %.4f by %s\n", b.LR, b.Rule)
	// Output:
	// L = 8.4051 (exact: true)
	// stable lr < 0.2380 by 2/L (gradient descent on the local quadratic model)
}
