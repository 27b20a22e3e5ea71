package serve

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"math"
	"net/http"
	"strings"

	"github.com/descentgo/descent/data"
	"github.com/descentgo/descent/diagnose"
	"github.com/descentgo/descent/minimize"
	"github.com/descentgo/descent/model"
	"github.com/descentgo/descent/run"
	"github.com/descentgo/descent/spec"
	"github.com/descentgo/descent/train"
)

// The data tab trains with package train, the engine of `descent train`,
// on the embedded data sets parsed once and kept in memory
// (train.Source.Memory).

// dataset is one embedded data set.
type dataset struct {
	Name     string   `json:"name"`
	Title    string   `json:"title"`
	About    string   `json:"about"`
	Task     string   `json:"task"`
	Rows     int      `json:"rows"`
	Features []string `json:"features"`
	Target   string   `json:"target"`
	Models   []string `json:"models"` // model names that fit the task; the first is the default
	task     model.Task
	d        *data.Dense
	classes  []float64
}

var datasetMeta = []struct {
	name, title, about string
	task               model.Task
}{
	{"iris", "Iris flowers", "150 flowers, 4 measurements in cm, 3 species (Fisher 1936)", model.Multiclass},
	{"wine", "Wine cultivars", "178 wines, 13 chemical measurements, 3 cultivars (Forina et al.)", model.Multiclass},
	{"diabetes", "Diabetes progression", "442 patients, 10 measurements, disease progression after a year (Efron et al. 2004)", model.Regression},
}

// loadDatasets parses the embedded CSV files once.
func (s *Server) loadDatasets() (map[string]*dataset, error) {
	s.dsOnce.Do(func() {
		s.ds = map[string]*dataset{}
		for _, m := range datasetMeta {
			b, err := datasetFS.ReadFile("datasets/" + m.name + ".csv")
			if err != nil {
				s.dsErr = err
				return
			}
			d, err := data.ReadCSV(bytes.NewReader(b), m.name+".csv", data.CSVOptions{})
			if err != nil {
				s.dsErr = err
				return
			}
			ds := &dataset{Name: m.name, Title: m.title, About: m.about, Task: m.task.String(), Rows: d.N,
				Features: d.Features, Target: d.Target, task: m.task, d: d}
			if m.task == model.Regression {
				ds.Models = []string{"linear", "mlp"}
			} else {
				ds.Models = []string{"softmax", "mlp"}
				if ds.classes, err = model.Classes(m.task, d.Y); err != nil {
					s.dsErr = err
					return
				}
			}
			s.ds[m.name] = ds
		}
	})
	return s.ds, s.dsErr
}

func (s *Server) datasets(*http.Request) (any, error) {
	ds, err := s.loadDatasets()
	if err != nil {
		return nil, &apiError{http.StatusInternalServerError, "embedded data sets: " + err.Error()}
	}
	out := make([]*dataset, 0, len(datasetMeta))
	for _, m := range datasetMeta {
		out = append(out, ds[m.name])
	}
	return out, nil
}

// TrainRequest is the body of POST /api/train. The defaults are those of
// `descent train` (train.DefaultConfig, train.DefaultBatch), listed by GET
// /api/defaults; the model's default is the data set's first model.
type TrainRequest struct {
	Dataset  string `json:"dataset"`            // iris, wine or diabetes
	Model    string `json:"model,omitempty"`    // e.g. "softmax", "mlp:hidden=16,act=tanh"; default: the data set's first model
	Opt      string `json:"opt,omitempty"`      // optimizer; default train.DefaultOpt (lbfgs); line searches need mode batch
	Schedule string `json:"schedule,omitempty"` // stepped once per optimizer step
	// Mode is batch, minibatch or stochastic; by default minibatch when
	// BatchSize is given, else train.DefaultBatch(opt): batch for line
	// searches, minibatch otherwise.
	Mode      string `json:"mode,omitempty"`
	BatchSize int    `json:"batch_size,omitempty"` // minibatch: default train.DefaultMiniBatch (32)
	// Epochs is the epoch budget; default train's: 1000 for batch runs,
	// 100 otherwise.
	Epochs int `json:"epochs,omitempty"`
	// ValFrac is the share of rows held out for validation, at most 0.5;
	// default 0 (none), as train's.
	ValFrac float64 `json:"val_frac,omitempty"`
	Seed    uint64  `json:"seed,omitempty"` // split, initialization and batch order; 0 means train.DefaultSeed (1)
	// L2 is the penalty (λ₂/2)‖W‖² on the weights (train.Config.L2), in
	// [0, MaxL2]; default 0.
	L2 float64 `json:"l2,omitempty"`
	// PrevLR is the learning rate of the run before this one (its max_lr
	// under onecycle, the rate the advice is about), when this run's rate
	// follows its advice: advice that turns back goes at most
	// halfway, on a log scale (train.Config.PrevLR); 0 or absent: none.
	PrevLR float64 `json:"prev_lr,omitempty"`
	// Plot holds the indexes of the two features of the decision map
	// (DecisionMap); default [0, 1].
	Plot []int `json:"plot,omitempty"`
	// CSV is a data set sent with the request instead of Dataset: the text
	// of a CSV file of at most Config.MaxUploadBytes, read by the parser of
	// `descent train --data` (package data) with its errors
	// ("name:line:column: ..."). Target names its target column (default:
	// the last) and CSVName the file (default "upload.csv"). The model
	// defaults to mlp, whose task follows the targets as in `descent train`.
	CSV     string `json:"csv,omitempty"`
	CSVName string `json:"csv_name,omitempty"`
	Target  string `json:"target,omitempty"`
}

