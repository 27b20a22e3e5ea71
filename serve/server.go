// Package serve is the playground of `descent serve`: an HTTP server, embedded
// in the binary, that serves one web page and the JSON API behind it.
//
// The page lets a learner pick a catalogue function or type a formula, click
// the start point on a contour map, race up to six optimizer runs along their
// paths while the loss curves fill in, read each run's verdict and advice, ask
// for a learning rate (range test and 2/L), and train a small model on a
// shipped data set. The API computes with package run, the engine of the
// command line, so the page and the CLI give the same numbers.
//
// # API
//
//	GET  /api/functions   the catalogue (name, formula, start, minima, default window)
//	GET  /api/optimizers  the optimizers with their hyperparameters (spec.Field)
//	GET  /api/schedules   the learning-rate schedules with their parameters
//	GET  /api/datasets    the data sets of the data tab
//	GET  /api/limits      the limits in force (Config)
//	GET  /api/defaults    the defaults of /api/run and /api/train (the command line's)
//	POST /api/spec        kind + specification text → name, parameters, canonical text, fields
//	POST /api/problem     problem → its dimension, variables, start and map window
//	POST /api/run         problem + runs → reports with thinned paths and losses
//	POST /api/grid        problem + window → log-scaled f values on a grid
//	POST /api/lrfind      problem + optimizer → range test, 2/L, recommended lr
//	POST /api/train       data set + model + optimizer → loss per epoch
//
// Every error is a JSON object {"error": "..."} with a 4xx status: 400 for
// bad input, its message starting with the JSON path of the field at fault
// ("runs[0].opt: unknown optimizer ...", "problem.expr:1:9: ..."), 404, 405 (with Allow), 413 for a body over MaxBodyBytes, 415 for
// a POST that is not application/json, and 503 with Retry-After when
// MaxConcurrent computations are already running. JSON never holds NaN or
// infinities: paths and losses stop at the first non-finite value, and other
// non-finite numbers are null.
//
// # Limits
//
// Config holds the limits that protect the server; its zero value means the
// defaults listed there. Each POST runs under a time budget (Timeout): runs
// still going when it expires stop with status "timeout" and are returned.
package serve

import (
	"context"
	"embed"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"log/slog"
	"mime"
	"net"
	"net/http"
	"net/url"
	"runtime"
	"runtime/debug"
	"strconv"
	"strings"
	"sync"
	"time"
	"unicode/utf8"
)

// The default limits (see Config).
const (
	DefaultMaxSteps        = 20000
	DefaultMaxFormulaLen   = 1000
	DefaultMaxFormulaDepth = 40
	DefaultMaxDim          = 100
	DefaultMaxRuns         = 6
	DefaultMaxBodyBytes    = 64 << 10
	DefaultTimeout         = 5 * time.Second
	DefaultQueueWait       = 250 * time.Millisecond
	DefaultGridMax         = 256
	DefaultPathPoints      = 1000
	DefaultDetailRows      = 2000
	DefaultMaxEpochs       = 1000 // the default budget of a full-batch `descent train`
	DefaultMaxHidden       = 128
	DefaultMaxUploadBytes  = 1 << 20
)

