// Package beam trains descent's models on Apache Beam: the driver (package
// train's loop, in this process) keeps the weights and takes every
// optimizer step; each full-batch evaluation is one Beam pipeline
//
//	block files ─ParDo(sumFn)→ one Partial per block ─Combine(orderedSum)→ ParDo(writeFn)→ one result file
//
// whose workers read one block each (package shard), compute the sums of
// the losses and gradients over its rows with the model's own kernel, and
// send back one partial sum; the partials are added in block order, so the
// result equals the in-process backend's to the bit (model.Local with the
// blocks as its shards). The weights reach the workers as a file in the
// job's temporary location, read in Setup; the result comes back as a file
// there too (writeFn), never through globals, so the same code runs on
// Prism in-process (the default), on a Prism job server with separate
// worker processes, and on Flink, Spark or Dataflow.
//
// Package localsgd's pattern — local SGD with model averaging, one
// pipeline per round — is Averager.
package beam

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math"
	"os"
	"slices"
	"strings"
	"sync/atomic"
	"time"

	"github.com/apache/beam/sdks/v2/go/pkg/beam"
	"github.com/apache/beam/sdks/v2/go/pkg/beam/io/filesystem"
	"github.com/apache/beam/sdks/v2/go/pkg/beam/runners/prism" // the default runner

	"github.com/descentgo/descent/model"
	"github.com/descentgo/descent/shard"
	"github.com/descentgo/descent/train"
)

// Backend implements train.Backend on Apache Beam.
type Backend struct {
	// Runner names the Beam runner: "" means "prism" (Prism in this
	// process, or the Prism job server given by Beam's --endpoint flag);
	// "universal" for any portable job server, "flink", "spark",
	// "dataflow".
	Runner string
	// TempDir receives the weights and results of every job, on storage
	// that the driver and every worker reach (gs://, s3:// or a shared
	// mount); "" means a new local temporary directory, for Prism.
	TempDir string
	// Log, if set, receives one line per job (descent-beam: stderr).
	Log io.Writer
}

var _ train.Backend = (*Backend)(nil)

func (b *Backend) runner() string {
	if b.Runner == "" {
		return "prism"
	}
	return b.Runner
}

// Open lists the block files at path — a directory, whose *.dsb files are
// the blocks, or a file pattern — on any Beam file system, reads their
// headers and checks that they form one set.
func (b *Backend) Open(ctx context.Context, path string) (*shard.Set, error) {
	pattern := path
	if !strings.ContainsAny(path, "*?[") {
		pattern = join(path, "*"+shard.Ext)
	}
	fs, err := filesystem.New(ctx, pattern)
	if err != nil {
		return nil, err
	}
	defer fs.Close()
	names, err := fs.List(ctx, pattern)
	if err != nil {
		return nil, fmt.Errorf("%s: %v", path, err)
	}
	if len(names) == 0 {
		return nil, fmt.Errorf("%s: no block files (%s): write them with descent shard", path, pattern)
	}
	slices.Sort(names)
	headers := make([]*shard.Header, len(names))
	for i, n := range names {
		if headers[i], err = readHeader(ctx, fs, n); err != nil {
			return nil, err
		}
	}
	return shard.NewSet(names, headers)
}

// Prism's in-process job server must listen on 127.0.0.1 only. Beam
// v2.78.0 binds it to every interface; workspace.sh builds this module
// with a copy of the SDK that binds it to the loopback address and defines
// this constant: without it the module does not compile, rather than
// expose the job server to the network.
const _ = prism.ListensOnLoopback

// jobSeq numbers the temporary directories of the runs of this process.
var jobSeq atomic.Int64

// Bind returns the sums of m over the blocks of set. It makes the run's
// temporary directory and checks that it is writable before any job runs.
func (b *Backend) Bind(ctx context.Context, m model.Model, set *shard.Set, standardize bool) (train.Sums, error) {
	if !beam.Initialized() {
		beam.Init()
		Quiet()
	}
	desc, err := descOf(m)
	if err != nil {
		return nil, err
	}
	s := &sums{b: b, ctx: ctx, set: set, m: m,
		base: sumJob{Model: desc, DataID: set.DataID, Cols: set.Cols, Standardize: standardize}}
	if b.TempDir == "" {
		if s.tmp, err = os.MkdirTemp("", "descent-beam-"); err != nil {
			return nil, fmt.Errorf("temporary location: %v", err)
		}
		s.local = true
	} else {
		s.tmp = join(b.TempDir, fmt.Sprintf("descent-%d-%d-%d", os.Getpid(), time.Now().UnixNano(), jobSeq.Add(1)))
	}
	probe := join(s.tmp, "writable")
	if err := writeAll(ctx, probe, []byte("descent\n")); err != nil {
		s.Close()
		return nil, fmt.Errorf("temporary location %s is not writable: %v", s.tmp, err)
	}
	return s, nil
}

// sums runs the jobs of one training run.
type sums struct {
	b     *Backend
	ctx   context.Context
	set   *shard.Set
	m     model.Model
	base  sumJob // the jobs' common part
	tmp   string
	local bool
	jobs  int
	err   error

	// the last result, for Correct at the point SumGrad just evaluated
	last       result
	lastParams []float64
	lastOK     bool
}

var _ model.Backend = (*sums)(nil)

func (s *sums) N() int { return s.set.TotalRows }

