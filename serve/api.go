package serve

import (
	"context"
	"errors"
	"fmt"
	"math"
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/descentgo/descent/minimize"
	"github.com/descentgo/descent/optim"
	"github.com/descentgo/descent/problem"
	"github.com/descentgo/descent/run"
	"github.com/descentgo/descent/schedule"
	"github.com/descentgo/descent/spec"
	"github.com/descentgo/descent/testfunc"
	"github.com/descentgo/descent/viz"
)

// maxSpecLen bounds optimizer, schedule, model and catalogue specifications.
const maxSpecLen = 300

// maxIntParam bounds the integer parameters of optimizer specifications
// (L-BFGS history, BB memory, CG restart), which size buffers.
const maxIntParam = 1000

// ProblemRequest names the function to minimize: a catalogue specification
// (Func) or a formula (Expr, with optional Vars), and the start point.
type ProblemRequest struct {
	Func  string    `json:"func,omitempty"`  // e.g. "rosenbrock" or "quadratic:n=4,kappa=100"
	Expr  string    `json:"expr,omitempty"`  // e.g. "x^2 + 10*y^2"
	Vars  []string  `json:"vars,omitempty"`  // variable order of Expr; default: order of appearance
	Start []float64 `json:"start,omitempty"` // default: the catalogue's start, or zeros
}

// RunSpec is one run of a RunRequest.
type RunSpec struct {
	Opt      string `json:"opt"`                // optimizer spec, e.g. "adam:lr=0.01"
	Schedule string `json:"schedule,omitempty"` // schedule spec, e.g. "cosine:t_max=500"
	Warmup   int    `json:"warmup,omitempty"`   // linear warmup steps
}

// RunRequest is the body of POST /api/run.
type RunRequest struct {
	Problem  ProblemRequest `json:"problem"`
	Runs     []RunSpec      `json:"runs"`
	MaxSteps int            `json:"max_steps,omitempty"` // default 1000
	GradTol  *float64       `json:"grad_tol,omitempty"`  // default 1e-8
}

// ProblemInfo describes the problem a request built.
type ProblemInfo struct {
	Name    string      `json:"name"`
	Dim     int         `json:"dim"`
	Vars    []string    `json:"vars"`
	Start   []run.Float `json:"start"`
	FStart  run.Float   `json:"f_start"`
	FMin    *run.Float  `json:"fmin,omitempty"`   // catalogue functions: the known minimum (null: unbounded)
	Minima  [][]float64 `json:"minima,omitempty"` // catalogue functions: known global minimizers
	Formula string      `json:"formula,omitempty"`
	// Window is the default map window [xmin, xmax, ymin, ymax] of a 2-D
	// problem (absent otherwise).
	Window []float64 `json:"window,omitempty"`
}

// Path is a thinned descent path of a 2-D run: the iterates (X[i], Y[i])
// after Iter[i] steps, up to the last finite point.
type Path struct {
	Iter []int     `json:"iter"`
	X    []float64 `json:"x"`
	Y    []float64 `json:"y"`
	// Cut reports that the run reached a non-finite point after the last one.
	Cut bool `json:"cut"`
}

// Loss is a thinned loss curve: f after Iter[i] steps, up to the last
// finite value.
type Loss struct {
	Iter []int     `json:"iter"`
	F    []float64 `json:"f"`
}

// RunResult is one run of a RunResponse: the report of `descent minimize
// --json` with the schedule, the thinned path (2-D problems) and the loss.
type RunResult struct {
	*run.Report
	Schedule string `json:"schedule,omitempty"`
	Warmup   int    `json:"warmup,omitempty"`
	Path     *Path  `json:"path,omitempty"`
	Loss     Loss   `json:"loss"`
}

// RunResponse is the body of a POST /api/run answer.
type RunResponse struct {
	Problem ProblemInfo `json:"problem"`
	Runs    []RunResult `json:"runs"`
	// FitWindow frames the paths and the minima of a 2-D problem (see
	// viz.FitWindow).
	FitWindow []float64 `json:"fit_window,omitempty"`
}

var flagNames = strings.NewReplacer("--func", "func", "--expr", "expr", "--start", "start", "--vars", "vars", "--opt", "opt", "--schedule", "schedule", "--warmup", "warmup")

// userError rewrites an engine error (which names command-line flags) for
// the API.
func userError(prefix string, err error) error {
	msg := strings.Replace(flagNames.Replace(err.Error()), "expr: expr:", "expr:", 1)
	if prefix != "" {
		msg = prefix + ": " + msg
	}
	return badRequest("%s", msg)
}

