package serve

import (
	"math"
	"testing"

	"github.com/descentgo/descent/train"
)

// The snapshots of a run of any length are between max/2 and max evenly
// spaced epochs (a power-of-two stride) plus the last one; weights that are
// not finite are never kept.
func TestSnapshotsSpacing(t *testing.T) {
	for _, c := range []struct{ epochs, max, stride int }{
		{5, 16, 1}, {15, 16, 1}, {16, 16, 2}, {100, 16, 8}, {1000, 16, 64}, {1000, 8, 128},
	} {
		s := newSnapshots(c.max)
		for e := 0; e <= c.epochs; e++ {
			if err := s.add(e, &train.Trained{Params: []float64{float64(e)}}); err != nil {
				t.Fatal(err)
			}
		}
		ep, ps := s.list()
		if s.stride != c.stride || ep[len(ep)-1] != c.epochs || len(ep) != len(ps) {
			t.Errorf("%d epochs, max %d: stride %d (want %d), epochs %v", c.epochs, c.max, s.stride, c.stride, ep)
		}
		kept := len(ep)
		if ep[len(ep)-1]%c.stride != 0 {
			kept-- // the last epoch, off the stride
		}
		if c.epochs+1 > c.max && (kept < c.max/2 || kept > c.max) {
			t.Errorf("%d epochs, max %d: %d snapshots on the stride: %v", c.epochs, c.max, kept, ep)
		}
		for i, e := range ep {
			if ps[i][0] != float64(e) {
				t.Errorf("%d epochs: snapshot of epoch %d holds the weights of epoch %g", c.epochs, e, ps[i][0])
			}
			if i > 0 && e <= ep[i-1] {
				t.Errorf("%d epochs: epochs not increasing: %v", c.epochs, ep)
			}
			if i > 0 && i < kept && e-ep[i-1] != c.stride {
				t.Errorf("%d epochs: uneven spacing: %v", c.epochs, ep)
			}
		}
	}
	s := newSnapshots(16)
	s.add(0, &train.Trained{Params: []float64{1}})
	s.add(1, &train.Trained{Params: []float64{math.Inf(1)}})
	s.add(2, &train.Trained{Params: []float64{math.NaN()}})
	if ep, _ := s.list(); len(ep) != 1 || ep[0] != 0 {
		t.Errorf("non-finite weights kept: epochs %v", ep)
	}
}
