package serve_test

import (
	"encoding/json"
	"fmt"
	"math"
	"net/http"
	"net/http/httptest"
	"slices"
	"strings"
	"testing"

	"github.com/descentgo/descent/data"
	"github.com/descentgo/descent/serve"
)

// cellAt returns the class the map's grid k predicts at (x, y).
func cellAt(m *serve.DecisionMap, k int, x, y float64) int {
	w := m.Window
	c := int((x - w[0]) / (w[1] - w[0]) * float64(m.Cells))
	r := int((y - w[2]) / (w[3] - w[2]) * float64(m.Cells))
	return m.Grids[k][r*m.Cells+c]
}

// checkMapShape checks what every decision map holds: one grid of
// Cells×Cells class indexes per epoch, epochs increasing up to the last of
// the run, and points whose classes are in range.
func checkMapShape(t *testing.T, r *serve.TrainResponse, rows int) {
	t.Helper()
	m := r.Map
	if m == nil {
		t.Fatalf("no map (%s)", r.Status)
	}
	if m.Cells != serve.MapCells || len(m.Grids) != len(m.Epochs) || len(m.Epochs) < 2 || m.Epochs[0] != 0 {
		t.Fatalf("cells %d, %d grids for epochs %v", m.Cells, len(m.Grids), m.Epochs)
	}
	if last := r.Epoch[len(r.Epoch)-1]; m.Epochs[len(m.Epochs)-1] != last {
		t.Errorf("last grid at epoch %d, the run ended at %d", m.Epochs[len(m.Epochs)-1], last)
	}
	for k, g := range m.Grids {
		if k > 0 && m.Epochs[k] <= m.Epochs[k-1] {
			t.Errorf("epochs not increasing: %v", m.Epochs)
		}
		if len(g) != m.Cells*m.Cells || len(m.Confidence[k]) != len(g) || strings.Trim(m.Confidence[k], "0123456789") != "" {
			t.Fatalf("grid %d has %d cells and %d confidence digits %.20q…, want %d", k, len(g), len(m.Confidence[k]), m.Confidence[k], m.Cells*m.Cells)
		}
		for _, c := range g {
			if c < 0 || c >= len(m.Classes) {
				t.Fatalf("grid %d: class index %d out of [0, %d)", k, c, len(m.Classes))
			}
		}
	}
	if len(m.Confidence) != len(m.Grids) {
		t.Fatalf("%d confidence strings for %d grids", len(m.Confidence), len(m.Grids))
	}
	if len(m.X) != rows || len(m.Y) != rows || len(m.Class) != rows {
		t.Fatalf("%d/%d/%d points, want %d", len(m.X), len(m.Y), len(m.Class), rows)
	}
	for i := range m.X {
		x, y := float64(m.X[i]), float64(m.Y[i])
		if m.Class[i] < 0 || m.Class[i] >= len(m.Classes) || x < m.Window[0] || x > m.Window[1] || y < m.Window[2] || y > m.Window[3] {
			t.Fatalf("point %d (%g, %g) class %d: outside the window %v or the classes", i, x, y, m.Class[i], m.Window)
		}
	}
}