// formulaDepth returns the deepest nesting of parentheses in src.
func formulaDepth(src string) int {
	d, m := 0, 0
	for _, c := range src {
		switch c {
		case '(':
			d++
			m = max(m, d)
		case ')':
			d--
		}
	}
	return m
}

// buildProblem checks a ProblemRequest against the limits and builds it.
// Formulas are compiled per request: a compiled program is not safe for
// concurrent use.
func (s *Server) buildProblem(pr ProblemRequest) (*problem.Problem, error) {
	c := s.cfg
	if pr.Func != "" {
		if len(pr.Func) > maxSpecLen {
			return nil, badRequest("func: specification of %d bytes exceeds %d", len(pr.Func), maxSpecLen)
		}
		sp, err := spec.Parse(pr.Func)
		if err != nil {
			return nil, badRequest("func: %v", err)
		}
		for _, p := range sp.Params {
			if p.Key != "n" {
				continue
			}
			if n, err := strconv.Atoi(p.Value); err == nil && (n > c.MaxDim || n < 1) {
				return nil, badRequest("func: n=%d: the server allows 1 to %d variables", n, c.MaxDim)
			}
		}
	}
	if pr.Expr != "" {
		if len(pr.Expr) > c.MaxFormulaLen {
			return nil, badRequest("expr: the formula is %d bytes long; the limit is %d", len(pr.Expr), c.MaxFormulaLen)
		}
		if d := formulaDepth(pr.Expr); d > c.MaxFormulaDepth {
			return nil, badRequest("expr: parentheses nest %d deep; the limit is %d", d, c.MaxFormulaDepth)
		}
		if len(pr.Vars) > c.MaxDim {
			return nil, badRequest("vars: %d names; the limit is %d", len(pr.Vars), c.MaxDim)
		}
		for _, v := range pr.Vars {
			if len(v) > 64 {
				return nil, badRequest("vars: the name %.20q… is longer than 64 bytes", v)
			}
		}
	}
	if len(pr.Start) > c.MaxDim {
		return nil, badRequest("start: %d values; the limit is %d variables", len(pr.Start), c.MaxDim)
	}
	p, err := problem.New(problem.Spec{Func: pr.Func, Expr: pr.Expr, Vars: pr.Vars, Start: pr.Start})
	if err != nil {
		return nil, userError("", err)
	}
	if n := p.F.Dim(); n > c.MaxDim {
		return nil, badRequest("the problem has %d variables; the server allows %d", n, c.MaxDim)
	}
	return p, nil
}

// problemInfo describes p.
func problemInfo(p *problem.Problem) ProblemInfo {
	info := ProblemInfo{Name: p.Name, Dim: p.F.Dim(), Vars: p.Vars, Start: run.Floats(p.Start), FStart: run.Float(p.F.Value(p.Start))}
	if k := p.Known; k != nil {
		fm := run.Float(k.FMin)
		info.FMin = &fm
		info.Minima = finiteRows(k.Minima)
		info.Formula = k.Formula
	} else {
		info.Formula = p.Name
	}
	if info.Dim == 2 {
		w := defaultWindow(p.Start, info.Minima)
		info.Window = w[:]
	}
	return info
}

// finiteRows returns the rows of m whose values are all finite.
func finiteRows(m [][]float64) [][]float64 {
	var out [][]float64
	for _, r := range m {
		ok := true
		for _, v := range r {
			ok = ok && !math.IsNaN(v) && !math.IsInf(v, 0)
		}
		if ok {
			out = append(out, r)
		}
	}
	return out
}

// defaultWindow is the map window of a 2-D problem before any run: a square
// around the start and the known minima with 60% margin on each side, at
// least 4 wide (a formula's start at the origin gives [−2, 2]²).
func defaultWindow(start []float64, minima [][]float64) [4]float64 {
	x0, x1, y0, y1 := start[0], start[0], start[1], start[1]
	for _, m := range minima {
		if len(m) == 2 {
			x0, x1 = math.Min(x0, m[0]), math.Max(x1, m[0])
			y0, y1 = math.Min(y0, m[1]), math.Max(y1, m[1])
		}
	}
	cx, cy := (x0+x1)/2, (y0+y1)/2
	h := 1.6 * math.Max(x1-x0, y1-y0) / 2
	h = math.Max(h, 2)
	return [4]float64{cx - h, cx + h, cy - h, cy + h}
}

