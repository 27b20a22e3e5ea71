package testfunc

import (
	"fmt"
	"math"
	"strconv"
	"strings"

	"github.com/descentgo/descent/spec"
)

// Function is one test function of the catalogue. It satisfies fn.Func.
// Build one with Lookup or All; the zero value is not usable. A Function is
// immutable after construction and safe for concurrent use.
type Function struct {
	Name    string // catalogue name, e.g. "rosenbrock"
	Spec    string // specification that rebuilds this instance, e.g. "rosenbrock:n=10"
	Title   string // human-readable name
	Formula string // see the package documentation for the syntax
	Source  string // literature reference
	Notes   string // remarks: difficulty, data tables, precision of f*

	// Parsable reports whether Formula is a complete expression in descent's
	// formula language (variables x, y when N = 2, else x1 … xN) equal to f.
	// When false, Formula is a readable Σ form.
	Parsable bool

	N      int         // dimension
	Start  []float64   // standard starting point
	Minima [][]float64 // known global minimizers: all of them when finitely many
	// Family describes a continuum of global minimizers in words
	// ("x1 = x2, x3 = 0"); Minima then holds representatives. Empty otherwise.
	Family string
	// FMin is the global minimum value, or −Inf when f is unbounded below.
	// Values that the literature gives only to a few digits were recomputed
	// to full double precision (see Notes).
	FMin float64
	// LocalMinima lists documented minima that are not global. A coordinate
	// may be ±Inf for a minimum at infinity (bard); Value is finite there.
	LocalMinima []Minimum
	// Unbounded reports that f has no minimum (FMin = −Inf, Minima empty).
	Unbounded bool
	// Smooth is false for functions on which a gradient method should not be
	// expected to reach the global minimum: nondifferentiable at the
	// minimizer (ackley) or riddled with local minima (rastrigin).
	Smooth bool
	// Eigenvalues holds, in ascending order, the eigenvalues of the constant
	// Hessian of a quadratic function (sphere, booth, matyas, saddle,
	// quadratic); nil for the others. The gradient's Lipschitz constant is
	// then L = max |λ|, e.g. L = kappa for quadratic.
	Eigenvalues []float64

	id  kind      // which function: selects the code in value and valueGrad
	lam []float64 // quadratic: a private copy of the eigenvalues
}

// Minimum is a documented minimizer X with its value F = f(X).
type Minimum struct {
	X []float64
	F float64
}

// Dim returns N.
func (f *Function) Dim() int { return f.N }

// Value returns f(x). It panics if len(x) != N.
func (f *Function) Value(x []float64) float64 {
	if len(x) != f.N {
		badLen(f.Name, "x", len(x), f.N)
	}
	return f.value(x)
}

// ValueGrad stores ∇f(x) in grad and returns f(x). It allocates nothing and
// panics if len(x) or len(grad) is not N.
func (f *Function) ValueGrad(grad, x []float64) float64 {
	if len(x) != f.N {
		badLen(f.Name, "x", len(x), f.N)
	}
	if len(grad) != f.N {
		badLen(f.Name, "grad", len(grad), f.N)
	}
	return f.valueGrad(grad, x)
}

// Vars returns the variable names that Formula uses, in order: x and y when
// N = 2, else x1 … xN. With package expr, expr.Compile(f.Formula, f.Vars())
// compiles a Parsable formula to the same function.
func (f *Function) Vars() []string {
	if f.N == 2 {
		return []string{"x", "y"}
	}
	v := make([]string, f.N)
	for i := range v {
		v[i] = "x" + strconv.Itoa(i+1)
	}
	return v
}

// Eval2 returns f(x, y) for a two-dimensional function without allocating,
// for contour plots. It panics if N != 2.
func (f *Function) Eval2(x, y float64) float64 {
	if f.N != 2 {
		panic(fmt.Sprintf("testfunc: Eval2 on %s, which has dimension %d", f.Spec, f.N))
	}
	v := [2]float64{x, y}
	return f.value(v[:])
}

