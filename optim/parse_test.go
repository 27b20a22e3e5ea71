package optim

import "github.com/descentgo/descent/spec"

// New parses a specification string and builds its algorithm, for tests;
// the library itself takes parsed specifications (NewSpec), the front ends
// parse.
func New(s string) (Algorithm, error) {
	sp, err := spec.Parse(s)
	if err != nil {
		return nil, err
	}
	return NewSpec(sp)
}
