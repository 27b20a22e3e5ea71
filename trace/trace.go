// Package trace writes the per-iteration record of a run to a file, one row
// per iteration with row 0 the start point.
//
// Two formats, chosen by the file extension:
//
//	.csv    header "iter,f,grad_norm,lr,<var1>,<var2>,..." then one line per row
//	.jsonl  one object per line: {"iter":0,"f":...,"grad_norm":...,"lr":...,"x":[...]}
//
// Numbers are written in Go's shortest round-trip form ('g', -1), so a trace
// read back gives the exact float64 values. Non-finite values are written as
// NaN, +Inf and -Inf in CSV, and as null in JSON lines (JSON has no NaN). A
// learning rate that does not exist (methods without one) is written as an
// empty CSV field or null.
//
// With WithSharpness, the rows also carry the sharpness λmax(∇²f(x))
// (minimize.Row.Sharpness) where it was measured: a last CSV column
// "sharpness", empty on the rows not measured, and a key "sharpness" after
// "x" on the measured JSON lines only. The other columns are unchanged.
//
// The file is written to a temporary name and renamed into place by Close,
// so an aborted run leaves no partial file.
package trace

import (
	"bufio"
	"fmt"
	"io"
	"math"
	"os"
	"path/filepath"
	"strconv"
	"strings"

	"github.com/descentgo/descent/minimize"
)

// Format is a trace file format.
type Format int

// The trace formats.
const (
	CSV Format = iota
	JSONL
)

// FormatOf returns the format for a file name by its extension.
func FormatOf(path string) (Format, error) {
	switch strings.ToLower(filepath.Ext(path)) {
	case ".csv":
		return CSV, nil
	case ".jsonl":
		return JSONL, nil
	}
	return 0, fmt.Errorf("trace file %q: unknown extension %q (use .csv or .jsonl)", path, filepath.Ext(path))
}

// Writer writes rows to a trace file. It implements minimize.Observer.
type Writer struct {
	path   string
	tmp    *os.File
	w      *bufio.Writer
	format Format
	buf    []byte
	err    error
	sharp  bool
	step   bool

	every   int          // WithEvery
	held    minimize.Row // the last row not written yet
	heldX   []float64
	hasHeld bool
}

// An Option adds columns to a trace or thins its rows.
type Option func(*Writer)

// WithSharpness adds the column "sharpness": minimize.Row.Sharpness where
// it is not NaN (the rows where it was measured).
func WithSharpness() Option { return func(t *Writer) { t.sharp = true } }

// WithStep adds the column "step": minimize.Row.Step, the step size a
// learning-rate-free method chose (empty on row 0).
func WithStep() Option { return func(t *Writer) { t.step = true } }

// Create starts a trace file at path for a run over the named variables.
// Nothing appears at path until Close succeeds.
func Create(path string, vars []string, opts ...Option) (*Writer, error) {
	format, err := FormatOf(path)
	if err != nil {
		return nil, err
	}
	if st, err := os.Stat(path); err == nil && st.IsDir() {
		return nil, fmt.Errorf("cannot write trace file %s: it is a directory", path)
	}
	tmp, err := os.CreateTemp(filepath.Dir(path), "."+filepath.Base(path)+".tmp*")
	if err != nil {
		return nil, fmt.Errorf("cannot write trace file %s: %w", path, unwrap(err))
	}
	t := &Writer{path: path, tmp: tmp, w: bufio.NewWriterSize(tmp, 1<<16), format: format}
	for _, o := range opts {
		o(t)
	}
	if format == CSV {
		t.w.WriteString("iter,f,grad_norm,lr")
		for _, v := range vars {
			t.w.WriteByte(',')
			t.w.WriteString(v)
		}
		if t.sharp {
			t.w.WriteString(",sharpness")
		}
		if t.step {
			t.w.WriteString(",step")
		}
		t.w.WriteByte('\n')
	}
	return t, nil
}

// WithEvery writes row 0, every row whose iteration is a multiple of k,
// and the last row (at Close): a trace of a long run at a fraction of the
// size. k ≤ 1 writes every row.
func WithEvery(k int) Option { return func(t *Writer) { t.every = k } }

// MaxBytes is the estimated size above which front ends ask for a
// thinned trace (WithEvery): 256 MiB.
const MaxBytes = 256 << 20