//go:noinline
func badLen(name, what string, got, want int) {
	panic(fmt.Sprintf("testfunc: %s: len(%s) = %d, want %d", name, what, got, want))
}

// entry is one catalogue entry: a name, its parameters and a constructor.
type entry struct {
	name   string
	params []spec.Field
	build  func(a spec.Args) (*Function, error)
}

// maxN bounds the dimension given to Lookup, so that a typing slip cannot ask
// for gigabytes.
const maxN = 1_000_000

var nField = spec.Field{Key: "n", Kind: spec.Int, Default: "2", Doc: "dimension"}

var kappaField = spec.Field{Key: "kappa", Kind: spec.Float, Default: "10",
	Doc: "condition number: the eigenvalues run log-spaced from 1 to kappa"}

// catalogue lists the entries in catalogue order. It is filled in init to
// break the initialization cycle through Lookup's error message.
var catalogue []entry

func init() {
	catalogue = []entry{
		{"sphere", []spec.Field{nField}, dimBuilder(newSphere)},
		{"booth", nil, fixed(newBooth)},
		{"matyas", nil, fixed(newMatyas)},
		{"three-hump-camel", nil, fixed(newCamel)},
		{"himmelblau", nil, fixed(newHimmelblau)},
		{"rosenbrock", []spec.Field{nField}, buildRosenbrock},
		{"beale", nil, fixed(newBeale)},
		{"goldstein-price", nil, fixed(newGoldsteinPrice)},
		{"rastrigin", []spec.Field{nField}, dimBuilder(newRastrigin)},
		{"ackley", []spec.Field{nField}, dimBuilder(newAckley)},
		{"styblinski-tang", []spec.Field{nField}, dimBuilder(newStyblinskiTang)},
		{"saddle", nil, fixed(newSaddle)},
		{"quadratic", []spec.Field{nField, kappaField}, buildQuadratic},
		{"freudenstein-roth", nil, fixed(newFreudensteinRoth)},
		{"powell-badly-scaled", nil, fixed(newPowellBadlyScaled)},
		{"brown-badly-scaled", nil, fixed(newBrownBadlyScaled)},
		{"helical-valley", nil, fixed(newHelicalValley)},
		{"bard", nil, fixed(newBard)},
		{"gaussian", nil, fixed(newGaussian)},
		{"box-3d", nil, fixed(newBox3D)},
		{"powell-singular", nil, fixed(newPowellSingular)},
		{"wood", nil, fixed(newWood)},
		{"kowalik-osborne", nil, fixed(newKowalikOsborne)},
		{"jennrich-sampson", nil, fixed(newJennrichSampson)},
	}
}

func fixed(newF func() *Function) func(spec.Args) (*Function, error) {
	return func(spec.Args) (*Function, error) { return newF(), nil }
}

func checkN(a spec.Args) (int, error) {
	n := a.Int("n")
	if n < 1 {
		return 0, a.Errorf("n=%d must be at least 1", n)
	}
	if n > maxN {
		return 0, a.Errorf("n=%d is larger than the maximum %d", n, maxN)
	}
	return n, nil
}

func dimBuilder(newF func(n int) *Function) func(spec.Args) (*Function, error) {
	return func(a spec.Args) (*Function, error) {
		n, err := checkN(a)
		if err != nil {
			return nil, err
		}
		return newF(n), nil
	}
}

func buildRosenbrock(a spec.Args) (*Function, error) {
	n, err := checkN(a)
	if err != nil {
		return nil, err
	}
	if n%2 != 0 {
		return nil, a.Errorf("n=%d must be even (the extended Rosenbrock function couples the variables in pairs)", n)
	}
	return newRosenbrock(n), nil
}

func buildQuadratic(a spec.Args) (*Function, error) {
	n, err := checkN(a)
	if err != nil {
		return nil, err
	}
	kappa := a.Float("kappa")
	if kappa < 1 {
		return nil, a.Errorf("kappa=%s must be at least 1", fmtFloat(kappa))
	}
	if n == 1 && kappa != 1 {
		return nil, a.Errorf("kappa=%s needs n ≥ 2 (with n=1 the only eigenvalue is 1)", fmtFloat(kappa))
	}
	return newQuadratic(n, kappa), nil
}

