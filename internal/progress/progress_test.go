package progress

import (
	"bytes"
	"io"
	"os"
	"strings"
	"sync"
	"testing"
	"time"
	"unicode/utf8"
)

// fakeClock is a settable clock.
type fakeClock struct{ t time.Time }

func (c *fakeClock) now() time.Time          { return c.t }
func (c *fakeClock) advance(d time.Duration) { c.t = c.t.Add(d) }

func newTestBar(total int, label string, cols int) (*Bar, *bytes.Buffer, *fakeClock) {
	var buf bytes.Buffer
	clk := &fakeClock{t: time.Date(2024, 1, 1, 0, 0, 0, 0, time.UTC)}
	b := New(&buf, total, label, ForceTerminal(cols), WithClock(clk.now))
	return b, &buf, clk
}

// lines splits the output into the redraws.
func lines(s string) []string {
	var out []string
	for _, l := range strings.Split(s, "\r") {
		if l != "" {
			out = append(out, l)
		}
	}
	return out
}

func TestDisabledWhenNotATerminal(t *testing.T) {
	r, w, err := os.Pipe()
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	defer w.Close()
	var buf bytes.Buffer
	for _, wr := range []interface{ Write([]byte) (int, error) }{&buf, w} {
		b := New(wr, 10, "x")
		if b.Enabled() || b.Due() {
			t.Errorf("%T: bar enabled on a non-terminal", wr)
		}
		b.Set(1, "s")
		b.Add(1, "s")
		b.Finish()
	}
	if buf.Len() != 0 {
		t.Errorf("wrote %q to a non-terminal", buf.String())
	}
	var nilBar *Bar
	nilBar.Set(1, "")
	nilBar.Add(1, "")
	nilBar.Finish()
	if nilBar.Enabled() || nilBar.Due() {
		t.Error("nil bar enabled")
	}
}

func TestLine(t *testing.T) {
	b, buf, clk := newTestBar(1000, "gd lr=0.05", 100)
	clk.advance(2 * time.Second)
	b.Set(250, "f=1.2e-3")
	got := lines(buf.String())
	if len(got) != 1 {
		t.Fatalf("got %d redraws %q, want 1", len(got), got)
	}
	l := got[0]
	for _, want := range []string{"gd lr=0.05", "250/1000", "25%", "125 it/s", "ETA 0:06", "f=1.2e-3", "█", "\x1b[K"} {
		if !strings.Contains(l, want) {
			t.Errorf("line %q lacks %q", l, want)
		}
	}
	if n := utf8.RuneCountInString(strings.TrimSuffix(l, "\x1b[K")); n > 99 {
		t.Errorf("line is %d columns wide on a 100-column terminal", n)
	}
}

func TestThrottle(t *testing.T) {
	b, buf, clk := newTestBar(100, "run", 80)
	b.Set(1, "a") // first call draws
	for i := 2; i < 50; i++ {
		clk.advance(time.Millisecond)
		if b.Due() {
			t.Fatalf("due %v after the last redraw", time.Duration(i)*time.Millisecond)
		}
		b.Set(i, "b")
	}
	if n := len(lines(buf.String())); n != 1 {
		t.Errorf("%d redraws within 50 ms, want 1", n)
	}
	clk.advance(100 * time.Millisecond)
	if !b.Due() {
		t.Error("not due after 100 ms")
	}
	b.Add(1, "c")
	got := lines(buf.String())
	if len(got) != 2 || !strings.Contains(got[1], "50/100") || !strings.Contains(got[1], "c") {
		t.Errorf("redraws %q, want a second one at 50/100 with status c", got)
	}
	// Reaching the total always redraws.
	b.Set(100, "done")
	got = lines(buf.String())
	if len(got) != 3 || !strings.Contains(got[2], "100/100") || !strings.Contains(got[2], "100%") {
		t.Errorf("final redraw missing: %q", got)
	}
}

func TestFinishClearsLine(t *testing.T) {
	b, buf, _ := newTestBar(10, "x", 80)
	b.Set(3, "")
	b.Finish()
	if !strings.HasSuffix(buf.String(), "\r\x1b[K") {
		t.Errorf("output %q does not end by clearing the line", buf.String())
	}
	n := buf.Len()
	b.Set(5, "")
	b.Finish()
	if buf.Len() != n || b.Enabled() {
		t.Error("bar still active after Finish")
	}
	// A bar that never drew writes nothing when finished.
	b2, buf2, _ := newTestBar(10, "x", 80)
	b2.Finish()
	if buf2.Len() != 0 {
		t.Errorf("wrote %q", buf2.String())
	}
}

