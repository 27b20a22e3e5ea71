package serve

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"net/http"
	"os"
	"path/filepath"
	"strconv"
	"strings"

	"github.com/descentgo/descent/data"
	"github.com/descentgo/descent/diagnose"
	"github.com/descentgo/descent/model"
	"github.com/descentgo/descent/run"
	"github.com/descentgo/descent/spec"
	"github.com/descentgo/descent/train"
)

// The data tab trains with package train, the engine of `descent train`.
// train reads files, so the embedded data sets are written once to a
// temporary directory (removed by Close).

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

// TrainRequest is the body of POST /api/train.
type TrainRequest struct {
	Dataset   string `json:"dataset"`              // iris, wine or diabetes
	Model     string `json:"model,omitempty"`      // e.g. "softmax", "mlp:hidden=16,act=tanh"; default: the data set's first model
	Opt       string `json:"opt,omitempty"`        // optimizer; default "sgd:lr=0.1"; line searches (lbfgs, ...) need mode batch
	Schedule  string `json:"schedule,omitempty"`   // stepped once per optimizer step
	Mode      string `json:"mode,omitempty"`       // batch, minibatch (default) or stochastic
	BatchSize int    `json:"batch_size,omitempty"` // minibatch: default 16
	Epochs    int    `json:"epochs,omitempty"`     // default 50
	// ValFrac is the share of rows held out for validation; default 0.25,
	// at most 0.5.
	ValFrac float64 `json:"val_frac,omitempty"`
	Seed    uint64  `json:"seed,omitempty"` // split, initialization and batch order; 0 means 1
}

// TrainResponse is the body of a POST /api/train answer: the summary of
// `descent train --json` (status, message, diagnosis) and the curves per
// epoch, epoch 0 being the initial model. TrainLoss and ValLoss are the mean
// loss (no penalty) on the training and validation rows, in the target's
// units for regression (mean squared error); Metric is "accuracy" or "r2".
// Features are standardized with the training rows' statistics.
type TrainResponse struct {
	Dataset     string             `json:"dataset"`
	Task        string             `json:"task"`
	Model       string             `json:"model"`
	Opt         string             `json:"opt"`
	Schedule    string             `json:"schedule,omitempty"`
	Mode        string             `json:"mode"`
	BatchSize   int                `json:"batch_size"`
	Params      int                `json:"params"`
	TrainRows   int                `json:"train_rows"`
	ValRows     int                `json:"val_rows"`
	Steps       int                `json:"steps"`
	Status      string             `json:"status"` // as `descent train`, plus "timeout"
	Message     string             `json:"message"`
	Diagnosis   diagnose.Diagnosis `json:"diagnosis"`
	Metric      string             `json:"metric"`
	Epoch       []int              `json:"epoch"`
	TrainLoss   []run.Float        `json:"train_loss"`
	ValLoss     []run.Float        `json:"val_loss"`
	TrainMetric []run.Float        `json:"train_metric"`
	ValMetric   []run.Float        `json:"val_metric"`
}

// datasetDir writes the embedded data sets to a temporary directory once
// and returns it.
func (s *Server) datasetDir() (string, error) {
	s.dirMu.Lock()
	defer s.dirMu.Unlock()
	if s.dir != "" {
		if _, err := os.Stat(filepath.Join(s.dir, "diabetes.csv")); err == nil {
			return s.dir, nil
		}
	}
	dir, err := os.MkdirTemp("", "descent-serve-")
	if err != nil {
		return "", err
	}
	for _, m := range datasetMeta {
		b, err := datasetFS.ReadFile("datasets/" + m.name + ".csv")
		if err == nil {
			err = os.WriteFile(filepath.Join(dir, m.name+".csv"), b, 0o644)
		}
		if err != nil {
			os.RemoveAll(dir)
			return "", err
		}
	}
	s.dir = dir
	return dir, nil
}

// Close removes the files the server wrote (the data sets of the data tab).
// The server keeps working: it writes them again when needed.
func (s *Server) Close() error {
	s.dirMu.Lock()
	defer s.dirMu.Unlock()
	if s.dir == "" {
		return nil
	}
	err := os.RemoveAll(s.dir)
	s.dir = ""
	return err
}