// The decision regions of softmax, MLP and logistic models, checked against
// facts about the data rather than the code: on iris's petals (Fisher 1936)
// setosa has petals under 2 cm long, virginica over 5 cm long and 1.8 cm
// wide, versicolor in between; on a set labelled by the sign of x + y the
// regions are the half planes of that line.
func TestTrainDecisionMap(t *testing.T) {
	s := serve.New(serve.Config{})
	t.Cleanup(func() { s.Close() })
	for _, body := range []string{
		`{"dataset":"iris","model":"softmax","plot":[2,3]}`,
		`{"dataset":"iris","model":"softmax","opt":"adam:lr=0.05","epochs":60,"plot":[2,3],"val_frac":0.25}`,
		`{"dataset":"iris","model":"mlp:hidden=16,act=tanh","opt":"adam:lr=0.05","epochs":100,"plot":[2,3]}`,
	} {
		var r serve.TrainResponse
		if code := post(t, s, "/api/train", body, &r); code != 200 {
			t.Fatalf("%s: status %d", body, code)
		}
		checkMapShape(t, &r, 150)
		m := r.Map
		if m.Names != [2]string{"petal_length", "petal_width"} || len(m.Classes) != 3 {
			t.Fatalf("%s: features %v, classes %v", body, m.Names, m.Classes)
		}
		last := len(m.Grids) - 1
		for _, c := range []struct {
			x, y  float64
			class int
		}{{1.4, 0.2, 0}, {4.2, 1.3, 1}, {6.0, 2.2, 2}} {
			if got := cellAt(m, last, c.x, c.y); got != c.class {
				t.Errorf("%s: the map predicts class %d at petal %g × %g cm, want %d", body, got, c.x, c.y, c.class)
			}
		}
		// Softmax starts from zero weights: every class has probability
		// 1/3, the first wins the ties, and the confidence is nil.
		if strings.HasPrefix(body, `{"dataset":"iris","model":"softmax"`) && (strings.Trim(m.Confidence[0], "0") != "" || slices.Max(m.Grids[0]) != 0) {
			t.Errorf("%s: epoch 0 (zero weights) shows classes up to %d, confidence %.40q…; want class 0 and 0 everywhere", body, slices.Max(m.Grids[0]), m.Confidence[0])
		}
		// The points are the data set's rows, in the data's units.
		if m.Stride != 1 || float64(m.X[0]) != 1.4 || float64(m.Y[0]) != 0.2 || m.Class[0] != 0 {
			t.Errorf("%s: first point (%v, %v) class %d, stride %d; want iris row 1 (1.4, 0.2) setosa", body, m.X[0], m.Y[0], m.Class[0], m.Stride)
		}
	}

	// Logistic regression on an uploaded set: y = 1 where x + y > 0.
	var b strings.Builder
	b.WriteString("u,v,noise,label\n")
	for i := 0; i < 400; i++ {
		u, v := math.Sin(float64(i)*1.7)*3, math.Cos(float64(i)*2.3)*3
		label := 0
		if u+v > 0 {
			label = 1
		}
		fmt.Fprintf(&b, "%.4f,%.4f,%d,%d\n", u, v, i%7, label)
	}
	req, _ := json.Marshal(map[string]any{"csv": b.String(), "csv_name": "half.csv", "model": "logistic", "opt": "lbfgs", "l2": 0.001})
	var r serve.TrainResponse
	if code := post(t, s, "/api/train", string(req), &r); code != 200 {
		t.Fatalf("upload: status %d", code)
	}
	checkMapShape(t, &r, 400)
	m := r.Map
	if r.Dataset != "half.csv" || r.Task != "binary" || r.Target != "label" || len(r.Features) != 3 || m.Names != [2]string{"u", "v"} {
		t.Fatalf("upload: dataset %q task %q target %q features %v map %v", r.Dataset, r.Task, r.Target, r.Features, m.Names)
	}
	wrong, cw, ch := 0, (m.Window[1]-m.Window[0])/float64(m.Cells), (m.Window[3]-m.Window[2])/float64(m.Cells)
	last := len(m.Grids) - 1
	var near, far []int // confidence digits next to the line and far from it
	for row := 0; row < m.Cells; row++ {
		for col := 0; col < m.Cells; col++ {
			x, y := m.Window[0]+(float64(col)+0.5)*cw, m.Window[2]+(float64(row)+0.5)*ch
			digit := int(m.Confidence[last][row*m.Cells+col] - '0')
			if d := math.Abs(x+y) / math.Sqrt2; d < 0.5*math.Min(cw, ch) {
				near = append(near, digit)
			} else if d > 10*math.Max(cw, ch) {
				far = append(far, digit)
			}
			if math.Abs(x+y) < 2*math.Max(cw, ch) {
				continue // next to the boundary
			}
			want := 0
			if x+y > 0 {
				want = 1
			}
			if m.Grids[last][row*m.Cells+col] != want {
				wrong++
			}
		}
	}
	if wrong > 0 {
		t.Errorf("upload: %d cells away from the line x + y = 0 on the wrong side", wrong)
	}
	// The probability is ½ on the line and near 1 far from it (the
	// fitted line is a little tilted: next to the true one, up to 0.75).
	if len(near) == 0 || slices.Max(near) > 5 || len(far) == 0 || slices.Min(far) < 8 {
		t.Errorf("upload: confidence next to the line %v, far from it %v; want ≤ 5 and ≥ 8", near, far)
	}
}

// A regression data set has no decision map; a larger upload sends every
// k-th row.
func TestTrainMapAbsentAndThinned(t *testing.T) {
	s := serve.New(serve.Config{})
	t.Cleanup(func() { s.Close() })
	var r serve.TrainResponse
	if code := post(t, s, "/api/train", `{"dataset":"diabetes","epochs":5}`, &r); code != 200 || r.Map != nil {
		t.Fatalf("diabetes: status %d, map %v", code, r.Map != nil)
	}
	var b strings.Builder
	b.WriteString("a,b,c\n")
	for i := 0; i < 2500; i++ {
		fmt.Fprintf(&b, "%d,%d,%d\n", i%50, i%37, i%3)
	}
	req, _ := json.Marshal(map[string]any{"csv": b.String(), "model": "softmax", "opt": "adam", "epochs": 2})
	r = serve.TrainResponse{}
	if code := post(t, s, "/api/train", string(req), &r); code != 200 || r.Map == nil {
		t.Fatalf("upload: status %d", code)
	}
	if m := r.Map; m.Stride != 3 || len(m.X) != 834 || float64(m.X[1]) != 3 || float64(m.Y[1]) != 3 {
		t.Errorf("2500 rows: stride %d, %d points, second (%v, %v); want stride 3, 834 points, row 4 (3, 3)", m.Stride, len(m.X), m.X[1], m.Y[1])
	}
}

