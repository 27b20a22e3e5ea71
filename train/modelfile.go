package train

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"math"
	"os"
	"strconv"
	"strings"

	"github.com/descentgo/descent/internal/atomicfile"
	"github.com/descentgo/descent/minimize"
	"github.com/descentgo/descent/model"
	"github.com/descentgo/descent/spec"
)

// The model file format: FormatName and FormatVersion are its first two
// fields. A reader rejects other names and versions.
const (
	FormatName    = "descent-model"
	FormatVersion = 1
)

// Trained is a trained model: the model, its parameters and everything
// needed to apply it to new data. Its file form is versioned JSON:
//
//	{
//	  "format": "descent-model",
//	  "version": 1,
//	  "model": "softmax:l2=0.01,l1=0",        canonical specification
//	  "dtype": "f64",                          compute type, f64 or f32 (model.DType)
//	  "task": "multiclass",
//	  "features": ["sepal_length", …],         input columns, in order
//	  "target": "species",
//	  "classes": [0, 1, 2],                    sorted labels (classifiers only)
//	  "standardize": {"mean": […], "std": […], "center": true} or null,
//	  "params": […],                           θ in the layout of package model
//	  "seed": 1,
//	  "training": {…}                          how it was trained (informative)
//	}
//
// Numbers are written in Go's shortest round-trip form, so a saved model
// reloads bit for bit.
type Trained struct {
	Model    model.Model
	Params   []float64
	Features []string
	Target   string
	Std      *Standardization // nil: no standardization
	Seed     uint64
	Training *TrainingInfo
}

// TrainingInfo records how a model was trained: the run's Config (its JSON
// fields, flat) and how the run ended. It does not affect predictions.
type TrainingInfo struct {
	Config
	Status    minimize.Status `json:"status"`
	Epochs    int             `json:"epochs_done"`
	BestEpoch int             `json:"best_epoch"`
	Steps     int             `json:"steps"`
	NTrain    int             `json:"n_train"`
	NVal      int             `json:"n_val"`
	TrainLoss Float           `json:"train_loss"`
	ValLoss   Float           `json:"val_loss"`
}

type stdJSON struct {
	Mean   []float64 `json:"mean"`
	Std    []float64 `json:"std"`
	Center bool      `json:"center"`
}

type fileJSON struct {
	Format      string    `json:"format"`
	Version     int       `json:"version"`
	Model       spec.Spec `json:"model"`
	DType       string    `json:"dtype,omitempty"` // "f32" or "f64"; absent (older files) means f64
	Task        string    `json:"task"`
	Features    []string  `json:"features"`
	Target      string    `json:"target"`
	Classes     []float64 `json:"classes,omitempty"`
	Standardize *stdJSON  `json:"standardize"`
	Params      []float64 `json:"params"`
	Seed        uint64    `json:"seed"`
	Training    any       `json:"training,omitempty"` // *TrainingInfo when writing, json.RawMessage when reading
}

// Encode returns the model file's bytes.
func (t *Trained) Encode() ([]byte, error) {
	if !fn64Finite(t.Params) {
		return nil, errors.New("the parameters are not all finite")
	}
	f := fileJSON{
		Format: FormatName, Version: FormatVersion,
		Model: model.SpecOf(t.Model), DType: model.DTypeOf(t.Model).String(), Task: t.Model.Task().String(),
		Features: t.Features, Target: t.Target, Classes: t.Model.Classes(),
		Params: t.Params, Seed: t.Seed, Training: t.Training,
	}
	if t.Std != nil {
		f.Standardize = &stdJSON{Mean: t.Std.Mean, Std: t.Std.Std, Center: t.Std.Center}
	}
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetIndent("", " ")
	if err := enc.Encode(f); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

// Save writes the model file to path atomically: a reader sees the old
// file or the complete new one, never a partial one.
func (t *Trained) Save(path string) error {
	b, err := t.Encode()
	if err != nil {
		return fmt.Errorf("cannot save the model to %s: %v", path, err)
	}
	return atomicfile.WriteBytes(path, b)
}

// Load reads a model file.
func Load(path string) (*Trained, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, fileErr(err)
	}
	t, err := Decode(b)
	if err != nil {
		return nil, fmt.Errorf("model file %s: %v", path, err)
	}
	return t, nil
}

