package main

import (
	"bufio"
	"bytes"
	"encoding/binary"
	"encoding/json"
	"math"
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"

	"github.com/descentgo/descent/model"
)

// TestMain lets the test binary serve as a W5 child process, as the
// program does.
func TestMain(m *testing.M) {
	if childMain() {
		return
	}
	os.Exit(m.Run())
}

var toySizes = sizes{
	bwFloats: 1 << 16,
	w1Steps:  1000, w1Reps: 2,
	w2N: 2000, w2D: 10, w2Iters: 3,
	w3N: 1000, w3D: 10, w3Batch: 64, w3Epochs: 2,
	w4N: 300, w4D: 20, w4Classes: 3, w4Batch: 128, w4Epochs: 1,
	w5Small: 20 << 10, w5Large: 80 << 10,
	w6Rows: 2000, w6Reps: 1,
	peerSeconds: 1, peerSteps: 1000,
}

func TestGeneratorsDeterministic(t *testing.T) {
	gens := map[string]func(seed uint64) []float64{
		"regression": func(s uint64) []float64 { d := genRegression(s, 5000, 7); return append(d.X, d.Y...) },
		"binary":     func(s uint64) []float64 { d := genBinary(s, 5000, 7); return append(d.X, d.Y...) },
		"images":     func(s uint64) []float64 { d := genImages(s, 5000, 7, 3); return append(d.X, d.Y...) },
	}
	for name, gen := range gens {
		a := gen(1)
		prev := runtime.GOMAXPROCS(1)
		b := gen(1)
		runtime.GOMAXPROCS(prev)
		c := gen(2)
		if !equal(a, b) {
			t.Errorf("%s: data differ between GOMAXPROCS %d and 1", name, prev)
		}
		if equal(a, c) {
			t.Errorf("%s: seeds 1 and 2 give the same data", name)
		}
	}
}

func TestGeneratedLabels(t *testing.T) {
	ds := genBinary(1, 5000, 7)
	ones := 0
	for _, y := range ds.Y {
		if y != 0 && y != 1 {
			t.Fatalf("binary label %v", y)
		}
		ones += int(y)
	}
	if ones < 2000 || ones > 3000 {
		t.Errorf("%d of 5000 labels are 1, want about half", ones)
	}
	img := genImages(1, 3000, 20, 3)
	var count [3]int
	for i, y := range img.Y {
		if y != math.Trunc(y) || y < 0 || y > 2 {
			t.Fatalf("class label %v", y)
		}
		count[int(y)]++
		for _, v := range img.Row(i) {
			if v < 0 || v >= 1 {
				t.Fatalf("pixel %v outside [0, 1)", v)
			}
		}
	}
	for c, n := range count {
		if n < 300 {
			t.Errorf("class %d has only %d of 3000 examples", c, n)
		}
	}
}

func TestWriteFloats(t *testing.T) {
	x := []float64{0, math.Copysign(0, -1), 1.5, -math.Pi, math.SmallestNonzeroFloat64, math.MaxFloat64}
	path := filepath.Join(t.TempDir(), "x.f64")
	if err := writeFloats(path, x); err != nil {
		t.Fatal(err)
	}
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if len(b) != 8*len(x) {
		t.Fatalf("file has %d bytes, want %d", len(b), 8*len(x))
	}
	for i, v := range x {
		if got := binary.LittleEndian.Uint64(b[8*i:]); got != math.Float64bits(v) {
			t.Errorf("value %d: bits %#x, want %#x", i, got, math.Float64bits(v))
		}
	}
}

func TestSumScalar(t *testing.T) {
	for n := range 20 {
		x := make([]float64, n)
		want := 0.0
		for i := range x {
			x[i] = float64(i + 1)
			want += x[i]
		}
		if got := sumScalar(x); got != want {
			t.Errorf("n=%d: sum %v, want %v", n, got, want)
		}
	}
}

func TestMLPFlops(t *testing.T) {
	// 784-256-10: forward 2·784·256 + 2·256·10, weight gradients the same,
	// hidden gradient 2·256·10.
	if got, want := mlpFlops(784, 256, 10), 2.0*(2*784*256+2*256*10)+2*256*10; got != want {
		t.Errorf("mlpFlops = %v, want %v", got, want)
	}
}

func TestWorkloadsToy(t *testing.T) {
	for _, opt := range []string{"adam", "gd"} {
		for _, formula := range []bool{false, true} {
			f, err := w1Func(formula)
			if err != nil {
				t.Fatal(err)
			}
			if ns := w1(f, w1Optimizer(opt), 1000, 2); !(ns > 0) {
				t.Errorf("W1 %s formula=%v: %v ns/step", opt, formula, ns)
			}
		}
	}

	ds := genRegression(1, 2000, 10)
	var meanSq float64
	for _, y := range ds.Y {
		meanSq += y * y / float64(ds.N)
	}
	sec, loss, err := w2(ds, 2, 20, nil)
	if err != nil {
		t.Fatal(err)
	}
	// The loss at θ = 0 is mean(y²) ≈ 1; 21 GD steps with lr 0.1 on
	// standardized features bring it near the noise level 0.01.
	if !(sec > 0) || !(loss < 0.1*meanSq) {
		t.Errorf("W2: %v s/iter, loss %v (loss at zero %v)", sec, loss, meanSq)
	}

	bin := genBinary(1, 1000, 10)
	for _, sw := range [][2]int{{0, 0}, {1, 0}, {64, 0}, {16, 64}} {
		if v, err := w3(bin, 64, 2, sw[0], sw[1]); err != nil || !(v > 0) {
			t.Errorf("W3 shuffle %v window %v: %v examples/s, %v", sw[0], sw[1], v, err)
		}
	}

	img := genImages(1, 300, 20, 3)
	for _, threads := range []int{1, 2} {
		if v, err := w4(img, 3, 128, threads, 1, model.F32); err != nil || !(v > 0) {
			t.Errorf("W4 threads=%d: %v examples/s, %v", threads, v, err)
		}
	}

	x := make([]float64, 1<<12)
	for i := range x {
		x[i] = 1
	}
	if bw := readBandwidth(x, 2, 2); !(bw > 0) {
		t.Errorf("bandwidth %v", bw)
	}
}

