package train

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"path/filepath"

	"github.com/descentgo/descent/internal/atomicfile"
	"github.com/descentgo/descent/minimize"
	"github.com/descentgo/descent/optim"
	"github.com/descentgo/descent/schedule"
	"github.com/descentgo/descent/spec"
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
func (ck *Checkpoint) Config() Config { return ck.c.Run }

// DataPath is the data file to resume with: the path as typed when it
// names a file from the working directory, else the absolute path
// recorded when the checkpoint was written (a resume from another
// directory), else the path as typed (its error will name it).
func (ck *Checkpoint) DataPath() string {
	p := ck.c.Run.Path
	if p == "" || fileExists(p) || ck.c.DataAbs == "" || !fileExists(ck.c.DataAbs) {
		return p
	}
	return ck.c.DataAbs
}

func fileExists(p string) bool {
	st, err := os.Stat(p)
	return err == nil && !st.IsDir()
}

// Epoch returns the number of completed epochs and Batch the batches done
// in the epoch after them.
func (ck *Checkpoint) Epoch() int { return ck.c.Epoch }

// Batch returns the number of batches done in the current epoch (0 at an
// epoch boundary).
func (ck *Checkpoint) Batch() int { return ck.c.Batch }

// Status is the final status of the run if it had finished when the
// checkpoint was written, 0 otherwise.
func (ck *Checkpoint) Status() minimize.Status { return ck.c.Status }

// runFields are the JSON names of the run-defining fields of Config that a
// resumed run must match, in the order they are checked. The epoch budget
// may change.
var runFields = []string{"data", "format", "target", "features", "drop_missing", "stream", "buffer_rows",
	"model", "task", "l2", "l1", "standardize", "opt", "schedule", "warmup", "clip_norm", "clip_value",
	"batch", "grad_tol", "f_tol", "val", "patience", "seed", "shards", "shuffle_block", "shuffle_window"}

// MismatchError reports that a resumed run differs from its checkpoint in
// a run-defining field. Field is the field's JSON name; front ends name
// their control for it.
type MismatchError struct {
	Dir             string // the checkpoint directory
	Field           string // e.g. "opt"
	Checkpoint, Run string // the two values, as JSON text ("full" for a full batch)
}

func (e *MismatchError) Error() string {
	return fmt.Sprintf("resume %s: the checkpoint was made with %s %s, this run has %s %s (leave it out to continue with the checkpoint's)", e.Dir, e.Field, e.Checkpoint, e.Field, e.Run)
}

// mismatch returns a *MismatchError for the first run-defining field in
// which the checkpoint's run a differs from this run b.
func mismatch(dir string, a, b Config, abs string) error {
	ja, jb := jsonFields(a), jsonFields(b)
	for _, f := range runFields {
		x, y := ja[f], jb[f]
		if f == "data" && sameFile(a.Path, b.Path, abs) {
			continue
		}
		if string(x) == string(y) || (isEmpty(x) && isEmpty(y)) {
			continue
		}
		sx, sy := string(x), string(y)
		if f == "batch" {
			sx, sy = batchName(a.Batch), batchName(b.Batch)
		}
		return &MismatchError{Dir: dir, Field: f, Checkpoint: sx, Run: sy}
	}
	return nil
}

// sameFile reports whether the run's data path b names the checkpoint's
// file: as typed (a), or as recorded absolutely (abs).
func sameFile(a, b, abs string) bool {
	if b == "" {
		return false
	}
	bb, err := filepath.Abs(b)
	if err != nil {
		return false
	}
	if aa, err := filepath.Abs(a); err == nil && aa == bb {
		return true
	}
	return abs != "" && abs == bb
}

func jsonFields(c Config) map[string]json.RawMessage {
	b, _ := json.Marshal(c)
	var m map[string]json.RawMessage
	_ = json.Unmarshal(b, &m)
	return m
}

func isEmpty(v json.RawMessage) bool {
	s := string(v)
	return s == "" || s == "null" || s == "[]" || s == `""`
}

// resumeErr is an error about the checkpoint of Config.Resume in dir.
func resumeErr(dir string, err error) error {
	return &spec.FieldError{Field: "resume", Err: fmt.Errorf("%s: %w", dir, err)}
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
	Format      string `json:"format"`
	Version     int    `json:"version"`
	Run         Config `json:"run"`
	Fingerprint string `json:"data_fingerprint"`
	// DataAbs is the data file's absolute path when the checkpoint was
	// written (Run.Path is as the user typed it), so that a resume from
	// another directory finds the file; the fingerprint (size and hash)
	// tells a changed file.
	DataAbs   string          `json:"data_abs,omitempty"`
	Status    minimize.Status `json:"status"`
	Message   string          `json:"message,omitempty"`
	Epoch     int             `json:"epoch"`
	Batch     int             `json:"batch"`
	RNG       string          `json:"rng"`
	Steps     int             `json:"steps"`
	BatchSum  Float           `json:"batch_loss_sum"`
	LR        Float           `json:"lr"`
	Model     json.RawMessage `json:"model"`
	Optimizer *optStateJSON   `json:"optimizer,omitempty"`
	Schedule  *schedule.State `json:"schedule,omitempty"`
	Best      bestJSON        `json:"best"`
	BadEpochs int             `json:"bad_epochs"`
	History   []EpochStats    `json:"history"`
}

// ReadCheckpoint reads the checkpoint in dir.
func ReadCheckpoint(dir string) (*Checkpoint, error) {
	path := filepath.Join(dir, CheckpointFile)
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, resumeErr(dir, fileErr(err))
	}
	var head struct {
		Format  string `json:"format"`
		Version int    `json:"version"`
	}
	if err := json.Unmarshal(b, &head); err != nil {
		return nil, resumeErr(dir, fmt.Errorf("corrupt or truncated checkpoint: %v", err))
	}
	if head.Format != CheckpointName {
		return nil, resumeErr(dir, fmt.Errorf("%s is not a descent checkpoint (format %q)", CheckpointFile, head.Format))
	}
	if head.Version != CheckpointVersion {
		return nil, resumeErr(dir, fmt.Errorf("checkpoint version %d is not supported: this descent reads version %d", head.Version, CheckpointVersion))
	}
	ck := &Checkpoint{Dir: dir}
	dec := json.NewDecoder(bytes.NewReader(b))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&ck.c); err != nil {
		return nil, resumeErr(dir, fmt.Errorf("invalid checkpoint: %v", err))
	}
	if ck.c.Epoch < 0 || ck.c.Batch < 0 || len(ck.c.History) != ck.c.Epoch+1 {
		return nil, resumeErr(dir, fmt.Errorf("invalid checkpoint: position epoch %d, batch %d with %d history rows", ck.c.Epoch, ck.c.Batch, len(ck.c.History)))
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
		return &spec.FieldError{Field: "checkpoint", Err: fmt.Errorf("%s: %v", dir, err)}
	}
	b, err := json.Marshal(c)
	if err != nil {
		return &spec.FieldError{Field: "checkpoint", Err: fmt.Errorf("%s: %v", dir, err)}
	}
	path := filepath.Join(dir, CheckpointFile)
	atomicfile.RemoveStale(path) // left by a run killed mid-write
	return atomicfile.WriteBytes(path, append(b, '\n'))
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

// absPath is the absolute form of p ("" when p is "" or has none).
func absPath(p string) string {
	if p == "" {
		return ""
	}
	a, err := filepath.Abs(p)
	if err != nil {
		return ""
	}
	return a
}
