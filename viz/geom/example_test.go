package geom_test

import (
	"fmt"

	"github.com/descentgo/descent/viz/geom"
)

// A straight path from (−1, −1) to the minimum (1, 1): the window is its
// bounding box [−1, 1]² with a margin of 8% of its side 2 (0.16).
func ExampleFitWindow() {
	p := geom.Path{X: []float64{-1, 0, 1}, Y: []float64{-1, 0, 1}}
	fmt.Printf("%.2f\n", geom.FitWindow([]geom.Path{p}, [][2]float64{{1, 1}}))
	// Output: [-1.16 1.16 -1.16 1.16]
}

// Ten values thinned to six indices: the ends, and the lowest and highest
// of each of the two buckets [1, 5) and [5, 9).
func ExampleEnvelope() {
	v := []float64{5, 1, 4, 2, 8, 0, 3, 9, 6, 7}
	fmt.Println(geom.Envelope(v, 6))
	// Output: [0 1 4 5 7 9]
}
