package testfunc

import "github.com/descentgo/descent/spec"

// lookup parses a specification string and builds its function, for tests;
// the library takes parsed specifications (New), the front ends parse.
func lookup(s string) (*Function, error) {
	sp, err := spec.Parse(s)
	if err != nil {
		return nil, err
	}
	return New(sp)
}
