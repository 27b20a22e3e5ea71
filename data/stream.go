package data

import (
	"errors"
	"fmt"
	"io"
	"math/rand/v2"
	"os"
	"path/filepath"
	"strings"
)

// Format is a data file format.
type Format int

const (
	// CSV is comma-separated values with a header row, read by ReadCSV.
	CSV Format = iota + 1
	// LIBSVM is the sparse LIBSVM (SVMlight) format, read by ReadLIBSVM.
	LIBSVM
)

// String returns "csv" or "libsvm".
func (f Format) String() string {
	switch f {
	case CSV:
		return "csv"
	case LIBSVM:
		return "libsvm"
	}
	return fmt.Sprintf("Format(%d)", int(f))
}

// ParseFormat returns the format named s: "csv", or "libsvm" or "svmlight"
// (in any letter case).
func ParseFormat(s string) (Format, error) {
	switch strings.ToLower(s) {
	case "csv":
		return CSV, nil
	case "libsvm", "svmlight":
		return LIBSVM, nil
	}
	return 0, fmt.Errorf("unknown data format %q (want csv or libsvm)", s)
}

// FormatOf guesses the format of a file from its extension: ".csv" is CSV
// and ".svm", ".libsvm" and ".svmlight" are LIBSVM. It reports false for
// other extensions.
func FormatOf(path string) (Format, bool) {
	switch strings.ToLower(filepath.Ext(path)) {
	case ".csv":
		return CSV, true
	case ".svm", ".libsvm", ".svmlight":
		return LIBSVM, true
	}
	return 0, false
}

// Source is a sequence of examples read in batches, one epoch at a time.
// Stream and ShuffleBuffer are Sources.
type Source interface {
	// Next stores the next batch of examples in dst, reusing its
	// storage, and returns the number of examples n. It returns n > 0
	// and a nil error, or 0 and io.EOF at the end of the epoch, or 0
	// and another error.
	Next(dst *Dense) (n int, err error)

	// NextCSR is like Next with a sparse batch.
	NextCSR(dst *CSR) (n int, err error)

	// Reset starts the next epoch.
	Reset() error

	// D returns the number of features.
	D() int
}

// DefaultChunkRows is the batch size of a Stream whose StreamOptions leave
// ChunkRows zero.
const DefaultChunkRows = 1024

// StreamOptions configures OpenStream.
type StreamOptions struct {
	// ChunkRows is the largest number of rows that Next returns at once.
	// If zero, DefaultChunkRows is used.
	ChunkRows int

	// CSV configures the reading of a CSV file.
	CSV CSVOptions

	// LIBSVM configures the reading of a LIBSVM file.
	LIBSVM LIBSVMOptions
}

// Stream reads a data file in batches of at most ChunkRows rows, and again
// from the start for each epoch, so that its memory use does not depend on
// the size of the file. The rows and errors are the same as those of
// ReadCSV and ReadLIBSVM.
//
// A Stream is not safe for concurrent use.
type Stream struct {
	f      *os.File
	path   string
	format Format
	chunk  int

	csv csvParser
	svm libsvmParser

	n, d     int
	dropped  int
	features []string
	target   string

	cur row // the row last read
}

// row is one example: its features in x (dense, for CSV) or in idx and val
// (sparse, for LIBSVM), and its target y.
type row struct {
	x   []float64
	idx []int32
	val []float64
	y   float64
}

// OpenStream opens the file at path for streaming. It reads the file once to
// check it and to count its rows, so that a malformed file is reported here
// rather than in the middle of training, and positions the stream at the
// first row. The path is the name in error messages.
func OpenStream(path string, format Format, opt StreamOptions) (*Stream, error) {
	if format != CSV && format != LIBSVM {
		panic("data: OpenStream with unknown format " + format.String())
	}
	if opt.ChunkRows < 0 {
		panic("data: negative StreamOptions.ChunkRows")
	}
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	s := &Stream{f: f, path: path, format: format, chunk: opt.ChunkRows}
	if s.chunk == 0 {
		s.chunk = DefaultChunkRows
	}
	if err := s.scan(opt); err != nil {
		f.Close()
		return nil, err
	}
	return s, nil
}

// scan reads the whole file once, counting the rows, and rewinds it.
func (s *Stream) scan(opt StreamOptions) error {
	switch s.format {
	case CSV:
		if err := s.csv.init(s.f, s.path, opt.CSV); err != nil {
			return err
		}
		s.features, s.target, s.d = s.csv.features, s.csv.target, len(s.csv.features)
		s.cur.x = make([]float64, s.d)
	case LIBSVM:
		if opt.LIBSVM.NumFeatures < 0 || opt.LIBSVM.NumFeatures > maxIndex {
			panic("data: LIBSVMOptions.NumFeatures out of range")
		}
		s.svm.init(s.f, s.path, opt.LIBSVM)
	}
	for {
		err := s.readRow()
		if err == io.EOF {
			break
		}
		if err != nil {
			return err
		}
		s.n++
	}
	if s.format == CSV {
		s.dropped = s.csv.dropped
		if s.n == 0 {
			return s.csv.noRows(s.dropped)
		}
	} else {
		if s.n == 0 {
			return &ParseError{Name: s.path, Err: errors.New("no data rows")}
		}
		s.d = s.svm.numFeatures()
		// Later epochs must not see indices beyond D.
		s.svm.opt.NumFeatures = s.d
	}
	return s.Reset()
}