// Config holds the limits of a Server. A zero field means its default.
type Config struct {
	MaxSteps        int           // iterations per run (DefaultMaxSteps)
	MaxFormulaLen   int           // bytes of a formula (DefaultMaxFormulaLen)
	MaxFormulaDepth int           // parenthesis nesting of a formula (DefaultMaxFormulaDepth)
	MaxDim          int           // variables of a problem (DefaultMaxDim)
	MaxRuns         int           // runs per request (DefaultMaxRuns)
	MaxBodyBytes    int64         // bytes of a request body (DefaultMaxBodyBytes)
	Timeout         time.Duration // time budget of one POST (DefaultTimeout)
	// MaxConcurrent is the number of POST computations running at once;
	// default GOMAXPROCS, at least 2. A request that finds no free slot
	// within QueueWait gets 503 with Retry-After.
	MaxConcurrent int
	QueueWait     time.Duration // DefaultQueueWait
	GridMax       int           // nodes per side of a map grid (DefaultGridMax)
	PathPoints    int           // points per path and loss curve sent (DefaultPathPoints)
	// DetailRows is the number of steps sent in full for a run that asks
	// for detail (RunSpec.Detail) on a 2-variable problem; a problem of
	// n variables gets 2·DetailRows/n (DefaultDetailRows).
	DetailRows int
	MaxEpochs  int // epochs of a training run (DefaultMaxEpochs)
	MaxHidden  int // units per hidden layer of a trained MLP (DefaultMaxHidden)
	// Hosts are the Host header names accepted besides the loopback ones
	// (localhost, 127.0.0.0/8, ::1), which are always accepted; "*"
	// accepts any. A request for another host gets 421: with the default,
	// a page on another site cannot reach the playground by DNS
	// rebinding (its requests carry that site's name as Host).
	Hosts []string `json:"-"`
	// HostHint is what the 421 answer to another host tells the user to
	// do, in the front end's words (the CLI names its listen-address
	// flag); "" says to serve the playground on an address naming that
	// host.
	HostHint string `json:"-"`
	// Logger receives panics recovered in handlers; nil means slog.Default().
	Logger *slog.Logger `json:"-"`

	// MaxUploadBytes is the size of a CSV data set sent to POST /api/train
	// (DefaultMaxUploadBytes, 1 MiB); that endpoint's body may be
	// MaxBodyBytes + 2·MaxUploadBytes (JSON escapes, e.g. of newlines).
	MaxUploadBytes int64
}

// withDefaults returns c with its zero fields set to the defaults.
func (c Config) withDefaults() Config {
	set := func(v *int, d int) {
		if *v <= 0 {
			*v = d
		}
	}
	set(&c.MaxSteps, DefaultMaxSteps)
	set(&c.MaxFormulaLen, DefaultMaxFormulaLen)
	set(&c.MaxFormulaDepth, DefaultMaxFormulaDepth)
	set(&c.MaxDim, DefaultMaxDim)
	set(&c.MaxRuns, DefaultMaxRuns)
	set(&c.MaxConcurrent, max(2, runtime.GOMAXPROCS(0)))
	set(&c.GridMax, DefaultGridMax)
	set(&c.PathPoints, DefaultPathPoints)
	set(&c.DetailRows, DefaultDetailRows)
	set(&c.MaxEpochs, DefaultMaxEpochs)
	set(&c.MaxHidden, DefaultMaxHidden)
	if c.MaxBodyBytes <= 0 {
		c.MaxBodyBytes = DefaultMaxBodyBytes
	}
	if c.MaxUploadBytes <= 0 {
		c.MaxUploadBytes = DefaultMaxUploadBytes
	}
	if c.Timeout <= 0 {
		c.Timeout = DefaultTimeout
	}
	if c.QueueWait <= 0 {
		c.QueueWait = DefaultQueueWait
	}
	c.PathPoints = max(c.PathPoints, 8)
	c.GridMax = max(c.GridMax, 8)
	if c.Logger == nil {
		c.Logger = slog.Default()
	}
	return c
}

//go:embed web
var webFS embed.FS

//go:embed datasets/*.csv
var datasetFS embed.FS

// Server is the playground's http.Handler. It is safe for concurrent use.
type Server struct {
	cfg    Config
	sem    chan struct{}
	mux    *http.ServeMux
	static http.Handler

	dsOnce sync.Once
	ds     map[string]*dataset
	dsErr  error
}

