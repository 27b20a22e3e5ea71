package serve

import (
	"math"
	"slices"

	"github.com/descentgo/descent/data"
	"github.com/descentgo/descent/fn"
	"github.com/descentgo/descent/model"
	"github.com/descentgo/descent/run"
	"github.com/descentgo/descent/train"
)

// The data tab's picture: a scatter of two features coloured by class over
// the classes the model predicts on a grid of those two features (its
// decision regions), at a few epochs of the run, as TensorFlow Playground
// draws them.

// The size of a decision map.
const (
	// MapCells is the number of grid cells per side.
	MapCells = 40
	// MapPoints is the largest number of points sent: larger data sets
	// send every k-th row, k = ⌈rows/MapPoints⌉.
	MapPoints = 1000
	// mapSnapshots bounds the epochs whose weights are kept: between
	// mapSnapshots/2 and mapSnapshots, evenly spaced, plus the last.
	mapSnapshots = 16
)

// DecisionMap is the field "map" of a training response for a
// classification data set with at least two features. Points are in the
// data's units (not standardized); the grid covers them with a 10% margin.
// The model predicts at each cell's centre with the two plotted features set
// to the centre's values and every other feature at its mean over the
// training rows (0 after standardization).
type DecisionMap struct {
	Features [2]int    `json:"features"` // indexes of the x and y features
	Names    [2]string `json:"names"`    // their names
	Classes  []float64 `json:"classes"`  // the class labels; grids and points hold indexes into it
	// Window is [xmin, xmax, ymin, ymax], in the features' units.
	Window [4]float64 `json:"window"`
	Cells  int        `json:"cells"` // cells per side of each grid
	// Epochs are the epochs of the grids: Grids[k] holds the predicted
	// class index of each cell at the end of epoch Epochs[k], Cells×Cells
	// row-major, row 0 at ymin, column 0 at xmin. A diverged run has no
	// grid past its last finite weights.
	Epochs []int   `json:"epochs"`
	Grids  [][]int `json:"grids"`
	// Confidence[k] holds one digit per cell of Grids[k]: the predicted
	// class's probability p rescaled from chance (1/K for K classes: 0) to
	// certainty (1: 9), ⌊10·(p − 1/K)/(1 − 1/K)⌋ capped at 9.
	Confidence []string `json:"confidence"`
	// X, Y and Class are the points (every row, or every k-th row beyond
	// MapPoints rows): the two features and the label's class index.
	X      []run.Float `json:"x"`
	Y      []run.Float `json:"y"`
	Class  []int       `json:"class"`
	Stride int         `json:"stride"` // k: every k-th row is sent
}

// snapshots keeps the weights of between max/2 and max epochs, evenly
// spaced over a run whose length is not known in advance: every stride-th
// epoch, the stride doubling (and every other snapshot dropped) when there
// are more than max; and the last epoch's weights.
type snapshots struct {
	max, stride int
	epochs      []int
	params      [][]float64
	lastEpoch   int
	last        []float64
	model       model.Model
	std         *train.Standardization
	features    []string
}

func newSnapshots(max int) *snapshots { return &snapshots{max: max, stride: 1, lastEpoch: -1} }

// add is a train.Config.OnWeights hook. Weights that are not all finite
// (a diverging run) are not kept.
func (s *snapshots) add(epoch int, t *train.Trained) error {
	if !fn.AllFinite(t.Params) {
		return nil
	}
	s.model, s.std, s.features = t.Model, t.Std, t.Features
	s.last, s.lastEpoch = append(s.last[:0], t.Params...), epoch
	if epoch%s.stride != 0 {
		return nil
	}
	s.epochs = append(s.epochs, epoch)
	s.params = append(s.params, slices.Clone(t.Params))
	if len(s.epochs) > s.max {
		s.stride *= 2
		k := 0
		for i, e := range s.epochs {
			if e%s.stride == 0 {
				s.epochs[k], s.params[k] = e, s.params[i]
				k++
			}
		}
		s.epochs, s.params = s.epochs[:k], s.params[:k]
	}
	return nil
}

