// Package progress draws a one-line progress bar on a terminal, usually
// standard error, so that standard output stays clean for data.
//
// A bar draws only when its writer is a terminal; otherwise New returns a
// bar whose methods do nothing, so callers need no checks of their own:
//
//	bar := progress.New(os.Stderr, iters, "gd lr=0.05")
//	for i := range iters {
//		f := step()
//		if bar.Due() {
//			bar.Set(i+1, "f="+strconv.FormatFloat(f, 'g', 3, 64))
//		}
//	}
//	bar.Finish()
//
// Redraws are throttled to one per 100 ms; a call that does not redraw
// neither allocates nor writes. The line shows the label, the iteration and
// total, a bar, the rate, the estimated time left and the caller's status,
// and is cut to the terminal width so it never wraps.
package progress

import (
	"io"
	"math"
	"strconv"
	"sync"
	"time"
	"unicode/utf8"

	"golang.org/x/term"
)

// DefaultInterval is the least time between two redraws.
const DefaultInterval = 100 * time.Millisecond

// Bar is a progress bar. Its methods are safe for concurrent use, and do
// nothing on a nil or disabled bar.
type Bar struct {
	mu       sync.Mutex
	w        io.Writer
	total    int
	label    string
	cols     int
	interval time.Duration
	now      func() time.Time

	enabled  bool
	start    time.Time
	last     time.Time // of the last redraw; zero before the first
	i        int
	status   string
	drawn    bool
	finished bool
	barCols  int    // bar width, fixed at the first redraw; -1 before
	buf      []byte // the parts of the line but the bar
	line     []byte // the line written
}

// An Option configures a Bar.
type Option func(*Bar)

// ForceTerminal makes the bar draw even when its writer is not a terminal,
// as if on a terminal cols columns wide (80 if cols ≤ 0). It is meant for
// tests and for logs that understand carriage returns.
func ForceTerminal(cols int) Option {
	return func(b *Bar) {
		b.enabled = true
		if cols > 0 {
			b.cols = cols
		}
	}
}

// WithClock replaces time.Now, for tests.
func WithClock(now func() time.Time) Option {
	return func(b *Bar) { b.now = now }
}

// WithInterval sets the least time between redraws (DefaultInterval if
// d ≤ 0).
func WithInterval(d time.Duration) Option {
	return func(b *Bar) {
		if d > 0 {
			b.interval = d
		}
	}
}

// fder is implemented by *os.File.
type fder interface{ Fd() uintptr }

// New returns a bar counting to total (no bar and no time estimate if
// total ≤ 0) under the given label, drawing to w, which is usually
// os.Stderr. Unless w is a terminal (or ForceTerminal is given) the bar is
// disabled and its methods do nothing.
func New(w io.Writer, total int, label string, opts ...Option) *Bar {
	b := &Bar{w: w, total: total, label: label, cols: 80, interval: DefaultInterval, now: time.Now, barCols: -1}
	if f, ok := w.(fder); ok {
		fd := int(f.Fd())
		if term.IsTerminal(fd) {
			b.enabled = true
			if cols, _, err := term.GetSize(fd); err == nil && cols > 0 {
				b.cols = cols
			}
		}
	}
	for _, o := range opts {
		o(b)
	}
	if b.enabled {
		b.start = b.now()
		b.buf = make([]byte, 0, 2*b.cols+16)
		b.line = make([]byte, 0, 4*b.cols+16)
	}
	return b
}

// Enabled reports whether the bar draws at all.
func (b *Bar) Enabled() bool {
	if b == nil {
		return false
	}
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.enabled && !b.finished
}

// Due reports whether the next Set or Add would redraw, so that a caller can
// skip formatting a status that would not be shown.
func (b *Bar) Due() bool {
	if b == nil {
		return false
	}
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.enabled && !b.finished && b.due(b.now())
}

func (b *Bar) due(now time.Time) bool {
	return b.last.IsZero() || now.Sub(b.last) >= b.interval
}

// Set records that i of total iterations are done, with a short status
// such as "f=1.2e-3", and redraws if the last redraw is at least the
// interval old. Reaching total always redraws.
func (b *Bar) Set(i int, status string) {
	if b == nil {
		return
	}
	b.mu.Lock()
	defer b.mu.Unlock()
	b.set(i, status)
}

// Add adds n to the count of done iterations; see Set.
func (b *Bar) Add(n int, status string) {
	if b == nil {
		return
	}
	b.mu.Lock()
	defer b.mu.Unlock()
	b.set(b.i+n, status)
}

func (b *Bar) set(i int, status string) {
	if !b.enabled || b.finished {
		return
	}
	b.i, b.status = i, status
	now := b.now()
	if !b.due(now) && (b.total <= 0 || i < b.total) {
		return
	}
	b.last = now
	b.draw(now)
}

// Finish clears the bar's line. Later calls do nothing.
func (b *Bar) Finish() {
	if b == nil {
		return
	}
	b.mu.Lock()
	defer b.mu.Unlock()
	if !b.enabled || b.finished {
		return
	}
	b.finished = true
	if b.drawn {
		io.WriteString(b.w, "\r\x1b[K")
	}
}

