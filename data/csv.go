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
	"strings"
)

// CSVOptions configures ReadCSV.
type CSVOptions struct {
	// Target is the name of the target column. If empty, the last column
	// is the target, unless NoTarget is set.
	Target string

	// NoTarget reads a file without a target column, such as new data to
	// predict: every column is then a feature unless Features selects
	// some, Dense.Target is "" and Dense.Y holds N zeros (a Stream yields
	// zero targets too). Target must be empty.
	NoTarget bool

	// Features lists the feature columns to read, in the order they are
	// to appear in the result. If empty, every column but the target is a
	// feature, in file order. Columns that are neither the target nor a
	// feature are checked for the number of fields only, and may hold
	// text.
	Features []string

	// DropMissing makes a row with a missing value in the target or a
	// feature column be skipped and counted in Dense.Dropped instead of
	// being an error.
	DropMissing bool
}

// slot values of CSV columns that are not features.
const (
	slotTarget = -1
	slotSkip   = -2
)

// csvParser reads CSV records one at a time.
type csvParser struct {
	lr lineReader
	// size is the input's size in bytes when known (0 otherwise), and
	// estimated whether X was sized from it (see growth).
	size      int64
	estimated bool
	name      string
	opt       CSVOptions
	names     []string // header
	slot      []int    // per column: feature position, slotTarget or slotSkip

	features []string // feature names in output order
	dropped  int      // rows dropped so far (used by Stream)
	target   string

	// Scratch space for records that contain quotes.
	rec    []byte // the record, lines joined by '\n'
	unq    []byte // unquoted field contents
	fields []span // per field: its contents in unq
	recLn  int    // line on which the record starts
}

// span locates a field: its contents are unq[lo:hi], and its first non-blank
// byte is rec[start] (or start is len(rec) for an empty last field).
type span struct {
	lo, hi, start int
	quoted        bool
}

// ReadCSV reads a data set from CSV (RFC 4180) text with a header row of
// column names. Every target and feature field must be a number in the
// syntax of strconv.ParseFloat; NaN and infinities are not allowed. name is
// used as the prefix of error messages and is usually the file name. See the
// package documentation for the details of the format and the errors, which
// are of type *ParseError for malformed input.
func ReadCSV(r io.Reader, name string, opt CSVOptions) (*Dense, error) {
	return readCSV(r, name, opt, 0)
}

// growth returns how many values to add to X, which holds n values of
// rows rows of d features: the first block holds 1024 rows, or 1 MiB of
// values when rows are wide (100,000 columns used to reserve 820 MB);
// with the input's size known (ReadCSVFile), the next block is the rest
// of the file at the bytes per row seen so far, plus 2 %, so that X is
// allocated about once (doubling used to leave up to half of it unused
// and a peak of three times the data while copying); a further block, if
// the estimate fell short, adds a quarter.
func (p *csvParser) growth(n, d, rows int) int {
	switch {
	case n == 0:
		return min(1024, max(1, (1<<17)/d)) * d
	case p.size > 0 && !p.estimated && rows > 0 && p.lr.read > 0:
		p.estimated = true
		perRow := float64(p.lr.read) / float64(rows+1) // the header is a row of text too
		rest := float64(p.size-p.lr.read) / perRow
		return max(d, int(math.Ceil(rest*1.02))*d)
	}
	return max(d, n/4/d*d)
}

func readCSV(r io.Reader, name string, opt CSVOptions, size int64) (*Dense, error) {
	var p csvParser
	p.size = size
	if err := p.init(r, name, opt); err != nil {
		return nil, err
	}
	if f, ok := r.(*os.File); ok && size > 0 {
		if d, done, err := readCSVParallel(f, &p, size); done {
			return d, err
		}
	}
	d := &Dense{D: len(p.features), Features: p.features, Target: p.target}
	for {
		// Parse straight into the spare capacity of X, doubling it when
		// needed: this copies less than append, which grows large
		// slices by only 1.25.
		if n := len(d.X); cap(d.X)-n < d.D {
			d.X = slices.Grow(d.X, p.growth(n, d.D, d.N))
		}
		n := len(d.X)
		y, dropped, err := p.readRow(d.X[n : n+d.D])
		if err == io.EOF {
			break
		}
		if err != nil {
			return nil, err
		}
		if dropped {
			d.Dropped++
			continue
		}
		d.X = d.X[:n+d.D]
		if len(d.Y) == cap(d.Y) {
			d.Y = slices.Grow(d.Y, max(len(d.Y), 1024))
		}
		d.Y = append(d.Y, y)
		d.N++
	}
	if d.N == 0 {
		return nil, p.noRows(d.Dropped)
	}
	return d, nil
}