// checkOptSpec checks the size of an optimizer specification and its
// integer parameters, which size buffers (L-BFGS history).
func checkOptSpec(what, s string) error {
	if len(s) > maxSpecLen {
		return badRequest("%s: specification of %d bytes exceeds %d", what, len(s), maxSpecLen)
	}
	sp, err := spec.Parse(s)
	if err != nil {
		return badRequest("%s: %v", what, err)
	}
	e, ok := optim.Lookup(sp.Name)
	if !ok {
		return badRequest("%s: unknown optimizer %q (known: %s)", what, sp.Name, strings.Join(optim.Names(), ", "))
	}
	for _, p := range sp.Params {
		for _, f := range e.Params {
			if f.Key == p.Key && f.Kind == spec.Int {
				if v, err := strconv.Atoi(p.Value); err == nil && (v > maxIntParam || v < -maxIntParam) {
					return badRequest("%s: %s=%d: the server allows |%s| ≤ %d", what, p.Key, v, p.Key, maxIntParam)
				}
			}
		}
	}
	return nil
}

// problem handles POST /api/problem: it checks a problem and describes it.
func (s *Server) problem(r *http.Request) (any, error) {
	var req ProblemRequest
	if err := decode(r, &req); err != nil {
		return nil, err
	}
	p, err := s.buildProblem(req)
	if err != nil {
		return nil, err
	}
	return problemInfo(p), nil
}

// run handles POST /api/run.
func (s *Server) run(r *http.Request) (any, error) {
	var req RunRequest
	if err := decode(r, &req); err != nil {
		return nil, err
	}
	c := s.cfg
	switch {
	case len(req.Runs) == 0:
		return nil, badRequest("runs: give at least one run, e.g. {\"opt\": \"gd:lr=0.001\"}")
	case len(req.Runs) > c.MaxRuns:
		return nil, badRequest("runs: %d runs; the limit is %d per request", len(req.Runs), c.MaxRuns)
	case req.MaxSteps < 0:
		return nil, badRequest("max_steps: %d must be positive", req.MaxSteps)
	case req.MaxSteps > c.MaxSteps:
		return nil, badRequest("max_steps: %d exceeds the server's limit of %d", req.MaxSteps, c.MaxSteps)
	}
	steps := req.MaxSteps
	if steps == 0 {
		steps = 1000
	}
	gradTol := 1e-8
	if req.GradTol != nil {
		if *req.GradTol < 0 {
			return nil, badRequest("grad_tol: %g must be ≥ 0", *req.GradTol)
		}
		gradTol = *req.GradTol
	}
	for i, rs := range req.Runs {
		what := fmt.Sprintf("runs[%d].opt", i)
		if strings.TrimSpace(rs.Opt) == "" {
			return nil, badRequest("%s: name an optimizer, e.g. \"gd:lr=0.001\" (see /api/optimizers)", what)
		}
		if err := checkOptSpec(what, rs.Opt); err != nil {
			return nil, err
		}
		if len(rs.Schedule) > maxSpecLen {
			return nil, badRequest("runs[%d].schedule: specification of %d bytes exceeds %d", i, len(rs.Schedule), maxSpecLen)
		}
		if rs.Warmup < 0 || rs.Warmup > c.MaxSteps {
			return nil, badRequest("runs[%d].warmup: %d must be in [0, %d]", i, rs.Warmup, c.MaxSteps)
		}
		if _, _, err := run.NewAlgorithm(rs.Opt, rs.Schedule, rs.Warmup); err != nil {
			return nil, userError(fmt.Sprintf("runs[%d]", i), err)
		}
	}
	p, err := s.buildProblem(req.Problem)
	if err != nil {
		return nil, err
	}
	ctx := r.Context()
	resp := &RunResponse{Problem: problemInfo(p)}
	is2D := p.F.Dim() == 2
	var paths []viz.Path
	for i, rs := range req.Runs {
		st := minimize.Settings{MaxIters: steps, GradTol: gradTol, Patience: 1, KeepPath: is2D, Timeout: budget(ctx)}
		rep, err := run.Minimize(ctx, run.Config{Problem: p, Opt: rs.Opt, Schedule: rs.Schedule, Warmup: rs.Warmup, Settings: st})
		if err != nil {
			if errors.Is(err, minimize.ErrBadStart) {
				return nil, badRequest("start: f or its gradient is not finite at the start point %v", p.Start)
			}
			return nil, userError(fmt.Sprintf("runs[%d] (%s)", i, rs.Opt), err)
		}
		out := RunResult{Report: rep, Schedule: rs.Schedule, Warmup: rs.Warmup, Loss: thinLoss(rep.Result.History.F, c.PathPoints)}
		if is2D {
			out.Path = thinPath(rep.Result.History.X, c.PathPoints)
			xs, ys := rep.FinitePath()
			paths = append(paths, viz.Path{X: xs, Y: ys})
		}
		rep.Result.History.X = nil // release the full path early
		resp.Runs = append(resp.Runs, out)
	}
	if is2D {
		var minima [][2]float64
		for _, m := range resp.Problem.Minima {
			minima = append(minima, [2]float64{m[0], m[1]})
		}
		w := viz.FitWindow(paths, minima)
		resp.FitWindow = w[:]
	}
	return resp, nil
}

