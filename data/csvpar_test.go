package data

import (
	"bytes"
	"errors"
	"fmt"
	"math"
	"math/rand/v2"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"sync/atomic"
	"testing"
)

// genCSVFile writes rows of d 17-digit features and a target, with blank lines
// and CRLF endings here and there; edit may change a row's text.
func genCSVFile(t *testing.T, rows, d int, edit func(i int, row string) string) (string, []byte) {
	t.Helper()
	r := rand.New(rand.NewPCG(5, 6))
	var b strings.Builder
	for j := range d {
		fmt.Fprintf(&b, "x%d,", j)
	}
	b.WriteString("y\n")
	for i := range rows {
		var row strings.Builder
		for range d {
			row.WriteString(strconv.FormatFloat(r.NormFloat64()*math.Pow(10, float64(r.IntN(9)-4)), 'g', 17, 64))
			row.WriteByte(',')
		}
		row.WriteString(strconv.Itoa(r.IntN(3)))
		s := row.String()
		if edit != nil {
			s = edit(i, s)
		}
		b.WriteString(s)
		switch i % 97 {
		case 3:
			b.WriteString("\r\n")
		case 5:
			b.WriteString("\n\n") // a blank line
		default:
			b.WriteString("\n")
		}
	}
	p := filepath.Join(t.TempDir(), "g.csv")
	if err := os.WriteFile(p, []byte(b.String()), 0o644); err != nil {
		t.Fatal(err)
	}
	return p, []byte(b.String())
}

// shortRow is a row of 12 features and a target, of 26 bytes where
// genCSVFile's rows have about 260.
const shortRow = "1,2,3,4,5,6,7,8,9,0,1,2,1"

// TestParallelCSV: the parallel parse of a file equals the serial parse of
// the same bytes (ReadCSV on a reader), to the bit, at GOMAXPROCS 1, 2 and
// 8, and so do its errors (line and column) and dropped rows — also when
// a chunk's rows outnumber the rows reserved for it, from rows of very
// different lengths or from a reservation a test makes too small.
func TestParallelCSV(t *testing.T) {
	old := parallelMin
	parallelMin = 1 << 10
	defer func() { parallelMin = old }()
	defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(0))
	defer func() { testReserve = nil }()
	// Rows reserved per chunk: too few for every chunk (the rows are
	// gathered into a new matrix), half and twice the estimate in turn
	// (the total fits: rows move down and up in place), none.
	third := func(i, est int) int { return est / 3 }
	alternate := func(i, est int) int {
		if i%2 == 0 {
			return est / 2
		}
		return 2 * est
	}
	none := func(i, est int) int { return 0 }
	badValue := func(i int, s string) string {
		if i == 2345 {
			return strings.Replace(s, ",", ",1.2.3,", 1)[:len(s)] + "x"
		}
		return s
	}
	dropSome := func(i int, s string) string {
		if i%401 == 7 {
			return s[strings.IndexByte(s, ','):] // the first field empty
		}
		return s
	}
	for _, c := range []struct {
		name    string
		opt     CSVOptions
		edit    func(i int, row string) string
		reserve func(i, est int) int
	}{
		{"plain", CSVOptions{}, nil, nil},
		{"features", CSVOptions{Target: "x2", Features: []string{"x5", "y", "x0"}}, nil, nil},
		{"bad value", CSVOptions{}, badValue, nil},
		{"ragged", CSVOptions{}, func(i int, s string) string {
			if i == 2999 || i == 3001 {
				return s + ",7"
			}
			return s
		}, nil},
		{"missing dropped", CSVOptions{DropMissing: true}, dropSome, nil},
		{"quoted falls back", CSVOptions{}, func(i int, s string) string {
			if i == 3000 {
				k := strings.IndexByte(s, ',')
				return `"` + s[:k] + `"` + s[k:]
			}
			return s
		}, nil},
		{"quote after an error", CSVOptions{}, func(i int, s string) string {
			switch i {
			case 2100:
				return s + ",7"
			case 3000:
				return `"1",` + s
			}
			return s
		}, nil},
		// The estimate comes from each chunk's first lines: short first
		// lines reserve too many rows, long ones too few.
		{"short then long", CSVOptions{}, func(i int, s string) string {
			if i < 2000 {
				return shortRow
			}
			return s
		}, nil},
		{"long then short", CSVOptions{}, func(i int, s string) string {
			if i >= 1000 {
				return shortRow
			}
			return s
		}, nil},
		{"lengths in blocks", CSVOptions{DropMissing: true}, func(i int, s string) string {
			if (i/300)%2 == 1 {
				return shortRow
			}
			return dropSome(i, s)
		}, nil},
		// Lines longer than the sample read at a cut: the cut is found
		// several reads on, and the sample holds no whole line.
		{"long lines", CSVOptions{Features: []string{"x0", "x7"}}, func(i int, s string) string {
			if i >= 3990 {
				k := strings.IndexByte(s, ',')
				return s[:k+1] + strings.Repeat("a", 200<<10) + s[k:]
			}
			return s
		}, nil},
		{"all dropped", CSVOptions{DropMissing: true}, func(i int, s string) string {
			return s[strings.IndexByte(s, ','):]
		}, nil},
		{"reserve a third", CSVOptions{}, nil, third},
		{"reserve in turn", CSVOptions{}, nil, alternate},
		{"reserve none", CSVOptions{}, nil, none},
		{"bad value, reserve in turn", CSVOptions{}, badValue, alternate},
		{"bad value, reserve a third", CSVOptions{}, badValue, third},
		{"missing dropped, reserve in turn", CSVOptions{DropMissing: true}, dropSome, alternate},
		{"long then short, reserve a third", CSVOptions{}, func(i int, s string) string {
			if i >= 1000 {
				return shortRow
			}
			return s
		}, third},
	} {
		t.Run(c.name, func(t *testing.T) {
			testReserve = c.reserve
			path, raw := genCSVFile(t, 4000, 12, c.edit)
			want, werr := ReadCSV(bytes.NewReader(raw), path, c.opt)
			for _, procs := range []int{1, 2, 8} {
				runtime.GOMAXPROCS(procs)
				got, err := ReadCSVFile(path, c.opt)
				if (err == nil) != (werr == nil) || err != nil && err.Error() != werr.Error() {
					t.Fatalf("GOMAXPROCS %d: error %v, serial %v", procs, err, werr)
				}
				if err != nil {
					var pe *ParseError
					if !errors.As(err, &pe) || pe.Line < 2000 && c.name != "all dropped" {
						t.Fatalf("error %v: want a ParseError deep in the file", err)
					}
					continue
				}
				if got.N != want.N || got.Dropped != want.Dropped || !slices.Equal(got.X, want.X) || !slices.Equal(got.Y, want.Y) ||
					!slices.Equal(got.Features, want.Features) || got.Target != want.Target {
					t.Fatalf("GOMAXPROCS %d: N %d (serial %d), dropped %d (%d), data equal: %v", procs, got.N, want.N, got.Dropped, want.Dropped, slices.Equal(got.X, want.X))
				}
				if procs > 1 && c.name != "quoted falls back" && cap(got.X) != len(got.X) { // allocated once
					t.Errorf("GOMAXPROCS %d: X has %d values of capacity %d", procs, len(got.X), cap(got.X))
				}
			}
		})
	}
}

