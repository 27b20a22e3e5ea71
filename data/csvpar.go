package data

import (
	"bytes"
	"errors"
	"io"
	"math"
	"os"
	"runtime"
	"runtime/debug"
	"slices"
	"sync"
	"sync/atomic"
)

// parallelMin is the smallest file, in bytes, that ReadCSVFile parses on
// several cores; a variable for the tests.
var parallelMin int64 = 4 << 20

// sampleSize is how many bytes splitLines reads at the start of each
// chunk: enough to find the line boundary and to estimate the length of
// the chunk's lines from a hundred rows or more.
const sampleSize = 64 << 10

// reserveMargin is the fraction of rows reserved beyond a chunk's
// estimate; reserved rows that stay unused are never touched, so they
// cost address space, not memory.
const reserveMargin = 0.05

// testReserve, when set by a test, replaces the rows reserved for chunk i
// (estimated est), to make chunks overflow their reservations.
var testReserve func(i, est int) int

// errQuote stops a chunk's parse at the first block with a quote.
var errQuote = errors.New("quote in a parallel chunk")

// chunk is a byte range of the file that starts at a line boundary, and
// what its parse found.
type chunk struct {
	lo, hi int64
	// A sample of the chunk's first lines: sampleLines whole lines of
	// sampleBytes bytes, or one line longer than sampleBytes.
	sampleBytes, sampleLines int64

	// Rows [first, first+reserved) of X and Y are the chunk's; rows
	// beyond them go to overX and overY.
	first, reserved int
	rows            int // rows parsed into the reservation
	overX, overY    []float64
	lines           int // lines read, when the chunk was parsed to its end
	dropped         int
	quote           bool // a block of the chunk holds a quote
	err             error
}

// quoteReader reads r and fails with errQuote, without returning the
// block, when a block read holds a quote: a quoted field may span lines,
// so the lines of such a chunk are not its rows.
type quoteReader struct {
	r     io.Reader
	quote bool
}

func (q *quoteReader) Read(b []byte) (int, error) {
	n, err := q.r.Read(b)
	if bytes.IndexByte(b[:n], '"') >= 0 {
		q.quote = true
		return 0, errQuote
	}
	return n, err
}

// readCSVParallel parses the rows after the header of the file f, of size
// bytes, on up to GOMAXPROCS goroutines, with p's header and columns
// (p.init has read the header: p.lr.read bytes, p.lr.line lines). It
// reads the file once: it splits the rest of the file at line boundaries,
// estimates each chunk's rows from the bytes of its first lines, reserves
// them (plus a margin) in one X and Y, parses every chunk into its own
// rows while counting its lines, the rows beyond a reservation into the
// chunk's overflow, and moves them together in file order, so the result
// is that of the serial parse. The first error in file order is returned
// with its line counted across the chunks before it. It reports false,
// leaving the rest to the serial parse, when the file is too small to
// split or a quote comes before any error (a quoted field may span lines,
// so lines are not rows).
func readCSVParallel(f *os.File, p *csvParser, size int64) (*Dense, bool, error) {
	workers := runtime.GOMAXPROCS(0)
	start := p.lr.read
	if workers < 2 || size-start < parallelMin {
		return nil, false, nil
	}
	chunks, err := splitLines(f, start, size, workers)
	if err != nil {
		return nil, true, p.readError(err)
	}
	d := &Dense{D: len(p.features), Features: p.features, Target: p.target}
	total := reserve(chunks, len(p.slot))
	d.X = MakeFloats(total * d.D)
	d.Y = make([]float64, total)

	// bad is the index of the first chunk known to end in an error or a
	// quote: the chunks after it stop, as their rows will not be used.
	var bad atomic.Int64
	bad.Store(int64(len(chunks)))
	var wg sync.WaitGroup
	for i := range chunks {
		wg.Add(1)
		go func(i int) {
			defer wg.Done()
			c := &chunks[i]
			c.parse(f, p, d, &bad, i)
			if c.err != nil || c.quote {
				for b := bad.Load(); int64(i) < b && !bad.CompareAndSwap(b, int64(i)); b = bad.Load() {
				}
			}
		}(i)
	}
	wg.Wait()

	// The first chunk in file order with a quote or an error decides.
	line := 0 // lines of the chunks so far
	for i := range chunks {
		c := &chunks[i]
		if c.quote {
			// The serial parse takes over. Were many rows parsed, give
			// their pages back before it allocates its own.
			touched := 0
			for _, c := range chunks {
				touched += (c.rows + len(c.overY)) * (d.D + 1) * 8
			}
			d.X, d.Y, chunks = nil, nil, nil
			if touched >= 16<<20 {
				debug.FreeOSMemory()
			}
			return nil, false, nil
		}
		if c.err != nil {
			var pe *ParseError
			if errors.As(c.err, &pe) && pe.Line > 0 {
				pe.Line += line // counted from the header's last line
			}
			return nil, true, c.err
		}
		line += c.lines
	}
	d.N = gather(d, chunks)
	for i := range chunks {
		d.Dropped += chunks[i].dropped
	}
	if d.N == 0 {
		return nil, true, p.noRows(d.Dropped)
	}
	return d, true, nil
}