// New returns a server with the limits of cfg.
func New(cfg Config) *Server {
	s := &Server{cfg: cfg.withDefaults(), mux: http.NewServeMux()}
	s.sem = make(chan struct{}, s.cfg.MaxConcurrent)
	sub, err := fs.Sub(webFS, "web")
	if err != nil {
		panic(err) // the embedded tree is fixed at build time
	}
	s.static = http.FileServerFS(sub)
	s.mux.HandleFunc("/api/functions", s.api(http.MethodGet, false, s.functions))
	s.mux.HandleFunc("/api/optimizers", s.api(http.MethodGet, false, s.optimizers))
	s.mux.HandleFunc("/api/schedules", s.api(http.MethodGet, false, s.schedules))
	s.mux.HandleFunc("/api/datasets", s.api(http.MethodGet, false, s.datasets))
	s.mux.HandleFunc("/api/limits", s.api(http.MethodGet, false, s.limits))
	s.mux.HandleFunc("/api/defaults", s.api(http.MethodGet, false, s.defaults))
	s.mux.HandleFunc("/api/spec", s.api(http.MethodPost, false, s.describeSpec))
	s.mux.HandleFunc("/api/problem", s.api(http.MethodPost, false, s.problem))
	s.mux.HandleFunc("/api/run", s.api(http.MethodPost, true, s.run))
	s.mux.HandleFunc("/api/grid", s.api(http.MethodPost, true, s.grid))
	s.mux.HandleFunc("/api/lrfind", s.api(http.MethodPost, true, s.lrfind))
	s.mux.HandleFunc("/api/lrmap", s.api(http.MethodPost, true, s.lrMap))
	s.mux.HandleFunc("/api/train", s.apiBody(http.MethodPost, true, s.cfg.MaxBodyBytes+2*s.cfg.MaxUploadBytes, s.train))
	s.mux.HandleFunc("/api/", func(w http.ResponseWriter, r *http.Request) {
		writeError(w, http.StatusNotFound, fmt.Sprintf("no API endpoint %s (see /api/limits and the README)", r.URL.Path))
	})
	s.mux.HandleFunc("/", s.page)
	return s
}

// Config returns the limits in force, with defaults filled in.
func (s *Server) Config() Config { return s.cfg }

// ServeHTTP implements http.Handler. Before any handler it refuses a Host
// that is not loopback or in Config.Hosts (421), a cross-site request
// that is not a plain navigation (403: an Origin of another host, or
// Sec-Fetch-Site cross-site), and a path that is not valid UTF-8 (400).
func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	h := w.Header()
	h.Set("X-Content-Type-Options", "nosniff")
	h.Set("Referrer-Policy", "no-referrer")
	h.Set("Content-Security-Policy", "default-src 'self'; img-src 'self' data: blob:; style-src 'self' 'unsafe-inline'; script-src 'self'; connect-src 'self'; frame-ancestors 'none'")
	if !s.hostAllowed(r.Host) {
		hint := s.cfg.HostHint
		if hint == "" {
			hint = "or serve it on an address that names this host"
		}
		writeError(w, http.StatusMisdirectedRequest, fmt.Sprintf("host %q is not served here: open the playground at http://127.0.0.1:PORT/ (%s)", r.Host, hint))
		return
	}
	if crossSite(r) {
		writeError(w, http.StatusForbidden, "cross-origin requests are not accepted")
		return
	}
	if !utf8.ValidString(r.URL.Path) || strings.Contains(r.URL.Path, "\x00") {
		writeError(w, http.StatusBadRequest, "the path is not valid UTF-8")
		return
	}
	s.mux.ServeHTTP(w, r)
}

// hostAllowed reports whether the Host header names this server.
func (s *Server) hostAllowed(hostport string) bool {
	host := hostport
	if h, _, err := net.SplitHostPort(hostport); err == nil {
		host = h
	}
	host = strings.TrimSuffix(strings.TrimPrefix(host, "["), "]")
	if strings.EqualFold(host, "localhost") {
		return true
	}
	if ip := net.ParseIP(host); ip != nil && ip.IsLoopback() {
		return true
	}
	for _, h := range s.cfg.Hosts {
		if h == "*" || strings.EqualFold(h, host) {
			return true
		}
	}
	return false
}

// crossSite reports a request sent by a page of another origin: its
// Origin header names another host than the request's, or the browser
// marked it cross-site. Top-level navigations (a link to the playground)
// are allowed; requests without these headers (curl) are not browsers'.
func crossSite(r *http.Request) bool {
	if o := r.Header.Get("Origin"); o != "" && o != "null" {
		u, err := url.Parse(o)
		if err != nil || !strings.EqualFold(u.Host, r.Host) {
			return true
		}
	} else if o == "null" {
		return true
	}
	if r.Header.Get("Sec-Fetch-Site") == "cross-site" && r.Header.Get("Sec-Fetch-Mode") != "navigate" {
		return true
	}
	return false
}

