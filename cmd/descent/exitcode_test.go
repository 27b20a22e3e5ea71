package main

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
		{[]string{"train", "--data", csv, "--model", "linear", "--stream", "--buffer", "0"}, 2, "--buffer"},
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