// The L2 penalty shrinks the weights: the training data loss rises with it.
func TestTrainL2(t *testing.T) {
	s := serve.New(serve.Config{})
	t.Cleanup(func() { s.Close() })
	prev := -1.0
	for _, l2 := range []float64{0, 0.01, 0.1, 1} {
		var r serve.TrainResponse
		if code := post(t, s, "/api/train", fmt.Sprintf(`{"dataset":"iris","model":"softmax","l2":%g}`, l2), &r); code != 200 {
			t.Fatalf("l2 %g: status %d", l2, code)
		}
		loss := float64(r.TrainLoss[len(r.TrainLoss)-1])
		if r.L2 != l2 || !(loss > prev) {
			t.Errorf("l2 %g (echoed %g): training data loss %g, not above %g at the smaller penalty", l2, r.L2, loss, prev)
		}
		prev = loss
	}
}

// Bad data-tab requests get 400 (413 for size) with the field and, for a
// CSV, exactly the error `descent train --data` prints for the same file.
func TestTrainUploadErrors(t *testing.T) {
	s := serve.New(serve.Config{MaxUploadBytes: 1000})
	t.Cleanup(func() { s.Close() })
	bad := "a,b,label\n1,2,0\n3,x,1\n"
	_, perr := data.ReadCSV(strings.NewReader(bad), "bad.csv", data.CSVOptions{})
	if perr == nil || !strings.Contains(perr.Error(), "bad.csv:3:3:") {
		t.Fatalf("the parser's error %v lacks bad.csv:3:3:", perr)
	}
	js := func(v map[string]any) string { b, _ := json.Marshal(v); return string(b) }
	for _, c := range []struct {
		body string
		code int
		want string
	}{
		{js(map[string]any{"csv": bad, "csv_name": "bad.csv"}), 400, "csv: " + perr.Error()},
		{js(map[string]any{"csv": "a,b\n1,2\n3,4\n", "target": "c"}), 400, `csv: upload.csv: unknown target column "c"`},
		{js(map[string]any{"csv": "", "dataset": ""}), 400, "dataset: unknown data set"},
		{js(map[string]any{"csv": strings.Repeat("1,2\n", 251)}), 413, "csv: 1004 bytes exceed the upload limit of 1000 bytes"},
		{js(map[string]any{"csv": strings.Repeat("1,2\n", 20000)}), 413, "exceeds the limit of"},
		{js(map[string]any{"csv": "a,b\n1,0\n2,1\n", "dataset": "iris"}), 400, "dataset: give a data set name or csv, not both"},
		{js(map[string]any{"csv": "a,b\n1,0\n2,1\n", "csv_name": "../x.csv"}), 400, "csv_name: "},
		{`{"dataset":"iris","target":"species"}`, 400, "target: applies to an uploaded data set"},
		{`{"dataset":"iris","l2":-1}`, 400, "l2: -1 must be in [0, 100]"},
		{`{"dataset":"iris","l2":1000}`, 400, "l2: 1000 must be in [0, 100]"},
		{`{"dataset":"iris","plot":[0,4]}`, 400, "plot: feature 4 must be in [0, 3] (4 features)"},
		{`{"dataset":"iris","plot":[-1,0]}`, 400, "plot: feature -1 must be in [0, 3]"},
		{`{"dataset":"iris","plot":[1]}`, 400, "plot: give two feature indexes, not 1"},
		{js(map[string]any{"csv": "a,b\n1,0.5\n2,1.5\n", "model": "softmax", "csv_name": "r.csv"}), 400, `r.csv: target "b" has the value 0.5: class labels are integers`},
	} {
		req := serve.LocalRequest(http.MethodPost, "/api/train", strings.NewReader(c.body))
		req.Header.Set("Content-Type", "application/json")
		w := httptest.NewRecorder()
		s.ServeHTTP(w, req)
		var e struct{ Error string }
		json.Unmarshal(w.Body.Bytes(), &e)
		if w.Code != c.code || !strings.Contains(e.Error, c.want) {
			t.Errorf("%.80s: %d %q; want %d with %q", c.body, w.Code, e.Error, c.code, c.want)
		}
	}
}