// HTTPServer returns an http.Server for s with timeouts that keep slow or
// idle clients from holding connections.
func (s *Server) HTTPServer(addr string) *http.Server {
	return &http.Server{
		Addr:              addr,
		Handler:           s,
		ReadHeaderTimeout: 5 * time.Second,
		ReadTimeout:       10 * time.Second,
		WriteTimeout:      s.cfg.Timeout + 30*time.Second,
		IdleTimeout:       60 * time.Second,
		MaxHeaderBytes:    32 << 10,
	}
}

// page serves the embedded page and its assets.
func (s *Server) page(w http.ResponseWriter, r *http.Request) {
	if r.Method != http.MethodGet && r.Method != http.MethodHead {
		w.Header().Set("Allow", "GET, HEAD")
		writeError(w, http.StatusMethodNotAllowed, fmt.Sprintf("method %s not allowed: use GET", r.Method))
		return
	}
	if r.URL.Path == "/favicon.ico" {
		w.Header().Set("Content-Type", "image/svg+xml")
		w.Header().Set("Cache-Control", "max-age=86400")
		io.WriteString(w, faviconSVG)
		return
	}
	if r.URL.Path != "/" && strings.HasSuffix(r.URL.Path, "/") {
		// No directory listings (/vendor/ used to list its files).
		writeError(w, http.StatusNotFound, "not found")
		return
	}
	w.Header().Set("Cache-Control", "no-cache")
	s.static.ServeHTTP(w, r)
}

const faviconSVG = `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 16 16"><rect width="16" height="16" rx="3" fill="#2c3e7a"/><path d="M3 3 Q6 12 13 13" stroke="#fde725" stroke-width="2" fill="none"/></svg>`

// apiError is an error with the HTTP status to report it with.
type apiError struct {
	status int
	msg    string
}

func (e *apiError) Error() string { return e.msg }

// badRequest returns a 400 error.
func badRequest(format string, args ...any) error {
	return &apiError{http.StatusBadRequest, fmt.Sprintf(format, args...)}
}

// errorBody is the JSON shape of every error response.
type errorBody struct {
	Error string `json:"error"`
}

func writeError(w http.ResponseWriter, status int, msg string) {
	writeJSON(w, status, errorBody{msg})
}

func writeJSON(w http.ResponseWriter, status int, v any) {
	b, err := json.Marshal(v)
	if err != nil {
		status = http.StatusInternalServerError
		b, _ = json.Marshal(errorBody{"internal error: cannot encode the response: " + err.Error()})
	}
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.Header().Set("Cache-Control", "no-store")
	w.WriteHeader(status)
	w.Write(b)
	w.Write([]byte{'\n'})
}

// handler computes the response of an API request; r.Body is limited and,
// for compute endpoints, r.Context() carries the time budget.
type handler func(r *http.Request) (any, error)

// api wraps h with the checks every endpoint shares: recovery from panics,
// the method, the content type and size of the body, the concurrency
// semaphore and the time budget.
func (s *Server) api(method string, compute bool, h handler) http.HandlerFunc {
	return s.apiBody(method, compute, s.cfg.MaxBodyBytes, h)
}

