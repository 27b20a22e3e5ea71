// Package expr compiles formulas such as "(1-x)^2 + 100*(y-x^2)^2" into
// programs that evaluate the formula, its gradient by reverse-mode
// automatic differentiation, and exact Hessian-vector products by forward
// mode over reverse mode. A compiled *Program satisfies fn.Func.
//
// Compilation parses the formula, folds constant subexpressions, shares
// repeated subexpressions, and lowers the result to a flat tape of
// instructions over preallocated slots. Value, ValueGrad and HessVec then
// run the tape without allocating. A Program keeps its scratch buffers, so
// it is not safe for concurrent use; Clone gives each goroutine its own.
//
// # Grammar
//
// In EBNF (https://go.dev/ref/spec#Notation):
//
//	Formula  = Expr .
//	Expr     = Term { ( "+" | "-" ) Term } .
//	Term     = Unary { ( "*" | "/" ) Unary } .
//	Unary    = ( "-" | "+" ) Unary | Power .
//	Power    = Primary [ "^" Unary ] .
//	Primary  = number | constant | variable | Call | "(" Expr ")" .
//	Call     = function "(" [ Expr { "," Expr } ] ")" .
//
//	number   = ( digits [ "." [ digits ] ] | "." digits ) [ exponent ] .
//	exponent = ( "e" | "E" ) [ "+" | "-" ] digits .
//	digits   = digit { digit } .
//	digit    = "0" … "9" .
//	ident    = letter { letter | digit } .
//	letter   = "A" … "Z" | "a" … "z" | "_" .
//
// constant, variable and function are identifiers (ident). The constants
// are pi and e — unless the caller's vars list names them, which makes
// them variables (vars decide: "(e-1)^2" with vars [e] is minimized over
// e) — the functions are listed below; every other identifier is a
// variable. Names are case-sensitive.
//
// So "+" and "-" bind loosest and associate to the left, then "*" and "/"
// (left), then unary signs, then "^", which associates to the right and
// binds tighter than a unary sign on its left: "-x^2" is -(x^2), "2^3^2" is
// 2^9, and "2^-x" is 2^(-x). There is no implicit multiplication: "2x" and
// "x y" are errors. Blanks, tabs, carriage returns, form feeds, vertical
// tabs and newlines may appear between tokens. Numbers are decimal
// float64 literals such as 2, 0.5, .5, 1., 1e-6 and 2.5E+3; a literal that
// overflows float64 is an error, one that underflows reads as 0.
//
// # Functions
//
// The one-argument functions are sin, cos, tan, exp, log (natural), sqrt,
// abs, tanh, sigmoid(x) = 1/(1+exp(-x)), softplus(x) = log(1+exp(x)), sinh
// and cosh (log(cosh(x)), the log-cosh loss, is one call each), and the
// inverse trigonometric functions asin, acos (NaN outside [−1, 1], as
// math.Asin and math.Acos) and atan.
// The two-argument functions are pow(a, b) (the same as a^b), min(a, b),
// max(a, b) and atan2(y, x) (as math.Atan2).
//
// Domain problems such as log(-1), sqrt(-1), 0/0 or overflow give NaN or
// ±Inf, as the math package does, and never panic; NaN arguments to min
// and max give NaN.
//
// sigmoid and softplus are evaluated stably in both tails: softplus is
// computed as max(x, 0) + log1p(exp(-|x|)), so softplus(1000) is 1000 and
// softplus(-40) keeps full relative accuracy.
//
// a^b with a constant integer exponent b, |b| ≤ 64, is computed by repeated
// multiplication: x^2 is x*x and x^3 is x*x*x bit for bit, and a negative
// exponent gives 1/x^|b|. Other constant exponents use math.Pow, as does
// a^b in general; e^x is exp(x), x^1 is x and x^0 is 1.
//
// # Derivative conventions
//
// Derivatives are those of calculus where they exist. At the points where
// they do not, or where the formula above is undefined:
//
//   - abs'(0) = 0.
//   - min and max pass the whole derivative to the argument they select; on
//     a tie they select, and differentiate, the first argument.
//   - sqrt'(0) = +Inf and log'(0) = +Inf.
//   - a^b with constant b has derivative b·a^(b-1) wherever that is
//     defined, including negative a when b is an integer: the derivative of
//     x^2 at x = -3 is -6.
//   - a^b with non-constant b has partial derivative a^b·log(a) in b when
//     a > 0, 0 when a = 0, and NaN when a < 0, where a^b is not a
//     differentiable function of b.
//   - A subexpression whose adjoint is zero contributes nothing to the
//     gradient, even if its own derivative is infinite: the gradient of
//     min(x, sqrt(y)) at x = -1, y = 0 is (1, 0), not (1, NaN).
//
// # Limits
//
// Compile rejects formulas longer than MaxLen bytes and formulas nested
// more than MaxDepth levels deep (see MaxDepth), so that a server can
// compile untrusted input.
//
// # Errors
//
// Compile returns an *Error giving the line and column (in runes, both from
// 1) of the problem, formatted as "expr:LINE:COL: MESSAGE". The messages
// are, with TOKEN one of `identifier "x"`, `number "2"`, a quoted operator
// or parenthesis such as `"*"`, or `end of input`:
//
//	empty formula
//	unexpected end of input
//	unexpected TOKEN
//	unexpected "*" (use ^ for powers)
//	unexpected character '#'
//	invalid UTF-8 encoding
//	malformed number "1.2.3"
//	number 1e999 out of range
//	missing operator before TOKEN
//	missing ")" to match "(" at 1:4
//	unmatched ")"
//	empty parentheses
//	missing "(" after function name "sin"
//	unknown function "sine" (known: sin, cos, tan, exp, log, sqrt, abs, tanh, sigmoid, softplus, sinh, cosh, asin, acos, atan, pow, min, max, atan2)
//	sin takes 1 argument, got 2
//	constant "pi" cannot be called as a function
//	variable "x" cannot be called as a function
//	unknown variable "z" (vars: x, y)
//	formula nested too deeply (limit 200 levels)
//
// and, at line 0 and column 0 because they concern no position in the
// formula,
//
//	formula too long: 100001 bytes (limit 100000)
//	duplicate variable "x" in vars
//	invalid variable name "2x" in vars
//	invalid variable name "sin" in vars: sin is a function
package expr

// Adding an operation: give it an opcode, a row in the table ops (the name
// the parser and printer use, its arity, and fn if formulas call it by
// name) and a case in forward (ops.go) that computes its value, its partial
// derivatives and, for HessVec, their tangents from the second-order
// partials. Parsing, error messages, printing, constant folding, Value,
// ValueGrad and HessVec all follow from these. Add a formula using it to
// opFormulas and gradCases so the tests check it, and list a new function
// under Functions above; a new infix operator also needs its place in the
// grammar in parse.go.
