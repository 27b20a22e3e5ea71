package serve_test

import (
	"fmt"
	"math"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"

	"github.com/descentgo/descent/serve"
)

// TestBrowserTryLRRemembersTheRun: a run's "Try lr" button follows its
// advice with memory. Rosenbrock under RMSprop at 0.003 for 800 steps is
// too slow and told 0.009487; the run the button starts (at 0.0095, the
// page's two digits) zig-zags there, and its advice — given the previous
// rate 0.003 (prev_lr) — bisects the two on a log scale, √(0.003·0.0095)
// = 0.005339, instead of halving to 0.00475; the link keeps the previous
// rate, so the shared page shows the same advice.
func TestBrowserTryLRRemembersTheRun(t *testing.T) {
	ctx, base := browserPage(t, serve.Config{})
	link := base + "/#f=rosenbrock&o=rmsprop%3Alr%3D0.003&n=800&r=rmsprop%3Alr%3D0.003"
	run(t, ctx, "load", chromedp.EmulateViewport(1280, 900), chromedp.Navigate(link))
	waitJS(t, ctx, "the first run", idle+` && document.querySelectorAll("#runs li.run").length === 1`)
	try := `Array.from(document.querySelectorAll("#runs li.run")[0].querySelectorAll("button.try")).find(b => b.textContent.startsWith("Try lr"))`
	if label := eval[string](t, ctx, try+`.textContent`); label != "Try lr = 0.0095" {
		t.Fatalf("the first run's button %q, want Try lr = 0.0095 (0.009487)", label)
	}
	run(t, ctx, "try the suggested lr", doJS(try+`.click()`))
	waitJS(t, ctx, "the second run", idle+` && document.querySelectorAll("#runs li.run").length === 2`)
	advice := eval[string](t, ctx, `document.querySelectorAll("#runs li.run")[1].querySelector(".advice").textContent`)
	// The page's lr control keeps two significant digits: the run is at
	// 0.0095, and the midpoint is √(0.003·0.0095) = 0.005339.
	prev, lr, mid := bisection(t, advice)
	if prev != 0.003 || math.Abs(lr-0.0095) > 1e-12 || math.Abs(mid-math.Sqrt(prev*lr)) > 1e-6 {
		t.Errorf("the second run's advice %q: previous %g, rate %g, midpoint %g; want 0.003, 0.0095 and √(0.003·0.0095) = %.4g", advice, prev, lr, mid, math.Sqrt(0.003*0.0095))
	}
	if h := eval[string](t, ctx, `decodeURIComponent(location.hash)`); !strings.Contains(h, "|0.003") {
		t.Errorf("the link %s does not keep the previous rate", h)
	}
}

// bisection reads advice that bisects a turned-back hop: the previous
// run's rate, the rate it was moved to, and the midpoint advised.
func bisection(t *testing.T, advice string) (prev, lr, mid float64) {
	t.Helper()
	if i := strings.Index(advice, "the run before this one, at lr "); i < 0 {
		t.Fatalf("the advice %q does not name the previous run", advice)
	} else if _, err := fmt.Sscanf(advice[i:], "the run before this one, at lr %g, was moved to lr %g,", &prev, &lr); err != nil {
		t.Fatalf("the advice %q: %v", advice, err)
	}
	if i := strings.Index(advice, "bisected on a log scale, use lr "); i < 0 {
		t.Fatalf("the advice %q: no bisection", advice)
	} else if _, err := fmt.Sscanf(advice[i:], "bisected on a log scale, use lr %g", &mid); err != nil {
		t.Fatalf("the advice %q: %v", advice, err)
	}
	return prev, lr, mid
}
