package beam

import (
	"cmp"
	"context"
	"encoding/json"
	"fmt"
	"math"
	"reflect"
	"runtime"
	"slices"
	"sync"

	"github.com/apache/beam/sdks/v2/go/pkg/beam"
	"github.com/apache/beam/sdks/v2/go/pkg/beam/register"

	"github.com/descentgo/descent/model"
	"github.com/descentgo/descent/shard"
	"github.com/descentgo/descent/spec"
)

// Every DoFn, combiner and element type is registered when the package is
// loaded, so that a worker binary (the same program, started by the runner
// with --worker) can execute the pipeline without reflection on names.
func init() {
	beam.RegisterType(reflect.TypeOf((*Partial)(nil)).Elem())
	beam.RegisterType(reflect.TypeOf((*partials)(nil)).Elem())
	register.DoFn3x1[context.Context, string, func(Partial), error](&sumFn{})
	register.Emitter1[Partial]()
	register.Combiner3[partials, Partial, string](&orderedSum{})
	register.DoFn2x1[context.Context, string, error](&writeFn{})
}

// ModelDesc describes the model so that a worker can build it: the same
// arguments as model.New. Its JSON form travels inside the pipeline.
type ModelDesc struct {
	Spec     spec.Spec `json:"spec"`
	Task     int       `json:"task"`
	Features int       `json:"features"`
	Classes  []float64 `json:"classes"`
}

// descOf returns the description of m.
func descOf(m model.Model) (ModelDesc, error) {
	sp, err := specOf(m.Spec())
	if err != nil {
		return ModelDesc{}, err
	}
	return ModelDesc{Spec: sp, Task: int(m.Task()), Features: m.Features(), Classes: m.Classes()}, nil
}

func specOf(text string) (spec.Spec, error) {
	var sp spec.Spec
	err := sp.UnmarshalText([]byte(text))
	return sp, err
}

// New builds the model.
func (d ModelDesc) New() (model.Model, error) {
	return model.New(d.Spec, model.Task(d.Task), d.Features, d.Classes)
}

// Partial is what one block sends back: the sums over its rows.
type Partial struct {
	Index   int       // block number
	Rows    int       // rows summed
	Loss    float64   // Σ ℓᵢ(θ)
	Grad    []float64 // Σ ∇ℓᵢ(θ), nil when only the losses were asked for
	Correct int       // rows classified correctly (classification, when asked)
}

// sumJob is what a worker needs to know of a job.
type sumJob struct {
	Model       ModelDesc `json:"model"`
	Weights     string    `json:"weights"` // path of the little-endian float64 weights
	DataID      string    `json:"data_id"`
	Cols        int       `json:"cols"`
	Standardize bool      `json:"standardize"`
	Grad        bool      `json:"grad"`
	Count       bool      `json:"count"`
}

// sumFn is the per-block computation: it reads one block file, standardizes
// its rows with the set's statistics and computes the sum of the losses,
// of their gradients and the correct count with the model's own kernel
// (Model.LossGradDense over all rows of the block, as model.Local does for
// a shard). Its exported fields travel in the pipeline; the weights are a
// file read in Setup, so the pipeline stays small for any model size.
type sumFn struct {
	Job sumJob `json:"job"`

	m      model.Model
	params []float64

	// the bundle's blocks in flight
	sem     chan struct{}
	wg      sync.WaitGroup
	results []*blockResult
}

func (f *sumFn) Setup(ctx context.Context) error {
	j := &f.Job
	m, err := j.Model.New()
	if err != nil {
		return fmt.Errorf("building the model on the worker: %v", err)
	}
	p, err := readFloats(ctx, j.Weights)
	if err != nil {
		return fmt.Errorf("reading the weights: %v", err)
	}
	if len(p) != m.NumParams() {
		return fmt.Errorf("%s holds %d weights, the model %s has %d", j.Weights, len(p), m.Spec(), m.NumParams())
	}
	f.m, f.params = m, p
	return nil
}

// ProcessElement starts the block's sums on a goroutine of their own, at
// most GOMAXPROCS at a time, and FinishBundle emits them: a bundle's
// blocks are computed in parallel, each whole, by one call of the model's
// kernel with its own workspace — the same arithmetic as a shard of
// model.Local, so the same bits.
func (f *sumFn) ProcessElement(ctx context.Context, file string, _ func(Partial)) error {
	if f.sem == nil {
		f.sem = make(chan struct{}, runtime.GOMAXPROCS(0))
	}
	r := &blockResult{} // this element's slot: the goroutine writes only here
	f.results = append(f.results, r)
	f.sem <- struct{}{}
	f.wg.Add(1)
	go func() {
		defer func() { <-f.sem; f.wg.Done() }()
		r.p, r.err = f.block(ctx, file)
	}()
	return nil
}

