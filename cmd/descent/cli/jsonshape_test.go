package cli

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
)

// The documented shapes of the --json outputs, for decodeStrict. Every field
// must be present in the output unless its tag says omitempty; numbers that
// may be non-finite are pointers, because the output writes them as null.

// reportJSON is the object `descent minimize --json` prints (README, "Output
// formats"), and each run of `descent compare --json`.
type reportJSON struct {
	Spec           string         `json:"opt"`
	LR             *float64       `json:"lr"` // null for methods without a learning rate
	Status         string         `json:"status"`
	Iterations     int            `json:"iterations"`
	X              []*float64     `json:"x"`
	F              *float64       `json:"f"`
	GradNorm       *float64       `json:"grad_norm"`
	Best           bestJSON       `json:"best"`
	Averaged       *bestJSON      `json:"averaged,omitempty"` // averaging optimizers (asgd, sgd_sf, adamw_sf)
	Evaluations    int            `json:"evaluations"`
	ElapsedSeconds float64        `json:"elapsed_seconds"`
	AdviceSeconds  float64        `json:"advice_seconds"`
	Message        string         `json:"message"`
	Curvature      *curvatureJSON `json:"curvature"`
	Diagnosis      diagnosisJSON  `json:"diagnosis"`
	// Sharpness is present with --sharpness K: λmax at iterations 0, K, 2K, ….
	Sharpness []sharpnessJSON `json:"sharpness,omitempty"`
	// Next is minimize's: the flags of the next run that the actions
	// give, absent when nothing changes (never in compare's runs).
	Next []string `json:"next,omitempty"`
}

// sharpnessJSON is one sharpness measurement.
type sharpnessJSON struct {
	Iter      int      `json:"iter"`
	LambdaMax *float64 `json:"lambda_max"` // null when not measurable
}

// bestJSON is the best iterate of a run.
type bestJSON struct {
	Iteration int        `json:"iteration"`
	X         []*float64 `json:"x"`
	F         *float64   `json:"f"`
}

// curvatureJSON is the curvature at the start or best point.
type curvatureJSON struct {
	L             *float64 `json:"L"`
	StableLRBound *float64 `json:"stable_lr_bound"` // null when no bound applies
	Rule          string   `json:"rule"`
	Point         string   `json:"point"` // "start" or "best"
	ExactHessian  bool     `json:"exact_hessian"`
}

// diagnosisJSON is the verdict: the README's verdict, advice and
// suggested_lr, with the unit and actions that diagnose.Diagnosis documents.
type diagnosisJSON struct {
	Verdict     string       `json:"verdict"`
	Advice      string       `json:"advice"`
	SuggestedLR *float64     `json:"suggested_lr"`
	Unit        string       `json:"unit,omitempty"`
	Actions     []actionJSON `json:"actions"`
}

// actionJSON is one recommended change: its kind and the values of
// diagnose.Action that it has.
type actionJSON struct {
	Kind        string   `json:"kind"`
	LR          float64  `json:"lr,omitempty"`
	Param       string   `json:"param,omitempty"`
	Budget      int      `json:"budget,omitempty"`
	Optimizers  []string `json:"optimizers,omitempty"`
	Schedule    string   `json:"schedule,omitempty"`
	Batch       int      `json:"batch,omitempty"`
	Epoch       int      `json:"epoch,omitempty"`
	Patience    int      `json:"patience,omitempty"`
	L2          float64  `json:"l2,omitempty"`
	WeightDecay float64  `json:"weight_decay,omitempty"`
	Value       float64  `json:"value,omitempty"`
}

// trainNextJSON is the part of `descent train --json` that the next run's
// flags live in: beside "diagnosis", "next" as in minimize's output.
type trainNextJSON struct {
	Diagnosis diagnosisJSON `json:"diagnosis"`
	Next      []string      `json:"next,omitempty"`
}

// compareJSON is the object `descent compare --json` prints (README,
// "descent compare"): the problem and the runs in the order given.
type compareJSON struct {
	Problem string       `json:"problem"`
	Runs    []reportJSON `json:"runs"`
}

