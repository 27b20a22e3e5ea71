package cli

import (
	"bytes"
	"encoding/json"
	"fmt"
	"github.com/descentgo/descent/optim"
	"math"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

const (
	irisData     = "../../../testdata/datasets/iris.csv"
	wineData     = "../../../testdata/datasets/wine.csv"
	diabetesData = "../../../testdata/datasets/diabetes.csv"
)

// TestTrainBadInput: malformed files and flag combinations each give their
// exact message, exit status 2, nothing on stdout and no output file.
func TestTrainBadInput(t *testing.T) {
	in := t.TempDir()
	file := func(name, content string) string {
		p := filepath.Join(in, name)
		if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
			t.Fatal(err)
		}
		return p
	}
	ragged := file("ragged.csv", "a,b,y\n1,2,3\n4,5\n")
	text := file("text.csv", "a,b,y\n1,2,0\n1,x,0\n")
	empty := file("empty.csv", "")
	header := file("header.csv", "a,b,y\n")
	oneClass := file("one.csv", "a,b,y\n1,2,1\n3,4,1\n5,6,1\n")
	nan := file("nan.csv", "a,y\n1,0\nNaN,1\n")
	inf := file("inf.csv", "a,y\n1,0\n-Inf,1\n")
	idx0 := file("idx0.svm", "1 1:0.5\n0 0:1\n")
	unsorted := file("unsorted.svm", "1 3:1 2:1\n")
	noExt := file("data.txt", "a,y\n1,2\n")
	model := func(name, version string) string {
		return file(name, `{"format": "descent-model", "version": `+version+`, "model": "linear"}`)
	}
	v2 := model("v2.json", "2")
	truncated := file("trunc.json", `{"format": "descent-model", "version": 1, "model": "lin`)
	predictData := file("p.csv", "a\n1\n")
	missingDir := filepath.Join(in, "no", "such")

	cases := []struct {
		name string
		args []string
		want string
	}{
		{"ragged rows", []string{"train", "--data", ragged, "--model", "linear"}, ragged + ":3: wrong number of fields: got 2, want 3"},
		{"text in a numeric column", []string{"train", "--data", text, "--model", "linear"}, text + `:3:3: field "b": cannot parse "x" as a number`},
		{"empty file", []string{"train", "--data", empty, "--model", "linear"}, empty + ": empty file: want a header row of column names"},
		{"header only", []string{"train", "--data", header, "--model", "linear"}, header + ": no data rows after the header"},
		{"unknown target", []string{"train", "--data", irisData, "--target", "colour", "--model", "softmax"},
			irisData + `: unknown target column "colour" (columns: sepal_length, sepal_width, petal_length, petal_width, species)`},
		{"unknown feature", []string{"train", "--data", irisData, "--features", "sepal_length,petal", "--model", "softmax"},
			irisData + `: unknown feature column "petal" (columns: sepal_length, sepal_width, petal_length, petal_width, species)`},
		{"one class, logistic", []string{"train", "--data", oneClass, "--model", "logistic"}, oneClass + `: target "y" has only the value 1: a binary task needs at least two classes`},
		{"one class, softmax", []string{"train", "--data", oneClass, "--model", "softmax"}, oneClass + `: target "y" has only the value 1: a multiclass task needs at least two classes`},
		{"real-valued target, softmax", []string{"train", "--data", diabetesData, "--model", "softmax"}, diabetesData + `: target "progression" has 214 distinct values among 442 rows: it looks real-valued, not a class label (use the linear model, or set the task to regression for mlp)`},
		{"NaN value", []string{"train", "--data", nan, "--model", "linear"}, nan + `:3:1: field "a": missing value (use --drop-missing to skip such rows)`},
		{"Inf value", []string{"train", "--data", inf, "--model", "linear"}, inf + `:3:1: field "a": non-finite value "-Inf"`},
		{"LIBSVM index 0", []string{"train", "--data", idx0, "--model", "logistic"}, idx0 + ":2:3: feature index 0: indices start at 1"},
		{"LIBSVM unsorted", []string{"train", "--data", unsorted, "--model", "logistic"}, unsorted + ":1:7: feature index 2 after 3: indices must be strictly increasing"},
		{"LIBSVM with --target", []string{"train", "--data", unsorted, "--target", "y", "--model", "logistic"}, "--target: applies to CSV files only: " + unsorted + " is a LIBSVM file, which has its label first on every line"},
		{"unknown extension", []string{"train", "--data", noExt, "--model", "linear"}, "--format: " + noExt + `: cannot tell the data format from the extension ".txt": want csv or libsvm`},
		{"missing file", []string{"train", "--data", filepath.Join(in, "none.csv"), "--model", "linear"}, filepath.Join(in, "none.csv") + ": no such file or directory"},
		{"model file of another version", []string{"evaluate", "--model", v2, "--data", irisData}, "model file " + v2 + ": format version 2 is not supported: this descent reads version 1"},
		{"truncated model file", []string{"predict", "--model", truncated, "--data", predictData}, "model file " + truncated + ": corrupt or truncated JSON: unexpected end of JSON input"},
		{"evaluate without --model", []string{"evaluate", "--data", irisData}, "no model file given (--model MODEL.json)"},
		{"--batch 0", []string{"train", "--data", irisData, "--model", "softmax", "--batch", "0"}, "--batch 0: must be full or a positive size"},
		{"--batch text", []string{"train", "--data", irisData, "--model", "softmax", "--batch", "all"}, `--batch "all": want full or a positive integer`},
		{"lbfgs with --batch 32", []string{"train", "--data", irisData, "--model", "softmax", "--opt", "lbfgs", "--batch", "32"},
			"--batch: 32: lbfgs chooses its steps by a line search on the whole training objective: it needs the full batch"},
		{"cg with --batch 1", []string{"train", "--data", irisData, "--model", "softmax", "--opt", "cg", "--batch", "1"},
			"--batch: 1: cg chooses its steps by a line search on the whole training objective: it needs the full batch"},
		{"--val 1.5", []string{"train", "--data", irisData, "--model", "softmax", "--val", "1.5"}, "--val: 1.5: must be a fraction in [0, 1)"},
		{"--val too small", []string{"train", "--data", irisData, "--model", "softmax", "--val", "0.001"}, "--val: 0.001 leaves no validation examples out of 150"},
		{"--patience without --val", []string{"train", "--data", irisData, "--model", "softmax", "--patience", "5"}, "--patience: 5 needs a validation split: early stopping watches the validation loss"},
		{"unknown model", []string{"train", "--data", irisData, "--model", "svm"}, `unknown model "svm" (known: linear, logistic, mlp, softmax)`},
		{"bad model parameter", []string{"train", "--data", irisData, "--model", "mlp:hidden=0"}, `model "mlp": hidden layer widths must be ≥ 1, have [0]`},
		{"unknown optimizer", []string{"train", "--data", irisData, "--model", "softmax", "--opt", "adamm"},
			`--opt: unknown optimizer "adamm" (known: ` + strings.Join(optim.Names(), ", ") + `)`},
		{"schedule without a rate", []string{"train", "--data", irisData, "--model", "softmax", "--opt", "lbfgs", "--schedule", "cosine"},
			`--schedule: optimizer lbfgs has no learning rate to schedule`},
		{"penalty given twice", []string{"train", "--data", irisData, "--model", "softmax:l2=0.1", "--l2", "0.01"},
			`--l2: 0.01 and the model softmax:l2=0.1 both set the L2 penalty: give it once`},
		{"negative penalty", []string{"train", "--data", irisData, "--model", "softmax", "--l1", "-1"}, "--l1: -1: must be a finite number ≥ 0"},
		{"missing --data", []string{"train", "--model", "softmax"}, "--data: no data file given"},
		{"missing --model", []string{"train", "--data", irisData}, "--model: no model given (linear, logistic, softmax or mlp:hidden=...)"},
		{"--stream with --val", []string{"train", "--data", irisData, "--model", "softmax", "--stream", "--val", "0.2"},
			"--val: cannot be used with a streamed source: the validation split needs the data in memory"},
		{"unknown task", []string{"train", "--data", irisData, "--model", "mlp", "--task", "ranking"}, `--task: unknown task "ranking" (known: regression, binary, multiclass)`},
		{"--epochs 0", []string{"train", "--data", irisData, "--model", "softmax", "--epochs", "0"}, "--epochs 0: must be ≥ 1"},
		{"trace extension", []string{"train", "--data", irisData, "--model", "softmax", "--trace", filepath.Join(in, "t.txt")},
			"--trace " + filepath.Join(in, "t.txt") + `: unsupported extension ".txt" (use .csv, .jsonl)`},
		{"checkpoint parent missing", []string{"train", "--data", irisData, "--model", "softmax", "--checkpoint", missingDir},
			"--checkpoint " + missingDir + ": the directory " + filepath.Dir(missingDir) + " does not exist"},
		{"resume without checkpoint", []string{"train", "--resume", in}, "--resume: " + in + ": " + filepath.Join(in, "checkpoint.json") + ": no such file or directory"},
		{"lrfind: data and function", []string{"lrfind", "--data", irisData, "--model", "softmax", "--func", "rosenbrock"},
			"--data/--model and --func/--expr/--start/--vars are exclusive: sweep a model or a function"},
		{"lrfind: model without data", []string{"lrfind", "--model", "softmax"}, "--model needs --data FILE"},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			outDir := t.TempDir()
			args := c.args
			if args[0] == "train" {
				args = append(args, "--save", filepath.Join(outDir, "m.json"), "--plot", filepath.Join(outDir, "p.png"))
				if !strings.Contains(c.name, "trace") {
					args = append(args, "--trace", filepath.Join(outDir, "t.csv"))
				}
				if !strings.Contains(c.name, "checkpoint") {
					args = append(args, "--checkpoint", filepath.Join(outDir, "ck"))
				}
			}
			if args[0] == "predict" {
				args = append(args, "--out", filepath.Join(outDir, "p.csv"))
			}
			out, msg, code := runCLI(t, args...)
			if code != 2 {
				t.Errorf("exit status %d, want 2 (%s)", code, msg)
			}
			if msg != c.want {
				t.Errorf("message\n got %s\nwant %s", msg, c.want)
			}
			if out != "" {
				t.Errorf("stdout: %q", out)
			}
			if left, _ := os.ReadDir(outDir); len(left) > 0 {
				t.Errorf("left behind: %v", left)
			}
		})
	}
	if len(cases) < 15 {
		t.Fatalf("only %d cases", len(cases))
	}
}