// reserve sets the rows reserved for each chunk, one after the other,
// and returns their total. A chunk's estimate is its bytes over the
// bytes per line of its sample or of all samples, whichever is shorter
// (but not below half of all samples', so that one sample of short lines
// does not reserve many times the data), plus reserveMargin; it never
// exceeds the most rows the bytes can hold (a row of nf fields takes at
// least nf bytes: nf−1 commas and '\n').
func reserve(chunks []chunk, nf int) int {
	var sb, sl int64
	for _, c := range chunks {
		sb += c.sampleBytes
		sl += c.sampleLines
	}
	all := float64(sb) / float64(max(sl, 1))
	total := 0
	for i := range chunks {
		c := &chunks[i]
		per := all
		if c.sampleLines > 0 {
			per = max(min(per, float64(c.sampleBytes)/float64(c.sampleLines)), all/2)
		}
		nb := c.hi - c.lo
		most := nb/int64(nf) + 1
		est := int(min(math.Ceil(float64(nb)/max(per, 1)*(1+reserveMargin))+16, float64(most)))
		if testReserve != nil {
			est = testReserve(i, est)
		}
		c.first, c.reserved = total, est
		total += est
	}
	return total
}

// parse parses chunk i into d's reserved rows and its overflow, and
// counts its lines. It stops early when bad falls below i.
func (c *chunk) parse(f *os.File, p *csvParser, d *Dense, bad *atomic.Int64, i int) {
	q := csvParser{name: p.name, opt: p.opt, names: p.names, slot: p.slot, features: p.features, target: p.target}
	qr := quoteReader{r: io.NewSectionReader(f, c.lo, c.hi-c.lo)}
	q.lr.reset(&qr)
	// Lines are numbered on from the header's, as if the chunk came
	// right after it (so no data line is taken for the first line, which
	// may start with a byte order mark); readCSVParallel adds the lines
	// of the chunks before.
	base := p.lr.line
	q.lr.line = base
	D := d.D
	X := d.X[c.first*D : (c.first+c.reserved)*D]
	for k := 0; ; k++ {
		if k&1023 == 1023 && bad.Load() < int64(i) {
			return
		}
		var x []float64
		if n := c.rows * D; n < len(X) {
			x = X[n : n+D]
		} else {
			n := len(c.overX)
			if cap(c.overX)-n < D {
				c.grow(q.lr.read, q.lr.line-base, D)
			}
			x = c.overX[n : n+D]
		}
		y, dropped, err := q.readRow(x)
		if err == io.EOF {
			c.lines = q.lr.line - base
			return
		}
		if err != nil {
			if qr.quote {
				c.quote = true
			} else {
				c.err = err
			}
			return
		}
		switch {
		case dropped:
			c.dropped++
		case c.rows < c.reserved:
			d.Y[c.first+c.rows] = y
			c.rows++
		default:
			c.overX = c.overX[:len(c.overX)+D]
			c.overY = append(c.overY, y)
		}
	}
}