// countRows returns the number of lines of a file, minus skip.
func countRows(t *testing.T, path string, skip int) int {
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	n := 0
	sc := bufio.NewScanner(f)
	sc.Buffer(nil, 1<<20)
	for sc.Scan() {
		n++
	}
	return n - skip
}

func TestW5(t *testing.T) {
	dir := t.TempDir()
	for _, c := range []struct {
		format string
		gen    func(string, uint64, int64) (int64, error)
		d      int
		header int
	}{{"csv", genCSV, w5CSVFeatures, 1}, {"libsvm", genLIBSVM, w5SVMFeatures, 0}} {
		path := filepath.Join(dir, "f."+c.format)
		size, err := c.gen(path, 1, 50<<10)
		if err != nil {
			t.Fatal(err)
		}
		st, err := os.Stat(path)
		if err != nil {
			t.Fatal(err)
		}
		if st.Size() != size || size < 50<<10 {
			t.Errorf("%s: reported size %d, file %d bytes, want ≥ %d", c.format, size, st.Size(), 50<<10)
		}
		rows := countRows(t, path, c.header)
		job := w5Job{Path: path, Format: c.format, D: c.d}
		inproc, err := w5Stream(job)
		if err != nil {
			t.Fatal(err)
		}
		child, err := runW5Child(job)
		if err != nil {
			t.Fatal(err)
		}
		for _, r := range []w5Result{inproc, child} {
			if r.Rows != rows || r.Bytes != size {
				t.Errorf("%s: %d rows, %d bytes; file has %d rows, %d bytes", c.format, r.Rows, r.Bytes, rows, size)
			}
			// A logistic loss at θ near 0 is about log 2; the labels are
			// learnable, so one epoch must not make it worse.
			if !(r.Loss > 0 && r.Loss <= math.Ln2+1e-9) || !(r.ParseSec > 0) || !(r.SGDSec > 0) {
				t.Errorf("%s: %+v", c.format, r)
			}
		}
		if child.HWMSGD < child.HWMParse || child.HWMParse <= 0 {
			t.Errorf("%s: peak RSS after parse %d, after SGD %d", c.format, child.HWMParse, child.HWMSGD)
		}
	}
}

func TestRunToy(t *testing.T) {
	if testing.Short() {
		t.Skip("short")
	}
	peersMode := "off"
	if os.Getenv("DESCENT_BENCH_PEERS") != "" {
		peersMode = "on" // also run peers.py (needs /usr/bin/python3 with numpy, torch, sklearn)
	}
	cfg := config{sz: toySizes, peers: peersMode, python: "/usr/bin/python3", seed: 1, tmp: t.TempDir()}
	var out, errb bytes.Buffer
	if err := run(cfg, &out, &errb); err != nil {
		t.Fatalf("%v\n%s", err, errb.String())
	}
	text := out.String()
	for _, want := range []string{"workload", "W1 adam, hand-written", "W2 linear regression", "W3 logistic SGD", "W4 MLP", "W5 csv parse", "W5 libsvm streaming SGD", "W6 descent train", "target"} {
		if !strings.Contains(text, want) {
			t.Errorf("output lacks %q:\n%s", want, text)
		}
	}
	seen := map[string]bool{}
	for _, line := range strings.Split(text, "\n") {
		if !strings.HasPrefix(line, "{") {
			continue
		}
		var r map[string]any
		if err := json.Unmarshal([]byte(line), &r); err != nil {
			t.Fatalf("bad JSON line %q: %v", line, err)
		}
		if w, ok := r["workload"].(string); ok && r["impl"] == "descent" {
			seen[w] = true
			if v, ok := r["value"].(float64); !ok || !(v > 0) {
				t.Errorf("JSON line %q: value not positive", line)
			}
		}
		if peersMode == "on" && r["ratio"] != nil {
			seen["ratio "+r["workload"].(string)] = true
		}
	}
	for _, w := range []string{"W1", "W2", "W3", "W4", "W5"} {
		if !seen[w] {
			t.Errorf("no JSON result for %s", w)
		}
		if peersMode == "on" && w != "W5" && !seen["ratio "+w] {
			t.Errorf("no ratio line for %s", w)
		}
	}
	entries, err := os.ReadDir(cfg.tmp)
	if err != nil {
		t.Fatal(err)
	}
	if len(entries) != 0 {
		t.Errorf("temporary files left behind: %v", entries)
	}
}

func equal(a, b []float64) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if math.Float64bits(a[i]) != math.Float64bits(b[i]) {
			return false
		}
	}
	return true
}
