package cli

import (
	"bytes"
	"context"
	"encoding/csv"
	"math"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

// runCLI runs the command in-process and returns stdout, stderr and the exit code.
func runCLI(t *testing.T, args ...string) (string, string, int) {
	t.Helper()
	root := NewRoot(Options{})
	var out, errb bytes.Buffer
	root.SetArgs(args)
	root.SetOut(&out)
	root.SetErr(&errb)
	err := root.Execute()
	code := 0
	if err != nil {
		// exitCode prints to os.Stderr; capture the message here instead.
		errb.WriteString(err.Error())
		code = exitCodeQuiet(err)
	}
	return out.String(), errb.String(), code
}

// TestMinimizeJSON decodes the --json output strictly into the documented
// shape (see decodeStrict) and checks its values on Rosenbrock, whose
// minimum is f = 0 at (1, 1).
func TestMinimizeJSON(t *testing.T) {
	out, errs, code := runCLI(t, "minimize", "--expr", "(1-x)^2 + 100*(y-x^2)^2", "--start", "-1.2,1", "--opt", "lbfgs", "--json")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errs)
	}
	var r reportJSON
	if err := decodeStrict([]byte(out), &r); err != nil {
		t.Fatalf("output does not have the documented shape: %v\n%s", err, out)
	}
	if len(r.X) != 2 || r.X[0] == nil || r.X[1] == nil || r.F == nil || r.GradNorm == nil || len(r.Best.X) != 2 || r.Best.F == nil {
		t.Fatalf("null or missing numbers: %s", out)
	}
	x, y := *r.X[0], *r.X[1]
	// f at the reported point, computed here.
	fxy := (1-x)*(1-x) + 100*(y-x*x)*(y-x*x)
	if r.Spec != "lbfgs" || r.LR != nil || r.Status != "converged_grad" || math.Abs(x-1) > 1e-6 || math.Abs(y-1) > 1e-6 ||
		*r.F > 1e-12 || math.Abs(*r.F-fxy) > 1e-9*fxy+1e-30 || *r.GradNorm > 1e-8 || *r.Best.F > *r.F ||
		r.Best.Iteration > r.Iterations || r.Iterations < 1 || r.Evaluations < r.Iterations || r.ElapsedSeconds < 0 ||
		r.Message == "" || r.Diagnosis.Verdict != "converged" || r.Diagnosis.Advice == "" || r.Diagnosis.SuggestedLR != nil {
		t.Fatalf("unexpected result (f(x) computed here = %g): %s", fxy, out)
	}
	// L-BFGS chooses its steps by a line search: no stable bound applies.
	if c := r.Curvature; c == nil || c.StableLRBound != nil || c.L == nil || !(*c.L > 0) || c.Rule == "" || (c.Point != "start" && c.Point != "best") {
		t.Fatalf("curvature: %s", out)
	}
}

// TestTraceRows checks the trace against gradient descent's closed form on a
// quadratic: row k holds the point after k steps.
func TestTraceRows(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "t.csv")
	_, errs, code := runCLI(t, "minimize", "--expr", "x^2 + 10*y^2", "--start", "3,1", "--opt", "gd:lr=0.01",
		"--max-iters", "25", "--grad-tol", "0", "--trace", path)
	if code != 0 {
		t.Fatal(errs)
	}
	f, _ := os.Open(path)
	defer f.Close()
	rows, err := csv.NewReader(f).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	if strings.Join(rows[0], ",") != "iter,f,grad_norm,lr,x,y" || len(rows) != 27 {
		t.Fatalf("header %v, %d rows", rows[0], len(rows))
	}
	for k, row := range rows[1:] {
		x, _ := strconv.ParseFloat(row[4], 64)
		y, _ := strconv.ParseFloat(row[5], 64)
		wx, wy := 3*math.Pow(1-0.01*2, float64(k)), math.Pow(1-0.01*20, float64(k))
		if math.Abs(x-wx) > 1e-13 || math.Abs(y-wy) > 1e-13 || row[0] != strconv.Itoa(k) || row[3] != "0.01" {
			t.Fatalf("row %d = %v, want x=%v y=%v", k, row, wx, wy)
		}
	}
}

