package main

import (
	"encoding/json"
	"math"
	"slices"
	"syscall"
	"time"

	"fmt"
	"os"
	"os/exec"
	"path/filepath"

	"github.com/descentgo/descent/bench/internal/gencsv"
)

// w6 measures issue 14's end-to-end workload — from a CSV file to a saved
// model, `descent train` against pandas.read_csv + scikit-learn's
// SGDClassifier (a CSV of 17-digit floats, logistic regression, 5 epochs,
// L2 1e-4; descent with mini-batches of 64 at lr 0.1, row by row and by
// 64-row blocks; scikit-learn steps on every example with its default
// schedule), alternating fresh processes whose wall and CPU times (user +
// system, from rusage) and reported training accuracy are taken — and
// records descent's and the peer's median wall times; the CPU times go
// into the targets.
func (b *bench) w6() error {
	sz := b.cfg.sz
	bin := filepath.Join(b.dir, "descent")
	build := exec.Command("go", "build", "-o", bin, "github.com/descentgo/descent/cmd/descent")
	build.Stderr = b.log
	if err := build.Run(); err != nil {
		return fmt.Errorf("W6: building descent: %v", err)
	}
	csv := filepath.Join(b.dir, "w6.csv")
	size, err := gencsv.Logistic(csv, sz.w6Rows, 20, b.cfg.seed)
	if err != nil {
		return err
	}
	defer os.Remove(csv)
	b.logf("W6: %d × 20 CSV, %.0f MB; %d alternating runs of each side", sz.w6Rows, float64(size)/1e6, sz.w6Reps)
	py := ""
	if b.py != nil && w6HasPeer(b.cfg.python) {
		py = b.cfg.python
	}
	ours, peer, err := w6Measure(bin, py, csv, b.dir, sz.w6Reps)
	if err != nil {
		return err
	}
	b.w6res = ours
	b.w6peer = peer
	for _, d := range ours {
		b.logf("  %s: wall %.2f s, cpu %.2f s, accuracy %.4f", d.Name, d.Wall, d.CPU, d.Accuracy)
		b.add(Result{Workload: "W6", Impl: "descent", Variant: d.Name, Metric: "s", Value: d.Wall, Threads: "2"})
	}
	if peer != nil {
		b.logf("  %s: wall %.2f s, cpu %.2f s, accuracy %.4f", peer.Name, peer.Wall, peer.CPU, peer.Accuracy)
		b.add(Result{Workload: "W6", Impl: "pandas+sklearn", Variant: peer.Name, Metric: "s", Value: peer.Wall, Threads: "1"})
	}
	return nil
}

// w6Report adds W6's rows and targets: wall ≥ 5× and CPU ≥ 4× the peer's,
// at equal or better training accuracy.
func (b *bench) w6Report() {
	for _, d := range b.w6res {
		res := Result{Workload: "W6", Impl: "descent", Variant: d.Name, Metric: "s", Value: d.Wall, Threads: "2"}
		roof := fmt.Sprintf("cpu %.2f s, accuracy %.4f", d.CPU, d.Accuracy)
		b.compare("W6", d.Name+" vs pandas + sklearn", res, func(r Result) bool { return r.Impl == "pandas+sklearn" }, roof)
		p := b.w6peer
		if p == nil {
			b.check("W6", d.Name+": ≥ 5× wall, ≥ 4× CPU", "no peers", nil)
			continue
		}
		wall, cpu := p.Wall/d.Wall, p.CPU/d.CPU
		b.check("W6", d.Name+": ≥ 5× wall, ≥ 4× CPU, accuracy ≥ the peer's",
			fmt.Sprintf("%.2f× wall, %.2f× CPU, accuracy %.4f vs %.4f", wall, cpu, d.Accuracy, p.Accuracy),
			ptr(wall >= 5 && cpu >= 4 && d.Accuracy >= p.Accuracy))
	}
}