func (s *Server) train(r *http.Request) (any, error) {
	var req TrainRequest
	if err := decode(r, &req); err != nil {
		return nil, err
	}
	all, err := s.loadDatasets()
	if err != nil {
		return nil, &apiError{http.StatusInternalServerError, "embedded data sets: " + err.Error()}
	}
	ds, ok := all[req.Dataset]
	if !ok {
		return nil, badRequest("dataset: unknown data set %q (known: iris, wine, diabetes)", req.Dataset)
	}
	if req.Model == "" {
		req.Model = ds.Models[0]
	}
	if req.Opt == "" {
		req.Opt = "sgd:lr=0.1"
	}
	if req.Mode == "" {
		req.Mode = "minibatch"
	}
	if req.Epochs == 0 {
		req.Epochs = 50
	}
	if req.ValFrac == 0 {
		req.ValFrac = 0.25
	}
	if req.Seed == 0 {
		req.Seed = train.DefaultSeed
	}
	switch {
	case len(req.Model) > maxSpecLen:
		return nil, badRequest("model: specification of %d bytes exceeds %d", len(req.Model), maxSpecLen)
	case len(req.Schedule) > maxSpecLen:
		return nil, badRequest("schedule: specification of %d bytes exceeds %d", len(req.Schedule), maxSpecLen)
	case req.Epochs < 0 || req.Epochs > s.cfg.MaxEpochs:
		return nil, badRequest("epochs: %d must be in [1, %d]", req.Epochs, s.cfg.MaxEpochs)
	case !(req.ValFrac > 0 && req.ValFrac <= 0.5):
		return nil, badRequest("val_frac: %g must be in (0, 0.5]", req.ValFrac)
	}
	if err := checkOptSpec("opt", req.Opt); err != nil {
		return nil, err
	}
	if err := s.checkModelSpec(req.Model, ds); err != nil {
		return nil, err
	}
	nTrain := ds.Rows - int(float64(ds.Rows)*req.ValFrac+0.5)
	bs := 0
	switch req.Mode {
	case "batch":
	case "minibatch":
		bs = req.BatchSize
		if bs == 0 {
			bs = 16
		}
		if bs < 1 || bs > nTrain {
			return nil, badRequest("batch_size: %d must be in [1, %d] (the training rows)", bs, nTrain)
		}
	case "stochastic", "sgd":
		req.Mode, bs = "stochastic", 1
	default:
		return nil, badRequest("mode: %q is not batch, minibatch or stochastic", req.Mode)
	}
	if _, _, err := run.NewAlgorithm(req.Opt, req.Schedule, 0); err != nil {
		return nil, userError("", err)
	}
	dir, err := s.datasetDir()
	if err != nil {
		return nil, &apiError{http.StatusInternalServerError, "cannot write the data sets to a temporary directory: " + err.Error()}
	}
	cfg := train.DefaultConfig()
	cfg.Data = train.Source{Path: filepath.Join(dir, ds.Name+".csv")}
	cfg.Model, cfg.Task, cfg.Standardize = req.Model, ds.Task, true
	cfg.Opt, cfg.Schedule = req.Opt, req.Schedule
	cfg.Batch, cfg.Epochs, cfg.Val, cfg.Seed = bs, req.Epochs, req.ValFrac, req.Seed
	ctx := r.Context()
	res, err := train.Train(ctx, cfg)
	if err != nil {
		return nil, userError("", err)
	}
	out := &TrainResponse{Dataset: ds.Name, Task: res.Task, Model: res.Model, Opt: res.Optimizer, Schedule: res.Schedule,
		Mode: req.Mode, BatchSize: bs, Params: res.Params, TrainRows: res.NTrain, ValRows: res.NVal, Steps: res.Steps,
		Status: string(res.Status), Message: res.Message, Diagnosis: res.Diagnosis, Metric: "accuracy"}
	if bs == 0 {
		out.BatchSize = res.NTrain
	}
	if res.Status == train.Interrupted && errors.Is(ctx.Err(), context.DeadlineExceeded) {
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
	return out, nil
}

// checkModelSpec checks the model name against the data set and bounds the
// hidden layers of an MLP.
func (s *Server) checkModelSpec(ms string, ds *dataset) error {
	sp, err := spec.Parse(ms)
	if err != nil {
		return badRequest("model: %v", err)
	}
	ok := false
	for _, n := range ds.Models {
		ok = ok || n == sp.Name
	}
	if !ok {
		return badRequest("model: %q does not fit %s (a %s task); use %s", sp.Name, ds.Name, ds.Task, strings.Join(ds.Models, " or "))
	}
	for _, p := range sp.Params {
		if p.Key != "hidden" {
			continue
		}
		items := strings.FieldsFunc(p.Value, func(r rune) bool { return r == ',' || r == ';' })
		if len(items) > 3 {
			return badRequest("model: hidden=%s: at most 3 hidden layers", p.Value)
		}
		for _, it := range items {
			if v, err := strconv.Atoi(strings.TrimSpace(it)); err == nil && (v < 1 || v > s.cfg.MaxHidden) {
				return badRequest("model: hidden layer of %d units: give 1 to %d", v, s.cfg.MaxHidden)
			}
		}
	}
	return nil
}
