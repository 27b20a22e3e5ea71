package spec

// FieldError reports an invalid value of one field of a configuration —
// an optimizer, a schedule, a stopping rule, a data source. Field is the
// field's name in snake case, as the JSON of configurations and of the HTTP
// API spells it ("opt", "grad_tol", "max_iters"); a front end maps it to
// its own name for the control (the command line writes --grad-tol).
// Libraries return FieldErrors instead of naming flags, and callers match
// them with errors.As, never by their text.
type FieldError struct {
	Field string
	Err   error
}

// Error returns "field: message".
func (e *FieldError) Error() string { return e.Field + ": " + e.Err.Error() }

// Unwrap returns the underlying error.
func (e *FieldError) Unwrap() error { return e.Err }

// Fielded wraps err, if not nil, as a FieldError about field.
func Fielded(field string, err error) error {
	if err == nil {
		return nil
	}
	return &FieldError{Field: field, Err: err}
}