// list returns the epochs and weights kept, the last epoch included.
func (s *snapshots) list() ([]int, [][]float64) {
	if s.lastEpoch < 0 {
		return nil, nil
	}
	ep, ps := slices.Clone(s.epochs), slices.Clone(s.params)
	if n := len(ep); n == 0 || ep[n-1] != s.lastEpoch {
		ep, ps = append(ep, s.lastEpoch), append(ps, s.last)
	}
	return ep, ps
}

// decisionMap draws the map of features fx and fy of d (raw rows) for the
// snapshots of a classifier; nil for regression or when no weights were
// kept.
func decisionMap(s *snapshots, d *data.Dense, fx, fy int) *DecisionMap {
	epochs, params := s.list()
	m := s.model
	if m == nil || m.Task() == model.Regression || len(epochs) == 0 {
		return nil
	}
	cl := m.Classes()
	dm := &DecisionMap{Features: [2]int{fx, fy}, Names: [2]string{d.Features[fx], d.Features[fy]},
		Classes: cl, Cells: MapCells, Epochs: epochs}
	// The window: the points' range with a 10% margin.
	lo, hi := [2]float64{math.Inf(1), math.Inf(1)}, [2]float64{math.Inf(-1), math.Inf(-1)}
	for i := 0; i < d.N; i++ {
		row := d.Row(i)
		for k, j := range [2]int{fx, fy} {
			lo[k], hi[k] = min(lo[k], row[j]), max(hi[k], row[j])
		}
	}
	for k := range lo {
		pad := 0.1 * (hi[k] - lo[k])
		if !(pad > 0) {
			pad = math.Max(1, math.Abs(lo[k])*0.1)
		}
		lo[k], hi[k] = lo[k]-pad, hi[k]+pad
	}
	dm.Window = [4]float64{lo[0], hi[0], lo[1], hi[1]}
	// The model's input positions of the two features, and their
	// standardization.
	pos := [2]int{slices.Index(s.features, d.Features[fx]), slices.Index(s.features, d.Features[fy])}
	mean, sd := [2]float64{0, 0}, [2]float64{1, 1}
	if s.std != nil && s.std.Center {
		for k, p := range pos {
			mean[k], sd[k] = s.std.Mean[p], s.std.Std[p]
		}
	}
	index := func(label float64) int {
		i, ok := slices.BinarySearch(cl, label)
		if !ok {
			return -1
		}
		return i
	}
	x := make([]float64, m.Features())
	pred := make([]float64, m.Outputs())
	var ws model.Workspace
	chance := 1 / float64(len(cl))
	for _, p := range params {
		g := make([]int, MapCells*MapCells)
		conf := make([]byte, MapCells*MapCells)
		for r := 0; r < MapCells; r++ {
			yv := lo[1] + (float64(r)+0.5)*(hi[1]-lo[1])/MapCells
			x[pos[1]] = (yv - mean[1]) / sd[1]
			for c := 0; c < MapCells; c++ {
				xv := lo[0] + (float64(c)+0.5)*(hi[0]-lo[0])/MapCells
				x[pos[0]] = (xv - mean[0]) / sd[0]
				m.Predict(pred, p, x, &ws)
				g[r*MapCells+c] = index(model.Label(m, pred))
				pm := slices.Max(pred)
				if len(pred) == 1 {
					pm = max(pred[0], 1-pred[0])
				}
				conf[r*MapCells+c] = '0' + byte(min(9, max(0, int(10*(pm-chance)/(1-chance)))))
			}
		}
		dm.Grids = append(dm.Grids, g)
		dm.Confidence = append(dm.Confidence, string(conf))
	}
	dm.Stride = (d.N + MapPoints - 1) / MapPoints
	for i := 0; i < d.N; i += dm.Stride {
		row := d.Row(i)
		dm.X = append(dm.X, run.Float(row[fx]))
		dm.Y = append(dm.Y, run.Float(row[fy]))
		dm.Class = append(dm.Class, index(d.Y[i]))
	}
	return dm
}
