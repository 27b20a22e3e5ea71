//go:build js && wasm

// Command wasm is the playground's engine for the static export
// (`descent serve --export DIR`): package serve's handler compiled to
// WebAssembly (GOOS=js GOARCH=wasm), run in the browser. It answers the
// same /api/* requests with the same code, JSON and errors as the server,
// without a network. It defines
//
//	globalThis.descentAPI(method, path, bodyText) → Promise<{status, body, headers}>
//
// in the Web Worker that runs it (serve/web/engine-worker.js), to which the
// page's api() sends its requests (serve/web/engine.js). path is the part after "/api/" ("run", "functions"), bodyText the
// JSON body of a POST ("" for a GET), and the answer's headers a plain
// object of the response's header fields (Content-Type, Retry-After, …).
//
// Each call runs the handler in its own goroutine and resolves the promise
// when it returns. The limits are serve's defaults except MaxConcurrent:
// the worker's one thread runs one computation at a time anyway, so the
// semaphore that protects a server's cores would only turn requests
// waiting for the thread into spurious 503s.
package main

import (
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"strings"
	"syscall/js"

	"github.com/descentgo/descent/serve"
)

func main() {
	h := serve.New(serve.Config{MaxConcurrent: 64})
	js.Global().Set("descentAPI", js.FuncOf(func(_ js.Value, args []js.Value) any {
		method, path, body := arg(args, 0), arg(args, 1), arg(args, 2)
		return newPromise(func() map[string]any { return call(h, method, path, body) })
	}))
	// Tell the loader (engine.js) that descentAPI is defined.
	if ready := js.Global().Get("descentEngineReady"); ready.Type() == js.TypeFunction {
		ready.Invoke()
	}
	select {} // serve calls until the page goes away
}

// arg returns args[i] as a string, "" when absent, null or undefined.
func arg(args []js.Value, i int) string {
	if i >= len(args) || args[i].IsNull() || args[i].IsUndefined() {
		return ""
	}
	return args[i].String()
}

// call runs one request through the handler and returns its answer as a
// JavaScript object's fields.
func call(h http.Handler, method, path, body string) map[string]any {
	rec := httptest.NewRecorder()
	req, err := http.NewRequest(method, "http://localhost/api/"+strings.TrimPrefix(path, "/"), strings.NewReader(body))
	if err != nil {
		// A method or path that is not a valid HTTP request: answer as
		// the server answers a malformed request line.
		b, _ := json.Marshal(map[string]string{"error": err.Error()})
		return map[string]any{"status": http.StatusBadRequest, "body": string(b), "headers": map[string]any{"Content-Type": "application/json; charset=utf-8"}}
	}
	if body != "" {
		req.Header.Set("Content-Type", "application/json")
	}
	h.ServeHTTP(rec, req)
	headers := map[string]any{}
	for k, v := range rec.Result().Header {
		headers[k] = strings.Join(v, ", ")
	}
	return map[string]any{"status": rec.Code, "body": rec.Body.String(), "headers": headers}
}

// newPromise returns a JavaScript Promise that resolves to the object f
// returns, computed in a goroutine so that the caller is not blocked.
func newPromise(f func() map[string]any) js.Value {
	var executor js.Func
	executor = js.FuncOf(func(_ js.Value, args []js.Value) any {
		resolve, reject := args[0], args[1]
		executor.Release()
		go func() {
			defer func() {
				if v := recover(); v != nil {
					reject.Invoke(js.Global().Get("Error").New("descent engine: " + toString(v)))
				}
			}()
			resolve.Invoke(js.ValueOf(f()))
		}()
		return nil
	})
	return js.Global().Get("Promise").New(executor)
}

func toString(v any) string {
	if e, ok := v.(error); ok {
		return e.Error()
	}
	if s, ok := v.(string); ok {
		return s
	}
	return "panic"
}
