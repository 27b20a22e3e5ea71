package data

import (
	"fmt"
	"math"
	"os"
	"path/filepath"
	"reflect"
	"strconv"
	"strings"
	"testing"
)

func TestReadCSV(t *testing.T) {
	tests := []struct {
		name string
		in   string
		opt  CSVOptions
		want Dense
	}{
		{
			name: "basic, last column is target",
			in:   "a,b,y\n1,2,3\n4,5,6\n",
			want: Dense{N: 2, D: 2, X: []float64{1, 2, 4, 5}, Y: []float64{3, 6}, Features: []string{"a", "b"}, Target: "y"},
		},
		{
			name: "no final newline",
			in:   "a,y\n1,2\n3,4",
			want: Dense{N: 2, D: 1, X: []float64{1, 3}, Y: []float64{2, 4}, Features: []string{"a"}, Target: "y"},
		},
		{
			name: "target by name, features in file order",
			in:   "y,a,b\n1,2,3\n",
			opt:  CSVOptions{Target: "y"},
			want: Dense{N: 1, D: 2, X: []float64{2, 3}, Y: []float64{1}, Features: []string{"a", "b"}, Target: "y"},
		},
		{
			name: "feature subset in the given order, text in unused column",
			in:   "id,a,b,c,y\nfoo,1,2,3,4\n\"bar, baz\",5,6,7,8\n",
			opt:  CSVOptions{Features: []string{"c", "a"}},
			want: Dense{N: 2, D: 2, X: []float64{3, 1, 7, 5}, Y: []float64{4, 8}, Features: []string{"c", "a"}, Target: "y"},
		},
		{
			name: "BOM and CRLF",
			in:   "\uFEFFa,y\r\n1.5,2\r\n-3,4e2\r\n",
			want: Dense{N: 2, D: 1, X: []float64{1.5, -3}, Y: []float64{2, 400}, Features: []string{"a"}, Target: "y"},
		},
		{
			name: "final CR without LF",
			in:   "a,y\r\n1,2\r",
			want: Dense{N: 1, D: 1, X: []float64{1}, Y: []float64{2}, Features: []string{"a"}, Target: "y"},
		},
		{
			name: "quoted fields and names, escaped quote, multi-line name",
			in:   "\"a \"\"x\"\"\",\"multi\nline\"\n\"1.5\", \"2\" \n",
			want: Dense{N: 1, D: 1, X: []float64{1.5}, Y: []float64{2}, Features: []string{`a "x"`}, Target: "multi\nline"},
		},
		{
			name: "blanks around fields and names, blank lines",
			in:   " a ,\tb , y\n\n 1 ,\t2\t, 3 \n   \n4,5,6\n\n",
			want: Dense{N: 2, D: 2, X: []float64{1, 2, 4, 5}, Y: []float64{3, 6}, Features: []string{"a", "b"}, Target: "y"},
		},
		{
			name: "number syntax",
			in:   "a,b,c,d,e,y\n+1,-0,.5,5.,1E-2,0x1p-2\n1_000,00012,-.25e+1,123456789012345678901234,4.9e-324,1e-400\n",
			want: Dense{N: 2, D: 5,
				X:        []float64{1, math.Copysign(0, -1), 0.5, 5, 0.01, 1000, 12, -2.5, 1.2345678901234568e23, 5e-324},
				Y:        []float64{0.25, 0},
				Features: []string{"a", "b", "c", "d", "e"}, Target: "y"},
		},
		{
			name: "drop missing",
			in:   "a,b,y\n1,2,3\n,5,6\n7,NA,9\n10,11,?\nnan,1,1\n12,13,14\n",
			opt:  CSVOptions{DropMissing: true},
			want: Dense{N: 2, D: 2, X: []float64{1, 2, 12, 13}, Y: []float64{3, 14}, Features: []string{"a", "b"}, Target: "y", Dropped: 4},
		},
		{
			name: "missing in an unused column is not missing",
			in:   "a,b,y\n1,,3\n",
			opt:  CSVOptions{Features: []string{"a"}},
			want: Dense{N: 1, D: 1, X: []float64{1}, Y: []float64{3}, Features: []string{"a"}, Target: "y"},
		},
		{
			name: "unnamed unused column",
			in:   ",a,y\n0,1,2\n",
			opt:  CSVOptions{Features: []string{"a"}},
			want: Dense{N: 1, D: 1, X: []float64{1}, Y: []float64{2}, Features: []string{"a"}, Target: "y"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := ReadCSV(strings.NewReader(tt.in), "t.csv", tt.opt)
			if err != nil {
				t.Fatal(err)
			}
			if !denseEqual(got, &tt.want) {
				t.Errorf("got  %+v\nwant %+v", *got, tt.want)
			}
		})
	}
}

