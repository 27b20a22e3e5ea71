package expr

import (
	"fmt"
	"strconv"
	"unicode/utf8"
)

// tokKind classifies tokens.
type tokKind uint8

const (
	tokEOF tokKind = iota
	tokNum
	tokIdent
	tokPunct // one of + - * / ^ ( ) ,
)

// token is a lexical token with its 1-based start position.
type token struct {
	kind      tokKind
	text      string
	num       float64
	line, col int
}

// describe returns the token as it is named in error messages.
func (t token) describe() string {
	switch t.kind {
	case tokEOF:
		return "end of input"
	case tokNum:
		return fmt.Sprintf("number %q", t.text)
	case tokIdent:
		return fmt.Sprintf("identifier %q", t.text)
	}
	return strconv.Quote(t.text)
}

// startsOperand reports whether t can begin an operand.
func (t token) startsOperand() bool {
	return t.kind == tokNum || t.kind == tokIdent || t.is("(")
}

// is reports whether t is the punctuation p.
func (t token) is(p string) bool { return t.kind == tokPunct && t.text == p }

// lexer splits a formula into tokens on demand, tracking line and column.
// Columns count runes, starting at 1.
type lexer struct {
	src       string
	off       int
	line, col int
}

func newLexer(src string) lexer { return lexer{src: src, line: 1, col: 1} }

func isDigit(c byte) bool  { return '0' <= c && c <= '9' }
func isLetter(c byte) bool { return 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || c == '_' }

// peekByte returns the byte at off+i, or 0 past the end.
func (lx *lexer) peekByte(i int) byte {
	if lx.off+i < len(lx.src) {
		return lx.src[lx.off+i]
	}
	return 0
}

// next returns the next token. All tokens are ASCII, so the column advances
// by the token's length in bytes.
func (lx *lexer) next() (token, *Error) {
	// Skip white space.
	for lx.off < len(lx.src) {
		switch lx.src[lx.off] {
		case '\n':
			lx.line++
			lx.col = 1
		case ' ', '\t', '\r', '\v', '\f':
			lx.col++
		default:
			goto scan
		}
		lx.off++
	}
scan:
	tok := token{line: lx.line, col: lx.col}
	if lx.off >= len(lx.src) {
		tok.kind = tokEOF
		return tok, nil
	}
	start := lx.off
	c := lx.src[lx.off]
	switch {
	case isDigit(c) || c == '.' && isDigit(lx.peekByte(1)):
		return lx.number(tok)
	case isLetter(c):
		for lx.off < len(lx.src) && (isLetter(lx.src[lx.off]) || isDigit(lx.src[lx.off])) {
			lx.off++
		}
		tok.kind = tokIdent
	case c == '+' || c == '-' || c == '*' || c == '/' || c == '^' || c == '(' || c == ')' || c == ',':
		lx.off++
		tok.kind = tokPunct
	default:
		r, size := utf8.DecodeRuneInString(lx.src[lx.off:])
		if r == utf8.RuneError && size <= 1 {
			return tok, errorAt(tok.line, tok.col, "invalid UTF-8 encoding")
		}
		return tok, errorAt(tok.line, tok.col, "unexpected character %q", r)
	}
	tok.text = lx.src[start:lx.off]
	lx.col += lx.off - start
	return tok, nil
}

// number scans a numeric literal starting at lx.off.
func (lx *lexer) number(tok token) (token, *Error) {
	start := lx.off
	malformed := false
	dots := 0
	for lx.off < len(lx.src) && (isDigit(lx.src[lx.off]) || lx.src[lx.off] == '.') {
		if lx.src[lx.off] == '.' {
			dots++
		}
		lx.off++
	}
	if dots > 1 {
		malformed = true
	}
	if c := lx.peekByte(0); c == 'e' || c == 'E' {
		lx.off++
		if c := lx.peekByte(0); c == '+' || c == '-' {
			lx.off++
		}
		if !isDigit(lx.peekByte(0)) {
			malformed = true
		}
		for isDigit(lx.peekByte(0)) {
			lx.off++
		}
		// A second fraction after the exponent, as in 1e5.5.
		for lx.off < len(lx.src) && (isDigit(lx.src[lx.off]) || lx.src[lx.off] == '.') {
			malformed = true
			lx.off++
		}
	}
	tok.kind = tokNum
	tok.text = lx.src[start:lx.off]
	lx.col += lx.off - start
	if malformed {
		return tok, errorAt(tok.line, tok.col, "malformed number %q", tok.text)
	}
	v, err := strconv.ParseFloat(tok.text, 64)
	if err != nil {
		// The lexer only admits well-formed decimal literals, so the only
		// possible failure is overflow. Underflow quietly gives 0.
		return tok, errorAt(tok.line, tok.col, "number %s out of range", tok.text)
	}
	tok.num = v
	return tok, nil
}
