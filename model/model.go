package model

import (
	"fmt"
	"math"
	"runtime"
	"sort"
	"strconv"
	"strings"
	"sync/atomic"
	"time"

	"github.com/descentgo/descent/data"
	"github.com/descentgo/descent/internal/kernel"
	"github.com/descentgo/descent/spec"
)

// Model is a parametric predictor with a hand-derived gradient. Its
// parameters live outside it in one flat vector θ (see the package doc for
// the layout); a Model holds only its shape and hyper-parameters, so one
// Model may be used by many goroutines at once, each with its own Workspace.
type Model interface {
	// Spec returns the canonical specification, with every parameter.
	Spec() string
	// Task returns the task the model was built for.
	Task() Task
	// Features returns D, the number of input features.
	Features() int
	// Outputs returns K: 1 for regression and binary tasks, the number of
	// classes for multiclass tasks and for softmax.
	Outputs() int
	// Classes returns the sorted class labels (nil for regression). The
	// slice must not be modified.
	Classes() []float64
	// NumParams returns len(θ).
	NumParams() int
	// Layout describes the blocks of θ in order.
	Layout() []Block
	// Init writes the initial parameters into params, deterministically
	// from seed.
	Init(params []float64, seed uint64)
	// Penalty adds the gradient of (l2/2)·‖W‖² + l1·‖W‖₁ to grad (unless
	// grad is nil) and returns the penalty's value.
	Penalty(grad, params []float64) float64
	// LossGradDense returns the sum of the losses of the given rows of the
	// dense row-major matrix X (len(y) rows of Features() columns) and adds
	// the sum of their gradients to grad (unless grad is nil). The rows are
	// idx (indices into y) or, if idx is nil, all rows. Labels must be valid
	// for the model (see Classes); a label that is not a class counts as the
	// first class. It does not allocate once ws has grown to the batch size.
	LossGradDense(grad, params, X, y []float64, idx []int, ws *Workspace) float64
	// Predict stores in dst (length Outputs()) the prediction for one example
	// x: the value for regression, P(y = Classes()[1]) for a binary task with
	// one output, the class probabilities for softmax outputs.
	Predict(dst, params, x []float64, ws *Workspace)
}

// Sparse is implemented by the models that train on CSR data (linear,
// logistic and softmax).
type Sparse interface {
	// LossGradCSR is LossGradDense for the rows of a CSR matrix.
	LossGradCSR(grad, params []float64, X *data.CSR, idx []int, ws *Workspace) float64
}

// Block is one contiguous block of the parameter vector.
type Block struct {
	Name       string // "W1", "b1", … (linear models: "W", "b")
	Offset     int    // index of the first element in θ
	Rows, Cols int    // shape; the block is row-major with Rows·Cols elements
	Weight     bool   // penalized by l1 and l2 (biases are not)
}

// Workspace holds the scratch memory of LossGrad and Predict calls. The zero
// value is ready; it grows to the largest batch seen and is then reused, so
// steady-state calls do not allocate. A Workspace must not be shared by
// goroutines running at the same time, nor copied after use.
type Workspace struct {
	// Threads is the number of goroutines an MLP may use (0 or 1: only the
	// calling one): the two halves of each 128-row chunk run at once, and
	// beyond two threads the matrix products are split too. Results are
	// bit-identical for any value. Set it to runtime.GOMAXPROCS(0) for
	// mini-batch training, and leave it at 0 where calls already run in
	// parallel (Local does).
	Threads int

	buf   []float64
	slots [][]float64
	gemm  kernel.Gemm
	pw    []kernel.PackedB // an MLP's weights, packed for the forward pass
	f32   *ws32            // an MLP's float32 weights and buffers (mlp32.go)

	// the second half of an MLP chunk
	sub   *Workspace
	grad  []float64 // its gradient
	job   halfJob
	run   func()        // helper, bound once so that calls do not allocate
	gen   atomic.Uint64 // generation of the job published
	done  atomic.Uint64 // generation of the last job finished
	alive atomic.Bool   // a helper goroutine is running
}

