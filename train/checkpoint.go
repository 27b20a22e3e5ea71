package train

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"reflect"
	"strconv"

	"github.com/descentgo/descent/internal/atomicfile"
	"github.com/descentgo/descent/optim"
	"github.com/descentgo/descent/schedule"
)

// The checkpoint format: a directory holding CheckpointFile, versioned JSON.
const (
	CheckpointFile    = "checkpoint.json"
	CheckpointName    = "descent-checkpoint"
	CheckpointVersion = 1
)

// Checkpoint is the state of a training run at the end of an epoch, or
// after the batch at which it was interrupted: the model at its current
// weights, the optimizer's and the schedule's state, the position in the
// data (epoch and batch; the order of every epoch is a function of the seed
// and the epoch, which is the generator state), the best weights so far
// and the history. Train with Config.Resume continues it so that the final
// model is bit-identical to that of an uninterrupted run.
type Checkpoint struct {
	Dir string
	c   checkpointJSON
}

// Config returns the run-defining part of the configuration the checkpoint
// was made with (data, model, optimizer, schedule, batch, penalties,
// split, seed, tolerances and the epoch budget).
func (ck *Checkpoint) Config() Config { return ck.c.Run.config() }

// Epoch returns the number of completed epochs and Batch the batches done
// in the epoch after them.
func (ck *Checkpoint) Epoch() int { return ck.c.Epoch }

// Batch returns the number of batches done in the current epoch (0 at an
// epoch boundary).
func (ck *Checkpoint) Batch() int { return ck.c.Batch }

// Status is the final status of the run if it had finished when the
// checkpoint was written, "" otherwise.
func (ck *Checkpoint) Status() Status { return ck.c.Status }

type runJSON struct {
	Data        string   `json:"data"`
	Format      string   `json:"format"`
	Target      string   `json:"target"`
	Features    []string `json:"features"`
	DropMissing bool     `json:"drop_missing"`
	Stream      bool     `json:"stream"`
	BufferRows  int      `json:"buffer_rows"`
	Model       string   `json:"model"`
	Task        string   `json:"task"`
	L2          float64  `json:"l2"`
	L1          float64  `json:"l1"`
	Standardize bool     `json:"standardize"`
	Opt         string   `json:"opt"`
	Schedule    string   `json:"schedule"`
	Warmup      int      `json:"warmup"`
	ClipNorm    float64  `json:"clip_norm"`
	ClipValue   float64  `json:"clip_value"`
	Batch       int      `json:"batch"`
	Epochs      int      `json:"epochs"`
	GradTol     float64  `json:"grad_tol"`
	FTol        float64  `json:"f_tol"`
	Val         float64  `json:"val"`
	Patience    int      `json:"patience"`
	Seed        uint64   `json:"seed"`
	Shards      int      `json:"shards"`
}

func runOf(c *Config) runJSON {
	buf := c.Data.BufferRows
	switch {
	case !c.Data.Stream:
		buf = 0 // unused
	case buf == 0:
		buf = DefaultBufferRows
	}
	return runJSON{
		Data: c.Data.Path, Format: c.Data.Format, Target: c.Data.Target, Features: c.Data.Features,
		DropMissing: c.Data.DropMissing, Stream: c.Data.Stream, BufferRows: buf,
		Model: c.Model, Task: c.Task, L2: c.L2, L1: c.L1, Standardize: c.Standardize,
		Opt: c.optSpec(), Schedule: c.Schedule, Warmup: c.Warmup, ClipNorm: c.ClipNorm, ClipValue: c.ClipValue,
		Batch: c.Batch, Epochs: c.epochs(), GradTol: c.GradTol, FTol: c.FTol,
		Val: c.Val, Patience: c.Patience, Seed: c.Seed, Shards: c.Shards,
	}
}

func (r runJSON) config() Config {
	return Config{
		Data: Source{Path: r.Data, Format: r.Format, Target: r.Target, Features: r.Features,
			DropMissing: r.DropMissing, Stream: r.Stream, BufferRows: r.BufferRows},
		Model: r.Model, Task: r.Task, L2: r.L2, L1: r.L1, Standardize: r.Standardize,
		Opt: r.Opt, Schedule: r.Schedule, Warmup: r.Warmup, ClipNorm: r.ClipNorm, ClipValue: r.ClipValue,
		Batch: r.Batch, Epochs: r.Epochs, GradTol: r.GradTol, FTol: r.FTol,
		Val: r.Val, Patience: r.Patience, Seed: r.Seed, Shards: r.Shards,
	}
}

// runFlags names the flag of every run-defining field, for the error that
// a resumed run differs from its checkpoint. The epoch budget may change.
var runFlags = []struct{ field, flag string }{
	{"Data", "--data"}, {"Format", "--format"}, {"Target", "--target"}, {"Features", "--features"},
	{"DropMissing", "--drop-missing"}, {"Stream", "--stream"}, {"BufferRows", "--buffer"},
	{"Model", "--model"}, {"Task", "--task"}, {"L2", "--l2"}, {"L1", "--l1"}, {"Standardize", "--standardize"},
	{"Opt", "--opt"}, {"Schedule", "--schedule"}, {"Warmup", "--warmup"}, {"ClipNorm", "--clip-norm"},
	{"ClipValue", "--clip-value"}, {"Batch", "--batch"}, {"GradTol", "--grad-tol"}, {"FTol", "--f-tol"},
	{"Val", "--val"}, {"Patience", "--patience"}, {"Seed", "--seed"}, {"Shards", "--shards"},
}