// EstimateBytes estimates the size of a trace of rows rows of a problem in
// dim variables: about 24 bytes per number (shortest round-trip decimals
// and a separator), 4 + dim numbers per row.
func EstimateBytes(rows, dim int) float64 { return float64(rows) * float64(4+dim) * 24 }

// Observe writes one row (with WithEvery, only the rows it keeps).
func (t *Writer) Observe(r minimize.Row) error {
	if t.err != nil {
		return t.err
	}
	if t.every > 1 && r.Iter%t.every != 0 {
		// Held back: written at Close if it is the last row.
		t.held = r
		t.heldX = append(t.heldX[:0], r.X...)
		t.held.X = t.heldX
		t.hasHeld = true
		return nil
	}
	t.hasHeld = false
	return t.write(r)
}

func (t *Writer) write(r minimize.Row) error {
	b := t.buf[:0]
	switch t.format {
	case CSV:
		b = strconv.AppendInt(b, int64(r.Iter), 10)
		b = append(b, ',')
		b = appendCSV(b, r.F)
		b = append(b, ',')
		b = appendCSV(b, r.GradNorm)
		b = append(b, ',')
		if !math.IsNaN(r.LR) {
			b = appendCSV(b, r.LR)
		}
		for _, v := range r.X {
			b = append(b, ',')
			b = appendCSV(b, v)
		}
		if t.sharp {
			b = append(b, ',')
			if !math.IsNaN(r.Sharpness) {
				b = appendCSV(b, r.Sharpness)
			}
		}
		if t.step {
			b = append(b, ',')
			if !math.IsNaN(r.Step) {
				b = appendCSV(b, r.Step)
			}
		}
	case JSONL:
		b = append(b, `{"iter":`...)
		b = strconv.AppendInt(b, int64(r.Iter), 10)
		b = append(b, `,"f":`...)
		b = appendJSON(b, r.F)
		b = append(b, `,"grad_norm":`...)
		b = appendJSON(b, r.GradNorm)
		b = append(b, `,"lr":`...)
		b = appendJSON(b, r.LR)
		b = append(b, `,"x":[`...)
		for i, v := range r.X {
			if i > 0 {
				b = append(b, ',')
			}
			b = appendJSON(b, v)
		}
		b = append(b, ']')
		if t.sharp && !math.IsNaN(r.Sharpness) {
			b = append(b, `,"sharpness":`...)
			b = appendJSON(b, r.Sharpness)
		}
		if t.step && !math.IsNaN(r.Step) {
			b = append(b, `,"step":`...)
			b = appendJSON(b, r.Step)
		}
		b = append(b, '}')
	}
	b = append(b, '\n')
	t.buf = b
	if _, err := t.w.Write(b); err != nil {
		t.err = fmt.Errorf("writing trace file %s: %w", t.path, err)
	}
	return t.err
}

// Close finishes the file and renames it into place. After an error, or
// with Abort, the temporary file is removed instead.
func (t *Writer) Close() error {
	if t.err == nil && t.hasHeld {
		t.write(t.held)
		t.hasHeld = false
	}
	if t.err == nil {
		t.err = t.w.Flush()
	}
	if t.err == nil {
		t.err = t.tmp.Close()
	} else {
		t.tmp.Close()
	}
	if t.err == nil {
		if err := os.Chmod(t.tmp.Name(), 0o644); err != nil {
			t.err = err
		}
	}
	if t.err == nil {
		if err := os.Rename(t.tmp.Name(), t.path); err != nil {
			t.err = fmt.Errorf("cannot write trace file %s: %w", t.path, unwrap(err))
		}
	}
	if t.err != nil {
		os.Remove(t.tmp.Name())
	}
	return t.err
}

// Abort discards the trace: nothing is left at the path.
func (t *Writer) Abort() {
	t.tmp.Close()
	os.Remove(t.tmp.Name())
	if t.err == nil {
		t.err = fmt.Errorf("trace aborted")
	}
}

func appendCSV(b []byte, v float64) []byte {
	return strconv.AppendFloat(b, v, 'g', -1, 64)
}

func appendJSON(b []byte, v float64) []byte {
	if math.IsNaN(v) || math.IsInf(v, 0) {
		return append(b, "null"...)
	}
	return strconv.AppendFloat(b, v, 'g', -1, 64)
}

func unwrap(err error) error {
	if pe, ok := err.(*os.PathError); ok {
		return pe.Err
	}
	if le, ok := err.(*os.LinkError); ok {
		return le.Err
	}
	return err
}

var _ io.Closer = (*Writer)(nil)