// w6Peer is the pandas + scikit-learn program (argument: the CSV file).
const w6Peer = `
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

// w6Variant is one way of running descent.
type w6Variant struct {
	Name  string
	Extra []string // flags added to the common ones
}

// w6Variants are descent's runs: row by row (the default) and by 64-row
// blocks, which the generated i.i.d. rows allow.
var w6Variants = []w6Variant{
	{"descent train (batch 64, lr 0.1)", nil},
	{"descent train, --shuffle-block 64", []string{"--shuffle-block", "64"}},
}

// w6Result is the median of a side's runs.
type w6Result struct {
	Name      string
	Wall, CPU float64 // seconds
	Accuracy  float64
}

// w6Measure runs each of w6Variants and, when python is not empty, the peer,
// reps times each, alternating, with the descent binary bin on csv (model
// files go to dir), and returns descent's medians in w6Variants' order and
// the peer's (nil without python).
func w6Measure(bin, python, csv, dir string, reps int) ([]w6Result, *w6Result, error) {
	ours := make([][]w6Run, len(w6Variants))
	var theirs []w6Run
	for range reps {
		for i, v := range w6Variants {
			args := append([]string{"train", "--data", csv, "--model", "logistic", "--opt", "sgd:lr=0.1",
				"--batch", "64", "--epochs", "5", "--l2", "1e-4", "--save", filepath.Join(dir, "m.json"), "--json"}, v.Extra...)
			r, err := w6Timed(exec.Command(bin, args...), "train_accuracy")
			if err != nil {
				return nil, nil, err
			}
			ours[i] = append(ours[i], r)
		}
		if python != "" {
			r, err := w6Timed(exec.Command(python, "-c", w6Peer, csv), "accuracy")
			if err != nil {
				return nil, nil, err
			}
			theirs = append(theirs, r)
		}
	}
	out := make([]w6Result, len(w6Variants))
	for i, v := range w6Variants {
		out[i] = w6Median(ours[i])
		out[i].Name = v.Name
	}
	if python == "" {
		return out, nil, nil
	}
	p := w6Median(theirs)
	p.Name = "pandas.read_csv + SGDClassifier(max_iter=5)"
	return out, &p, nil
}

// w6HasPeer reports whether python can import pandas and scikit-learn.
func w6HasPeer(python string) bool {
	return python != "" && exec.Command(python, "-c", "import pandas, sklearn").Run() == nil
}

type w6Run struct{ wall, cpu, acc float64 }

// w6Timed runs cmd, times it and reads the accuracy field key of its JSON
// output.
func w6Timed(cmd *exec.Cmd, key string) (w6Run, error) {
	start := time.Now()
	out, err := cmd.Output()
	wall := time.Since(start).Seconds()
	if err != nil {
		return w6Run{}, fmt.Errorf("%s: %v", cmd.Args[0], err)
	}
	ru := cmd.ProcessState.SysUsage().(*syscall.Rusage)
	cpu := float64(ru.Utime.Sec+ru.Stime.Sec) + float64(ru.Utime.Usec+ru.Stime.Usec)/1e6
	var r map[string]any
	if err := json.Unmarshal(out, &r); err != nil {
		return w6Run{}, fmt.Errorf("%s: %v", cmd.Args[0], err)
	}
	acc, ok := r[key].(float64)
	if !ok {
		acc = math.NaN()
	}
	return w6Run{wall, cpu, acc}, nil
}

// w6Median returns the median wall and CPU times and the last accuracy.
func w6Median(rs []w6Run) w6Result {
	w := make([]float64, len(rs))
	c := make([]float64, len(rs))
	for i, r := range rs {
		w[i], c[i] = r.wall, r.cpu
	}
	slices.Sort(w)
	slices.Sort(c)
	return w6Result{Wall: w[len(w)/2], CPU: c[len(c)/2], Accuracy: rs[len(rs)-1].acc}
}
