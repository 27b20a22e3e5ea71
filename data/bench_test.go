package data

import (
	"bytes"
	"fmt"
	"math/rand/v2"
	"os"
	"path/filepath"
	"runtime"
	"strconv"
	"testing"
)

// benchCSV returns a CSV file of n rows of d features and a class target,
// with numbers formatted by format.
func benchCSV(n, d int, format func(rng *rand.Rand) []byte) []byte {
	rng := rand.New(rand.NewPCG(1, 1))
	var b bytes.Buffer
	for j := 0; j < d; j++ {
		b.WriteString("feature_")
		b.WriteString(strconv.Itoa(j))
		b.WriteByte(',')
	}
	b.WriteString("target\n")
	for i := 0; i < n; i++ {
		for j := 0; j < d; j++ {
			b.Write(format(rng))
			b.WriteByte(',')
		}
		b.WriteString(strconv.Itoa(rng.IntN(3)))
		b.WriteByte('\n')
	}
	return b.Bytes()
}

// shortNumber formats like measurements: up to 5 significant digits.
func shortNumber(rng *rand.Rand) []byte {
	return strconv.AppendFloat(nil, float64(rng.IntN(100000))/1000, 'f', -1, 64)
}

// fullNumber formats a standard normal value with the shortest repr that
// round-trips (up to 17 significant digits), as numpy and Go write floats.
func fullNumber(rng *rand.Rand) []byte {
	return strconv.AppendFloat(nil, rng.NormFloat64(), 'g', -1, 64)
}

func BenchmarkReadCSV(b *testing.B) {
	for _, bb := range []struct {
		name   string
		format func(*rand.Rand) []byte
	}{
		{"short", shortNumber},
		{"full", fullNumber},
	} {
		in := benchCSV(20000, 20, bb.format)
		b.Run(bb.name, func(b *testing.B) {
			b.SetBytes(int64(len(in)))
			b.ReportAllocs()
			for b.Loop() {
				if _, err := ReadCSV(bytes.NewReader(in), "bench.csv", CSVOptions{}); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// benchLIBSVM returns a LIBSVM file of n rows with about nnz features each
// among d.
func benchLIBSVM(n, d, nnz int, format func(rng *rand.Rand) []byte) []byte {
	rng := rand.New(rand.NewPCG(2, 2))
	var b bytes.Buffer
	for i := 0; i < n; i++ {
		b.WriteString([]string{"-1", "+1"}[rng.IntN(2)])
		j := 0
		for k := 0; k < nnz; k++ {
			j += 1 + rng.IntN(2*d/nnz)
			b.WriteByte(' ')
			b.WriteString(strconv.Itoa(j))
			b.WriteByte(':')
			b.Write(format(rng))
		}
		b.WriteByte('\n')
	}
	return b.Bytes()
}

func BenchmarkReadLIBSVM(b *testing.B) {
	for _, bb := range []struct {
		name   string
		format func(*rand.Rand) []byte
	}{
		{"short", shortNumber},
		{"full", fullNumber},
	} {
		in := benchLIBSVM(20000, 10000, 20, bb.format)
		b.Run(bb.name, func(b *testing.B) {
			b.SetBytes(int64(len(in)))
			b.ReportAllocs()
			for b.Loop() {
				if _, err := ReadLIBSVM(bytes.NewReader(in), "bench.svm", LIBSVMOptions{}); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

func BenchmarkParseFloat(b *testing.B) {
	for _, s := range []string{"5.1", "-0.0123", "0.30000000000000004", "1.2345e-7"} {
		in := []byte(s)
		b.Run(s, func(b *testing.B) {
			for b.Loop() {
				parseFloat(in)
			}
		})
	}
}

// BenchmarkReadCSVFile reads a 400,000 × 20 file of full-precision
// numbers (the workload, about 150 MB) from disk: serially
// (GOMAXPROCS 1) and on every core.
func BenchmarkReadCSVFile(b *testing.B) {
	in := benchCSV(400000, 20, fullNumber)
	path := filepath.Join(b.TempDir(), "w.csv")
	if err := os.WriteFile(path, in, 0o644); err != nil {
		b.Fatal(err)
	}
	for _, procs := range []int{1, runtime.NumCPU()} {
		b.Run(fmt.Sprintf("procs=%d", procs), func(b *testing.B) {
			defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(procs))
			b.SetBytes(int64(len(in)))
			for b.Loop() {
				if _, err := ReadCSVFile(path, CSVOptions{}); err != nil {
					b.Fatal(err)
				}
			}
		})
	}
}

// BenchmarkReadCSVFileLengths reads, on every core, 400,000 × 20 files
// whose rows change length a quarter of the way in: short numbers then
// full ones (each chunk's first lines are short, so too many rows are
// reserved for it), and full then short (too few: the rows beyond its
// reservation overflow and are copied into place after the parse).
func BenchmarkReadCSVFileLengths(b *testing.B) {
	for _, bb := range []struct {
		name          string
		before, after func(*rand.Rand) []byte
	}{
		{"short-then-full", shortNumber, fullNumber},
		{"full-then-short", fullNumber, shortNumber},
	} {
		const n = 400000
		in := append(benchCSV(n/4, 20, bb.before), bytes.SplitN(benchCSV(3*n/4, 20, bb.after), []byte{'\n'}, 2)[1]...)
		path := filepath.Join(b.TempDir(), "w.csv")
		if err := os.WriteFile(path, in, 0o644); err != nil {
			b.Fatal(err)
		}
		b.Run(bb.name, func(b *testing.B) {
			b.SetBytes(int64(len(in)))
			for b.Loop() {
				if d, err := ReadCSVFile(path, CSVOptions{}); err != nil || d.N != n {
					b.Fatal(err)
				}
			}
		})
	}
}