// ReadCSVFile reads the CSV file at path with ReadCSV, using path as the name
// in error messages. A regular file of 4 MiB or more without quotes after
// its header is parsed on GOMAXPROCS goroutines, each on a range of whole
// lines, into one matrix allocated once; the result and the errors are
// those of ReadCSV.
func ReadCSVFile(path string, opt CSVOptions) (*Dense, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	var size int64
	if st, err := f.Stat(); err == nil && st.Mode().IsRegular() {
		size = st.Size()
	}
	return readCSV(f, path, opt, size)
}

func (p *csvParser) errorf(line, col int, field string, format string, args ...any) error {
	return &ParseError{Name: p.name, Line: line, Column: col, Field: field, Err: fmt.Errorf(format, args...)}
}

func (p *csvParser) noRows(dropped int) error {
	if dropped > 0 {
		return p.errorf(0, 0, "", "no data rows left after dropping %d rows with missing values", dropped)
	}
	return p.errorf(0, 0, "", "no data rows after the header")
}

// init reads the header and resolves the target and feature columns.
func (p *csvParser) init(r io.Reader, name string, opt CSVOptions) error {
	p.lr.reset(r)
	p.name = name
	p.opt = opt
	names, err := p.readHeader()
	if err != nil {
		return err
	}
	p.names = names
	return p.resolve()
}

// readHeader reads the first non-blank line and returns its column names.
func (p *csvParser) readHeader() ([]string, error) {
	var line []byte
	for {
		var err error
		line, err = p.lr.next()
		if err == io.EOF {
			return nil, p.errorf(0, 0, "", "empty file: want a header row of column names")
		}
		if err != nil {
			return nil, p.readError(err)
		}
		if len(trimBlanks(line)) > 0 {
			break
		}
	}
	if err := p.split(line); err != nil {
		return nil, err
	}
	names := make([]string, len(p.fields))
	first := make(map[string]int, len(p.fields))
	for j, f := range p.fields {
		v := p.unq[f.lo:f.hi]
		if !f.quoted {
			v = trimBlanks(v)
		}
		if k := bytes.IndexByte(v, '\r'); k >= 0 && !f.quoted {
			return nil, p.errorf(p.recLn, 0, "", `carriage return inside the header line: lines must end in "\n" or "\r\n"`)
		}
		names[j] = string(v)
		if names[j] == "" {
			continue // an error only if the column is used (see resolve)
		}
		if k, dup := first[names[j]]; dup {
			line, col := p.pos(f.start)
			return nil, p.errorf(line, col, "", "duplicate column name %q (columns %d and %d)", names[j], k+1, j+1)
		}
		first[names[j]] = j
	}
	return names, nil
}

// resolve maps the header columns to the target and the features.
func (p *csvParser) resolve() error {
	names := p.names
	index := func(name string) int {
		for j, n := range names {
			if n == name {
				return j
			}
		}
		return -1
	}
	tj := len(names) - 1 // -1 for no target column
	switch {
	case p.opt.NoTarget && p.opt.Target != "":
		return p.errorf(0, 0, "", "target column %q given for data without a target column", p.opt.Target)
	case p.opt.NoTarget:
		tj = -1
	case p.opt.Target != "":
		tj = index(p.opt.Target)
		if tj < 0 {
			return p.errorf(0, 0, "", "unknown target column %q (columns: %s)", p.opt.Target, strings.Join(names, ", "))
		}
	}
	p.slot = make([]int, len(names))
	for j := range p.slot {
		p.slot[j] = slotSkip
	}
	p.target = ""
	if tj >= 0 {
		p.slot[tj] = slotTarget
		p.target = names[tj]
	}
	p.features = nil
	if len(p.opt.Features) == 0 {
		for j, n := range names {
			if j != tj {
				p.slot[j] = len(p.features)
				p.features = append(p.features, n)
			}
		}
	} else {
		for k, n := range p.opt.Features {
			j := index(n)
			switch {
			case j < 0:
				return p.errorf(0, 0, "", "unknown feature column %q (columns: %s)", n, strings.Join(names, ", "))
			case j == tj:
				return p.errorf(0, 0, "", "target column %q is also listed as a feature", n)
			case p.slot[j] >= 0:
				return p.errorf(0, 0, "", "feature column %q is listed twice", n)
			}
			p.slot[j] = k
			p.features = append(p.features, n)
		}
	}
	if len(p.features) == 0 {
		// Only a file with a target can lack features: the header has
		// at least one column.
		return p.errorf(0, 0, "", "no feature columns: the only column, %q, is the target", p.target)
	}
	for j, s := range p.slot {
		if s != slotSkip && names[j] == "" {
			return p.errorf(1, 0, "", "column %d has no name", j+1)
		}
	}
	return nil
}

