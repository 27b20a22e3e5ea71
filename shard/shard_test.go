package shard

import (
	"bytes"
	"encoding/binary"
	"errors"
	"hash/crc32"
	"math"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/descentgo/descent/data"
)

// sample is 7 rows × 2 features with a binary target.
func sample() *data.Dense {
	return &data.Dense{N: 7, D: 2,
		X:        []float64{1, 10, 2, 20, 3, 30, 4, 40, 5, 50, 6, 60, 7, 70},
		Y:        []float64{0, 1, 0, 1, 1, 0, 1},
		Features: []string{"a", "b"}, Target: "y"}
}

func TestBounds(t *testing.T) {
	for _, c := range []struct {
		n, k int
		want []int
	}{
		{7, 3, []int{0, 2, 4, 7}},
		{10, 1, []int{0, 10}},
		{5, 5, []int{0, 1, 2, 3, 4, 5}},
		{1000000, 16, []int{0, 62500, 125000, 187500, 250000, 312500, 375000, 437500, 500000, 562500, 625000, 687500, 750000, 812500, 875000, 937500, 1000000}},
	} {
		if got := Bounds(c.n, c.k); !slices.Equal(got, c.want) {
			t.Errorf("Bounds(%d, %d) = %v, want %v", c.n, c.k, got, c.want)
		}
	}
}

// TestCastagnoli checks the checksum against the published CRC-32C check
// value of "123456789" (RFC 3720, appendix B.4: 0xE3069283).
func TestCastagnoli(t *testing.T) {
	if got := crc32.Checksum([]byte("123456789"), castagnoli); got != 0xE3069283 {
		t.Fatalf("CRC-32C(123456789) = %08x, want e3069283", got)
	}
}

// TestLayout reads a written block byte by byte, independently of
// ReadBlock: magic, header length, header JSON, X, Y and the checksum.
func TestLayout(t *testing.T) {
	blocks, err := Split(sample(), 3, "s.csv")
	if err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	if err := WriteBlock(&buf, &blocks[1]); err != nil {
		t.Fatal(err)
	}
	b := buf.Bytes()
	if string(b[:8]) != "DSCBLK01" {
		t.Fatalf("magic %q", b[:8])
	}
	hlen := int(binary.LittleEndian.Uint32(b[8:12]))
	hdr := string(b[12 : 12+hlen])
	for _, want := range []string{`"index":1`, `"blocks":3`, `"first_row":2`, `"rows":2`, `"cols":2`, `"total_rows":7`, `"target":"y"`, `"features":["a","b"]`} {
		if !strings.Contains(hdr, want) {
			t.Errorf("header %s lacks %s", hdr, want)
		}
	}
	vals := b[12+hlen : len(b)-4]
	// Rows 3 and 4 of the sample (1-based): X = 3,30,4,40 then Y = 0,1.
	want := []float64{3, 30, 4, 40, 0, 1}
	if len(vals) != 8*len(want) {
		t.Fatalf("%d payload bytes, want %d", len(vals), 8*len(want))
	}
	for i, w := range want {
		if got := math.Float64frombits(binary.LittleEndian.Uint64(vals[8*i:])); got != w {
			t.Errorf("value %d = %v, want %v", i, got, w)
		}
	}
	if got, want := binary.LittleEndian.Uint32(b[len(b)-4:]), crc32.Checksum(b[:len(b)-4], crc32.MakeTable(crc32.Castagnoli)); got != want {
		t.Errorf("stored checksum %08x, want %08x", got, want)
	}
}

// TestDescribe checks the statistics against values computed by hand:
// column a = 1..7 has mean 4 and population std 2; b = 10a; y has mean 4/7.
func TestDescribe(t *testing.T) {
	h, err := Describe(sample(), 2, "")
	if err != nil {
		t.Fatal(err)
	}
	st := h.Standardization
	if st.Mean[0] != 4 || st.Mean[1] != 40 || math.Abs(st.Std[0]-2) > 1e-15 || math.Abs(st.Std[1]-20) > 1e-14 {
		t.Errorf("standardization %+v, want means 4, 40 and stds 2, 20", st)
	}
	l := h.Labels
	if !slices.Equal(l.Distinct, []float64{0, 1}) || !l.AllInt || math.Abs(l.Mean-4.0/7) > 1e-15 || math.Abs(l.Var-12.0/49) > 1e-15 {
		t.Errorf("labels %+v, want {0,1}, all integers, mean 4/7, var 12/49", l)
	}
}

