// Command reliability throws bad input at the descent command and at its
// HTTP API and counts how each case ends (issue 13's figures):
//
//	go run ./bench/reliability [-v] [-seed N] [-mutants N]
//
// It builds descent, then runs every case under a 6 GiB address-space cap
// (prlimit --as, when the machine has it; else ulimit -v through sh) and a
// 20 s timeout, and classifies the outcome:
//
//	clean     exit 2 with a "descent: …" message on stderr (the documented
//	          status of bad usage and input), or — for a mutant that happens
//	          to be valid input — exit 0 or 3 (a diverged run)
//	accepted  exit 0 on a case that is invalid by construction
//	panic     a Go panic or fatal error on stderr
//	oom       killed by the memory cap or "out of memory"
//	hang      still running after 20 s
//	nan       NaN or ±Inf printed on stdout as a result
//	other     any other exit status
//
// Cases: a hand-written list of invalid inputs (flags, specs, formulas,
// data files, checkpoints, model files, HTTP requests), then seeded
// mutants of valid data files, formulas and model files that the project
// has never seen. Only clean counts as a pass.
package main

import (
	"bytes"
	"context"
	"flag"
	"fmt"
	"math/rand/v2"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"time"
)

const (
	memCap  = 6 << 30
	timeout = 20 * time.Second
)

type kase struct {
	name    string
	args    []string
	invalid bool // invalid by construction: exit 0 is "accepted"
}

type outcome struct {
	kase
	class  string
	detail string
}

var nanRE = regexp.MustCompile(`(?m)(^|[\s=:,\[(])[+-]?(NaN|Inf)([^=\w]|$)`)

func main() {
	verbose := flag.Bool("v", false, "print every case that did not end clean")
	seed := flag.Uint64("seed", 1, "seed of the mutants")
	mutants := flag.Int("mutants", 200, "number of mutated inputs")
	flag.Parse()
	root, err := findRoot()
	if err != nil {
		fail(err)
	}
	dir, err := os.MkdirTemp("", "descent-reliability-")
	if err != nil {
		fail(err)
	}
	defer os.RemoveAll(dir)
	bin := filepath.Join(dir, "descent")
	build := exec.Command("go", "build", "-o", bin, "./cmd/descent")
	build.Dir, build.Stderr = root, os.Stderr
	if err := build.Run(); err != nil {
		fail(err)
	}
	cases := curated(dir, root)
	cases = append(cases, mutated(dir, root, rand.New(rand.NewPCG(*seed, 2)), *mutants)...)
	capName := "prlimit --as"
	if _, err := exec.LookPath("prlimit"); err != nil {
		capName = "ulimit -v"
	}
	start := time.Now()
	var outs []outcome
	for _, c := range cases {
		outs = append(outs, runCase(bin, dir, c))
	}
	httpOuts := httpCases(bin)
	outs = append(outs, httpOuts...)

	counts := map[string]int{}
	nInvalid := 0
	for _, o := range outs {
		counts[o.class]++
		if o.invalid {
			nInvalid++
		}
	}
	fmt.Printf("descent reliability: %d cases (%d invalid by construction, %d seeded mutants with seed %d, %d HTTP requests); memory cap %d GiB (%s), timeout %v; %.0f s\n\n",
		len(outs), nInvalid, *mutants, *seed, len(httpOuts), memCap>>30, capName, timeout, time.Since(start).Seconds())
	fmt.Printf("%-10s %6s\n", "outcome", "cases")
	for _, k := range []string{"clean", "accepted", "panic", "oom", "hang", "nan", "other"} {
		fmt.Printf("%-10s %6d\n", k, counts[k])
	}
	var bad []outcome
	for _, o := range outs {
		if o.class != "clean" {
			bad = append(bad, o)
		}
	}
	sort.Slice(bad, func(i, j int) bool { return bad[i].class < bad[j].class })
	if len(bad) > 0 {
		fmt.Printf("\nnot clean:\n")
		for i, o := range bad {
			if i >= 40 && !*verbose {
				fmt.Printf("  … %d more (-v)\n", len(bad)-40)
				break
			}
			fmt.Printf("  %-8s %s: %s\n", o.class, o.name, o.detail)
		}
		os.Exit(1)
	}
}

func runCase(bin, dir string, c kase) outcome {
	ctx, cancel := context.WithTimeout(context.Background(), timeout)
	defer cancel()
	var cmd *exec.Cmd
	if _, err := exec.LookPath("prlimit"); err == nil {
		cmd = exec.CommandContext(ctx, "prlimit", append([]string{fmt.Sprintf("--as=%d", memCap), bin}, c.args...)...)
	} else {
		cmd = exec.CommandContext(ctx, "sh", append([]string{"-c", fmt.Sprintf(`ulimit -v %d; exec "$0" "$@"`, memCap>>10), bin}, c.args...)...)
	}
	cmd.Dir = dir
	var out, errb bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errb
	err := cmd.Run()
	o := outcome{kase: c}
	code := cmd.ProcessState.ExitCode()
	se := errb.String()
	switch {
	case ctx.Err() != nil:
		o.class = "hang"
	case strings.Contains(se, "out of memory") || strings.Contains(se, "cannot allocate memory"):
		o.class = "oom"
	case strings.Contains(se, "panic:") || strings.Contains(se, "fatal error:") || strings.Contains(se, "goroutine "):
		o.class = "panic"
	case err != nil && code < 0:
		o.class = "oom" // killed by a signal (the cap)
	case nanRE.MatchString(out.String()):
		o.class = "nan"
	case code == 2 && strings.HasPrefix(strings.TrimSpace(lastLine(se)), "descent:"):
		o.class = "clean"
	case code == 0 && c.invalid:
		o.class = "accepted"
	case (code == 0 || code == 3) && !c.invalid:
		o.class = "clean"
	default:
		o.class = "other"
	}
	o.detail = fmt.Sprintf("exit %d: %s", code, firstLine(se+out.String()))
	return o
}

func lastLine(s string) string {
	lines := strings.Split(strings.TrimSpace(s), "\n")
	for _, l := range lines {
		if strings.HasPrefix(l, "descent:") {
			return l
		}
	}
	return lines[len(lines)-1]
}

func firstLine(s string) string {
	s = strings.TrimSpace(s)
	if i := strings.IndexByte(s, '\n'); i >= 0 {
		s = s[:i]
	}
	if len(s) > 160 {
		s = s[:160] + "…"
	}
	return s
}

func write(dir, name, body string) string {
	p := filepath.Join(dir, name)
	if err := os.WriteFile(p, []byte(body), 0o644); err != nil {
		fail(err)
	}
	return p
}

func fail(err error) {
	fmt.Fprintln(os.Stderr, "reliability:", err)
	os.Exit(1)
}

// findRoot returns the directory of go.mod, searched upward.
func findRoot() (string, error) {
	d, err := os.Getwd()
	if err != nil {
		return "", err
	}
	for {
		if _, err := os.Stat(filepath.Join(d, "go.mod")); err == nil {
			return d, nil
		}
		p := filepath.Dir(d)
		if p == d {
			return "", fmt.Errorf("no go.mod above the working directory")
		}
		d = p
	}
}

// freePort returns a free loopback port.
func freePort() string {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		fail(err)
	}
	defer l.Close()
	return l.Addr().String()
}