// grow makes room in the overflow for the rest of the chunk's rows, at
// the bytes per line read so far (read bytes in lines lines), plus a
// margin.
func (c *chunk) grow(read int64, lines, D int) {
	rest := float64(c.hi-c.lo-read) / (float64(read) / float64(max(lines, 1)))
	rows := max(16, int(rest*(1+reserveMargin))+16, len(c.overY)/4)
	c.overX = slices.Grow(c.overX, rows*D)
	c.overY = slices.Grow(c.overY, rows)
}

// gather moves the chunks' rows together in file order, to the front of
// d.X and d.Y when they fit in the reservation (the rows moving down are
// moved first in file order, those moving up then in reverse order, and
// the overflows last: no move overwrites rows not yet moved), else into a
// new X and Y of the exact size. It returns the number of rows.
func gather(d *Dense, chunks []chunk) int {
	D := d.D
	to := make([]int, len(chunks)) // each chunk's first row in the result
	n := 0
	for i := range chunks {
		to[i] = n
		n += chunks[i].rows + len(chunks[i].overY)
	}
	move := func(X, Y []float64, i int) {
		c := &chunks[i]
		copy(X[to[i]*D:], d.X[c.first*D:(c.first+c.rows)*D])
		copy(Y[to[i]:], d.Y[c.first:c.first+c.rows])
	}
	X, Y := d.X, d.Y
	if n > len(d.Y) {
		X, Y = MakeFloats(n*D), make([]float64, n)
		for i := range chunks {
			move(X, Y, i)
		}
	} else {
		for i := range chunks {
			if to[i] < chunks[i].first {
				move(X, Y, i)
			}
		}
		for i := len(chunks) - 1; i >= 0; i-- {
			if to[i] > chunks[i].first {
				move(X, Y, i)
			}
		}
	}
	for i := range chunks {
		c := &chunks[i]
		copy(X[(to[i]+c.rows)*D:], c.overX)
		copy(Y[to[i]+c.rows:], c.overY)
	}
	d.X, d.Y = X[:n*D:n*D], Y[:n:n]
	return n
}

// splitLines cuts [start, size) into about k chunks that begin after a
// '\n' (or at start), and samples the lines at each chunk's start.
func splitLines(f *os.File, start, size int64, k int) ([]chunk, error) {
	var chunks []chunk
	buf := make([]byte, sampleSize)
	for i := 0; i < k; i++ {
		at := start + (size-start)*int64(i)/int64(k)
		if n := len(chunks); n > 0 && at <= chunks[n-1].lo {
			continue
		}
		// The chunk starts at start, or after the first '\n' at or
		// after at−1; the sample is what follows it in buf.
		pos := at
		var sample []byte
		for i > 0 {
			n, err := f.ReadAt(buf, pos-1)
			if j := bytes.IndexByte(buf[:n], '\n'); j >= 0 {
				pos += int64(j)
				sample = buf[j+1 : n]
				break
			}
			pos += int64(n)
			if err == io.EOF || n == 0 {
				pos = size
				break
			}
			if err != nil {
				return nil, err
			}
		}
		if i == 0 {
			n, err := f.ReadAt(buf, pos)
			if err != nil && err != io.EOF {
				return nil, err
			}
			sample = buf[:n]
		}
		if pos >= size || len(chunks) > 0 && pos <= chunks[len(chunks)-1].lo {
			continue
		}
		c := chunk{lo: pos}
		if j := bytes.LastIndexByte(sample, '\n'); j >= 0 {
			c.sampleBytes, c.sampleLines = int64(j+1), int64(bytes.Count(sample[:j+1], []byte{'\n'}))
		} else if len(sample) > 0 {
			c.sampleBytes, c.sampleLines = int64(len(sample)), 1 // a line at least this long
		}
		chunks = append(chunks, c)
	}
	for i := range chunks {
		chunks[i].hi = size
		if i+1 < len(chunks) {
			chunks[i].hi = chunks[i+1].lo
		}
	}
	return chunks, nil
}
