package train

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"math"
	"math/rand/v2"
	"os"
	"path/filepath"
	"slices"
	"strconv"
	"strings"
	"testing"

	"github.com/descentgo/descent/data"
	"github.com/descentgo/descent/diagnose"
	"github.com/descentgo/descent/spec"
)

// writeDenseCSV writes d as a CSV file, numbers in shortest round-trip
// form, and returns its path.
func writeDenseCSV(t testing.TB, d *data.Dense) string {
	t.Helper()
	var b []byte
	b = append(b, strings.Join(append(slices.Clone(d.Features), d.Target), ",")...)
	b = append(b, '\n')
	for i := 0; i < d.N; i++ {
		for _, v := range d.Row(i) {
			b = strconv.AppendFloat(b, v, 'g', -1, 64)
			b = append(b, ',')
		}
		b = strconv.AppendFloat(b, d.Y[i], 'g', -1, 64)
		b = append(b, '\n')
	}
	path := filepath.Join(t.TempDir(), "memory.csv")
	if err := os.WriteFile(path, b, 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

// synthetic returns a regression data set whose values need all 17 digits.
func syntheticDense(n int) *data.Dense {
	rng := rand.New(rand.NewPCG(7, 7))
	d := &data.Dense{N: n, D: 3, Features: []string{"u", "v", "w"}, Target: "z"}
	for i := 0; i < n; i++ {
		u, v, w := rng.NormFloat64(), rng.Float64()*1e-3, rng.NormFloat64()*1e4
		d.X = append(d.X, u, v, w)
		d.Y = append(d.Y, 0.1*u-3*v+2e-4*w+0.01*rng.NormFloat64())
	}
	return d
}

func cloneDense(d *data.Dense) *data.Dense {
	c := *d
	c.X, c.Y, c.Features = slices.Clone(d.X), slices.Clone(d.Y), slices.Clone(d.Features)
	return &c
}

// TestTrainMemoryMatchesFile: training from a matrix in memory gives the
// weights, bit for bit, and the metrics of training from the same data
// written to a CSV file, and leaves the matrix unchanged.
func TestTrainMemoryMatchesFile(t *testing.T) {
	iris, err := data.ReadCSVFile(irisCSV, data.CSVOptions{})
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name string
		d    *data.Dense
		cfg  Config
	}{
		{"softmax lbfgs standardized", iris,
			Config{Model: mustSpec("softmax:l2=0.01"), Standardize: true, GradTol: 1e-8}},
		{"mlp adam minibatch, val", iris,
			Config{Model: mustSpec("mlp:hidden=8,act=tanh"), Opt: mustSpec("adam:lr=0.01"), Batch: 16, Epochs: 5, Val: 0.2, Standardize: true, Seed: 3}},
		{"linear sgd, 17-digit values", syntheticDense(200),
			Config{Model: mustSpec("linear:l2=0.001"), Opt: mustSpec("sgd:lr=0.05"), Batch: 10, Epochs: 3, Standardize: true, Seed: 2}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			orig := cloneDense(tt.d)
			fileCfg, memCfg := tt.cfg, tt.cfg
			fileCfg.Source = Source{Path: writeDenseCSV(t, tt.d)}
			memCfg.Source = Source{Memory: tt.d}
			rf, rm := mustTrain(t, fileCfg), mustTrain(t, memCfg)
			if !sameBits(rf.Trained.Params, rm.Trained.Params) {
				t.Errorf("weights differ:\nfile   %v\nmemory %v", rf.Trained.Params, rm.Trained.Params)
			}
			if math.Float64bits(float64(rf.TrainLoss)) != math.Float64bits(float64(rm.TrainLoss)) || rf.Epochs != rm.Epochs || rf.NTrain != rm.NTrain || rf.NVal != rm.NVal {
				t.Errorf("file: loss %v after %d epochs, n %d+%d; memory: loss %v after %d epochs, n %d+%d",
					rf.TrainLoss, rf.Epochs, rf.NTrain, rf.NVal, rm.TrainLoss, rm.Epochs, rm.NTrain, rm.NVal)
			}
			if !slices.Equal(rf.Trained.Features, rm.Trained.Features) || rf.Trained.Target != rm.Trained.Target {
				t.Errorf("file: features %v, target %q; memory: %v, %q", rf.Trained.Features, rf.Trained.Target, rm.Trained.Features, rm.Trained.Target)
			}
			if !sameBits(rf.Trained.Std.Mean, rm.Trained.Std.Mean) || !sameBits(rf.Trained.Std.Std, rm.Trained.Std.Std) {
				t.Error("standardizations differ")
			}
			if !sameBits(tt.d.X, orig.X) || !sameBits(tt.d.Y, orig.Y) || !slices.Equal(tt.d.Features, orig.Features) {
				t.Error("training changed the matrix in memory")
			}
			// The model evaluates and predicts the same on the matrix
			// as on the file.
			evF, err := rf.Trained.Evaluate(fileCfg.Source)
			if err != nil {
				t.Fatal(err)
			}
			evM, err := rf.Trained.Evaluate(memCfg.Source)
			if err != nil {
				t.Fatal(err)
			}
			if a, b := evalString(t, evF), evalString(t, evM); a != b {
				t.Errorf("evaluation on the file %s, on the matrix %s", a, b)
			}
			var pf, pm bytes.Buffer
			if _, err := rf.Trained.Predict(fileCfg.Source, &pf); err != nil {
				t.Fatal(err)
			}
			if _, err := rf.Trained.Predict(memCfg.Source, &pm); err != nil {
				t.Fatal(err)
			}
			if pf.String() != pm.String() {
				t.Error("predictions on the file and on the matrix differ")
			}
			if !sameBits(tt.d.X, orig.X) {
				t.Error("evaluation changed the matrix in memory")
			}
		})
	}
}

