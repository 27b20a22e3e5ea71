package serve

import (
	"io"
	"net/http"
	"net/http/httptest"
)

// localRequest is httptest.NewRequest addressed to the loopback host the
// playground serves (httptest's default Host, example.com, is refused).
func localRequest(method, target string, body io.Reader) *http.Request {
	r := httptest.NewRequest(method, target, body)
	r.Host = "127.0.0.1:8080"
	return r
}

// LocalRequest gives the external tests (package serve_test) the same
// helper.
var LocalRequest = localRequest
