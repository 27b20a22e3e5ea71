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

// TestParallelCSV: the parallel parse of a file equals the serial parse of
// the same bytes (ReadCSV on a reader), to the bit, at GOMAXPROCS 1, 2 and
// 8, and so do its errors (line and column) and dropped rows.
func TestParallelCSV(t *testing.T) {
	old := parallelMin
	parallelMin = 1 << 10
	defer func() { parallelMin = old }()
	defer runtime.GOMAXPROCS(runtime.GOMAXPROCS(0))
	for _, c := range []struct {
		name string
		opt  CSVOptions
		edit func(i int, row string) string
	}{
		{"plain", CSVOptions{}, nil},
		{"features", CSVOptions{Target: "x2", Features: []string{"x5", "y", "x0"}}, nil},
		{"bad value", CSVOptions{}, func(i int, s string) string {
			if i == 2345 {
				return strings.Replace(s, ",", ",1.2.3,", 1)[:len(s)] + "x"
			}
			return s
		}},
		{"ragged", CSVOptions{}, func(i int, s string) string {
			if i == 2999 || i == 3001 {
				return s + ",7"
			}
			return s
		}},
		{"missing dropped", CSVOptions{DropMissing: true}, func(i int, s string) string {
			if i%401 == 7 {
				return s[strings.IndexByte(s, ','):] // the first field empty
			}
			return s
		}},
		{"quoted falls back", CSVOptions{}, func(i int, s string) string {
			if i == 3000 {
				k := strings.IndexByte(s, ',')
				return `"` + s[:k] + `"` + s[k:]
			}
			return s
		}},
	} {
		t.Run(c.name, func(t *testing.T) {
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
					if !errors.As(err, &pe) || pe.Line < 2000 {
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
		f.Add([]byte(s), false, uint8(2))
		f.Add([]byte(s), true, uint8(3))
	}
	dir := f.TempDir()
	f.Fuzz(func(t *testing.T, in []byte, drop bool, procs uint8) {
		old := parallelMin
		parallelMin = 1
		defer func() { parallelMin = old }()
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