func evalString(t testing.TB, ev *Evaluation) string {
	b, err := json.Marshal(ev)
	if err != nil {
		t.Fatal(err)
	}
	return string(b)
}

func sameBits(a, b []float64) bool {
	return slices.EqualFunc(a, b, func(x, y float64) bool { return math.Float64bits(x) == math.Float64bits(y) })
}

// TestTrainMemoryDefaultNames: a matrix without names gets the names of
// LIBSVM data, f1, f2, … and "label", and columns are matched by name for
// prediction.
func TestTrainMemoryDefaultNames(t *testing.T) {
	d := syntheticDense(50)
	d.Features, d.Target = nil, ""
	r := mustTrain(t, Config{Source: Source{Memory: d}, Model: mustSpec("linear"), GradTol: 1e-10})
	if got := strings.Join(r.Trained.Features, ","); got != "f1,f2,f3" || r.Trained.Target != "label" {
		t.Errorf("features %s, target %q; want f1,f2,f3 and label", got, r.Trained.Target)
	}
	// The same columns in another order, without targets.
	swapped := &data.Dense{N: d.N, D: 3, Features: []string{"f3", "f1", "f2"}, Y: make([]float64, d.N)}
	for i := 0; i < d.N; i++ {
		x := d.Row(i)
		swapped.X = append(swapped.X, x[2], x[0], x[1])
	}
	var a, b bytes.Buffer
	if _, err := r.Trained.Predict(Source{Memory: d}, &a); err != nil {
		t.Fatal(err)
	}
	if _, err := r.Trained.Predict(Source{Memory: swapped}, &b); err != nil {
		t.Fatal(err)
	}
	if a.String() != b.String() {
		t.Error("predictions depend on the order of the columns")
	}
	_, err := r.Trained.Predict(Source{Memory: &data.Dense{N: 1, D: 1, X: []float64{1}, Y: []float64{0}, Features: []string{"f9"}}}, &a)
	if want := `memory: unknown feature column "f1" (columns: f9)`; err == nil || err.Error() != want {
		t.Errorf("missing column: %v, want %s", err, want)
	}
	_, err = r.Trained.Evaluate(Source{Memory: &data.Dense{N: 1, D: 3, X: []float64{1, 2, 3}, Y: []float64{0}, Target: "y"}})
	if want := `memory: the target is "y", the model's is "label"`; err == nil || err.Error() != want {
		t.Errorf("other target: %v, want %s", err, want)
	}
}