// draw writes the line: label, i/total, bar, percentage, rate, time left,
// status.
func (b *Bar) draw(now time.Time) {
	elapsed := now.Sub(b.start).Seconds()
	rate := 0.0
	if elapsed > 0 {
		rate = float64(b.i) / elapsed
	}

	// Everything but the bar, to know how wide the bar may be.
	buf := b.buf[:0]
	buf = append(buf, '\r')
	buf = append(buf, b.label...)
	if b.label != "" {
		buf = append(buf, ' ', ' ')
	}
	if b.total > 0 {
		// Right-align the count under the total, so the bar stays put.
		for pad := digits(b.total) - digits(b.i); pad > 0; pad-- {
			buf = append(buf, ' ')
		}
	}
	buf = strconv.AppendInt(buf, int64(b.i), 10)
	if b.total > 0 {
		buf = append(buf, '/')
		buf = strconv.AppendInt(buf, int64(b.total), 10)
	}
	headLen := len(buf)
	buf = append(buf, ' ', ' ')
	if b.total > 0 {
		frac := math.Min(math.Max(float64(b.i)/float64(b.total), 0), 1)
		buf = strconv.AppendInt(buf, int64(frac*100), 10)
		buf = append(buf, "%  "...)
	}
	buf = appendRate(buf, rate)
	if b.total > 0 && b.i < b.total && rate > 0 {
		buf = append(buf, "  ETA "...)
		buf = appendDuration(buf, float64(b.total-b.i)/rate)
	}
	if b.status != "" {
		buf = append(buf, ' ', ' ')
		buf = append(buf, b.status...)
	}
	head, tail := buf[:headLen], buf[headLen:]

	if b.barCols < 0 {
		// Fix the bar width at the first redraw, with some room for the
		// numbers and the status to grow, so that the bar does not jitter.
		width := utf8.RuneCount(head) - 1 + utf8.RuneCount(tail) // minus the \r
		b.barCols = min(30, b.cols-1-width-3-6)                  // " [" + "]"
		if b.total <= 0 || b.barCols < 8 {
			b.barCols = 0
		}
	}
	barCols := b.barCols
	out := append(b.line[:0], head...)
	if barCols > 0 {
		frac := math.Min(math.Max(float64(b.i)/float64(b.total), 0), 1)
		out = append(out, ' ', '[')
		out = appendBar(out, frac, barCols)
		out = append(out, ']')
	}
	out = append(out, tail...)
	out = truncate(out, b.cols-1)
	out = append(out, "\x1b[K"...)
	b.buf, b.line = buf[:0], out[:0]
	b.w.Write(out)
	b.drawn = true
}

// digits returns the number of characters of v in decimal.
func digits(v int) int {
	n := 1
	if v < 0 {
		n, v = 2, -v
	}
	for ; v >= 10; v /= 10 {
		n++
	}
	return n
}

var eighths = [...]string{"", "▏", "▎", "▍", "▌", "▋", "▊", "▉"}

// appendBar appends a bar of n columns filled to frac, in eighths.
func appendBar(buf []byte, frac float64, n int) []byte {
	fill := int(frac * float64(n) * 8)
	full, part := fill/8, fill%8
	for k := 0; k < n; k++ {
		switch {
		case k < full:
			buf = append(buf, "█"...)
		case k == full && part > 0:
			buf = append(buf, eighths[part]...)
		default:
			buf = append(buf, ' ')
		}
	}
	return buf
}

// appendRate appends an iteration rate such as "312 it/s", "1.2k it/s" or
// "4.0 s/it".
func appendRate(buf []byte, r float64) []byte {
	switch {
	case r <= 0 || math.IsNaN(r) || math.IsInf(r, 0):
		return append(buf, "– it/s"...)
	case r < 1:
		buf = strconv.AppendFloat(buf, 1/r, 'f', 1, 64)
		return append(buf, " s/it"...)
	case r < 999.5:
		buf = strconv.AppendFloat(buf, r, 'f', sigDecimals(r), 64)
	case r < 999.5e3:
		buf = strconv.AppendFloat(buf, r/1e3, 'f', sigDecimals(r/1e3), 64)
		buf = append(buf, 'k')
	default:
		buf = strconv.AppendFloat(buf, r/1e6, 'f', sigDecimals(r/1e6), 64)
		buf = append(buf, 'M')
	}
	return append(buf, " it/s"...)
}

// sigDecimals returns the decimals that show v in [1, 1000) with about
// three significant digits.
func sigDecimals(v float64) int {
	switch {
	case v < 9.995:
		return 2
	case v < 99.95:
		return 1
	}
	return 0
}

// appendDuration appends s seconds as m:ss or h:mm:ss.
func appendDuration(buf []byte, s float64) []byte {
	if s > 99*3600 || math.IsNaN(s) {
		return append(buf, ">99h"...)
	}
	t := int64(math.Ceil(s))
	h, m, sec := t/3600, t/60%60, t%60
	if h > 0 {
		buf = strconv.AppendInt(buf, h, 10)
		buf = append(buf, ':')
		buf = append2(buf, m)
	} else {
		buf = strconv.AppendInt(buf, m, 10)
	}
	buf = append(buf, ':')
	return append2(buf, sec)
}

func append2(buf []byte, v int64) []byte {
	return append(buf, byte('0'+v/10), byte('0'+v%10))
}

// truncate cuts the line (after its leading \r) to at most cols runes.
func truncate(line []byte, cols int) []byte {
	cols = max(cols, 1)
	n := 0
	for i := 1; i < len(line); n++ {
		if n == cols {
			return line[:i]
		}
		_, size := utf8.DecodeRune(line[i:])
		i += size
	}
	return line
}
