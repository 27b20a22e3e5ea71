package model

import "fmt"

// DType is the floating-point type a model computes its loss and gradient
// in. The parameters θ, the optimizer's state and the reductions that need
// the range and precision (losses, bias gradients, gradient sums across
// chunks) stay float64 in every case; F32 rounds the weights to float32 as
// they are packed for the matrix products and keeps the activations and
// deltas in float32, as PyTorch's float32 modules do, for twice the
// arithmetic per instruction and half the memory traffic.
type DType int

const (
	F64 DType = iota // float64 throughout (the default)
	F32              // float32 weights and activations, float64 reductions
)

// String returns "f64" or "f32".
func (t DType) String() string {
	switch t {
	case F64:
		return "f64"
	case F32:
		return "f32"
	}
	return fmt.Sprintf("DType(%d)", int(t))
}

// ParseDType parses "f64" or "f32" ("" means f64).
func ParseDType(s string) (DType, error) {
	switch s {
	case "", "f64", "float64":
		return F64, nil
	case "f32", "float32":
		return F32, nil
	}
	return F64, fmt.Errorf("unknown dtype %q: want f64 or f32", s)
}

// float32er is implemented by the models with a float32 path.
type float32er interface {
	withDType(DType) Model
}

// WithDType returns m computing in t: m itself for F64, a float32 variant
// for F32 of the models that have one (mlp). The variant has the same
// specification, parameters and layout; only LossGradDense and
// BatchObjective change. Predict stays float64. It returns an error for a
// model without a float32 path.
func WithDType(m Model, t DType) (Model, error) {
	if t == DTypeOf(m) {
		return m, nil
	}
	if t != F64 && t != F32 {
		return nil, fmt.Errorf("unknown dtype %v", t)
	}
	f, ok := m.(float32er)
	if !ok {
		return nil, fmt.Errorf("model %s has no %v path (only mlp has)", m.Spec(), t)
	}
	return f.withDType(t), nil
}

// DTypeOf returns the type m computes in.
func DTypeOf(m Model) DType {
	if v, ok := m.(interface{ dtype() DType }); ok {
		return v.dtype()
	}
	return F64
}

// MarshalText returns the text of t, for JSON.
func (t DType) MarshalText() ([]byte, error) { return []byte(t.String()), nil }

// UnmarshalText parses t as ParseDType does.
func (t *DType) UnmarshalText(b []byte) error {
	v, err := ParseDType(string(b))
	if err != nil {
		return err
	}
	*t = v
	return nil
}
