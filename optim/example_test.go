package optim_test

import (
	"fmt"

	"github.com/descentgo/descent/optim"
	"github.com/descentgo/descent/spec"
)

// Adam with PyTorch's defaults but lr = 0.1 on the Rosenbrock function
// (1−x)² + 100(y−x²)², from the classic start (−1.2, 1): after 1000 steps it
// is near the minimum (1, 1), at the bottom of the curved valley.
func ExampleAdam() {
	grad := func(g, x []float64) {
		g[0] = -2*(1-x[0]) - 400*x[0]*(x[1]-x[0]*x[0])
		g[1] = 200 * (x[1] - x[0]*x[0])
	}
	opt := &optim.Adam{LearningRate: 0.1}
	x := []float64{-1.2, 1}
	g := make([]float64, 2)
	opt.Init(len(x))
	for range 1000 {
		grad(g, x)
		opt.Step(x, g)
	}
	fmt.Printf("x = (%.6f, %.6f)\n", x[0], x[1])
	// Output:
	// x = (0.996477, 0.992954)
}

// NewSpec builds an optimizer from a parsed specification (a front end
// parses the text with spec.Parse); an explicit zero (beta1=0) is a literal
// 0, not "the default".
func ExampleNewSpec() {
	sp, _ := spec.Parse("adam:lr=0.01,beta1=0,amsgrad=true")
	opt, err := optim.NewSpec(sp)
	if err != nil {
		fmt.Println(err)
		return
	}
	a := opt.(*optim.Adam)
	fmt.Println(a.LearningRate, a.Beta1 == 0, a.Amsgrad)
	_, err = optim.NewSpec(spec.Spec{Name: "adam", Params: []spec.Param{{Key: "beta2", Value: "1"}}})
	fmt.Println(err)
	// Output:
	// 0.01 true true
	// optimizer "adam": invalid beta2 1: must be in [0, 1)
}

// AdamW's decoupled weight decay λ holds every weight within 1/λ at any
// rate: its default λ = 0.01 caps a weight at 100, so a fit that needs a
// larger one (an intercept of 152) needs a smaller λ.
func ExampleDecayCap() {
	fmt.Println(optim.DecayCap(&optim.AdamW{}))
	fmt.Println(optim.DecayCap(&optim.AdamW{WeightDecay: 0.001}))
	fmt.Println(optim.DecayCap(&optim.Adam{WeightDecay: 0.01})) // L2 decay: no cap
	// Output:
	// 100
	// 1000
	// 0
}
