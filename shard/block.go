// Package shard stores a data set as K binary blocks of rows, the unit of
// work of a distributed backend: a worker reads one block file, computes on
// its rows and sends back one partial result, so no row ever travels on its
// own and no rows are shuffled (see the beam module).
//
// A block file holds, in this order:
//
//	magic    8 bytes  "DSCBLK01"
//	hlen     uint32   length of the header in bytes (little-endian)
//	header   hlen bytes of JSON: Header (rows, columns, target, the
//	         standardization statistics and label summary of the whole set)
//	X        rows×cols float64, row-major, little-endian
//	Y        rows float64, little-endian
//	crc      uint32   CRC-32C (Castagnoli) of every byte before it
//
// Every block carries the statistics of the whole data set, so that a
// worker holding one block standardizes its rows exactly as an in-process
// run does with all of them, and the set's identity (DataID), so that
// blocks of different data sets are never summed together.
package shard

import (
	"bufio"
	"encoding/binary"
	"encoding/json"
	"errors"
	"fmt"
	"hash"
	"hash/crc32"
	"io"
	"math"
	"strings"

	"github.com/descentgo/descent/data"
)

// Magic opens every block file; its last two bytes are the format version.
const Magic = "DSCBLK01"

// Ext is the file extension of block files.
const Ext = ".dsb"

// MaxHeader bounds the header's length (16 MiB: feature names of a wide
// data set fit, a corrupted length does not make a reader allocate GBs).
const MaxHeader = 16 << 20

// MaxValues bounds rows×(cols+1) of one block (2³¹ values, 16 GiB): a
// block is read whole by one worker.
const MaxValues = 1 << 31

var castagnoli = crc32.MakeTable(crc32.Castagnoli)

// Labels summarizes the targets of the whole data set, for what a driver
// must know before any block is read: the task a model infers and the
// variance that R² divides by.
type Labels struct {
	// Distinct lists the distinct target values in increasing order, up to
	// MaxDistinct of them; Truncated is set when there were more.
	Distinct  []float64 `json:"distinct"`
	Truncated bool      `json:"truncated,omitempty"`
	// AllInt is set when every target is an integer.
	AllInt bool `json:"all_int"`
	// Mean and Var are the mean and population variance of the targets.
	Mean float64 `json:"mean"`
	Var  float64 `json:"var"`
}

// MaxDistinct is the number of distinct targets Labels keeps.
const MaxDistinct = 10001

// Header describes a block and the data set it belongs to.
type Header struct {
	// Index is the block's number s, 0 ≤ s < Blocks; FirstRow the row of
	// the whole data set that is its first row.
	Index    int `json:"index"`
	Blocks   int `json:"blocks"`
	FirstRow int `json:"first_row"`
	// Rows and Cols are the block's shape (Cols features; the target is
	// apart), TotalRows the rows of all blocks.
	Rows      int `json:"rows"`
	Cols      int `json:"cols"`
	TotalRows int `json:"total_rows"`
	// Features and Target name the columns.
	Features []string `json:"features"`
	Target   string   `json:"target"`
	// Standardization holds the column means and standard deviations of
	// the whole data set (data.Standardization.Fit over all rows).
	Standardization data.Standardization `json:"standardization"`
	// Labels summarizes the targets of the whole data set.
	Labels Labels `json:"labels"`
	// DataID identifies the data set: an FNV-1a hash of every value of
	// every row in order, in hexadecimal. All blocks of a set share it.
	DataID string `json:"data_id"`
	// Source is the file the blocks were made from, for messages.
	Source string `json:"source,omitempty"`
}

// Block is a block read into memory.
type Block struct {
	Header
	X []float64 // Rows×Cols, row-major
	Y []float64 // Rows
}

// Name returns the file name of block s of k: block-00003-of-00016.dsb.
func Name(s, k int) string { return fmt.Sprintf("block-%05d-of-%05d%s", s, k, Ext) }

// Error is a bad block: the file and what is wrong with it.
type Error struct {
	File string
	Err  error
}