// Names returns the catalogue names in catalogue order.
func Names() []string {
	out := make([]string, len(catalogue))
	for i, e := range catalogue {
		out[i] = e.name
	}
	return out
}

// Params returns the parameters that the named function accepts, with their
// defaults (nil for fixed-dimension functions and unknown names).
func Params(name string) []spec.Field {
	for _, e := range catalogue {
		if e.name == name {
			return append([]spec.Field(nil), e.params...)
		}
	}
	return nil
}

// All returns the default instance of every function, in catalogue order.
// Each call returns new values.
func All() []*Function {
	out := make([]*Function, len(catalogue))
	for i, e := range catalogue {
		a, err := spec.Bind(fmt.Sprintf("function %q", e.name), spec.Spec{Name: e.name}, e.params)
		if err != nil {
			panic(err)
		}
		f, err := e.build(a)
		if err != nil {
			panic(err)
		}
		out[i] = f
	}
	return out
}

// New builds a function from a parsed specification name[:key=value,...],
// e.g. rosenbrock:n=10 or quadratic:n=4,kappa=1000 (the front ends parse
// the text with spec.Parse). An unknown name is an error that lists the
// catalogue and suggests a close name; a bad parameter is an error that
// says what is allowed.
func New(sp spec.Spec) (*Function, error) {
	for _, e := range catalogue {
		if e.name != sp.Name {
			continue
		}
		a, err := spec.Bind(fmt.Sprintf("function %q", e.name), sp, e.params)
		if err != nil {
			return nil, err
		}
		return e.build(a)
	}
	msg := fmt.Sprintf("unknown function %q (known: %s)", sp.Name, spec.SortedNames(Names()))
	if sug := suggest(sp.Name, Names()); len(sug) > 0 {
		msg += "; did you mean " + quoteOr(sug) + "?"
	}
	return nil, fmt.Errorf("%s", msg)
}

// Lookup returns the function called name with its default parameters
// (New with no parameters), e.g. Lookup("rosenbrock").
func Lookup(name string) (*Function, error) { return New(spec.Spec{Name: name}) }

func quoteOr(names []string) string {
	q := make([]string, len(names))
	for i, n := range names {
		q[i] = strconv.Quote(n)
	}
	if len(q) == 1 {
		return q[0]
	}
	return strings.Join(q[:len(q)-1], ", ") + " or " + q[len(q)-1]
}

// suggest returns the names close to s: equal after folding case and
// dropping separators, having it as a prefix, or within a small edit
// distance. It returns the best class only.
func suggest(s string, names []string) []string {
	fold := func(t string) string {
		t = strings.ToLower(t)
		return strings.NewReplacer("-", "", "_", "", " ", "", ".", "").Replace(t)
	}
	fs := fold(s)
	if fs == "" {
		return nil
	}
	var exact, prefix, near []string
	best := math.MaxInt
	for _, n := range names {
		fn := fold(n)
		switch {
		case fn == fs:
			exact = append(exact, n)
		case len(fs) >= 3 && strings.HasPrefix(fn, fs):
			prefix = append(prefix, n)
		default:
			d := editDistance(fs, fn)
			if d > 2+len(fs)/6 {
				continue
			}
			if d < best {
				best, near = d, near[:0]
			}
			if d == best {
				near = append(near, n)
			}
		}
	}
	switch {
	case len(exact) > 0:
		return exact
	case len(prefix) > 0:
		return prefix
	}
	return near
}

// editDistance is the Levenshtein distance between a and b (bytes).
func editDistance(a, b string) int {
	prev := make([]int, len(b)+1)
	cur := make([]int, len(b)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur[0] = i
		for j := 1; j <= len(b); j++ {
			c := prev[j-1]
			if a[i-1] != b[j-1] {
				c++
			}
			cur[j] = min(c, prev[j]+1, cur[j-1]+1)
		}
		prev, cur = cur, prev
	}
	return prev[len(b)]
}

