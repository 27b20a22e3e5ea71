package minimize_test

import (
	"context"
	"fmt"

	"github.com/descentgo/descent/expr"
	"github.com/descentgo/descent/minimize"
	"github.com/descentgo/descent/optim"
)

// Minimize Rosenbrock's function, given as a formula, with Adam.
func ExampleMinimize() {
	f := expr.MustCompile("(1-x)^2 + 100*(y-x^2)^2", nil)
	res, err := minimize.Minimize(context.Background(), f, []float64{-1.2, 1},
		&optim.Adam{LearningRate: 0.05}, minimize.Settings{Stop: minimize.Stop{MaxIters: 20000, GradTol: 1e-8}})
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Printf("%s after %d iterations: x = (%.6f, %.6f), f = %.1e\n",
		res.Status, res.Iterations, res.X[0], res.X[1], res.F)
	// Output:
	// converged_grad after 2821 iterations: x = (1.000000, 1.000000), f = 1.1e-16
}

// With the tolerances off, MaxIters is exactly the number of steps, and
// History row k holds the point after k steps (torch.optim's k step() calls).
func ExampleSettings_exactSteps() {
	f := expr.MustCompile("x^2 + 10*y^2", nil)
	res, _ := minimize.Minimize(context.Background(), f, []float64{3, 1},
		&optim.GD{LearningRate: 0.01}, minimize.Settings{Stop: minimize.Stop{MaxIters: 2}, KeepPath: true})
	for k, x := range res.History.X {
		fmt.Printf("row %d: x = %v, f = %.6g\n", k, x, res.History.F[k])
	}
	// Output:
	// row 0: x = [3 1], f = 19
	// row 1: x = [2.94 0.8], f = 15.0436
	// row 2: x = [2.8811999999999998 0.64], f = 12.3973
}