func TestRoundTrip(t *testing.T) {
	dir := t.TempDir()
	d := sample()
	paths, err := WriteDir(dir, d, 3, "s.csv")
	if err != nil {
		t.Fatal(err)
	}
	if len(paths) != 3 || filepath.Base(paths[2]) != "block-00002-of-00003.dsb" {
		t.Fatalf("paths %v", paths)
	}
	set, err := OpenDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	got, bounds, err := set.Load()
	if err != nil {
		t.Fatal(err)
	}
	if !slices.Equal(got.X, d.X) || !slices.Equal(got.Y, d.Y) || !slices.Equal(bounds, []int{0, 2, 4, 7}) {
		t.Fatalf("loaded X=%v Y=%v bounds=%v", got.X, got.Y, bounds)
	}
	if !slices.Equal(got.Features, d.Features) || got.Target != "y" {
		t.Errorf("names %v %q", got.Features, got.Target)
	}
	// Rewriting with another k leaves one set only.
	if _, err := WriteDir(dir, d, 2, "s.csv"); err != nil {
		t.Fatal(err)
	}
	if set, err = OpenDir(dir); err != nil || len(set.Files) != 2 {
		t.Fatalf("after rewrite: %v, %v", set, err)
	}
	left, _ := filepath.Glob(filepath.Join(dir, "*"))
	if len(left) != 2 {
		t.Errorf("directory holds %v, want the 2 new blocks only", left)
	}
}

