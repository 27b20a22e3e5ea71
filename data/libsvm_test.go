package data

import (
	"reflect"
	"strings"
	"testing"
)

func TestReadLIBSVM(t *testing.T) {
	tests := []struct {
		name string
		in   string
		opt  LIBSVMOptions
		want CSR
	}{
		{
			name: "basic",
			in:   "1 1:0.5 3:2\n0 2:-1\n",
			want: CSR{N: 2, D: 3, Indptr: []int{0, 2, 3}, Indices: []int32{0, 2, 1}, Values: []float64{0.5, 2, -1}, Y: []float64{1, 0}},
		},
		{
			name: "±1 labels, qid, comments, blank lines, tabs, CRLF, no final newline",
			in:   "# header comment\r\n+1 qid:7 2:1e-3\t10:4 # trailing\r\n\r\n   \n-1\tqid:7  1:2\r\n-1 # no features",
			want: CSR{N: 3, D: 10, Indptr: []int{0, 2, 3, 3}, Indices: []int32{1, 9, 0}, Values: []float64{1e-3, 4, 2}, Y: []float64{1, -1, -1}},
		},
		{
			name: "class ids and NumFeatures",
			in:   "2 1:1\n7.5 4:1\n",
			opt:  LIBSVMOptions{NumFeatures: 100},
			want: CSR{N: 2, D: 100, Indptr: []int{0, 1, 2}, Indices: []int32{0, 3}, Values: []float64{1, 1}, Y: []float64{2, 7.5}},
		},
		{
			name: "explicit zeros kept, leading zeros in index, BOM",
			in:   "\uFEFF0 001:0 2:0.30000000000000004\n",
			want: CSR{N: 1, D: 2, Indptr: []int{0, 2}, Indices: []int32{0, 1}, Values: []float64{0, 0.30000000000000004}, Y: []float64{0}},
		},
		{
			name: "all rows empty",
			in:   "1\n0\n",
			want: CSR{N: 2, D: 0, Indptr: []int{0, 0, 0}, Y: []float64{1, 0}},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := ReadLIBSVM(strings.NewReader(tt.in), "t.svm", tt.opt)
			if err != nil {
				t.Fatal(err)
			}
			if !csrEqual(got, &tt.want) {
				t.Errorf("got  %+v\nwant %+v", *got, tt.want)
			}
		})
	}
}

func csrEqual(a, b *CSR) bool {
	return a.N == b.N && a.D == b.D && reflect.DeepEqual(a.Indptr, b.Indptr) &&
		len(a.Indices) == len(b.Indices) && (len(a.Indices) == 0 || reflect.DeepEqual(a.Indices, b.Indices)) &&
		bitsEqual(a.Values, b.Values) && bitsEqual(a.Y, b.Y)
}

func TestReadLIBSVMAllocs(t *testing.T) {
	var b strings.Builder
	for i := 0; i < 10000; i++ {
		b.WriteString("+1 3:0.25 17:1 120:0.30000000000000004 4000:-2e-5\n")
	}
	in := b.String()
	allocs := testing.AllocsPerRun(5, func() {
		if _, err := ReadLIBSVM(strings.NewReader(in), "t.svm", LIBSVMOptions{}); err != nil {
			t.Fatal(err)
		}
	})
	if allocs > 150 {
		t.Errorf("ReadLIBSVM of 10000 rows: %v allocations, want at most 150", allocs)
	}
}
