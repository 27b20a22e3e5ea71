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

	"github.com/descentgo/descent/diagnose"
	"github.com/descentgo/descent/expr"
	"github.com/descentgo/descent/minimize"
	"github.com/descentgo/descent/optim"
	"github.com/descentgo/descent/problem"
	"github.com/descentgo/descent/run"
	"github.com/descentgo/descent/schedule"
	"github.com/descentgo/descent/spec"
	"github.com/descentgo/descent/testfunc"
	"github.com/descentgo/descent/viz/geom"
)

// maxSpecLen bounds optimizer, schedule, model and catalogue specifications.
const maxSpecLen = 300

// maxIntParam bounds the integer parameters of optimizer specifications
// (L-BFGS history, BB memory, CG restart), which size buffers.
const maxIntParam = 1000

// fnTerms are the function tab's names for the controls that advice
// mentions (diagnose.Terms): its budget is the "Max steps" field; it has no
// clipping control.
var fnTerms = diagnose.Terms{Budget: "max steps"}

// ProblemRequest names the function to minimize: a catalogue specification
// (Func) or a formula (Expr, with optional Vars), and the start point.
type ProblemRequest struct {
	Func  string    `json:"func,omitempty"`  // e.g. "rosenbrock" or "quadratic:n=4,kappa=100"
	Expr  string    `json:"expr,omitempty"`  // e.g. "x^2 + 10*y^2"
	Vars  []string  `json:"vars,omitempty"`  // variable order of Expr; default: order of appearance
	Start []float64 `json:"start,omitempty"` // default: the catalogue's start, or zeros
	// Maximize asks for the maximum of f: the runs minimize −f and report
	// f (their losses too).
	Maximize bool `json:"maximize,omitempty"`
}

// RunSpec is one run of a RunRequest.
type RunSpec struct {
	Opt      string `json:"opt,omitempty"`      // optimizer spec, e.g. "adam:lr=0.01"; default run.DefaultOpt ("gd")
	Schedule string `json:"schedule,omitempty"` // schedule spec, e.g. "cosine:t_max=500"
	Warmup   int    `json:"warmup,omitempty"`   // linear warmup steps
	// PrevLR is the learning rate of the run before this one (its max_lr
	// under onecycle, the rate the advice is about), when this run's rate
	// follows its advice: advice that turns back goes at most
	// halfway, on a log scale (run.Config.PrevLR); 0 or absent: none.
	PrevLR float64 `json:"prev_lr,omitempty"`
	// Detail asks for the run's first steps in full (RunResult.Steps:
	// point, gradient, rate, optimizer state) for the page's Step
	// button and scrubber: up to the server's detail_rows limit (GET
	// /api/limits), fewer for problems of more than 2 variables.
	Detail bool `json:"detail,omitempty"`
}

// RunRequest is the body of POST /api/run. Its defaults are those of
// `descent minimize` (minimize.DefaultSettings, run.DefaultOpt), listed by
// GET /api/defaults.
type RunRequest struct {
	Problem  ProblemRequest `json:"problem"`
	Runs     []RunSpec      `json:"runs"`
	MaxSteps int            `json:"max_steps,omitempty"` // default 1000
	GradTol  *float64       `json:"grad_tol,omitempty"`  // default 1e-8
}

// ProblemInfo describes the problem a request built.
type ProblemInfo struct {
	Name     string      `json:"name"`
	Dim      int         `json:"dim"`
	Vars     []string    `json:"vars"`
	Start    []run.Float `json:"start"`
	FStart   run.Float   `json:"f_start"`
	FMin     *run.Float  `json:"f_min,omitempty"`  // catalogue functions: the known minimum (null: unbounded)
	Minima   [][]float64 `json:"minima,omitempty"` // catalogue functions: known global minimizers
	Formula  string      `json:"formula,omitempty"`
	Maximize bool        `json:"maximize,omitempty"`
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
	// LR is the learning rate each of those steps used (null for
	// methods without one), from the schedule and warmup if any.
	LR []run.Float `json:"lr,omitempty"`
	// Diverged is the iteration where the run diverged, if it did: the
	// first whose f is not finite (the curve stops before it), or the last
	// one when the run stopped because f grew too fast.
	Diverged *int `json:"diverged,omitempty"`
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
	// geom.FitWindow).
	FitWindow []float64 `json:"fit_window,omitempty"`
}

