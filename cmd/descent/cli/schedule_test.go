package cli

import (
	"image/png"
	"math"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/descentgo/descent/viz"
)

// scheduleShape is the documented shape of `descent schedule --json`.
type scheduleShape struct {
	Schedule string    `json:"schedule"`
	BaseLR   float64   `json:"base_lr"`
	Steps    []int     `json:"steps"`
	LR       []float64 `json:"lr"`
	Momentum []float64 `json:"momentum,omitempty"`
}

// TestScheduleJSON: cosine's t_max defaults to --steps, the rates follow
// lr·(1+cos(πt/T))/2, and only momentum-cycling schedules print momentum.
func TestScheduleJSON(t *testing.T) {
	out, errs, code := runCLI(t, "schedule", "cosine", "--steps", "50", "--lr", "0.2", "--json")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errs)
	}
	var r scheduleShape
	if err := decodeStrict([]byte(out), &r); err != nil {
		t.Fatalf("%v\n%s", err, out)
	}
	if r.Schedule != "cosine" || r.BaseLR != 0.2 || len(r.Steps) != 50 || len(r.LR) != 50 || r.Momentum != nil {
		t.Fatalf("shape: %+v", r)
	}
	for i, lr := range r.LR {
		want := 0.2 * (1 + math.Cos(math.Pi*float64(i)/50)) / 2
		if r.Steps[i] != i || math.Abs(lr-want) > 1e-15 {
			t.Fatalf("step %d (%d): lr %.17g, want %.17g", i, r.Steps[i], lr, want)
		}
	}

	out, errs, code = runCLI(t, "schedule", "onecycle:max_lr=1", "--steps", "100", "--json")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errs)
	}
	r = scheduleShape{}
	if err := decodeStrict([]byte(out), &r); err != nil {
		t.Fatal(err)
	}
	// 1cycle: starts at max_lr/25 with momentum 0.95, peaks at step p·N−1 = 29
	// with momentum 0.85.
	if len(r.Momentum) != 100 || math.Abs(r.LR[0]-1.0/25) > 1e-15 || r.Momentum[0] != 0.95 || r.LR[29] != 1 || r.Momentum[29] != 0.85 {
		t.Fatalf("onecycle: lr[0] %g, lr[29] %g, momentum %v", r.LR[0], r.LR[29], r.Momentum)
	}
}

// TestScheduleText: a header and one line per step; sequential and lambda
// specifications with their separators pass through the command line.
func TestScheduleText(t *testing.T) {
	for _, tc := range []struct {
		args []string
		want []string // lines 2, 3, … after "# SPEC, base lr LR"
	}{
		{[]string{"schedule", "lambda:expr=min(1, (t+1)/4)", "--steps", "5", "--lr", "1"},
			[]string{"  step  lr", "     0  0.25", "     1  0.5", "     2  0.75", "     3  1", "     4  1"}},
		{[]string{"schedule", "sequential:schedulers=constant:factor=0.5;total_iters=2|exponential:gamma=0.5,milestones=2", "--steps", "4", "--lr", "1"},
			[]string{"  step  lr", "     0  0.5", "     1  0.5", "     2  1", "     3  0.5"}},
		{[]string{"schedule", "cyclic:base_lr=0,max_lr=1,step_size_up=2", "--steps", "3", "--lr", "1"},
			[]string{"  step  lr                      momentum", "     0  0                       0.9", "     1  0.5                     0.8500000000000001", "     2  1                       0.8"}}, // 0.9 − 0.1·0.5 in float64
	} {
		out, errs, code := runCLI(t, tc.args...)
		if code != 0 {
			t.Fatalf("%v: exit %d: %s", tc.args, code, errs)
		}
		lines := strings.Split(strings.TrimRight(out, "\n"), "\n")
		if !strings.HasPrefix(lines[0], "# ") || strings.Join(lines[1:], "\n") != strings.Join(tc.want, "\n") {
			t.Errorf("%v:\n%s\nwant after the title:\n%s", tc.args, out, strings.Join(tc.want, "\n"))
		}
	}
}

func TestScheduleErrors(t *testing.T) {
	dir := t.TempDir()
	for _, tc := range []struct {
		args []string
		msg  string
	}{
		{[]string{"schedule"}, "schedule takes one SPEC (e.g. cosine:t_max=100), got 0 arguments"},
		{[]string{"schedule", "cosine", "step"}, "got 2 arguments"},
		{[]string{"schedule", "cosin"}, `unknown schedule "cosin"`},
		{[]string{"schedule", "cosine:t_max=x"}, `schedule "cosine": t_max=x: "x" is not an integer`},
		{[]string{"schedule", ":"}, `SPEC: ":": missing name before ':'`},
		{[]string{"schedule", "lambda:expr=sin(t"}, `schedule "lambda": expr=sin(t: expr:1:6: missing ")" to match "(" at 1:4`},
		{[]string{"schedule", "sequential:schedulers=linear|plateau,milestones=3"}, "plateau steps on a metric once per epoch and cannot be composed"},
		{[]string{"schedule", "plateau"}, `schedule "plateau" steps on a monitored metric`},
		{[]string{"schedule", "cosine", "--steps", "0"}, "--steps 0: must be ≥ 1"},
		{[]string{"schedule", "cosine", "--lr", "-1"}, "invalid base learning rate -1"},
		{[]string{"schedule", "cosine", "--plot", filepath.Join(dir, "x.txt")}, `unsupported extension ".txt"`},
		{[]string{"schedule", "cosine", "--stepz", "3"}, "unknown flag: --stepz"},
	} {
		out, errs, code := runCLI(t, tc.args...)
		if code != 2 || !strings.Contains(errs, tc.msg) || out != "" {
			t.Errorf("%v: exit %d, stdout %q, stderr %q; want exit 2 with %q", tc.args, code, out, errs, tc.msg)
		}
	}
}

// TestSchedulePlot: the PNG is 960×540 and the curve is drawn in the first
// series color across the chart, high on the left and low on the right for
// a decaying rate.
func TestSchedulePlot(t *testing.T) {
	plot := filepath.Join(t.TempDir(), "s.png")
	if _, errs, code := runCLI(t, "schedule", "exponential:gamma=0.97", "--steps", "200", "--plot", plot); code != 0 {
		t.Fatalf("exit %d: %s", code, errs)
	}
	f, err := os.Open(plot)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	img, err := png.Decode(f)
	if err != nil {
		t.Fatal(err)
	}
	b := img.Bounds()
	if b.Dx() != 960 || b.Dy() != 540 {
		t.Fatalf("size %v, want 960×540", b)
	}
	c := viz.SeriesColor(0)
	near := func(x, y int) bool {
		r, g, bl, _ := img.At(x, y).RGBA()
		d := func(a uint32, want uint8) float64 { return math.Abs(float64(a>>8) - float64(want)) }
		return d(r, c.R)+d(g, c.G)+d(bl, c.B) < 60
	}
	var cols, firstY, lastY int
	firstY, lastY = -1, -1
	for x := b.Min.X; x < b.Max.X; x++ {
		hit := -1
		for y := b.Min.Y; y < b.Max.Y; y++ {
			if near(x, y) {
				hit = y
				break
			}
		}
		if hit >= 0 {
			cols++
			if firstY < 0 {
				firstY = hit
			}
			lastY = hit
		}
	}
	if cols < 600 {
		t.Errorf("the curve covers %d columns of 960, want most of the width", cols)
	}
	if !(firstY >= 0 && lastY > firstY+200) {
		t.Errorf("curve from y=%d to y=%d: a decaying rate should fall across the chart", firstY, lastY)
	}
}
