package cli

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestExitCodes (issue 13): the README's table of exit statuses, one row
// per cause — unknown commands and extra arguments are usage errors (2),
// explicit zeros of flags whose zero means "default" are refused (2), as
// are values that underflow to 0 or leave an optimizer's valid range, and
// compare exits 3 when every run diverged, as minimize does.
func TestExitCodes(t *testing.T) {
	dir := t.TempDir()
	csv := filepath.Join(dir, "s.csv")
	if err := os.WriteFile(csv, []byte("x,y\n1,2\n2,3\n3,5\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	for _, tc := range []struct {
		args []string
		code int
		msg  string
	}{
		{[]string{"foo"}, 2, "unknown command"},
		{[]string{"minimize", "--func", "sphere", "extra"}, 2, "extra"},
		{[]string{"lrfind", "--func", "sphere", "--steps", "0"}, 2, "--steps: 0: must be > 0"},
		{[]string{"lrfind", "--func", "sphere", "--start-lr", "0"}, 2, "--start-lr"},
		{[]string{"lrfind", "--func", "sphere", "--steps", "100000000"}, 2, "--steps: 100000000: at most 1000000"},
		{[]string{"minimize", "--func", "sphere", "--opt", "lbfgs:history=100000000"}, 2, "use at most 1000"},
		{[]string{"minimize", "--func", "sphere", "--opt", "adagrad", "--schedule", "onecycle:max_lr=0.1"}, 2, "--schedule: schedule \"onecycle\" cycles the momentum but the optimizer adagrad has no momentum"},
		{[]string{"train", "--data", "../../../testdata/datasets/iris.csv", "--model", "mlp:hidden=16,act=relu", "--standardize", "--opt", "lion:lr=0.001", "--schedule", "onecycle:max_lr=0.01", "--batch", "16", "--epochs", "30"}, 0, ""},
		{[]string{"minimize", "--func", "sphere", "--opt", "sgd_sf", "--schedule", "onecycle:max_lr=0.1"}, 2, "--schedule: schedule \"onecycle\" cycles the momentum but the optimizer sgd_sf takes no cycled momentum"},
		{[]string{"minimize", "--func", "sphere", "--opt", "sparse_adam"}, 2, "--opt: sparse_adam updates only the coordinates a sparse gradient touches, but this problem is dense"},
		{[]string{"minimize", "--func", "sphere", "--opt", "lbfgs_torch:history_size=0"}, 2, "invalid history_size 0: must be ≥ 1"},
		{[]string{"train", "--data", csv, "--model", "linear", "--stream", "--buffer", "0"}, 2, "--buffer"},
		{[]string{"train", "--data", csv, "--model", "linear", "--batch", "2", "--shuffle-window", "8"}, 2, "--shuffle-window: 8: a window of blocks needs shuffle_block > 1"},
		{[]string{"train", "--data", csv, "--model", "linear", "--batch", "2", "--shuffle-block", "2", "--shuffle-window", "-1"}, 2, "--shuffle-window: -1: must be ≥ 0"},
		{[]string{"minimize", "--func", "sphere", "--opt", "adam:lr=1e-400"}, 2, "underflows to 0"},
		{[]string{"minimize", "--func", "sphere", "--opt", "rmsprop:alpha=2"}, 2, "must be in [0, 1)"},
		{[]string{"train", "--data", csv, "--model", "mlp:hidden=40000,40000"}, 2, "exceed the limit of 67108864"},
		{[]string{"compare", "--func", "sphere", "--opt", "gd", "--lr", "10,20"}, 3, ""},
		{[]string{"compare", "--func", "sphere", "--opt", "gd", "--lr", "10,0.1"}, 0, ""},
		{[]string{"minimize", "--func", "sphere", "--opt", "gd:lr=10"}, 3, ""},
	} {
		_, errs, code := runCLI(t, tc.args...)
		if code != tc.code || !strings.Contains(errs, tc.msg) {
			t.Errorf("%v: exit %d (%q), want %d with %q", tc.args, code, errs, tc.code, tc.msg)
		}
	}
}

// TestBadOutputsBeforeWork (issue 13): an output path naming a directory
// is refused before the run (it used to fail after training), and
// fractional labels are not taken for classes.
func TestBadOutputsBeforeWork(t *testing.T) {
	dir := t.TempDir()
	csv := filepath.Join(dir, "s.csv")
	frac := filepath.Join(dir, "frac.csv")
	if err := os.WriteFile(csv, []byte("x,y\n1,0\n2,1\n3,0\n4,1\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(frac, []byte("x,y\n1,0.5\n2,1.5\n3,2.5\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	for _, d := range []string{"m.json", "t.csv"} {
		if err := os.Mkdir(filepath.Join(dir, d), 0o755); err != nil {
			t.Fatal(err)
		}
	}
	for _, tc := range []struct {
		args []string
		msg  string
	}{
		{[]string{"train", "--data", csv, "--model", "logistic", "--save", filepath.Join(dir, "m.json")}, "is a directory"},
		{[]string{"train", "--data", csv, "--model", "logistic", "--trace", filepath.Join(dir, "t.csv")}, "is a directory"},
		{[]string{"minimize", "--func", "sphere", "--trace", filepath.Join(dir, "t.csv")}, "it is a directory"},
		{[]string{"train", "--data", frac, "--model", "softmax"}, "class labels are integers"},
	} {
		out, errs, code := runCLI(t, tc.args...)
		if code != 2 || !strings.Contains(errs, tc.msg) || out != "" {
			t.Errorf("%v: exit %d, stderr %q, stdout %q; want exit 2 with %q before any output", tc.args, code, errs, out, tc.msg)
		}
	}
}
