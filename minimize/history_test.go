package minimize

import (
	"reflect"
	"testing"
)

// TestHistoryHead: Head(n) keeps rows 0…n−1 of every per-row field
// (checked by reflection, so a field added to History and forgotten in
// Head fails here), and a nil field stays nil.
func TestHistoryHead(t *testing.T) {
	const rows, n = 5, 3
	var h History
	v := reflect.ValueOf(&h).Elem()
	for i := 0; i < v.NumField(); i++ {
		f := v.Field(i)
		s := reflect.MakeSlice(f.Type(), rows, rows)
		for r := 0; r < rows; r++ {
			if e := s.Index(r); e.Kind() == reflect.Float64 {
				e.SetFloat(float64(r))
			} else {
				e.Set(reflect.ValueOf([]float64{float64(r)}))
			}
		}
		f.Set(s)
	}
	got := reflect.ValueOf(h.Head(n))
	for i := 0; i < got.NumField(); i++ {
		f := got.Field(i)
		name := got.Type().Field(i).Name
		if f.Len() != n {
			t.Errorf("Head(%d).%s has %d rows", n, name, f.Len())
			continue
		}
		if !reflect.DeepEqual(f.Interface(), v.Field(i).Slice(0, n).Interface()) {
			t.Errorf("Head(%d).%s = %v", n, name, f.Interface())
		}
	}
	if all := h.Head(rows + 2); len(all.F) != rows || len(all.X) != rows {
		t.Errorf("Head past the end: %d rows of F, %d of X; want %d", len(all.F), len(all.X), rows)
	}
	if e := (History{F: []float64{1, 2}}).Head(1); len(e.F) != 1 || e.LR != nil || e.X != nil {
		t.Errorf("Head of a history with nil fields: %+v", e)
	}
}
