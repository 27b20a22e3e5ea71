package train

import (
	"bytes"
	"encoding/binary"
	"errors"
	"fmt"
	"hash"
	"hash/fnv"
	"io"
	"math"
	"os"
	"strconv"
	"strings"

	"github.com/descentgo/descent/data"
	"github.com/descentgo/descent/model"
)

// DefaultBufferRows is the size of the shuffle buffer of a streamed run
// whose Source leaves BufferRows zero.
const DefaultBufferRows = 10000

// Source names a data file and says how to read it.
type Source struct {
	// Path is the file. Its extension tells the format (.csv; .svm,
	// .libsvm, .svmlight) unless Format is set.
	Path string
	// Format is "csv", "libsvm" (or "svmlight"), or "" to tell by the
	// extension.
	Format string
	// Target is the CSV target column; "" means the last column. LIBSVM
	// files have their label first on every line.
	Target string
	// Features lists the CSV feature columns; nil means every column but
	// the target.
	Features []string
	// DropMissing skips CSV rows with a missing value instead of failing.
	DropMissing bool
	// Stream reads the file in batches, again for every epoch, so that
	// memory does not grow with the file; examples are then shuffled
	// within a buffer of BufferRows rows (0 means DefaultBufferRows).
	Stream     bool
	BufferRows int
}

// format resolves the file format.
func (s Source) format() (data.Format, error) {
	if s.Path == "" {
		return 0, errors.New("no data file given (--data)")
	}
	if s.Format != "" {
		return data.ParseFormat(s.Format)
	}
	f, ok := data.FormatOf(s.Path)
	if !ok {
		return 0, fmt.Errorf("%s: cannot tell the data format from the extension %q: use --format csv or --format libsvm", s.Path, extOf(s.Path))
	}
	return f, nil
}

func extOf(path string) string {
	i := strings.LastIndexAny(path, "./\\")
	if i < 0 || path[i] != '.' {
		return ""
	}
	return path[i:]
}

func (s Source) check(f data.Format) error {
	if f == data.LIBSVM {
		if s.Target != "" {
			return fmt.Errorf("%s: --target applies to CSV files only: a LIBSVM file has its label first on every line", s.Path)
		}
		if len(s.Features) > 0 {
			return fmt.Errorf("%s: --features applies to CSV files only", s.Path)
		}
		if s.DropMissing {
			return fmt.Errorf("%s: --drop-missing applies to CSV files only", s.Path)
		}
	}
	if s.BufferRows < 0 {
		return fmt.Errorf("--buffer %d: must be ≥ 1", s.BufferRows)
	}
	return nil
}

func (s Source) csvOptions() data.CSVOptions {
	return data.CSVOptions{Target: s.Target, Features: s.Features, DropMissing: s.DropMissing}
}

// dataset is a data file read into memory (dense or CSR) or opened as a
// stream.
type dataset struct {
	path     string
	format   data.Format
	dense    *data.Dense
	csr      *data.CSR
	stream   *data.Stream
	features []string
	target   string
	dropped  int
}

func (d *dataset) n() int {
	switch {
	case d.dense != nil:
		return d.dense.N
	case d.csr != nil:
		return d.csr.N
	}
	return d.stream.N()
}

func (d *dataset) dim() int {
	switch {
	case d.dense != nil:
		return d.dense.D
	case d.csr != nil:
		return d.csr.D
	}
	return d.stream.D()
}

// load reads the source into memory. numFeatures, if positive, fixes D of a
// LIBSVM file.
func load(s Source, numFeatures int) (*dataset, error) {
	f, err := s.format()
	if err != nil {
		return nil, err
	}
	if err := s.check(f); err != nil {
		return nil, err
	}
	ds := &dataset{path: s.Path, format: f}
	if f == data.CSV {
		d, err := data.ReadCSVFile(s.Path, s.csvOptions())
		if err != nil {
			return nil, fileErr(err)
		}
		ds.dense, ds.features, ds.target, ds.dropped = d, d.Features, d.Target, d.Dropped
		return ds, nil
	}
	m, err := data.ReadLIBSVMFile(s.Path, data.LIBSVMOptions{NumFeatures: numFeatures})
	if err != nil {
		return nil, fileErr(err)
	}
	ds.csr, ds.features, ds.target = m, libsvmNames(m.D), "label"
	return ds, nil
}