// fmtFloat formats v in the shortest form that reads back exactly.
func fmtFloat(v float64) string { return strconv.FormatFloat(v, 'g', -1, 64) }

// fmtShort formats v to 7 significant digits, for tables.
func fmtShort(v float64) string {
	switch {
	case math.IsInf(v, -1):
		return "-∞"
	case math.IsInf(v, 1):
		return "∞"
	case v == 0:
		return "0"
	}
	return strconv.FormatFloat(v, 'g', 7, 64)
}

// VecString formats a point for tables: each coordinate to 7 significant
// digits, and a long vector shortened to "(a, a, …, a)" when its
// coordinates are equal or to its first and last coordinates otherwise.
func VecString(x []float64) string {
	var parts []string
	allEq := true
	for _, v := range x {
		if v != x[0] {
			allEq = false
		}
	}
	switch {
	case len(x) <= 4:
		for _, v := range x {
			parts = append(parts, fmtShort(v))
		}
	case allEq:
		s := fmtShort(x[0])
		parts = []string{s, s, "…", s}
	default:
		parts = []string{fmtShort(x[0]), fmtShort(x[1]), "…", fmtShort(x[len(x)-1])}
	}
	return "(" + strings.Join(parts, ", ") + ")"
}

// MinimaString lists the global minimizers for a table, e.g. "(3, 2),
// (−2.805118, 3.131313), …", with the family of minimizers if any, or
// "none (unbounded below)".
func (f *Function) MinimaString() string {
	if f.Unbounded {
		return "none (unbounded below)"
	}
	parts := make([]string, 0, len(f.Minima)+1)
	for _, m := range f.Minima {
		parts = append(parts, VecString(m))
	}
	if f.Family != "" {
		parts = append(parts, "and every point with "+f.Family)
	}
	return strings.Join(parts, ", ")
}

// FMinString formats FMin for a table.
func (f *Function) FMinString() string { return fmtShort(f.FMin) }

// Describe returns a multi-line description: title, formula, dimension,
// start, minimum and minimizers, local minima, source and notes.
func (f *Function) Describe() string {
	var b strings.Builder
	fmt.Fprintf(&b, "%s — %s\n", f.Spec, f.Title)
	fmt.Fprintf(&b, "  f(x)   = %s\n", f.Formula)
	fmt.Fprintf(&b, "  n      = %d\n", f.N)
	fmt.Fprintf(&b, "  start  = %s\n", VecString(f.Start))
	if f.Unbounded {
		b.WriteString("  f*     = −∞ (unbounded below)\n")
	} else {
		fmt.Fprintf(&b, "  f*     = %s at %s\n", fmtFloat(f.FMin), f.MinimaString())
	}
	for _, m := range f.LocalMinima {
		fmt.Fprintf(&b, "  local  = %s at %s\n", fmtShort(m.F), VecString(m.X))
	}
	if f.Eigenvalues != nil {
		fmt.Fprintf(&b, "  ∇²f eigenvalues = %s\n", VecString(f.Eigenvalues))
	}
	fmt.Fprintf(&b, "  source: %s\n", f.Source)
	if f.Notes != "" {
		fmt.Fprintf(&b, "  notes: %s\n", f.Notes)
	}
	return b.String()
}

// filled returns a vector of n copies of v.
func filled(n int, v float64) []float64 {
	x := make([]float64, n)
	for i := range x {
		x[i] = v
	}
	return x
}

// specFor returns name with the parameters that differ from their defaults.
func specFor(name string, kv ...string) string {
	var p []string
	for i := 0; i+1 < len(kv); i += 2 {
		p = append(p, kv[i]+"="+kv[i+1])
	}
	if len(p) == 0 {
		return name
	}
	return name + ":" + strings.Join(p, ",")
}

func nSpec(name string, n int) string {
	if n == 2 {
		return name
	}
	return specFor(name, "n", strconv.Itoa(n))
}
