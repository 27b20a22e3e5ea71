package main

import (
	"bufio"
	"encoding/binary"
	"math"
	"math/rand/v2"
	"os"
	"runtime"
	"sync"

	"github.com/descentgo/descent/data"
)

// Data sets are generated from the run's seed in blocks of genBlock rows;
// block k of data set tag draws from its own PCG stream (seed, tag<<32 | k),
// so the data do not depend on how many goroutines generate them.
const genBlock = 4096

// Data-set tags, one per generated data set.
const (
	tagW2 = 2
	tagW3 = 3
	tagW4 = 4
	tagW5 = 5
)

// blockRand returns the generator of block k of data set tag.
func blockRand(seed uint64, tag, k int) *rand.Rand {
	return rand.New(rand.NewPCG(seed, uint64(tag)<<32|uint64(k)))
}

// parallelBlocks calls f(k, lo, hi) for every block of genBlock rows of an
// n-row data set, on up to GOMAXPROCS goroutines.
func parallelBlocks(n int, f func(k, lo, hi int)) {
	nb := (n + genBlock - 1) / genBlock
	workers := min(runtime.GOMAXPROCS(0), nb)
	var wg sync.WaitGroup
	var mu sync.Mutex
	next := 0
	for range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for {
				mu.Lock()
				k := next
				next++
				mu.Unlock()
				if k >= nb {
					return
				}
				f(k, k*genBlock, min(n, (k+1)*genBlock))
			}
		}()
	}
	wg.Wait()
}

// teacher returns d weights drawn from N(0, 1/d) with the generator of
// block −1 of data set tag, so the targets have unit scale.
func teacher(seed uint64, tag, d, k int) []float64 {
	r := rand.New(rand.NewPCG(seed, uint64(tag)<<32|0xffffffff))
	w := make([]float64, d*k)
	s := 1 / math.Sqrt(float64(d))
	for i := range w {
		w[i] = r.NormFloat64() * s
	}
	return w
}

// genRegression returns the W2 data set: X ~ N(0, 1) (n×d), y = X·w* + 0.1·ε
// with w* ~ N(0, 1/d) and ε ~ N(0, 1).
func genRegression(seed uint64, n, d int) *data.Dense {
	w := teacher(seed, tagW2, d, 1)
	ds := &data.Dense{N: n, D: d, X: data.MakeFloats(n * d), Y: make([]float64, n)}
	parallelBlocks(n, func(k, lo, hi int) {
		r := blockRand(seed, tagW2, k)
		for i := lo; i < hi; i++ {
			row := ds.X[i*d : i*d+d]
			var z float64
			for j := range row {
				row[j] = r.NormFloat64()
				z += row[j] * w[j]
			}
			ds.Y[i] = z + 0.1*r.NormFloat64()
		}
	})
	return ds
}

// genBinary returns the W3 data set: X ~ N(0, 1) (n×d) and labels
// y = [X·w* + 0.5·ε > 0] in {0, 1}.
func genBinary(seed uint64, n, d int) *data.Dense {
	w := teacher(seed, tagW3, d, 1)
	ds := &data.Dense{N: n, D: d, X: data.MakeFloats(n * d), Y: make([]float64, n)}
	parallelBlocks(n, func(k, lo, hi int) {
		r := blockRand(seed, tagW3, k)
		for i := lo; i < hi; i++ {
			row := ds.X[i*d : i*d+d]
			var z float64
			for j := range row {
				row[j] = r.NormFloat64()
				z += row[j] * w[j]
			}
			if z+0.5*r.NormFloat64() > 0 {
				ds.Y[i] = 1
			}
		}
	})
	return ds
}

// genImages returns the W4 data set: n "images" of d pixels uniform in
// [0, 1) and labels in 0…classes−1, the argmax of a random linear teacher
// applied to the centred pixels.
func genImages(seed uint64, n, d, classes int) *data.Dense {
	w := teacher(seed, tagW4, d, classes)
	ds := &data.Dense{N: n, D: d, X: data.MakeFloats(n * d), Y: make([]float64, n)}
	parallelBlocks(n, func(k, lo, hi int) {
		r := blockRand(seed, tagW4, k)
		z := make([]float64, classes)
		for i := lo; i < hi; i++ {
			row := ds.X[i*d : i*d+d]
			clear(z)
			for j := range row {
				v := r.Float64()
				row[j] = v
				for c := range z {
					z[c] += (v - 0.5) * w[c*d+j]
				}
			}
			best := 0
			for c := range z {
				if z[c] > z[best] {
					best = c
				}
			}
			ds.Y[i] = float64(best)
		}
	})
	return ds
}

// writeFloats writes x to path as raw little-endian float64, the format
// that numpy.fromfile(path, dtype="<f8") reads.
func writeFloats(path string, x []float64) error {
	f, err := os.Create(path)
	if err != nil {
		return err
	}
	w := bufio.NewWriterSize(f, 1<<20)
	var b [8]byte
	for _, v := range x {
		binary.LittleEndian.PutUint64(b[:], math.Float64bits(v))
		w.Write(b[:])
	}
	if err := w.Flush(); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}
