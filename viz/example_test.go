package viz_test

import (
	"fmt"
	"image/png"
	"log"
	"os"
	"path/filepath"

	"github.com/descentgo/descent/viz"
)

// Gradient descent on f = x² + 10y² from (3, 1): the loss curve of one run
// and its path over the contour map.
func Example() {
	dir, err := os.MkdirTemp("", "viz-example")
	if err != nil {
		log.Fatal(err)
	}
	defer os.RemoveAll(dir)

	f := func(x, y float64) float64 { return x*x + 10*y*y }
	const lr = 0.05
	path := viz.Path{Label: "gd lr=0.05", X: []float64{3}, Y: []float64{1}}
	loss := viz.Series{Label: "gd lr=0.05", Values: []float64{f(3, 1)}}
	for i := 0; i < 50; i++ {
		x, y := path.X[i], path.Y[i]
		x, y = x-lr*2*x, y-lr*20*y
		path.X, path.Y = append(path.X, x), append(path.Y, y)
		loss.Values = append(loss.Values, f(x, y))
	}

	lossFile := filepath.Join(dir, "loss.png")
	err = viz.LossChart(lossFile, []viz.Series{loss}, viz.LossOptions{
		Width: 640, Height: 360, HasFMin: true, // f* = 0: plot f − f* on a log axis
	})
	if err != nil {
		log.Fatal(err)
	}
	mapFile := filepath.Join(dir, "map.svg")
	err = viz.Contour(mapFile, f, []viz.Path{path}, viz.ContourOptions{Minima: [][2]float64{{0, 0}}})
	if err != nil {
		log.Fatal(err)
	}

	r, err := os.Open(lossFile)
	if err != nil {
		log.Fatal(err)
	}
	defer r.Close()
	cfg, err := png.DecodeConfig(r)
	if err != nil {
		log.Fatal(err)
	}
	fmt.Printf("loss chart: %d×%d pixels\n", cfg.Width, cfg.Height)

	// Where is the start of the path in the picture?
	l, err := viz.ContourLayout([]viz.Path{path}, viz.ContourOptions{Minima: [][2]float64{{0, 0}}})
	if err != nil {
		log.Fatal(err)
	}
	px, py := l.Pixel(3, 1)
	fmt.Println("start in the data area:", l.Contains(px, py))

	err = viz.LossChart(filepath.Join(dir, "loss.jpg"), []viz.Series{loss}, viz.LossOptions{})
	fmt.Println(err != nil)
	// Output:
	// loss chart: 640×360 pixels
	// start in the data area: true
	// true
}
