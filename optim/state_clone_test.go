package optim

import "testing"

// TestStateClone: a clone shares no vector or map with the original, so a
// probe that restores it cannot change the run's optimizer.
func TestStateClone(t *testing.T) {
	a := &Adam{LearningRate: 0.1}
	a.Init(2)
	a.Step([]float64{1, 2}, []float64{0.5, -1})
	st := a.State()
	c := st.Clone()
	for k, v := range c.Vectors {
		v[0] += 1
		if st.Vectors[k][0] == v[0] {
			t.Errorf("vector %q shared", k)
		}
	}
	for k := range c.Scalars {
		c.Scalars[k] = -1
		if st.Scalars[k] == -1 {
			t.Errorf("scalar %q shared", k)
		}
	}
	if c.Step != st.Step || len(c.Vectors) != len(st.Vectors) || len(c.Vectors) == 0 {
		t.Errorf("clone %+v of %+v", c, st)
	}
}
