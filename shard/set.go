package shard

import (
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"slices"

	"github.com/descentgo/descent/data"
)

// Set is a complete set of blocks: their files in block order and the
// header they share (Index, FirstRow and Rows are those of block 0).
type Set struct {
	Header
	Files []string // Files[s] holds block s
	Rows  []int    // Rows[s] is the row count of block s
}

// ReadHeader reads and checks the magic and the header of a block from r;
// name is the file, for messages. It does not read the rows (ReadBlock
// checks them and the checksum).
func ReadHeader(r io.Reader, name string) (*Header, error) {
	h, _, err := readHeader(r, name)
	return h, err
}

// NewSet checks that the headers, read from the files names, form one
// complete set: the same data set, columns, names and statistics in every
// block, every index from 0 to Blocks−1 once, and rows that follow each
// other and add up to TotalRows. The files may be in any order.
func NewSet(names []string, headers []*Header) (*Set, error) {
	if len(names) == 0 {
		return nil, errors.New("shard: no block files")
	}
	if len(headers) != len(names) {
		panic("shard: NewSet: one header per file")
	}
	first := headers[0]
	k := first.Blocks
	set := &Set{Header: *first, Files: make([]string, k), Rows: make([]int, k)}
	for i, h := range headers {
		switch {
		case h.DataID != first.DataID:
			return nil, &Error{names[i], fmt.Errorf("belongs to data set %s, %s to %s: the blocks of two data sets are mixed", h.DataID, names[0], first.DataID)}
		case h.Blocks != k:
			return nil, &Error{names[i], fmt.Errorf("is one of %d blocks, %s one of %d", h.Blocks, names[0], k)}
		case h.Cols != first.Cols:
			return nil, &Error{names[i], fmt.Errorf("has %d columns, %s has %d: blocks of different widths", h.Cols, names[0], first.Cols)}
		case h.TotalRows != first.TotalRows || h.Target != first.Target ||
			!slices.Equal(h.Features, first.Features) ||
			!slices.Equal(h.Standardization.Mean, first.Standardization.Mean) ||
			!slices.Equal(h.Standardization.Std, first.Standardization.Std):
			return nil, &Error{names[i], fmt.Errorf("describes its data set differently from %s", names[0])}
		case set.Files[h.Index] != "":
			return nil, &Error{names[i], fmt.Errorf("is block %d, as is %s", h.Index, set.Files[h.Index])}
		}
		set.Files[h.Index], set.Rows[h.Index] = names[i], h.Rows
		if h.Index == 0 {
			set.Header = *h
		}
	}
	next := 0
	for s, f := range set.Files {
		if f == "" {
			return nil, fmt.Errorf("shard: block %d of %d is missing (%s)", s, k, Name(s, k))
		}
		h := headers[slices.Index(names, f)]
		if h.FirstRow != next {
			return nil, &Error{f, fmt.Errorf("starts at row %d, want %d (after block %d)", h.FirstRow, next, s-1)}
		}
		next += h.Rows
	}
	if next != first.TotalRows {
		return nil, fmt.Errorf("shard: the blocks hold %d rows, their headers say %d", next, first.TotalRows)
	}
	return set, nil
}

// OpenDir reads the headers of the block files (*.dsb) in dir and checks
// that they form one set.
func OpenDir(dir string) (*Set, error) {
	names, err := filepath.Glob(filepath.Join(dir, "*"+Ext))
	if err != nil {
		return nil, err
	}
	if len(names) == 0 {
		return nil, fmt.Errorf("%s: no block files (*%s): write them with descent shard", dir, Ext)
	}
	headers := make([]*Header, len(names))
	for i, name := range names {
		f, err := os.Open(name)
		if err != nil {
			return nil, err
		}
		headers[i], err = ReadHeader(f, name)
		f.Close()
		if err != nil {
			return nil, err
		}
	}
	return NewSet(names, headers)
}

// ReadFile reads and checks the block file path.
func ReadFile(path string) (*Block, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	return ReadBlock(f, path)
}

// Load reads every block of the set, checking each, into one data set in
// row order, and returns it with the block bounds (block s holds rows
// [bounds[s], bounds[s+1])). The header of each block must match the one
// the set was opened with: a block rewritten since is an error.
func (s *Set) Load() (*data.Dense, []int, error) {
	d := &data.Dense{N: s.TotalRows, D: s.Cols, X: make([]float64, 0, s.TotalRows*s.Cols),
		Y: make([]float64, 0, s.TotalRows), Features: slices.Clone(s.Features), Target: s.Target}
	bounds := make([]int, 0, len(s.Files)+1)
	for i, f := range s.Files {
		b, err := ReadFile(f)
		if err != nil {
			return nil, nil, err
		}
		if b.DataID != s.DataID || b.Index != i || b.FirstRow != len(d.Y) || b.Rows != s.Rows[i] {
			return nil, nil, &Error{f, errors.New("changed since its directory was opened")}
		}
		bounds = append(bounds, len(d.Y))
		d.X = append(d.X, b.X...)
		d.Y = append(d.Y, b.Y...)
	}
	return d, append(bounds, len(d.Y)), nil
}
