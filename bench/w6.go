package main

import (
	"fmt"
	"os"
	"os/exec"
	"path/filepath"

	"github.com/descentgo/descent/bench/internal/e2e"
	"github.com/descentgo/descent/bench/internal/gencsv"
)

// w6 measures issue 14's end-to-end workload (package bench/internal/e2e)
// and records descent's and the peer's median wall times; the CPU times go
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
	if b.py != nil && e2e.HasPeer(b.cfg.python) {
		py = b.cfg.python
	}
	ours, peer, err := e2e.Measure(bin, py, csv, b.dir, sz.w6Reps)
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
