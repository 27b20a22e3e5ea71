package cli

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// TestNoNonFiniteResults (issue 13): diverged runs must not print NaN or
// ±Inf as result values in text output; the lines other than the status
// line (which says what happened) are checked. x² from 1e150 with lr 1e10
// overflows at the first step (x₁ = (1 − 2e10)·1e150, f = x₁² > 1.8e308);
// the linear fit with lr 1e160 overflows its objective at epoch 1.
func TestNoNonFiniteResults(t *testing.T) {
	dir := t.TempDir()
	csv := filepath.Join(dir, "lin.csv")
	if err := os.WriteFile(csv, []byte("x,y\n1,2\n2,4.1\n3,5.9\n4,8.2\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	bad := regexp.MustCompile(`(?i)\bNaN\b|[+-]?\bInf\b`)
	for _, args := range [][]string{
		{"minimize", "--expr", "x^2", "--start", "1e150", "--opt", "gd:lr=1e10"},
		{"compare", "--expr", "x^2", "--start", "1e150", "--opt", "gd", "--lr", "1e10,0.1"},
		{"train", "--data", csv, "--model", "linear", "--opt", "gd:lr=1e160", "--epochs", "5"},
	} {
		out, errs, _ := runCLI(t, args...)
		if out == "" {
			t.Fatalf("%v: no output (%s)", args, errs)
		}
		if !strings.Contains(out, "overflowed") {
			t.Errorf("%v: the overflowed result is not said:\n%s", args, out)
		}
		for _, line := range strings.Split(out, "\n") {
			if strings.Contains(line, "status ") || strings.Contains(line, "verdict") || strings.Contains(line, "blew up") {
				continue
			}
			if bad.MatchString(line) {
				t.Errorf("%v: non-finite value printed as a result: %q", args, line)
			}
		}
	}
}
