package data

import (
	"encoding/json"
	"errors"
	"strings"
	"testing"
)

// TestReadCSVNoTarget reads files without a target column.
func TestReadCSVNoTarget(t *testing.T) {
	tests := []struct {
		name string
		in   string
		opt  CSVOptions
		want Dense
	}{
		{
			name: "every column is a feature",
			in:   "a,b,c\n1,2,3\n4,5,6\n",
			want: Dense{N: 2, D: 3, X: []float64{1, 2, 3, 4, 5, 6}, Y: []float64{0, 0}, Features: []string{"a", "b", "c"}},
		},
		{
			name: "single column",
			in:   "a\n1\n2\n",
			want: Dense{N: 2, D: 1, X: []float64{1, 2}, Y: []float64{0, 0}, Features: []string{"a"}},
		},
		{
			name: "selected features in the given order, others may hold text",
			in:   "id,b,a,label\nx,1,2,yes\n\"y, z\",3,4,?\n",
			opt:  CSVOptions{Features: []string{"a", "b"}},
			want: Dense{N: 2, D: 2, X: []float64{2, 1, 4, 3}, Y: []float64{0, 0}, Features: []string{"a", "b"}},
		},
		{
			name: "BOM, CRLF, quoted names, blank lines",
			in:   "\uFEFF\"a\", b \r\n\r\n1,2\r\n3,4\r\n",
			want: Dense{N: 2, D: 2, X: []float64{1, 2, 3, 4}, Y: []float64{0, 0}, Features: []string{"a", "b"}},
		},
		{
			name: "drop missing",
			in:   "a,b\n1,NA\n2,3\n?,4\n",
			opt:  CSVOptions{DropMissing: true},
			want: Dense{N: 1, D: 2, X: []float64{2, 3}, Y: []float64{0}, Features: []string{"a", "b"}, Dropped: 2},
		},
		{
			name: "the last column is not special",
			in:   "a,y\n1,2\n",
			opt:  CSVOptions{Features: []string{"y"}},
			want: Dense{N: 1, D: 1, X: []float64{2}, Y: []float64{0}, Features: []string{"y"}},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			opt := tt.opt
			opt.NoTarget = true
			got, err := ReadCSV(strings.NewReader(tt.in), "t.csv", opt)
			if err != nil {
				t.Fatal(err)
			}
			if !denseEqual(got, &tt.want) {
				t.Errorf("got  %+v\nwant %+v", *got, tt.want)
			}
		})
	}
}

