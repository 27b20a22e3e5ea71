package data

import "testing"

// BenchmarkFirstTouch fills a 64 MB matrix, as the parser does, from a
// fresh allocation: make alone, and MakeFloats, whose huge-page advice
// takes one fault per 2 MiB instead of one per 4 KiB where the kernel's
// transparent huge pages are on (madvise or always).
func BenchmarkFirstTouch(b *testing.B) {
	const n = 8 << 20 // 64 MB of float64
	for _, c := range []struct {
		name  string
		alloc func(int) []float64
	}{
		{"make", func(n int) []float64 { return make([]float64, n) }},
		{"MakeFloats", MakeFloats},
	} {
		b.Run(c.name, func(b *testing.B) {
			b.SetBytes(8 * n)
			for range b.N {
				x := c.alloc(n)
				for i := 0; i < n; i += 512 {
					x[i] = 1
				}
			}
		})
	}
}

func TestMakeFloats(t *testing.T) {
	for _, n := range []int{0, 1, 1000, 1 << 20, 1<<20 + 3} {
		x := MakeFloats(n)
		if len(x) != n {
			t.Fatalf("len %d, want %d", len(x), n)
		}
		for i, v := range x {
			if v != 0 {
				t.Fatalf("n %d: x[%d] = %g, want 0", n, i, v)
			}
		}
	}
}
