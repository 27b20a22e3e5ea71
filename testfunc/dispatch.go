package testfunc

// kind selects a function's code. Value and ValueGrad dispatch on it with a
// switch of static calls rather than through function values, so that the
// compiler can see that x does not escape and Eval2 needs no allocation.
type kind int

const (
	kSphere kind = iota
	kBooth
	kMatyas
	kCamel
	kHimmelblau
	kRosenbrock
	kBeale
	kGoldsteinPrice
	kRastrigin
	kAckley
	kStyblinskiTang
	kSaddle
	kQuadratic
	kFreudensteinRoth
	kPowellBadlyScaled
	kBrownBadlyScaled
	kHelicalValley
	kBard
	kGaussian
	kBox3D
	kPowellSingular
	kWood
	kKowalikOsborne
	kJennrichSampson
)

func (f *Function) value(x []float64) float64 { return f.valueGrad(nil, x) }

// valueGrad is value with the gradient: every implementation takes grad,
// which is nil for a value-only call, so one body serves both.
func (f *Function) valueGrad(grad, x []float64) float64 {
	switch f.id {
	case kSphere:
		return sphere(grad, x)
	case kBooth:
		return booth(grad, x)
	case kMatyas:
		return matyas(grad, x)
	case kCamel:
		return camel(grad, x)
	case kHimmelblau:
		return himmelblau(grad, x)
	case kRosenbrock:
		return rosenbrock(grad, x)
	case kBeale:
		return beale(grad, x)
	case kGoldsteinPrice:
		return goldsteinPrice(grad, x)
	case kRastrigin:
		return rastrigin(grad, x)
	case kAckley:
		return ackley(grad, x)
	case kStyblinskiTang:
		return styblinskiTang(grad, x)
	case kSaddle:
		return saddle(grad, x)
	case kQuadratic:
		return quadratic(grad, x, f.lam)
	case kFreudensteinRoth:
		return freudensteinRoth(grad, x)
	case kPowellBadlyScaled:
		return powellBadlyScaled(grad, x)
	case kBrownBadlyScaled:
		return brownBadlyScaled(grad, x)
	case kHelicalValley:
		return helicalValley(grad, x)
	case kBard:
		return bard(grad, x)
	case kGaussian:
		return gaussian(grad, x)
	case kBox3D:
		return box3D(grad, x)
	case kPowellSingular:
		return powellSingular(grad, x)
	case kWood:
		return wood(grad, x)
	case kKowalikOsborne:
		return kowalikOsborne(grad, x)
	case kJennrichSampson:
		return jennrichSampson(grad, x)
	}
	panic("testfunc: unknown function kind")
}