// FuzzParallelCSV: for any input, the parallel parse of a file (with
// chunks of a few lines) gives the serial parse's result or error.
func FuzzParallelCSV(f *testing.F) {
	for _, s := range []string{
		"a,b,y\n1,2,3\n4,5,6\n7,8,9\n10,11,12\n",
		"a,y\r\n1.5,2\r\n\r\n3,4\n5,6",
		"a,b\n1,2\n3\n5,6\n7,8\n",
		"a,b\n1,\n2,3\n,4\n5,6\n",
		"x,y\n1,2\n\"3\",4\n5,6\n",
	} {
		f.Add([]byte(s), false, uint8(2), uint8(0))
		f.Add([]byte(s), true, uint8(3), uint8(1))
		f.Add([]byte(s), false, uint8(6), uint8(2))
		f.Add([]byte(s), true, uint8(1), uint8(3))
	}
	dir := f.TempDir()
	// reserves: the estimate, a third of it, half and twice in turn, none.
	reserves := []func(i, est int) int{
		nil,
		func(i, est int) int { return est / 3 },
		func(i, est int) int { return est << (i % 2 * 2) / 2 },
		func(i, est int) int { return 0 },
	}
	f.Fuzz(func(t *testing.T, in []byte, drop bool, procs, reserve uint8) {
		old := parallelMin
		parallelMin = 1
		testReserve = reserves[reserve%4]
		defer func() { parallelMin, testReserve = old, nil }()
		defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(2 + int(procs%7)))
		path := filepath.Join(dir, "f.csv")
		if err := os.WriteFile(path, in, 0o644); err != nil {
			t.Fatal(err)
		}
		opt := CSVOptions{DropMissing: drop}
		want, werr := ReadCSV(bytes.NewReader(in), path, opt)
		got, err := ReadCSVFile(path, opt)
		if (err == nil) != (werr == nil) || err != nil && err.Error() != werr.Error() {
			t.Fatalf("parallel error %v, serial %v", err, werr)
		}
		if err == nil && (got.N != want.N || got.Dropped != want.Dropped || !slices.Equal(got.X, want.X) || !slices.Equal(got.Y, want.Y)) {
			t.Fatalf("parallel %+v\nserial %+v", got, want)
		}
	})
}

// TestParallelStop: a chunk stops within 1024 rows once a chunk before it
// has failed, and its lines then count for nothing.
func TestParallelStop(t *testing.T) {
	path, _ := genCSVFile(t, 4000, 3, nil)
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	var p csvParser
	if err := p.init(f, path, CSVOptions{}); err != nil {
		t.Fatal(err)
	}
	st, _ := f.Stat()
	chunks, err := splitLines(f, p.lr.read, st.Size(), 2)
	if err != nil || len(chunks) != 2 {
		t.Fatalf("%d chunks, %v", len(chunks), err)
	}
	d := &Dense{D: len(p.features)}
	total := reserve(chunks, len(p.slot))
	d.X, d.Y = make([]float64, total*d.D), make([]float64, total)
	for _, b := range []int64{2, 0} {
		var bad atomic.Int64
		bad.Store(b)
		c := chunks[1]
		c.parse(f, &p, d, &bad, 1)
		if b == 0 && (c.rows != 1023 || c.lines != 0) || b == 2 && (c.rows < 1500 || c.lines < c.rows) {
			t.Errorf("bad = %d: chunk 1 parsed %d rows, %d lines", b, c.rows, c.lines)
		}
	}
}
