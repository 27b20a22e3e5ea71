package minimize

import "fmt"

// Status says why a run stopped.
type Status int

// The statuses of a finished run. Their String forms are the "status" values
// of the JSON output.
const (
	// ConvergedGrad: ‖∇f(x)‖₂ fell below Settings.GradTol.
	ConvergedGrad Status = iota + 1
	// ConvergedF: the relative change of f stayed below Settings.FTol for
	// Settings.Patience consecutive iterations.
	ConvergedF
	// MaxIters: the iteration budget ran out.
	MaxIters
	// Diverged: f or x became non-finite, or f moved far beyond its start
	// value (see Settings.DivergeFactor).
	Diverged
	// Timeout: the time budget ran out.
	Timeout
	// Interrupted: the context was cancelled (Ctrl-C in the command).
	Interrupted
	// NoProgress: a method that searches along a line could not find a
	// better point; Result.Message says why.
	NoProgress
)

var statusNames = [...]string{
	ConvergedGrad: "converged_grad",
	ConvergedF:    "converged_f",
	MaxIters:      "max_iters",
	Diverged:      "diverged",
	Timeout:       "timeout",
	Interrupted:   "interrupted",
	NoProgress:    "no_progress",
}

// String returns the status name used in JSON, e.g. "converged_grad".
func (s Status) String() string {
	if s > 0 && int(s) < len(statusNames) {
		return statusNames[s]
	}
	return fmt.Sprintf("Status(%d)", int(s))
}

// Converged reports whether the status is one of the convergence statuses.
func (s Status) Converged() bool { return s == ConvergedGrad || s == ConvergedF }

// MarshalText encodes the status by name.
func (s Status) MarshalText() ([]byte, error) { return []byte(s.String()), nil }

// UnmarshalText decodes a status name.
func (s *Status) UnmarshalText(b []byte) error {
	for i, n := range statusNames {
		if n != "" && n == string(b) {
			*s = Status(i)
			return nil
		}
	}
	return fmt.Errorf("unknown status %q", b)
}
