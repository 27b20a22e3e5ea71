package data

import (
	"errors"
	"strings"
	"testing"
)

// The expected messages and positions below were written by hand from the
// inputs: they are the user interface of the readers.

func TestReadCSVErrors(t *testing.T) {
	const hdr = "a,b,c\n"
	tests := []struct {
		name string
		in   string
		opt  CSVOptions
		want string
	}{
		{"empty file", "", CSVOptions{}, `t.csv: empty file: want a header row of column names`},
		{"blank lines only", "\n  \n\r\n", CSVOptions{}, `t.csv: empty file: want a header row of column names`},
		{"BOM only", "\uFEFF", CSVOptions{}, `t.csv: empty file: want a header row of column names`},
		{"header only", "a,b,c\n", CSVOptions{}, `t.csv: no data rows after the header`},
		{"header only no newline", "a,b,c", CSVOptions{}, `t.csv: no data rows after the header`},
		{"all rows dropped", hdr + "1,,3\nNA,2,3\n", CSVOptions{DropMissing: true}, `t.csv: no data rows left after dropping 2 rows with missing values`},
		{"too few fields", hdr + "1,2,3\n4,5\n", CSVOptions{}, `t.csv:3: wrong number of fields: got 2, want 3`},
		{"too many fields", hdr + "1,2,3,4\n", CSVOptions{}, `t.csv:2: wrong number of fields: got 4, want 3`},
		{"ragged before bad value", hdr + "x,y\n", CSVOptions{}, `t.csv:2: wrong number of fields: got 2, want 3`},
		{"ragged quoted row", hdr + "1,\"2\"\n", CSVOptions{}, `t.csv:2: wrong number of fields: got 2, want 3`},
		{"text in numeric column", hdr + "1,2,3\n1,abc,3\n", CSVOptions{}, `t.csv:3:3: field "b": cannot parse "abc" as a number`},
		{"text in target", hdr + "1,2,yes\n", CSVOptions{}, `t.csv:2:5: field "c": cannot parse "yes" as a number`},
		{"column after blanks", hdr + "1,  2x,3\n", CSVOptions{}, `t.csv:2:5: field "b": cannot parse "2x" as a number`},
		{"number with comma decimal", "a,b\n\"1,5\",2\n", CSVOptions{}, `t.csv:2:1: field "a": cannot parse "1,5" as a number`},
		{"missing empty", hdr + "1,,3\n", CSVOptions{}, `t.csv:2:3: field "b": missing value (set DropMissing to skip such rows)`},
		{"missing NA", hdr + "1,2,NA\n", CSVOptions{}, `t.csv:2:5: field "c": missing value (set DropMissing to skip such rows)`},
		{"missing question mark", hdr + "?,2,3\n", CSVOptions{}, `t.csv:2:1: field "a": missing value (set DropMissing to skip such rows)`},
		{"missing NaN", hdr + "1,NaN,3\n", CSVOptions{}, `t.csv:2:3: field "b": missing value (set DropMissing to skip such rows)`},
		{"missing last empty", hdr + "1,2,\n", CSVOptions{}, `t.csv:2:5: field "c": missing value (set DropMissing to skip such rows)`},
		{"Inf", hdr + "1,Inf,3\n", CSVOptions{}, `t.csv:2:3: field "b": non-finite value "Inf"`},
		{"-infinity", hdr + "1,2,-infinity\n", CSVOptions{}, `t.csv:2:5: field "c": non-finite value "-infinity"`},
		{"Inf with DropMissing", hdr + "+Inf,2,3\n", CSVOptions{DropMissing: true}, `t.csv:2:1: field "a": non-finite value "+Inf"`},
		{"overflow", hdr + "1,1e999,3\n", CSVOptions{}, `t.csv:2:3: field "b": value "1e999" is out of range`},
		{"duplicate column", "a,b,a\n1,2,3\n", CSVOptions{}, `t.csv:1:5: duplicate column name "a" (columns 1 and 3)`},
		{"duplicate quoted column", "x,\"y\", y\n1,2,3\n", CSVOptions{}, `t.csv:1:8: duplicate column name "y" (columns 2 and 3)`},
		{"unknown target", hdr + "1,2,3\n", CSVOptions{Target: "foo"}, `t.csv: unknown target column "foo" (columns: a, b, c)`},
		{"unknown feature", hdr + "1,2,3\n", CSVOptions{Features: []string{"a", "z"}}, `t.csv: unknown feature column "z" (columns: a, b, c)`},
		{"target as feature", hdr + "1,2,3\n", CSVOptions{Target: "a", Features: []string{"b", "a"}}, `t.csv: target column "a" is also listed as a feature`},
		{"feature twice", hdr + "1,2,3\n", CSVOptions{Features: []string{"b", "b"}}, `t.csv: feature column "b" is listed twice`},
		{"single column", "y\n1\n", CSVOptions{}, `t.csv: no feature columns: the only column, "y", is the target`},
		{"unnamed feature", "a,,c\n1,2,3\n", CSVOptions{}, `t.csv:1: column 2 has no name`},
		{"unterminated quote", hdr + "1,\"2,3\n4,5,6\n", CSVOptions{}, `t.csv:2:3: quoted field is not terminated`},
		{"text after closing quote", hdr + "1,\"2\"x,3\n", CSVOptions{}, `t.csv:2:6: unexpected 'x' after closing quote`},
		{"bare quote", hdr + "1,2\",3\n", CSVOptions{}, `t.csv:2:4: bare " in unquoted field`},
		{"bad value after multi-line field", "a,\"b\nb\",c\n1,2,\"3\nx\"\n", CSVOptions{}, `t.csv:3:5: field "c": cannot parse "3\nx" as a number`},
		{"position after BOM", "\uFEFFa,b\n1,b\n", CSVOptions{}, `t.csv:2:3: field "b": cannot parse "b" as a number`},
		{"CRLF", "a,b\r\n1,2\r\n3,x\r\n", CSVOptions{}, `t.csv:3:3: field "b": cannot parse "x" as a number`},
		{"old Mac line endings", "a,b\r1,2\r", CSVOptions{}, `t.csv:1: carriage return inside the header line: lines must end in "\n" or "\r\n"`},
		{"hex is fine but garbage is not", hdr + "0x1p4,1_0,0x\n", CSVOptions{}, `t.csv:2:11: field "c": cannot parse "0x" as a number`},
		{"missing in unselected column ok, bad in selected", hdr + "x,,y\n", CSVOptions{Features: []string{"b"}, Target: "a"}, `t.csv:2:1: field "a": cannot parse "x" as a number`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			d, err := ReadCSV(strings.NewReader(tt.in), "t.csv", tt.opt)
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
			if got, want := errors.Is(err, ErrMissingValue), strings.Contains(tt.want, "missing value ("); got != want {
				t.Errorf("errors.Is(err, ErrMissingValue) = %t, want %t", got, want)
			}
		})
	}
}