// fieldError returns the 400 error for an engine error. A *spec.FieldError
// is reported at the request's JSON path of its field, path(field), e.g.
// "runs[0].opt: unknown optimizer ..."; a formula's *expr.Error keeps its
// position ("expr:1:9: ..."). The problem-wide errors of package problem
// name the request's fields; any other error is reported after prefix (if
// not empty).
func fieldError(err error, path func(field string) string, prefix string) error {
	var fe *spec.FieldError
	var xe *expr.Error
	switch {
	case errors.As(err, &fe) && errors.As(fe.Err, &xe):
		return badRequest("%s:%d:%d: %s", path(fe.Field), xe.Line, xe.Col, xe.Msg)
	case errors.As(err, &fe):
		return badRequest("%s: %v", path(fe.Field), fe.Err)
	case errors.Is(err, problem.ErrNoFunction):
		return badRequest("%s: give the function to minimize: %s (a catalogue function, see /api/functions) or %s (a formula)", strings.TrimSuffix(prefix, "."), path("func"), path("expr"))
	case errors.Is(err, problem.ErrFuncAndExpr):
		return badRequest("%s and %s are exclusive: give one", path("func"), path("expr"))
	case prefix != "":
		return badRequest("%s: %v", strings.TrimSuffix(prefix, "."), err)
	}
	return badRequest("%v", err)
}

// under returns the path function of fields nested under prefix ("" for
// the top level, or e.g. "problem.").
func under(prefix string) func(string) string {
	return func(f string) string { return prefix + f }
}