// TestReadCSVNoTargetErrors checks that the errors of a file without a
// target column give the positions and field counts of the file itself.
func TestReadCSVNoTargetErrors(t *testing.T) {
	const hdr = "a,b,c\n"
	tests := []struct {
		name string
		in   string
		opt  CSVOptions
		want string
	}{
		{"empty file", "", CSVOptions{}, `t.csv: empty file: want a header row of column names`},
		{"header only", "a,b\n", CSVOptions{}, `t.csv: no data rows after the header`},
		{"all rows dropped", hdr + "1,,3\n", CSVOptions{DropMissing: true}, `t.csv: no data rows left after dropping 1 rows with missing values`},
		{"too few fields", hdr + "1,2,3\n4,5\n", CSVOptions{}, `t.csv:3: wrong number of fields: got 2, want 3`},
		{"too many fields", hdr + "1,2,3,4\n", CSVOptions{}, `t.csv:2: wrong number of fields: got 4, want 3`},
		{"too few fields, features selected", hdr + "1,2\n", CSVOptions{Features: []string{"a"}}, `t.csv:2: wrong number of fields: got 2, want 3`},
		{"ragged quoted row", hdr + "1,\"2\"\n", CSVOptions{}, `t.csv:2: wrong number of fields: got 2, want 3`},
		{"text in last column", hdr + "1,2,yes\n", CSVOptions{}, `t.csv:2:5: field "c": cannot parse "yes" as a number`},
		{"text after blanks", hdr + "1,  2x,3\n", CSVOptions{}, `t.csv:2:5: field "b": cannot parse "2x" as a number`},
		{"missing last", hdr + "1,2,\n", CSVOptions{}, `t.csv:2:5: field "c": missing value (set DropMissing to skip such rows)`},
		{"missing NA", hdr + "NA,2,3\n", CSVOptions{}, `t.csv:2:1: field "a": missing value (set DropMissing to skip such rows)`},
		{"Inf", hdr + "1,Inf,3\n", CSVOptions{}, `t.csv:2:3: field "b": non-finite value "Inf"`},
		{"overflow", hdr + "1,2,1e999\n", CSVOptions{}, `t.csv:2:5: field "c": value "1e999" is out of range`},
		{"position after BOM and CRLF", "\uFEFFa,b\r\n1,2\r\n3,x\r\n", CSVOptions{}, `t.csv:3:3: field "b": cannot parse "x" as a number`},
		{"bad value after multi-line field", "a,\"b\nb\",c\n1,2,\"3\nx\"\n", CSVOptions{}, `t.csv:3:5: field "c": cannot parse "3\nx" as a number`},
		{"unterminated quote", hdr + "1,\"2,3\n", CSVOptions{}, `t.csv:2:3: quoted field is not terminated`},
		{"text after closing quote", hdr + "1,\"2\"x,3\n", CSVOptions{}, `t.csv:2:6: unexpected 'x' after closing quote`},
		{"bare quote", hdr + "1,2\",3\n", CSVOptions{}, `t.csv:2:4: bare " in unquoted field`},
		{"duplicate column", "a,b,a\n1,2,3\n", CSVOptions{}, `t.csv:1:5: duplicate column name "a" (columns 1 and 3)`},
		{"unnamed feature", "a,,c\n1,2,3\n", CSVOptions{}, `t.csv:1: column 2 has no name`},
		{"unknown feature", hdr + "1,2,3\n", CSVOptions{Features: []string{"a", "z"}}, `t.csv: unknown feature column "z" (columns: a, b, c)`},
		{"feature twice", hdr + "1,2,3\n", CSVOptions{Features: []string{"b", "b"}}, `t.csv: feature column "b" is listed twice`},
		{"target given", hdr + "1,2,3\n", CSVOptions{Target: "c"}, `t.csv: target column "c" given for data without a target column`},
		{"bad value in selected column only", hdr + "x,,y\n", CSVOptions{Features: []string{"c"}}, `t.csv:2:4: field "c": cannot parse "y" as a number`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			opt := tt.opt
			opt.NoTarget = true
			d, err := ReadCSV(strings.NewReader(tt.in), "t.csv", opt)
			if err == nil {
				t.Fatalf("got %d rows, want error %s", d.N, tt.want)
			}
			if err.Error() != tt.want {
				t.Errorf("error\ngot  %s\nwant %s", err, tt.want)
			}
			var pe *ParseError
			if !errors.As(err, &pe) {
				t.Errorf("error %T is not a *ParseError", err)
			}
		})
	}
}

// TestStreamNoTarget checks that a Stream of a file without a target column
// yields the rows of ReadCSV, with zero targets.
func TestStreamNoTarget(t *testing.T) {
	in := "b,a,note\n1,2,x\n3,4,y\n5,6,z\n7,8,\n"
	opt := CSVOptions{NoTarget: true, Features: []string{"a", "b"}}
	want, err := ReadCSV(strings.NewReader(in), "s.csv", opt)
	if err != nil {
		t.Fatal(err)
	}
	path := writeFile(t, "s.csv", in)
	s, err := OpenStream(path, CSV, StreamOptions{ChunkRows: 3, CSV: opt})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if s.Target() != "" || strings.Join(s.Features(), ",") != "a,b" {
		t.Errorf("target %q, features %q; want \"\", [a b]", s.Target(), s.Features())
	}
	got := drainDense(t, s, 3)
	if !bitsEqual(got.X, want.X) || !bitsEqual(got.Y, []float64{0, 0, 0, 0}) {
		t.Errorf("stream X %v Y %v; ReadCSV X %v, want Y zeros", got.X, got.Y, want.X)
	}
}

