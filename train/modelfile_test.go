package train

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// validModel returns the bytes of a small trained model file.
func validModel(t testing.TB) []byte {
	t.Helper()
	r := mustTrain(t, Config{Source: Source{Path: irisCSV}, Model: mustSpec("softmax:l2=0.01"), Standardize: true, GradTol: 1e-6, Seed: 1})
	b, err := r.Trained.Encode()
	if err != nil {
		t.Fatal(err)
	}
	return b
}

func TestModelRoundTrip(t *testing.T) {
	for _, spec := range []string{"softmax:l2=0.01", "mlp:hidden=5,3,act=sigmoid", "linear"} {
		cfg := Config{Source: Source{Path: irisCSV}, Model: mustSpec(spec), Opt: mustSpec("adam:lr=0.01"), Batch: 30, Epochs: 2, Standardize: true, Seed: 3,
			Save: filepath.Join(t.TempDir(), "m.json")}
		if spec == "linear" {
			cfg.Source = Source{Path: diabetesCSV, Features: []string{"bmi", "bp", "s5"}}
		}
		r := mustTrain(t, cfg)
		b, err := os.ReadFile(cfg.Save)
		if err != nil {
			t.Fatal(err)
		}
		m, err := Load(cfg.Save)
		if err != nil {
			t.Fatal(err)
		}
		again, err := m.Encode()
		if err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(b, again) {
			t.Errorf("%s: re-encoded file differs:\n%s\n%s", spec, b, again)
		}
		for i, p := range r.Trained.Params {
			if m.Params[i] != p {
				t.Fatalf("%s: param %d = %v after loading, want %v", spec, i, m.Params[i], p)
			}
		}
		if m.Model.Spec() != r.Model || m.Seed != 3 || m.Training.Opt.String() != "adam:lr=0.01" || m.Training.Batch != 30 {
			t.Errorf("%s: loaded %s seed %d training %+v", spec, m.Model.Spec(), m.Seed, m.Training)
		}
		if !strings.HasPrefix(string(b), "{\n \"format\": \"descent-model\",\n \"version\": 1,\n") {
			t.Errorf("file does not start with its format and version:\n%.80s", b)
		}
	}
}

