package minimize

import (
	"context"
	"strings"
	"testing"

	"github.com/descentgo/descent/optim"
)

// TestFTolMessageCountsUnits: the f-tol stop names its patience in the
// right number — "for 1 iteration", "for 2 iterations" — on the run of
// TestFTolRule (½x² from 3, gd at 0.5, FTol 0.01).
func TestFTolMessageCountsUnits(t *testing.T) {
	for _, c := range []struct {
		patience int
		want     string
	}{{1, "for 1 iteration (iteration"}, {2, "for 2 iterations (iteration"}} {
		q := quad{a: []float64{1}}
		res, err := Minimize(context.Background(), q, []float64{3}, &optim.GD{LearningRate: 0.5}, Settings{Stop: Stop{MaxIters: 100, FTol: 0.01, Patience: c.patience}})
		if err != nil {
			t.Fatal(err)
		}
		if res.Status != ConvergedF || !strings.Contains(res.Message, c.want) {
			t.Errorf("patience %d: %s %q, want converged_f and %q", c.patience, res.Status, res.Message, c.want)
		}
	}
}