func TestExitCodesAndErrors(t *testing.T) {
	dir := t.TempDir()
	tests := []struct {
		args []string
		code int
		msg  string
	}{
		{[]string{"minimize", "--expr", "x^2+10*y^2", "--start", "3,1", "--opt", "gd:lr=0.11", "--max-iters", "200"}, 3, ""},
		{[]string{"minimize", "--expr", "x^2", "--max-iters", "5"}, 0, ""},
		{[]string{"minimize"}, 2, "give the function to minimize: --func NAME (see `descent functions`) or --expr FORMULA"},
		{[]string{"minimize", "--func", "rosenbrock", "--expr", "x"}, 2, "--func and --expr are exclusive: give one"},
		{[]string{"minimize", "--expr", "sine(x)"}, 2, `--expr: expr:1:1: unknown function "sine"`},
		{[]string{"minimize", "--func", "rosenbrok"}, 2, `--func: unknown function "rosenbrok"`},
		{[]string{"minimize", "--expr", "x^2+y^2", "--start", "1"}, 2, "--start: has 1 values, but the function has 2 variables (x, y)"},
		{[]string{"minimize", "--expr", "x^2", "--start", "abc"}, 2, `--start: item 1: "abc" is not a finite number`},
		{[]string{"minimize", "--expr", "x^2", "--opt", "adamm"}, 2, `--opt: unknown optimizer "adamm" (known: `},
		{[]string{"minimize", "--expr", "x^2", "--opt", "adam:beta3=1"}, 2, `--opt: optimizer "adam" has no parameter "beta3" (valid: `},
		{[]string{"minimize", "--expr", "x^2", "--opt", "adam:lr=fast"}, 2, `--opt: optimizer "adam": lr=fast: "fast" is not a finite number`},
		{[]string{"minimize", "--expr", "x^2", "--max-iters", "-1"}, 2, "--max-iters -1: must be ≥ 0"},
		{[]string{"minimize", "--expr", "x^2", "--grad-tol", "NaN"}, 2, "--grad-tol NaN: must be a finite number"},
		{[]string{"compare", "--expr", "x^2", "--clip-norm", "Inf"}, 2, "--clip-norm +Inf: must be a finite number"},
		{[]string{"minimize", "--expr", "x^2", "--prev-lr", "-1"}, 2, "--prev-lr: -1: must be a learning rate > 0"},
		{[]string{"minimize", "--expr", "x^2", "--prev-lr", "Inf"}, 2, "--prev-lr: +Inf: must be a learning rate > 0"},
		{[]string{"minimize", "--expr", "x^2", "--trace", "t.txt"}, 2, `--trace: trace file "t.txt": unknown extension ".txt" (use .csv or .jsonl)`},
		{[]string{"minimize", "--expr", "x^2", "--trace", "/nonexistent/d/t.csv"}, 2, "--trace: cannot write trace file /nonexistent/d/t.csv: no such file or directory"},
		{[]string{"minimize", "--expr", "log(x)", "--start", "-1"}, 2, "not finite at the start point"},
		{[]string{"minimize", "--expr", "x^2", "--bogus"}, 2, "unknown flag: --bogus"},
		{[]string{"minimize", "--expr", "x^2", "--opt", "lbfgs", "--clip-norm", "1"}, 2, "clipping applies to step-based optimizers only"},
		{[]string{"compare", "--func", "wood", "--contour", filepath.Join(dir, "c.png")}, 2, "--contour/--gif draw 2-D problems only; wood has 4 variables"},
		{[]string{"compare", "--expr", "x^2+y^2", "--lr", ""}, 2, "--lr: empty list"},
		{[]string{"compare", "--expr", "x^2+y^2", "--lr", "0.1,-1"}, 2, "--lr: item 2: learning rate -1 must be positive"},
		{[]string{"compare", "--expr", "x^2+y^2", "--plot", "/nonexistent/dir/p.png"}, 2, "--plot /nonexistent/dir/p.png: cannot write in /nonexistent/dir: no such file or directory"},
		{[]string{"compare", "--expr", "x^2+y^2", "--plot", filepath.Join(dir, "p.bmp")}, 2, `unsupported extension ".bmp" (use .png, .svg, .pdf)`},
		{[]string{"compare", "--expr", "x^2+y^2", "--window", "1,0,0,1"}, 2, "need xmin < xmax and ymin < ymax"},
		{[]string{"compare", "--expr", "x^2+y^2", "--window", "1abc,2,0,1"}, 2, `--window: item 1: "1abc" is not a finite number`},
		{[]string{"compare", "--expr", "x^2+y^2", "--window", "0,inf,0,1"}, 2, `--window: item 2: "inf" is not a finite number`},
		{[]string{"minimize", "--expr", "x^2", "--plot", "/nonexistent/dir/p.svg"}, 2, "--plot /nonexistent/dir/p.svg: cannot write in /nonexistent/dir: no such file or directory"},
		{[]string{"lrfind", "--expr", "x^2+y^2", "--opt", "lbfgs"}, 2, "the range test needs a step-based optimizer"},
		{[]string{"lrfind", "--expr", "x^2+y^2", "--steps", "2"}, 2, "--steps: 2: need at least 5"},
	}
	for _, tc := range tests {
		_, errs, code := runCLI(t, tc.args...)
		if code != tc.code || !strings.Contains(errs, tc.msg) {
			t.Errorf("descent %s: exit %d, stderr %q; want exit %d with %q", strings.Join(tc.args, " "), code, errs, tc.code, tc.msg)
		}
	}
	if entries, _ := os.ReadDir(dir); len(entries) != 0 {
		t.Errorf("files left behind: %v", entries)
	}
}

