package data

import (
	"bytes"
	"errors"
	"io"
	"math/rand/v2"
	"os"
	"path/filepath"
	"runtime"
	"slices"
	"strconv"
	"strings"
	"testing"
)

// writeFile writes content to a new file in a temporary directory and
// returns its path.
func writeFile(t testing.TB, name, content string) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), name)
	if err := os.WriteFile(path, []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

// genCSV returns a CSV file of n rows: features a = i, b = i/4 and a text
// column, target y = -i; every 10th row has a missing b if missing is set.
func genCSV(n int, missing bool) string {
	var b strings.Builder
	b.WriteString("a,\"b\",note,y\n")
	for i := 0; i < n; i++ {
		b.WriteString(strconv.Itoa(i))
		b.WriteByte(',')
		if missing && i%10 == 3 {
			b.WriteString("NA")
		} else {
			b.WriteString(strconv.FormatFloat(float64(i)/4, 'g', -1, 64))
		}
		b.WriteString(",\"text, with comma\",")
		b.WriteString(strconv.Itoa(-i))
		b.WriteByte('\n')
	}
	return b.String()
}

// drainDense reads src to the end of its epoch and returns all rows,
// checking the batch sizes.
func drainDense(t *testing.T, src Source, chunk int) *Dense {
	t.Helper()
	all := &Dense{D: src.D()}
	var batch Dense
	for {
		n, err := src.Next(&batch)
		if err == io.EOF {
			if n != 0 {
				t.Fatalf("Next returned n = %d with io.EOF", n)
			}
			return all
		}
		if err != nil {
			t.Fatal(err)
		}
		if n < 1 || n > chunk || n != batch.N || len(batch.X) != n*batch.D || len(batch.Y) != n {
			t.Fatalf("bad batch: n = %d, N = %d, len(X) = %d, len(Y) = %d, D = %d, chunk %d", n, batch.N, len(batch.X), len(batch.Y), batch.D, chunk)
		}
		all.X = append(all.X, batch.X...)
		all.Y = append(all.Y, batch.Y...)
		all.N += n
		all.Features, all.Target = batch.Features, batch.Target
	}
}

func TestStreamCSV(t *testing.T) {
	path := writeFile(t, "s.csv", genCSV(1000, true))
	for _, chunk := range []int{1, 7, 1000, 5000} {
		s, err := OpenStream(path, CSV, StreamOptions{ChunkRows: chunk, CSV: CSVOptions{DropMissing: true, Features: []string{"a", "b"}}})
		if err != nil {
			t.Fatal(err)
		}
		if s.N() != 900 || s.D() != 2 || s.Dropped() != 100 {
			t.Errorf("N, D, Dropped = %d, %d, %d, want 900, 2, 100", s.N(), s.D(), s.Dropped())
		}
		for epoch := 0; epoch < 2; epoch++ {
			got := drainDense(t, s, chunk)
			if got.N != 900 {
				t.Fatalf("epoch %d: %d rows, want 900", epoch, got.N)
			}
			k := 0
			for i := 0; i < 1000; i++ {
				if i%10 == 3 {
					continue
				}
				if x := got.Row(k); x[0] != float64(i) || x[1] != float64(i)/4 || got.Y[k] != float64(-i) {
					t.Fatalf("epoch %d: row %d = %v, %v; want input row %d", epoch, k, x, got.Y[k], i)
				}
				k++
			}
			if !slices.Equal(got.Features, []string{"a", "b"}) || got.Target != "y" {
				t.Errorf("Features, Target = %q, %q", got.Features, got.Target)
			}
			if err := s.Reset(); err != nil {
				t.Fatal(err)
			}
		}
		if err := s.Close(); err != nil {
			t.Fatal(err)
		}
	}
}

func TestStreamCSVToCSR(t *testing.T) {
	path := writeFile(t, "s.csv", "a,b,c,y\n0,1,0,5\n0,0,0,6\n2,0,3,7\n")
	s, err := OpenStream(path, CSV, StreamOptions{ChunkRows: 2})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	var m CSR
	want := []CSR{
		{N: 2, D: 3, Indptr: []int{0, 1, 1}, Indices: []int32{1}, Values: []float64{1}, Y: []float64{5, 6}},
		{N: 1, D: 3, Indptr: []int{0, 2}, Indices: []int32{0, 2}, Values: []float64{2, 3}, Y: []float64{7}},
	}
	for k := range want {
		n, err := s.NextCSR(&m)
		if err != nil || n != want[k].N || !csrEqual(&m, &want[k]) {
			t.Fatalf("batch %d: n = %d, err = %v, got %+v, want %+v", k, n, err, m, want[k])
		}
	}
	if n, err := s.NextCSR(&m); n != 0 || err != io.EOF {
		t.Errorf("at end: n = %d, err = %v, want 0, io.EOF", n, err)
	}
}

func TestStreamLIBSVM(t *testing.T) {
	const in = "1 2:0.5 4:1\n# comment\n-1\n1 1:3 qid:2\n"
	// qid after a feature is an error: check that OpenStream reports it.
	if _, err := OpenStream(writeFile(t, "bad.svm", in), LIBSVM, StreamOptions{}); err == nil ||
		!strings.HasSuffix(err.Error(), `bad.svm:4:7: cannot parse feature index "qid"`) {
		t.Errorf("OpenStream of a malformed file: error %v", err)
	}

	path := writeFile(t, "s.svm", "1 2:0.5 4:1\n# comment\n-1\n0 1:3\n")
	s, err := OpenStream(path, LIBSVM, StreamOptions{ChunkRows: 2})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if s.N() != 3 || s.D() != 4 || s.Features() != nil {
		t.Errorf("N, D, Features = %d, %d, %q; want 3, 4, nil", s.N(), s.D(), s.Features())
	}
	for epoch := 0; epoch < 2; epoch++ {
		got := drainDense(t, s, 2)
		want := &Dense{N: 3, D: 4, X: []float64{0, 0.5, 0, 1, 0, 0, 0, 0, 3, 0, 0, 0}, Y: []float64{1, -1, 0}}
		if !denseEqual(got, want) {
			t.Errorf("epoch %d: got %+v, want %+v", epoch, *got, *want)
		}
		if err := s.Reset(); err != nil {
			t.Fatal(err)
		}
	}
	var m CSR
	var rows []int32
	var labels []float64
	for {
		n, err := s.NextCSR(&m)
		if err == io.EOF {
			break
		}
		if err != nil || n != m.N || len(m.Indptr) != n+1 || m.D != 4 {
			t.Fatalf("NextCSR: n = %d, err = %v, %+v", n, err, m)
		}
		rows = append(rows, m.Indices...)
		labels = append(labels, m.Y...)
	}
	if !slices.Equal(rows, []int32{1, 3, 0}) || !slices.Equal(labels, []float64{1, -1, 0}) {
		t.Errorf("sparse epoch: indices %v, labels %v", rows, labels)
	}
}

func TestOpenStreamErrors(t *testing.T) {
	_, err := OpenStream(filepath.Join(t.TempDir(), "none.csv"), CSV, StreamOptions{})
	if !errors.Is(err, os.ErrNotExist) {
		t.Errorf("missing file: error %v, want os.ErrNotExist", err)
	}
	tests := []struct {
		file, in string
		format   Format
		opt      StreamOptions
		want     string // suffix of the message; the prefix is the path
	}{
		{"e.csv", "", CSV, StreamOptions{}, `e.csv: empty file: want a header row of column names`},
		{"h.csv", "a,b\n", CSV, StreamOptions{}, `h.csv: no data rows after the header`},
		{"r.csv", "a,b\n1,2\n3\n", CSV, StreamOptions{}, `r.csv:3: wrong number of fields: got 1, want 2`},
		{"m.csv", "a,b\n1,?\n", CSV, StreamOptions{}, `m.csv:2:3: field "b": missing value (set DropMissing to skip such rows)`},
		{"d.csv", "a,b\n1,?\n", CSV, StreamOptions{CSV: CSVOptions{DropMissing: true}}, `d.csv: no data rows left after dropping 1 rows with missing values`},
		{"t.csv", "a,b\n1,2\n", CSV, StreamOptions{CSV: CSVOptions{Target: "c"}}, `t.csv: unknown target column "c" (columns: a, b)`},
		{"e.svm", "\n", LIBSVM, StreamOptions{}, `e.svm: no data rows`},
		{"n.svm", "1 5:1\n", LIBSVM, StreamOptions{LIBSVM: LIBSVMOptions{NumFeatures: 4}}, `n.svm:1:3: feature index 5 is out of range [1, 4]`},
	}
	for _, tt := range tests {
		path := writeFile(t, tt.file, tt.in)
		s, err := OpenStream(path, tt.format, tt.opt)
		if err == nil {
			s.Close()
			t.Errorf("%s: no error, want %s", tt.file, tt.want)
			continue
		}
		if want := filepath.Dir(path) + string(filepath.Separator) + tt.want; err.Error() != want {
			t.Errorf("%s: error\ngot  %s\nwant %s", tt.file, err, want)
		}
	}
}

// TestStreamFileChanged checks the errors when the file changes between
// epochs.
func TestStreamFileChanged(t *testing.T) {
	path := writeFile(t, "c.csv", "a,b\n1,2\n")
	s, err := OpenStream(path, CSV, StreamOptions{})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if err := os.WriteFile(path, []byte("a,c\n1,2\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if err := s.Reset(); err == nil || err.Error() != path+":1: header changed since the file was opened" {
		t.Errorf("Reset after the header changed: error %v", err)
	}

	path = writeFile(t, "c.svm", "1 2:1\n")
	s2, err := OpenStream(path, LIBSVM, StreamOptions{})
	if err != nil {
		t.Fatal(err)
	}
	defer s2.Close()
	if err := os.WriteFile(path, []byte("1 3:1\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	var d Dense
	if _, err := s2.Next(&d); err == nil || err.Error() != path+":1:3: feature index 3 is out of range [1, 2]" {
		t.Errorf("Next after an index beyond D appeared: error %v", err)
	}
}

// epochAlloc returns the bytes allocated by one epoch of src, after a
// warm-up epoch.
func epochAlloc(t *testing.T, src Source) (bytes uint64, rows int) {
	t.Helper()
	var batch Dense
	epoch := func() int {
		n := 0
		for {
			k, err := src.Next(&batch)
			if err == io.EOF {
				break
			}
			if err != nil {
				t.Fatal(err)
			}
			n += k
		}
		if err := src.Reset(); err != nil {
			t.Fatal(err)
		}
		return n
	}
	epoch()
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	rows = epoch()
	runtime.ReadMemStats(&after)
	return after.TotalAlloc - before.TotalAlloc, rows
}

// TestStreamMemory checks that streaming allocates a bounded amount of
// memory per epoch, independent of the size of the file.
func TestStreamMemory(t *testing.T) {
	sizes := []int{5_000, 200_000} // about 0.2 MB and 9 MB of CSV
	if testing.Short() || raceEnabled {
		sizes[1] = 50_000
	}
	var allocs [2][3]uint64
	for k, n := range sizes {
		dir := t.TempDir()
		csvPath := filepath.Join(dir, "big.csv")
		if err := os.WriteFile(csvPath, []byte(genCSV(n, false)), 0o644); err != nil {
			t.Fatal(err)
		}
		var svm bytes.Buffer
		rng := rand.New(rand.NewPCG(1, 2))
		for i := 0; i < n; i++ {
			svm.WriteString(strconv.Itoa(i % 2))
			for j := 1 + rng.IntN(5); j < 200; j += 1 + rng.IntN(40) {
				svm.WriteString(" " + strconv.Itoa(j) + ":" + strconv.FormatFloat(rng.Float64(), 'g', -1, 64))
			}
			svm.WriteByte('\n')
		}
		svmPath := filepath.Join(dir, "big.svm")
		if err := os.WriteFile(svmPath, svm.Bytes(), 0o644); err != nil {
			t.Fatal(err)
		}

		var before, after runtime.MemStats
		runtime.ReadMemStats(&before)
		cs, err := OpenStream(csvPath, CSV, StreamOptions{ChunkRows: 256, CSV: CSVOptions{Features: []string{"a", "b"}}})
		if err != nil {
			t.Fatal(err)
		}
		runtime.ReadMemStats(&after)
		// OpenStream reads the whole file; it needs the read buffer and
		// the header, not memory in proportion to the file.
		if a := after.TotalAlloc - before.TotalAlloc; a > 256<<10 {
			t.Errorf("OpenStream of a %d-row file allocated %d bytes, want at most 256 KiB", n, a)
		}
		defer cs.Close()
		ss, err := OpenStream(svmPath, LIBSVM, StreamOptions{ChunkRows: 256})
		if err != nil {
			t.Fatal(err)
		}
		defer ss.Close()
		var rows int
		allocs[k][0], rows = epochAlloc(t, cs)
		if rows != n {
			t.Fatalf("CSV epoch: %d rows, want %d", rows, n)
		}
		allocs[k][1], rows = epochAlloc(t, ss)
		if rows != n {
			t.Fatalf("LIBSVM epoch: %d rows, want %d", rows, n)
		}
		sb := NewShuffleBuffer(cs, 1000, 1)
		allocs[k][2], rows = epochAlloc(t, sb)
		if rows != n {
			t.Fatalf("shuffled epoch: %d rows, want %d", rows, n)
		}
	}
	for i, name := range []string{"CSV stream", "LIBSVM stream", "shuffle buffer"} {
		small, big := allocs[0][i], allocs[1][i]
		t.Logf("%s: %d bytes allocated per epoch of %d rows, %d bytes per epoch of %d rows", name, small, sizes[0], big, sizes[1])
		// Reset re-reads the header; nothing may depend on the rows.
		if big > 16<<10 || big > small+4<<10 {
			t.Errorf("%s: %d bytes allocated per epoch of %d rows (%d for %d rows), want a small constant", name, big, sizes[1], small, sizes[0])
		}
	}
}
