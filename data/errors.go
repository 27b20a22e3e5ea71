package data

import (
	"errors"
	"strconv"
)

// ErrMissingValue is the error wrapped by a *ParseError for a missing value in
// a CSV field (an empty field, "NA", "?" or NaN in any letter case) when
// CSVOptions.DropMissing is false. Test for it with errors.Is.
var ErrMissingValue = errors.New("missing value (set DropMissing to skip such rows)")

// ParseError reports malformed input. Its message has the form
//
//	name:line:column: field "petal_width": cannot parse "abc" as a number
//
// where name is the name given to the reader (usually the file name), line is
// 1-based, and column is the 1-based byte column at which the offending field
// or token starts. Parts that do not apply are left out: errors about the
// input as a whole (an empty file, an unknown target column) have neither
// line nor column, and errors about a whole line have no column.
type ParseError struct {
	Name   string // name given to the reader, usually the file name
	Line   int    // 1-based line number, or 0
	Column int    // 1-based byte column, or 0
	Field  string // name of the CSV column the error is about, or ""
	Err    error  // the problem, without position
}

// Error returns the message described in the ParseError documentation.
func (e *ParseError) Error() string {
	var b []byte
	b = append(b, e.Name...)
	if e.Line > 0 {
		if len(b) > 0 {
			b = append(b, ':')
		}
		b = strconv.AppendInt(b, int64(e.Line), 10)
		if e.Column > 0 {
			b = append(b, ':')
			b = strconv.AppendInt(b, int64(e.Column), 10)
		}
	}
	if len(b) > 0 {
		b = append(b, ": "...)
	}
	if e.Field != "" {
		b = append(b, "field "...)
		b = strconv.AppendQuote(b, e.Field)
		b = append(b, ": "...)
	}
	b = append(b, e.Err.Error()...)
	return string(b)
}

// Unwrap returns e.Err.
func (e *ParseError) Unwrap() error { return e.Err }
