package serve_test

import (
	"bytes"
	"encoding/json"
	"net/http/httptest"
	"testing"
	"time"

	"github.com/descentgo/descent/serve"
)

// FuzzAPI: every API path's request decoding answers any body with a JSON
// object and a status below 500 — never a panic or an internal error
// (issue 13). Limits are small so that accepted requests stay cheap.
func FuzzAPI(f *testing.F) {
	paths := []string{"/api/run", "/api/problem", "/api/spec", "/api/grid", "/api/lrfind", "/api/train", "/api/lrmap"}
	s := serve.New(serve.Config{MaxSteps: 50, MaxEpochs: 5, Timeout: 300 * time.Millisecond, GridMax: 16, MaxRuns: 2})
	f.Cleanup(func() { s.Close() })
	for i, b := range []string{
		`{"problem":{"func":"sphere"},"runs":[{"opt":"gd"}],"max_steps":5}`,
		`{"expr":"x^2+y^2","start":[1,1]}`,
		`{"kind":"optimizer","spec":"adam:lr=0.1"}`,
		`{"problem":{"func":"rosenbrock"},"window":[-2,2,-1,3],"n":8}`,
		`{"problem":{"expr":"x^2"},"opt":"sgd"}`,
		`{"dataset":"iris","model":"softmax","opt":"adam:lr=0.1","epochs":2}`,
		`{"csv":"a,b,y\n1,2,0\n3,4,1\n2,2,0\n","csv_name":"f.csv","model":"logistic","opt":"adam","epochs":2,"plot":[1,0],"l2":0.1}`,
		`{"problem":{"expr":"x^"}}`, `[]`, `null`, `{"runs":[{}]}`, "\xff",
	} {
		f.Add(uint8(i), []byte(b))
	}
	f.Add(uint8(6), []byte(`{"problem":{"func":"sphere"},"lr_min":0.01,"lr_max":1,"lr_n":3,"momenta":[0,0.5],"max_steps":5}`))
	f.Add(uint8(0), []byte(`{"problem":{"func":"sphere"},"runs":[{"opt":"adam:lr=0.1","detail":true}],"max_steps":5}`))
	f.Fuzz(func(t *testing.T, which uint8, body []byte) {
		r := serve.LocalRequest("POST", paths[int(which)%len(paths)], bytes.NewReader(body))
		r.Header.Set("Content-Type", "application/json")
		w := httptest.NewRecorder()
		s.ServeHTTP(w, r)
		if w.Code >= 500 && w.Code != 503 {
			t.Fatalf("%s %q: status %d: %s", r.URL.Path, body, w.Code, w.Body.String())
		}
		var v map[string]any
		if err := json.Unmarshal(w.Body.Bytes(), &v); err != nil {
			t.Fatalf("%s %q: status %d, body is not a JSON object: %q", r.URL.Path, body, w.Code, w.Body.String())
		}
	})
}