func (e *Error) Error() string { return e.File + ": " + e.Err.Error() }
func (e *Error) Unwrap() error { return e.Err }

// ErrChecksum is wrapped by the error of a block whose checksum fails.
var ErrChecksum = errors.New("checksum mismatch: the block is corrupted")

// WriteBlock writes b to w in the block format. It checks the shape.
func WriteBlock(w io.Writer, b *Block) error {
	if err := b.Header.check(); err != nil {
		return err
	}
	if len(b.X) != b.Rows*b.Cols || len(b.Y) != b.Rows {
		return fmt.Errorf("shard: block of %d×%d has len(X)=%d, len(Y)=%d", b.Rows, b.Cols, len(b.X), len(b.Y))
	}
	h, err := json.Marshal(&b.Header)
	if err != nil {
		return err
	}
	crc := crc32.New(castagnoli)
	bw := bufio.NewWriterSize(io.MultiWriter(w, crc), 1<<16)
	var buf [8]byte
	bw.WriteString(Magic)
	binary.LittleEndian.PutUint32(buf[:4], uint32(len(h)))
	bw.Write(buf[:4])
	bw.Write(h)
	for _, vs := range [][]float64{b.X, b.Y} {
		for _, v := range vs {
			binary.LittleEndian.PutUint64(buf[:], math.Float64bits(v))
			bw.Write(buf[:])
		}
	}
	if err := bw.Flush(); err != nil {
		return err
	}
	binary.LittleEndian.PutUint32(buf[:4], crc.Sum32())
	_, err = w.Write(buf[:4])
	return err
}

// check checks the header's own fields.
func (h *Header) check() error {
	switch {
	case h.Blocks < 1:
		return fmt.Errorf("blocks = %d, want ≥ 1", h.Blocks)
	case h.Index < 0 || h.Index >= h.Blocks:
		return fmt.Errorf("index %d out of range [0, %d)", h.Index, h.Blocks)
	case h.Rows < 1:
		return fmt.Errorf("rows = %d, want ≥ 1", h.Rows)
	case h.Cols < 1:
		return fmt.Errorf("cols = %d, want ≥ 1", h.Cols)
	case h.Cols > data.MaxFeatures:
		return fmt.Errorf("cols = %d exceeds the limit of %d features", h.Cols, data.MaxFeatures)
	case int64(h.Rows)*int64(h.Cols+1) > MaxValues:
		return fmt.Errorf("%d rows × %d columns exceed the limit of %d values per block", h.Rows, h.Cols+1, int64(MaxValues))
	case h.FirstRow < 0 || h.TotalRows < h.Rows || h.FirstRow > h.TotalRows-h.Rows:
		return fmt.Errorf("rows [%d, %d) out of range of %d total rows", h.FirstRow, h.FirstRow+h.Rows, h.TotalRows)
	case len(h.Features) != h.Cols:
		return fmt.Errorf("%d feature names for %d columns", len(h.Features), h.Cols)
	case len(h.Standardization.Mean) != h.Cols || len(h.Standardization.Std) != h.Cols:
		return fmt.Errorf("standardization has %d means and %d deviations for %d columns", len(h.Standardization.Mean), len(h.Standardization.Std), h.Cols)
	case h.DataID == "":
		return errors.New("no data_id")
	}
	for j := range h.Cols {
		m, s := h.Standardization.Mean[j], h.Standardization.Std[j]
		if !finite(m) || !finite(s) || s <= 0 {
			return fmt.Errorf("standardization of column %d is mean %v, std %v: want finite, std > 0", j+1, m, s)
		}
	}
	return nil
}

func finite(v float64) bool { return !math.IsNaN(v) && !math.IsInf(v, 0) }

