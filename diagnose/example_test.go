package diagnose_test

import (
	"context"
	"fmt"

	"github.com/descentgo/descent/diagnose"
	"github.com/descentgo/descent/expr"
	"github.com/descentgo/descent/minimize"
	"github.com/descentgo/descent/optim"
)

// A learning rate just below 2/L = 0.1 makes the iterates zig-zag.
func ExampleDiagnose() {
	f := expr.MustCompile("x^2 + 10*y^2", nil)
	res, _ := minimize.Minimize(context.Background(), f, []float64{3, 1},
		&optim.GD{LearningRate: 0.099}, minimize.Settings{Stop: minimize.Stop{MaxIters: 200, GradTol: 1e-8}})
	d := diagnose.Diagnose(diagnose.Input{
		Status: res.Status, Message: res.Message, History: res.History,
		GradTol: 1e-8, HasLR: true, Bound: 0.1, L: 20,
	})
	fmt.Println(d.Verdict, d.SuggestedLR)
	// Output:
	// oscillating 0.0495
}
