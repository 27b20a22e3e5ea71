package train

import (
	"bytes"
	"encoding/csv"
	"math"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

func readCSV(t testing.TB, b []byte) [][]string {
	t.Helper()
	rows, err := csv.NewReader(bytes.NewReader(b)).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	return rows
}

func atof(t testing.TB, s string) float64 {
	t.Helper()
	v, err := strconv.ParseFloat(s, 64)
	if err != nil {
		t.Fatal(err)
	}
	return v
}

// TestEvaluateMatchesTraining: evaluating on the training file gives the
// data loss and accuracy that training reported.
func TestEvaluateMatchesTraining(t *testing.T) {
	for _, c := range []Config{
		{Source: Source{Path: wineCSV}, Model: mustSpec("softmax:l2=0.01"), Standardize: true, GradTol: 1e-8},
		{Source: Source{Path: irisCSV}, Model: mustSpec("mlp:hidden=8,act=tanh"), Opt: mustSpec("adam:lr=0.01"), Batch: 16, Epochs: 20, Standardize: true, Seed: 1},
		{Source: Source{Path: diabetesCSV}, Model: mustSpec("linear:l2=0.1"), Standardize: true, GradTol: 1e-8},
	} {
		r := mustTrain(t, c)
		ev, err := r.Trained.Evaluate(Source{Path: c.Path})
		if err != nil {
			t.Fatal(err)
		}
		if ev.N != r.NTrain || math.Abs(float64(ev.Loss)-float64(r.TrainDataLoss)) > 1e-12*float64(ev.Loss) {
			t.Errorf("%s: evaluate n=%d loss %.15g, training n=%d data loss %.15g", c.Model, ev.N, float64(ev.Loss), r.NTrain, float64(r.TrainDataLoss))
		}
		if ev.Accuracy != nil && *ev.Accuracy != *r.TrainAccuracy {
			t.Errorf("%s: accuracy %v, training %v", c.Model, *ev.Accuracy, *r.TrainAccuracy)
		}
		if ev.R2 != nil && math.Abs(float64(*ev.R2-*r.TrainR2)) > 1e-12 {
			t.Errorf("%s: R² %v, training %v", c.Model, *ev.R2, *r.TrainR2)
		}
	}
}

// TestPredict checks the predictions of a classifier against the data: the
// label is the most probable class, probabilities sum to 1, the accuracy
// they imply is Evaluate's, and the file may lack the target column and
// have its columns in another order.
func TestPredict(t *testing.T) {
	r := mustTrain(t, Config{Source: Source{Path: irisCSV}, Model: mustSpec("softmax:l2=0.01"), Standardize: true, GradTol: 1e-8})
	var out bytes.Buffer
	n, err := r.Trained.Predict(Source{Path: irisCSV}, &out)
	if err != nil {
		t.Fatal(err)
	}
	rows := readCSV(t, out.Bytes())
	if n != 150 || len(rows) != 151 || strings.Join(rows[0], ",") != "label,p_0,p_1,p_2" {
		t.Fatalf("n=%d, %d rows, header %v", n, len(rows), rows[0])
	}
	data := readCSV(t, mustRead(t, irisCSV))
	correct := 0
	for i, row := range rows[1:] {
		p := []float64{atof(t, row[1]), atof(t, row[2]), atof(t, row[3])}
		if s := p[0] + p[1] + p[2]; math.Abs(s-1) > 1e-12 {
			t.Errorf("row %d: probabilities sum to %v", i, s)
		}
		best := 0
		for c := range p {
			if p[c] > p[best] {
				best = c
			}
		}
		if atof(t, row[0]) != float64(best) {
			t.Errorf("row %d: label %s, most probable class %d", i, row[0], best)
		}
		if row[0] == data[i+1][4] {
			correct++
		}
	}
	ev, err := r.Trained.Evaluate(Source{Path: irisCSV})
	if err != nil {
		t.Fatal(err)
	}
	if float64(correct)/150 != float64(*ev.Accuracy) {
		t.Errorf("predictions give accuracy %v, evaluate %v", float64(correct)/150, float64(*ev.Accuracy))
	}
	// The same rows without the target column, columns shuffled, CRLF line
	// endings and a quoted header name.
	var sb strings.Builder
	sb.WriteString("petal_width,\"sepal_length\",petal_length,sepal_width\r\n")
	for _, d := range data[1:] {
		sb.WriteString(d[3] + "," + d[0] + "," + d[2] + "," + d[1] + "\r\n")
	}
	path := filepath.Join(t.TempDir(), "new.csv")
	os.WriteFile(path, []byte(sb.String()), 0o644)
	var out2 bytes.Buffer
	if _, err := r.Trained.Predict(Source{Path: path}, &out2); err != nil {
		t.Fatal(err)
	}
	if out2.String() != out.String() {
		t.Error("predictions without the target column differ")
	}
	// A target column holding anything is ignored.
	os.WriteFile(path, []byte(strings.Replace(sb.String(), "\r\n", ",?\r\n", -1)), 0o644)
	os.WriteFile(path, append([]byte("petal_width,sepal_length,petal_length,sepal_width,species\r\n"), bytes.SplitN(mustRead(t, path), []byte("\r\n"), 2)[1]...), 0o644)
	var out3 bytes.Buffer
	if _, err := r.Trained.Predict(Source{Path: path}, &out3); err != nil {
		t.Fatal(err)
	} else if out3.String() != out.String() {
		t.Error("predictions with an unknown target differ")
	}
	// A missing feature column is named, with the file's own columns.
	os.WriteFile(path, []byte("sepal_length,petal_length,sepal_width\n1,2,3\n"), 0o644)
	_, err = r.Trained.Predict(Source{Path: path}, &out2)
	if want := path + `: unknown feature column "petal_width" (columns: sepal_length, petal_length, sepal_width)`; err == nil || err.Error() != want {
		t.Errorf("missing feature: %v, want %s", err, want)
	}
	// A ragged row in such a file reports the file's own field counts.
	os.WriteFile(path, []byte("petal_width,sepal_length,petal_length,sepal_width\n1,2,3\n"), 0o644)
	_, err = r.Trained.Predict(Source{Path: path}, &out2)
	if want := path + ":2: wrong number of fields: got 3, want 4"; err == nil || err.Error() != want {
		t.Errorf("ragged row: %v, want %s", err, want)
	}
}

func mustRead(t testing.TB, path string) []byte {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// TestPredictRegression: the mean squared error of the predictions,
// computed here from the file, is Evaluate's loss.
func TestPredictRegression(t *testing.T) {
	r := mustTrain(t, Config{Source: Source{Path: diabetesCSV}, Model: mustSpec("linear"), Standardize: true, GradTol: 1e-8})
	var out bytes.Buffer
	if _, err := r.Trained.Predict(Source{Path: diabetesCSV}, &out); err != nil {
		t.Fatal(err)
	}
	rows := readCSV(t, out.Bytes())
	data := readCSV(t, mustRead(t, diabetesCSV))
	if rows[0][0] != "prediction" || len(rows) != len(data) {
		t.Fatalf("header %v, %d rows", rows[0], len(rows))
	}
	var sse float64
	for i, row := range rows[1:] {
		d := atof(t, row[0]) - atof(t, data[i+1][10])
		sse += d * d
	}
	mse := sse / float64(len(rows)-1)
	if math.Abs(mse-2859.696) > 0.001 {
		t.Errorf("MSE of the predictions %.10g, want 2859.696...", mse)
	}
	ev, _ := r.Trained.Evaluate(Source{Path: diabetesCSV})
	if math.Abs(mse-float64(ev.Loss)) > 1e-9*mse {
		t.Errorf("evaluate loss %.15g, predictions %.15g", float64(ev.Loss), mse)
	}
}

// TestPredictBinary: a logistic model writes P(class 0) and P(class 1).
func TestPredictBinary(t *testing.T) {
	r := mustTrain(t, Config{Source: Source{Path: "../testdata/ref/train_iris_setosa.csv"}, Model: mustSpec("logistic:l2=0.01"), Standardize: true, GradTol: 1e-8})
	var out bytes.Buffer
	if _, err := r.Trained.Predict(Source{Path: "../testdata/ref/train_iris_setosa.csv"}, &out); err != nil {
		t.Fatal(err)
	}
	rows := readCSV(t, out.Bytes())
	if strings.Join(rows[0], ",") != "label,p_0,p_1" {
		t.Fatalf("header %v", rows[0])
	}
	for _, row := range rows[1:] {
		p0, p1 := atof(t, row[1]), atof(t, row[2])
		if math.Abs(p0+p1-1) > 1e-15 || (p1 >= 0.5) != (row[0] == "1") {
			t.Fatalf("row %v", row)
		}
	}
}

func TestEvaluateErrors(t *testing.T) {
	r := mustTrain(t, Config{Source: Source{Path: irisCSV}, Model: mustSpec("softmax"), GradTol: 1e-6})
	dir := t.TempDir()
	write := func(name, s string) string {
		p := filepath.Join(dir, name)
		os.WriteFile(p, []byte(s), 0o644)
		return p
	}
	for _, c := range []struct{ path, want string }{
		{write("label.csv", "sepal_length,sepal_width,petal_length,petal_width,species\n1,2,3,4,7\n"),
			"label 7 of example 1 (counted from 1) is not one of the model's classes [0 1 2]"},
		{write("notarget.csv", "sepal_length,sepal_width,petal_length,petal_width\n1,2,3,4\n"),
			`unknown target column "species" (columns: sepal_length, sepal_width, petal_length, petal_width)`},
		{write("nofeature.csv", "sepal_length,sepal_width,petal_length,species\n1,2,3,0\n"),
			`unknown feature column "petal_width" (columns: sepal_length, sepal_width, petal_length, species)`},
		{write("big.svm", "0 5:1\n"), "big.svm:1:3: feature index 5 is out of range [1, 4]"},
	} {
		_, err := r.Trained.Evaluate(Source{Path: c.path})
		if err == nil || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%s: %v, want …%s", filepath.Base(c.path), err, c.want)
		}
	}
}
