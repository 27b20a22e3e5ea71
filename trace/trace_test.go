package trace

import (
	"math"
	"os"
	"path/filepath"
	"testing"

	"github.com/descentgo/descent/minimize"
)

func TestFormats(t *testing.T) {
	dir := t.TempDir()
	rows := []minimize.Row{
		{Iter: 0, F: 24.2, GradNorm: 208.0480713, LR: 0.001, X: []float64{-1.2, 1}},
		{Iter: 1, F: math.Inf(1), GradNorm: math.NaN(), LR: math.NaN(), X: []float64{0.1, 1e-300}},
	}
	tests := []struct{ name, want string }{
		{"t.csv", "iter,f,grad_norm,lr,x,y\n0,24.2,208.0480713,0.001,-1.2,1\n1,+Inf,NaN,,0.1,1e-300\n"},
		{"t.jsonl", `{"iter":0,"f":24.2,"grad_norm":208.0480713,"lr":0.001,"x":[-1.2,1]}` + "\n" +
			`{"iter":1,"f":null,"grad_norm":null,"lr":null,"x":[0.1,1e-300]}` + "\n"},
	}
	for _, tc := range tests {
		path := filepath.Join(dir, tc.name)
		w, err := Create(path, []string{"x", "y"})
		if err != nil {
			t.Fatal(err)
		}
		for _, r := range rows {
			if err := w.Observe(r); err != nil {
				t.Fatal(err)
			}
		}
		if _, err := os.Stat(path); !os.IsNotExist(err) {
			t.Fatalf("%s exists before Close", tc.name)
		}
		if err := w.Close(); err != nil {
			t.Fatal(err)
		}
		b, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		if string(b) != tc.want {
			t.Errorf("%s:\n got %q\nwant %q", tc.name, b, tc.want)
		}
	}
	entries, _ := os.ReadDir(dir)
	if len(entries) != 2 {
		t.Fatalf("left-over files: %v", entries)
	}
}

func TestErrors(t *testing.T) {
	if _, err := Create("x.txt", nil); err == nil || err.Error() != `trace file "x.txt": unknown extension ".txt" (use .csv or .jsonl)` {
		t.Fatalf("got %v", err)
	}
	if _, err := Create("/nonexistent/dir/t.csv", nil); err == nil || err.Error() != "cannot write trace file /nonexistent/dir/t.csv: no such file or directory" {
		t.Fatalf("got %v", err)
	}
	dir := t.TempDir()
	w, err := Create(filepath.Join(dir, "a.csv"), []string{"x"})
	if err != nil {
		t.Fatal(err)
	}
	w.Abort()
	if entries, _ := os.ReadDir(dir); len(entries) != 0 {
		t.Fatalf("Abort left %v", entries)
	}
}

// TestSharpnessColumn: the column is last in CSV (empty where not
// measured), and the JSON key appears on measured lines only; ±Inf is
// written as in the other columns.
func TestSharpnessColumn(t *testing.T) {
	dir := t.TempDir()
	nan := math.NaN()
	rows := []minimize.Row{
		{Iter: 0, F: 2, GradNorm: 1, LR: 0.01, X: []float64{1, 2}, Sharpness: 100},
		{Iter: 1, F: 1, GradNorm: 0.5, LR: 0.01, X: []float64{0.5, 1}, Sharpness: nan},
		{Iter: 2, F: 0.5, GradNorm: 0.25, LR: 0.01, X: []float64{0.25, 0.5}, Sharpness: math.Inf(1)},
	}
	tests := []struct {
		name string
		opts []Option
		want string
	}{
		{"s.csv", []Option{WithSharpness()}, "iter,f,grad_norm,lr,x,y,sharpness\n" +
			"0,2,1,0.01,1,2,100\n1,1,0.5,0.01,0.5,1,\n2,0.5,0.25,0.01,0.25,0.5,+Inf\n"},
		{"s.jsonl", []Option{WithSharpness()},
			`{"iter":0,"f":2,"grad_norm":1,"lr":0.01,"x":[1,2],"sharpness":100}` + "\n" +
				`{"iter":1,"f":1,"grad_norm":0.5,"lr":0.01,"x":[0.5,1]}` + "\n" +
				`{"iter":2,"f":0.5,"grad_norm":0.25,"lr":0.01,"x":[0.25,0.5],"sharpness":null}` + "\n"},
		// Without the option the rows' Sharpness is ignored.
		{"n.csv", nil, "iter,f,grad_norm,lr,x,y\n0,2,1,0.01,1,2\n1,1,0.5,0.01,0.5,1\n2,0.5,0.25,0.01,0.25,0.5\n"},
		{"n.jsonl", nil,
			`{"iter":0,"f":2,"grad_norm":1,"lr":0.01,"x":[1,2]}` + "\n" +
				`{"iter":1,"f":1,"grad_norm":0.5,"lr":0.01,"x":[0.5,1]}` + "\n" +
				`{"iter":2,"f":0.5,"grad_norm":0.25,"lr":0.01,"x":[0.25,0.5]}` + "\n"},
	}
	for _, tc := range tests {
		path := filepath.Join(dir, tc.name)
		w, err := Create(path, []string{"x", "y"}, tc.opts...)
		if err != nil {
			t.Fatal(err)
		}
		for _, r := range rows {
			if err := w.Observe(r); err != nil {
				t.Fatal(err)
			}
		}
		if err := w.Close(); err != nil {
			t.Fatal(err)
		}
		b, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		if string(b) != tc.want {
			t.Errorf("%s:\n got %q\nwant %q", tc.name, b, tc.want)
		}
	}
}