// TestTrainJSON checks the fields of the --json summary.
func TestTrainJSON(t *testing.T) {
	dir := t.TempDir()
	save := filepath.Join(dir, "iris.json")
	out, msg, code := runCLI(t, "train", "--data", irisData, "--model", "mlp:hidden=8,act=tanh", "--opt", "adam:lr=0.02",
		"--batch", "16", "--epochs", "40", "--val", "0.2", "--standardize", "--save", save, "--json")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, msg)
	}
	var r map[string]any
	if err := json.Unmarshal([]byte(out), &r); err != nil {
		t.Fatalf("%v\n%s", err, out)
	}
	for _, k := range []string{"status", "epochs", "best_epoch", "train_loss", "val_loss", "train_accuracy", "val_accuracy",
		"seed", "curvature", "diagnosis", "elapsed_seconds", "advice_seconds", "n_train", "n_val", "params", "model", "opt", "batch"} {
		if _, ok := r[k]; !ok {
			t.Errorf("no %q in %s", k, out)
		}
	}
	if _, ok := r["train_r2"]; ok {
		t.Error("a classifier reports train_r2")
	}
	if r["status"] != "max_epochs" || r["epochs"] != 40.0 || r["seed"] != 1.0 || r["n_train"] != 120.0 || r["n_val"] != 30.0 || r["batch"] != "16" {
		t.Errorf("summary %s", out)
	}
	if acc := r["val_accuracy"].(float64); acc < 0.9 {
		t.Errorf("val accuracy %v", acc)
	}
	d := r["diagnosis"].(map[string]any)
	if _, ok := d["verdict"]; !ok {
		t.Errorf("diagnosis %v", d)
	}
	// An MLP under adam: L by finite differences at the start or the end
	// (the larger), no bound.
	if c, _ := r["curvature"].(map[string]any); c == nil || !(c["L"].(float64) > 0) || c["stable_lr_bound"] != nil ||
		(c["point"] != "end" && c["point"] != "start") || c["exact_hessian"] != false || !strings.Contains(c["rule"].(string), "does not apply") {
		t.Errorf("curvature %v", r["curvature"])
	}

	// evaluate and predict with the saved model.
	out, msg, code = runCLI(t, "evaluate", "--model", save, "--data", irisData, "--json")
	if code != 0 {
		t.Fatalf("evaluate: exit %d: %s", code, msg)
	}
	var ev struct {
		N        int      `json:"n"`
		Loss     float64  `json:"loss"`
		Accuracy *float64 `json:"accuracy"`
		R2       *float64 `json:"r2"`
	}
	if err := json.Unmarshal([]byte(out), &ev); err != nil || ev.N != 150 || ev.Accuracy == nil || ev.R2 != nil || *ev.Accuracy < 0.9 {
		t.Errorf("evaluate: %v %s", err, out)
	}
	pred := filepath.Join(dir, "pred.csv")
	if _, msg, code := runCLI(t, "predict", "--model", save, "--data", irisData, "--out", pred); code != 0 {
		t.Fatalf("predict: %s", msg)
	}
	b, _ := os.ReadFile(pred)
	lines := strings.Split(strings.TrimSpace(string(b)), "\n")
	if len(lines) != 151 || lines[0] != "label,p_0,p_1,p_2" {
		t.Errorf("predictions: %d lines, header %q", len(lines), lines[0])
	}
}