func (p *csvParser) readError(err error) error {
	return &ParseError{Name: p.name, Err: err}
}

// reset rewinds the parser to read r, which must have the same header.
func (p *csvParser) reset(r io.Reader) error {
	p.lr.reset(r)
	names, err := p.readHeader()
	if err != nil {
		return err
	}
	if len(names) != len(p.names) {
		return p.errorf(1, 0, "", "header changed since the file was opened")
	}
	for j := range names {
		if names[j] != p.names[j] {
			return p.errorf(1, 0, "", "header changed since the file was opened")
		}
	}
	return nil
}

// readRow reads the next data row into x, which has one element per feature,
// and returns its target. It returns io.EOF at the end of the input. If the
// row has a missing value and DropMissing is set, dropped is true and x and y
// are meaningless.
func (p *csvParser) readRow(x []float64) (y float64, dropped bool, err error) {
	var line []byte
	for {
		line, err = p.lr.next()
		if err != nil {
			if err != io.EOF {
				err = p.readError(err)
			}
			return 0, false, err
		}
		if len(line) > 0 && len(trimBlanks(line)) > 0 {
			break
		}
	}
	if bytes.IndexByte(line, '"') >= 0 {
		return p.readQuotedRow(x, line)
	}
	// Fast path: no quotes, so fields end at commas.
	ln := p.lr.line
	pos := 0
	nf := len(p.slot)
	for j, s := range p.slot {
		if pos > len(line) {
			return 0, false, p.errorf(ln, 0, "", "wrong number of fields: got %d, want %d", j, nf)
		}
		var v float64
		if s == slotSkip {
			k := bytes.IndexByte(line[pos:], ',')
			if k < 0 {
				pos = len(line) + 1
			} else {
				pos += k + 1
			}
			continue
		}
		f, n, ok := parseFast(line[pos:])
		if end := pos + n; ok && (end == len(line) || line[end] == ',') {
			v = f
			pos = end + 1
		} else {
			end := len(line)
			if k := bytes.IndexByte(line[pos:], ','); k >= 0 {
				end = pos + k
			}
			start := skipBlanks(line, pos)
			if start > end {
				start = end
			}
			var missing bool
			v, missing, err = p.value(line[pos:end], ln, start+1, j)
			if err != nil {
				if got := bytes.Count(line, []byte{','}) + 1; got != nf {
					// A ragged row is the likelier cause.
					err = p.errorf(ln, 0, "", "wrong number of fields: got %d, want %d", got, nf)
				}
				return 0, false, err
			}
			dropped = dropped || missing
			pos = end + 1
		}
		if s == slotTarget {
			y = v
		} else {
			x[s] = v
		}
	}
	if pos <= len(line) {
		return 0, false, p.errorf(ln, 0, "", "wrong number of fields: got %d, want %d", bytes.Count(line, []byte{','})+1, nf)
	}
	return y, dropped, nil
}

// readQuotedRow is the slow path of readRow for records containing quotes.
func (p *csvParser) readQuotedRow(x []float64, line []byte) (y float64, dropped bool, err error) {
	if err := p.split(line); err != nil {
		return 0, false, err
	}
	if len(p.fields) != len(p.slot) {
		return 0, false, p.errorf(p.recLn, 0, "", "wrong number of fields: got %d, want %d", len(p.fields), len(p.slot))
	}
	for j, s := range p.slot {
		if s == slotSkip {
			continue
		}
		f := p.fields[j]
		ln, col := p.pos(f.start)
		v, missing, err := p.value(p.unq[f.lo:f.hi], ln, col, j)
		if err != nil {
			return 0, false, err
		}
		dropped = dropped || missing
		if s == slotTarget {
			y = v
		} else {
			x[s] = v
		}
	}
	return y, dropped, nil
}

