package curvature_test

import (
	"fmt"

	"github.com/descentgo/descent/curvature"
	"github.com/descentgo/descent/expr"
	"github.com/descentgo/descent/optim"
)

// The largest Hessian eigenvalue of x² + 10y² is L = 20, so plain gradient
// descent is stable for lr < 2/L = 0.1.
func ExampleAt() {
	f := expr.MustCompile("x^2 + 10*y^2", nil)
	est, err := curvature.At(f, []float64{3, 1})
	if err != nil {
		fmt.Println(err)
		return
	}
	b := optim.StableLR(&optim.GD{}, est.L)
	fmt.Printf("L = %.6g (exact Hessian-vector products: %v)\n", est.L, est.Exact)
	fmt.Printf("stable lr < %.6g by %s\n", b.LR, b.Rule)
	m := optim.StableLR(&optim.SGD{Momentum: 0.9}, est.L)
	fmt.Printf("with momentum 0.9: lr < %.6g\n", m.LR)
	// Output:
	// L = 20 (exact Hessian-vector products: true)
	// stable lr < 0.1 by 2/L (gradient descent on the local quadratic model)
	// with momentum 0.9: lr < 0.19
}
