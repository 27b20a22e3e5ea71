package data

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"math"
	"os"
	"slices"
	"strconv"
)

// LIBSVMOptions configures ReadLIBSVM.
type LIBSVMOptions struct {
	// NumFeatures, if positive, is the number of features D; an index
	// above it is an error. If zero, D is the largest index in the input.
	NumFeatures int
}

// MaxFeatures is the largest feature index (and so number of features D)
// a LIBSVM file may use: 2²⁶ = 67,108,864. A model keeps at least one
// float64 weight per feature, and training several vectors of them
// (weights, gradient, optimizer moments), so an index beyond this limit
// would ask for gigabytes before the first step; a sparse file with such
// indices needs feature hashing first.
const MaxFeatures = 1 << 26

// maxIndex is the largest feature index accepted.
const maxIndex = MaxFeatures

// libsvmParser reads LIBSVM lines one at a time.
type libsvmParser struct {
	lr     lineReader
	name   string
	opt    LIBSVMOptions
	maxIdx int // largest index seen
}

// ReadLIBSVM reads a sparse data set in LIBSVM (SVMlight) format:
//
//	label index:value index:value ... # comment
//
// one example per line, with 1-based, strictly increasing feature indices.
// Labels and values are finite numbers in the syntax of strconv.ParseFloat.
// A qid:N token directly after the label is ignored; blank lines and lines
// holding only a comment are skipped. The result has D = opt.NumFeatures if
// set, and otherwise the largest index used; column j of the CSR matrix is
// feature index j+1. name is used as the prefix of error messages and is
// usually the file name. Malformed input gives a *ParseError; see the
// package documentation for the messages.
func ReadLIBSVM(r io.Reader, name string, opt LIBSVMOptions) (*CSR, error) {
	if opt.NumFeatures < 0 || opt.NumFeatures > math.MaxInt32 {
		panic("data: LIBSVMOptions.NumFeatures out of range")
	}
	var p libsvmParser
	p.init(r, name, opt)
	m := &CSR{Indptr: []int{0}}
	for {
		var y float64
		var err error
		m.Indices, m.Values, y, err = p.readRow(m.Indices, m.Values)
		if err == io.EOF {
			break
		}
		if err != nil {
			return nil, err
		}
		if len(m.Y) == cap(m.Y) {
			m.Y = slices.Grow(m.Y, max(len(m.Y), 1024))
			m.Indptr = slices.Grow(m.Indptr, max(len(m.Y), 1024))
		}
		m.Y = append(m.Y, y)
		m.Indptr = append(m.Indptr, len(m.Indices))
		m.N++
	}
	if m.N == 0 {
		return nil, &ParseError{Name: name, Err: errors.New("no data rows")}
	}
	m.D = p.numFeatures()
	return m, nil
}

// ReadLIBSVMFile reads the LIBSVM file at path with ReadLIBSVM, using path as
// the name in error messages.
func ReadLIBSVMFile(path string, opt LIBSVMOptions) (*CSR, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	return ReadLIBSVM(f, path, opt)
}

func (p *libsvmParser) init(r io.Reader, name string, opt LIBSVMOptions) {
	p.lr.reset(r)
	p.name = name
	p.opt = opt
	p.maxIdx = 0
}

// numFeatures returns D.
func (p *libsvmParser) numFeatures() int {
	if p.opt.NumFeatures > 0 {
		return p.opt.NumFeatures
	}
	return p.maxIdx
}

func (p *libsvmParser) errorf(col int, format string, args ...any) error {
	return &ParseError{Name: p.name, Line: p.lr.line, Column: col, Err: fmt.Errorf(format, args...)}
}

