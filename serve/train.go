package serve

import (
	"bytes"
	"fmt"
	"math"
	"net/http"
	"strconv"
	"strings"

	"github.com/descentgo/descent/data"
	"github.com/descentgo/descent/model"
	"github.com/descentgo/descent/optim"
	"github.com/descentgo/descent/run"
	"github.com/descentgo/descent/spec"
)

// The data tab trains with package model, data and optim directly in a
// plain epoch loop (package train was not ready when this was written).

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
	Opt       string `json:"opt,omitempty"`        // step-based optimizer; default "sgd:lr=0.1"
	Schedule  string `json:"schedule,omitempty"`   // stepped once per batch
	Mode      string `json:"mode,omitempty"`       // batch, minibatch (default) or stochastic
	BatchSize int    `json:"batch_size,omitempty"` // minibatch: default 16
	Epochs    int    `json:"epochs,omitempty"`     // default 50
	// ValFrac is the share of rows held out for validation; default 0.25,
	// explicit 0 is not allowed (the tab compares the two curves).
	ValFrac float64 `json:"val_frac,omitempty"`
	Seed    uint64  `json:"seed,omitempty"` // split, initialization and batch order
}

// TrainResponse is the body of a POST /api/train answer. Losses are the
// training objective (mean loss plus penalty) over the whole training and
// validation sets after each epoch; regression targets are standardized with
// the training set's mean and standard deviation, so a loss of 1 is that of
// predicting the mean. Metric is "accuracy" (classification) or "r2"
// (regression, 1 − MSE/variance on the standardized scale).
type TrainResponse struct {
	Dataset     string      `json:"dataset"`
	Task        string      `json:"task"`
	Model       string      `json:"model"`
	Opt         string      `json:"opt"`
	Mode        string      `json:"mode"`
	BatchSize   int         `json:"batch_size"`
	Params      int         `json:"params"`
	TrainRows   int         `json:"train_rows"`
	ValRows     int         `json:"val_rows"`
	Steps       int         `json:"steps"`
	Status      string      `json:"status"` // done, diverged, timeout
	Message     string      `json:"message"`
	Metric      string      `json:"metric"`
	Epoch       []int       `json:"epoch"` // 0 is the initial model
	TrainLoss   []run.Float `json:"train_loss"`
	ValLoss     []run.Float `json:"val_loss"`
	TrainMetric []run.Float `json:"train_metric"`
	ValMetric   []run.Float `json:"val_metric"`
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
	tr, va := data.Split(ds.d, req.ValFrac, req.Seed)
	bs := 0
	switch req.Mode {
	case "batch":
		bs = tr.N
	case "minibatch":
		bs = req.BatchSize
		if bs == 0 {
			bs = 16
		}
		if bs < 1 || bs > tr.N {
			return nil, badRequest("batch_size: %d must be in [1, %d] (the training rows)", bs, tr.N)
		}
	case "stochastic", "sgd":
		req.Mode, bs = "stochastic", 1
	default:
		return nil, badRequest("mode: %q is not batch, minibatch or stochastic", req.Mode)
	}
	alg, sched, err := run.NewAlgorithm(req.Opt, req.Schedule, 0)
	if err != nil {
		return nil, userError("", err)
	}
	opt, ok := alg.(optim.Optimizer)
	if !ok || !isStepper(alg) {
		return nil, badRequest("opt: %q chooses its steps by a line search; the data tab trains with step-based optimizers (gd, sgd, adam, ...)", req.Opt)
	}

	var st data.Standardizer
	st.Fit(tr)
	st.Apply(tr)
	st.Apply(va)
	if ds.task == model.Regression {
		standardizeTarget(tr, va)
	}
	m, err := model.New(req.Model, ds.task, tr.D, ds.classes)
	if err != nil {
		return nil, userError("model", err)
	}
	P := m.NumParams()
	params := make([]float64, P)
	grad := make([]float64, P)
	m.Init(params, req.Seed)
	alg.Init(P)
	lrer, _ := alg.(optim.LRer)
	if sched != nil {
		sched.Init(lrer.LR())
	}

	out := &TrainResponse{Dataset: ds.Name, Task: ds.Task, Model: m.Spec(), Opt: req.Opt, Mode: req.Mode, BatchSize: bs,
		Params: P, TrainRows: tr.N, ValRows: va.N, Status: "done"}
	out.Metric = "accuracy"
	if ds.task == model.Regression {
		out.Metric = "r2"
	}
	var ws model.Workspace
	pred := make([]float64, m.Outputs())
	record := func(epoch int) bool {
		tl := model.BatchObjective(nil, params, m, tr.X, tr.Y, nil, &ws)
		vl := model.BatchObjective(nil, params, m, va.X, va.Y, nil, &ws)
		out.Epoch = append(out.Epoch, epoch)
		out.TrainLoss = append(out.TrainLoss, run.Float(tl))
		out.ValLoss = append(out.ValLoss, run.Float(vl))
		out.TrainMetric = append(out.TrainMetric, run.Float(metric(m, params, tr, pred, &ws)))
		out.ValMetric = append(out.ValMetric, run.Float(metric(m, params, va, pred, &ws)))
		return finite(tl)
	}
	record(0)
	perm := make([]int, tr.N)
	ctx := r.Context()
	steps := 0
epochs:
	for epoch := 1; epoch <= req.Epochs; epoch++ {
		data.EpochPermutation(perm, req.Seed, epoch)
		for b := 0; b < tr.N; b += bs {
			if steps%64 == 0 && ctx.Err() != nil {
				out.Status = "timeout"
				out.Message = fmt.Sprintf("the time budget of %v ran out in epoch %d", s.cfg.Timeout, epoch)
				break epochs
			}
			if sched != nil {
				lrer.SetLR(sched.LR())
			}
			loss := model.BatchObjective(grad, params, m, tr.X, tr.Y, perm[b:min(b+bs, tr.N)], &ws)
			opt.Step(params, grad)
			steps++
			if sched != nil {
				sched.Step(loss)
			}
		}
		if !record(epoch) {
			out.Status = "diverged"
			out.Message = fmt.Sprintf("the training loss became non-finite in epoch %d: lower the learning rate", epoch)
			break
		}
	}
	out.Steps = steps
	if out.Status == "done" {
		last := len(out.Epoch) - 1
		out.Message = fmt.Sprintf("%d epochs, %d steps: training loss %.4g, validation loss %.4g", req.Epochs, steps,
			float64(out.TrainLoss[last]), float64(out.ValLoss[last]))
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

// standardizeTarget rescales the regression targets of both sets with the
// training set's mean and population standard deviation.
func standardizeTarget(tr, va *data.Dense) {
	var mean, ss float64
	for _, y := range tr.Y {
		mean += y
	}
	mean /= float64(tr.N)
	for _, y := range tr.Y {
		ss += (y - mean) * (y - mean)
	}
	sd := math.Sqrt(ss / float64(tr.N))
	if !(sd > 0) {
		sd = 1
	}
	for _, d := range []*data.Dense{tr, va} {
		for i := range d.Y {
			d.Y[i] = (d.Y[i] - mean) / sd
		}
	}
}

// metric returns the accuracy of a classifier or the R² of a regression on d.
func metric(m model.Model, params []float64, d *data.Dense, pred []float64, ws *model.Workspace) float64 {
	if d.N == 0 {
		return math.NaN()
	}
	if m.Task() == model.Regression {
		var mean float64
		for _, y := range d.Y {
			mean += y
		}
		mean /= float64(d.N)
		var sse, sst float64
		for i := 0; i < d.N; i++ {
			m.Predict(pred, params, d.Row(i), ws)
			sse += (pred[0] - d.Y[i]) * (pred[0] - d.Y[i])
			sst += (d.Y[i] - mean) * (d.Y[i] - mean)
		}
		return 1 - sse/sst
	}
	hits := 0
	for i := 0; i < d.N; i++ {
		m.Predict(pred, params, d.Row(i), ws)
		if model.Label(m, pred) == d.Y[i] {
			hits++
		}
	}
	return float64(hits) / float64(d.N)
}