// TestSourceErrors checks the errors about the fields of a Source: a
// *spec.FieldError naming the field by its JSON name, or for a malformed
// matrix in memory an error naming "memory".
func TestSourceErrors(t *testing.T) {
	dir := t.TempDir()
	svm := filepath.Join(dir, "a.svm")
	os.WriteFile(svm, []byte("1 1:1\n0 1:2\n"), 0o644)
	good := func() *data.Dense {
		return &data.Dense{N: 2, D: 2, X: []float64{1, 2, 3, 4}, Y: []float64{0, 1}, Features: []string{"a", "b"}, Target: "y"}
	}
	bad := func(f func(d *data.Dense)) *data.Dense {
		d := good()
		f(d)
		return d
	}
	tests := []struct {
		name  string
		src   Source
		field string // "" for an error that is not a FieldError
		want  string
	}{
		{"no data", Source{}, "data", "data: no data file given"},
		{"unknown format", Source{Path: "a.csv", Format: "xml"}, "format", `format: unknown data format "xml" (want csv or libsvm)`},
		{"unknown extension", Source{Path: "a.txt"}, "format", `format: a.txt: cannot tell the data format from the extension ".txt": want csv or libsvm`},
		{"no extension", Source{Path: "data"}, "format", `format: data: cannot tell the data format from the extension "": want csv or libsvm`},
		{"LIBSVM target", Source{Path: svm, Target: "y"}, "target", "target: applies to CSV files only: " + svm + " is a LIBSVM file, which has its label first on every line"},
		{"LIBSVM features", Source{Path: svm, Features: []string{"a"}}, "features", "features: applies to CSV files only: " + svm + " is a LIBSVM file"},
		{"LIBSVM drop_missing", Source{Path: svm, DropMissing: true}, "drop_missing", "drop_missing: applies to CSV files only: " + svm + " is a LIBSVM file"},
		{"negative buffer", Source{Path: svm, Stream: true, BufferRows: -1}, "buffer_rows", "buffer_rows: -1: must be ≥ 1"},
		{"memory and path", Source{Memory: good(), Path: "a.csv"}, "data", "data: file a.csv given as well as data in memory: give one"},
		{"memory and format", Source{Memory: good(), Format: "csv"}, "format", "format: applies to data files only, not to data in memory"},
		{"memory and target", Source{Memory: good(), Target: "y"}, "target", "target: applies to data files only, not to data in memory, whose targets are Y"},
		{"memory and features", Source{Memory: good(), Features: []string{"a"}}, "features", "features: applies to data files only, not to data in memory"},
		{"memory and drop_missing", Source{Memory: good(), DropMissing: true}, "drop_missing", "drop_missing: applies to data files only, not to data in memory"},
		{"memory and stream", Source{Memory: good(), Stream: true}, "stream", "stream: data in memory cannot be streamed"},
		{"memory without rows", Source{Memory: &data.Dense{D: 2, Features: []string{"a", "b"}}}, "", "memory: no examples (N = 0)"},
		{"memory without features", Source{Memory: &data.Dense{N: 1, Y: []float64{0}}}, "", "memory: no features (D = 0)"},
		{"memory X short", Source{Memory: bad(func(d *data.Dense) { d.X = d.X[:3] })}, "", "memory: X has 3 values, want N×D = 2×2"},
		{"memory Y short", Source{Memory: bad(func(d *data.Dense) { d.Y = d.Y[:1] })}, "", "memory: Y has 1 values, want N = 2"},
		{"memory names", Source{Memory: bad(func(d *data.Dense) { d.Features = d.Features[:1] })}, "", "memory: 1 feature names for D = 2 features"},
		{"memory empty name", Source{Memory: bad(func(d *data.Dense) { d.Features[1] = "" })}, "", "memory: feature 2 has no name"},
		{"memory duplicate name", Source{Memory: bad(func(d *data.Dense) { d.Features[1] = "a" })}, "", `memory: duplicate feature name "a" (features 1 and 2)`},
		{"memory NaN", Source{Memory: bad(func(d *data.Dense) { d.X[3] = math.NaN() })}, "", `memory: feature "b" of example 2 is NaN`},
		{"memory Inf target", Source{Memory: bad(func(d *data.Dense) { d.Y[0] = math.Inf(-1) })}, "", "memory: the target of example 1 is -Inf"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Train(t.Context(), Config{Source: tt.src, Model: mustSpec("logistic")})
			if err == nil {
				t.Fatalf("no error, want %s", tt.want)
			}
			if err.Error() != tt.want {
				t.Errorf("error\ngot  %s\nwant %s", err, tt.want)
			}
			var fe *spec.FieldError
			if got := errors.As(err, &fe); got != (tt.field != "") || got && fe.Field != tt.field {
				t.Errorf("error %#v: want a FieldError about %q", err, tt.field)
			}
		})
	}
}

