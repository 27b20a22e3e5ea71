package train

import (
	"encoding/binary"
	"errors"
	"fmt"
	"hash"
	"hash/fnv"
	"io"
	"math"
	"os"
	"slices"
	"strconv"
	"strings"

	"github.com/descentgo/descent/data"
	"github.com/descentgo/descent/model"
	"github.com/descentgo/descent/shard"
	"github.com/descentgo/descent/spec"
)

// DefaultBufferRows is the size of the shuffle buffer of a streamed run
// whose Source leaves BufferRows zero.
const DefaultBufferRows = 10000

// Source says where the examples of a run come from: a data file and how to
// read it, or a data set in memory. Its JSON form is the data part of a
// configuration ("data", "format", "target", …, as in checkpoint files);
// Memory has none. Errors about its fields are *spec.FieldError naming the
// field by its JSON name.
type Source struct {
	// Path is the file. Its extension tells the format (.csv; .svm,
	// .libsvm, .svmlight) unless Format is set. A directory is a data set
	// stored as blocks by package shard (descent shard).
	Path string `json:"data"`
	// Format is "csv", "libsvm" (or "svmlight"), "blocks", or "" to tell
	// by the extension (a directory: blocks).
	Format string `json:"format"`
	// Target is the CSV target column; "" means the last column. LIBSVM
	// files have their label first on every line.
	Target string `json:"target"`
	// Features lists the CSV feature columns; nil means every column but
	// the target.
	Features []string `json:"features"`
	// DropMissing skips CSV rows with a missing value instead of failing.
	DropMissing bool `json:"drop_missing"`
	// Stream reads the file in batches, again for every epoch, so that
	// memory does not grow with the file; examples are then shuffled
	// within a buffer of BufferRows rows (0 means DefaultBufferRows).
	Stream     bool `json:"stream"`
	BufferRows int  `json:"buffer_rows"`

	// Memory, if set, is the data set itself: its rows X, targets Y,
	// feature names (nil means f1, f2, …) and target name ("" means
	// "label"). Training reads a copy, so it may be shared. Path, Format,
	// Target, Features and DropMissing must then be empty and Stream
	// false, or the run fails with a *spec.FieldError; a matrix whose
	// slices do not fit N and D, or with a non-finite value, is an error
	// too. Messages name the data set MemoryName.
	Memory *data.Dense `json:"-"`
	// MemoryName names the Memory data set in messages, e.g. the name of
	// the file a front end read it from; "" means "memory".
	MemoryName string `json:"-"`
}

// memoryName names an in-memory data set in messages by default.
const memoryName = "memory"

// memName is the name of s.Memory in messages.
func (s Source) memName() string {
	if s.MemoryName != "" {
		return s.MemoryName
	}
	return memoryName
}

// format resolves the file format. Data in memory are dense with named
// columns, as if read from CSV.
func (s Source) format() (data.Format, error) {
	if s.Memory != nil {
		return data.CSV, nil
	}
	if s.Path == "" {
		return 0, &spec.FieldError{Field: "data", Err: errors.New("no data file given")}
	}
	if s.Blocks() {
		return data.CSV, nil // dense rows with named columns
	}
	if s.Format != "" {
		f, err := data.ParseFormat(s.Format)
		return f, spec.Fielded("format", err)
	}
	f, ok := data.FormatOf(s.Path)
	if !ok {
		return 0, &spec.FieldError{Field: "format", Err: fmt.Errorf("%s: cannot tell the data format from the extension %q: want csv or libsvm", s.Path, extOf(s.Path))}
	}
	return f, nil
}

// BlocksFormat is the Format of a data set stored as blocks (package shard).
const BlocksFormat = "blocks"

// Blocks reports whether the source is a set of blocks written by package
// shard: Format is "blocks", or Path is a directory.
func (s Source) Blocks() bool {
	if s.Memory != nil {
		return false
	}
	if strings.EqualFold(s.Format, BlocksFormat) {
		return true
	}
	fi, err := os.Stat(s.Path)
	return s.Format == "" && err == nil && fi.IsDir()
}

func extOf(path string) string {
	i := strings.LastIndexAny(path, "./\\")
	if i < 0 || path[i] != '.' {
		return ""
	}
	return path[i:]
}