// apiBody is api with a body limit of limit bytes.
func (s *Server) apiBody(method string, compute bool, limit int64, h handler) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		defer func() {
			if v := recover(); v != nil {
				s.cfg.Logger.Error("serve: panic in handler", "path", r.URL.Path, "panic", fmt.Sprint(v), "stack", string(debug.Stack()))
				writeError(w, http.StatusInternalServerError, "internal error (logged by the server)")
			}
		}()
		if r.Method != method && !(method == http.MethodGet && r.Method == http.MethodHead) {
			w.Header().Set("Allow", method)
			writeError(w, http.StatusMethodNotAllowed, fmt.Sprintf("method %s not allowed on %s: use %s", r.Method, r.URL.Path, method))
			return
		}
		if method == http.MethodPost {
			ct := r.Header.Get("Content-Type")
			mt, _, err := mime.ParseMediaType(ct)
			if err != nil || mt != "application/json" {
				writeError(w, http.StatusUnsupportedMediaType, fmt.Sprintf("Content-Type %q: send the request body as application/json", ct))
				return
			}
			if r.ContentLength > limit {
				writeError(w, http.StatusRequestEntityTooLarge, fmt.Sprintf("request body of %d bytes exceeds the limit of %d bytes", r.ContentLength, limit))
				return
			}
			r.Body = http.MaxBytesReader(w, r.Body, limit)
		}
		if compute {
			if !s.acquire(r.Context()) {
				w.Header().Set("Retry-After", "1")
				writeError(w, http.StatusServiceUnavailable, fmt.Sprintf("server busy: %d computations are running; retry in a second", s.cfg.MaxConcurrent))
				return
			}
			defer func() { <-s.sem }()
			ctx, cancel := context.WithTimeout(r.Context(), s.cfg.Timeout)
			defer cancel()
			r = r.WithContext(ctx)
		}
		v, err := h(r)
		if err != nil {
			var ae *apiError
			if errors.As(err, &ae) {
				writeError(w, ae.status, ae.msg)
			} else {
				writeError(w, http.StatusBadRequest, err.Error())
			}
			return
		}
		writeJSON(w, http.StatusOK, v)
	}
}

// acquire takes a computation slot, waiting at most QueueWait.
func (s *Server) acquire(ctx context.Context) bool {
	select {
	case s.sem <- struct{}{}:
		return true
	default:
	}
	t := time.NewTimer(s.cfg.QueueWait)
	defer t.Stop()
	select {
	case s.sem <- struct{}{}:
		return true
	case <-t.C:
		return false
	case <-ctx.Done():
		return false
	}
}

// decode reads the JSON body of r into v: one object, no unknown fields,
// nothing after it.
func decode(r *http.Request, v any) error {
	dec := json.NewDecoder(r.Body)
	dec.DisallowUnknownFields()
	if err := dec.Decode(v); err != nil {
		var mbe *http.MaxBytesError
		var se *json.SyntaxError
		var ute *json.UnmarshalTypeError
		switch {
		case errors.As(err, &mbe):
			return &apiError{http.StatusRequestEntityTooLarge, fmt.Sprintf("request body exceeds the limit of %d bytes", mbe.Limit)}
		case errors.Is(err, io.EOF):
			return badRequest("empty request body: send a JSON object")
		case errors.Is(err, io.ErrUnexpectedEOF):
			return badRequest("malformed JSON: the body ends in the middle of a value")
		case errors.As(err, &se):
			return badRequest("malformed JSON at byte %d: %v", se.Offset, se)
		case errors.As(err, &ute):
			if ute.Field != "" {
				return badRequest("field %q: %s is not a valid %v", ute.Field, ute.Value, ute.Type)
			}
			return badRequest("the body must be a JSON object, not a JSON %s", ute.Value)
		case strings.HasPrefix(err.Error(), "json: unknown field"):
			return badRequest("unknown field %s", strings.TrimPrefix(err.Error(), "json: unknown field "))
		}
		return badRequest("malformed JSON: %v", strings.TrimPrefix(err.Error(), "json: "))
	}
	if _, err := dec.Token(); !errors.Is(err, io.EOF) {
		return badRequest("malformed JSON: unexpected data after the top-level object")
	}
	return nil
}

// limits describes the Config in force for GET /api/limits.
func (s *Server) limits(*http.Request) (any, error) {
	c := s.cfg
	return map[string]any{
		"max_steps":         c.MaxSteps,
		"max_formula_len":   c.MaxFormulaLen,
		"max_formula_depth": c.MaxFormulaDepth,
		"max_dim":           c.MaxDim,
		"max_runs":          c.MaxRuns,
		"max_body_bytes":    c.MaxBodyBytes,
		"timeout_seconds":   c.Timeout.Seconds(),
		"max_concurrent":    c.MaxConcurrent,
		"grid_max":          c.GridMax,
		"path_points":       c.PathPoints,
		"detail_rows":       c.DetailRows,
		"max_epochs":        c.MaxEpochs,
		"max_hidden":        c.MaxHidden,
		"max_upload_bytes":  c.MaxUploadBytes,
	}, nil
}

// itoa is strconv.Itoa, short.
func itoa(v int) string { return strconv.Itoa(v) }
