package optim_test

import (
	"fmt"

	"github.com/descentgo/descent/optim"
)

// bowl is f(x, y) = (x − 3)² + 10(y + 1)², minimized at (3, −1).
type bowl struct{}

func (bowl) Dim() int { return 2 }
func (b bowl) Value(x []float64) float64 {
	return (x[0]-3)*(x[0]-3) + 10*(x[1]+1)*(x[1]+1)
}
func (b bowl) ValueGrad(g, x []float64) float64 {
	g[0], g[1] = 2*(x[0]-3), 20*(x[1]+1)
	return b.Value(x)
}

// LBFGSTorch is torch.optim.LBFGS: one Iterate is one optimizer.step(closure),
// up to max_iter = 20 L-BFGS iterations; with the strong-Wolfe search one step
// reaches the minimum of a quadratic bowl.
func ExampleLBFGSTorch() {
	m := &optim.LBFGSTorch{StrongWolfe: true}
	x, g := []float64{0, 0}, make([]float64, 2)
	f := bowl{}.ValueGrad(g, x)
	m.Init(2)
	f, evals, err := m.Iterate(bowl{}, x, g, f)
	fmt.Printf("x = (%.6f, %.6f), f = %.2g, %d evaluations, err %v\n", x[0], x[1], f, evals, err)
	// Output:
	// x = (3.000000, -1.000000), f = 4e-13, 8 evaluations, err <nil>
}

// Averager: the point ASGD reports and predicts with is its average of the
// iterates (here, from t₀ = 0 and with μ lagging a step as in torch, the
// mean of x₂ ≈ 0.64 and x₃ ≈ 0.512), which engines read through AveragedPoint.
func ExampleAveragedPoint() {
	o := &optim.ASGD{LearningRate: 0.1, T0: optim.Zero}
	x, g := []float64{1}, make([]float64, 1)
	o.Init(1)
	fmt.Println(optim.AveragedPoint(o, nil)) // nil before the first step
	for range 3 {
		g[0] = 2 * x[0] // f = x²
		o.Step(x, g)
	}
	fmt.Printf("x = %.4f, averaged %.4f\n", x[0], optim.AveragedPoint(o, nil)[0])
	// Output:
	// []
	// x = 0.5120, averaged 0.5760
}
