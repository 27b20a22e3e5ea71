package cli

import (
	"image/png"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/descentgo/descent/viz"
)

// TestPlotStep draws the step sizes of DoG, Prodigy and Adam under a
// cosine schedule and counts each run's color in the picture: every run
// has a line. A chart of line searches only is an error.
func TestPlotStep(t *testing.T) {
	plot := filepath.Join(t.TempDir(), "step.png")
	_, errs, code := runCLI(t, "compare", "--func", "rosenbrock", "--opt", "dog", "--opt", "prodigy", "--opt", "adam:lr=0.01",
		"--schedule", "cosine", "--max-iters", "200", "--plot-step", plot)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errs)
	}
	f, err := os.Open(plot)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	img, err := png.Decode(f)
	if err != nil {
		t.Fatal(err)
	}
	b := img.Bounds()
	for i := range 3 {
		want := viz.SeriesColor(i)
		n := 0
		for y := b.Min.Y; y < b.Max.Y; y++ {
			for x := b.Min.X; x < b.Max.X; x++ {
				r, g, bl, _ := img.At(x, y).RGBA()
				if near(r>>8, want.R) && near(g>>8, want.G) && near(bl>>8, want.B) {
					n++
				}
			}
		}
		if n < 300 {
			t.Errorf("run %d: %d pixels of its color, want a line (≥ 300)", i, n)
		}
	}
	_, errs, code = runCLI(t, "minimize", "--func", "rosenbrock", "--opt", "lbfgs", "--plot-step", filepath.Join(t.TempDir(), "s.png"))
	if code == 0 || !strings.Contains(errs, "--plot-step: no run has a step size") {
		t.Errorf("line search only: exit %d, %q", code, errs)
	}
	_, errs, code = runCLI(t, "minimize", "--func", "rosenbrock", "--plot-step", "s.txt")
	if code != 2 || !strings.Contains(errs, "--plot-step") {
		t.Errorf("bad extension: exit %d, %q", code, errs)
	}
}

func near(a uint32, b uint8) bool { return a+8 >= uint32(b) && a <= uint32(b)+8 }
