// Command growth measures how `descent train` grows with the data: wall
// time, CPU time and peak RSS of one fresh process per point, in memory
// and streamed (--stream), as the rows grow (10⁴ … 10⁷ rows × 20
// features) and as the features grow (10 … 1000 features × 10⁵ rows). The
// CSV files (17 significant digits, a logistic teacher: bench/internal/
// gencsv) are written to a temporary directory one at a time and deleted
// after their point; a file larger than -max-bytes, or than the free disk
// space allows, is skipped and said so. Each point trains logistic
// regression by SGD, batch 64, one epoch.
//
//	go run ./bench/growth [-rows 1e4,1e5,1e6,1e7] [-features 10,100,1000] [-plot docs/img/growth.png]
//
// It prints a Markdown table and draws time and peak RSS against the rows
// with the project's own plotting (viz.XYChart).
package main

import (
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"time"

	"github.com/descentgo/descent/bench/internal/gencsv"
	"github.com/descentgo/descent/viz"
)

// point is one measurement.
type point struct {
	Rows, Features int
	Stream         bool
	Bytes          int64
	Wall, CPU      float64 // seconds
	RSS            float64 // peak resident set, MB
	Skipped        string  // why it was not measured
}

func main() {
	rowsFlag := flag.String("rows", "1e4,1e5,1e6,1e7", "row counts of the rows sweep (20 features)")
	featFlag := flag.String("features", "10,100,1000", "feature counts of the features sweep (10⁵ rows)")
	maxBytes := flag.Int64("max-bytes", 5<<30, "skip a file larger than this many bytes")
	plotPath := flag.String("plot", "", "draw the rows sweep to this PNG (time and peak RSS, two files: NAME and NAME with -rss)")
	tmp := flag.String("tmp", "", "directory for the temporary files (default $TMPDIR)")
	flag.Parse()
	rows, err := counts(*rowsFlag)
	check(err)
	feats, err := counts(*featFlag)
	check(err)
	dir, err := os.MkdirTemp(*tmp, "descent-growth-")
	check(err)
	defer os.RemoveAll(dir)
	bin := filepath.Join(dir, "descent")
	build := exec.Command("go", "build", "-o", bin, "./cmd/descent")
	build.Stderr = os.Stderr
	check(build.Run())

	var pts []point
	measure := func(n, d int) {
		size := int64(n) * int64(d*24+2) // 17-digit floats: about 24 bytes each
		if size > *maxBytes || size > freeBytes(dir)/2 {
			for _, st := range []bool{false, true} {
				pts = append(pts, point{Rows: n, Features: d, Stream: st, Bytes: size,
					Skipped: fmt.Sprintf("file of about %.1f GB above -max-bytes %.1f GB or half the free disk", float64(size)/1e9, float64(*maxBytes)/1e9)})
			}
			return
		}
		csv := filepath.Join(dir, "g.csv")
		t0 := time.Now()
		bytes, err := gencsv.Logistic(csv, n, d, 1)
		check(err)
		fmt.Fprintf(os.Stderr, "growth: %d × %d: %.0f MB written in %.1f s\n", n, d, float64(bytes)/1e6, time.Since(t0).Seconds())
		for _, st := range []bool{false, true} {
			args := []string{"train", "--data", csv, "--model", "logistic", "--opt", "sgd:lr=0.1", "--batch", "64", "--epochs", "1", "--json"}
			if st {
				args = append(args, "--stream")
			}
			p := run(bin, args)
			p.Rows, p.Features, p.Stream, p.Bytes = n, d, st, bytes
			fmt.Fprintf(os.Stderr, "growth:   stream %v: wall %.2f s, cpu %.2f s, peak RSS %.1f MB\n", st, p.Wall, p.CPU, p.RSS)
			pts = append(pts, p)
		}
		os.Remove(csv)
	}
	for _, n := range rows {
		measure(n, 20)
	}
	for _, d := range feats {
		measure(100000, d)
	}
	table(os.Stdout, pts, rows, feats)
	if *plotPath != "" {
		check(plots(*plotPath, pts))
	}
}

