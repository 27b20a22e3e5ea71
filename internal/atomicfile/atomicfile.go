// Package atomicfile writes output files so that readers never see a partial
// file: data goes to a temporary file in the same directory, which is synced
// and renamed over the destination only when writing succeeded.
package atomicfile

import (
	"bufio"
	"fmt"
	"io"
	"os"
	"path/filepath"
)

// Write creates path atomically with the bytes that write produces. If write
// returns an error, or any I/O step fails, the destination is left untouched
// and no temporary file remains. The temporary file is locked (flock) while
// it is written, and Write first removes the temporary files of path that
// no live writer holds — those of a writer killed mid-write (kill -9, a
// power cut) — so that a crash leaves debris only until the next write.
func Write(path string, write func(w io.Writer) error) (err error) {
	dir := filepath.Dir(path)
	removeUnlocked(path)
	tmp, err := os.CreateTemp(dir, "."+filepath.Base(path)+".tmp*")
	if err != nil {
		return fmt.Errorf("cannot write %s: %w", path, unwrapPathErr(err))
	}
	lock(tmp)
	defer func() {
		if err != nil {
			tmp.Close()
			os.Remove(tmp.Name())
		}
	}()
	bw := bufio.NewWriterSize(tmp, 1<<16)
	if err = write(bw); err != nil {
		return err
	}
	if err = bw.Flush(); err != nil {
		return fmt.Errorf("cannot write %s: %w", path, err)
	}
	if err = tmp.Sync(); err != nil {
		return fmt.Errorf("cannot write %s: %w", path, err)
	}
	if err = tmp.Close(); err != nil {
		return fmt.Errorf("cannot write %s: %w", path, err)
	}
	if err = os.Chmod(tmp.Name(), 0o644); err != nil {
		return fmt.Errorf("cannot write %s: %w", path, err)
	}
	if err = os.Rename(tmp.Name(), path); err != nil {
		return fmt.Errorf("cannot write %s: %w", path, unwrapPathErr(err))
	}
	return nil
}

// RemoveStale removes the temporary files that Write leaves beside path
// when the process is killed mid-write (kill -9, a power cut). Call it
// only where no other writer of path can be running, such as before the
// first checkpoint of a run into its own directory.
func RemoveStale(path string) {
	for _, m := range temporaries(path) {
		os.Remove(m)
	}
}

// removeUnlocked removes the temporary files of path whose writer is gone:
// those on which it can take the lock that a live Write holds.
func removeUnlocked(path string) {
	for _, m := range temporaries(path) {
		if unlocked(m) {
			os.Remove(m)
		}
	}
}

// temporaries lists the temporary files that Write makes for path.
func temporaries(path string) []string {
	matches, _ := filepath.Glob(filepath.Join(filepath.Dir(path), "."+globEscape(filepath.Base(path))+".tmp*"))
	return matches
}

// globEscape escapes the metacharacters of filepath.Match in s.
func globEscape(s string) string {
	var b []byte
	for i := 0; i < len(s); i++ {
		switch s[i] {
		case '*', '?', '[', ']', '\\':
			b = append(b, '\\')
		}
		b = append(b, s[i])
	}
	return string(b)
}

// WriteBytes atomically replaces path with b.
func WriteBytes(path string, b []byte) error {
	return Write(path, func(w io.Writer) error { _, err := w.Write(b); return err })
}

func unwrapPathErr(err error) error {
	if pe, ok := err.(*os.PathError); ok {
		return pe.Err
	}
	if le, ok := err.(*os.LinkError); ok {
		return le.Err
	}
	return err
}