// written returns the bytes of block s of the sample split in k.
func written(t *testing.T, k, s int, edit func(*Block)) []byte {
	t.Helper()
	blocks, err := Split(sample(), k, "")
	if err != nil {
		t.Fatal(err)
	}
	b := blocks[s]
	b.X, b.Y = slices.Clone(b.X), slices.Clone(b.Y)
	if edit != nil {
		edit(&b)
	}
	var buf bytes.Buffer
	if err := WriteBlock(&buf, &b); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func TestReadBlockErrors(t *testing.T) {
	good := written(t, 2, 0, nil)
	hlen := int(binary.LittleEndian.Uint32(good[8:12]))
	flip := func(i int) []byte { b := slices.Clone(good); b[i] ^= 0x40; return b }
	for _, c := range []struct {
		name string
		in   []byte
		want string
	}{
		{"empty", nil, "not a block file: file ends early"},
		{"csv", []byte("a,b,y\n1,2,3\n"), "no DSCBLK magic"},
		{"version", append([]byte("DSCBLK02"), good[8:]...), `version "02"`},
		{"huge header", append(append([]byte("DSCBLK01"), 0xff, 0xff, 0xff, 0x7f), good[12:]...), "header length"},
		{"header cut", good[:12+hlen/2], "truncated header"},
		{"header json", append(append(slices.Clone(good[:12]), bytes.Repeat([]byte("x"), hlen)...), good[12+hlen:]...), "bad header"},
		{"payload cut", good[:12+hlen+20], "truncated: fewer than the 9 values of 3 rows × 3 columns"},
		{"no checksum", good[:len(good)-4], "truncated: no checksum"},
		{"checksum", flip(12 + hlen + 3), "checksum mismatch"},
		{"checksum byte", flip(len(good) - 1), "checksum mismatch"},
		{"trailing", append(slices.Clone(good), 0), "trailing bytes"},
		{"nan feature", written(t, 2, 1, func(b *Block) { b.X[3] = math.NaN() }), `feature "b" of row 5 is NaN`},
		{"inf target", written(t, 2, 1, func(b *Block) { b.Y[0] = math.Inf(1) }), "the target of row 4 is +Inf"},
	} {
		t.Run(c.name, func(t *testing.T) {
			b, err := ReadBlock(bytes.NewReader(c.in), "b.dsb")
			if err == nil || !strings.Contains(err.Error(), c.want) || !strings.HasPrefix(err.Error(), "b.dsb: ") {
				t.Fatalf("ReadBlock = %v, %v; want an error about %q naming b.dsb", b, err, c.want)
			}
		})
	}
	if _, err := ReadBlock(bytes.NewReader(flip(12+hlen+3)), "x"); !errors.Is(err, ErrChecksum) {
		t.Errorf("a flipped value gives %v, want ErrChecksum", err)
	}
}

func TestSetErrors(t *testing.T) {
	other := sample()
	other.Y[0] = 1 // another data set
	wide := &data.Dense{N: 7, D: 3, X: make([]float64, 21), Y: sample().Y}
	for _, c := range []struct {
		name  string
		setup func(dir string)
		want  string
	}{
		{"missing", func(dir string) { os.Remove(filepath.Join(dir, Name(1, 3))) }, "block 1 of 3 is missing"},
		{"mixed", func(dir string) {
			d2 := t.TempDir()
			WriteDir(d2, other, 3, "")
			b, _ := os.ReadFile(filepath.Join(d2, Name(1, 3)))
			os.WriteFile(filepath.Join(dir, Name(1, 3)), b, 0o644)
		}, "two data sets are mixed"},
		{"widths", func(dir string) {
			d2 := t.TempDir()
			WriteDir(d2, wide, 3, "")
			b, _ := os.ReadFile(filepath.Join(d2, Name(2, 3)))
			os.WriteFile(filepath.Join(dir, Name(2, 3)), b, 0o644)
		}, ""},
		{"duplicate", func(dir string) {
			b, _ := os.ReadFile(filepath.Join(dir, Name(1, 3)))
			os.WriteFile(filepath.Join(dir, "copy.dsb"), b, 0o644)
		}, "is block 1, as is"},
		{"truncated header", func(dir string) {
			p := filepath.Join(dir, Name(0, 3))
			b, _ := os.ReadFile(p)
			os.WriteFile(p, b[:20], 0o644)
		}, "truncated header"},
		{"empty dir", func(dir string) {
			for s := range 3 {
				os.Remove(filepath.Join(dir, Name(s, 3)))
			}
		}, "no block files"},
	} {
		t.Run(c.name, func(t *testing.T) {
			dir := t.TempDir()
			if _, err := WriteDir(dir, sample(), 3, ""); err != nil {
				t.Fatal(err)
			}
			c.setup(dir)
			set, err := OpenDir(dir)
			if err == nil {
				t.Fatalf("OpenDir = %+v, want an error", set)
			}
			if c.want != "" && !strings.Contains(err.Error(), c.want) {
				t.Fatalf("OpenDir: %v, want %q", err, c.want)
			}
		})
	}
	// A block corrupted after the headers were read fails at Load, naming it.
	dir := t.TempDir()
	WriteDir(dir, sample(), 3, "")
	set, err := OpenDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	p := filepath.Join(dir, Name(2, 3))
	b, _ := os.ReadFile(p)
	b[len(b)-10] ^= 1
	os.WriteFile(p, b, 0o644)
	if _, _, err := set.Load(); err == nil || !strings.Contains(err.Error(), Name(2, 3)) || !errors.Is(err, ErrChecksum) {
		t.Fatalf("Load of a corrupted block: %v", err)
	}
}

func TestDescribeErrors(t *testing.T) {
	if _, err := Describe(sample(), 8, ""); err == nil {
		t.Error("8 blocks of 7 rows accepted")
	}
	if _, err := Describe(sample(), 0, ""); err == nil {
		t.Error("0 blocks accepted")
	}
}

// FuzzReadBlock: no input makes ReadBlock panic or return a block that
// breaks its invariants.
func FuzzReadBlock(f *testing.F) {
	blocks, _ := Split(sample(), 2, "")
	var buf bytes.Buffer
	WriteBlock(&buf, &blocks[1])
	f.Add(buf.Bytes())
	f.Add([]byte("DSCBLK01\x02\x00\x00\x00{}"))
	f.Fuzz(func(t *testing.T, in []byte) {
		b, err := ReadBlock(bytes.NewReader(in), "f.dsb")
		if err != nil {
			return
		}
		if len(b.X) != b.Rows*b.Cols || len(b.Y) != b.Rows || b.Rows < 1 || b.Cols < 1 {
			t.Fatalf("block %d×%d with len(X)=%d, len(Y)=%d", b.Rows, b.Cols, len(b.X), len(b.Y))
		}
		for _, v := range append(slices.Clone(b.X), b.Y...) {
			if math.IsNaN(v) || math.IsInf(v, 0) {
				t.Fatalf("non-finite value %v accepted", v)
			}
		}
	})
}

// TestWriteStream writes the same data set in memory (WriteDir) and in
// passes over a stream of its CSV file (WriteStream): the block files must
// be equal byte for byte.
func TestWriteStream(t *testing.T) {
	for _, c := range []struct {
		file string
		k    int
	}{{"../testdata/datasets/iris.csv", 4}, {"../testdata/datasets/diabetes.csv", 3}, {"../testdata/datasets/wine.csv", 1}} {
		d, err := data.ReadCSVFile(c.file, data.CSVOptions{})
		if err != nil {
			t.Fatal(err)
		}
		mem, str := t.TempDir(), t.TempDir()
		want, err := WriteDir(mem, d, c.k, c.file)
		if err != nil {
			t.Fatal(err)
		}
		st, err := data.OpenStream(c.file, data.CSV, data.StreamOptions{ChunkRows: 7})
		if err != nil {
			t.Fatal(err)
		}
		got, err := WriteStream(str, StreamRows(st, st.Features(), st.Target()), c.k, c.file)
		st.Close()
		if err != nil {
			t.Fatal(err)
		}
		for s := range want {
			a, _ := os.ReadFile(want[s])
			b, _ := os.ReadFile(got[s])
			if !bytes.Equal(a, b) || len(a) == 0 {
				t.Fatalf("%s block %d: streamed %d bytes differ from in-memory %d bytes", c.file, s, len(b), len(a))
			}
		}
	}
}