// readRow reads the next example, appending its 0-based feature indices and
// values to idx and val, and returns the extended slices and the label. It
// returns io.EOF at the end of the input.
func (p *libsvmParser) readRow(idx []int32, val []float64) ([]int32, []float64, float64, error) {
	var line []byte
	for {
		var err error
		line, err = p.lr.next()
		if err != nil {
			if err != io.EOF {
				err = &ParseError{Name: p.name, Err: err}
			}
			return idx, val, 0, err
		}
		if k := bytes.IndexByte(line, '#'); k >= 0 {
			line = line[:k]
		}
		if len(trimBlanks(line)) > 0 {
			break
		}
	}
	n0 := len(idx)
	fail := func(err error) ([]int32, []float64, float64, error) {
		return idx[:n0], val[:n0], 0, err
	}

	// The label.
	i := skipBlanks(line, 0)
	start := i
	y, n, ok := parseFast(line[i:])
	if end := i + n; ok && (end == len(line) || isBlank(line[end])) {
		i = end
	} else {
		i = tokenEnd(line, i)
		tok := line[start:i]
		var err error
		y, err = parseFloat(tok)
		switch {
		case err != nil && errors.Is(err, strconv.ErrRange):
			return fail(p.errorf(start+1, "label %q is out of range", tok))
		case err != nil:
			return fail(p.errorf(start+1, "cannot parse label %q as a number", tok))
		case math.IsInf(y, 0) || math.IsNaN(y):
			return fail(p.errorf(start+1, "non-finite label %q", tok))
		}
	}

	prev := 0
	for first := true; ; first = false {
		i = skipBlanks(line, i)
		if i == len(line) {
			return idx, val, y, nil
		}
		start := i
		if first && bytes.HasPrefix(line[i:], []byte("qid:")) {
			i = tokenEnd(line, i)
			tok := line[start:i]
			if !allDigits(tok[len("qid:"):]) {
				return fail(p.errorf(start+1, "bad query id %q: want qid:N with N a non-negative integer", tok))
			}
			continue
		}

		// The index.
		j := 0
		for ; i < len(line) && line[i]-'0' < 10; i++ {
			if j <= maxIndex {
				j = j*10 + int(line[i]-'0')
			}
		}
		if i == start || i == len(line) || line[i] != ':' {
			i = tokenEnd(line, i)
			tok := line[start:i]
			k := bytes.IndexByte(tok, ':')
			if k < 0 {
				return fail(p.errorf(start+1, "want index:value, got %q", tok))
			}
			return fail(p.errorf(start+1, "cannot parse feature index %q", tok[:k]))
		}
		switch {
		case j == 0:
			return fail(p.errorf(start+1, "feature index 0: indices start at 1"))
		case j > maxIndex:
			return fail(p.errorf(start+1, "feature index %s is too large (the limit is %d features; hash the features to fewer indices)", line[start:i], maxIndex))
		case p.opt.NumFeatures > 0 && j > p.opt.NumFeatures:
			return fail(p.errorf(start+1, "feature index %d is out of range [1, %d]", j, p.opt.NumFeatures))
		case j == prev:
			return fail(p.errorf(start+1, "duplicate feature index %d", j))
		case j < prev:
			return fail(p.errorf(start+1, "feature index %d after %d: indices must be strictly increasing", j, prev))
		}
		prev = j
		i++ // the colon

		// The value.
		vstart := i
		v, n, ok := parseFast(line[i:])
		if end := i + n; ok && (end == len(line) || isBlank(line[end])) {
			i = end
		} else {
			i = tokenEnd(line, i)
			tok := line[vstart:i]
			var err error
			v, err = parseFloat(tok)
			switch {
			case len(tok) == 0:
				return fail(p.errorf(vstart+1, "feature %d: missing value", j))
			case err != nil && errors.Is(err, strconv.ErrRange):
				return fail(p.errorf(vstart+1, "feature %d: value %q is out of range", j, tok))
			case err != nil:
				return fail(p.errorf(vstart+1, "feature %d: cannot parse %q as a number", j, tok))
			case math.IsInf(v, 0) || math.IsNaN(v):
				return fail(p.errorf(vstart+1, "feature %d: non-finite value %q", j, tok))
			}
		}
		if j > p.maxIdx {
			p.maxIdx = j
		}
		if len(idx) == cap(idx) {
			// Double, rather than let append grow large slices by
			// only 1.25.
			idx = slices.Grow(idx, max(len(idx), 4096))
			val = slices.Grow(val, max(len(val), 4096))
		}
		idx = append(idx, int32(j-1))
		val = append(val, v)
	}
}

// tokenEnd returns the index of the first space or tab at or after i, or
// len(b).
func tokenEnd(b []byte, i int) int {
	for i < len(b) && !isBlank(b[i]) {
		i++
	}
	return i
}

// allDigits reports whether b is a non-empty string of decimal digits.
func allDigits(b []byte) bool {
	for _, c := range b {
		if c-'0' >= 10 {
			return false
		}
	}
	return len(b) > 0
}