// Decode parses the bytes of a model file and checks them: format name and
// version, the model specification, and that the parameters, features,
// classes and standardization fit it.
func Decode(b []byte) (*Trained, error) {
	var head struct {
		Format  *string `json:"format"`
		Version *int    `json:"version"`
	}
	if err := json.Unmarshal(b, &head); err != nil {
		var se *json.SyntaxError
		if errors.As(err, &se) || err.Error() == "unexpected end of JSON input" {
			return nil, fmt.Errorf("corrupt or truncated JSON: %v", err)
		}
		return nil, errors.New(`not a descent model file: want a JSON object with "format" and "version"`)
	}
	if head.Format == nil || *head.Format != FormatName {
		got := "no format field"
		if head.Format != nil {
			got = fmt.Sprintf("format %q", *head.Format)
		}
		return nil, fmt.Errorf("not a descent model file (%s, want %q)", got, FormatName)
	}
	if head.Version == nil {
		return nil, errors.New("no format version")
	}
	if *head.Version != FormatVersion {
		return nil, fmt.Errorf("format version %d is not supported: this descent reads version %d", *head.Version, FormatVersion)
	}
	var raw json.RawMessage
	f := fileJSON{Training: &raw}
	dec := json.NewDecoder(bytes.NewReader(b))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&f); err != nil {
		msg := strings.Replace(err.Error(), "Go struct field fileJSON.", "field ", 1)
		return nil, fmt.Errorf("invalid model file: %s", strings.Replace(msg, "Go struct field ", "field ", 1))
	}
	return f.build()
}

func (f *fileJSON) build() (*Trained, error) {
	task, err := model.ParseTask(f.Task)
	if err != nil {
		return nil, err
	}
	if len(f.Features) == 0 {
		return nil, errors.New("no features")
	}
	seen := map[string]bool{}
	for _, name := range f.Features {
		if seen[name] {
			return nil, fmt.Errorf("feature %q is listed twice", name)
		}
		seen[name] = true
	}
	if seen[f.Target] {
		return nil, fmt.Errorf("target %q is also a feature", f.Target)
	}
	if task == model.Regression && len(f.Classes) > 0 {
		return nil, errors.New("a regression model has no classes")
	}
	if task != model.Regression && len(f.Classes) > model.MaxClasses {
		return nil, fmt.Errorf("%d classes: at most %d", len(f.Classes), model.MaxClasses)
	}
	if err := checkSpecSize(f.Model, len(f.Params)); err != nil {
		return nil, err
	}
	m, err := model.New(f.Model, task, len(f.Features), f.Classes)
	if err != nil {
		return nil, err
	}
	dt, err := model.ParseDType(f.DType)
	if err != nil {
		return nil, err
	}
	if m, err = model.WithDType(m, dt); err != nil {
		return nil, err
	}
	if len(f.Params) != m.NumParams() {
		return nil, fmt.Errorf("%d parameters, model %s with %d features needs %d", len(f.Params), m.Spec(), len(f.Features), m.NumParams())
	}
	if !fn64Finite(f.Params) {
		return nil, errors.New("a parameter is not finite")
	}
	t := &Trained{Model: m, Params: f.Params, Features: f.Features, Target: f.Target, Seed: f.Seed}
	if raw, ok := f.Training.(*json.RawMessage); ok && len(*raw) > 0 && string(*raw) != "null" {
		// The training block is informative: one written by an older
		// version (other field names) is dropped, not an error.
		var info TrainingInfo
		if json.Unmarshal(*raw, &info) == nil {
			t.Training = &info
		}
	}
	if s := f.Standardize; s != nil {
		if len(s.Mean) != len(f.Features) || len(s.Std) != len(f.Features) {
			return nil, fmt.Errorf("standardization has %d means and %d standard deviations for %d features", len(s.Mean), len(s.Std), len(f.Features))
		}
		for j := range s.Std {
			if !(s.Std[j] > 0) || math.IsInf(s.Std[j], 0) || math.IsNaN(s.Mean[j]) || math.IsInf(s.Mean[j], 0) {
				return nil, fmt.Errorf("standardization of feature %q: mean %g, std %g: want a finite mean and a positive finite std", f.Features[j], s.Mean[j], s.Std[j])
			}
		}
		t.Std = &Standardization{Mean: s.Mean, Std: s.Std, Center: s.Center}
	}
	return t, nil
}

// checkSpecSize refuses a model specification with a hidden layer wider
// than the number of stored parameters (a layer of width h has at least h
// biases) before model.New multiplies the widths: a corrupted width must
// neither overflow the parameter count nor pass for a valid model.
func checkSpecSize(sp spec.Spec, stored int) error {
	for _, p := range sp.Params {
		if p.Key != "hidden" {
			continue
		}
		for _, item := range strings.FieldsFunc(p.Value, func(r rune) bool { return r == ',' || r == ';' }) {
			h, err := strconv.Atoi(strings.TrimSpace(item))
			if err == nil && h > stored {
				return fmt.Errorf("model %q: hidden layer width %d exceeds the %d stored parameters", sp, h, stored)
			}
		}
	}
	return nil
}

func fn64Finite(v []float64) bool {
	for _, x := range v {
		if math.IsNaN(x) || math.IsInf(x, 0) {
			return false
		}
	}
	return true
}