// check checks the fields of s against each other and the format f.
func (s Source) check(f data.Format) error {
	if s.BufferRows < 0 {
		return &spec.FieldError{Field: "buffer_rows", Err: fmt.Errorf("%d: must be ≥ 1", s.BufferRows)}
	}
	if s.Memory != nil {
		return s.checkMemory()
	}
	if s.Blocks() {
		const notBlocks = "does not apply to blocks, which hold their target and features"
		switch {
		case s.Target != "":
			return &spec.FieldError{Field: "target", Err: errors.New(notBlocks)}
		case len(s.Features) > 0:
			return &spec.FieldError{Field: "features", Err: errors.New(notBlocks)}
		case s.DropMissing:
			return &spec.FieldError{Field: "drop_missing", Err: errors.New("does not apply to blocks, which have no missing values")}
		case s.Stream:
			return &spec.FieldError{Field: "stream", Err: errors.New("blocks are not streamed: each is read whole")}
		}
		return nil
	}
	if f == data.LIBSVM {
		if s.Target != "" {
			return &spec.FieldError{Field: "target", Err: fmt.Errorf("applies to CSV files only: %s is a LIBSVM file, which has its label first on every line", s.Path)}
		}
		if len(s.Features) > 0 {
			return &spec.FieldError{Field: "features", Err: fmt.Errorf("applies to CSV files only: %s is a LIBSVM file", s.Path)}
		}
		if s.DropMissing {
			return &spec.FieldError{Field: "drop_missing", Err: fmt.Errorf("applies to CSV files only: %s is a LIBSVM file", s.Path)}
		}
	}
	return nil
}

// checkMemory checks a Source whose data are in memory: the file fields
// must be empty, and the matrix well formed and finite.
func (s Source) checkMemory() error {
	const notFile = "applies to data files only, not to data in memory"
	switch {
	case s.Path != "":
		return &spec.FieldError{Field: "data", Err: fmt.Errorf("file %s given as well as data in memory: give one", s.Path)}
	case s.Format != "":
		return &spec.FieldError{Field: "format", Err: errors.New(notFile)}
	case s.Target != "":
		return &spec.FieldError{Field: "target", Err: errors.New(notFile + ", whose targets are Y")}
	case len(s.Features) > 0:
		return &spec.FieldError{Field: "features", Err: errors.New(notFile)}
	case s.DropMissing:
		return &spec.FieldError{Field: "drop_missing", Err: errors.New(notFile)}
	case s.Stream:
		return &spec.FieldError{Field: "stream", Err: errors.New("data in memory cannot be streamed")}
	}
	d := s.Memory
	switch {
	case d.N < 1:
		return fmt.Errorf("%s: no examples (N = %d)", s.memName(), d.N)
	case d.D < 1:
		return fmt.Errorf("%s: no features (D = %d)", s.memName(), d.D)
	case len(d.X) != d.N*d.D:
		return fmt.Errorf("%s: X has %d values, want N×D = %d×%d", s.memName(), len(d.X), d.N, d.D)
	case len(d.Y) != d.N:
		return fmt.Errorf("%s: Y has %d values, want N = %d", s.memName(), len(d.Y), d.N)
	case d.Features != nil && len(d.Features) != d.D:
		return fmt.Errorf("%s: %d feature names for D = %d features", s.memName(), len(d.Features), d.D)
	}
	first := make(map[string]int, len(d.Features))
	for j, name := range d.Features {
		if name == "" {
			return fmt.Errorf("%s: feature %d has no name", s.memName(), j+1)
		}
		if k, dup := first[name]; dup {
			return fmt.Errorf("%s: duplicate feature name %q (features %d and %d)", s.memName(), name, k+1, j+1)
		}
		first[name] = j
	}
	for k, v := range d.X {
		if math.IsNaN(v) || math.IsInf(v, 0) {
			name := "f" + strconv.Itoa(k%d.D+1)
			if d.Features != nil {
				name = d.Features[k%d.D]
			}
			return fmt.Errorf("%s: feature %q of example %d is %v", s.memName(), name, k/d.D+1, v)
		}
	}
	for i, v := range d.Y {
		if math.IsNaN(v) || math.IsInf(v, 0) {
			return fmt.Errorf("%s: the target of example %d is %v", s.memName(), i+1, v)
		}
	}
	return nil
}

