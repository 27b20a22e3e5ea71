package lrfind_test

import (
	"fmt"

	"github.com/descentgo/descent/expr"
	"github.com/descentgo/descent/lrfind"
	"github.com/descentgo/descent/optim"
)

// The range test on x² + 10y² (2/L = 0.1) suggests a rate about half the
// stability bound.
func ExampleForFunc() {
	f := expr.MustCompile("x^2 + 10*y^2", nil)
	r, err := lrfind.ForFunc(f, []float64{3, 1}, &optim.GD{}, lrfind.Settings{})
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Printf("suggested lr %.3g by %s\n", r.Suggested, r.Rule)
	fmt.Printf("stopped early: %v, after %d rates\n", r.StoppedEarly, len(r.LRs))
	// Output:
	// suggested lr 0.0509 by minimum: a tenth of the rate where the smoothed loss is lowest
	// stopped early: true, after 86 rates
}