// FinishBundle waits for the bundle's blocks and emits their partials, or
// the first error.
func (f *sumFn) FinishBundle(ctx context.Context, emit func(Partial)) error {
	f.wg.Wait()
	res := f.results
	f.results = nil
	for _, r := range res {
		if r.err != nil {
			return r.err
		}
	}
	for _, r := range res {
		emit(r.p)
	}
	return nil
}

type blockResult struct {
	p   Partial
	err error
}

// block computes the partial of one block file.
func (f *sumFn) block(ctx context.Context, file string) (Partial, error) {
	j := &f.Job
	d, index, id, err := loadBlock(ctx, file, j.Standardize)
	if err != nil {
		return Partial{}, err
	}
	if id != j.DataID || d.D != j.Cols {
		return Partial{}, &shard.Error{File: file, Err: fmt.Errorf("changed since the run started (data id %s, %d columns; want %s, %d)", id, d.D, j.DataID, j.Cols)}
	}
	var ws model.Workspace
	p := Partial{Index: index, Rows: d.N}
	var g []float64
	if j.Grad {
		g = make([]float64, len(f.params))
		p.Grad = g
	}
	p.Loss = f.m.LossGradDense(g, f.params, d.X, d.Y, nil, &ws)
	if j.Count {
		pred := make([]float64, f.m.Outputs())
		for i := range d.N {
			f.m.Predict(pred, f.params, d.Row(i), &ws)
			if model.Label(f.m, pred) == d.Y[i] {
				p.Correct++
			}
		}
	}
	return p, nil
}

// partials is the accumulator of orderedSum: every block's partial, kept
// until the end so that they are added in block order whatever order the
// runner combines them in.
type partials struct {
	Parts []Partial
}

// orderedSum combines the partials of the blocks into one result, adding
// them in block order: loss = ((0 + L₀) + L₁) + …, grad = g₀ + g₁ + …, as
// model.Local adds its shards, so the sums are bit-identical to the
// in-process backend's with the blocks as shards; with FromZero, grad =
// ((0 + g₀) + g₁) + …, as localsgd.Averager averages (0 + (−0) is +0).
type orderedSum struct {
	FromZero bool `json:"from_zero"`
}

func (orderedSum) CreateAccumulator() partials { return partials{} }

func (orderedSum) AddInput(a partials, p Partial) partials {
	a.Parts = append(a.Parts, p)
	return a
}

func (orderedSum) MergeAccumulators(a, b partials) partials {
	a.Parts = append(a.Parts, b.Parts...)
	return a
}

func (o orderedSum) ExtractOutput(a partials) string {
	r := reduce(a.Parts, o.FromZero)
	b, err := json.Marshal(r)
	if err != nil {
		panic(err) // a result holds bits, not floats: it always encodes
	}
	return string(b)
}

// result is the combined sums as the driver reads them back: the floats as
// their IEEE-754 bits, so that NaN and ±Inf travel exactly too.
type result struct {
	Blocks  []int    `json:"blocks"` // the block numbers summed, in order
	Rows    int      `json:"rows"`
	Loss    uint64   `json:"loss"`
	Grad    []uint64 `json:"grad"`
	Correct int      `json:"correct"`
}

// reduce adds the partials in block order, the vectors from zero if
// fromZero is set.
func reduce(parts []Partial, fromZero bool) result {
	sortParts(parts)
	var r result
	var loss float64
	var grad []float64
	for i, p := range parts {
		r.Blocks = append(r.Blocks, p.Index)
		r.Rows += p.Rows
		r.Correct += p.Correct
		loss += p.Loss
		switch {
		case p.Grad == nil:
		case i == 0 && fromZero:
			grad = make([]float64, len(p.Grad))
			for j, v := range p.Grad {
				grad[j] += v
			}
		case i == 0:
			grad = append([]float64(nil), p.Grad...)
		case len(grad) == len(p.Grad):
			for j, v := range p.Grad {
				grad[j] += v
			}
		}
	}
	r.Loss = math.Float64bits(loss)
	for _, v := range grad {
		r.Grad = append(r.Grad, math.Float64bits(v))
	}
	return r
}

func sortParts(p []Partial) {
	slices.SortFunc(p, func(a, b Partial) int { return cmp.Compare(a.Index, b.Index) })
}

// writeFn writes the job's one result to Path, on storage the driver
// reads: the combined sums come back through a file, not a global.
type writeFn struct {
	Path string `json:"path"`
}

func (f *writeFn) ProcessElement(ctx context.Context, result string) error {
	return writeAll(ctx, f.Path, []byte(result))
}
