package model_test

import (
	"fmt"

	"github.com/descentgo/descent/data"
	"github.com/descentgo/descent/model"
	"github.com/descentgo/descent/optim"
	"github.com/descentgo/descent/spec"
)

// Fit y = 2x − 1 by full-batch gradient descent on the mean squared error.
func Example() {
	ds := &data.Dense{N: 4, D: 1, X: []float64{0, 1, 2, 3}, Y: []float64{-1, 1, 3, 5}}
	m, err := model.New(spec.Spec{Name: "linear"}, model.Regression, ds.D, nil)
	if err != nil {
		panic(err)
	}
	b, err := model.NewLocal(m, ds, 0)
	if err != nil {
		panic(err)
	}
	obj, err := model.NewObjective(m, b)
	if err != nil {
		panic(err)
	}
	theta := make([]float64, m.NumParams()) // [w, b]
	m.Init(theta, 1)
	grad := make([]float64, len(theta))
	opt := &optim.GD{LearningRate: 0.1}
	opt.Init(len(theta))
	for i := 0; i < 2000; i++ {
		obj.ValueGrad(grad, theta)
		opt.Step(theta, grad)
	}
	pred := make([]float64, m.Outputs())
	m.Predict(pred, theta, []float64{10}, nil)
	fmt.Printf("w=%.4f b=%.4f F<1e-20:%v ŷ(10)=%.3f\n", theta[0], theta[1], obj.Value(theta) < 1e-20, pred[0])
	// Output: w=2.0000 b=-1.0000 F<1e-20:true ŷ(10)=19.000
}

// A multilayer perceptron for three classes, trained by mini-batch SGD
// through BatchObjective; Label maps the predicted probabilities back to the
// original labels.
func Example_mlp() {
	X := []float64{0, 0, 0, 1, 1, 0, 1, 1, 2, 2, 2, 3}
	y := []float64{10, 20, 20, 30, 30, 30}
	classes, _ := model.Classes(model.Multiclass, y)
	m, err := model.New(spec.Spec{Name: "mlp", Params: []spec.Param{{Key: "hidden", Value: "16"}, {Key: "act", Value: "tanh"}}}, model.Multiclass, 2, classes)
	if err != nil {
		panic(err)
	}
	fmt.Println(m.Spec(), m.NumParams(), classes)
	theta := make([]float64, m.NumParams())
	m.Init(theta, 7)
	grad := make([]float64, len(theta))
	var ws model.Workspace
	for i := 0; i < 3000; i++ {
		model.BatchObjective(grad, theta, m, X, y, nil, &ws)
		for j := range theta {
			theta[j] -= 0.2 * grad[j]
		}
	}
	pred := make([]float64, m.Outputs())
	for i := range y {
		m.Predict(pred, theta, X[2*i:2*i+2], &ws)
		fmt.Print(model.Label(m, pred), " ")
	}
	fmt.Println()
	// Output:
	// mlp:hidden=16,act=tanh,l2=0,l1=0 99 [10 20 30]
	// 10 20 20 30 30 30
}