// MaxL2 is the largest L2 penalty the data tab accepts.
const MaxL2 = 100

// uploadName is the name of an uploaded data set.
const uploadName = "upload.csv"

// TrainResponse is the body of a POST /api/train answer: the summary of
// `descent train --json` (status, message, diagnosis) and the curves per
// epoch, epoch 0 being the initial model. TrainLoss and ValLoss are the mean
// loss (no penalty) on the training and validation rows, in the target's
// units for regression (mean squared error); Metric is "accuracy" or "r2".
// Features are standardized with the training rows' statistics.
type TrainResponse struct {
	Dataset   string `json:"dataset"`
	Task      string `json:"task"`
	Model     string `json:"model"`
	Opt       string `json:"opt"`
	Schedule  string `json:"schedule,omitempty"`
	Mode      string `json:"mode"`
	BatchSize int    `json:"batch_size"`
	Epochs    int    `json:"epochs"` // the budget
	Params    int    `json:"params"`
	TrainRows int    `json:"n_train"`
	ValRows   int    `json:"n_val"`
	// MetricRows is the size of the seeded sample the epochs' curves were
	// measured on when the training rows are more (train.Config.MetricRows);
	// absent when every row was.
	MetricRows int                `json:"metric_rows,omitempty"`
	Steps      int                `json:"steps"`
	Status     string             `json:"status"` // as `descent train`, plus "timeout"
	Message    string             `json:"message"`
	Diagnosis  diagnose.Diagnosis `json:"diagnosis"`
	Metric     string             `json:"metric"`
	Epoch      []int              `json:"epoch"`
	TrainLoss  []run.Float        `json:"train_loss"`
	ValLoss    []run.Float        `json:"val_loss"`
	// The per-epoch metric named by Metric, under the names the command
	// line's epoch history uses: train_accuracy and val_accuracy for
	// classification, train_r2 and val_r2 for regression.
	TrainMetric []run.Float `json:"-"`
	ValMetric   []run.Float `json:"-"`
	// Features are the data set's feature names, Target its target's.
	Features []string `json:"features"`
	Target   string   `json:"target"`
	L2       float64  `json:"l2"`
	// Map is the decision map of a classifier on two features (absent for
	// regression and for data with one feature).
	Map *DecisionMap `json:"map,omitempty"`
}

// dataTerms are the data tab's names for the controls that advice
// mentions (diagnose.Terms): its budget is the "Epochs" field; it has no
// clipping control and always standardizes.
var dataTerms = diagnose.Terms{Budget: "the epochs setting"}

// Close releases what the server holds. It holds nothing since the data
// tab trains from memory; Close remains for the callers that defer it.
func (s *Server) Close() error { return nil }

// trainField maps a field of train.Config (in an engine error) to the
// request's field.
func trainField(mode string) func(string) string {
	return func(f string) string {
		switch f {
		case "batch":
			if mode == "minibatch" {
				return "batch_size"
			}
			return "mode"
		case "val":
			return "val_frac"
		case "data", "format", "target", "features", "drop_missing", "stream", "buffer_rows":
			return "dataset"
		}
		return f
	}
}

