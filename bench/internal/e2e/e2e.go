// Package e2e measures what a user waits for — from a CSV file to a saved
// model — for `go run ./bench/e2e` and the W6 workload of `go run ./bench`:
// `descent train` against pandas.read_csv + scikit-learn's SGDClassifier,
// in the same run, on issue 14's workload (a CSV of 17-digit floats,
// logistic regression, 5 epochs, L2 1e-4). descent takes mini-batches of
// 64 at lr 0.1, row by row and by 64-row blocks (--shuffle-block 64);
// scikit-learn's SGD steps on every example with its default schedule.
// The runs alternate; each is a fresh process whose wall time and CPU
// time (user + system, from its rusage) are taken, with the training
// accuracy it reports.
package e2e

import (
	"encoding/json"
	"fmt"
	"math"
	"os/exec"
	"path/filepath"
	"slices"
	"syscall"
	"time"
)

// Peer is the pandas + scikit-learn program (argument: the CSV file).
const Peer = `
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

// Variant is one way of running descent.
type Variant struct {
	Name  string
	Extra []string // flags added to the common ones
}

// Variants are descent's runs: row by row (the default) and by 64-row
// blocks, which the generated i.i.d. rows allow.
var Variants = []Variant{
	{"descent train (batch 64, lr 0.1)", nil},
	{"descent train, --shuffle-block 64", []string{"--shuffle-block", "64"}},
}

// Result is the median of a side's runs.
type Result struct {
	Name      string
	Wall, CPU float64 // seconds
	Accuracy  float64
}

// Measure runs each of Variants and, when python is not empty, the peer,
// reps times each, alternating, with the descent binary bin on csv (model
// files go to dir), and returns descent's medians in Variants' order and
// the peer's (nil without python).
func Measure(bin, python, csv, dir string, reps int) ([]Result, *Result, error) {
	ours := make([][]run, len(Variants))
	var theirs []run
	for range reps {
		for i, v := range Variants {
			args := append([]string{"train", "--data", csv, "--model", "logistic", "--opt", "sgd:lr=0.1",
				"--batch", "64", "--epochs", "5", "--l2", "1e-4", "--save", filepath.Join(dir, "m.json"), "--json"}, v.Extra...)
			r, err := timed(exec.Command(bin, args...), "train_accuracy")
			if err != nil {
				return nil, nil, err
			}
			ours[i] = append(ours[i], r)
		}
		if python != "" {
			r, err := timed(exec.Command(python, "-c", Peer, csv), "accuracy")
			if err != nil {
				return nil, nil, err
			}
			theirs = append(theirs, r)
		}
	}
	out := make([]Result, len(Variants))
	for i, v := range Variants {
		out[i] = median(ours[i])
		out[i].Name = v.Name
	}
	if python == "" {
		return out, nil, nil
	}
	p := median(theirs)
	p.Name = "pandas.read_csv + SGDClassifier(max_iter=5)"
	return out, &p, nil
}

// HasPeer reports whether python can import pandas and scikit-learn.
func HasPeer(python string) bool {
	return python != "" && exec.Command(python, "-c", "import pandas, sklearn").Run() == nil
}

type run struct{ wall, cpu, acc float64 }

// timed runs cmd, times it and reads the accuracy field key of its JSON
// output.
func timed(cmd *exec.Cmd, key string) (run, error) {
	start := time.Now()
	out, err := cmd.Output()
	wall := time.Since(start).Seconds()
	if err != nil {
		return run{}, fmt.Errorf("%s: %v", cmd.Args[0], err)
	}
	ru := cmd.ProcessState.SysUsage().(*syscall.Rusage)
	cpu := float64(ru.Utime.Sec+ru.Stime.Sec) + float64(ru.Utime.Usec+ru.Stime.Usec)/1e6
	var r map[string]any
	if err := json.Unmarshal(out, &r); err != nil {
		return run{}, fmt.Errorf("%s: %v", cmd.Args[0], err)
	}
	acc, ok := r[key].(float64)
	if !ok {
		acc = math.NaN()
	}
	return run{wall, cpu, acc}, nil
}

// median returns the median wall and CPU times and the last accuracy.
func median(rs []run) Result {
	w := make([]float64, len(rs))
	c := make([]float64, len(rs))
	for i, r := range rs {
		w[i], c[i] = r.wall, r.cpu
	}
	slices.Sort(w)
	slices.Sort(c)
	return Result{Wall: w[len(w)/2], CPU: c[len(c)/2], Accuracy: rs[len(rs)-1].acc}
}