// TestTaskErrors: an unknown task is a FieldError; the advice for a
// real-valued target names the task in words, not a flag.
func TestTaskErrors(t *testing.T) {
	tests := []struct {
		cfg   Config
		field string
		want  string
	}{
		{Config{Source: Source{Path: irisCSV}, Model: mustSpec("mlp:hidden=2"), Task: "ranking"}, "task", `task: unknown task "ranking"`},
		{Config{Source: Source{Path: diabetesCSV}, Model: mustSpec("softmax")}, "", `it looks real-valued, not a class label (use the linear model, or set the task to regression for mlp)`},
	}
	for _, tt := range tests {
		_, err := Train(t.Context(), tt.cfg)
		if err == nil || !strings.Contains(err.Error(), tt.want) || strings.Contains(err.Error(), "--") {
			t.Errorf("%s: error %v, want …%s…", tt.cfg.Model, err, tt.want)
			continue
		}
		var fe *spec.FieldError
		if got := errors.As(err, &fe); got != (tt.field != "") || got && fe.Field != tt.field {
			t.Errorf("%s: error %#v: want a FieldError about %q", tt.cfg.Model, err, tt.field)
		}
	}
}

// TestSourceJSON checks the JSON names of the fields of a Source, which old
// checkpoint files use, and that Memory has no JSON form.
func TestSourceJSON(t *testing.T) {
	src := Source{Path: "a.csv", Format: "csv", Target: "y", Features: []string{"a", "b"}, DropMissing: true, Stream: true, BufferRows: 5,
		Memory: &data.Dense{N: 1, D: 1, X: []float64{1}, Y: []float64{2}}}
	b, err := json.Marshal(src)
	if err != nil {
		t.Fatal(err)
	}
	want := `{"data":"a.csv","format":"csv","target":"y","features":["a","b"],"drop_missing":true,"stream":true,"buffer_rows":5}`
	if string(b) != want {
		t.Errorf("got  %s\nwant %s", b, want)
	}
	var back Source
	if err := json.Unmarshal(b, &back); err != nil {
		t.Fatal(err)
	}
	src.Memory = nil
	if back.Path != src.Path || back.Format != src.Format || back.Target != src.Target || !slices.Equal(back.Features, src.Features) ||
		back.DropMissing != src.DropMissing || back.Stream != src.Stream || back.BufferRows != src.BufferRows || back.Memory != nil {
		t.Errorf("round trip gives %+v, want %+v", back, src)
	}
}

