package expr

import "fmt"

// Error is a compilation error. Line and Col give the 1-based position in
// the formula where the problem was found; Col counts runes, so a tab or a
// multi-byte character is one column. Errors that do not refer to a position
// in the formula (a bad vars list, an over-long formula) have Line and Col
// zero.
type Error struct {
	Line, Col int
	Msg       string
}

// Error formats the error as "expr:LINE:COL: MSG".
func (e *Error) Error() string {
	return fmt.Sprintf("expr:%d:%d: %s", e.Line, e.Col, e.Msg)
}

// errorAt returns an *Error at the given position.
func errorAt(line, col int, format string, args ...any) *Error {
	return &Error{Line: line, Col: col, Msg: fmt.Sprintf(format, args...)}
}