// denseEqual reports whether a and b are equal, comparing floats bit for bit
// (so that -0 differs from 0).
func denseEqual(a, b *Dense) bool {
	return a.N == b.N && a.D == b.D && bitsEqual(a.X, b.X) && bitsEqual(a.Y, b.Y) &&
		reflect.DeepEqual(a.Features, b.Features) && a.Target == b.Target && a.Dropped == b.Dropped
}

func bitsEqual(a, b []float64) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if math.Float64bits(a[i]) != math.Float64bits(b[i]) {
			return false
		}
	}
	return true
}

// TestReadCSVLongLine checks lines longer than the read buffer.
func TestReadCSVLongLine(t *testing.T) {
	const d = 30000 // about 6 bytes a field: 180 kB lines
	var b strings.Builder
	for j := 0; j < d; j++ {
		b.WriteString("f")
		b.WriteString(strings.Repeat("x", j%7))
		b.WriteString(strconv.Itoa(j))
		b.WriteByte(',')
	}
	b.WriteString("y\n")
	for i := 0; i < 3; i++ {
		for j := 0; j < d; j++ {
			b.WriteString(strconv.Itoa(i*d + j))
			b.WriteByte(',')
		}
		b.WriteString(strconv.Itoa(-i))
		b.WriteByte('\n')
	}
	got, err := ReadCSV(strings.NewReader(b.String()), "long.csv", CSVOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if got.N != 3 || got.D != d {
		t.Fatalf("got %d×%d, want 3×%d", got.N, got.D, d)
	}
	for k, v := range got.X {
		if v != float64(k) {
			t.Fatalf("X[%d] = %v, want %d", k, v, k)
		}
	}
	for i, v := range got.Y {
		if v != float64(-i) {
			t.Errorf("Y[%d] = %v, want %d", i, v, -i)
		}
	}
}

// TestReadCSVAllocs checks that reading does not allocate per field or row
// beyond the growth of the result.
func TestReadCSVAllocs(t *testing.T) {
	var b strings.Builder
	b.WriteString("a,b,c,d,y\n")
	for i := 0; i < 10000; i++ {
		b.WriteString("5.1,3.5,0.30000000000000004,1e-3,2\n")
	}
	in := b.String()
	allocs := testing.AllocsPerRun(5, func() {
		if _, err := ReadCSV(strings.NewReader(in), "t.csv", CSVOptions{}); err != nil {
			t.Fatal(err)
		}
	})
	// 10,000 rows and 50,000 fields; the result's slices grow about 2×25
	// times, and the header and buffers need a few dozen allocations.
	if allocs > 100 {
		t.Errorf("ReadCSV of 10000 rows: %v allocations, want at most 100", allocs)
	}
}

// TestReadCSVWideAllocates (issue 13): 100,000 columns × 3 rows (1.3 MB
// of text, 2.4 MB as float64) used to reserve room for 1024 rows at the
// first row (820 MB); the reader now allocates in proportion to the data.
func TestReadCSVWideAllocates(t *testing.T) {
	const cols = 100000
	var b strings.Builder
	for j := range cols {
		fmt.Fprintf(&b, "c%d,", j)
	}
	b.WriteString("y\n")
	for i := range 3 {
		b.WriteString(strings.Repeat(strconv.Itoa(i+1)+",", cols))
		b.WriteString("0\n")
	}
	d, err := ReadCSV(strings.NewReader(b.String()), "wide.csv", CSVOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if d.N != 3 || d.D != cols {
		t.Fatalf("read %d×%d", d.N, d.D)
	}
	// The capacity, not process-wide allocation counts (other tests run
	// in parallel): at most a few rows' worth, never 1024 rows.
	if c := cap(d.X); c > 8*cols {
		t.Errorf("X has room for %d rows (%d MB) for 3 rows", c/cols, c*8>>20)
	}
}

// TestReadCSVFileSizedOnce (issue 14): with the file's size known, X is
// allocated about once at the right size.
func TestReadCSVFileSizedOnce(t *testing.T) {
	const rows, cols = 20000, 20
	var b strings.Builder
	for j := range cols {
		fmt.Fprintf(&b, "x%d,", j)
	}
	b.WriteString("y\n")
	for i := range rows {
		for j := range cols {
			fmt.Fprintf(&b, "%.17g,", float64(i*cols+j)/7)
		}
		fmt.Fprintf(&b, "%d\n", i%2)
	}
	path := filepath.Join(t.TempDir(), "d.csv")
	if err := os.WriteFile(path, []byte(b.String()), 0o644); err != nil {
		t.Fatal(err)
	}
	d, err := ReadCSVFile(path, CSVOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if d.N != rows || d.D != cols || d.X[len(d.X)-1] != float64(rows*cols-1)/7 {
		t.Fatalf("read %d×%d", d.N, d.D)
	}
	// Sized from the file: the capacity is within 5 % of the data (doubling
	// left up to twice the data, and three times while copying).
	if c, n := cap(d.X), len(d.X); float64(c) > 1.05*float64(n) {
		t.Errorf("cap(X) = %d for %d values (%.2f×)", c, n, float64(c)/float64(n))
	}
}