// parseSpecField parses the specification text s of the request field at
// path, checking its size. Empty text (or white space) is the zero Spec:
// the engine's default.
func parseSpecField(path, s string) (spec.Spec, error) {
	if len(s) > maxSpecLen {
		return spec.Spec{}, badRequest("%s: specification of %d bytes exceeds %d", path, len(s), maxSpecLen)
	}
	if strings.TrimSpace(s) == "" {
		return spec.Spec{}, nil
	}
	sp, err := spec.Parse(s)
	if err != nil {
		return spec.Spec{}, badRequest("%s: %v", path, err)
	}
	return sp, nil
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

// checkFuncSpec bounds the dimension n of a catalogue function.
func (s *Server) checkFuncSpec(path string, sp spec.Spec) error {
	if v, ok := sp.Get("n"); ok {
		if n, err := strconv.Atoi(v); err == nil && (n > s.cfg.MaxDim || n < 1) {
			return badRequest("%s: n=%d: the server allows 1 to %d variables", path, n, s.cfg.MaxDim)
		}
	}
	return nil
}

// buildProblem checks a ProblemRequest against the limits and builds it;
// prefix is the request's path to it ("" or "problem."). Formulas are
// compiled per request: a compiled program is not safe for concurrent use.
func (s *Server) buildProblem(prefix string, pr ProblemRequest) (*problem.Problem, error) {
	c := s.cfg
	path := under(prefix)
	fsp, err := parseSpecField(path("func"), pr.Func)
	if err != nil {
		return nil, err
	}
	if err := s.checkFuncSpec(path("func"), fsp); err != nil {
		return nil, err
	}
	if pr.Expr != "" {
		if len(pr.Expr) > c.MaxFormulaLen {
			return nil, badRequest("%s: the formula is %d bytes long; the limit is %d", path("expr"), len(pr.Expr), c.MaxFormulaLen)
		}
		if d := formulaDepth(pr.Expr); d > c.MaxFormulaDepth {
			return nil, badRequest("%s: parentheses nest %d deep; the limit is %d", path("expr"), d, c.MaxFormulaDepth)
		}
		if len(pr.Vars) > c.MaxDim {
			return nil, badRequest("%s: %d names; the limit is %d", path("vars"), len(pr.Vars), c.MaxDim)
		}
		for _, v := range pr.Vars {
			if len(v) > 64 {
				return nil, badRequest("%s: the name %.20q… is longer than 64 bytes", path("vars"), v)
			}
		}
	}
	if len(pr.Start) > c.MaxDim {
		return nil, badRequest("%s: %d values; the limit is %d variables", path("start"), len(pr.Start), c.MaxDim)
	}
	p, err := problem.New(problem.Spec{Func: fsp, Expr: pr.Expr, Vars: pr.Vars, Start: pr.Start, Maximize: pr.Maximize})
	if err != nil {
		return nil, fieldError(err, path, prefix)
	}
	if n := p.F.Dim(); n > c.MaxDim {
		if prefix != "" {
			return nil, badRequest("%s: the problem has %d variables; the server allows %d", strings.TrimSuffix(prefix, "."), n, c.MaxDim)
		}
		return nil, badRequest("the problem has %d variables; the server allows %d", n, c.MaxDim)
	}
	return p, nil
}

// problemInfo describes p.
func problemInfo(p *problem.Problem) ProblemInfo {
	info := ProblemInfo{Name: p.Name, Dim: p.F.Dim(), Vars: p.Vars, Start: run.Floats(p.Start), FStart: run.Float(p.F.Value(p.Start)), Maximize: p.Maximize}
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

// parseOptField parses and checks the optimizer specification text s of
// the request field at path (see parseSpecField and checkOptSpec).
func parseOptField(path, s string) (spec.Spec, error) {
	sp, err := parseSpecField(path, s)
	if err != nil {
		return spec.Spec{}, err
	}
	return sp, checkOptSpec(path, sp)
}

// checkOptSpec checks a parsed optimizer specification against the
// registry (its name) and bounds its integer parameters, which size
// buffers (L-BFGS history). The zero Spec (the default) passes.
func checkOptSpec(path string, sp spec.Spec) error {
	if sp.IsZero() {
		return nil
	}
	e, ok := optim.Lookup(sp.Name)
	if !ok {
		return badRequest("%s: unknown optimizer %q (known: %s)", path, sp.Name, strings.Join(optim.Names(), ", "))
	}
	for _, f := range e.Params {
		if f.Kind != spec.Int {
			continue
		}
		if s, ok := sp.Get(f.Key); ok {
			if v, err := strconv.Atoi(s); err == nil && (v > maxIntParam || v < -maxIntParam) {
				return badRequest("%s: %s=%d: the server allows |%s| ≤ %d", path, f.Key, v, f.Key, maxIntParam)
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
	p, err := s.buildProblem("", req)
	if err != nil {
		return nil, err
	}
	return problemInfo(p), nil
}

// parsedRun is a RunSpec parsed at the edge.
type parsedRun struct {
	opt, sched spec.Spec
	warmup     int
	detail     bool
	prevLR     float64
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
		return nil, badRequest("runs: give at least one run, e.g. {\"opt\": \"gd:lr=0.001\"} ({} runs the default optimizer %s)", run.DefaultOpt)
	case len(req.Runs) > c.MaxRuns:
		return nil, badRequest("runs: %d runs; the limit is %d per request", len(req.Runs), c.MaxRuns)
	case req.MaxSteps < 0:
		return nil, badRequest("max_steps: %d must be positive", req.MaxSteps)
	case req.MaxSteps > c.MaxSteps:
		return nil, badRequest("max_steps: %d exceeds the server's limit of %d", req.MaxSteps, c.MaxSteps)
	}
	st := minimize.DefaultSettings()
	if req.MaxSteps > 0 {
		st.MaxIters = req.MaxSteps
	}
	if req.GradTol != nil {
		st.GradTol = *req.GradTol
	}
	// pathOf names the request's field of an engine error about run i.
	pathOf := func(i int) func(string) string {
		return func(f string) string {
			switch f {
			case "opt", "schedule", "warmup", "prev_lr":
				return fmt.Sprintf("runs[%d].%s", i, f)
			case "max_iters":
				return "max_steps"
			case "func", "expr", "vars", "start":
				return "problem." + f
			}
			return f
		}
	}
	if err := st.Stop.Check(); err != nil {
		return nil, fieldError(err, pathOf(0), "")
	}
	runs := make([]parsedRun, len(req.Runs))
	for i, rs := range req.Runs {
		path := pathOf(i)
		opt, err := parseOptField(path("opt"), rs.Opt)
		if err != nil {
			return nil, err
		}
		sched, err := parseSpecField(path("schedule"), rs.Schedule)
		if err != nil {
			return nil, err
		}
		if rs.Warmup < 0 || rs.Warmup > c.MaxSteps {
			return nil, badRequest("%s: %d must be in [0, %d]", path("warmup"), rs.Warmup, c.MaxSteps)
		}
		if _, _, err := run.NewAlgorithm(opt, sched, rs.Warmup, st.MaxIters); err != nil {
			return nil, fieldError(err, path, fmt.Sprintf("runs[%d]", i))
		}
		if !(rs.PrevLR >= 0) || math.IsInf(rs.PrevLR, 0) {
			return nil, badRequest("%s: %g: must be a learning rate > 0 (0 = none)", path("prev_lr"), rs.PrevLR)
		}
		runs[i] = parsedRun{opt, sched, rs.Warmup, rs.Detail, rs.PrevLR}
	}
	p, err := s.buildProblem("problem.", req.Problem)
	if err != nil {
		return nil, err
	}
	ctx := r.Context()
	resp := &RunResponse{Problem: problemInfo(p)}
	is2D := p.F.Dim() == 2
	sign := 1.0
	if p.Maximize {
		sign = -1
	}
	var paths []geom.Path
	for i, pr := range runs {
		st := st
		st.Timeout, st.KeepPath = budget(ctx), is2D
		detail := 0
		if pr.detail {
			detail = min(st.MaxIters+1, max(1, c.DetailRows*2/p.F.Dim()))
		}
		rep, err := run.Minimize(ctx, run.Config{Problem: p, Opt: pr.opt, Schedule: pr.sched, Warmup: pr.warmup, Settings: st, Terms: fnTerms, Detail: detail, PrevLR: pr.prevLR})
		if err != nil {
			if errors.Is(err, minimize.ErrBadStart) {
				return nil, badRequest("problem.start: f or its gradient is not finite at the start point %v", p.Start)
			}
			return nil, fieldError(err, pathOf(i), fmt.Sprintf("runs[%d]", i))
		}
		// The history is of the objective minimized: −f when maximizing.
		hf := rep.Result.History.F
		if sign < 0 {
			hf = make([]float64, len(rep.Result.History.F))
			for k, v := range rep.Result.History.F {
				hf[k] = -v
			}
		}
		out := RunResult{Report: rep, Loss: thinLoss(hf, rep.Result.History.LR, c.PathPoints), Warmup: pr.warmup}
		if out.Loss.Diverged == nil && rep.Status == minimize.Diverged {
			out.Loss.Diverged = &rep.Iterations // stopped by the growth rule, still finite
		}
		if !pr.sched.IsZero() {
			out.Schedule = pr.sched.String()
		}
		if is2D {
			out.Path = thinPath(rep.Result.History.X, c.PathPoints)
			xs, ys := rep.FinitePath()
			paths = append(paths, geom.Path{X: xs, Y: ys})
		}
		rep.Result.History.X = nil // release the full path early
		resp.Runs = append(resp.Runs, out)
	}
	if is2D {
		var minima [][2]float64
		for _, m := range resp.Problem.Minima {
			minima = append(minima, [2]float64{m[0], m[1]})
		}
		w := geom.FitWindow(paths, minima)
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
	FMin      run.Float   `json:"f_min"` // null when unbounded below
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

func (s *Server) optimizers(*http.Request) (any, error) { return Optimizers(), nil }

// Optimizers describes every registered optimizer (GET /api/optimizers,
// `descent optimizers --json`).
func Optimizers() []OptimizerInfo {
	var out []OptimizerInfo
	for _, n := range optim.Names() {
		e, _ := optim.Lookup(n)
		oi := OptimizerInfo{Name: n, Summary: e.Summary, Params: fieldInfos(e.Params)}
		if a, err := optim.NewSpec(spec.Spec{Name: n}); err == nil {
			oi.LineSearch = optim.IsMethod(a)
		}
		out = append(out, oi)
	}
	return out
}

// ScheduleInfo describes a schedule for GET /api/schedules.
type ScheduleInfo struct {
	Name    string      `json:"name"`
	Summary string      `json:"summary"`
	Params  []FieldInfo `json:"params"`
	// Length is the parameter that sets after how many steps the rate
	// reaches its end (schedule.Entry.Length: polynomial's total_iters),
	// where a stretch_schedule action goes; "" for none.
	Length string `json:"length,omitempty"`
}

func (s *Server) schedules(*http.Request) (any, error) { return Schedules(), nil }

// Schedules describes every registered schedule (GET /api/schedules,
// `descent optimizers --json`).
func Schedules() []ScheduleInfo {
	var out []ScheduleInfo
	for _, n := range schedule.Names() {
		e, _ := schedule.Lookup(n)
		out = append(out, ScheduleInfo{Name: n, Summary: e.Summary, Params: fieldInfos(e.Params), Length: e.Length})
	}
	return out
}