// TestStandardizationJSON checks the JSON form, which is the "standardize"
// object of a model file.
func TestStandardizationJSON(t *testing.T) {
	tests := []struct {
		s    Standardization
		want string
	}{
		{Standardization{Mean: []float64{1.5, -0.1}, Std: []float64{2, 0.30000000000000004}, Center: true},
			`{"mean":[1.5,-0.1],"std":[2,0.30000000000000004],"center":true}`},
		{Standardization{Mean: []float64{0}, Std: []float64{1e-300}},
			`{"mean":[0],"std":[1e-300],"center":false}`},
	}
	for _, tt := range tests {
		b, err := json.Marshal(tt.s)
		if err != nil {
			t.Fatal(err)
		}
		if string(b) != tt.want {
			t.Errorf("got  %s\nwant %s", b, tt.want)
		}
		var back Standardization
		if err := json.Unmarshal(b, &back); err != nil {
			t.Fatal(err)
		}
		if !bitsEqual(back.Mean, tt.s.Mean) || !bitsEqual(back.Std, tt.s.Std) || back.Center != tt.s.Center {
			t.Errorf("round trip of %s gives %+v", b, back)
		}
	}
}

// TestStandardizationApply checks the centered and the scaling-only forms
// of Apply, ApplyRow and ApplyCSR, and the Center set by the Fit methods.
func TestStandardizationApply(t *testing.T) {
	s := Standardization{Mean: []float64{1, 10}, Std: []float64{2, 4}}
	tests := []struct {
		center bool
		want   []float64
	}{
		{true, []float64{(3 - 1) / 2.0, (6 - 10) / 4.0, (0 - 1) / 2.0, (-2 - 10) / 4.0}},
		{false, []float64{3 / 2.0, 6 / 4.0, 0, -2 / 4.0}},
	}
	for _, tt := range tests {
		s.Center = tt.center
		d := &Dense{N: 2, D: 2, X: []float64{3, 6, 0, -2}, Y: []float64{0, 0}}
		s.Apply(d)
		if !bitsEqual(d.X, tt.want) {
			t.Errorf("center %t: Apply gives %v, want %v", tt.center, d.X, tt.want)
		}
		row := []float64{3, 6}
		s.ApplyRow(row)
		if !bitsEqual(row, tt.want[:2]) {
			t.Errorf("center %t: ApplyRow gives %v, want %v", tt.center, row, tt.want[:2])
		}
	}
	s.Center = false
	m := &CSR{N: 2, D: 2, Indptr: []int{0, 2, 3}, Indices: []int32{0, 1, 1}, Values: []float64{3, 6, -2}, Y: []float64{0, 0}}
	s.ApplyCSR(m)
	if want := []float64{1.5, 1.5, -0.5}; !bitsEqual(m.Values, want) {
		t.Errorf("ApplyCSR gives %v, want %v", m.Values, want)
	}

	var f Standardization
	f.FitCSR(m)
	if f.Center {
		t.Error("FitCSR sets Center")
	}
	f.Fit(&Dense{N: 2, D: 1, X: []float64{1, 3}, Y: []float64{0, 0}})
	if !f.Center || f.Mean[0] != 2 || f.Std[0] != 1 {
		t.Errorf("Fit gives %+v, want mean 2, std 1, centered", f)
	}
	path := writeFile(t, "f.csv", "a,y\n1,0\n3,0\n")
	st, err := OpenStream(path, CSV, StreamOptions{})
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	f = Standardization{}
	if err := f.FitSource(st); err != nil {
		t.Fatal(err)
	}
	if !f.Center || f.Mean[0] != 2 || f.Std[0] != 1 {
		t.Errorf("FitSource gives %+v, want mean 2, std 1, centered", f)
	}
}