func (s *Server) train(r *http.Request) (any, error) {
	var req TrainRequest
	if err := decode(r, &req); err != nil {
		return nil, err
	}
	ds, err := s.trainData(&req)
	if err != nil {
		return nil, err
	}
	cfg := train.DefaultConfig()
	cfg.Source = train.Source{Memory: ds.d, MemoryName: ds.Name}
	cfg.Task, cfg.Standardize, cfg.Terms = ds.Task, true, dataTerms
	if cfg.Model, err = parseSpecField("model", req.Model); err != nil {
		return nil, err
	}
	if cfg.Model.IsZero() {
		cfg.Model = spec.Spec{Name: ds.Models[0]}
	}
	if err := s.checkModelSpec(cfg.Model, ds); err != nil {
		return nil, err
	}
	if !(req.L2 >= 0 && req.L2 <= MaxL2) {
		return nil, badRequest("l2: %g must be in [0, %d]", req.L2, MaxL2)
	}
	cfg.L2 = req.L2
	if !(req.PrevLR >= 0) || math.IsInf(req.PrevLR, 0) {
		return nil, badRequest("prev_lr: %g: must be a learning rate > 0 (0 = none)", req.PrevLR)
	}
	cfg.PrevLR = req.PrevLR
	plot := [2]int{0, 1}
	switch {
	case len(req.Plot) == 2:
		plot = [2]int{req.Plot[0], req.Plot[1]}
		for _, j := range plot {
			if j < 0 || j >= len(ds.Features) {
				return nil, badRequest("plot: feature %d must be in [0, %d] (%d features)", j, len(ds.Features)-1, len(ds.Features))
			}
		}
	case req.Plot != nil:
		return nil, badRequest("plot: give two feature indexes, not %d", len(req.Plot))
	}
	snaps := newSnapshots(mapSnapshots)
	cfg.OnWeights = snaps.add
	opt, err := parseOptField("opt", req.Opt)
	if err != nil {
		return nil, err
	}
	if !opt.IsZero() {
		cfg.Opt = opt
	}
	if cfg.Schedule, err = parseSpecField("schedule", req.Schedule); err != nil {
		return nil, err
	}
	if req.Seed != 0 {
		cfg.Seed = req.Seed
	}
	if !(req.ValFrac >= 0 && req.ValFrac <= 0.5) {
		return nil, badRequest("val_frac: %g must be in [0, 0.5]", req.ValFrac)
	}
	cfg.Val = req.ValFrac
	if req.BatchSize < 0 {
		return nil, badRequest("batch_size: %d must be positive", req.BatchSize)
	}
	nTrain := ds.Rows - int(float64(ds.Rows)*req.ValFrac+0.5)
	if req.Mode == "" {
		req.Mode = "minibatch"
		if req.BatchSize == 0 && train.DefaultBatch(cfg.Opt) == 0 {
			req.Mode = "batch"
		}
	}
	switch req.Mode {
	case "batch":
		cfg.Batch = 0
	case "minibatch":
		cfg.Batch = req.BatchSize
		if cfg.Batch == 0 {
			cfg.Batch = train.DefaultMiniBatch
		}
		if cfg.Batch > nTrain {
			return nil, badRequest("batch_size: %d must be in [1, %d] (the training rows)", cfg.Batch, nTrain)
		}
	case "stochastic", "sgd":
		req.Mode, cfg.Batch = "stochastic", 1
	default:
		return nil, badRequest("mode: %q is not batch, minibatch or stochastic", req.Mode)
	}
	cfg.Epochs = req.Epochs
	if req.Epochs == 0 {
		cfg.Epochs = cfg.EpochBudget()
	}
	if cfg.Epochs < 0 || cfg.Epochs > s.cfg.MaxEpochs {
		return nil, badRequest("epochs: %d must be in [1, %d]", cfg.Epochs, s.cfg.MaxEpochs)
	}
	ctx := r.Context()
	res, err := train.Train(ctx, cfg)
	if err != nil {
		return nil, fieldError(err, trainField(req.Mode), "")
	}
	out := &TrainResponse{Features: ds.Features, Target: ds.Target, L2: req.L2, Dataset: ds.Name, Task: res.Task, Model: res.Model, Opt: res.Optimizer, Schedule: res.Schedule,
		Mode: req.Mode, BatchSize: cfg.Batch, Epochs: cfg.Epochs, Params: res.Params, TrainRows: res.NTrain, ValRows: res.NVal, MetricRows: res.MetricRows, Steps: res.Steps,
		Status: res.Status.String(), Message: res.Message, Diagnosis: res.Diagnosis, Metric: "accuracy"}
	if cfg.Batch == 0 {
		out.BatchSize = res.NTrain
	}
	if res.Status == minimize.Interrupted && errors.Is(ctx.Err(), context.DeadlineExceeded) {
		out.Status = "timeout"
		out.Message = fmt.Sprintf("the time budget of %v ran out: %s", s.cfg.Timeout, res.Message)
	}
	regression := res.Task == model.Regression.String()
	if regression {
		out.Metric = "r2"
	}
	for _, e := range res.History {
		out.Epoch = append(out.Epoch, e.Epoch)
		out.TrainLoss = append(out.TrainLoss, run.Float(e.TrainDataLoss))
		out.ValLoss = append(out.ValLoss, run.Float(e.ValLoss))
		if regression {
			out.TrainMetric = append(out.TrainMetric, run.Float(e.TrainR2))
			out.ValMetric = append(out.ValMetric, run.Float(e.ValR2))
		} else {
			out.TrainMetric = append(out.TrainMetric, run.Float(e.TrainAccuracy))
			out.ValMetric = append(out.ValMetric, run.Float(e.ValAccuracy))
		}
	}
	if len(ds.Features) >= 2 {
		out.Map = decisionMap(snaps, ds.d, plot[0], plot[1])
	}
	return out, nil
}

