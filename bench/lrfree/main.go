// Command lrfree compares the learning-rate-free and schedule-free
// optimizers, with their default settings, against Adam at the best rate
// of a grid, on the same budget (issue 16's comparison table):
//
//	go run ./bench/lrfree [-root DIR]
//
// For each problem it prints the final objective of every method and of
// Adam at lr = 10^(k/2), k = −8…0 (1e-4 … 1), and marks Adam's best rate.
// Problems: catalogue functions (minimize, from their start) and linear,
// logistic and softmax training on the data sets in testdata (standardized,
// full batch and mini-batch). Deterministic (training seed 1).
package main

import (
	"context"
	"flag"
	"fmt"
	"math"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"text/tabwriter"

	"github.com/descentgo/descent/minimize"
	"github.com/descentgo/descent/optim"
	"github.com/descentgo/descent/problem"
	"github.com/descentgo/descent/run"
	"github.com/descentgo/descent/spec"
	"github.com/descentgo/descent/train"
)

type prob struct {
	name   string
	fn     string // catalogue function, or "" for training
	iters  int
	data   string
	model  string
	batch  int
	epochs int
}

var problems = []prob{
	{name: "rosenbrock", fn: "rosenbrock", iters: 2000},
	{name: "beale", fn: "beale", iters: 2000},
	{name: "quadratic n=10 κ=100", fn: "quadratic:n=10,kappa=100", iters: 1000},
	{name: "styblinski-tang", fn: "styblinski-tang", iters: 1000},
	{name: "powell-singular", fn: "powell-singular", iters: 2000},
	{name: "diabetes linear, full batch", data: "diabetes.csv", model: "linear", epochs: 200},
	{name: "iris softmax, batch 16", data: "iris.csv", model: "softmax", batch: 16, epochs: 50},
	{name: "wine softmax, full batch", data: "wine.csv", model: "softmax", epochs: 200},
	{name: "wine mlp:hidden=16, batch 32", data: "wine.csv", model: "mlp:hidden=16,act=tanh", batch: 32, epochs: 50},
}

func main() {
	root := flag.String("root", "", "the repository root (default: the directory of go.mod, searched upward)")
	flag.Parse()
	if *root == "" {
		d, _ := os.Getwd()
		for {
			if _, err := os.Stat(filepath.Join(d, "go.mod")); err == nil {
				break
			}
			if p := filepath.Dir(d); p != d {
				d = p
			} else {
				fail(fmt.Errorf("no go.mod"))
			}
		}
		*root = d
	}
	var methods []string
	for _, n := range []string{"dog", "prodigy", "cocob", "mechanic", "dadapt_sgd", "dadapt_adam", "sgd_sf", "adamw_sf"} {
		if _, ok := optim.Lookup(n); ok {
			methods = append(methods, n)
		}
	}
	var grid []float64
	for k := -8; k <= 0; k++ {
		grid = append(grid, math.Pow(10, float64(k)/2))
	}
	w := tabwriter.NewWriter(os.Stdout, 2, 4, 2, ' ', tabwriter.AlignRight)
	head := "problem\t"
	for _, m := range methods {
		head += m + "\t"
	}
	head += "adam best lr\tadam at it\t"
	fmt.Fprintln(w, head)
	for _, p := range problems {
		row := p.name + "\t"
		for _, m := range methods {
			row += fmtF(runOne(*root, p, spec.MustParse(m))) + "\t"
		}
		best, bestLR := math.Inf(1), 0.0
		for _, lr := range grid {
			v := runOne(*root, p, spec.MustParse("adam:lr="+strconv.FormatFloat(lr, 'g', -1, 64)))
			if v < best {
				best, bestLR = v, lr
			}
		}
		row += fmt.Sprintf("%.3g\t%s\t", bestLR, fmtF(best))
		fmt.Fprintln(w, row)
	}
	w.Flush()
	fmt.Printf("\nfinal objective (f for functions, training loss for data); adam's grid: lr = 10^(k/2), k = -8…0; methods with their defaults; %s\n", strings.Join(methods, ", "))
}

func fmtF(v float64) string {
	if math.IsNaN(v) || math.IsInf(v, 0) {
		return "diverged"
	}
	return strconv.FormatFloat(v, 'g', 4, 64)
}

// runOne returns the final objective of one run (+Inf when it diverged or
// failed).
func runOne(root string, p prob, opt spec.Spec) float64 {
	if p.fn != "" {
		pr, err := problem.New(problem.Spec{Func: spec.MustParse(p.fn)})
		if err != nil {
			fail(err)
		}
		s := minimize.DefaultSettings()
		s.MaxIters = p.iters
		rep, err := run.Minimize(context.Background(), run.Config{Problem: pr, Opt: opt, Settings: s})
		if err != nil || rep.Status == minimize.Diverged {
			return math.Inf(1)
		}
		return float64(rep.F)
	}
	cfg := train.DefaultConfig()
	cfg.Path = filepath.Join(root, "testdata/datasets", p.data)
	cfg.Model, cfg.Opt, cfg.Batch, cfg.Epochs, cfg.Standardize, cfg.Seed = spec.MustParse(p.model), opt, p.batch, p.epochs, true, 1
	res, err := train.Train(context.Background(), cfg)
	if err != nil || res.Status == minimize.Diverged {
		return math.Inf(1)
	}
	return float64(res.TrainLoss)
}

func fail(err error) {
	fmt.Fprintln(os.Stderr, "lrfree:", err)
	os.Exit(1)
}