// decodeStrict decodes data, which must hold exactly one JSON value, into
// v, a pointer to a shape. It fails on a field the shape does not have, on
// a field of the shape (at any depth) that data lacks unless tagged
// omitempty, on null where the shape has no pointer, slice or map, and on
// anything after the value.
func decodeStrict(data []byte, v any) error {
	dec := json.NewDecoder(bytes.NewReader(data))
	dec.DisallowUnknownFields()
	if err := dec.Decode(v); err != nil {
		return err
	}
	if err := dec.Decode(new(json.RawMessage)); !errors.Is(err, io.EOF) {
		return fmt.Errorf("more after the JSON value (%v)", err)
	}
	var raw any
	if err := json.Unmarshal(data, &raw); err != nil {
		return err
	}
	if errs := checkShape(reflect.TypeOf(v).Elem(), raw, "$"); len(errs) > 0 {
		return errors.New(strings.Join(errs, "; "))
	}
	return nil
}

// checkShape lists the fields of the shape t that the decoded JSON value
// val lacks, and the nulls where t does not allow them.
func checkShape(t reflect.Type, val any, path string) []string {
	switch t.Kind() {
	case reflect.Pointer, reflect.Slice, reflect.Map, reflect.Interface:
		if val == nil {
			return nil
		}
	default:
		if val == nil {
			return []string{path + " is null"}
		}
	}
	if t.Kind() == reflect.Pointer {
		t = t.Elem()
	}
	var errs []string
	switch t.Kind() {
	case reflect.Struct:
		obj, ok := val.(map[string]any)
		if !ok {
			return []string{fmt.Sprintf("%s is %T, want an object", path, val)}
		}
		for i := range t.NumField() {
			f := t.Field(i)
			name, opts, _ := strings.Cut(f.Tag.Get("json"), ",")
			if !f.IsExported() || name == "-" {
				continue
			}
			if name == "" {
				name = f.Name
			}
			fv, ok := obj[name]
			if !ok {
				if !strings.Contains(opts, "omitempty") {
					errs = append(errs, path+"."+name+" is missing")
				}
				continue
			}
			errs = append(errs, checkShape(f.Type, fv, path+"."+name)...)
		}
	case reflect.Slice:
		arr, ok := val.([]any)
		if !ok {
			return []string{fmt.Sprintf("%s is %T, want an array", path, val)}
		}
		for i, e := range arr {
			errs = append(errs, checkShape(t.Elem(), e, fmt.Sprintf("%s[%d]", path, i))...)
		}
	}
	return errs
}

// TestDecodeStrict checks that decodeStrict rejects each kind of deviation
// from a shape.
func TestDecodeStrict(t *testing.T) {
	type inner struct {
		A int      `json:"a"`
		B *float64 `json:"b"`
		C string   `json:"c,omitempty"`
	}
	type shape struct {
		Name  string  `json:"name"`
		In    inner   `json:"in"`
		List  []inner `json:"list"`
		Maybe *inner  `json:"maybe"`
	}
	tests := []struct {
		name, data, want string // want: "" for success, else a part of the error
	}{
		{"exact", `{"name":"x","in":{"a":1,"b":2},"list":[{"a":1,"b":null}],"maybe":null}`, ""},
		{"omitempty present", `{"name":"x","in":{"a":1,"b":2,"c":"y"},"list":[],"maybe":{"a":1,"b":1}}`, ""},
		{"trailing space", "{\"name\":\"x\",\"in\":{\"a\":1,\"b\":2},\"list\":[],\"maybe\":null}\n \n", ""},
		{"unknown top", `{"name":"x","in":{"a":1,"b":2},"list":[],"maybe":null,"extra":1}`, `unknown field "extra"`},
		{"unknown nested", `{"name":"x","in":{"a":1,"b":2,"z":0},"list":[],"maybe":null}`, `unknown field "z"`},
		{"unknown in list", `{"name":"x","in":{"a":1,"b":2},"list":[{"a":1,"b":2,"q":3}],"maybe":null}`, `unknown field "q"`},
		{"missing top", `{"in":{"a":1,"b":2},"list":[],"maybe":null}`, "$.name is missing"},
		{"missing nullable", `{"name":"x","in":{"a":1,"b":2},"list":[]}`, "$.maybe is missing"},
		{"missing nested", `{"name":"x","in":{"a":1},"list":[],"maybe":null}`, "$.in.b is missing"},
		{"missing in list", `{"name":"x","in":{"a":1,"b":2},"list":[{"a":1,"b":2},{"b":2}],"maybe":null}`, "$.list[1].a is missing"},
		{"missing in pointer", `{"name":"x","in":{"a":1,"b":2},"list":[],"maybe":{"b":2}}`, "$.maybe.a is missing"},
		{"null not allowed", `{"name":"x","in":{"a":null,"b":2},"list":[],"maybe":null}`, "$.in.a is null"},
		{"wrong type", `{"name":"x","in":{"a":"1","b":2},"list":[],"maybe":null}`, "cannot unmarshal"},
		{"two objects", `{"name":"x","in":{"a":1,"b":2},"list":[],"maybe":null}{"name":"y"}`, "more after the JSON value"},
		{"not JSON", `name: x`, "invalid character"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			var v shape
			err := decodeStrict([]byte(tc.data), &v)
			switch {
			case tc.want == "" && err != nil:
				t.Errorf("%s: %v", tc.data, err)
			case tc.want != "" && (err == nil || !strings.Contains(err.Error(), tc.want)):
				t.Errorf("%s: error %v, want one containing %q", tc.data, err, tc.want)
			}
		})
	}
}

