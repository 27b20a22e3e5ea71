package data

import (
	"bufio"
	"bytes"
	"io"
)

// readBufSize is the size of the read buffer; lines longer than it are
// assembled in a separate buffer, so there is no line length limit.
const readBufSize = 64 << 10

var utf8BOM = []byte{0xEF, 0xBB, 0xBF}

// lineReader returns the lines of its input one at a time, without the line
// terminator ("\n" or "\r\n") and without a leading UTF-8 byte order mark.
type lineReader struct {
	br   *bufio.Reader
	long []byte // assembles lines longer than the read buffer
	line int    // number of the line last returned
	read int64  // bytes returned so far, line ends included
	// cr reports that the line last returned ended in "\r\n" and its
	// '\r' was removed: a quoted field spanning lines keeps it.
	cr bool
}

func (lr *lineReader) reset(r io.Reader) {
	if lr.br == nil {
		lr.br = bufio.NewReaderSize(r, readBufSize)
	} else {
		lr.br.Reset(r)
	}
	lr.line, lr.read = 0, 0
}

// next returns the next line. The slice is valid until the next call. At the
// end of the input it returns io.EOF; other errors are read errors.
func (lr *lineReader) next() ([]byte, error) {
	b, err := lr.br.ReadSlice('\n')
	if err == bufio.ErrBufferFull {
		lr.long = append(lr.long[:0], b...)
		for err == bufio.ErrBufferFull {
			b, err = lr.br.ReadSlice('\n')
			lr.long = append(lr.long, b...)
		}
		b = lr.long
	}
	if err != nil && (err != io.EOF || len(b) == 0) {
		return nil, err
	}
	lr.line++
	lr.read += int64(len(b))
	if n := len(b); n > 0 && b[n-1] == '\n' {
		b = b[:n-1]
	}
	lr.cr = false
	if n := len(b); n > 0 && b[n-1] == '\r' {
		b = b[:n-1]
		lr.cr = true
	}
	if lr.line == 1 && bytes.HasPrefix(b, utf8BOM) {
		b = b[len(utf8BOM):]
	}
	return b, nil
}

// isBlank reports whether c is a space or a tab.
func isBlank(c byte) bool { return c == ' ' || c == '\t' }

// trimBlanks removes leading and trailing spaces and tabs.
func trimBlanks(b []byte) []byte {
	for len(b) > 0 && isBlank(b[0]) {
		b = b[1:]
	}
	for len(b) > 0 && isBlank(b[len(b)-1]) {
		b = b[:len(b)-1]
	}
	return b
}

// skipBlanks returns the index of the first byte at or after i that is not a
// space or a tab, or len(b).
func skipBlanks(b []byte, i int) int {
	for i < len(b) && isBlank(b[i]) {
		i++
	}
	return i
}