// run runs one training process and reads its times and peak RSS.
func run(bin string, args []string) point {
	cmd := exec.Command(bin, args...)
	cmd.Stderr = os.Stderr
	t0 := time.Now()
	out, err := cmd.Output()
	wall := time.Since(t0).Seconds()
	check(err)
	var r struct {
		Status string `json:"status"`
	}
	check(json.Unmarshal(out, &r))
	ru := cmd.ProcessState.SysUsage().(*syscall.Rusage)
	cpu := float64(ru.Utime.Sec+ru.Stime.Sec) + float64(ru.Utime.Usec+ru.Stime.Usec)/1e6
	return point{Wall: wall, CPU: cpu, RSS: float64(ru.Maxrss) / 1024} // Maxrss is in KiB on Linux
}

func table(w *os.File, pts []point, rows, feats []int) {
	fmt.Fprintln(w, "| rows × features | file | in memory: wall / CPU / peak RSS | streamed: wall / CPU / peak RSS |")
	fmt.Fprintln(w, "|---|---|---|---|")
	cell := func(p point) string {
		if p.Skipped != "" {
			return "skipped: " + p.Skipped
		}
		return fmt.Sprintf("%.2f s / %.2f s / %.0f MB", p.Wall, p.CPU, p.RSS)
	}
	for i := 0; i+1 < len(pts); i += 2 {
		a, b := pts[i], pts[i+1]
		fmt.Fprintf(w, "| %s × %d | %.0f MB | %s | %s |\n", fmtCount(a.Rows), a.Features, float64(a.Bytes)/1e6, cell(a), cell(b))
	}
}

// plots draws the rows sweep (20 features): time, and peak RSS.
func plots(path string, pts []point) error {
	var tMem, tStr, rMem, rStr viz.XYSeries
	tMem.Label, tStr.Label = "in memory", "streamed (--stream)"
	rMem.Label, rStr.Label = "in memory", "streamed (--stream)"
	tStr.Dashed, rStr.Dashed = true, true
	for _, p := range pts {
		if p.Features != 20 || p.Skipped != "" {
			continue
		}
		x := float64(p.Rows)
		if p.Stream {
			tStr.X, tStr.Y = append(tStr.X, x), append(tStr.Y, p.Wall)
			rStr.X, rStr.Y = append(rStr.X, x), append(rStr.Y, p.RSS)
		} else {
			tMem.X, tMem.Y = append(tMem.X, x), append(tMem.Y, p.Wall)
			rMem.X, rMem.Y = append(rMem.X, x), append(rMem.Y, p.RSS)
		}
	}
	opt := viz.XYOptions{Width: 900, Height: 500, XLabel: "rows (20 features, 17-digit CSV)", LogX: true, LogY: true}
	opt.Title, opt.YLabel = "descent train, one epoch of logistic SGD: wall time", "seconds"
	if err := viz.XYChart(path, []viz.XYSeries{tMem, tStr}, opt); err != nil {
		return err
	}
	opt.Title, opt.YLabel = "descent train, one epoch of logistic SGD: peak RSS", "MB"
	ext := filepath.Ext(path)
	return viz.XYChart(strings.TrimSuffix(path, ext)+"-rss"+ext, []viz.XYSeries{rMem, rStr}, opt)
}

func counts(s string) ([]int, error) {
	var out []int
	for _, f := range strings.Split(s, ",") {
		v, err := strconv.ParseFloat(strings.TrimSpace(f), 64)
		if err != nil || v < 1 || v > 1e9 {
			return nil, fmt.Errorf("bad count %q", f)
		}
		out = append(out, int(v))
	}
	return out, nil
}

func fmtCount(n int) string {
	switch {
	case n >= 1e6 && n%1e6 == 0:
		return fmt.Sprintf("%dM", n/1e6)
	case n >= 1e3 && n%1e3 == 0:
		return fmt.Sprintf("%dk", n/1e3)
	}
	return strconv.Itoa(n)
}

func freeBytes(dir string) int64 {
	var st syscall.Statfs_t
	if syscall.Statfs(dir, &st) != nil {
		return 1 << 62
	}
	return int64(st.Bavail) * int64(st.Bsize)
}

func check(err error) {
	if err != nil {
		fmt.Fprintln(os.Stderr, "growth:", strings.TrimSpace(err.Error()))
		os.Exit(1)
	}
}