// halfJob is the second half of an MLP chunk, run on another goroutine.
type halfJob struct {
	m               *mlp
	grad, params, X []float64
	y               []float64
	idx             []int
	start, nb       int
	pw              []kernel.PackedB
	packed          *Workspace // holds the float32 weights (F32)
	scale, loss     float64
}

// half returns the workspace of the second half of MLP chunks.
func (w *Workspace) half() *Workspace {
	if w.sub == nil {
		w.sub = new(Workspace)
		w.sub.run = w.sub.helper
	}
	return w.sub
}

// runHalf computes the job's half chunk into its zeroed gradient buffer.
func (w *Workspace) runHalf() {
	j := &w.job
	clear(j.grad)
	j.loss = j.m.chunk(j.grad, j.params, j.X, j.y, j.idx, j.start, j.nb, j.pw, j.packed, w, j.scale)
}

// helperLinger is how long a helper goroutine polls for the next half job
// before it exits. Waking a parked goroutine takes about 100 µs on a
// virtual machine, 5% of a 128-row chunk of a 784-256-10 network, so
// between the batches of a training loop the helper stays awake, as
// OpenMP's threads do.
const helperLinger = time.Millisecond

// startHalf publishes the job in w.job to a helper goroutine, starting one
// if none is alive, and returns its generation for waitHalf.
func (w *Workspace) startHalf() uint64 {
	gen := w.gen.Add(1) // publishes w.job
	if w.alive.CompareAndSwap(false, true) {
		go w.run()
	}
	return gen
}

// waitHalf waits until the helper has finished job generation gen.
func (w *Workspace) waitHalf(gen uint64) {
	for spins := 0; w.done.Load() != gen; spins++ {
		if spins > 64 {
			runtime.Gosched()
		}
	}
}

// helper runs the published half jobs, one at a time, until none comes
// for helperLinger. At most one helper is alive: one that is leaving
// checks for a job published meanwhile and stays if nobody else took over.
func (w *Workspace) helper() {
	for {
		for last := w.done.Load(); w.gen.Load() != last; last = w.done.Load() {
			w.runHalf()
			w.done.Store(last + 1)
		}
		deadline := time.Now().Add(helperLinger)
		for spins := 0; w.gen.Load() == w.done.Load(); spins++ {
			if spins&63 == 63 {
				if time.Now().After(deadline) {
					w.alive.Store(false)
					if w.gen.Load() == w.done.Load() || !w.alive.CompareAndSwap(false, true) {
						return
					}
				}
				runtime.Gosched()
			}
		}
	}
}

// acts returns n slice headers (contents undefined).
func (w *Workspace) acts(n int) [][]float64 {
	if cap(w.slots) < n {
		w.slots = make([][]float64, n)
	}
	return w.slots[:n]
}

// floats returns scratch of length n (contents undefined).
func (w *Workspace) floats(n int) []float64 {
	if cap(w.buf) < n {
		w.buf = make([]float64, n)
	}
	return w.buf[:n]
}

// Entry describes a model name for help texts.
type Entry struct {
	Name    string
	Summary string
	Tasks   []Task // the tasks the model accepts; the first is its default
	Params  []spec.Field
}

var penaltyFields = []spec.Field{
	{Key: "l2", Kind: spec.Float, Default: "0", Doc: "L2 penalty λ₂: adds (λ₂/2)·‖W‖² to the objective (weights only)"},
	{Key: "l1", Kind: spec.Float, Default: "0", Doc: "L1 penalty λ₁: adds λ₁·‖W‖₁ to the objective (weights only)"},
}

