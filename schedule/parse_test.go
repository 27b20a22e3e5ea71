package schedule

import (
	"fmt"
	"testing"

	"github.com/descentgo/descent/spec"
)

// New parses a specification string and builds its schedule, for tests;
// the library takes parsed specifications (NewSpec), the front ends parse.
func New(s string, baseLR float64) (Schedule, error) {
	sp, err := spec.Parse(s)
	if err != nil {
		return nil, fmt.Errorf("schedule: %v", err)
	}
	return NewSpec(sp, Context{BaseLR: baseLR})
}

// TestHorizonDefaultsToRunLength: cosine's t_max and onecycle's
// total_steps default to Context.Steps, are required without it, and a
// written value wins.
func TestHorizonDefaultsToRunLength(t *testing.T) {
	for _, c := range []struct {
		spec  string
		steps int
		ok    bool
		want  float64 // the rate at step 5 (t_max 10 from 1: half way, 0.5)
	}{
		{"cosine", 10, true, 0.5},
		{"cosine", 0, false, 0},
		{"cosine:t_max=10", 99, true, 0.5},
		{"onecycle:max_lr=1", 10, true, -1},
		{"onecycle:max_lr=1", 0, false, 0},
	} {
		sp, err := spec.Parse(c.spec)
		if err != nil {
			t.Fatal(err)
		}
		s, err := NewSpec(sp, Context{BaseLR: 1, Steps: c.steps})
		if (err == nil) != c.ok {
			t.Errorf("%s with %d steps: err = %v, want ok=%v", c.spec, c.steps, err, c.ok)
			continue
		}
		if err != nil || c.want < 0 {
			continue
		}
		for range 5 {
			s.Step(0)
		}
		if got := s.LR(); got < c.want-1e-15 || got > c.want+1e-15 {
			t.Errorf("%s with %d steps: lr at step 5 = %.17g, want %g", c.spec, c.steps, got, c.want)
		}
	}
	if sp, _ := spec.Parse("onecycle:max_lr=1"); true {
		s, _ := NewSpec(sp, Context{BaseLR: 1, Steps: 10})
		if s.(*OneCycle).TotalSteps != 10 {
			t.Errorf("onecycle total_steps = %d, want 10", s.(*OneCycle).TotalSteps)
		}
	}
}