// TestTrainRegressionReport checks the text report of a regression.
func TestTrainRegressionReport(t *testing.T) {
	out, msg, code := runCLI(t, "train", "--data", diabetesData, "--model", "linear", "--standardize", "--val", "0.2")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, msg)
	}
	for _, want := range []string{"diabetes.csv — linear:l2=0,l1=0 (regression, 11 parameters), lbfgs, batch full, seed 1",
		"  status       converged", "R² 0.5", "  validation   n=88  loss", "  verdict      converged"} {
		if !strings.Contains(out, want) {
			t.Errorf("report lacks %q:\n%s", want, out)
		}
	}
	out, _, _ = runCLI(t, "train", "--data", diabetesData, "--model", "linear", "--standardize", "--json")
	if !strings.Contains(out, `"train_r2": 0.51774842`) || strings.Contains(out, "accuracy") {
		t.Errorf("regression summary:\n%s", out)
	}
}

// TestTrainCurvatureReport: the text report prints L and the stable
// bound 2/L of gradient descent, as the minimize report does; --json
// carries the same numbers.
func TestTrainCurvatureReport(t *testing.T) {
	args := []string{"train", "--data", diabetesData, "--model", "linear", "--standardize", "--opt", "gd:lr=0.1", "--batch", "full", "--epochs", "20"}
	out, msg, code := runCLI(t, args...)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, msg)
	}
	js, _, _ := runCLI(t, append(args, "--json")...)
	var r struct {
		Curvature map[string]any `json:"curvature"`
	}
	if err := json.Unmarshal([]byte(js), &r); err != nil || r.Curvature == nil {
		t.Fatalf("%v\n%s", err, js)
	}
	c := r.Curvature
	L, _ := c["L"].(float64)
	b, _ := c["stable_lr_bound"].(float64)
	rule, _ := c["rule"].(string)
	if math.Abs(L*b-2) > 1e-12 || c["point"] != "start" || c["exact_hessian"] != true {
		t.Errorf("curvature %v", c)
	}
	want := fmt.Sprintf("  curvature    L = %.4g at the start point; stable lr < %.4g by %s\n", L, b, rule)
	if !strings.Contains(out, want) || !strings.Contains(want, "by 2/L") {
		t.Errorf("report lacks %q:\n%s", want, out)
	}
}