var entries = []Entry{
	{Name: "linear", Summary: "linear regression, mean squared error (ŷ − y)²", Tasks: []Task{Regression}, Params: penaltyFields},
	{Name: "logistic", Summary: "logistic regression, binary cross-entropy", Tasks: []Task{Binary}, Params: penaltyFields},
	{Name: "softmax", Summary: "multinomial logistic regression, cross-entropy", Tasks: []Task{Multiclass, Binary}, Params: penaltyFields},
	{Name: "mlp", Summary: "multilayer perceptron; output and loss by task", Tasks: []Task{Regression, Binary, Multiclass}, Params: append([]spec.Field{
		{Key: "hidden", Kind: spec.Ints, Default: "64", Doc: "hidden layer widths, e.g. 64,32"},
		{Key: "act", Kind: spec.String, Default: "relu", Doc: "hidden activation", Choices: []string{"relu", "tanh", "sigmoid"}},
	}, penaltyFields...)},
}

// Entries returns the model names with their parameters, for help texts.
func Entries() []Entry { return append([]Entry(nil), entries...) }

// New builds a model from a parsed specification such as linear:l2=0.1 or
// mlp:hidden=64,32,act=tanh (the front ends parse the text with
// spec.Parse) for a task on features input columns. classes are the task's
// class labels as returned by Classes (nil for regression).
func New(sp spec.Spec, t Task, features int, classes []float64) (Model, error) {
	var e *Entry
	names := make([]string, len(entries))
	for i := range entries {
		names[i] = entries[i].Name
		if entries[i].Name == sp.Name {
			e = &entries[i]
		}
	}
	if e == nil {
		return nil, fmt.Errorf("unknown model %q (known: %s)", sp.Name, spec.SortedNames(names))
	}
	a, err := spec.Bind("model "+strconv.Quote(sp.Name), sp, e.Params)
	if err != nil {
		return nil, err
	}
	ok := false
	var tasks []string
	for _, et := range e.Tasks {
		ok = ok || et == t
		tasks = append(tasks, et.String())
	}
	if !ok {
		return nil, fmt.Errorf("model %q does not do %v tasks (it does: %s)", sp.Name, t, strings.Join(tasks, ", "))
	}
	if features < 1 {
		return nil, fmt.Errorf("model %q: need at least one feature, have %d", sp.Name, features)
	}
	if err := checkClasses(t, classes); err != nil {
		return nil, fmt.Errorf("model %q: %v", sp.Name, err)
	}
	l1, l2 := a.Float("l1"), a.Float("l2")
	if l1 < 0 || l2 < 0 {
		return nil, a.Errorf("penalties must be ≥ 0, have l1=%g, l2=%g", l1, l2)
	}
	base := shape{task: t, d: features, k: 1, classes: append([]float64(nil), classes...), l1: l1, l2: l2}
	if t == Multiclass {
		base.k = len(classes)
	}
	if t == Regression {
		base.classes = nil
	}
	switch sp.Name {
	case "linear", "logistic", "softmax":
		m := &linear{shape: base, name: sp.Name}
		if sp.Name == "softmax" {
			m.k = len(classes) // 2 for a binary task
		}
		m.spec = canonical(sp.Name, e.Params, a)
		if err := checkParams(sp.Name, float64(m.NumParams())); err != nil {
			return nil, err
		}
		return m, nil
	default:
		return newMLP(base, a, canonical(sp.Name, e.Params, a))
	}
}

// MaxParams is the largest number of parameters a model may have:
// 2²⁶ = 67,108,864, 512 MiB per float64 vector. Training keeps the
// weights, the gradient and up to three optimizer vectors of that size
// (Adam's moments, the best weights), so about 2.5 GiB at the limit.
const MaxParams = 1 << 26

// checkParams reports a model of n parameters above MaxParams.
func checkParams(name string, n float64) error {
	if n <= MaxParams {
		return nil
	}
	return fmt.Errorf("model %q: %.0f parameters (%.3g GiB per float64 vector) exceed the limit of %d", name, n, n*8/(1<<30), MaxParams)
}