// openStream opens the source as a stream of chunk rows per batch.
func openStream(s Source, chunk int) (*dataset, error) {
	f, err := s.format()
	if err != nil {
		return nil, err
	}
	if err := s.check(f); err != nil {
		return nil, err
	}
	st, err := data.OpenStream(s.Path, f, data.StreamOptions{ChunkRows: chunk, CSV: s.csvOptions()})
	if err != nil {
		return nil, fileErr(err)
	}
	ds := &dataset{path: s.Path, format: f, stream: st, features: st.Features(), target: st.Target(), dropped: st.Dropped()}
	if f == data.LIBSVM {
		ds.features, ds.target = libsvmNames(st.D()), "label"
	}
	return ds, nil
}

// fileErr strips the *os.PathError wrapper so that the message reads
// "open x.csv: no such file or directory" rather than repeating the op.
func fileErr(err error) error {
	var pe *os.PathError
	if errors.As(err, &pe) {
		return fmt.Errorf("%s: %v", pe.Path, pe.Err)
	}
	return err
}

func libsvmNames(d int) []string {
	out := make([]string, d)
	for j := range out {
		out[j] = "f" + strconv.Itoa(j+1)
	}
	return out
}

// labelInfo summarizes the targets of a data set.
type labelInfo struct {
	distinct []float64 // distinct values, up to model.MaxClasses+1 of them
	allInt   bool      // every target is an integer
	n        int
	fp       uint64  // fingerprint of the whole data set
	mean, m2 float64 // Welford's running mean and sum of squared deviations of the targets
}

// yVar returns the population variance of the targets.
func (li labelInfo) yVar() float64 {
	if li.n == 0 {
		return 0
	}
	return li.m2 / float64(li.n)
}

// fingerprint is an FNV-1a hash of the examples, in order, to detect a data
// file that changed between a checkpoint and its resumption.
type fingerprint struct {
	h   hash.Hash64
	buf [8]byte
}

func newFingerprint() *fingerprint { return &fingerprint{h: fnv.New64a()} }

func (f *fingerprint) add(v float64) {
	binary.LittleEndian.PutUint64(f.buf[:], math.Float64bits(v))
	f.h.Write(f.buf[:])
}

func (f *fingerprint) addInt(v int) {
	binary.LittleEndian.PutUint64(f.buf[:], uint64(v))
	f.h.Write(f.buf[:])
}

type labelScan struct {
	seen   map[float64]bool
	info   labelInfo
	fp     *fingerprint
	capped bool
}

func newLabelScan() *labelScan {
	return &labelScan{seen: map[float64]bool{}, info: labelInfo{allInt: true}, fp: newFingerprint()}
}

func (s *labelScan) label(y float64) {
	s.info.n++
	s.fp.add(y)
	d := y - s.info.mean
	s.info.mean += d / float64(s.info.n)
	s.info.m2 += d * (y - s.info.mean)
	if y != math.Trunc(y) {
		s.info.allInt = false
	}
	if y == 0 {
		y = 0 // −0 and +0 are one class
	}
	if !s.seen[y] && len(s.seen) <= model.MaxClasses {
		s.seen[y] = true
		s.info.distinct = append(s.info.distinct, y)
	}
}

func (s *labelScan) dense(d *data.Dense) {
	s.fp.addInt(d.D)
	for i := 0; i < d.N; i++ {
		for _, v := range d.Row(i) {
			s.fp.add(v)
		}
		s.label(d.Y[i])
	}
}

func (s *labelScan) csr(m *data.CSR) {
	s.fp.addInt(m.D)
	for i := 0; i < m.N; i++ {
		for k := m.Indptr[i]; k < m.Indptr[i+1]; k++ {
			s.fp.addInt(int(m.Indices[k]))
			s.fp.add(m.Values[k])
		}
		s.label(m.Y[i])
	}
}

