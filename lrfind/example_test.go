package lrfind_test

import (
	"fmt"

	"github.com/descentgo/descent/expr"
	"github.com/descentgo/descent/lrfind"
	"github.com/descentgo/descent/optim"
)

// The range test on x² + 10y² (2/L = 0.1): the valley rule reads a rate far
// too small on this smooth curve, and validation climbs from it by factors
// of 3 while the loss after 100 steps is clearly lower, stopping below the
// rate that diverges.
func ExampleForFunc() {
	f := expr.MustCompile("x^2 + 10*y^2", nil)
	r, err := lrfind.ForFunc(f, []float64{3, 1}, &optim.GD{}, lrfind.Settings{})
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Printf("%s rule: %.3g, validated: %.3g\n", r.Rule, r.Proposed, r.Suggested)
	for _, c := range r.Validation {
		fmt.Printf("  lr %.3g: %s\n", c.LR, c.Verdict)
	}
	// Output:
	// valley rule: 0.000298, validated: 0.0725
	//   lr 0.000298: ok
	//   lr 9.95e-05: ok
	//   lr 0.000895: ok
	//   lr 0.00269: ok
	//   lr 0.00806: ok
	//   lr 0.0242: ok
	//   lr 0.0725: ok
	//   lr 0.218: diverged
}
