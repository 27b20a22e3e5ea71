package cli

import (
	"image/png"
	"math"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestMinimizeSharpness: on f = ½(x² + 100y²) the Hessian is diag(1, 100)
// everywhere, so with --sharpness 10 over 30 iterations the JSON holds
// λmax = 100 at iterations 0, 10, 20 and 30, and the text report says so.
func TestMinimizeSharpness(t *testing.T) {
	args := []string{"minimize", "--expr", "0.5*(x^2 + 100*y^2)", "--start", "3,1", "--opt", "gd:lr=0.015",
		"--max-iters", "30", "--grad-tol", "0", "--sharpness", "10"}
	out, errs, code := runCLI(t, append(args, "--json")...)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errs)
	}
	var r reportJSON
	if err := decodeStrict([]byte(out), &r); err != nil {
		t.Fatalf("output does not have the documented shape: %v\n%s", err, out)
	}
	if len(r.Sharpness) != 4 {
		t.Fatalf("%d measurements, want 4 (iterations 0, 10, 20, 30):\n%s", len(r.Sharpness), out)
	}
	for i, s := range r.Sharpness {
		if s.Iter != 10*i || s.LambdaMax == nil || math.Abs(*s.LambdaMax-100) > 1e-7 {
			t.Errorf("measurement %d: %+v (λ %v), want iteration %d, λmax 100", i, s, s.LambdaMax, 10*i)
		}
	}
	text, errs, code := runCLI(t, args...)
	if code != 0 || !strings.Contains(text, "sharpness    λmax = 100 at iteration 0, 100 at 30") {
		t.Errorf("exit %d (%s), text report without the sharpness line:\n%s", code, errs, text)
	}
	// Off by default: no key.
	out, _, _ = runCLI(t, "minimize", "--expr", "0.5*(x^2 + 100*y^2)", "--start", "3,1", "--max-iters", "3", "--json")
	if strings.Contains(out, `"sharpness"`) {
		t.Errorf("sharpness in the output without --sharpness:\n%s", out)
	}
}

// rosenLambda is λmax of the closed-form Hessian of Rosenbrock,
// [[1200x² − 400y + 2, −400x], [−400x, 200]].
func rosenLambda(x, y float64) float64 {
	a, b, c := 1200*x*x-400*y+2, -400*x, 200.0
	return (a+c)/2 + math.Hypot((a-c)/2, b)
}

// TestCompareSharpness: every run's first measurement is λmax at the start
// (−1.2, 1), 765 + √(565² + 480²) ≈ 1506.4 from the closed form; the runs
// measure every 5 iterations; the chart is written.
func TestCompareSharpness(t *testing.T) {
	dir := t.TempDir()
	plot := filepath.Join(dir, "sharp.png")
	out, errs, code := runCLI(t, "compare", "--func", "rosenbrock", "--opt", "gd:lr=0.001",
		"--opt", "sgd:lr=0.0005,momentum=0.9", "--opt", "adam:lr=0.01", "--max-iters", "40",
		"--sharpness", "5", "--plot-sharpness", plot, "--json")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errs)
	}
	var r compareJSON
	if err := decodeStrict([]byte(out), &r); err != nil {
		t.Fatalf("output does not have the documented shape: %v\n%s", err, out)
	}
	want := rosenLambda(-1.2, 1)
	for _, run := range r.Runs {
		if len(run.Sharpness) != 9 {
			t.Fatalf("run %s: %d measurements, want 9 (0, 5, …, 40)", run.Spec, len(run.Sharpness))
		}
		if s := run.Sharpness[0]; s.Iter != 0 || s.LambdaMax == nil || math.Abs(*s.LambdaMax-want) > 1e-6*want {
			t.Errorf("run %s: first measurement %+v, want λmax %.6g at iteration 0", run.Spec, s, want)
		}
		for i, s := range run.Sharpness {
			if s.Iter != 5*i || s.LambdaMax == nil || !(*s.LambdaMax > 0) {
				t.Errorf("run %s: measurement %d = %+v", run.Spec, i, s)
			}
		}
	}
	f, err := os.Open(plot)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	img, err := png.Decode(f)
	if err != nil || img.Bounds().Dx() != 960 || img.Bounds().Dy() != 540 {
		t.Fatalf("%s: %v, bounds %v", plot, err, img.Bounds())
	}
}

func TestSharpnessFlagErrors(t *testing.T) {
	for _, tc := range []struct {
		args []string
		msg  string
	}{
		{[]string{"minimize", "--func", "rosenbrock", "--sharpness", "-1"}, "--sharpness -1: must be ≥ 0"},
		{[]string{"compare", "--func", "rosenbrock", "--plot-sharpness", "x.png"}, "--plot-sharpness needs --sharpness"},
		{[]string{"compare", "--func", "rosenbrock", "--sharpness", "2", "--plot-sharpness", "x.txt"}, `unsupported extension ".txt"`},
	} {
		_, errs, code := runCLI(t, tc.args...)
		if code != 2 || !strings.Contains(errs, tc.msg) {
			t.Errorf("%v: exit %d, stderr %q, want exit 2 with %q", tc.args, code, errs, tc.msg)
		}
	}
}