func checkClasses(t Task, classes []float64) error {
	switch t {
	case Regression:
		if len(classes) != 0 {
			return fmt.Errorf("a regression task has no classes, got %v", classes)
		}
		return nil
	case Binary:
		if len(classes) != 2 {
			return fmt.Errorf("a binary task needs 2 classes, got %v", classes)
		}
	case Multiclass:
		if len(classes) < 2 || len(classes) > MaxClasses {
			return fmt.Errorf("a multiclass task needs 2 to %d classes, got %d", MaxClasses, len(classes))
		}
	default:
		return fmt.Errorf("unknown task %v", t)
	}
	for i, c := range classes {
		if math.IsNaN(c) || math.IsInf(c, 0) || (i > 0 && c <= classes[i-1]) {
			return fmt.Errorf("classes must be finite and strictly increasing, got %v", classes)
		}
	}
	return nil
}

// canonical formats a spec with every declared parameter.
func canonical(name string, fields []spec.Field, a spec.Args) spec.Spec {
	sp := spec.Spec{Name: name}
	for _, f := range fields {
		var v string
		switch f.Kind {
		case spec.Float:
			v = fmt.Sprint(a.Float(f.Key))
		case spec.String:
			v = a.String(f.Key)
		case spec.Ints:
			xs := a.Ints(f.Key)
			s := make([]string, len(xs))
			for i, x := range xs {
				s[i] = fmt.Sprint(x)
			}
			v = strings.Join(s, ",")
		}
		sp.Params = append(sp.Params, spec.Param{Key: f.Key, Value: v})
	}
	return sp
}

// shape is what every model has in common.
type shape struct {
	task    Task
	d, k    int
	classes []float64
	l1, l2  float64
	spec    spec.Spec
}

func (s *shape) Spec() string         { return s.spec.String() }
func (s *shape) specValue() spec.Spec { return s.spec }
func (s *shape) Task() Task           { return s.task }
func (s *shape) Features() int        { return s.d }
func (s *shape) Classes() []float64   { return s.classes }
func (s *shape) Outputs() int         { return s.k }

// penalty adds the penalty of the weights w to g and returns its value.
func (s *shape) penalty(g, w []float64) float64 {
	if s.l1 == 0 && s.l2 == 0 {
		return 0
	}
	var sq, ab float64
	for _, v := range w {
		sq += v * v
		ab += math.Abs(v)
	}
	if g != nil {
		g = g[:len(w)]
		for i, v := range w {
			sgn := 0.0
			if v > 0 {
				sgn = 1
			} else if v < 0 {
				sgn = -1
			}
			g[i] += s.l2*v + s.l1*sgn
		}
	}
	return s.l2/2*sq + s.l1*ab
}

// Label maps a prediction of m (the output of Predict) to a label: the value
// itself for regression, the more probable class for binary (Classes()[1]
// when P ≥ ½), the most probable class for multiclass (the first on ties).
func Label(m Model, pred []float64) float64 {
	cl := m.Classes()
	switch {
	case m.Task() == Regression:
		return pred[0]
	case m.Outputs() == 1:
		if pred[0] >= 0.5 {
			return cl[1]
		}
		return cl[0]
	default:
		best := 0
		for c, p := range pred[:len(cl)] {
			if p > pred[best] {
				best = c
			}
		}
		return cl[best]
	}
}

// Names returns the model names in sorted order.
func Names() []string {
	out := make([]string, len(entries))
	for i, e := range entries {
		out[i] = e.Name
	}
	sort.Strings(out)
	return out
}

// SpecOf returns the canonical specification of m, with every parameter,
// as a value (Spec gives its text).
func SpecOf(m Model) spec.Spec {
	if v, ok := m.(interface{ specValue() spec.Spec }); ok {
		return v.specValue()
	}
	panic(fmt.Sprintf("model: %T has no canonical specification", m))
}
