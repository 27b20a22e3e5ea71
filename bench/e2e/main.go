// Command e2e measures what a user waits for: from a CSV file to a saved
// model, `descent train` against pandas.read_csv + scikit-learn's
// SGDClassifier, in the same run, on issue 14's workload: 400,000 rows × 20
// features written with 17 significant digits (about 189 MB), logistic
// regression, 5 epochs, L2 1e-4 (package bench/internal/e2e; the same
// workload is W6 of `go run ./bench`). The medians and their ratios are
// printed with the models' training accuracy.
//
//	go run ./bench/e2e [-rows 400000] [-reps 3] [-python /usr/bin/python3]
//
// Without Python with pandas and scikit-learn it measures descent alone.
package main

import (
	"flag"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"

	"github.com/descentgo/descent/bench/internal/e2e"
	"github.com/descentgo/descent/bench/internal/gencsv"
)

func main() {
	rows := flag.Int("rows", 400000, "rows of the CSV file")
	reps := flag.Int("reps", 3, "runs of each side")
	python := flag.String("python", "/usr/bin/python3", "Python with pandas and scikit-learn (empty: descent only)")
	keep := flag.String("csv", "", "write the CSV file here and keep it (default: a temporary file)")
	flag.Parse()
	dir, err := os.MkdirTemp("", "descent-e2e-")
	check(err)
	defer os.RemoveAll(dir)
	bin := filepath.Join(dir, "descent")
	build := exec.Command("go", "build", "-o", bin, "./cmd/descent")
	build.Stderr = os.Stderr
	check(build.Run())
	csv := filepath.Join(dir, "w.csv")
	if *keep != "" {
		csv = *keep
	}
	size, err := gencsv.Logistic(csv, *rows, 20, 1)
	check(err)
	fmt.Printf("%d rows × 20 features, 17 significant digits: %.0f MB; logistic regression, 5 epochs, l2 1e-4\n", *rows, float64(size)/1e6)
	py := *python
	if !e2e.HasPeer(py) {
		py = ""
	}
	ours, peer, err := e2e.Measure(bin, py, csv, dir, *reps)
	check(err)
	for _, d := range ours {
		fmt.Printf("%-44s wall %6.2f s  cpu %6.2f s  train accuracy %.4f\n", d.Name, d.Wall, d.CPU, d.Accuracy)
	}
	if peer == nil {
		fmt.Println("peer: not run (no Python with pandas and scikit-learn)")
		return
	}
	fmt.Printf("%-44s wall %6.2f s  cpu %6.2f s  train accuracy %.4f\n", peer.Name, peer.Wall, peer.CPU, peer.Accuracy)
	for _, d := range ours {
		fmt.Printf("%s: %.2f× faster in wall time, %.2f× in CPU time\n", d.Name, peer.Wall/d.Wall, peer.CPU/d.CPU)
	}
	fmt.Printf("(medians of %d alternating runs; goals 5× and 4×)\n", *reps)
}

func check(err error) {
	if err != nil {
		fmt.Fprintln(os.Stderr, "e2e:", strings.TrimSpace(err.Error()))
		os.Exit(1)
	}
}
