package serve_test

import (
	"encoding/json"
	"math"
	"net/http"
	"net/http/httptest"
	"reflect"
	"strings"
	"testing"

	"github.com/descentgo/descent/minimize"
	runpkg "github.com/descentgo/descent/run"
	"github.com/descentgo/descent/serve"
	"github.com/descentgo/descent/spec"
	"github.com/descentgo/descent/train"
)

func getJSON(t *testing.T, h http.Handler, path string, out any) {
	t.Helper()
	w := httptest.NewRecorder()
	h.ServeHTTP(w, serve.LocalRequest(http.MethodGet, path, nil))
	if w.Code != 200 {
		t.Fatalf("%s: %d %s", path, w.Code, w.Body)
	}
	if err := json.Unmarshal(w.Body.Bytes(), out); err != nil {
		t.Fatalf("%s: %v", path, err)
	}
}

// The defaults the page starts from are those of the command line.
func TestDefaults(t *testing.T) {
	s := serve.New(serve.Config{})
	var d struct {
		Minimize struct {
			Opt      string  `json:"opt"`
			MaxIters int     `json:"max_iters"`
			GradTol  float64 `json:"grad_tol"`
		} `json:"minimize"`
		Train map[string]json.RawMessage `json:"train"`
	}
	getJSON(t, s, "/api/defaults", &d)
	ms := minimize.DefaultSettings()
	if d.Minimize.Opt != runpkg.DefaultOpt.String() || d.Minimize.MaxIters != ms.MaxIters || d.Minimize.GradTol != ms.GradTol {
		t.Errorf("minimize defaults %+v; want %s, %d, %g", d.Minimize, runpkg.DefaultOpt, ms.MaxIters, ms.GradTol)
	}
	// "train" is train.DefaultConfig in its JSON form plus the two rules.
	var cfg train.Config
	b, _ := json.Marshal(d.Train)
	if err := json.Unmarshal(b, &cfg); err != nil {
		t.Fatal(err)
	}
	if want := train.DefaultConfig(); !reflect.DeepEqual(cfg, want) {
		t.Errorf("train defaults %+v, want %+v", cfg, want)
	}
	var batch struct {
		LineSearch int `json:"line_search"`
		StepBased  int `json:"step_based"`
	}
	var epochs struct {
		Full int `json:"full_batch"`
		Mini int `json:"mini_batch"`
	}
	json.Unmarshal(d.Train["default_batch"], &batch)
	json.Unmarshal(d.Train["default_epochs"], &epochs)
	if batch.LineSearch != train.DefaultBatch(spec.Spec{Name: "lbfgs"}) || batch.StepBased != train.DefaultBatch(spec.Spec{Name: "adam"}) || epochs.Full != 1000 || epochs.Mini != 100 {
		t.Errorf("default_batch %+v, default_epochs %+v", batch, epochs)
	}
}

// A run without an optimizer uses runpkg.DefaultOpt and the budget of
// minimize.DefaultSettings.
func TestRunDefaultOpt(t *testing.T) {
	s := serve.New(serve.Config{})
	var r runResp
	if code := post(t, s, "/api/run", `{"problem":{"func":"rosenbrock"},"runs":[{},{"opt":"  "}]}`, &r); code != 200 {
		t.Fatalf("status %d", code)
	}
	for _, run := range r.Runs {
		if run.Spec != "gd:lr=0.001" && run.Spec != "gd" || run.Iterations != minimize.DefaultSettings().MaxIters {
			t.Errorf("default run: spec %q, %d iterations", run.Spec, run.Iterations)
		}
	}
}

// A training request with only a data set uses train's defaults: L-BFGS on
// the full batch, no validation split, seed 1.
func TestTrainDefaults(t *testing.T) {
	s := serve.New(serve.Config{})
	var r serve.TrainResponse
	if code := post(t, s, "/api/train", `{"dataset":"iris"}`, &r); code != 200 {
		t.Fatalf("status %d", code)
	}
	if !strings.HasPrefix(r.Opt, "lbfgs") || r.Mode != "batch" || r.BatchSize != r.TrainRows || r.ValRows != 0 || r.TrainRows != 150 || !strings.HasPrefix(r.Model, "softmax") {
		t.Errorf("defaults: opt %s, mode %s, batch %d, rows %d/%d, model %s", r.Opt, r.Mode, r.BatchSize, r.TrainRows, r.ValRows, r.Model)
	}
	if r.Diagnosis.Verdict == "" {
		t.Error("no diagnosis")
	}
	// A step-based optimizer gets mini-batches of train.DefaultMiniBatch
	// and 100 epochs.
	r = serve.TrainResponse{}
	if code := post(t, s, "/api/train", `{"dataset":"iris","opt":"adam:lr=0.01","val_frac":0.25}`, &r); code != 200 {
		t.Fatalf("status %d", code)
	}
	if r.Mode != "minibatch" || r.BatchSize != train.DefaultMiniBatch || r.Epochs != 100 || r.ValRows != 38 {
		t.Errorf("adam: mode %s, batch %d, epochs %d, val rows %d", r.Mode, r.BatchSize, r.Epochs, r.ValRows)
	}
}

