package serve

import (
	"encoding/json"
	"math"
	"net/http"
	"strconv"

	"github.com/descentgo/descent/lrfind"
	"github.com/descentgo/descent/run"
)

// gridRange is the dynamic range of the map's log scale: t = log10((f −
// fmin)/s + 1) with s = (fmax − fmin)/gridRange, so t runs from 0 to
// log10(gridRange + 1) ≈ 3 and the colors resolve three decades of f − fmin.
const gridRange = 1e3

// GridRequest is the body of POST /api/grid.
type GridRequest struct {
	Problem ProblemRequest `json:"problem"`
	// Window is [xmin, xmax, ymin, ymax]; default: the problem's window.
	Window []float64 `json:"window,omitempty"`
	N      int       `json:"n,omitempty"` // nodes per side; default 128
}

// GridResponse is the body of a POST /api/grid answer: n×n values
// t = log10((f − FMin)/Scale + 1), row-major with row 0 at ymin and column 0
// at xmin, null where f is NaN; +Inf maps to the top of the scale. Invert
// with f = FMin + Scale·(10^t − 1).
type GridResponse struct {
	Window []float64       `json:"window"`
	N      int             `json:"n"`
	FMin   float64         `json:"f_min"` // smallest finite f on the grid
	FMax   float64         `json:"f_max"` // largest finite f on the grid
	Scale  float64         `json:"scale"`
	TMax   float64         `json:"tmax"`
	T      json.RawMessage `json:"t"`
}

func (s *Server) grid(r *http.Request) (any, error) {
	var req GridRequest
	if err := decode(r, &req); err != nil {
		return nil, err
	}
	n := req.N
	switch {
	case n == 0:
		n = 128
	case n < 8 || n > s.cfg.GridMax:
		return nil, badRequest("n: %d nodes per side; give 8 to %d", n, s.cfg.GridMax)
	}
	p, err := s.buildProblem("problem.", req.Problem)
	if err != nil {
		return nil, err
	}
	if p.F.Dim() != 2 {
		return nil, badRequest("the map draws functions of 2 variables; %s has %d", p.Name, p.F.Dim())
	}
	var win [4]float64
	if req.Window == nil {
		win = [4]float64(problemInfo(p).Window)
	} else {
		if len(req.Window) != 4 {
			return nil, badRequest("window: give 4 numbers [xmin, xmax, ymin, ymax], not %d", len(req.Window))
		}
		win = [4]float64(req.Window)
		for i := 0; i < 4; i += 2 {
			lo, hi := win[i], win[i+1]
			if !(lo < hi) || math.IsInf(hi-lo, 0) {
				return nil, badRequest("window: [%g, %g] is not an interval with min < max", lo, hi)
			}
			if (hi-lo)/2 < 1e-9*math.Max(math.Abs(lo), math.Abs(hi)) {
				return nil, badRequest("window: [%g, %g] is narrower than the precision of its coordinates", lo, hi)
			}
		}
	}
	ctx := r.Context()
	x := make([]float64, 2)
	vals := make([]float64, n*n)
	fmin, fmax := math.Inf(1), math.Inf(-1)
	for row := 0; row < n; row++ {
		if ctx.Err() != nil {
			return nil, &apiError{http.StatusServiceUnavailable, "the time budget ran out while computing the map; ask for fewer nodes"}
		}
		x[1] = win[2] + (win[3]-win[2])*float64(row)/float64(n-1)
		for col := 0; col < n; col++ {
			x[0] = win[0] + (win[1]-win[0])*float64(col)/float64(n-1)
			v := p.F.Value(x)
			vals[row*n+col] = v
			if finite(v) {
				fmin, fmax = math.Min(fmin, v), math.Max(fmax, v)
			}
		}
	}
	if math.IsInf(fmin, 1) {
		fmin, fmax = 0, 1
	}
	scale := (fmax - fmin) / gridRange
	if !(scale > 0) || math.IsInf(scale, 0) {
		scale = 1
	}
	tmax := math.Log10((fmax-fmin)/scale + 1)
	buf := make([]byte, 0, n*n*7)
	buf = append(buf, '[')
	for i, v := range vals {
		if i > 0 {
			buf = append(buf, ',')
		}
		switch {
		case math.IsNaN(v):
			buf = append(buf, "null"...)
			continue
		case math.IsInf(v, 1):
			v = tmax
		case math.IsInf(v, -1):
			v = 0
		default:
			v = math.Log10((v-fmin)/scale + 1)
		}
		buf = strconv.AppendFloat(buf, math.Round(v*1e4)/1e4, 'f', -1, 64)
	}
	buf = append(buf, ']')
	return &GridResponse{Window: win[:], N: n, FMin: fmin, FMax: fmax, Scale: scale, TMax: tmax, T: buf}, nil
}