// SumGrad implements model.Backend with one job. After a failure it
// returns NaN (and a NaN gradient); Err says why.
func (s *sums) SumGrad(grad, params []float64) float64 {
	r, err := s.job(params, grad != nil)
	if err != nil {
		for i := range grad {
			grad[i] = math.NaN()
		}
		return math.NaN()
	}
	for i := range grad {
		grad[i] = math.Float64frombits(r.Grad[i])
	}
	return math.Float64frombits(r.Loss)
}

// Correct implements train.Sums; at the point of the last SumGrad it costs
// no job (the count came with the sums).
func (s *sums) Correct(params []float64) int {
	if s.lastOK && slices.Equal(params, s.lastParams) {
		return s.last.Correct
	}
	r, err := s.job(params, false)
	if err != nil {
		return 0
	}
	return r.Correct
}

func (s *sums) Block(i int) (*shard.Block, error) { return readBlock(s.ctx, s.set.Files[i]) }
func (s *sums) Err() error                        { return s.err }

// Close removes the run's temporary files.
func (s *sums) Close() error {
	if s.local {
		return os.RemoveAll(s.tmp)
	}
	return nil
}

// job runs one pipeline at params and checks that it summed every block
// once.
func (s *sums) job(params []float64, grad bool) (result, error) {
	if s.err != nil {
		return result{}, s.err
	}
	s.lastOK = false
	r, err := s.run(params, grad)
	if err != nil {
		s.err = err
		return r, err
	}
	s.last, s.lastParams, s.lastOK = r, append(s.lastParams[:0], params...), true
	return r, nil
}

func (s *sums) run(params []float64, grad bool) (result, error) {
	start := time.Now()
	s.jobs++
	dir := join(s.tmp, fmt.Sprintf("job-%06d", s.jobs))
	job := s.base
	job.Weights, job.Grad, job.Count = join(dir, "weights.f64"), grad, s.m.Task() != model.Regression
	if err := writeFloats(s.ctx, job.Weights, params); err != nil {
		return result{}, fmt.Errorf("writing the weights to the temporary location: %v", err)
	}
	out := join(dir, "sums.json")
	p, sc := beam.NewPipelineWithRoot()
	files := beam.Create(sc, anySlice(s.set.Files)...)
	parts := beam.ParDo(sc, &sumFn{Job: job}, files)
	beam.ParDo0(sc, &writeFn{Path: out}, beam.Combine(sc, &orderedSum{}, parts))
	if _, err := beam.Run(s.ctx, s.b.runner(), p); err != nil {
		if ctxErr := s.ctx.Err(); ctxErr != nil {
			return result{}, fmt.Errorf("beam job %d cancelled: %v", s.jobs, ctxErr)
		}
		return result{}, fmt.Errorf("beam job %d on the %s runner failed: %s", s.jobs, s.b.runner(), cause(err))
	}
	b, err := readAll(s.ctx, out)
	if err != nil {
		return result{}, fmt.Errorf("beam job %d: reading its result: %v", s.jobs, err)
	}
	r, err := checkResult(b, s.set, s.m.NumParams(), grad)
	if err != nil {
		return r, fmt.Errorf("beam job %d: %v", s.jobs, err)
	}
	if s.b.Log != nil {
		fmt.Fprintf(s.b.Log, "beam: job %d: sums over %d blocks, %d rows on %s in %.3f s\n",
			s.jobs, len(r.Blocks), r.Rows, s.b.runner(), time.Since(start).Seconds())
	}
	s.removeJob(dir)
	return r, nil
}

// checkResult decodes a job's result and refuses a partial sum: every
// block once, in order, and a vector of p values if grad is set.
func checkResult(b []byte, set *shard.Set, p int, grad bool) (result, error) {
	var r result
	line := strings.TrimSpace(string(b))
	if strings.Contains(line, "\n") {
		return r, errors.New("more than one result: a block was combined apart")
	}
	if err := json.Unmarshal([]byte(line), &r); err != nil {
		return r, fmt.Errorf("bad result %q: %v", line, err)
	}
	k := len(set.Files)
	if len(r.Blocks) != k || r.Rows != set.TotalRows {
		return r, fmt.Errorf("summed %d of the %d blocks (%d of %d rows): refusing a partial sum", len(r.Blocks), k, r.Rows, set.TotalRows)
	}
	for i, bi := range r.Blocks {
		if bi != i {
			return r, fmt.Errorf("summed blocks %v, want each of 0…%d once", r.Blocks, k-1)
		}
	}
	if grad && len(r.Grad) != p {
		return r, fmt.Errorf("a vector of %d values for %d parameters", len(r.Grad), p)
	}
	return r, nil
}

// removeJob deletes a job's files once its result is read.
func (s *sums) removeJob(dir string) {
	if s.local {
		os.RemoveAll(dir)
		return
	}
	fs, err := filesystem.New(s.ctx, dir)
	if err != nil {
		return
	}
	defer fs.Close()
	if rm, ok := fs.(filesystem.Remover); ok {
		for _, f := range []string{"weights.f64", "sums.json"} {
			rm.Remove(s.ctx, join(dir, f))
		}
	}
}

// cause returns the root of a failed job's error: Beam wraps a DoFn's
// error (say, a block's checksum) in the bundle's whole plan; the DoFn's
// message is its last line. Set DESCENT_BEAM_LOG=error for the rest.
func cause(err error) string {
	lines := strings.Split(strings.TrimSpace(err.Error()), "\n")
	for i := len(lines) - 1; i >= 0; i-- {
		if l := strings.Trim(strings.TrimSpace(lines[i]), `"`); l != "" {
			return l
		}
	}
	return err.Error()
}

func anySlice(v []string) []any {
	out := make([]any, len(v))
	for i, s := range v {
		out[i] = s
	}
	return out
}
