package beam

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"math"
	"os"
	"strconv"
	"time"

	beamsdk "github.com/apache/beam/sdks/v2/go/pkg/beam"
	"github.com/apache/beam/sdks/v2/go/pkg/beam/register"

	"github.com/descentgo/descent/data"
	"github.com/descentgo/descent/localsgd"
	"github.com/descentgo/descent/model"
	"github.com/descentgo/descent/optim"
	"github.com/descentgo/descent/shard"
	"github.com/descentgo/descent/spec"
	"github.com/descentgo/descent/train"
)

func init() {
	register.DoFn3x1[context.Context, string, func(Partial), error](&roundFn{})
}

// Averager runs local SGD with model averaging (package localsgd) on Beam,
// one pipeline per round: every block is a shard that takes the round's
// steps (localsgd.Shard: mini-batches drawn from the seed, the round and
// the block's index) from the common weights with its own optimizer, and
// emits (nₛ/n)·θₛ; the driver receives their sum, added in block order.
// Each block's optimizer state (moments, step counts) is kept between
// rounds in the temporary location, as localsgd.Averager keeps it in
// memory, so that the weights equal, to the bit, those of
// localsgd.Averager over model.NewLocalBounds with the blocks as shards.
type Averager struct {
	b       *Backend
	ctx     context.Context
	set     *shard.Set
	m       model.Model
	job     roundJob
	tmp     string
	local   bool
	rounds  int
	lastErr error
}

// NewAverager returns an Averager for m over the blocks of set, with the
// optimizer opt on every block and the batch, steps and seed of s (its
// New is not used: workers build opt). Rows are standardized with the
// set's statistics when standardize is set.
func (b *Backend) NewAverager(ctx context.Context, m model.Model, set *shard.Set, standardize bool, opt spec.Spec, s localsgd.Settings) (*Averager, error) {
	if s.Batch < 0 || s.Steps < 0 {
		return nil, fmt.Errorf("localsgd: batch and steps must be ≥ 0 (have %d, %d)", s.Batch, s.Steps)
	}
	alg, err := optim.NewSpec(opt)
	if err != nil {
		return nil, err
	}
	if _, ok := alg.(optim.Optimizer); !ok {
		return nil, fmt.Errorf("%s chooses its own steps: local SGD needs an optimizer that steps on mini-batches", opt)
	}
	bound, err := b.Bind(ctx, m, set, standardize)
	if err != nil {
		return nil, err
	}
	bs := bound.(*sums)
	a := &Averager{b: b, ctx: ctx, set: set, m: m, tmp: bs.tmp, local: bs.local,
		job: roundJob{Model: bs.base.Model, DataID: set.DataID, Cols: set.Cols, Standardize: standardize,
			Opt: opt, Batch: s.Batch, Steps: s.Steps, Seed: s.Seed, N: set.TotalRows, States: join(bs.tmp, "states")}}
	return a, nil
}

// Rounds implements train.Averaging.
func (b *Backend) Rounds(ctx context.Context, m model.Model, set *shard.Set, standardize bool, opt spec.Spec, s localsgd.Settings) (train.Rounds, error) {
	return b.NewAverager(ctx, m, set, standardize, opt, s)
}

var _ train.Averaging = (*Backend)(nil)

// Round runs round number round from params and stores the size-weighted
// average of the blocks' results in params; lr > 0 first sets every
// block's learning rate (schedules). It returns the mean of the
// mini-batch objectives over all steps of all blocks, as
// localsgd.Averager.Round.
func (a *Averager) Round(params []float64, round int, lr float64) (float64, error) {
	if a.lastErr != nil {
		return math.NaN(), a.lastErr
	}
	if len(params) != a.m.NumParams() {
		return math.NaN(), fmt.Errorf("localsgd: len(params)=%d, want %d", len(params), a.m.NumParams())
	}
	if round < 0 || uint64(round) >= 1<<32 {
		return math.NaN(), fmt.Errorf("localsgd: round %d out of range [0, 2³²)", round)
	}
	start := time.Now()
	a.rounds++
	dir := join(a.tmp, fmt.Sprintf("round-%06d", a.rounds))
	job := a.job
	job.Weights, job.Round, job.LR = join(dir, "weights.f64"), round, lr
	if err := writeFloats(a.ctx, job.Weights, params); err != nil {
		return math.NaN(), fmt.Errorf("writing the weights to the temporary location: %v", err)
	}
	out := join(dir, "average.json")
	p, sc := beamsdk.NewPipelineWithRoot()
	files := beamsdk.Create(sc, anySlice(a.set.Files)...)
	parts := beamsdk.ParDo(sc, &roundFn{Job: job}, files)
	beamsdk.ParDo0(sc, &writeFn{Path: out}, beamsdk.Combine(sc, &orderedSum{FromZero: true}, parts))
	if _, err := beamsdk.Run(a.ctx, a.b.runner(), p); err != nil {
		a.lastErr = fmt.Errorf("beam round %d on the %s runner failed: %s", round, a.b.runner(), cause(err))
		return math.NaN(), a.lastErr
	}
	b, err := readAll(a.ctx, out)
	if err != nil {
		a.lastErr = err
		return math.NaN(), err
	}
	r, err := checkResult(b, a.set, a.m.NumParams(), true)
	if err != nil {
		a.lastErr = fmt.Errorf("beam round %d: %v", round, err)
		return math.NaN(), a.lastErr
	}
	for i := range params {
		params[i] = math.Float64frombits(r.Grad[i])
	}
	if a.b.Log != nil {
		fmt.Fprintf(a.b.Log, "beam: round %d: local SGD on %d blocks, %d rows, %d steps on %s in %.3f s\n",
			round, len(r.Blocks), r.Rows, r.Correct, a.b.runner(), time.Since(start).Seconds())
	}
	if a.local {
		os.RemoveAll(dir)
	}
	return math.Float64frombits(r.Loss) / float64(r.Correct), nil
}