func (s *labelScan) done() labelInfo {
	s.info.fp = s.fp.h.Sum64()
	return s.info
}

// scan returns the label summary of an in-memory data set, or of one pass
// over a stream (which is then reset).
func (d *dataset) scan() (labelInfo, error) {
	s := newLabelScan()
	switch {
	case d.dense != nil:
		s.dense(d.dense)
	case d.csr != nil:
		s.csr(d.csr)
	default:
		var b data.CSR
		for {
			_, err := d.stream.NextCSR(&b)
			if err == io.EOF {
				break
			}
			if err != nil {
				return labelInfo{}, fileErr(err)
			}
			s.csr(&b)
		}
		if err := d.stream.Reset(); err != nil {
			return labelInfo{}, fileErr(err)
		}
	}
	return s.done(), nil
}

// maxInferredClasses is the largest number of distinct integer labels for
// which an MLP infers a classification task.
const maxInferredClasses = 20

// resolveTask chooses the task of a model: the one given, or linear →
// regression, logistic → binary, softmax → multiclass, and for mlp
// classification when the targets are integers with at most 20 distinct
// values (binary for two), regression otherwise.
func resolveTask(modelName, given string, li labelInfo) (model.Task, error) {
	if given != "" {
		t, err := model.ParseTask(given)
		if err != nil {
			return 0, fmt.Errorf("--task: %v", err)
		}
		return t, nil
	}
	switch modelName {
	case "linear":
		return model.Regression, nil
	case "logistic":
		return model.Binary, nil
	case "softmax":
		return model.Multiclass, nil
	}
	if li.allInt && len(li.distinct) <= maxInferredClasses {
		if len(li.distinct) == 2 {
			return model.Binary, nil
		}
		if len(li.distinct) > 2 {
			return model.Multiclass, nil
		}
	}
	return model.Regression, nil
}

// classesOf returns the classes of a classification task from the label
// summary of the whole file, and checks that the training labels hold at
// least two of them.
func classesOf(t model.Task, li labelInfo, path, target string) ([]float64, error) {
	if t == model.Regression {
		return nil, nil
	}
	if len(li.distinct) > model.MaxClasses {
		return nil, fmt.Errorf("%s: target %q has more than %d distinct values: is it real-valued (use --task regression, or the linear model)?", path, target, model.MaxClasses)
	}
	// More than 20 classes with fewer than 4 rows per class on average is a
	// real-valued target read as labels.
	if k := len(li.distinct); k > 20 && 4*k > li.n {
		return nil, fmt.Errorf("%s: target %q has %d distinct values among %d rows: it looks real-valued, not a class label (use --model linear, or --task regression for mlp)", path, target, k, li.n)
	}
	if len(li.distinct) < 2 {
		v := "no values"
		if len(li.distinct) == 1 {
			v = "only the value " + strconv.FormatFloat(li.distinct[0], 'g', -1, 64)
		}
		return nil, fmt.Errorf("%s: target %q has %s: a %s task needs at least two classes", path, target, v, t)
	}
	cl, err := model.Classes(t, li.distinct)
	if err != nil {
		return nil, fmt.Errorf("%s: target %q: %v", path, target, err)
	}
	return cl, nil
}

// Standardization is the feature scaling a model was trained with:
// x ← (x − Mean)/Std when Center is set, x ← x/Std otherwise (sparse data,
// whose zeros centering would fill in).
type Standardization struct {
	Mean   []float64
	Std    []float64
	Center bool
}

func (s *Standardization) applyDense(d *data.Dense) {
	if s == nil {
		return
	}
	for i := 0; i < d.N; i++ {
		s.applyRow(d.Row(i))
	}
}

func (s *Standardization) applyRow(x []float64) {
	if s.Center {
		for j, v := range x {
			x[j] = (v - s.Mean[j]) / s.Std[j]
		}
		return
	}
	for j, v := range x {
		x[j] = v / s.Std[j]
	}
}

