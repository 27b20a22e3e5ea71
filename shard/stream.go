package shard

import (
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"

	"github.com/descentgo/descent/data"
	"github.com/descentgo/descent/internal/atomicfile"
)

// Rows is a data set read in passes, for WriteStream: N rows of D
// features; each call of Pass visits every row, in the same order.
type Rows struct {
	N, D     int
	Features []string
	Target   string
	// Pass visits the rows; x and y are valid during the call only.
	Pass func(visit func(x []float64, y float64)) error
}

// StreamRows returns the Rows of a data.Stream: every pass resets the
// stream and reads it chunk by chunk, so memory does not grow with the
// file.
func StreamRows(st *data.Stream, features []string, target string) *Rows {
	return &Rows{N: st.N(), D: st.D(), Features: features, Target: target,
		Pass: func(visit func(x []float64, y float64)) error {
			if err := st.Reset(); err != nil {
				return err
			}
			var b data.Dense
			for {
				n, err := st.Next(&b)
				if err == io.EOF {
					return nil
				}
				if err != nil {
					return err
				}
				for i := range n {
					visit(b.Row(i), b.Y[i])
				}
			}
		}}
}

// WriteStream is WriteDir for a data set read in passes: one for the
// means, one for the deviations (data.Standardization.FitPasses), one for
// the label summary and the data id, and one that writes the blocks, each
// held in memory alone. The block files are those WriteDir writes for the
// same rows, byte for byte.
func WriteStream(dir string, r *Rows, k int, source string) ([]string, error) {
	if r.N < 1 || r.D < 1 {
		return nil, fmt.Errorf("shard: data set of %d×%d has nothing to split", r.N, r.D)
	}
	if k < 1 || k > r.N {
		return nil, fmt.Errorf("shard: %d blocks for %d rows: want 1 ≤ blocks ≤ rows", k, r.N)
	}
	h := Header{Blocks: k, Cols: r.D, TotalRows: r.N, Features: slices.Clone(r.Features), Target: r.Target, Source: source}
	if h.Features == nil {
		h.Features = make([]string, r.D)
		for j := range h.Features {
			h.Features[j] = fmt.Sprintf("f%d", j+1)
		}
	}
	rows := func(visit func(row []float64)) error {
		return r.Pass(func(x []float64, _ float64) { visit(x) })
	}
	if err := h.Standardization.FitPasses(r.D, rows); err != nil {
		return nil, err
	}
	sum := newSummary()
	if err := r.Pass(sum.add); err != nil {
		return nil, err
	}
	h.Labels, h.DataID = sum.finish()
	if sum.n != r.N {
		return nil, fmt.Errorf("shard: the data set has %d rows, not %d: did it change while it was read?", sum.n, r.N)
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, err
	}
	bounds := Bounds(r.N, k)
	paths := make([]string, k)
	b := Block{Header: h}
	s, i := 0, 0
	var werr error
	flush := func() {
		b.Index, b.FirstRow, b.Rows = s, bounds[s], bounds[s+1]-bounds[s]
		paths[s] = filepath.Join(dir, Name(s, k))
		if werr == nil {
			werr = atomicfile.Write(paths[s], func(w io.Writer) error { return WriteBlock(w, &b) })
		}
		b.X, b.Y = b.X[:0], b.Y[:0]
		s++
	}
	err := r.Pass(func(x []float64, y float64) {
		if s >= k {
			return
		}
		b.X = append(b.X, x...)
		b.Y = append(b.Y, y)
		i++
		if i == bounds[s+1] {
			flush()
		}
	})
	if err == nil {
		err = werr
	}
	if err != nil {
		return nil, err
	}
	return paths, removeStale(dir, paths)
}