// memoryData returns a copy of the in-memory data set of s, with its
// default names filled in.
func (s Source) memoryData() *data.Dense {
	m := s.Memory
	d := &data.Dense{N: m.N, D: m.D, X: slices.Clone(m.X), Y: slices.Clone(m.Y),
		Features: slices.Clone(m.Features), Target: m.Target, Dropped: m.Dropped}
	if d.Features == nil {
		d.Features = libsvmNames(d.D)
	}
	if d.Target == "" {
		d.Target = "label"
	}
	return d
}

func (s Source) csvOptions() data.CSVOptions {
	return data.CSVOptions{Target: s.Target, Features: s.Features, DropMissing: s.DropMissing}
}

// dataset is a data file read into memory (dense or CSR) or opened as a
// stream, or a copy of data in memory.
type dataset struct {
	path     string
	format   data.Format
	dense    *data.Dense
	csr      *data.CSR
	stream   *data.Stream
	features []string
	target   string
	dropped  int
	bounds   []int // the blocks' first rows, for data stored as blocks
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
	if s.Memory != nil {
		d := s.memoryData()
		return &dataset{path: s.memName(), format: f, dense: d, features: d.Features, target: d.Target, dropped: d.Dropped}, nil
	}
	ds := &dataset{path: s.Path, format: f}
	if s.Blocks() {
		set, err := shard.OpenDir(s.Path)
		if err != nil {
			return nil, fileErr(err)
		}
		if ds.dense, ds.bounds, err = set.Load(); err != nil {
			return nil, fileErr(err)
		}
		ds.features, ds.target = ds.dense.Features, ds.dense.Target
		return ds, nil
	}
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
	if f == nil {
		return
	}
	binary.LittleEndian.PutUint64(f.buf[:], math.Float64bits(v))
	f.h.Write(f.buf[:])
}

func (f *fingerprint) addInt(v int) {
	if f == nil {
		return
	}
	binary.LittleEndian.PutUint64(f.buf[:], uint64(v))
	f.h.Write(f.buf[:])
}

// addRow adds the values of a dense row; a nil fingerprint skips the row
// at once.
func (f *fingerprint) addRow(x []float64) {
	if f == nil {
		return
	}
	for _, v := range x {
		f.add(v)
	}
}

// addSparseRow adds a CSR row's (column, value) pairs in order.
func (f *fingerprint) addSparseRow(cols []int32, vals []float64) {
	if f == nil {
		return
	}
	for k, c := range cols {
		f.addInt(int(c))
		f.add(vals[k])
	}
}

type labelScan struct {
	seen   map[float64]bool
	info   labelInfo
	fp     *fingerprint
	capped bool
}

// newLabelScan starts a scan; with fingerprint false it computes no
// fingerprint (a byte-wise hash of every value: 6 % of a whole
// `descent train` on 400k × 20, perf), which only a checkpoint needs.
func newLabelScan(fingerprint bool) *labelScan {
	s := &labelScan{seen: map[float64]bool{}, info: labelInfo{allInt: true}}
	if fingerprint {
		s.fp = newFingerprint()
	}
	return s
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
		s.fp.addRow(d.Row(i))
		s.label(d.Y[i])
	}
}

func (s *labelScan) csr(m *data.CSR) {
	s.fp.addInt(m.D)
	for i := 0; i < m.N; i++ {
		lo, hi := m.Indptr[i], m.Indptr[i+1]
		s.fp.addSparseRow(m.Indices[lo:hi], m.Values[lo:hi])
		s.label(m.Y[i])
	}
}

func (s *labelScan) done() labelInfo {
	if s.fp != nil {
		s.info.fp = s.fp.h.Sum64()
	}
	return s.info
}

