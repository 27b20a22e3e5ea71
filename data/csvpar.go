package data

import (
	"bytes"
	"io"
	"os"
	"runtime"
	"sync"
)

// parallelMin is the smallest file, in bytes, that ReadCSVFile parses on
// several cores; a variable for the tests.
var parallelMin int64 = 4 << 20

// countBuf is the read size of the counting pass.
const countBuf = 1 << 20

// chunk is a byte range of the file that starts at a line boundary.
type chunk struct {
	lo, hi int64
	line   int // number of the line before the chunk's first line
	lines  int // '\n' in the chunk
	quotes bool
	// results
	rows    int // rows parsed into the slab
	dropped int
	err     error
}

// readCSVParallel parses the rows after the header of the file f, of size
// bytes, on up to GOMAXPROCS goroutines, with p's header and columns
// (p.init has read the header: p.lr.read bytes, p.lr.line lines). It
// splits the rest of the file at line boundaries, counts each chunk's
// lines to allocate X and Y once, parses every chunk into its own rows of X
// and moves them together in file order, so the result, and the first
// error in file order with its line and column, are those of the serial
// parse. It reports false, having done nothing, when the file holds a
// quote (a quoted field may span lines, so lines are not rows) or is too
// small to split.
func readCSVParallel(f *os.File, p *csvParser, size int64) (*Dense, bool, error) {
	workers := runtime.GOMAXPROCS(0)
	start := p.lr.read
	if workers < 2 || size-start < parallelMin {
		return nil, false, nil
	}
	chunks, err := splitLines(f, start, size, p.lr.line, workers)
	if err != nil {
		return nil, true, p.readError(err)
	}
	// Count lines and look for quotes, in parallel.
	var wg sync.WaitGroup
	for i := range chunks {
		wg.Add(1)
		go func(c *chunk) {
			defer wg.Done()
			c.lines, c.quotes, c.err = countLines(f, c.lo, c.hi)
		}(&chunks[i])
	}
	wg.Wait()
	rows := 0
	for i := range chunks {
		if chunks[i].err != nil {
			return nil, true, p.readError(chunks[i].err)
		}
		if chunks[i].quotes {
			return nil, false, nil
		}
		if i > 0 {
			chunks[i].line = chunks[i-1].line + chunks[i-1].lines
		}
		rows += chunks[i].lines + 1 // a last line may lack its '\n'
	}
	d := &Dense{D: len(p.features), Features: p.features, Target: p.target}
	// One row more: a chunk's last readRow, which finds the end, is given
	// a row to parse into too.
	d.X = MakeFloats((rows + 1) * d.D)
	d.Y = make([]float64, rows+1)
	// Chunk i parses into rows [first[i], first[i]+lines+1).
	first := make([]int, len(chunks))
	for i := 1; i < len(chunks); i++ {
		first[i] = first[i-1] + chunks[i-1].lines + 1
	}
	for i := range chunks {
		wg.Add(1)
		go func(c *chunk, row0 int) {
			defer wg.Done()
			q := csvParser{name: p.name, opt: p.opt, names: p.names, slot: p.slot, features: p.features, target: p.target}
			q.lr.reset(io.NewSectionReader(f, c.lo, c.hi-c.lo))
			q.lr.line = c.line
			D := d.D
			for r := row0; ; {
				y, dropped, err := q.readRow(d.X[r*D : (r+1)*D])
				if err == io.EOF {
					break
				}
				if err != nil {
					c.err = err
					return
				}
				if dropped {
					c.dropped++
					continue
				}
				d.Y[r] = y
				r++
				c.rows++
			}
		}(&chunks[i], first[i])
	}
	wg.Wait()
	for i := range chunks {
		if chunks[i].err != nil {
			return nil, true, chunks[i].err // the first error in file order
		}
	}
	// Move the chunks' rows together, in order (copy handles the overlap).
	n := 0
	for i, c := range chunks {
		if first[i] != n {
			copy(d.X[n*d.D:], d.X[first[i]*d.D:(first[i]+c.rows)*d.D])
			copy(d.Y[n:], d.Y[first[i]:first[i]+c.rows])
		}
		n += c.rows
		d.Dropped += c.dropped
	}
	d.N = n
	d.X = d.X[: n*d.D : n*d.D]
	d.Y = d.Y[:n:n]
	if d.N == 0 {
		return nil, true, p.noRows(d.Dropped)
	}
	return d, true, nil
}

// splitLines cuts [start, size) into about k chunks that begin after a
// '\n' (or at start). line is the number of the line before start.
func splitLines(f *os.File, start, size int64, line, k int) ([]chunk, error) {
	bounds := []int64{start}
	buf := make([]byte, 64<<10)
	for i := 1; i < k; i++ {
		at := start + (size-start)*int64(i)/int64(k)
		if at <= bounds[len(bounds)-1] {
			continue
		}
		// The chunk starts after the first '\n' at or after at−1.
		pos := at - 1
		for {
			n, err := f.ReadAt(buf, pos)
			if j := bytes.IndexByte(buf[:n], '\n'); j >= 0 {
				pos += int64(j) + 1
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
		if pos < size && pos > bounds[len(bounds)-1] {
			bounds = append(bounds, pos)
		}
	}
	bounds = append(bounds, size)
	chunks := make([]chunk, len(bounds)-1)
	for i := range chunks {
		chunks[i] = chunk{lo: bounds[i], hi: bounds[i+1], line: line}
	}
	return chunks, nil
}

// countLines counts the '\n' in [lo, hi) of f and reports whether a quote
// occurs there.
func countLines(f *os.File, lo, hi int64) (lines int, quotes bool, err error) {
	buf := make([]byte, countBuf)
	for pos := lo; pos < hi; {
		n, err := f.ReadAt(buf[:min(int64(len(buf)), hi-pos)], pos)
		b := buf[:n]
		lines += bytes.Count(b, []byte{'\n'})
		quotes = quotes || bytes.IndexByte(b, '"') >= 0
		pos += int64(n)
		if err != nil && !(err == io.EOF && pos >= hi) {
			return 0, false, err
		}
		if n == 0 {
			break
		}
	}
	return lines, quotes, nil
}