// trainData returns the data set of a training request: an embedded one,
// or the CSV text it carries, parsed as `descent train --data` parses a
// file.
func (s *Server) trainData(req *TrainRequest) (*dataset, error) {
	if req.CSV == "" {
		if req.Target != "" || req.CSVName != "" {
			return nil, badRequest("target: applies to an uploaded data set (csv), not to %q", req.Dataset)
		}
		all, err := s.loadDatasets()
		if err != nil {
			return nil, &apiError{http.StatusInternalServerError, "embedded data sets: " + err.Error()}
		}
		ds, ok := all[req.Dataset]
		if !ok {
			return nil, badRequest("dataset: unknown data set %q (known: iris, wine, diabetes; or send csv)", req.Dataset)
		}
		return ds, nil
	}
	if req.Dataset != "" {
		return nil, badRequest("dataset: give a data set name or csv, not both")
	}
	if n := int64(len(req.CSV)); n > s.cfg.MaxUploadBytes {
		return nil, &apiError{http.StatusRequestEntityTooLarge, fmt.Sprintf("csv: %d bytes exceed the upload limit of %d bytes", n, s.cfg.MaxUploadBytes)}
	}
	name := req.CSVName
	if name == "" {
		name = uploadName
	}
	if len(name) > 200 || strings.ContainsAny(name, "/\\\x00\n") {
		return nil, badRequest("csv_name: %q is not a file name (at most 200 bytes, no / or \\)", name)
	}
	d, err := data.ReadCSV(strings.NewReader(req.CSV), name, data.CSVOptions{Target: req.Target})
	if err != nil {
		return nil, badRequest("csv: %v", err)
	}
	// The task follows the model, as in `descent train` (train.Config.Task
	// empty): mlp by default, which classifies integer targets with few
	// values and regresses others.
	return &dataset{Name: name, Title: name, Task: "", Rows: d.N, Features: d.Features, Target: d.Target,
		Models: []string{"mlp", "softmax", "logistic", "linear"}, d: d}, nil
}

// checkModelSpec checks the model against the data set and the registry,
// and bounds the hidden layers of an MLP.
func (s *Server) checkModelSpec(sp spec.Spec, ds *dataset) error {
	ok := false
	for _, n := range ds.Models {
		ok = ok || n == sp.Name
	}
	if !ok {
		if ds.Task == "" {
			return badRequest("model: unknown model %q; use %s", sp.Name, strings.Join(ds.Models, ", "))
		}
		return badRequest("model: %q does not fit %s (a %s task); use %s", sp.Name, ds.Name, ds.Task, strings.Join(ds.Models, " or "))
	}
	_, err := s.checkModel("model", sp)
	return err
}

// MarshalJSON writes the metric series under their metric's names.
func (r TrainResponse) MarshalJSON() ([]byte, error) {
	type plain TrainResponse
	out := map[string]any{}
	b, err := json.Marshal(plain(r))
	if err != nil {
		return nil, err
	}
	if err := json.Unmarshal(b, &out); err != nil {
		return nil, err
	}
	name := "accuracy"
	if r.Metric == "r2" || r.Metric == "R²" {
		name = "r2"
	}
	out["train_"+name], out["val_"+name] = r.TrainMetric, r.ValMetric
	return json.Marshal(out)
}

// UnmarshalJSON reads what MarshalJSON writes.
func (r *TrainResponse) UnmarshalJSON(b []byte) error {
	type plain TrainResponse
	var p plain
	if err := json.Unmarshal(b, &p); err != nil {
		return err
	}
	var m struct {
		TA []run.Float `json:"train_accuracy"`
		VA []run.Float `json:"val_accuracy"`
		TR []run.Float `json:"train_r2"`
		VR []run.Float `json:"val_r2"`
	}
	if err := json.Unmarshal(b, &m); err != nil {
		return err
	}
	*r = TrainResponse(p)
	r.TrainMetric, r.ValMetric = m.TA, m.VA
	if m.TR != nil {
		r.TrainMetric, r.ValMetric = m.TR, m.VR
	}
	return nil
}
