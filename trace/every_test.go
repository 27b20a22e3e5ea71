package trace

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/descentgo/descent/minimize"
)

// TestWithEvery: rows 0, every k-th and the last are kept (issue 13:
// long runs' traces can be thinned instead of growing to gigabytes).
func TestWithEvery(t *testing.T) {
	path := filepath.Join(t.TempDir(), "t.csv")
	w, err := Create(path, []string{"x"}, WithEvery(4))
	if err != nil {
		t.Fatal(err)
	}
	for k := 0; k <= 10; k++ {
		if err := w.Observe(minimize.Row{Iter: k, F: float64(k), GradNorm: 1, LR: 0.1, X: []float64{float64(k)}}); err != nil {
			t.Fatal(err)
		}
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	b, _ := os.ReadFile(path)
	var iters []string
	for _, line := range strings.Split(strings.TrimSpace(string(b)), "\n")[1:] {
		iters = append(iters, strings.SplitN(line, ",", 2)[0])
	}
	if got := strings.Join(iters, " "); got != "0 4 8 10" {
		t.Errorf("rows %q, want 0 4 8 10", got)
	}
	// 10⁷ iterations of a 2-D run: 10⁷ rows × 6 numbers × 24 bytes.
	if e := EstimateBytes(10_000_001, 2); e < 1.4e9 || e > 1.5e9 {
		t.Errorf("estimate %g", e)
	}
}