// The data tab's advice names its own controls, never a flag.
func TestAdviceNamesThePageControls(t *testing.T) {
	s := serve.New(serve.Config{})
	var r runResp
	if code := post(t, s, "/api/run", `{"problem":{"func":"rosenbrock"},"runs":[{"opt":"gd:lr=0.001"}],"max_steps":2000}`, &r); code != 200 {
		t.Fatalf("status %d", code)
	}
	if a := r.Runs[0].Diagnosis.Advice; r.Runs[0].Diagnosis.Verdict != "too_slow" || !strings.Contains(a, "raise max steps") || strings.Contains(a, "--") {
		t.Errorf("advice %q (%s): want it to name the max steps control", a, r.Runs[0].Diagnosis.Verdict)
	}
	var tr serve.TrainResponse
	if code := post(t, s, "/api/train", `{"dataset":"diabetes","opt":"gd:lr=0.001","mode":"batch","epochs":5}`, &tr); code != 200 {
		t.Fatalf("status %d", code)
	}
	if a := tr.Diagnosis.Advice; !strings.Contains(a, "the epochs setting") || strings.Contains(a, "--") {
		t.Errorf("training advice %q: want it to name the epochs setting", a)
	}
}

func TestSpecEndpoint(t *testing.T) {
	s := serve.New(serve.Config{})
	type info struct {
		Kind, Name, Canonical string
		Params                []struct{ Key, Value string }
		Fields                []serve.FieldInfo
	}
	for _, c := range []struct {
		kind, spec, name, canonical string
		params                      []string
		field                       string
	}{
		{"optimizer", " adam : lr = 0.01 , amsgrad=true", "adam", "adam:lr=0.01,amsgrad=true", []string{"lr=0.01", "amsgrad=true"}, "beta1"},
		{"schedule", "multistep:milestones=30;80,gamma=0.5", "multistep", "multistep:milestones=30;80,gamma=0.5", []string{"milestones=30;80", "gamma=0.5"}, "milestones"},
		{"function", "rosenbrock:n=4", "rosenbrock", "rosenbrock:n=4", []string{"n=4"}, "n"},
		{"model", "mlp:hidden=32,16,act=tanh", "mlp", "mlp:hidden=32,16,act=tanh", []string{"hidden=32,16", "act=tanh"}, "act"},
		{"optimizer", "lbfgs", "lbfgs", "lbfgs", nil, "history"},
	} {
		var r info
		body, _ := json.Marshal(map[string]string{"kind": c.kind, "spec": c.spec})
		if code := post(t, s, "/api/spec", string(body), &r); code != 200 {
			t.Errorf("%s %q: status %d", c.kind, c.spec, code)
			continue
		}
		var params []string
		for _, p := range r.Params {
			params = append(params, p.Key+"="+p.Value)
		}
		hasField := false
		for _, f := range r.Fields {
			hasField = hasField || f.Key == c.field
		}
		if r.Kind != c.kind || r.Name != c.name || r.Canonical != c.canonical || !reflect.DeepEqual(params, c.params) || !hasField {
			t.Errorf("%s %q: %+v", c.kind, c.spec, r)
		}
	}
}

// maximize: true maximizes f: the runs report f and its losses are f.
func TestMaximize(t *testing.T) {
	s := serve.New(serve.Config{})
	var r runResp
	// f = 3 − (x−1)² − (y+2)² has its maximum 3 at (1, −2).
	body := `{"problem":{"expr":"3 - (x-1)^2 - (y+2)^2","maximize":true},"runs":[{"opt":"gd:lr=0.1"}],"max_steps":500}`
	if code := post(t, s, "/api/run", body, &r); code != 200 {
		t.Fatalf("status %d", code)
	}
	run := r.Runs[0]
	if run.Diagnosis.Verdict != "converged" || run.F == nil || math.Abs(*run.F-3) > 1e-9 {
		t.Errorf("maximize: verdict %s, f %v; want converged at 3", run.Diagnosis.Verdict, run.F)
	}
	l := run.Loss.F
	if len(l) < 2 || l[0] != -2 || math.Abs(l[len(l)-1]-3) > 1e-9 {
		t.Errorf("loss of a maximization %v…%v: want f, from −2 up to 3", l[0], l[len(l)-1])
	}
}