// budget returns the time left before ctx's deadline, less a margin so that
// a run stops on its own timeout rule (status "timeout") before the context
// is cancelled.
func budget(ctx context.Context) time.Duration {
	d, ok := ctx.Deadline()
	if !ok {
		return 0
	}
	return max(time.Until(d)-50*time.Millisecond, time.Millisecond)
}

// FunctionInfo describes a catalogue function for GET /api/functions.
type FunctionInfo struct {
	Name      string      `json:"name"`
	Title     string      `json:"title"`
	Formula   string      `json:"formula"`
	Parsable  bool        `json:"parsable"`
	Source    string      `json:"source"`
	Notes     string      `json:"notes,omitempty"`
	N         int         `json:"n"`
	Start     []float64   `json:"start"`
	Minima    [][]float64 `json:"minima"`
	FMin      run.Float   `json:"fmin"` // null when unbounded below
	Unbounded bool        `json:"unbounded"`
	Smooth    bool        `json:"smooth"`
	Params    []FieldInfo `json:"params"`
	Window    []float64   `json:"window,omitempty"`
}

// FieldInfo is a spec.Field in JSON.
type FieldInfo struct {
	Key     string   `json:"key"`
	Kind    string   `json:"kind"` // float, int, bool, string, floats, ints
	Default string   `json:"default"`
	Doc     string   `json:"doc"`
	Choices []string `json:"choices,omitempty"`
}

var kindNames = map[spec.Kind]string{spec.Float: "float", spec.Int: "int", spec.Bool: "bool", spec.String: "string", spec.Floats: "floats", spec.Ints: "ints"}

func fieldInfos(fs []spec.Field) []FieldInfo {
	out := make([]FieldInfo, 0, len(fs))
	for _, f := range fs {
		out = append(out, FieldInfo{Key: f.Key, Kind: kindNames[f.Kind], Default: f.Default, Doc: f.Doc, Choices: f.Choices})
	}
	return out
}

func (s *Server) functions(*http.Request) (any, error) {
	var out []FunctionInfo
	for _, f := range testfunc.All() {
		fi := FunctionInfo{
			Name: f.Name, Title: f.Title, Formula: f.Formula, Parsable: f.Parsable, Source: f.Source, Notes: f.Notes,
			N: f.N, Start: f.Start, Minima: finiteRows(f.Minima), FMin: run.Float(f.FMin),
			Unbounded: f.Unbounded, Smooth: f.Smooth, Params: fieldInfos(testfunc.Params(f.Name)),
		}
		if fi.Minima == nil {
			fi.Minima = [][]float64{}
		}
		if f.N == 2 {
			w := defaultWindow(f.Start, fi.Minima)
			fi.Window = w[:]
		}
		out = append(out, fi)
	}
	return out, nil
}

// OptimizerInfo describes an optimizer for GET /api/optimizers.
type OptimizerInfo struct {
	Name    string      `json:"name"`
	Summary string      `json:"summary"`
	Params  []FieldInfo `json:"params"`
	// LineSearch reports a method that chooses its own steps (its lr, if
	// any, is only the first trial step).
	LineSearch bool `json:"line_search"`
}

func (s *Server) optimizers(*http.Request) (any, error) {
	var out []OptimizerInfo
	for _, n := range optim.Names() {
		e, _ := optim.Lookup(n)
		oi := OptimizerInfo{Name: n, Summary: e.Summary, Params: fieldInfos(e.Params)}
		if a, err := optim.New(n); err == nil {
			_, oi.LineSearch = a.(optim.Method)
		}
		out = append(out, oi)
	}
	return out, nil
}

// ScheduleInfo describes a schedule for GET /api/schedules.
type ScheduleInfo struct {
	Name    string      `json:"name"`
	Summary string      `json:"summary"`
	Params  []FieldInfo `json:"params"`
}

func (s *Server) schedules(*http.Request) (any, error) {
	var out []ScheduleInfo
	for _, n := range schedule.Names() {
		e, _ := schedule.Lookup(n)
		out = append(out, ScheduleInfo{Name: n, Summary: e.Summary, Params: fieldInfos(e.Params)})
	}
	return out, nil
}