// TestStandardizationFile: the "standardize" object of a model file is the
// JSON form of data.Standardization, and it reloads bit for bit.
func TestStandardizationFile(t *testing.T) {
	iris, err := data.ReadCSVFile(irisCSV, data.CSVOptions{})
	if err != nil {
		t.Fatal(err)
	}
	// iris as a LIBSVM file: a sparse model on it scales without
	// centering.
	var svm []byte
	for i := 0; i < iris.N; i++ {
		svm = strconv.AppendFloat(svm, iris.Y[i], 'g', -1, 64)
		for j, v := range iris.Row(i) {
			svm = append(svm, ' ')
			svm = strconv.AppendInt(svm, int64(j+1), 10)
			svm = append(svm, ':')
			svm = strconv.AppendFloat(svm, v, 'g', -1, 64)
		}
		svm = append(svm, '\n')
	}
	svmPath := filepath.Join(t.TempDir(), "iris.svm")
	if err := os.WriteFile(svmPath, svm, 0o644); err != nil {
		t.Fatal(err)
	}
	for _, src := range []Source{{Path: irisCSV}, {Path: svmPath}} {
		r := mustTrain(t, Config{Source: src, Model: mustSpec("softmax"), Standardize: true, GradTol: 1e-6})
		b, err := r.Trained.Encode()
		if err != nil {
			t.Fatal(err)
		}
		var f map[string]json.RawMessage
		if err := json.Unmarshal(b, &f); err != nil {
			t.Fatal(err)
		}
		var got bytes.Buffer
		if err := json.Compact(&got, f["standardize"]); err != nil {
			t.Fatal(err)
		}
		want, err := json.Marshal((*data.Standardization)(r.Trained.Std))
		if err != nil {
			t.Fatal(err)
		}
		if r.Trained.Std.Center != (src.Path == irisCSV) {
			t.Errorf("%s: center %t", src.Path, r.Trained.Std.Center)
		}
		if got.String() != string(want) {
			t.Errorf("%s: model file has\n%s\ndata.Standardization is\n%s", src.Path, got.String(), want)
		}
		back, err := Decode(b)
		if err != nil {
			t.Fatal(err)
		}
		if !sameBits(back.Std.Mean, r.Trained.Std.Mean) || !sameBits(back.Std.Std, r.Trained.Std.Std) || back.Std.Center != r.Trained.Std.Center {
			t.Errorf("%s: reloaded standardization %+v, saved %+v", src.Path, *back.Std, *r.Trained.Std)
		}
	}
}

// TestEpochStepCosine: full-batch gradient descent on y = 3x + 1 with x
// standardized has the Hessian 2I (loss mean (ŷ − y)²), so L = 2 and every
// step multiplies the error by 1 − 2·lr. At lr = 0.9 that factor is −0.8:
// the loss falls monotonically (by 0.64 per epoch) yet the weights flip
// across the minimum each epoch, which only the step cosines (exactly −1)
// reveal. At lr = 0.3 (factor 0.4) the run approaches from one side.
func TestEpochStepCosine(t *testing.T) {
	d := &data.Dense{N: 64, D: 1, Features: []string{"x"}, Target: "y"}
	for i := 0; i < d.N; i++ {
		x := float64(i%16) - 7.5 + 0.01*float64(i/16)
		d.X = append(d.X, x)
		d.Y = append(d.Y, 3*x+1)
	}
	for _, tt := range []struct {
		lr          float64
		oscillating bool
	}{{0.9, true}, {0.3, false}} {
		cfg := Config{Source: Source{Memory: cloneDense(d)}, Model: mustSpec("linear"),
			Opt:         spec.Spec{Name: "gd", Params: []spec.Param{{Key: "lr", Value: strconv.FormatFloat(tt.lr, 'g', -1, 64)}}},
			Standardize: true, Epochs: 12, GradTol: 1e-300}
		r := mustTrain(t, cfg)
		got := r.Diagnosis.Verdict == diagnose.Oscillating
		if got != tt.oscillating {
			t.Errorf("lr %g: verdict %s (%s), want oscillating = %v", tt.lr, r.Diagnosis.Verdict, r.Diagnosis.Advice, tt.oscillating)
		}
		if tt.oscillating && !(r.Diagnosis.SuggestedLR > 0 && r.Diagnosis.SuggestedLR < tt.lr) {
			t.Errorf("lr %g: suggested lr %g, want a smaller positive rate", tt.lr, r.Diagnosis.SuggestedLR)
		}
	}
}

// TestNonFiniteStart: targets of order 1e200 overflow the first squared
// error ((1e200)² = +Inf); training stops with a typed error that front
// ends can word.
func TestNonFiniteStart(t *testing.T) {
	d := &data.Dense{N: 3, D: 1, Features: []string{"x"}, Target: "y", X: []float64{1e200, -2e200, 3e200}, Y: []float64{1e200, 2e200, 3e200}}
	_, err := Train(context.Background(), Config{Source: Source{Memory: d}, Model: mustSpec("linear"), Opt: mustSpec("gd:lr=0.1"), Epochs: 2, Seed: 1})
	var ns *NonFiniteStartError
	if !errors.As(err, &ns) || !(math.IsInf(ns.F, 1) || math.IsNaN(ns.F)) || strings.Contains(err.Error(), "--") {
		t.Fatalf("error %v, want a NonFiniteStartError naming no flag", err)
	}
}
