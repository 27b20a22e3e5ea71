// Command e2e measures what a user waits for: from a CSV file to a saved
// model, `descent train` against pandas.read_csv + scikit-learn's
// SGDClassifier, in the same run, on issue 14's workload: 400,000 rows × 20
// features written with 17 significant digits (about 150 MB), logistic
// regression, 5 epochs, L2 1e-4. descent takes mini-batches of 64 at lr
// 0.1; scikit-learn's SGD steps on every example (it has no mini-batches)
// with its default schedule, as the issue measured it. The runs alternate
// (descent, peer, descent, …); each is a fresh process whose wall time and
// CPU time (user + system, from its rusage) are taken; the medians and
// their ratios are printed with both models' training accuracy.
//
//	go run ./bench/e2e [-rows 400000] [-reps 3] [-python /usr/bin/python3]
//
// Without Python with pandas and scikit-learn it measures descent alone.
package main

import (
	"github.com/descentgo/descent/bench/internal/gencsv"

	"encoding/json"
	"flag"
	"fmt"
	"math"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"syscall"
	"time"
)

const peer = `
import sys, time, json
import pandas as pd
from sklearn.linear_model import SGDClassifier
path = sys.argv[1]
df = pd.read_csv(path)
X = df.iloc[:, :-1].to_numpy()
y = df.iloc[:, -1].to_numpy()
m = SGDClassifier(loss="log_loss", alpha=1e-4, max_iter=5, tol=None, random_state=1)
m.fit(X, y)
print(json.dumps({"accuracy": float(m.score(X, y))}))
`

type result struct {
	wall, cpu float64
	accuracy  float64
}

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

	hasPeer := *python != "" && exec.Command(*python, "-c", "import pandas, sklearn").Run() == nil
	// descent shuffles every row each epoch by default; the second
	// variant shuffles blocks of 64 rows (--shuffle-block 64), which
	// these i.i.d. rows allow.
	variants := []struct {
		name  string
		extra []string
	}{
		{"descent train (batch 64, lr 0.1)", nil},
		{"descent train, --shuffle-block 64", []string{"--shuffle-block", "64"}},
	}
	ours := make([][]result, len(variants))
	var theirs []result
	for range *reps {
		for i, v := range variants {
			args := append([]string{"train", "--data", csv, "--model", "logistic", "--opt", "sgd:lr=0.1",
				"--batch", "64", "--epochs", "5", "--l2", "1e-4", "--save", filepath.Join(dir, "m.json"), "--json"}, v.extra...)
			ours[i] = append(ours[i], run(exec.Command(bin, args...), descentAccuracy))
		}
		if hasPeer {
			theirs = append(theirs, run(exec.Command(*python, "-c", peer, csv), peerAccuracy))
		}
	}
	for i, v := range variants {
		d := median(ours[i])
		fmt.Printf("%-44s wall %6.2f s  cpu %6.2f s  train accuracy %.4f\n", v.name, d.wall, d.cpu, d.accuracy)
	}
	if !hasPeer {
		fmt.Println("peer: not run (no Python with pandas and scikit-learn)")
		return
	}
	p := median(theirs)
	fmt.Printf("%-44s wall %6.2f s  cpu %6.2f s  train accuracy %.4f\n", "pandas.read_csv + SGDClassifier(max_iter=5)", p.wall, p.cpu, p.accuracy)
	for i, v := range variants {
		d := median(ours[i])
		fmt.Printf("%s: %.2f× faster in wall time, %.2f× in CPU time\n", v.name, p.wall/d.wall, p.cpu/d.cpu)
	}
	fmt.Printf("(medians of %d alternating runs; goals 5× and 4×)\n", *reps)
}

// run runs cmd, times it and reads the accuracy from its output.
func run(cmd *exec.Cmd, accuracy func([]byte) float64) result {
	cmd.Stderr = os.Stderr
	start := time.Now()
	out, err := cmd.Output()
	wall := time.Since(start).Seconds()
	check(err)
	ru := cmd.ProcessState.SysUsage().(*syscall.Rusage)
	cpu := float64(ru.Utime.Sec+ru.Stime.Sec) + float64(ru.Utime.Usec+ru.Stime.Usec)/1e6
	return result{wall: wall, cpu: cpu, accuracy: accuracy(out)}
}

func descentAccuracy(out []byte) float64 {
	var r struct {
		Acc *float64 `json:"train_accuracy"`
	}
	check(json.Unmarshal(out, &r))
	if r.Acc == nil {
		return math.NaN()
	}
	return *r.Acc
}

func peerAccuracy(out []byte) float64 {
	var r struct {
		Accuracy float64 `json:"accuracy"`
	}
	check(json.Unmarshal(out, &r))
	return r.Accuracy
}

// median returns the median wall and CPU times and the last accuracy.
func median(rs []result) result {
	w := make([]float64, len(rs))
	c := make([]float64, len(rs))
	for i, r := range rs {
		w[i], c[i] = r.wall, r.cpu
	}
	slices.Sort(w)
	slices.Sort(c)
	return result{wall: w[len(w)/2], cpu: c[len(c)/2], accuracy: rs[len(rs)-1].accuracy}
}

func check(err error) {
	if err != nil {
		fmt.Fprintln(os.Stderr, "e2e:", strings.TrimSpace(err.Error()))
		os.Exit(1)
	}
}