func TestReadLIBSVMErrors(t *testing.T) {
	tests := []struct {
		name string
		in   string
		opt  LIBSVMOptions
		want string
	}{
		{"empty file", "", LIBSVMOptions{}, `t.svm: no data rows`},
		{"comments only", "# a\n\n  # b\n", LIBSVMOptions{}, `t.svm: no data rows`},
		{"index 0", "1 0:1.5\n", LIBSVMOptions{}, `t.svm:1:3: feature index 0: indices start at 1`},
		{"unsorted", "1 1:1\n0 3:1 2:1\n", LIBSVMOptions{}, `t.svm:2:7: feature index 2 after 3: indices must be strictly increasing`},
		{"duplicate index", "1 3:1 3:2\n", LIBSVMOptions{}, `t.svm:1:7: duplicate feature index 3`},
		{"bad label", "+1 1:1\nyes 1:1\n", LIBSVMOptions{}, `t.svm:2:1: cannot parse label "yes" as a number`},
		{"label nan", "nan 1:1\n", LIBSVMOptions{}, `t.svm:1:1: non-finite label "nan"`},
		{"label inf", "-Inf 1:1\n", LIBSVMOptions{}, `t.svm:1:1: non-finite label "-Inf"`},
		{"label overflow", "1e400 1:1\n", LIBSVMOptions{}, `t.svm:1:1: label "1e400" is out of range`},
		{"missing label", "1:2 3:4\n", LIBSVMOptions{}, `t.svm:1:1: cannot parse label "1:2" as a number`},
		{"missing colon", "1 1:1 7\n", LIBSVMOptions{}, `t.svm:1:7: want index:value, got "7"`},
		{"missing colon text", "1 abc\n", LIBSVMOptions{}, `t.svm:1:3: want index:value, got "abc"`},
		{"bad index", "1 x:1\n", LIBSVMOptions{}, `t.svm:1:3: cannot parse feature index "x"`},
		{"negative index", "1 -1:1\n", LIBSVMOptions{}, `t.svm:1:3: cannot parse feature index "-1"`},
		{"empty index", "1 :1\n", LIBSVMOptions{}, `t.svm:1:3: cannot parse feature index ""`},
		{"bad value", "1 1:1 2:abc\n", LIBSVMOptions{}, `t.svm:1:9: feature 2: cannot parse "abc" as a number`},
		{"missing value", "1 1: 2:1\n", LIBSVMOptions{}, `t.svm:1:5: feature 1: missing value`},
		{"value nan", "1 4:NaN\n", LIBSVMOptions{}, `t.svm:1:5: feature 4: non-finite value "NaN"`},
		{"value overflow", "1 4:-1e309\n", LIBSVMOptions{}, `t.svm:1:5: feature 4: value "-1e309" is out of range`},
		{"double colon", "1 4:1:2\n", LIBSVMOptions{}, `t.svm:1:5: feature 4: cannot parse "1:2" as a number`},
		{"index above NumFeatures", "1 2:1 11:1\n", LIBSVMOptions{NumFeatures: 10}, `t.svm:1:7: feature index 11 is out of range [1, 10]`},
		{"index too large", "1 2147483648:1\n", LIBSVMOptions{}, `t.svm:1:3: feature index 2147483648 is too large (the limit is 67108864 features; hash the features to fewer indices)`},
		// Issue 13: 2³¹−1 used to pass, and training then allocated 34 GB of names.
		{"index above the feature limit", "0 2147483647:1\n1 1:2\n", LIBSVMOptions{}, `t.svm:1:3: feature index 2147483647 is too large (the limit is 67108864 features; hash the features to fewer indices)`},
		{"bad qid", "1 qid:x 1:1\n", LIBSVMOptions{}, `t.svm:1:3: bad query id "qid:x": want qid:N with N a non-negative integer`},
		{"qid not first", "1 1:1 qid:3\n", LIBSVMOptions{}, `t.svm:1:7: cannot parse feature index "qid"`},
		{"tab separated position", "1\t2:1\t1:1\n", LIBSVMOptions{}, `t.svm:1:7: feature index 1 after 2: indices must be strictly increasing`},
		{"CRLF and comment lines", "# h\r\n1 1:1\r\n\r\n0 1:x\r\n", LIBSVMOptions{}, `t.svm:4:5: feature 1: cannot parse "x" as a number`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			m, err := ReadLIBSVM(strings.NewReader(tt.in), "t.svm", tt.opt)
			if err == nil {
				t.Fatalf("got %d rows, want error %s", m.N, tt.want)
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

func TestParseErrorFormat(t *testing.T) {
	tests := []struct {
		e    ParseError
		want string
	}{
		{ParseError{Name: "f", Line: 3, Column: 4, Field: "x", Err: errors.New("m")}, `f:3:4: field "x": m`},
		{ParseError{Name: "f", Line: 3, Err: errors.New("m")}, `f:3: m`},
		{ParseError{Name: "f", Err: errors.New("m")}, `f: m`},
		{ParseError{Line: 3, Column: 4, Err: errors.New("m")}, `3:4: m`},
		{ParseError{Err: errors.New("m")}, `m`},
		{ParseError{Name: "f", Column: 4, Err: errors.New("m")}, `f: m`},
	}
	for _, tt := range tests {
		if got := tt.e.Error(); got != tt.want {
			t.Errorf("got %q, want %q", got, tt.want)
		}
	}
}
