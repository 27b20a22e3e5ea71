package main

import (
	"bufio"
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"math"
	"math/rand/v2"
	"os"
	"os/exec"
	"runtime"
	"runtime/debug"
	"strconv"
	"sync"
	"time"

	"github.com/descentgo/descent/data"
	"github.com/descentgo/descent/model"
	"github.com/descentgo/descent/optim"
	"github.com/descentgo/descent/spec"
)

// W5 file shapes: a dense CSV file of w5CSVFeatures features with six
// decimals ("-1.234567") and a 0/1 label, and a LIBSVM file of
// w5SVMFeatures features of which each row lists about a fifth.
const (
	w5CSVFeatures = 50
	w5SVMFeatures = 200
	w5Batch       = 64
	// w5MemLimit is the memory cap of the streaming process
	// (debug.SetMemoryLimit, like GOMEMLIMIT): far below the file sizes.
	w5MemLimit = 64 << 20
)

// childEnv is the environment variable that turns the program into a W5
// child process, which streams one file and prints a w5Result as JSON.
const childEnv = "DESCENT_BENCH_CHILD"

// w5Job is what a W5 child process is asked to do.
type w5Job struct {
	Path   string `json:"path"`
	Format string `json:"format"` // "csv" or "libsvm"
	D      int    `json:"d"`
}

// w5Result is what a W5 child reports.
type w5Result struct {
	Bytes    int64   `json:"bytes"`
	Rows     int     `json:"rows"`
	OpenSec  float64 `json:"open_sec"`  // OpenStream: one checking pass
	ParseSec float64 `json:"parse_sec"` // one epoch of Next/NextCSR
	ParseCPU float64 `json:"parse_cpu"` // CPU seconds of that epoch
	SGDSec   float64 `json:"sgd_sec"`   // one epoch of parsing + SGD steps
	SGDCPU   float64 `json:"sgd_cpu"`
	HWMParse int64   `json:"hwm_parse"` // peak RSS after parsing, bytes
	HWMSGD   int64   `json:"hwm_sgd"`   // peak RSS after the SGD epoch
	Loss     float64 `json:"loss"`      // mean mini-batch loss of the SGD epoch
}

// genCSV writes a W5 CSV file of at least size bytes and returns its size.
func genCSV(path string, seed uint64, size int64) (int64, error) {
	var hdr []byte
	for j := range w5CSVFeatures {
		hdr = fmt.Appendf(hdr, "x%d,", j+1)
	}
	hdr = append(hdr, "y\n"...)
	return genText(path, seed, size, hdr, w5CSVFeatures, func(b []byte, r *rand.Rand, wt []float64) []byte {
		var z, v float64
		for j := range w5CSVFeatures {
			b, v = appendFixed(b, r)
			b = append(b, ',')
			z += v * wt[j]
		}
		return append(b, label(z), '\n')
	})
}

// genLIBSVM writes a W5 LIBSVM file of at least size bytes and returns its
// size.
func genLIBSVM(path string, seed uint64, size int64) (int64, error) {
	return genText(path, seed, size, nil, w5SVMFeatures, func(b []byte, r *rand.Rand, wt []float64) []byte {
		b = append(b, '0') // the label, set below
		at := len(b) - 1
		var z, v float64
		for j := range w5SVMFeatures {
			if r.Uint64()%5 != 0 {
				continue
			}
			b = append(b, ' ')
			b = strconv.AppendInt(b, int64(j+1), 10)
			b = append(b, ':')
			b, v = appendFixed(b, r)
			z += v * wt[j]
		}
		b[at] = label(z)
		return append(b, '\n')
	})
}

func label(z float64) byte {
	if z > 0 {
		return '1'
	}
	return '0'
}

// w5BlockRows is the number of rows of a generated block of text.
const w5BlockRows = 2048

// genText writes header and then blocks of w5BlockRows rows made by row
// until the file holds at least size bytes, and returns its size. Block k
// draws from its own generator, so the blocks are made in parallel and the
// file does not depend on the number of goroutines.
func genText(path string, seed uint64, size int64, header []byte, d int, row func([]byte, *rand.Rand, []float64) []byte) (int64, error) {
	f, err := os.Create(path)
	if err != nil {
		return 0, err
	}
	w := bufio.NewWriterSize(f, 1<<20)
	w.Write(header)
	n := int64(len(header))
	wt := teacher(seed, tagW5, d, 1)
	bufs := make([][]byte, runtime.GOMAXPROCS(0))
	for k0 := 0; n < size; k0 += len(bufs) {
		var wg sync.WaitGroup
		for i := range bufs {
			wg.Add(1)
			go func() {
				defer wg.Done()
				r := blockRand(seed, tagW5, k0+i)
				b := bufs[i][:0]
				for range w5BlockRows {
					b = row(b, r, wt)
				}
				bufs[i] = b
			}()
		}
		wg.Wait()
		for _, b := range bufs {
			if n >= size {
				break
			}
			w.Write(b)
			n += int64(len(b))
		}
	}
	if err := w.Flush(); err != nil {
		f.Close()
		return 0, err
	}
	return n, f.Close()
}

// appendFixed appends a number uniform in (−2, 2) with six decimals
// ("-1.234567") to b and returns its value.
func appendFixed(b []byte, r *rand.Rand) ([]byte, float64) {
	u := int64(r.Uint64()%4000000) - 2000000 // millionths
	a := u
	if a < 0 {
		b = append(b, '-')
		a = -a
	}
	b = append(b, byte('0'+a/1000000), '.')
	frac := a % 1000000
	for p := int64(100000); p > 0; p /= 10 {
		b = append(b, byte('0'+frac/p%10))
	}
	return b, float64(u) / 1e6
}