// TestTrainDiverged: a diverged run exits with status 3 and writes no model.
func TestTrainDiverged(t *testing.T) {
	save := filepath.Join(t.TempDir(), "m.json")
	out, _, code := runCLI(t, "train", "--data", diabetesData, "--model", "linear", "--opt", "gd:lr=10", "--save", save)
	if code != 3 || !strings.Contains(out, "status       diverged") {
		t.Errorf("exit %d:\n%s", code, out)
	}
	if _, err := os.Stat(save); !os.IsNotExist(err) {
		t.Error("a diverged run saved its model")
	}
}

// TestTrainResumeCLI: a run checkpointed at its budget and resumed with a
// larger --epochs, all other flags taken from the checkpoint, equals a run
// with the larger budget.
func TestTrainResumeCLI(t *testing.T) {
	dir := t.TempDir()
	args := []string{"train", "--data", wineData, "--model", "mlp:hidden=8", "--opt", "adam:lr=0.01", "--batch", "32", "--standardize", "--val", "0.2"}
	run := func(extra ...string) {
		t.Helper()
		if _, msg, code := runCLI(t, append(append([]string(nil), args...), extra...)...); code != 0 {
			t.Fatalf("exit %d: %s", code, msg)
		}
	}
	run("--epochs", "3", "--checkpoint", filepath.Join(dir, "ck"), "--save", filepath.Join(dir, "a.json"))
	if _, msg, code := runCLI(t, "train", "--resume", filepath.Join(dir, "ck"), "--epochs", "7", "--save", filepath.Join(dir, "b.json")); code != 0 {
		t.Fatalf("resume: exit %d: %s", code, msg)
	}
	run("--epochs", "7", "--save", filepath.Join(dir, "c.json"))
	b, _ := os.ReadFile(filepath.Join(dir, "b.json"))
	c, _ := os.ReadFile(filepath.Join(dir, "c.json"))
	if len(b) == 0 || !bytes.Equal(b, c) {
		t.Error("resumed run differs from the uninterrupted one")
	}
	_, msg, code := runCLI(t, "train", "--resume", filepath.Join(dir, "ck"), "--opt", "sgd")
	if code != 2 || !strings.Contains(msg, `the checkpoint was made with --opt "adam:lr=0.01", this run has --opt "sgd"`) {
		t.Errorf("exit %d: %s", code, msg)
	}
}

