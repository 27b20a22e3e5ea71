package data

import (
	"io"
	"slices"
	"strconv"
	"strings"
	"testing"
)

// idFile returns a CSV file of n rows whose feature and target are the row
// number, so that outputs identify their input rows.
func idFile(t *testing.T, n int) string {
	var b strings.Builder
	b.WriteString("id,y\n")
	for i := 0; i < n; i++ {
		s := strconv.Itoa(i)
		b.WriteString(s + "," + s + "\n")
	}
	return writeFile(t, "ids.csv", b.String())
}

// shuffledEpochs returns the order of the rows in the given number of epochs
// of a ShuffleBuffer of the given size and seed over an idFile of n rows.
func shuffledEpochs(t *testing.T, path string, size int, seed uint64, epochs, chunk int) [][]int {
	s, err := OpenStream(path, CSV, StreamOptions{ChunkRows: chunk})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	b := NewShuffleBuffer(s, size, seed)
	var out [][]int
	for e := 0; e < epochs; e++ {
		if b.Epoch() != e {
			t.Fatalf("Epoch() = %d, want %d", b.Epoch(), e)
		}
		var order []int
		var batch Dense
		for {
			n, err := b.Next(&batch)
			if err == io.EOF {
				break
			}
			if err != nil {
				t.Fatal(err)
			}
			if n > chunk {
				t.Fatalf("batch of %d rows, want at most %d", n, chunk)
			}
			for i := 0; i < n; i++ {
				if batch.X[i] != batch.Y[i] {
					t.Fatalf("row mixes features of row %v with target of row %v", batch.X[i], batch.Y[i])
				}
				order = append(order, int(batch.Y[i]))
			}
		}
		out = append(out, order)
		if err := b.Reset(); err != nil {
			t.Fatal(err)
		}
	}
	return out
}

func isPermutation(p []int) bool {
	q := slices.Clone(p)
	slices.Sort(q)
	for i, v := range q {
		if v != i {
			return false
		}
	}
	return true
}

func TestShuffleBuffer(t *testing.T) {
	const n = 500
	path := idFile(t, n)
	for _, size := range []int{1, 2, 10, 499, 500, 1000} {
		a := shuffledEpochs(t, path, size, 42, 3, 64)
		b := shuffledEpochs(t, path, size, 42, 3, 7)
		c := shuffledEpochs(t, path, size, 43, 1, 64)
		for e, order := range a {
			if !isPermutation(order) || len(order) != n {
				t.Fatalf("size %d, epoch %d: not a permutation of the rows", size, e)
			}
			// The order depends on seed and epoch, not on the batch size.
			if !slices.Equal(order, b[e]) {
				t.Errorf("size %d, epoch %d: order depends on the batch size", size, e)
			}
			// Row i is read before output position i−size+1 only
			// after size−1 outputs, so it cannot come earlier.
			for pos, i := range order {
				if pos < i-size+1 {
					t.Fatalf("size %d: row %d output at position %d, before it can have been read", size, i, pos)
				}
			}
		}
		if size == 1 {
			if !slices.Equal(a[0], identity(n)) {
				t.Errorf("size 1: order changed")
			}
			continue
		}
		if slices.Equal(a[0], a[1]) || slices.Equal(a[1], a[2]) {
			t.Errorf("size %d: epochs have the same order", size)
		}
		if slices.Equal(a[0], c[0]) {
			t.Errorf("size %d: seeds 42 and 43 give the same order", size)
		}
	}
}

func identity(n int) []int {
	p := make([]int, n)
	for i := range p {
		p[i] = i
	}
	return p
}

// TestShuffleBufferUniform checks that a buffer as large as the data gives
// each row an equal chance of every position.
func TestShuffleBufferUniform(t *testing.T) {
	const n, epochs = 4, 4000
	path := idFile(t, n)
	var count [n][n]int // count[row][position]
	for _, order := range shuffledEpochs(t, path, n, 7, epochs, 3) {
		for pos, row := range order {
			count[row][pos]++
		}
	}
	// Each cell is binomial(4000, 1/4): mean 1000, sd ≈ 27.4. Allow 5 sd.
	for row := range count {
		for pos, c := range count[row] {
			if c < 863 || c > 1137 {
				t.Errorf("row %d at position %d in %d of %d epochs, want about 1000", row, pos, c, epochs)
			}
		}
	}
}

func TestShuffleBufferCSR(t *testing.T) {
	path := writeFile(t, "s.svm", "0 1:1\n1 2:1\n2 3:1\n3\n4 1:4 3:4\n")
	s, err := OpenStream(path, LIBSVM, StreamOptions{ChunkRows: 2})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	b := NewShuffleBuffer(s, 3, 9)
	// The features of each row identify its label.
	want := map[float64][]int32{0: {0}, 1: {1}, 2: {2}, 3: nil, 4: {0, 2}}
	for epoch := 0; epoch < 3; epoch++ {
		var m CSR
		var seen []float64
		for {
			n, err := b.NextCSR(&m)
			if err == io.EOF {
				break
			}
			if err != nil {
				t.Fatal(err)
			}
			for i := 0; i < n; i++ {
				idx := m.Indices[m.Indptr[i]:m.Indptr[i+1]]
				if y := m.Y[i]; !slices.Equal(idx, want[y]) {
					t.Errorf("row with label %v has indices %v, want %v", y, idx, want[y])
				}
				seen = append(seen, m.Y[i])
			}
		}
		slices.Sort(seen)
		if !slices.Equal(seen, []float64{0, 1, 2, 3, 4}) {
			t.Errorf("epoch %d: labels %v", epoch, seen)
		}
		if err := b.Reset(); err != nil {
			t.Fatal(err)
		}
	}
}