func TestCompareVerdictsAndPictures(t *testing.T) {
	dir := t.TempDir()
	plot, contour, gif := filepath.Join(dir, "loss.png"), filepath.Join(dir, "paths.png"), filepath.Join(dir, "race.gif")
	out, errs, code := runCLI(t, "compare", "--expr", "x^2 + 10*y^2", "--start", "3,1", "--opt", "gd",
		"--lr", "0.001,0.05,0.099,0.11", "--max-iters", "200", "--json",
		"--plot", plot, "--contour", contour, "--gif", gif, "--trace-dir", dir)
	if code != 0 {
		t.Fatal(errs)
	}
	var r compareJSON
	if err := decodeStrict([]byte(out), &r); err != nil {
		t.Fatalf("output does not have the documented shape: %v\n%s", err, out)
	}
	want := []struct {
		lr      float64
		verdict string
	}{{0.001, "too_slow"}, {0.05, "converged"}, {0.099, "oscillating"}, {0.11, "diverged"}}
	if r.Problem == "" || len(r.Runs) != len(want) {
		t.Fatalf("problem %q with %d runs, want %d runs:\n%s", r.Problem, len(r.Runs), len(want), out)
	}
	for i, run := range r.Runs {
		if run.LR == nil || *run.LR != want[i].lr || !strings.Contains(run.Spec, strconv.FormatFloat(want[i].lr, 'g', -1, 64)) {
			t.Errorf("run %d: spec %q lr %v, want lr %g (the order given)", i, run.Spec, run.LR, want[i].lr)
		}
		if run.Diagnosis.Verdict != want[i].verdict {
			t.Errorf("run %s: verdict %s, want %s", run.Spec, run.Diagnosis.Verdict, want[i].verdict)
		}
	}
	// gd on x² + 10y² (L = 20) is stable for lr < 2/L = 0.1.
	for _, run := range r.Runs {
		if c := run.Curvature; c == nil || c.StableLRBound == nil || math.Abs(*c.StableLRBound-0.1) > 1e-9 {
			t.Errorf("run %s: curvature %+v, want stable_lr_bound 0.1", run.Spec, c)
		}
	}
	for _, p := range []string{plot, contour, gif, filepath.Join(dir, "gd_lr=0.099.csv")} {
		if st, err := os.Stat(p); err != nil || st.Size() == 0 {
			t.Errorf("%s: %v", p, err)
		}
	}
}

func TestInterrupted(t *testing.T) {
	root := NewRoot(Options{})
	var out bytes.Buffer
	root.SetArgs([]string{"minimize", "--expr", "x^2", "--start", "1", "--opt", "gd:lr=1e-9", "--max-iters", "0", "--grad-tol", "0", "--json"})
	root.SetOut(&out)
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	// Interrupted: the result is written, and the exit status is 130.
	if err := root.ExecuteContext(ctx); exitCodeQuiet(err) != 130 {
		t.Fatalf("exit status %d (%v), want 130", exitCodeQuiet(err), err)
	}
	var r reportJSON
	if err := decodeStrict(out.Bytes(), &r); err != nil {
		t.Fatalf("output does not have the documented shape: %v\n%s", err, out.String())
	}
	// The run stops after the current step at most; f is x² there.
	if r.Status != "interrupted" || r.Iterations > 1 || len(r.X) != 1 || r.X[0] == nil || r.F == nil || math.Abs(*r.F-*r.X[0]**r.X[0]) > 1e-15 {
		t.Fatalf("want status interrupted after at most one step, with f = x²:\n%s", out.String())
	}
}
