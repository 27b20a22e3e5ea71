package beam

import (
	"bufio"
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/descentgo/descent/train"
)

// listeners returns the local addresses (hex, as in /proc/net/tcp) of the
// TCP sockets of this process that listen.
func listeners(t *testing.T) []string {
	t.Helper()
	mine := map[string]bool{}
	fds, err := filepath.Glob("/proc/self/fd/*")
	if err != nil {
		t.Fatal(err)
	}
	for _, fd := range fds {
		if l, err := os.Readlink(fd); err == nil && strings.HasPrefix(l, "socket:[") {
			mine[strings.TrimSuffix(strings.TrimPrefix(l, "socket:["), "]")] = true
		}
	}
	var out []string
	for _, f := range []string{"/proc/self/net/tcp", "/proc/self/net/tcp6"} {
		fh, err := os.Open(f)
		if err != nil {
			continue
		}
		sc := bufio.NewScanner(fh)
		for sc.Scan() {
			fields := strings.Fields(sc.Text())
			// sl local_address rem_address st tx:rx tr:when retrnsmt uid timeout inode
			if len(fields) < 10 || fields[3] != "0A" || !mine[fields[9]] {
				continue
			}
			out = append(out, fields[1])
		}
		fh.Close()
	}
	return out
}

// loopback reports whether a /proc/net/tcp{,6} address is 127.0.0.0/8 or ::1.
func loopback(addr string) bool {
	host, _, _ := strings.Cut(addr, ":")
	switch len(host) {
	case 8: // IPv4, little-endian: 127.x.y.z ends in 7F
		return strings.HasSuffix(host, "7F")
	case 32:
		return host == "00000000000000000000000001000000"
	}
	return false
}

// TestPrismLoopback runs a job on Prism in this process and checks that
// every socket the process listens on is bound to the loopback address
// (the job server and the loopback worker pool), with /proc and, where it
// is installed, `ss -ltnp`.
func TestPrismLoopback(t *testing.T) {
	dir := blocks(t, irisCSV, 2)
	cfg := train.DefaultConfig()
	cfg.Source = train.Source{Path: dir}
	cfg.Model, cfg.Opt, cfg.Batch, cfg.Epochs = mustSpec(t, "softmax"), mustSpec(t, "gd:lr=0.1"), 0, 2
	cfg.Backend = &Backend{}
	if _, err := train.Train(context.Background(), cfg); err != nil {
		t.Fatal(err)
	}
	// The job server stays up for the next run: inspect it now.
	ls := listeners(t)
	if len(ls) == 0 {
		t.Fatal("no listening socket found: the test cannot see Prism's job server")
	}
	for _, a := range ls {
		if !loopback(a) {
			t.Errorf("listening on %s, not a loopback address", a)
		}
	}
	if ss, err := exec.LookPath("ss"); err == nil {
		out, err := exec.Command(ss, "-ltnp").Output()
		if err != nil {
			t.Fatalf("ss -ltnp: %v", err)
		}
		pid := "pid=" + strconv.Itoa(os.Getpid()) + ","
		seen := 0
		for _, line := range strings.Split(string(out), "\n") {
			if !strings.Contains(line, pid) {
				continue
			}
			seen++
			f := strings.Fields(line)
			if len(f) < 4 || !(strings.HasPrefix(f[3], "127.") || strings.HasPrefix(f[3], "[::1]:")) {
				t.Errorf("ss -ltnp: %s", line)
			}
		}
		if seen != len(ls) {
			t.Errorf("ss -ltnp shows %d listening sockets of this process, /proc %d:\n%s", seen, len(ls), out)
		}
	}
	fmt.Fprintf(os.Stderr, "listening: %v\n", ls)
}
