// Package gencsv writes the benchmarks' synthetic CSV files.
package gencsv

import (
	"bufio"
	"math"
	"math/rand/v2"
	"os"
	"strconv"
)

// Logistic writes to path a header x1,…,xd,y and n rows of d standard
// normal features, formatted with 17 significant digits, and a 0/1 label
// drawn from a logistic teacher with weights (−1)^j/√d, all from seed. It
// returns the file's size.
func Logistic(path string, n, d int, seed uint64) (int64, error) {
	f, err := os.Create(path)
	if err != nil {
		return 0, err
	}
	w := bufio.NewWriterSize(f, 1<<20)
	var b []byte
	for j := range d {
		b = append(b, 'x')
		b = strconv.AppendInt(b, int64(j+1), 10)
		b = append(b, ',')
	}
	b = append(b, "y\n"...)
	w.Write(b)
	r := rand.New(rand.NewPCG(seed, 14))
	for range n {
		b = b[:0]
		z := 0.0
		for j := range d {
			v := r.NormFloat64()
			z += v * math.Pow(-1, float64(j)) / math.Sqrt(float64(d))
			b = strconv.AppendFloat(b, v, 'e', 16, 64)
			b = append(b, ',')
		}
		if r.Float64() < 1/(1+math.Exp(-z)) {
			b = append(b, '1')
		} else {
			b = append(b, '0')
		}
		b = append(b, '\n')
		w.Write(b)
	}
	if err := w.Flush(); err != nil {
		f.Close()
		return 0, err
	}
	if err := f.Close(); err != nil {
		return 0, err
	}
	fi, err := os.Stat(path)
	if err != nil {
		return 0, err
	}
	return fi.Size(), nil
}
