package serve_test

import (
	"github.com/descentgo/descent/serve"
	"net/http/httptest"
	"strings"
	"testing"
)

// TestGuard (issue 13): the server answers only its own hosts, refuses
// cross-origin requests (DNS rebinding and cross-site POSTs), does not
// list directories, and answers a path that is not UTF-8 with a JSON 400.
func TestGuard(t *testing.T) {
	s := serve.New(serve.Config{})
	defer s.Close()
	run := `{"problem":{"func":"sphere"},"runs":[{"opt":"gd"}],"max_steps":5}`
	for _, tc := range []struct {
		name, method, path, host string
		header                   map[string]string
		body                     string
		status                   int
	}{
		{"loopback", "GET", "/api/functions", "127.0.0.1:8080", nil, "", 200},
		{"localhost", "GET", "/api/functions", "localhost:8080", nil, "", 200},
		{"ipv6 loopback", "GET", "/api/functions", "[::1]:8080", nil, "", 200},
		{"rebinding host", "GET", "/api/functions", "evil.example:8080", nil, "", 421},
		{"rebinding POST", "POST", "/api/run", "attacker.test", map[string]string{"Content-Type": "application/json"}, run, 421},
		{"same-origin POST", "POST", "/api/run", "127.0.0.1:8080", map[string]string{"Content-Type": "application/json", "Origin": "http://127.0.0.1:8080"}, run, 200},
		{"cross-origin POST", "POST", "/api/run", "127.0.0.1:8080", map[string]string{"Content-Type": "application/json", "Origin": "http://evil.example"}, run, 403},
		{"null origin", "POST", "/api/run", "127.0.0.1:8080", map[string]string{"Content-Type": "application/json", "Origin": "null"}, run, 403},
		{"cross-site fetch", "GET", "/api/functions", "127.0.0.1:8080", map[string]string{"Sec-Fetch-Site": "cross-site", "Sec-Fetch-Mode": "cors"}, "", 403},
		{"cross-site navigation", "GET", "/", "127.0.0.1:8080", map[string]string{"Sec-Fetch-Site": "cross-site", "Sec-Fetch-Mode": "navigate"}, "", 200},
		{"directory listing", "GET", "/vendor/", "127.0.0.1:8080", nil, "", 404},
		{"bad encoding", "GET", "/%ff", "127.0.0.1:8080", nil, "", 400},
	} {
		r := httptest.NewRequest(tc.method, tc.path, strings.NewReader(tc.body))
		r.Host = tc.host
		for k, v := range tc.header {
			r.Header.Set(k, v)
		}
		w := httptest.NewRecorder()
		s.ServeHTTP(w, r)
		if w.Code != tc.status {
			t.Errorf("%s: status %d (%s), want %d", tc.name, w.Code, strings.TrimSpace(w.Body.String()), tc.status)
		}
		if w.Code >= 400 && !strings.HasPrefix(w.Body.String(), `{"error":`) {
			t.Errorf("%s: body %q is not the JSON error shape", tc.name, w.Body.String())
		}
	}
	// The 421 answer says what to do in the front end's words, and the
	// library speaks in none of them by default.
	for _, c := range []struct{ hint, want string }{
		{"", "serve it on an address that names this host"},
		{"or start it with --addr naming this host", "--addr naming this host"},
	} {
		h := serve.New(serve.Config{HostHint: c.hint})
		r := serve.LocalRequest("GET", "/api/functions", nil)
		r.Host = "evil.example"
		w := httptest.NewRecorder()
		h.ServeHTTP(w, r)
		h.Close()
		if body := w.Body.String(); w.Code != 421 || !strings.Contains(body, c.want) || (c.hint == "" && strings.Contains(body, "--")) {
			t.Errorf("hint %q: status %d, body %s", c.hint, w.Code, body)
		}
	}
	// A configured name, and "*", extend the accepted hosts.
	named := serve.New(serve.Config{Hosts: []string{"playground.lan"}})
	defer named.Close()
	r := serve.LocalRequest("GET", "/api/functions", nil)
	r.Host = "playground.lan:8080"
	w := httptest.NewRecorder()
	named.ServeHTTP(w, r)
	if w.Code != 200 {
		t.Errorf("configured host: status %d", w.Code)
	}
}