// TestVocabulary: the renamed fields of issue 13 are gone from every
// command's --json (results say "opt", never "spec" or "optimizer"), and
// optimizers --json lists the registry.
func TestVocabulary(t *testing.T) {
	dir := t.TempDir()
	model := filepath.Join(dir, "m.json")
	for _, args := range [][]string{
		{"minimize", "--func", "sphere", "--json"},
		{"compare", "--func", "sphere", "--opt", "gd", "--lr", "0.1", "--json"},
		{"lrfind", "--func", "sphere", "--json"},
		{"train", "--data", irisData, "--model", "softmax", "--epochs", "3", "--json", "--save", model},
		{"optimizers", "--json"},
	} {
		out, errs, code := runCLI(t, args...)
		if code != 0 {
			t.Fatalf("%v: exit %d: %s", args, code, errs)
		}
		for _, old := range []string{`"spec":`, `"optimizer":`, `"fmin":`, `"train_rows":`, `"train_metric":`} {
			if strings.Contains(out, old) {
				t.Errorf("%v: old field %s in the output", args, old)
			}
		}
		if args[0] != "optimizers" && !strings.Contains(out, `"opt":`) {
			t.Errorf("%v: no \"opt\" field", args)
		}
	}
	out, _, _ := runCLI(t, "optimizers", "--json")
	var v struct {
		Optimizers []struct{ Name string } `json:"optimizers"`
		Schedules  []struct{ Name string } `json:"schedules"`
	}
	if err := json.Unmarshal([]byte(out), &v); err != nil || len(v.Optimizers) < 20 || len(v.Schedules) < 10 {
		t.Errorf("optimizers --json: %v, %d optimizers, %d schedules", err, len(v.Optimizers), len(v.Schedules))
	}
}

// TestAveragedReported (issue 16): an averaging optimizer's averaged
// point is printed and in --json, evaluated at that point: on x² + y² the
// averaged f is the sum of the averaged coordinates' squares.
func TestAveragedReported(t *testing.T) {
	out, errs, code := runCLI(t, "minimize", "--expr", "x^2 + y^2", "--start", "1,2", "--opt", "sgd_sf:lr=0.1", "--max-iters", "30", "--json")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errs)
	}
	var r reportJSON
	if err := decodeStrict([]byte(out), &r); err != nil {
		t.Fatal(err)
	}
	a := r.Averaged
	if a == nil || len(a.X) != 2 || a.F == nil {
		t.Fatalf("no averaged point: %s", out)
	}
	x, y := *a.X[0], *a.X[1]
	if math.Abs(*a.F-(x*x+y*y)) > 1e-12 {
		t.Errorf("averaged f %g, f(x̄) = %g", *a.F, x*x+y*y)
	}
	text, _, _ := runCLI(t, "minimize", "--expr", "x^2 + y^2", "--start", "1,2", "--opt", "sgd_sf:lr=0.1", "--max-iters", "30")
	if !strings.Contains(text, "averaged     f = ") {
		t.Errorf("text has no averaged line:\n%s", text)
	}
}
