package model

import "github.com/descentgo/descent/spec"

// newModel parses a specification string and builds its model, for tests;
// the library takes parsed specifications (New), the front ends parse.
func newModel(s string, t Task, features int, classes []float64) (Model, error) {
	sp, err := spec.Parse(s)
	if err != nil {
		return nil, err
	}
	return New(sp, t, features, classes)
}
