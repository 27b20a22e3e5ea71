package data

import (
	"bytes"
	"errors"
	"math"
	"strconv"
	"strings"
	"testing"
	"testing/iotest"
)

func FuzzReadCSV(f *testing.F) {
	for _, s := range []string{
		"a,b,y\n1,2,3\n4,5,6\n",
		"\uFEFFa,y\r\n1.5,2\r\n",
		"\"a \"\"x\"\"\",\"multi\nline\"\n\"1.5\", \"2\" \n",
		"a,b\n1,NA\n2,3\n",
		"a,b\n1,\n",
		"a,b\n1,2,3\n",
		"a,a\n1,2\n",
		"a,b\n1e999,inf\n",
		"a,b\n\"1,\"2\n",
		"",
	} {
		f.Add([]byte(s), false)
		f.Add([]byte(s), true)
	}
	f.Fuzz(func(t *testing.T, in []byte, drop bool) {
		opt := CSVOptions{DropMissing: drop}
		d, err := ReadCSV(bytes.NewReader(in), "f.csv", opt)
		// Reading a byte at a time must give the same result.
		d1, err1 := ReadCSV(iotest.OneByteReader(bytes.NewReader(in)), "f.csv", opt)
		if (err == nil) != (err1 == nil) || (err != nil && err.Error() != err1.Error()) {
			t.Fatalf("errors differ with a one-byte reader: %v and %v", err, err1)
		}
		if err != nil {
			var pe *ParseError
			if !errors.As(err, &pe) || !strings.HasPrefix(err.Error(), "f.csv") {
				t.Fatalf("error %q is not a *ParseError with the name", err)
			}
			return
		}
		if !denseEqual(d, d1) {
			t.Fatalf("results differ with a one-byte reader")
		}
		if d.N < 1 || d.D < 1 || len(d.X) != d.N*d.D || len(d.Y) != d.N || len(d.Features) != d.D {
			t.Fatalf("malformed result %+v", d)
		}
		for _, v := range append(d.X[:len(d.X):len(d.X)], d.Y...) {
			if math.IsNaN(v) || math.IsInf(v, 0) {
				t.Fatalf("non-finite value %v", v)
			}
		}
		// Writing the result back and reading it again gives it back.
		var b strings.Builder
		for _, name := range append(d.Features, d.Target) {
			b.WriteString(csvQuote(name) + ",")
		}
		text := strings.TrimSuffix(b.String(), ",") + "\n"
		b.Reset()
		b.WriteString(text)
		for i := 0; i < d.N; i++ {
			for _, v := range d.Row(i) {
				b.WriteString(strconv.FormatFloat(v, 'g', -1, 64) + ",")
			}
			b.WriteString(strconv.FormatFloat(d.Y[i], 'g', -1, 64) + "\n")
		}
		d2, err := ReadCSV(strings.NewReader(b.String()), "f2.csv", CSVOptions{})
		if err != nil {
			t.Fatalf("rereading the output: %v\n%s", err, b.String())
		}
		d.Dropped = 0
		if !denseEqual(d, d2) {
			t.Fatalf("round trip changed the data:\n%+v\n%+v", d, d2)
		}
	})
}

// csvQuote quotes a column name for CSV.
func csvQuote(s string) string {
	return `"` + strings.ReplaceAll(s, `"`, `""`) + `"`
}

func FuzzReadLIBSVM(f *testing.F) {
	for _, s := range []string{
		"1 1:0.5 3:2\n0 2:-1\n",
		"# c\r\n+1 qid:7 2:1e-3\t10:4 # t\r\n\r\n-1\n",
		"1 0:1\n",
		"1 3:1 2:1\n",
		"1 3:1 3:1\n",
		"x 1:1\n",
		"1 1:\n",
		"1 1\n",
		"1 2147483648:1\n",
		"",
	} {
		f.Add([]byte(s), 0)
		f.Add([]byte(s), 5)
	}
	f.Fuzz(func(t *testing.T, in []byte, numFeatures int) {
		if numFeatures < 0 || numFeatures > 1000 {
			return
		}
		opt := LIBSVMOptions{NumFeatures: numFeatures}
		m, err := ReadLIBSVM(bytes.NewReader(in), "f.svm", opt)
		m1, err1 := ReadLIBSVM(iotest.OneByteReader(bytes.NewReader(in)), "f.svm", opt)
		if (err == nil) != (err1 == nil) || (err != nil && err.Error() != err1.Error()) {
			t.Fatalf("errors differ with a one-byte reader: %v and %v", err, err1)
		}
		if err != nil {
			var pe *ParseError
			if !errors.As(err, &pe) || !strings.HasPrefix(err.Error(), "f.svm") {
				t.Fatalf("error %q is not a *ParseError with the name", err)
			}
			return
		}
		if !csrEqual(m, m1) {
			t.Fatalf("results differ with a one-byte reader")
		}
		if m.N < 1 || len(m.Indptr) != m.N+1 || len(m.Y) != m.N || m.Indptr[0] != 0 ||
			m.Indptr[m.N] != len(m.Indices) || len(m.Values) != len(m.Indices) ||
			(numFeatures > 0 && m.D != numFeatures) {
			t.Fatalf("malformed result %+v", m)
		}
		var b strings.Builder
		for i := 0; i < m.N; i++ {
			b.WriteString(strconv.FormatFloat(m.Y[i], 'g', -1, 64))
			for k := m.Indptr[i]; k < m.Indptr[i+1]; k++ {
				j := m.Indices[k]
				if j < 0 || int(j) >= m.D || (k > m.Indptr[i] && j <= m.Indices[k-1]) {
					t.Fatalf("row %d: bad index %d", i, j)
				}
				if v := m.Values[k]; math.IsNaN(v) || math.IsInf(v, 0) {
					t.Fatalf("non-finite value %v", v)
				}
				b.WriteString(" " + strconv.Itoa(int(j)+1) + ":" + strconv.FormatFloat(m.Values[k], 'g', -1, 64))
			}
			b.WriteByte('\n')
		}
		m2, err := ReadLIBSVM(strings.NewReader(b.String()), "f2.svm", opt)
		if err != nil {
			t.Fatalf("rereading the output: %v\n%s", err, b.String())
		}
		if !csrEqual(m, m2) {
			t.Fatalf("round trip changed the data:\n%+v\n%+v", m, m2)
		}
	})
}