// readHeader reads the magic and the header of a block from r, leaving r
// at the first value of X. name is the file, for messages. The returned
// hash has consumed the bytes read so far; ReadBlock continues it.
func readHeader(r io.Reader, name string) (*Header, hash.Hash32, error) {
	crc := crc32.New(castagnoli)
	tr := io.TeeReader(r, crc)
	var pre [12]byte
	if _, err := io.ReadFull(tr, pre[:]); err != nil {
		return nil, nil, &Error{name, fmt.Errorf("not a block file: %v", short(err))}
	}
	if string(pre[:8]) != Magic {
		if strings.HasPrefix(string(pre[:8]), "DSCBLK") {
			return nil, nil, &Error{name, fmt.Errorf("block format version %q: this program reads %q", pre[6:8], Magic[6:])}
		}
		return nil, nil, &Error{name, errors.New("not a block file (no DSCBLK magic)")}
	}
	hlen := binary.LittleEndian.Uint32(pre[8:])
	if hlen == 0 || hlen > MaxHeader {
		return nil, nil, &Error{name, fmt.Errorf("header length %d out of range [1, %d]", hlen, MaxHeader)}
	}
	hb := make([]byte, hlen)
	if _, err := io.ReadFull(tr, hb); err != nil {
		return nil, nil, &Error{name, fmt.Errorf("truncated header: %v", short(err))}
	}
	var h Header
	dec := json.NewDecoder(strings.NewReader(string(hb)))
	dec.DisallowUnknownFields()
	if err := dec.Decode(&h); err != nil {
		return nil, nil, &Error{name, fmt.Errorf("bad header: %v", err)}
	}
	if err := h.check(); err != nil {
		return nil, nil, &Error{name, fmt.Errorf("bad header: %v", err)}
	}
	return &h, crc, nil
}

func short(err error) error {
	if err == io.ErrUnexpectedEOF || err == io.EOF {
		return errors.New("file ends early")
	}
	return err
}

// ReadBlock reads a whole block from r and checks it: the magic, the
// header, the length, the checksum and that every value is finite. name is
// the file, for messages; errors are *Error.
func ReadBlock(r io.Reader, name string) (*Block, error) {
	h, crc, err := readHeader(r, name)
	if err != nil {
		return nil, err
	}
	b := &Block{Header: *h, X: data.MakeFloats(h.Rows * h.Cols), Y: make([]float64, h.Rows)}
	total := len(b.X) + len(b.Y)
	chunk := make([]byte, 8*min(total, 8192))
	for done := 0; done < total; {
		m := min(total-done, len(chunk)/8)
		if _, err := io.ReadFull(r, chunk[:8*m]); err != nil {
			return nil, &Error{name, fmt.Errorf("truncated: fewer than the %d values of %d rows × %d columns: %v", total, h.Rows, h.Cols+1, short(err))}
		}
		crc.Write(chunk[:8*m])
		for k := range m {
			v := math.Float64frombits(binary.LittleEndian.Uint64(chunk[8*k:]))
			if i := done + k; i < len(b.X) {
				b.X[i] = v
			} else {
				b.Y[i-len(b.X)] = v
			}
		}
		done += m
	}
	var buf [4]byte
	if _, err := io.ReadFull(r, buf[:]); err != nil {
		return nil, &Error{name, fmt.Errorf("truncated: no checksum: %v", short(err))}
	}
	if got, want := binary.LittleEndian.Uint32(buf[:]), crc.Sum32(); got != want {
		return nil, &Error{name, fmt.Errorf("%w (stored %08x, computed %08x)", ErrChecksum, got, want)}
	}
	if n, _ := io.ReadFull(r, buf[:1]); n != 0 {
		return nil, &Error{name, errors.New("trailing bytes after the checksum")}
	}
	for k, v := range b.X {
		if !finite(v) {
			return nil, &Error{name, fmt.Errorf("feature %q of row %d is %v", b.Features[k%b.Cols], b.FirstRow+k/b.Cols+1, v)}
		}
	}
	for i, v := range b.Y {
		if !finite(v) {
			return nil, &Error{name, fmt.Errorf("the target of row %d is %v", b.FirstRow+i+1, v)}
		}
	}
	return b, nil
}