// TestDecodeErrors: every malformed model file is a clear error.
func TestDecodeErrors(t *testing.T) {
	valid := string(validModel(t))
	replace := func(old, new string) string {
		if !strings.Contains(valid, old) {
			t.Fatalf("valid model has no %q", old)
		}
		return strings.Replace(valid, old, new, 1)
	}
	for _, c := range []struct{ name, in, want string }{
		{"empty", "", "corrupt or truncated JSON: unexpected end of JSON input"},
		{"truncated", valid[:len(valid)/2], "corrupt or truncated JSON: unexpected end of JSON input"},
		{"not JSON", "model", "corrupt or truncated JSON: invalid character 'm' looking for beginning of value"},
		{"array", "[1,2]", `not a descent model file: want a JSON object with "format" and "version"`},
		{"format not a string", `{"format":5,"version":1}`, `not a descent model file: want a JSON object with "format" and "version"`},
		{"no format", `{"version":1}`, `not a descent model file (no format field, want "descent-model")`},
		{"other format", `{"format":"keras","version":1}`, `not a descent model file (format "keras", want "descent-model")`},
		{"no version", `{"format":"descent-model"}`, "no format version"},
		{"version 2", replace(`"version": 1`, `"version": 2`), "format version 2 is not supported: this descent reads version 1"},
		{"version 0", replace(`"version": 1`, `"version": 0`), "format version 0 is not supported: this descent reads version 1"},
		{"unknown field", replace(`"seed": 1`, `"seed": 1, "extra": 2`), `invalid model file: json: unknown field "extra"`},
		{"bad task", replace(`"task": "multiclass"`, `"task": "ranking"`), `unknown task "ranking" (known: regression, binary, multiclass)`},
		{"unknown model", replace(`"model": "softmax:l2=0.01,l1=0"`, `"model": "svm"`), `unknown model "svm" (known: linear, logistic, mlp, softmax)`},
		{"params short", replace(`"params": [`, `"params": [1e300, `), "16 parameters, model softmax:l2=0.01,l1=0 with 4 features needs 15"},
		{"param overflow", replace(`"params": [`, `"params": [1e999, `), "invalid model file: json: cannot unmarshal number 1e999 into field params of type float64"},
		{"hidden too wide", replace(`"model": "softmax:l2=0.01,l1=0"`, `"model": "mlp:hidden=99999999999999"`), `model "mlp:hidden=99999999999999": hidden layer width 99999999999999 exceeds the 15 stored parameters`},
		{"no features", replace(`"features": [`, `"features_": [`), `invalid model file: json: unknown field "features_"`},
		{"duplicate feature", replace(`"sepal_width"`, `"sepal_length"`), `feature "sepal_length" is listed twice`},
		{"classes for regression", replace(`"task": "multiclass"`, `"task": "regression"`), "a regression model has no classes"},
		{"one class", replace(`"classes": [`, `"classes": [7, `), `model "softmax": classes must be finite and strictly increasing, got [7 0 1 2]`},
		{"std zero", replace(`"std": [`, `"std": [0, `), "standardization has 4 means and 5 standard deviations for 4 features"},
		{"wrong type", replace(`"seed": 1`, `"seed": -1`), "invalid model file: json: cannot unmarshal number -1 into field seed of type uint64"},
	} {
		_, err := Decode([]byte(c.in))
		if err == nil {
			t.Errorf("%s: no error", c.name)
			continue
		}
		if err.Error() != c.want {
			t.Errorf("%s:\n got %s\nwant %s", c.name, err, c.want)
		}
	}
	// A non-positive standard deviation with the right length.
	b := []byte(valid)
	i := bytes.Index(b, []byte(`"std": [`)) + len(`"std": [`)
	j := i + bytes.IndexByte(b[i:], ',')
	bad := append(append(append([]byte(nil), b[:i]...), '-', '1'), b[j:]...)
	if _, err := Decode(bad); err == nil || !strings.Contains(err.Error(), `standardization of feature "sepal_length": mean`) {
		t.Errorf("negative std: %v", err)
	}
	if _, err := Load(filepath.Join(t.TempDir(), "none.json")); err == nil || !strings.HasSuffix(err.Error(), "none.json: no such file or directory") {
		t.Errorf("missing file: %v", err)
	}
}

// FuzzLoadModel: Decode never panics, and whatever it accepts encodes to a
// file that decodes to the same model.
func FuzzLoadModel(f *testing.F) {
	valid := validModel(f)
	f.Add(valid)
	f.Add(valid[:len(valid)/3])
	f.Add([]byte(`{"format":"descent-model","version":1,"model":"mlp:hidden=2","task":"binary","features":["a"],"target":"y","classes":[0,1],"standardize":null,"params":[1,2,3,4,5,6,7],"seed":0}`))
	f.Add([]byte(`{"format":"descent-model","version":1,"model":"linear","task":"regression","features":["a","b"],"target":"y","standardize":{"mean":[0,1],"std":[1,2],"center":true},"params":[1,2,3],"seed":5}`))
	f.Fuzz(func(t *testing.T, b []byte) {
		m, err := Decode(b)
		if err != nil {
			return
		}
		enc, err := m.Encode()
		if err != nil {
			t.Fatalf("accepted model does not encode: %v", err)
		}
		m2, err := Decode(enc)
		if err != nil {
			t.Fatalf("re-encoded model does not decode: %v\n%s", err, enc)
		}
		enc2, _ := m2.Encode()
		if !bytes.Equal(enc, enc2) {
			t.Fatalf("encoding is not stable:\n%s\n%s", enc, enc2)
		}
		x := make([]float64, len(m.Features))
		pred := make([]float64, m.Model.Outputs())
		m.Model.Predict(pred, m.Params, x, nil)
	})
}
