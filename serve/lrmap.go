package serve

import (
	"net/http"
	"slices"

	"github.com/descentgo/descent/minimize"
	"github.com/descentgo/descent/run"
)

// Limits and defaults of a learning-rate × momentum map (POST /api/lrmap).
const (
	lrMapMaxRates   = 40
	lrMapMaxMomenta = 16
	lrMapRates      = 17
)

// lrMapMomenta are the default rows of the map.
var lrMapMomenta = []float64{0, 0.5, 0.7, 0.8, 0.9, 0.95}

// LRMapRequest is the body of POST /api/lrmap: the learning-rate × momentum
// map of `descent compare --grid`, one heavy-ball run per cell (run.Grid).
type LRMapRequest struct {
	Problem ProblemRequest `json:"problem"`
	// Opt is the optimizer whose lr and momentum are set per cell; default
	// sgd (torch's heavy ball).
	Opt string `json:"opt,omitempty"`
	// LRMin and LRMax bound the rates, spaced evenly in log (default
	// 1e-4 and 1); LRN is their number (default 17, at most 40).
	LRMin float64 `json:"lr_min,omitempty"`
	LRMax float64 `json:"lr_max,omitempty"`
	LRN   int     `json:"lr_n,omitempty"`
	// Momenta are the rows, increasing in [0, 1) (default 0, 0.5, 0.7,
	// 0.8, 0.9, 0.95; at most 16).
	Momenta  []float64 `json:"momenta,omitempty"`
	MaxSteps int       `json:"max_steps,omitempty"` // per cell; default 1000
}

func (s *Server) lrMap(r *http.Request) (any, error) {
	var req LRMapRequest
	if err := decode(r, &req); err != nil {
		return nil, err
	}
	c := s.cfg
	lo, hi, n := req.LRMin, req.LRMax, req.LRN
	if lo == 0 {
		lo = 1e-4
	}
	if hi == 0 {
		hi = max(1, 10*lo)
	}
	if n == 0 {
		n = lrMapRates
	}
	mom := req.Momenta
	if mom == nil {
		mom = lrMapMomenta
	}
	switch {
	case !(lo > 0) || !(hi > lo) || !finite(hi):
		return nil, badRequest("lr_min, lr_max: %g, %g: want 0 < lr_min < lr_max, finite", lo, hi)
	case n < 2 || n > lrMapMaxRates:
		return nil, badRequest("lr_n: %d must be in [2, %d]", n, lrMapMaxRates)
	case len(mom) == 0 || len(mom) > lrMapMaxMomenta:
		return nil, badRequest("momenta: %d values; give 1 to %d", len(mom), lrMapMaxMomenta)
	case !slices.IsSorted(mom) || mom[0] < 0 || !(mom[len(mom)-1] < 1):
		return nil, badRequest("momenta: %v: want increasing values in [0, 1)", mom)
	case req.MaxSteps < 0 || req.MaxSteps > c.MaxSteps:
		return nil, badRequest("max_steps: %d must be in [1, %d]", req.MaxSteps, c.MaxSteps)
	}
	opt, err := parseOptField("opt", req.Opt)
	if err != nil {
		return nil, err
	}
	p, err := s.buildProblem("problem.", req.Problem)
	if err != nil {
		return nil, err
	}
	st := minimize.DefaultSettings()
	if req.MaxSteps > 0 {
		st.MaxIters = req.MaxSteps
	}
	ctx := r.Context()
	res, err := run.Grid(ctx, run.GridConfig{Problem: p, Opt: opt, LRs: run.LogSpace(lo, hi, n), Momenta: mom, Settings: st})
	if err != nil {
		return nil, fieldError(err, under(""), "")
	}
	if ctx.Err() != nil {
		return nil, &apiError{http.StatusServiceUnavailable, "the map did not finish within the server's time budget: fewer cells or steps"}
	}
	return res, nil
}
