package main

import (
	"encoding/json"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"text/tabwriter"
	"time"
)

// commandCases are whole `descent` commands, as a user types them, whose
// advice's cost -commands measures against the command's wall time: the
// time the user waits for. The run of each is milliseconds, as in the
// benchmark's cases.
var commandCases = []struct {
	Name string
	Args []string
}{
	{"minimize rosenbrock, adam, 2000 iterations", []string{"minimize", "--func", "rosenbrock", "--opt", "adam:lr=0.001", "--max-iters", "2000"}},
	{"minimize rosenbrock, gd, 300 iterations", []string{"minimize", "--func", "rosenbrock", "--opt", "gd:lr=0.001", "--max-iters", "300"}},
	{"train diabetes linear raw, rmsprop, batch 32, 30 epochs", []string{"train", "--data", "testdata/datasets/diabetes.csv", "--model", "linear", "--opt", "rmsprop:lr=0.001", "--batch", "32", "--epochs", "30", "--seed", "1"}},
	{"train wine softmax std, momentum, batch 32, 200 epochs", []string{"train", "--data", "testdata/datasets/wine.csv", "--model", "softmax", "--standardize", "--opt", "sgd:lr=0.01,momentum=0.9", "--epochs", "200", "--seed", "1"}},
	{"train iris MLP 16 std, adam, batch 8, 20 epochs", []string{"train", "--data", "testdata/datasets/iris.csv", "--model", "mlp:hidden=16,act=relu", "--standardize", "--opt", "adam:lr=0.01", "--batch", "8", "--epochs", "20", "--seed", "1"}},
}

// commandCost builds descent and runs each of commandCases reps times,
// alternating, in fresh processes; it prints the medians of the command's
// wall time, of the run's elapsed_seconds and of its advice_seconds, and
// the advice's share of the run and of the command.
func commandCost(stdout, stderr io.Writer, root string, reps int) error {
	dir, err := os.MkdirTemp("", "advice-commands")
	if err != nil {
		return err
	}
	defer os.RemoveAll(dir)
	bin := filepath.Join(dir, "descent")
	build := exec.Command("go", "build", "-o", bin, "./cmd/descent")
	build.Dir, build.Stderr = root, stderr
	if err := build.Run(); err != nil {
		return fmt.Errorf("go build ./cmd/descent: %v", err)
	}
	type sample struct{ wall, run, advice []float64 }
	got := make([]sample, len(commandCases))
	for r := 0; r < reps; r++ {
		for i, c := range commandCases {
			cmd := exec.Command(bin, append(slices.Clone(c.Args), "--json")...)
			cmd.Dir = root
			t0 := time.Now()
			out, err := cmd.Output()
			wall := time.Since(t0).Seconds()
			if err != nil {
				return fmt.Errorf("descent %v: %v", c.Args, err)
			}
			var res struct {
				Elapsed float64 `json:"elapsed_seconds"`
				Advice  float64 `json:"advice_seconds"`
			}
			if err := json.Unmarshal(out, &res); err != nil {
				return fmt.Errorf("descent %v: %v", c.Args, err)
			}
			got[i].wall = append(got[i].wall, wall)
			got[i].run = append(got[i].run, res.Elapsed)
			got[i].advice = append(got[i].advice, res.Advice)
		}
	}
	fmt.Fprintf(stdout, "advice cost in whole commands: medians of %d fresh processes each, alternating\n\n", reps)
	tw := tabwriter.NewWriter(stdout, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "command\tcommand wall\trun\tadvice\tadvice / run\tadvice / command")
	for i, c := range commandCases {
		w, r, a := median(got[i].wall), median(got[i].run), median(got[i].advice)
		fmt.Fprintf(tw, "%s\t%.1f ms\t%.2f ms\t%.2f ms\t%.0f %%\t%.1f %%\n", c.Name, 1e3*w, 1e3*r, 1e3*a, 100*a/r, 100*a/w)
	}
	return tw.Flush()
}

// median returns the median of v (v is reordered).
func median(v []float64) float64 {
	slices.Sort(v)
	n := len(v)
	if n%2 == 1 {
		return v[n/2]
	}
	return (v[n/2-1] + v[n/2]) / 2
}