// value parses the contents of field j, found at line ln and column col.
func (p *csvParser) value(field []byte, ln, col, j int) (v float64, missing bool, err error) {
	field = trimBlanks(field)
	if isMissing(field) {
		if p.opt.DropMissing {
			return 0, true, nil
		}
		return 0, false, &ParseError{Name: p.name, Line: ln, Column: col, Field: p.names[j], Err: ErrMissingValue}
	}
	v, err = parseFloat(field)
	switch {
	case err != nil && errors.Is(err, strconv.ErrRange):
		return 0, false, p.errorf(ln, col, p.names[j], "value %q is out of range", field)
	case err != nil:
		return 0, false, p.errorf(ln, col, p.names[j], "cannot parse %q as a number", field)
	case math.IsInf(v, 0) || math.IsNaN(v):
		return 0, false, p.errorf(ln, col, p.names[j], "non-finite value %q", field)
	}
	return v, false, nil
}

// isMissing reports whether a trimmed field denotes a missing value.
func isMissing(b []byte) bool {
	switch len(b) {
	case 0:
		return true
	case 1:
		return b[0] == '?'
	case 2:
		return b[0] == 'N' && b[1] == 'A'
	case 3:
		return b[0]|0x20 == 'n' && b[1]|0x20 == 'a' && b[2]|0x20 == 'n'
	}
	return false
}

// pos returns the line and column of byte off of the current record.
func (p *csvParser) pos(off int) (line, col int) {
	nl := bytes.LastIndexByte(p.rec[:off], '\n')
	return p.recLn + bytes.Count(p.rec[:off], []byte{'\n'}), off - nl
}

// split splits the record that starts with line into p.fields, reading
// further lines while a quoted field is open.
func (p *csvParser) split(line []byte) error {
	p.recLn = p.lr.line
	p.rec = append(p.rec[:0], line...)
	p.unq = p.unq[:0]
	p.fields = p.fields[:0]
	i := 0
	for {
		i = skipBlanks(p.rec, i)
		start := i
		lo := len(p.unq)
		quoted := i < len(p.rec) && p.rec[i] == '"'
		if quoted {
			i++
			for {
				k := bytes.IndexByte(p.rec[i:], '"')
				if k < 0 {
					p.unq = append(p.unq, p.rec[i:]...)
					if p.lr.cr {
						// The line break inside the quotes is "\r\n": keep it.
						p.unq = append(p.unq, '\r')
					}
					next, err := p.lr.next()
					if err == io.EOF {
						ln, col := p.pos(start)
						return p.errorf(ln, col, "", "quoted field is not terminated")
					}
					if err != nil {
						return p.readError(err)
					}
					p.rec = append(p.rec, '\n')
					p.rec = append(p.rec, next...)
					p.unq = append(p.unq, '\n')
					i = len(p.rec) - len(next)
					continue
				}
				p.unq = append(p.unq, p.rec[i:i+k]...)
				i += k + 1
				if i < len(p.rec) && p.rec[i] == '"' {
					p.unq = append(p.unq, '"')
					i++
					continue
				}
				break
			}
			i = skipBlanks(p.rec, i)
			if i < len(p.rec) && p.rec[i] != ',' {
				ln, col := p.pos(i)
				return p.errorf(ln, col, "", "unexpected %q after closing quote", p.rec[i])
			}
		} else {
			end := len(p.rec)
			if k := bytes.IndexByte(p.rec[i:], ','); k >= 0 {
				end = i + k
			}
			if k := bytes.IndexByte(p.rec[i:end], '"'); k >= 0 {
				ln, col := p.pos(i + k)
				return p.errorf(ln, col, "", `bare " in unquoted field`)
			}
			p.unq = append(p.unq, p.rec[i:end]...)
			i = end
		}
		p.fields = append(p.fields, span{lo: lo, hi: len(p.unq), start: start, quoted: quoted})
		if i >= len(p.rec) {
			return nil
		}
		i++ // the comma
	}
}
