package model

import (
	"fmt"
	"math"
	"slices"
)

// Task is the kind of target a model predicts; it fixes the output layer and
// the loss.
type Task int

// The tasks.
const (
	Regression Task = iota // real target, squared error
	Binary                 // two classes, sigmoid output, binary cross-entropy
	Multiclass             // K ≥ 2 classes, softmax output, cross-entropy
)

// MaxClasses is the largest number of distinct labels Classes accepts for a
// Multiclass task; more usually means a real-valued target.
const MaxClasses = 10000

// String returns "regression", "binary" or "multiclass".
func (t Task) String() string {
	switch t {
	case Regression:
		return "regression"
	case Binary:
		return "binary"
	case Multiclass:
		return "multiclass"
	}
	return fmt.Sprintf("Task(%d)", int(t))
}

// ParseTask parses the names that String returns.
func ParseTask(s string) (Task, error) {
	for _, t := range []Task{Regression, Binary, Multiclass} {
		if s == t.String() {
			return t, nil
		}
	}
	return 0, fmt.Errorf("unknown task %q (known: regression, binary, multiclass)", s)
}

// Classes returns the classes of a classification task from its labels y:
// the sorted distinct values. For Binary the labels must take at most two
// values; labels all in {0, 1} give [0 1] and labels all in {−1, 1} give
// [−1 1] even when one of the values is absent. For Regression it returns nil
// after checking that every target is finite.
func Classes(t Task, y []float64) ([]float64, error) {
	for i, v := range y {
		if math.IsNaN(v) || math.IsInf(v, 0) {
			return nil, fmt.Errorf("target %d is %v", i, v)
		}
	}
	switch t {
	case Regression:
		return nil, nil
	case Binary, Multiclass:
	default:
		return nil, fmt.Errorf("unknown task %v", t)
	}
	if len(y) == 0 {
		return nil, fmt.Errorf("no labels")
	}
	seen := map[float64]bool{}
	for _, v := range y {
		if v == 0 {
			v = 0 // −0 and +0 are one class
		}
		if !seen[v] {
			seen[v] = true
			if len(seen) > MaxClasses {
				return nil, fmt.Errorf("more than %d distinct labels: is the target real-valued (task regression)?", MaxClasses)
			}
		}
	}
	cl := make([]float64, 0, len(seen))
	for v := range seen {
		cl = append(cl, v)
	}
	slices.Sort(cl)
	if t == Binary {
		switch {
		case len(cl) > 2:
			return nil, fmt.Errorf("binary task needs two distinct labels, found %d (%v…)", len(cl), cl[:3])
		case subset(cl, 0, 1):
			return []float64{0, 1}, nil
		case subset(cl, -1, 1):
			return []float64{-1, 1}, nil
		case len(cl) < 2:
			return nil, fmt.Errorf("binary task needs two distinct labels, found only %v", cl[0])
		}
		return cl, nil
	}
	if len(cl) < 2 {
		return nil, fmt.Errorf("multiclass task needs at least two distinct labels, found only %v", cl[0])
	}
	return cl, nil
}

func subset(cl []float64, a, b float64) bool {
	for _, v := range cl {
		if v != a && v != b {
			return false
		}
	}
	return true
}

// classIndex returns the index of label y in the sorted classes, or −1.
func classIndex(classes []float64, y float64) int {
	if len(classes) == 2 { // the common case, without a search
		switch y {
		case classes[0]:
			return 0
		case classes[1]:
			return 1
		}
		return -1
	}
	lo, hi := 0, len(classes)
	for lo < hi {
		m := int(uint(lo+hi) >> 1)
		if classes[m] < y {
			lo = m + 1
		} else {
			hi = m
		}
	}
	if lo < len(classes) && classes[lo] == y {
		return lo
	}
	return -1
}

// checkTargets returns an error if some target in y is not valid for m:
// not finite for regression, not one of the classes otherwise.
func checkTargets(m Model, y []float64) error {
	cl := m.Classes()
	for i, v := range y {
		if math.IsNaN(v) || math.IsInf(v, 0) {
			return fmt.Errorf("the target of example %d is %v (counted from 1)", i+1, v)
		}
		if cl != nil && classIndex(cl, v) < 0 {
			return fmt.Errorf("label %v of example %d (counted from 1) is not one of the model's classes %v", v, i+1, cl)
		}
	}
	return nil
}