// readRow reads the next row into s.cur, skipping CSV rows with missing
// values if so configured. It returns io.EOF at the end of the file.
func (s *Stream) readRow() error {
	var err error
	if s.format == CSV {
		for {
			var dropped bool
			s.cur.y, dropped, err = s.csv.readRow(s.cur.x)
			if err != nil || !dropped {
				break
			}
			s.csv.dropped++
		}
		return err
	}
	s.cur.idx, s.cur.val, s.cur.y, err = s.svm.readRow(s.cur.idx[:0], s.cur.val[:0])
	return err
}

// Reset rewinds the stream to its first row, for the next epoch.
func (s *Stream) Reset() error {
	if _, err := s.f.Seek(0, io.SeekStart); err != nil {
		return err
	}
	if s.format == CSV {
		s.csv.dropped = 0
		return s.csv.reset(s.f)
	}
	s.svm.lr.reset(s.f)
	return nil
}

// Close closes the file.
func (s *Stream) Close() error { return s.f.Close() }

// N returns the number of rows in an epoch (not counting dropped rows).
func (s *Stream) N() int { return s.n }

// D returns the number of features.
func (s *Stream) D() int { return s.d }

// Dropped returns the number of rows skipped in an epoch because of missing
// values (see CSVOptions.DropMissing).
func (s *Stream) Dropped() int { return s.dropped }

// Features returns the names of the features of a CSV file, or nil for a
// LIBSVM file. The caller must not modify the slice.
func (s *Stream) Features() []string { return s.features }

// Target returns the name of the target column of a CSV file, or "".
func (s *Stream) Target() string { return s.target }

// ChunkRows returns the largest number of rows that Next returns at once.
func (s *Stream) ChunkRows() int { return s.chunk }

// Next stores the next at most ChunkRows rows in dst, reusing the storage of
// dst.X and dst.Y when it is large enough, and returns their number. It
// returns n > 0 and a nil error, or 0 and io.EOF at the end of the epoch
// (call Reset to start the next one), or 0 and another error. LIBSVM rows
// are stored densely.
func (s *Stream) Next(dst *Dense) (n int, err error) {
	s.prepareDense(dst)
	for n < s.chunk {
		if err := s.readRow(); err != nil {
			if err == io.EOF {
				break
			}
			return 0, err
		}
		s.cur.storeDense(dst.X[n*s.d : (n+1)*s.d])
		dst.Y[n] = s.cur.y
		n++
	}
	return finishDense(dst, n)
}

// NextCSR is like Next, but stores the rows in sparse form, leaving out the
// zeros of CSV rows.
func (s *Stream) NextCSR(dst *CSR) (n int, err error) {
	prepareCSR(dst, s.d, s.chunk)
	for n < s.chunk {
		if err := s.readRow(); err != nil {
			if err == io.EOF {
				break
			}
			return 0, err
		}
		s.cur.appendCSR(dst)
		n++
	}
	return finishCSR(dst, n)
}

// prepareDense sizes dst for a full batch and sets its column names.
func (s *Stream) prepareDense(dst *Dense) {
	dst.D = s.d
	dst.Features = s.features
	dst.Target = s.target
	dst.Dropped = 0
	if cap(dst.X) < s.chunk*s.d {
		dst.X = make([]float64, s.chunk*s.d)
	}
	if cap(dst.Y) < s.chunk {
		dst.Y = make([]float64, s.chunk)
	}
	dst.X = dst.X[:s.chunk*s.d]
	dst.Y = dst.Y[:s.chunk]
}

func finishDense(dst *Dense, n int) (int, error) {
	dst.N = n
	dst.X = dst.X[:n*dst.D]
	dst.Y = dst.Y[:n]
	if n == 0 {
		return 0, io.EOF
	}
	return n, nil
}

func prepareCSR(dst *CSR, d, chunk int) {
	dst.D = d
	dst.N = 0
	if cap(dst.Indptr) < chunk+1 {
		dst.Indptr = make([]int, 0, chunk+1)
	}
	if cap(dst.Y) < chunk {
		dst.Y = make([]float64, 0, chunk)
	}
	dst.Indptr = append(dst.Indptr[:0], 0)
	dst.Indices = dst.Indices[:0]
	dst.Values = dst.Values[:0]
	dst.Y = dst.Y[:0]
}

func finishCSR(dst *CSR, n int) (int, error) {
	dst.N = n
	if n == 0 {
		return 0, io.EOF
	}
	return n, nil
}

// storeDense writes the features of r to x, which has length D.
func (r *row) storeDense(x []float64) {
	if r.x != nil {
		copy(x, r.x)
		return
	}
	clear(x)
	for k, j := range r.idx {
		x[j] = r.val[k]
	}
}

