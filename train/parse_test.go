package train

import "github.com/descentgo/descent/spec"

// mustSpec parses a specification string for tests (the library takes
// parsed specifications; the front ends parse). It panics on a bad one.
func mustSpec(s string) spec.Spec {
	sp, err := spec.Parse(s)
	if err != nil {
		panic(err)
	}
	return sp
}
