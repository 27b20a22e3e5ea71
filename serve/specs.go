package serve

import (
	"encoding/json"
	"net/http"
	"strconv"
	"strings"

	"github.com/descentgo/descent/minimize"
	"github.com/descentgo/descent/model"
	"github.com/descentgo/descent/optim"
	"github.com/descentgo/descent/run"
	"github.com/descentgo/descent/schedule"
	"github.com/descentgo/descent/spec"
	"github.com/descentgo/descent/testfunc"
	"github.com/descentgo/descent/train"
)

// The page never parses specification text itself: it builds strings from
// the controls, and decodes the strings of a shared link with POST
// /api/spec, which parses them as every other endpoint does.

// SpecRequest is the body of POST /api/spec.
type SpecRequest struct {
	Kind string `json:"kind"` // optimizer, schedule, function or model
	Spec string `json:"spec"` // e.g. "adam:lr=0.01"
}

// SpecParam is one key=value pair of a specification, as written.
type SpecParam struct {
	Key   string `json:"key"`
	Value string `json:"value"`
}

// SpecInfo is the answer of POST /api/spec: the parsed specification, its
// canonical text and the fields that its registry entry declares.
type SpecInfo struct {
	Kind      string      `json:"kind"`
	Name      string      `json:"name"`
	Params    []SpecParam `json:"params"`
	Canonical string      `json:"canonical"`
	Fields    []FieldInfo `json:"fields"`
}

// specKinds are the kinds of POST /api/spec.
var specKinds = []string{"optimizer", "schedule", "function", "model"}

// describeSpec handles POST /api/spec: it parses a specification, checks its name,
// keys and values against the registry of its kind and the server's
// limits, and describes it.
func (s *Server) describeSpec(r *http.Request) (any, error) {
	var req SpecRequest
	if err := decode(r, &req); err != nil {
		return nil, err
	}
	if strings.TrimSpace(req.Spec) == "" {
		return nil, badRequest("spec: empty specification")
	}
	sp, err := parseSpecField("spec", req.Spec)
	if err != nil {
		return nil, err
	}
	var fields []spec.Field
	switch req.Kind {
	case "optimizer":
		if err := checkOptSpec("spec", sp); err != nil {
			return nil, err
		}
		e, _ := optim.Lookup(sp.Name)
		fields = e.Params
		// Build it: NewSpec makes the optimizer's own checks of its values.
		if _, err := optim.NewSpec(sp); err != nil {
			return nil, badRequest("spec: %v", err)
		}
	case "schedule":
		e, ok := schedule.Lookup(sp.Name)
		if !ok {
			return nil, badRequest("spec: unknown schedule %q (known: %s)", sp.Name, strings.Join(schedule.Names(), ", "))
		}
		fields = e.Params
	case "function":
		if err := s.checkFuncSpec("spec", sp); err != nil {
			return nil, err
		}
		if _, err := testfunc.New(sp); err != nil {
			return nil, badRequest("spec: %v", err)
		}
		fields = testfunc.Params(sp.Name)
	case "model":
		if fields, err = s.checkModel("spec", sp); err != nil {
			return nil, err
		}
	default:
		return nil, badRequest("kind: %q is not one of %s", req.Kind, strings.Join(specKinds, ", "))
	}
	if _, err := spec.Bind(req.Kind+" "+strconv.Quote(sp.Name), sp, fields); err != nil {
		return nil, badRequest("spec: %v", err)
	}
	out := &SpecInfo{Kind: req.Kind, Name: sp.Name, Params: []SpecParam{}, Canonical: sp.String(), Fields: fieldInfos(fields)}
	for _, p := range sp.Params {
		out.Params = append(out.Params, SpecParam{Key: p.Key, Value: p.Value})
	}
	return out, nil
}

// checkModel checks a model specification against the models' registry
// (name, keys and values) and bounds the hidden layers of an MLP: at most 3
// layers of 1 to MaxHidden units. It returns the model's fields.
func (s *Server) checkModel(path string, sp spec.Spec) ([]spec.Field, error) {
	var fields []spec.Field
	var names []string
	for _, e := range model.Entries() {
		names = append(names, e.Name)
		if e.Name == sp.Name {
			fields = e.Params
		}
	}
	if fields == nil {
		return nil, badRequest("%s: unknown model %q (known: %s)", path, sp.Name, strings.Join(names, ", "))
	}
	if _, err := spec.Bind("model "+strconv.Quote(sp.Name), sp, fields); err != nil {
		return nil, badRequest("%s: %v", path, err)
	}
	v, ok := sp.Get("hidden")
	if !ok {
		return fields, nil
	}
	items := strings.FieldsFunc(v, func(r rune) bool { return r == ',' || r == ';' })
	if len(items) > 3 {
		return nil, badRequest("%s: hidden=%s: at most 3 hidden layers", path, v)
	}
	for _, it := range items {
		if n, err := strconv.Atoi(strings.TrimSpace(it)); err == nil && (n < 1 || n > s.cfg.MaxHidden) {
			return nil, badRequest("%s: hidden layer of %d units: give 1 to %d", path, n, s.cfg.MaxHidden)
		}
	}
	return fields, nil
}

// MinimizeDefaults are the defaults of POST /api/run: those of `descent
// minimize`.
type MinimizeDefaults struct {
	Opt      spec.Spec `json:"opt"`
	MaxIters int       `json:"max_iters"` // the request's max_steps
	GradTol  float64   `json:"grad_tol"`
}

// BatchRule is the batch size of a training run that names none
// (train.DefaultBatch): the full batch (0) for line searches, MiniBatch for
// step-based optimizers.
type BatchRule struct {
	LineSearch int `json:"line_search"`
	StepBased  int `json:"step_based"`
}

// EpochsRule is the epoch budget of a training run that names none: Full
// for full-batch runs, MiniBatch otherwise.
type EpochsRule struct {
	Full      int `json:"full_batch"`
	MiniBatch int `json:"mini_batch"`
}

// defaults handles GET /api/defaults: the defaults of POST /api/run
// ("minimize") and of POST /api/train ("train": train.DefaultConfig in its
// JSON form, with "default_batch" and "default_epochs", the rules that fill
// in "batch" and "epochs" when they are 0). They are the defaults of the
// command line; the page starts its controls from them.
func (s *Server) defaults(*http.Request) (any, error) {
	ms := minimize.DefaultSettings()
	cfg := train.DefaultConfig()
	b, err := json.Marshal(cfg)
	if err != nil {
		return nil, err
	}
	var tr map[string]any
	if err := json.Unmarshal(b, &tr); err != nil {
		return nil, err
	}
	full, mini := cfg, cfg
	full.Batch, mini.Batch = 0, train.DefaultMiniBatch
	tr["default_batch"] = BatchRule{LineSearch: 0, StepBased: train.DefaultMiniBatch}
	tr["default_epochs"] = EpochsRule{Full: full.EpochBudget(), MiniBatch: mini.EpochBudget()}
	return map[string]any{
		"minimize": MinimizeDefaults{Opt: run.DefaultOpt, MaxIters: ms.MaxIters, GradTol: ms.GradTol},
		"train":    tr,
	}, nil
}
