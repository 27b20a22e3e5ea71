package minimize

import "fmt"

// Status says why a run stopped.
type Status int

// The statuses of a finished run. Their String forms are the "status" values
// of the JSON output.
const (
	// ConvergedGrad: ‖∇f(x)‖₂ fell below Stop.GradTol.
	ConvergedGrad Status = iota + 1
	// ConvergedF: the relative change of f stayed below Stop.FTol for
	// Stop.Patience consecutive iterations.
	ConvergedF
	// MaxIters: the iteration budget ran out.
	MaxIters
	// Diverged: f or x became non-finite, or f moved far beyond its start
	// value (see Stop.DivergeFactor).
	Diverged
	// Timeout: the time budget ran out.
	Timeout
	// Interrupted: the context was cancelled (Ctrl-C in the command).
	Interrupted
	// NoProgress: a method that searches along a line could not find a
	// better point; Result.Message says why.
	NoProgress
	// MaxEpochs: the epoch budget of a training run ran out.
	MaxEpochs
	// EarlyStopped: a training run's validation loss did not improve for
	// its patience in epochs.
	EarlyStopped
)

var statusNames = [...]string{
	ConvergedGrad: "converged_grad",
	ConvergedF:    "converged_f",
	MaxIters:      "max_iters",
	Diverged:      "diverged",
	Timeout:       "timeout",
	Interrupted:   "interrupted",
	NoProgress:    "no_progress",
	MaxEpochs:     "max_epochs",
	EarlyStopped:  "early_stopped",
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

// Budget reports whether a budget (of units, of time) or an interruption
// ended the run rather than one of its rules.
func (s Status) Budget() bool {
	return s == MaxIters || s == MaxEpochs || s == Timeout || s == Interrupted
}

// MarshalText encodes the status by name; the zero Status (a run that has
// not stopped) is the empty text.
func (s Status) MarshalText() ([]byte, error) {
	if s == 0 {
		return nil, nil
	}
	return []byte(s.String()), nil
}

// UnmarshalText decodes a status name, or the empty text as the zero
// Status.
func (s *Status) UnmarshalText(b []byte) error {
	if len(b) == 0 {
		*s = 0
		return nil
	}
	for i, n := range statusNames {
		if n != "" && n == string(b) {
			*s = Status(i)
			return nil
		}
	}
	return fmt.Errorf("unknown status %q", b)
}