// appendCSR appends r as the next row of m.
func (r *row) appendCSR(m *CSR) {
	if r.x != nil {
		for j, v := range r.x {
			if v != 0 {
				m.Indices = append(m.Indices, int32(j))
				m.Values = append(m.Values, v)
			}
		}
	} else {
		m.Indices = append(m.Indices, r.idx...)
		m.Values = append(m.Values, r.val...)
	}
	m.Indptr = append(m.Indptr, len(m.Indices))
	m.Y = append(m.Y, r.y)
}

// copyFrom makes r a copy of src, reusing the storage of r.
func (r *row) copyFrom(src *row) {
	if src.x != nil {
		copy(r.x, src.x)
	} else {
		r.idx = append(r.idx[:0], src.idx...)
		r.val = append(r.val[:0], src.val...)
	}
	r.y = src.y
}

// ShuffleBuffer shuffles the rows of a Stream approximately, with memory for
// a fixed number of rows, like the shuffle(buffer_size) transformation of
// tf.data: it keeps a buffer of Size rows, filled from the stream, and
// outputs a uniformly chosen row of the buffer, whose place is taken by the
// next row of the stream. Once the stream is exhausted the remaining rows
// are output in random order. With Size at least the number of rows of the
// stream the shuffle is uniform; with a smaller size a row can move at most
// about Size places forward.
//
// The order depends only on the seed, the epoch (the number of Reset calls)
// and the data, so training with a ShuffleBuffer is reproducible. Batches
// have at most the stream's ChunkRows rows.
//
// A ShuffleBuffer is not safe for concurrent use.
type ShuffleBuffer struct {
	src   *Stream
	size  int
	seed  uint64
	epoch uint64
	pcg   *rand.PCG
	rng   *rand.Rand
	slots []row
	n     int  // number of rows in the buffer
	eof   bool // whether src is exhausted
}

// NewShuffleBuffer returns a ShuffleBuffer of size rows reading from src,
// which must be at the start of an epoch. Its random order is seeded by seed
// and the epoch number, which starts at 0 and is incremented by Reset. It
// panics if size < 1.
func NewShuffleBuffer(src *Stream, size int, seed uint64) *ShuffleBuffer {
	if size < 1 {
		panic("data: ShuffleBuffer size < 1")
	}
	pcg := rand.NewPCG(seed, 0)
	b := &ShuffleBuffer{src: src, size: size, seed: seed, pcg: pcg, rng: rand.New(pcg)}
	b.slots = make([]row, size)
	if src.format == CSV {
		xs := make([]float64, size*src.d)
		for i := range b.slots {
			b.slots[i].x = xs[i*src.d : (i+1)*src.d : (i+1)*src.d]
		}
	}
	return b
}

// Size returns the number of rows the buffer holds.
func (b *ShuffleBuffer) Size() int { return b.size }

// D returns the number of features.
func (b *ShuffleBuffer) D() int { return b.src.d }

// Epoch returns the current epoch, the number of calls to Reset.
func (b *ShuffleBuffer) Epoch() int { return int(b.epoch) }

// Reset rewinds the stream and starts the next epoch, with a new order.
func (b *ShuffleBuffer) Reset() error {
	b.epoch++
	b.pcg.Seed(b.seed, b.epoch)
	b.n = 0
	b.eof = false
	return b.src.Reset()
}

// next returns the next row in shuffled order. The row is valid until the
// next call.
func (b *ShuffleBuffer) next() (*row, error) {
	for !b.eof && b.n < b.size {
		if err := b.src.readRow(); err != nil {
			if err != io.EOF {
				return nil, err
			}
			b.eof = true
			break
		}
		b.slots[b.n].copyFrom(&b.src.cur)
		b.n++
	}
	if b.n == 0 {
		return nil, io.EOF
	}
	j := b.rng.IntN(b.n)
	// Move the chosen row to the end of the buffer and output it from
	// there; its place is refilled on the next call.
	last := b.n - 1
	b.slots[j], b.slots[last] = b.slots[last], b.slots[j]
	b.n--
	return &b.slots[last], nil
}

// Next stores the next at most ChunkRows rows, in shuffled order, in dst.
// Its results are as for Stream.Next.
func (b *ShuffleBuffer) Next(dst *Dense) (n int, err error) {
	b.src.prepareDense(dst)
	d := b.src.d
	for n < b.src.chunk {
		r, err := b.next()
		if err != nil {
			if err == io.EOF {
				break
			}
			return 0, err
		}
		r.storeDense(dst.X[n*d : (n+1)*d])
		dst.Y[n] = r.y
		n++
	}
	return finishDense(dst, n)
}

// NextCSR is like Next, but stores the rows in sparse form.
func (b *ShuffleBuffer) NextCSR(dst *CSR) (n int, err error) {
	prepareCSR(dst, b.src.d, b.src.chunk)
	for n < b.src.chunk {
		r, err := b.next()
		if err != nil {
			if err == io.EOF {
				break
			}
			return 0, err
		}
		r.appendCSR(dst)
		n++
	}
	return finishCSR(dst, n)
}
