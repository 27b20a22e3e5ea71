//go:build unix

package atomicfile

import (
	"io"
	"os"
	"path/filepath"
	"testing"

	"golang.org/x/sys/unix"
)

// TestWriteRemovesDeadWritersTemporaries: a temporary file of path that no
// one holds locked — what a writer killed mid-write leaves — is removed by
// the next Write of path; one that a live writer holds locked is not, and
// neither is a file of another name.
func TestWriteRemovesDeadWritersTemporaries(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "model.json")
	dead := filepath.Join(dir, ".model.json.tmp123")
	live := filepath.Join(dir, ".model.json.tmp456")
	other := filepath.Join(dir, ".other.json.tmp789")
	for _, p := range []string{dead, live, other} {
		if err := os.WriteFile(p, []byte("partial"), 0o600); err != nil {
			t.Fatal(err)
		}
	}
	f, err := os.Open(live)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if err := unix.Flock(int(f.Fd()), unix.LOCK_EX|unix.LOCK_NB); err != nil {
		t.Fatal(err)
	}
	if err := WriteBytes(path, []byte("{}")); err != nil {
		t.Fatal(err)
	}
	if _, err := os.Stat(dead); !os.IsNotExist(err) {
		t.Errorf("the dead writer's %s is still there (%v)", filepath.Base(dead), err)
	}
	for _, p := range []string{live, other} {
		if _, err := os.Stat(p); err != nil {
			t.Errorf("%s was removed: %v", filepath.Base(p), err)
		}
	}
	if b, err := os.ReadFile(path); err != nil || string(b) != "{}" {
		t.Fatalf("model.json: %q, %v", b, err)
	}
}

// TestWriteLocksItsTemporary: while Write's callback runs, its temporary
// file is locked, so that another writer's cleanup leaves it alone.
func TestWriteLocksItsTemporary(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "out.bin")
	err := Write(path, func(w io.Writer) error {
		tmps := temporaries(path)
		if len(tmps) != 1 {
			t.Fatalf("temporaries during the write: %v", tmps)
		}
		if unlocked(tmps[0]) {
			t.Error("the temporary file is not locked while it is written")
		}
		removeUnlocked(path)
		if _, err := os.Stat(tmps[0]); err != nil {
			t.Errorf("a cleanup removed the live temporary: %v", err)
		}
		_, err := w.Write([]byte("data"))
		return err
	})
	if err != nil {
		t.Fatal(err)
	}
	if b, err := os.ReadFile(path); err != nil || string(b) != "data" {
		t.Fatalf("out.bin: %q, %v", b, err)
	}
}