func (s *Standardization) applyCSR(m *data.CSR) {
	if s == nil {
		return
	}
	if s.Center {
		panic("train: centering a sparse matrix")
	}
	for k, j := range m.Indices {
		m.Values[k] /= s.Std[j]
	}
}

// densify returns m as a dense matrix. It refuses matrices of more than
// 2²⁷ entries (1 GiB).
func densify(m *data.CSR, features []string) (*data.Dense, error) {
	if m.N > 0 && m.D > (1<<27)/m.N {
		return nil, fmt.Errorf("the data set has %d×%d features: too large to hold densely for a model without sparse support", m.N, m.D)
	}
	d := &data.Dense{N: m.N, D: m.D, X: make([]float64, m.N*m.D), Y: append([]float64(nil), m.Y...), Features: features, Target: "label"}
	for i := 0; i < m.N; i++ {
		row := d.Row(i)
		for k := m.Indptr[i]; k < m.Indptr[i+1]; k++ {
			row[m.Indices[k]] = m.Values[k]
		}
	}
	return d, nil
}

// withDummyTarget returns CSV text b with one more column, named name, whose
// every field is 0: it lets a file without the target column be read for
// prediction. Records may span lines inside quotes; blank lines stay blank.
func withDummyTarget(b []byte, name string) []byte {
	out := make([]byte, 0, len(b)+len(b)/8+len(name)+8)
	inQuote := false
	header := true
	for len(b) > 0 {
		i := bytes.IndexByte(b, '\n')
		line := b
		if i >= 0 {
			line = b[:i+1]
		}
		b = b[len(line):]
		body := bytes.TrimRight(line, "\r\n")
		end := line[len(body):]
		startsRecord := !inQuote
		inQuote = inQuote != (bytes.Count(body, []byte{'"'})%2 == 1)
		blank := startsRecord && len(bytes.Trim(body, " \t")) == 0 && !header
		if header && len(bytes.Trim(bytes.TrimPrefix(body, []byte{0xEF, 0xBB, 0xBF}), " \t")) == 0 {
			blank = true // blank lines before the header
		}
		out = append(out, body...)
		if !inQuote && !blank {
			if header {
				out = append(out, ',')
				out = strconv.AppendQuote(out, name)
				header = false
			} else {
				out = append(out, ",0"...)
			}
		}
		out = append(out, end...)
	}
	return out
}

// csvHasColumn reports whether the first non-blank line of a CSV file has
// a column named col (names are trimmed and unquoted in the simple cases:
// it is used only to pick a name that is not taken).
func csvHasColumn(b []byte, col string) bool {
	b = bytes.TrimPrefix(b, []byte{0xEF, 0xBB, 0xBF})
	for len(b) > 0 {
		i := bytes.IndexByte(b, '\n')
		line := b
		if i >= 0 {
			line, b = b[:i], b[i+1:]
		} else {
			b = nil
		}
		line = bytes.TrimRight(line, "\r")
		if len(bytes.Trim(line, " \t")) == 0 {
			continue
		}
		for _, f := range strings.Split(string(line), ",") {
			f = strings.Trim(f, " \t")
			if uq, err := strconv.Unquote(f); err == nil && strings.HasPrefix(f, `"`) {
				f = uq
			}
			if f == col {
				return true
			}
		}
		return false
	}
	return false
}

// hideDummy rewrites the errors of a file read through withDummyTarget so
// that they describe the real file: field counts without the dummy column,
// column lists without its name.
func hideDummy(err error, dummy string) error {
	var pe *data.ParseError
	if !errors.As(err, &pe) {
		return err
	}
	cp := *pe
	var got, want int
	if n, _ := fmt.Sscanf(pe.Err.Error(), "wrong number of fields: got %d, want %d", &got, &want); n == 2 {
		cp.Err = fmt.Errorf("wrong number of fields: got %d, want %d", got-1, want-1)
		return &cp
	}
	if msg := pe.Err.Error(); strings.Contains(msg, ", "+dummy+")") {
		cp.Err = errors.New(strings.Replace(msg, ", "+dummy+")", ")", 1))
		return &cp
	}
	return err
}
