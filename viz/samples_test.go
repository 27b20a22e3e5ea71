package viz

import (
	"flag"
	"path/filepath"
	"testing"
)

var samplesDir = flag.String("viz.samples", "", "write sample charts to this directory")

// TestSamples writes the sample charts used to judge the look of the
// package: go test ./viz -run Samples -viz.samples=/tmp/viz
func TestSamples(t *testing.T) {
	if *samplesDir == "" {
		t.Skip("no -viz.samples directory")
	}
	out := func(name string) string { return filepath.Join(*samplesDir, name) }
	ps, ss := quadRuns()
	if err := LossChart(out("quad-loss.png"), ss, LossOptions{Title: "f = x² + 10y², gradient descent from (3, 1)", HasFMin: true}); err != nil {
		t.Fatal(err)
	}
	if err := LossChart(out("quad-loss.svg"), ss, LossOptions{Title: "f = x² + 10y², gradient descent from (3, 1)", HasFMin: true}); err != nil {
		t.Fatal(err)
	}
	if err := LossChart(out("quad-loss-linear.png"), ss, LossOptions{Title: "linear y", LinearY: true}); err != nil {
		t.Fatal(err)
	}
	opt := ContourOptions{Title: "f = x² + 10y²: the learning rate decides", Minima: [][2]float64{{0, 0}}}
	if err := Contour(out("quad-contour.png"), quad, ps, opt); err != nil {
		t.Fatal(err)
	}
	if err := Contour(out("quad-contour.svg"), quad, ps, opt); err != nil {
		t.Fatal(err)
	}
	rp, rs := rosenRuns()
	ropt := ContourOptions{Title: "Rosenbrock: gradient descent from (−1.5, 2)", Minima: [][2]float64{{1, 1}}}
	if err := Contour(out("rosen-contour.png"), rosen, rp, ropt); err != nil {
		t.Fatal(err)
	}
	if err := LossChart(out("rosen-loss.png"), rs, LossOptions{Title: "Rosenbrock", HasFMin: true}); err != nil {
		t.Fatal(err)
	}
	if err := GIF(out("quad.gif"), quad, ps, GIFOptions{ContourOptions: opt}); err != nil {
		t.Fatal(err)
	}
	if err := GIF(out("rosen.gif"), rosen, rp, GIFOptions{ContourOptions: ropt}); err != nil {
		t.Fatal(err)
	}
	lrs, losses, smooth := lrRange()
	if err := LRFindChart(out("lrfind.png"), lrs, losses, smooth, 0.03, 0.1, LossOptions{Title: "learning-rate range test"}); err != nil {
		t.Fatal(err)
	}
	zig := make([]float64, 200)
	for i := range zig {
		zig[i] = 1 + 999*float64(i%2)
	}
	crowded := []Series{{Label: "oscillating between 1 and 1000", Values: zig}, ss[1]}
	if err := LossChart(out("crowded-loss.png"), crowded, LossOptions{Title: "no free corner"}); err != nil {
		t.Fatal(err)
	}
	// The small samples kept in testdata.
	small := opt
	small.Width, small.Height = 640, 560
	if err := Contour(out("quad-contour-small.png"), quad, ps, small); err != nil {
		t.Fatal(err)
	}
	if err := LossChart(out("quad-loss-small.png"), ss, LossOptions{Width: 800, Height: 450, Title: "f = x² + 10y², gradient descent from (3, 1)", HasFMin: true}); err != nil {
		t.Fatal(err)
	}
}