// Close removes the temporary files, with the optimizer states.
func (a *Averager) Close() error {
	if a.local {
		return os.RemoveAll(a.tmp)
	}
	return nil
}

// roundJob is what a worker needs to know of a round.
type roundJob struct {
	Model       ModelDesc `json:"model"`
	Weights     string    `json:"weights"`
	DataID      string    `json:"data_id"`
	Cols        int       `json:"cols"`
	Standardize bool      `json:"standardize"`
	Opt         spec.Spec `json:"opt"`
	Batch       int       `json:"batch"`
	Steps       int       `json:"steps"`
	Seed        uint64    `json:"seed"`
	Round       int       `json:"round"`
	LR          float64   `json:"lr"`
	N           int       `json:"n"`      // rows of all blocks
	States      string    `json:"states"` // directory of the blocks' optimizer states
}

// roundFn runs one block's steps of a round; Partial.Grad carries
// (nₛ/n)·θₛ, Loss the sum of the mini-batch objectives and Correct the
// number of steps.
type roundFn struct {
	Job roundJob `json:"job"`
}

func (f *roundFn) ProcessElement(ctx context.Context, file string, emit func(Partial)) error {
	j := &f.Job
	b, err := readBlock(ctx, file)
	if err != nil {
		return err
	}
	if b.DataID != j.DataID || b.Cols != j.Cols {
		return &shard.Error{File: file, Err: errors.New("changed since the run started")}
	}
	m, err := j.Model.New()
	if err != nil {
		return err
	}
	theta, err := readFloats(ctx, j.Weights)
	if err != nil {
		return err
	}
	if len(theta) != m.NumParams() {
		return fmt.Errorf("%s holds %d weights, the model has %d", j.Weights, len(theta), m.NumParams())
	}
	d := &data.Dense{N: b.Rows, D: b.Cols, X: b.X, Y: b.Y}
	if j.Standardize {
		st := b.Standardization
		st.Center = true
		st.Apply(d)
	}
	local, err := model.NewLocal(m, d, 1)
	if err != nil {
		return &shard.Error{File: file, Err: err}
	}
	alg, err := optim.NewSpec(j.Opt)
	if err != nil {
		return err
	}
	train.SetBlocks(alg, m) // muon and adafactor step the weight matrices as matrices
	o := alg.(optim.Optimizer)
	o.Init(len(theta))
	statePath := join(j.States, "block-"+strconv.Itoa(b.Index)+".json")
	st, stateful := o.(optim.Stateful)
	if stateful && j.Round > 0 {
		if raw, err := readAll(ctx, statePath); err == nil {
			var s optim.State
			if err := json.Unmarshal(raw, &s); err != nil {
				return fmt.Errorf("%s: %v", statePath, err)
			}
			if err := st.SetState(s); err != nil {
				return fmt.Errorf("%s: %v", statePath, err)
			}
		}
	}
	if l, ok := o.(optim.LRer); ok && j.LR > 0 {
		l.SetLR(j.LR)
	}
	g := make([]float64, len(theta))
	perm := make([]int, b.Rows)
	set := localsgd.Settings{Batch: j.Batch, Steps: j.Steps, Seed: j.Seed}
	loss, steps := localsgd.Shard(theta, g, perm, m, local, 0, b.Index, o, set, j.Round)
	if stateful {
		raw, err := json.Marshal(st.State())
		if err != nil {
			return fmt.Errorf("optimizer state of block %d: %v", b.Index, err)
		}
		if err := writeAll(ctx, statePath, raw); err != nil {
			return fmt.Errorf("writing %s: %v", statePath, err)
		}
	}
	w := float64(b.Rows) / float64(j.N)
	for i, v := range theta {
		theta[i] = w * v
	}
	emit(Partial{Index: b.Index, Rows: b.Rows, Loss: loss, Grad: theta, Correct: steps})
	return nil
}