// mismatch returns an error naming the first run-defining field in which
// the checkpoint's run a differs from this run b.
func mismatch(dir string, a, b runJSON) error {
	va, vb := reflect.ValueOf(a), reflect.ValueOf(b)
	for _, f := range runFlags {
		x, y := va.FieldByName(f.field).Interface(), vb.FieldByName(f.field).Interface()
		if !reflect.DeepEqual(x, y) && !(isEmpty(x) && isEmpty(y)) {
			sx, sy := show(x), show(y)
			if f.field == "Batch" {
				sx, sy = batchName(x.(int)), batchName(y.(int))
			}
			return fmt.Errorf("--resume %s: the checkpoint was made with %s %s, this run has %s %s (leave the flag out to continue with the checkpoint's)", dir, f.flag, sx, f.flag, sy)
		}
	}
	return nil
}

func isEmpty(v any) bool {
	s, ok := v.([]string)
	return ok && len(s) == 0
}

func show(v any) string {
	switch x := v.(type) {
	case string:
		return strconv.Quote(x)
	case []string:
		b, _ := json.Marshal(x)
		return string(b)
	}
	return fmt.Sprint(v)
}

type optStateJSON struct {
	Step    int                `json:"step"`
	Scalars map[string]Float   `json:"scalars,omitempty"`
	Vectors map[string][]Float `json:"vectors,omitempty"`
}

type bestJSON struct {
	Epoch  int     `json:"epoch"`
	Loss   Float   `json:"loss"`
	Params []Float `json:"params,omitempty"`
}

type checkpointJSON struct {
	Format      string          `json:"format"`
	Version     int             `json:"version"`
	Run         runJSON         `json:"run"`
	Fingerprint string          `json:"data_fingerprint"`
	Status      Status          `json:"status"`
	Message     string          `json:"message,omitempty"`
	Epoch       int             `json:"epoch"`
	Batch       int             `json:"batch"`
	RNG         string          `json:"rng"`
	Steps       int             `json:"steps"`
	BatchSum    Float           `json:"batch_loss_sum"`
	LR          Float           `json:"lr"`
	Model       json.RawMessage `json:"model"`
	Optimizer   *optStateJSON   `json:"optimizer,omitempty"`
	Schedule    *schedule.State `json:"schedule,omitempty"`
	Best        bestJSON        `json:"best"`
	BadEpochs   int             `json:"bad_epochs"`
	History     []EpochStats    `json:"history"`
}

// ReadCheckpoint reads the checkpoint in dir.
func ReadCheckpoint(dir string) (*Checkpoint, error) {
	path := filepath.Join(dir, CheckpointFile)
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("--resume %s: %v", dir, fileErr(err))
	}
	var head struct {
		Format  string `json:"format"`
		Version int    `json:"version"`
	}
	if err := json.Unmarshal(b, &head); err != nil {
		return nil, fmt.Errorf("--resume %s: corrupt or truncated checkpoint: %v", dir, err)
	}
	if head.Format != CheckpointName {
		return nil, fmt.Errorf("--resume %s: %s is not a descent checkpoint (format %q)", dir, CheckpointFile, head.Format)
	}
	if head.Version != CheckpointVersion {
		return nil, fmt.Errorf("--resume %s: checkpoint version %d is not supported: this descent reads version %d", dir, head.Version, CheckpointVersion)
	}
	ck := &Checkpoint{Dir: dir}
	dec := json.NewDecoder(bytes.NewReader(b))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&ck.c); err != nil {
		return nil, fmt.Errorf("--resume %s: invalid checkpoint: %v", dir, err)
	}
	if ck.c.Epoch < 0 || ck.c.Batch < 0 || len(ck.c.History) != ck.c.Epoch+1 {
		return nil, fmt.Errorf("--resume %s: invalid checkpoint: position epoch %d, batch %d with %d history rows", dir, ck.c.Epoch, ck.c.Batch, len(ck.c.History))
	}
	return ck, nil
}

// writeCheckpoint writes the checkpoint atomically into dir, creating dir
// if needed.
func writeCheckpoint(dir string, c *checkpointJSON) error {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		var pe *os.PathError
		if errors.As(err, &pe) {
			err = pe.Err
		}
		return fmt.Errorf("--checkpoint %s: %v", dir, err)
	}
	b, err := json.Marshal(c)
	if err != nil {
		return fmt.Errorf("--checkpoint %s: %v", dir, err)
	}
	return atomicfile.WriteBytes(filepath.Join(dir, CheckpointFile), append(b, '\n'))
}

func optStateOf(st optim.State) *optStateJSON {
	o := &optStateJSON{Step: st.Step}
	if len(st.Scalars) > 0 {
		o.Scalars = map[string]Float{}
		for k, v := range st.Scalars {
			o.Scalars[k] = Float(v)
		}
	}
	if len(st.Vectors) > 0 {
		o.Vectors = map[string][]Float{}
		for k, v := range st.Vectors {
			o.Vectors[k] = floats(v)
		}
	}
	return o
}

func (o *optStateJSON) state() optim.State {
	st := optim.State{Step: o.Step}
	if o.Scalars != nil {
		st.Scalars = map[string]float64{}
		for k, v := range o.Scalars {
			st.Scalars[k] = float64(v)
		}
	}
	if o.Vectors != nil {
		st.Vectors = map[string][]float64{}
		for k, v := range o.Vectors {
			st.Vectors[k] = unfloats(v)
		}
	}
	return st
}