// TestLRFindData runs the range test on a model from the command line.
func TestLRFindData(t *testing.T) {
	out, msg, code := runCLI(t, "lrfind", "--data", irisData, "--model", "softmax", "--standardize", "--opt", "sgd", "--json")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, msg)
	}
	var r struct {
		Sweep []struct {
			LR, Loss float64
		} `json:"sweep"`
		Suggested *float64 `json:"suggested_lr"`
	}
	if err := json.Unmarshal([]byte(out), &r); err != nil || len(r.Sweep) < 50 || r.Suggested == nil {
		t.Errorf("%v\n%.300s", err, out)
	}
	out, _, code = runCLI(t, "lrfind", "--func", "rosenbrock")
	if code != 0 || !strings.HasPrefix(out, "rosenbrock — learning-rate range test") {
		t.Errorf("function mode broke: %d\n%s", code, out)
	}
}

// TestTrainNonFiniteStartNamesTheFlag: the library's typed error is worded
// with the command line's flag, exit 2.
func TestTrainNonFiniteStartNamesTheFlag(t *testing.T) {
	path := filepath.Join(t.TempDir(), "huge.csv")
	if err := os.WriteFile(path, []byte("x,y\n1e200,1e200\n-2e200,2e200\n3e200,3e200\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	_, msg, code := runCLI(t, "train", "--data", path, "--model", "linear", "--opt", "gd:lr=0.1", "--epochs", "2")
	if code != 2 || !strings.Contains(msg, "(try --standardize)") {
		t.Errorf("exit %d: %s", code, msg)
	}
}
