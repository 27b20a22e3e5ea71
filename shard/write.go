package shard

import (
	"encoding/binary"
	"errors"
	"fmt"
	"hash"
	"hash/fnv"
	"io"
	"math"
	"os"
	"path/filepath"
	"slices"
	"strings"

	"github.com/descentgo/descent/data"
	"github.com/descentgo/descent/internal/atomicfile"
)

// Bounds returns the first rows of the k blocks of n rows and n: block s
// holds rows [⌊s·n/k⌋, ⌊(s+1)·n/k⌋), as model.Local splits its shards, so
// that an in-process run with k shards sums in the same order as a backend
// that sums the blocks in index order.
func Bounds(n, k int) []int {
	b := make([]int, k+1)
	for s := range b {
		b[s] = s * n / k
	}
	return b
}

// Describe returns the header common to the blocks of d: everything but
// Index, FirstRow and Rows, with Blocks = k. It computes the
// standardization statistics, the label summary and the data identity over
// all rows. source names the file d was read from.
func Describe(d *data.Dense, k int, source string) (Header, error) {
	if d.N < 1 || d.D < 1 {
		return Header{}, fmt.Errorf("shard: data set of %d×%d has nothing to split", d.N, d.D)
	}
	if k < 1 || k > d.N {
		return Header{}, fmt.Errorf("shard: %d blocks for %d rows: want 1 ≤ blocks ≤ rows", k, d.N)
	}
	var st data.Standardization
	st.Fit(d)
	sum := newSummary()
	for i := range d.N {
		sum.add(d.Row(i), d.Y[i])
	}
	labels, id := sum.finish()
	h := Header{Blocks: k, Cols: d.D, TotalRows: d.N, Features: slices.Clone(d.Features),
		Target: d.Target, Standardization: st, Labels: labels, DataID: id, Source: source}
	if h.Features == nil {
		h.Features = make([]string, d.D)
		for j := range h.Features {
			h.Features[j] = fmt.Sprintf("f%d", j+1)
		}
	}
	return h, nil
}

// summary accumulates, over the rows in order, the label summary and the
// data identity of Describe.
type summary struct {
	seen map[float64]bool
	l    Labels
	mean float64
	m2   float64
	n    int
	h    hash.Hash64
	buf  [8]byte
}

func newSummary() *summary {
	return &summary{seen: map[float64]bool{}, l: Labels{AllInt: true}, h: fnv.New64a()}
}

func (s *summary) add(x []float64, y float64) {
	for _, v := range x {
		binary.LittleEndian.PutUint64(s.buf[:], math.Float64bits(v))
		s.h.Write(s.buf[:])
	}
	binary.LittleEndian.PutUint64(s.buf[:], math.Float64bits(y))
	s.h.Write(s.buf[:])
	if len(s.seen) < MaxDistinct {
		s.seen[y] = true
	} else if !s.seen[y] {
		s.l.Truncated = true
	}
	if y != math.Trunc(y) {
		s.l.AllInt = false
	}
	// Welford's update.
	s.n++
	dv := y - s.mean
	s.mean += dv / float64(s.n)
	s.m2 += dv * (y - s.mean)
}

// finish returns the label summary and the data id.
func (s *summary) finish() (Labels, string) {
	l := s.l
	for v := range s.seen {
		l.Distinct = append(l.Distinct, v)
	}
	slices.Sort(l.Distinct)
	l.Mean, l.Var = s.mean, s.m2/float64(s.n)
	return l, fmt.Sprintf("%016x", s.h.Sum64())
}

// Split returns the k blocks of d, whose X and Y are sub-slices of d's (no
// copy).
func Split(d *data.Dense, k int, source string) ([]Block, error) {
	h, err := Describe(d, k, source)
	if err != nil {
		return nil, err
	}
	b := Bounds(d.N, k)
	out := make([]Block, k)
	for s := range out {
		out[s].Header = h
		out[s].Index, out[s].FirstRow, out[s].Rows = s, b[s], b[s+1]-b[s]
		out[s].X, out[s].Y = d.X[b[s]*d.D:b[s+1]*d.D], d.Y[b[s]:b[s+1]]
	}
	return out, nil
}

// WriteDir writes d as k block files Name(s, k) in dir, creating dir if
// needed. Each file is written atomically (a temporary file renamed into
// place), so a reader never sees half a block; block files of an earlier
// split with another k are removed once every new block is in place, so
// the directory holds one set. It returns the paths in block order.
func WriteDir(dir string, d *data.Dense, k int, source string) ([]string, error) {
	blocks, err := Split(d, k, source)
	if err != nil {
		return nil, err
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, err
	}
	paths := make([]string, k)
	for s := range blocks {
		paths[s] = filepath.Join(dir, Name(s, k))
		b := &blocks[s]
		if err := atomicfile.Write(paths[s], func(w io.Writer) error { return WriteBlock(w, b) }); err != nil {
			return nil, err
		}
	}
	return paths, removeStale(dir, paths)
}

// removeStale removes the block files in dir that are not in paths.
func removeStale(dir string, paths []string) error {
	old, err := filepath.Glob(filepath.Join(dir, "block-*"+Ext))
	if err != nil {
		return err
	}
	keep := make(map[string]bool, len(paths))
	for _, p := range paths {
		keep[p] = true
	}
	for _, p := range old {
		if !keep[p] {
			if err := os.Remove(p); err != nil && !errors.Is(err, os.ErrNotExist) {
				return err
			}
		}
	}
	return nil
}

// IsBlockFile reports whether path names a block file by its extension.
func IsBlockFile(path string) bool { return strings.HasSuffix(path, Ext) }