// scan returns the label summary of an in-memory data set, or of one pass
// over a stream (which is then reset), with the data's fingerprint when
// fingerprint is true (else the fingerprint is 0).
func (d *dataset) scan(fingerprint bool) (labelInfo, error) {
	s := newLabelScan(fingerprint)
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
			return 0, &spec.FieldError{Field: "task", Err: err}
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
		return nil, fmt.Errorf("%s: target %q has more than %d distinct values: is it real-valued (set the task to regression, or use the linear model)?", path, target, model.MaxClasses)
	}
	// More than 20 classes with fewer than 4 rows per class on average is a
	// real-valued target read as labels.
	if k := len(li.distinct); k > 20 && 4*k > li.n {
		return nil, fmt.Errorf("%s: target %q has %d distinct values among %d rows: it looks real-valued, not a class label (use the linear model, or set the task to regression for mlp)", path, target, k, li.n)
	}
	if len(li.distinct) < 2 {
		v := "no values"
		if len(li.distinct) == 1 {
			v = "only the value " + strconv.FormatFloat(li.distinct[0], 'g', -1, 64)
		}
		return nil, fmt.Errorf("%s: target %q has %s: a %s task needs at least two classes", path, target, v, t)
	}
	for _, v := range li.distinct {
		if v != math.Trunc(v) {
			return nil, fmt.Errorf("%s: target %q has the value %s: class labels are integers (for a real-valued target use the linear model, or set the task to regression for mlp)", path, target, strconv.FormatFloat(v, 'g', -1, 64))
		}
	}
	cl, err := model.Classes(t, li.distinct)
	if err != nil {
		return nil, fmt.Errorf("%s: target %q: %v", path, target, err)
	}
	return cl, nil
}

// Standardization is the feature scaling a model was trained with:
// x ← (x − Mean)/Std when Center is set, x ← x/Std otherwise (sparse data,
// whose zeros centering would fill in). It is data.Standardization, whose
// methods apply it (convert with (*data.Standardization)(s)), and whose JSON
// form is the "standardize" object of a model file.
type Standardization data.Standardization

// applyDense standardizes d in place; a nil s leaves it unchanged.
func (s *Standardization) applyDense(d *data.Dense) {
	if s != nil {
		(*data.Standardization)(s).Apply(d)
	}
}

// applyCSR scales m in place; a nil s leaves it unchanged. It panics if s
// centers.
func (s *Standardization) applyCSR(m *data.CSR) {
	if s != nil {
		(*data.Standardization)(s).ApplyCSR(m)
	}
}

// densify returns m as a dense matrix. It refuses matrices of more than
// 2²⁷ entries (1 GiB).
func densify(m *data.CSR, features []string) (*data.Dense, error) {
	if m.N > 0 && m.D > (1<<27)/m.N {
		return nil, fmt.Errorf("the data set has %d×%d features: too large to hold densely for a model without sparse support", m.N, m.D)
	}
	d := &data.Dense{N: m.N, D: m.D, X: data.MakeFloats(m.N * m.D), Y: append([]float64(nil), m.Y...), Features: features, Target: "label"}
	for i := 0; i < m.N; i++ {
		row := d.Row(i)
		for k := m.Indptr[i]; k < m.Indptr[i+1]; k++ {
			row[m.Indices[k]] = m.Values[k]
		}
	}
	return d, nil
}

// LoadDense reads the examples of a source into memory as dense rows with
// their names, densifying a LIBSVM file, with the errors of Train; it is
// what `descent shard` stores as blocks.
func LoadDense(src Source) (*data.Dense, error) {
	if src.Stream {
		return nil, &spec.FieldError{Field: "stream", Err: errors.New("does not apply: the data set is read whole")}
	}
	ds, err := load(src, 0)
	if err != nil {
		return nil, err
	}
	if ds.dense != nil {
		ds.dense.Features, ds.dense.Target = ds.features, ds.target
		return ds.dense, nil
	}
	d, err := densify(ds.csr, ds.features)
	if err != nil {
		return nil, fmt.Errorf("%s: %v", ds.path, err)
	}
	return d, nil
}

// OpenStream opens a source's file as a stream of dense rows (chunks of
// data.DefaultChunkRows), with the errors of Train, and returns its feature
// names and target; it is what `descent shard --stream` reads in passes.
func OpenStream(src Source) (st *data.Stream, features []string, target string, err error) {
	if src.Blocks() || src.Memory != nil {
		return nil, nil, "", &spec.FieldError{Field: "data", Err: errors.New("a stream reads a CSV or LIBSVM file")}
	}
	ds, err := openStream(src, data.DefaultChunkRows)
	if err != nil {
		return nil, nil, "", err
	}
	return ds.stream, ds.features, ds.target, nil
}
