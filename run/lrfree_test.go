package run

import (
	"context"
	"math"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/descentgo/descent/diagnose"
	"github.com/descentgo/descent/minimize"
	"github.com/descentgo/descent/optim"
	"github.com/descentgo/descent/problem"
)

// TestLRFreeRuns (issue 16): a learning-rate-free method's trace records
// the step it chose (column "step", DoG's first η = r_ε(1+‖x₀‖)/√(‖g₀‖²+ε)
// on x² + y² from (3, 4): 1e-6·6/√(100+1e-8)), and its advice never names
// a learning rate (its lr only scales the step it finds).
func TestLRFreeRuns(t *testing.T) {
	p, err := problem.New(problem.Spec{Expr: "x^2 + y^2", Start: []float64{3, 4}})
	if err != nil {
		t.Fatal(err)
	}
	for _, name := range []string{"dog", "prodigy"} {
		path := filepath.Join(t.TempDir(), "t.csv")
		s := minimize.DefaultSettings()
		s.MaxIters = 50
		rep, err := Minimize(context.Background(), Config{Problem: p, Opt: mustSpec(t, name), Settings: s, Trace: path})
		if err != nil {
			t.Fatal(err)
		}
		b, _ := os.ReadFile(path)
		lines := strings.Split(strings.TrimSpace(string(b)), "\n")
		if !strings.HasSuffix(lines[0], ",step") || len(lines) != 52 {
			t.Fatalf("%s: trace header %q, %d lines", name, lines[0], len(lines))
		}
		if name == "dog" {
			f := strings.Split(lines[2], ",")
			got, _ := strconv.ParseFloat(f[len(f)-1], 64)
			if want := 1e-6 * 6 / math.Sqrt(100+1e-8); math.Abs(got-want) > 1e-15*want {
				t.Errorf("dog's first step in the trace: %g, want %g", got, want)
			}
		}
		if rep.Diagnosis.SuggestedLR != 0 || strings.Contains(rep.Diagnosis.Advice, "lr ") {
			t.Errorf("%s: advice %q suggests a rate %g", name, rep.Diagnosis.Advice, rep.Diagnosis.SuggestedLR)
		}
		a, _ := optim.NewSpec(mustSpec(t, name))
		if diagnose.FamilyOf(a) != diagnose.Method {
			t.Errorf("%s: family %v, want Method", name, diagnose.FamilyOf(a))
		}
	}
}