// runW5Child runs a W5 job in a fresh process (this program, re-executed
// with childEnv set), so that its peak RSS is the job's alone.
func runW5Child(job w5Job) (w5Result, error) {
	exe, err := os.Executable()
	if err != nil {
		return w5Result{}, err
	}
	js, _ := json.Marshal(job)
	cmd := exec.Command(exe)
	cmd.Env = append(os.Environ(), childEnv+"="+string(js))
	var out, errb bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errb
	if err := cmd.Run(); err != nil {
		return w5Result{}, fmt.Errorf("W5 child: %v: %s", err, bytes.TrimSpace(errb.Bytes()))
	}
	var res w5Result
	if err := json.Unmarshal(out.Bytes(), &res); err != nil {
		return w5Result{}, fmt.Errorf("W5 child: bad output %q: %v", out.String(), err)
	}
	return res, nil
}

// childMain is the entry point of a W5 child process; it reports whether
// the process was one.
func childMain() bool {
	js := os.Getenv(childEnv)
	if js == "" {
		return false
	}
	var job w5Job
	if err := json.Unmarshal([]byte(js), &job); err != nil {
		fmt.Fprintln(os.Stderr, "bad job:", err)
		os.Exit(2)
	}
	res, err := w5Stream(job)
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	json.NewEncoder(os.Stdout).Encode(res)
	return true
}

// w5Stream streams one file under the W5 memory cap: OpenStream (a checking
// pass), one epoch of parsing alone, and one epoch of mini-batch SGD
// (logistic regression, batch 64, lr 0.01) on the streamed chunks, reading
// the process's peak RSS after each.
func w5Stream(job w5Job) (w5Result, error) {
	debug.SetMemoryLimit(w5MemLimit)
	var res w5Result
	st, err := os.Stat(job.Path)
	if err != nil {
		return res, err
	}
	res.Bytes = st.Size()
	format, err := data.ParseFormat(job.Format)
	if err != nil {
		return res, err
	}
	t0 := time.Now()
	s, err := data.OpenStream(job.Path, format, data.StreamOptions{LIBSVM: data.LIBSVMOptions{NumFeatures: job.D}})
	if err != nil {
		return res, err
	}
	defer s.Close()
	res.OpenSec = time.Since(t0).Seconds()
	res.Rows = s.N()
	var dense data.Dense
	var csr data.CSR
	next := func() (int, error) {
		if format == data.CSV {
			return s.Next(&dense)
		}
		return s.NextCSR(&csr)
	}

	// Parsing alone.
	c0, t0 := cpuSeconds(), time.Now()
	rows := 0
	for {
		n, err := next()
		if err == io.EOF {
			break
		}
		if err != nil {
			return res, err
		}
		rows += n
	}
	res.ParseSec, res.ParseCPU = time.Since(t0).Seconds(), cpuSeconds()-c0
	res.HWMParse = peakRSS()
	if rows != res.Rows {
		return res, fmt.Errorf("epoch read %d rows, OpenStream counted %d", rows, res.Rows)
	}

	// Streaming SGD.
	if err := s.Reset(); err != nil {
		return res, err
	}
	m, err := model.New(spec.Spec{Name: "logistic"}, model.Binary, s.D(), []float64{0, 1})
	if err != nil {
		return res, err
	}
	p := make([]float64, m.NumParams())
	g := make([]float64, len(p))
	opt := &optim.SGD{LearningRate: 0.01}
	opt.Init(len(p))
	var ws model.Workspace
	idx := make([]int, w5Batch)
	var loss float64
	steps := 0
	c0, t0 = cpuSeconds(), time.Now()
	for {
		n, err := next()
		if err == io.EOF {
			break
		}
		if err != nil {
			return res, err
		}
		for lo := 0; lo < n; lo += w5Batch {
			hi := min(lo+w5Batch, n)
			if format == data.CSV {
				d := dense.D
				loss += model.BatchObjective(g, p, m, dense.X[lo*d:hi*d], dense.Y[lo:hi], nil, &ws)
			} else {
				ix := idx[:hi-lo]
				for k := range ix {
					ix[k] = lo + k
				}
				loss += model.BatchObjectiveCSR(g, p, m, &csr, ix, &ws)
			}
			opt.Step(p, g)
			steps++
		}
	}
	res.SGDSec, res.SGDCPU = time.Since(t0).Seconds(), cpuSeconds()-c0
	res.HWMSGD = peakRSS()
	res.Loss = loss / float64(max(steps, 1))
	if math.IsNaN(res.Loss) {
		return res, fmt.Errorf("SGD loss is NaN")
	}
	return res, nil
}

// peakRSS returns the peak resident set size of this process in bytes
// (VmHWM of /proc/self/status, else getrusage's ru_maxrss), or −1.
func peakRSS() int64 {
	if b, err := os.ReadFile("/proc/self/status"); err == nil {
		for line := range bytes.Lines(b) {
			if v, ok := bytes.CutPrefix(line, []byte("VmHWM:")); ok {
				f := bytes.Fields(v)
				if len(f) == 2 && string(f[1]) == "kB" {
					if kb, err := strconv.ParseInt(string(f[0]), 10, 64); err == nil {
						return kb << 10
					}
				}
			}
		}
	}
	return maxRSS()
}
