// Command bench measures the Beam backend against the in-process backend
// on the same blocks: 1 M rows × 20 features of seeded logistic-regression
// data in 16 blocks (by default), the time of one epoch of full-batch
// gradient descent on each (step, loss and gradient, accuracy), as
// medians, and the peak RSS of each in a process of its own. Run it when
// the machine is quiet:
//
//	cd beam && GOWORK="$(./workspace.sh)" go run ./bench [-rows 1000000] [-cols 20] [-blocks 16] [-iters 10]
//
// Both backends compute the same sums with the same kernel; the ratio is
// Beam's overhead (pipeline submission, reading the blocks every job,
// combining) over the goroutines that hold the rows in memory.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"math"
	"math/rand/v2"
	"os"
	"os/exec"
	"runtime"
	"slices"
	"syscall"
	"time"

	"github.com/descentgo/descent/beam"
	"github.com/descentgo/descent/data"
	"github.com/descentgo/descent/shard"
	"github.com/descentgo/descent/spec"
	"github.com/descentgo/descent/train"
)

func main() {
	rows := flag.Int("rows", 1_000_000, "rows")
	cols := flag.Int("cols", 20, "features")
	blocks := flag.Int("blocks", 16, "blocks")
	iters := flag.Int("iters", 10, "epochs measured per backend")
	modelName := flag.String("model", "logistic", "logistic or linear")
	child := flag.String("child", "", "internal: run one backend (local or beam) on the blocks in -dir")
	dir := flag.String("dir", "", "internal: the blocks")
	flag.Parse()
	beam.Quiet()
	if *child != "" {
		if err := measure(*child, *dir, *iters, *modelName); err != nil {
			fmt.Fprintln(os.Stderr, "bench:", err)
			os.Exit(1)
		}
		return
	}
	tmp, err := os.MkdirTemp("", "descent-beam-bench-")
	if err != nil {
		fail(err)
	}
	defer os.RemoveAll(tmp)
	d := synthetic(*rows, *cols, 1)
	if _, err := shard.WriteDir(tmp, d, *blocks, "synthetic"); err != nil {
		fail(err)
	}
	d = nil
	fmt.Printf("%d rows × %d features in %d blocks, %s model, %d epochs of gd each (GOMAXPROCS %d)\n",
		*rows, *cols, *blocks, *modelName, *iters, runtime.GOMAXPROCS(0))
	var med [2]float64
	for i, which := range []string{"local", "beam"} {
		cmd := exec.Command(os.Args[0], "-child", which, "-dir", tmp, "-iters", fmt.Sprint(*iters), "-model", *modelName)
		cmd.Stderr = os.Stderr
		out, err := cmd.Output()
		if err != nil {
			fail(fmt.Errorf("%s: %v", which, err))
		}
		var first, median float64
		if _, err := fmt.Sscan(string(out), &first, &median); err != nil {
			fail(fmt.Errorf("%s: output %q: %v", which, out, err))
		}
		rss := cmd.ProcessState.SysUsage().(*syscall.Rusage).Maxrss / 1024
		med[i] = median
		fmt.Printf("%-26s first %7.3f s, median %7.3f s per epoch, peak RSS %4d MB\n", name(which), first, median, rss)
	}
	fmt.Printf("ratio beam/in-process: %.2f\n", med[1]/med[0])
}

func name(which string) string {
	if which == "local" {
		return "in-process (goroutines)"
	}
	return "Beam, Prism in-process"
}

func fail(err error) {
	fmt.Fprintln(os.Stderr, "bench:", err)
	os.Exit(1)
}

// synthetic draws n rows of d standard normal features and labels from a
// logistic model with weights w_j = (−1)^j/√d.
func synthetic(n, d int, seed uint64) *data.Dense {
	r := rand.New(rand.NewPCG(seed, 0))
	out := &data.Dense{N: n, D: d, X: make([]float64, n*d), Y: make([]float64, n), Target: "y"}
	for j := range d {
		out.Features = append(out.Features, fmt.Sprintf("x%d", j+1))
	}
	for i := range n {
		z := 0.0
		for j := range d {
			v := r.NormFloat64()
			out.X[i*d+j] = v
			z += v * math.Pow(-1, float64(j)) / math.Sqrt(float64(d))
		}
		if r.Float64() < 1/(1+math.Exp(-z)) {
			out.Y[i] = 1
		}
	}
	return out
}

// measure trains the model with gradient descent for iters full-batch
// epochs on one backend — an epoch is what a user waits for: the step, the
// loss and gradient at the new weights and the accuracy of the epoch's
// report — and prints the first epoch's time and the median, in seconds.
func measure(which, dir string, iters int, name string) error {
	cfg := train.DefaultConfig()
	cfg.Source = train.Source{Path: dir}
	cfg.Model = spec.Spec{Name: name}
	cfg.Opt = spec.Spec{Name: "gd", Params: []spec.Param{{Key: "lr", Value: "0.5"}}}
	cfg.Batch, cfg.Epochs, cfg.GradTol, cfg.FTol = 0, iters+1, 0, 0
	if which == "beam" {
		cfg.Backend = &beam.Backend{}
	}
	var stamps []time.Time
	cfg.OnEpoch = func(train.EpochStats) error {
		stamps = append(stamps, time.Now())
		if len(stamps) == iters+2 {
			return errDone // skip the advice's probes at the end
		}
		return nil
	}
	if _, err := train.Train(context.Background(), cfg); err != nil && err != errDone {
		return err
	}
	times := make([]float64, 0, iters)
	for i := 1; i < len(stamps); i++ {
		times = append(times, stamps[i].Sub(stamps[i-1]).Seconds())
	}
	first := times[0]
	slices.Sort(times)
	fmt.Println(first, times[len(times)/2])
	return nil
}

var errDone = errors.New("done")