func TestFormats(t *testing.T) {
	tests := []struct {
		name  string
		total int
		cols  int
		i     int
		after time.Duration
		want  []string
		not   []string
	}{
		{"unknown total", 0, 80, 42, time.Second, []string{"42", "42.0 it/s"}, []string{"42/", "%", "ETA", " ["}},
		{"slow", 10, 80, 1, 4 * time.Second, []string{"1/10", "4.0 s/it", "ETA 0:36"}, nil},
		{"fast", 10_000_000, 80, 5_000_000, time.Second, []string{"5.00M it/s", "50%", "ETA 0:01"}, nil},
		{"hours", 100_000, 80, 1, time.Second, []string{"ETA 27:46:39"}, nil},
		{"days", 1_000_000, 80, 1, time.Second, []string{"ETA >99h"}, nil},
		{"narrow", 100, 30, 10, time.Second, []string{"10/100"}, []string{" ["}},
		{"past total", 10, 80, 15, time.Second, []string{"15/10", "100%"}, []string{"ETA"}},
		{"no time yet", 10, 80, 1, 0, []string{"– it/s"}, []string{"ETA"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			b, buf, clk := newTestBar(tt.total, "L", tt.cols)
			clk.advance(tt.after)
			b.Set(tt.i, "")
			out := buf.String()
			for _, w := range tt.want {
				if !strings.Contains(out, w) {
					t.Errorf("%q lacks %q", out, w)
				}
			}
			for _, w := range tt.not {
				if strings.Contains(strings.TrimPrefix(out, "\rL  "), w) {
					t.Errorf("%q contains %q", out, w)
				}
			}
			if n := utf8.RuneCountInString(strings.TrimSuffix(strings.TrimPrefix(out, "\r"), "\x1b[K")); n > tt.cols-1 {
				t.Errorf("line %d columns, terminal %d", n, tt.cols)
			}
		})
	}
}

func TestLongStatusIsCut(t *testing.T) {
	b, buf, _ := newTestBar(10, "label", 40)
	b.Set(1, strings.Repeat("é", 100))
	l := strings.TrimSuffix(strings.TrimPrefix(buf.String(), "\r"), "\x1b[K")
	if !utf8.ValidString(l) {
		t.Errorf("cut inside a rune: %q", l)
	}
	if n := utf8.RuneCountInString(l); n != 39 {
		t.Errorf("line %d columns, want 39", n)
	}
}

func TestBarFill(t *testing.T) {
	tests := []struct {
		frac float64
		n    int
		want string
	}{
		{0, 4, "    "},
		{1, 4, "████"},
		{0.5, 4, "██  "},
		{0.5 + 1.0/32, 4, "██▏ "},
	}
	for _, tt := range tests {
		if got := string(appendBar(nil, tt.frac, tt.n)); got != tt.want {
			t.Errorf("appendBar(%g, %d) = %q, want %q", tt.frac, tt.n, got, tt.want)
		}
	}
}

func TestNoAllocWhenThrottled(t *testing.T) {
	clk := &fakeClock{t: time.Unix(0, 0)}
	b := New(io.Discard, 1000, "x", ForceTerminal(80), WithClock(clk.now))
	b.Set(1, "f=1")
	allocs := testing.AllocsPerRun(1000, func() {
		clk.advance(time.Microsecond)
		b.Set(2, "f=2")
		b.Add(1, "f=3")
		_ = b.Due()
	})
	if allocs != 0 {
		t.Errorf("%v allocations per throttled call, want 0", allocs)
	}
	// Redraws reuse their buffers too.
	allocs = testing.AllocsPerRun(100, func() {
		clk.advance(time.Second)
		b.Set(3, "f=4")
	})
	if allocs > 0 {
		t.Errorf("%v allocations per redraw", allocs)
	}
}

func TestConcurrentUse(t *testing.T) {
	b, buf, _ := newTestBar(1000, "x", 80)
	_ = buf
	var wg sync.WaitGroup
	for g := 0; g < 4; g++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := 0; i < 250; i++ {
				b.Add(1, "")
			}
		}()
	}
	wg.Wait()
	b.mu.Lock()
	defer b.mu.Unlock()
	if b.i != 1000 {
		t.Errorf("count %d after 4×250 Adds", b.i)
	}
}

func BenchmarkSetThrottled(b *testing.B) {
	bar := New(io.Discard, 1<<62, "bench", ForceTerminal(80))
	bar.Set(0, "")
	b.ReportAllocs()
	for i := 0; b.Loop(); i++ {
		bar.Set(i, "f=1e-3")
	}
}