// LRFindRequest is the body of POST /api/lrfind.
type LRFindRequest struct {
	Problem ProblemRequest `json:"problem"`
	Opt     string         `json:"opt,omitempty"` // step-based optimizer; its lr is swept; default run.DefaultOpt ("gd")
}

// LRFindResponse is the range test of `descent lrfind --json` with the
// learning rate the page recommends: the range test's suggestion capped at
// 1/L = half the stable bound 2/L when the optimizer family has a bound
// (gd, momentum), the range test's alone otherwise (adaptive methods), and
// the bound's half alone when the loss never fell.
type LRFindResponse struct {
	*run.LRFindReport
	RecommendedLR run.Float `json:"recommended_lr"` // null when neither gives a rate
	Reason        string    `json:"reason"`
}

func (s *Server) lrfind(r *http.Request) (any, error) {
	var req LRFindRequest
	if err := decode(r, &req); err != nil {
		return nil, err
	}
	opt, err := parseOptField("opt", req.Opt)
	if err != nil {
		return nil, err
	}
	p, err := s.buildProblem("problem.", req.Problem)
	if err != nil {
		return nil, err
	}
	rep, err := run.LRFind(p, opt, lrfind.Settings{})
	if err != nil {
		return nil, fieldError(err, under(""), "")
	}
	rep.Sweep = thinSweep(rep.Sweep, 200)
	out := &LRFindResponse{LRFindReport: rep, RecommendedLR: run.Float(math.NaN())}
	sugg := float64(rep.SuggestedLR)
	bound := math.NaN()
	if rep.Curvature != nil {
		bound = float64(rep.Curvature.StableLRBound)
	}
	switch {
	case finite(sugg) && finite(bound) && sugg > bound/2:
		out.RecommendedLR, out.Reason = run.Float(bound/2), "the range test's "+fmtG(sugg)+" capped at 1/L = half the stable bound "+fmtG(bound)
	case finite(sugg) && finite(bound):
		out.RecommendedLR, out.Reason = run.Float(sugg), "the range test's suggestion (below 1/L = "+fmtG(bound/2)+")"
	case finite(sugg):
		out.RecommendedLR, out.Reason = run.Float(sugg), "the range test's suggestion (no curvature bound applies to this optimizer)"
	case finite(bound):
		out.RecommendedLR, out.Reason = run.Float(bound/2), "1/L, half the stable bound 2/L (the range test found no fall of the loss)"
	default:
		out.Reason = "neither the range test nor the curvature gives a rate here"
	}
	return out, nil
}

// thinSweep keeps at most limit points of a range test, evenly spaced.
func thinSweep(sw []run.SweepPoint, limit int) []run.SweepPoint {
	if len(sw) <= limit {
		return sw
	}
	out := []run.SweepPoint{sw[0]}
	for _, i := range evenly(len(sw), limit-2) {
		out = append(out, sw[i])
	}
	return append(out, sw[len(sw)-1])
}

func fmtG(v float64) string { return strconv.FormatFloat(v, 'g', 3, 64) }
