package main

import (
	"bufio"
	"bytes"
	_ "embed"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
)

// peersPy holds the peer implementations; it is written to the run's
// temporary directory and run by the Python interpreter given with -python.
//
//go:embed peers.py
var peersPy []byte

// threadSetting is a thread configuration of a peer subprocess: OMP
// threads (OMP_NUM_THREADS, MKL_NUM_THREADS and torch.set_num_threads)
// and OpenBLAS threads (OPENBLAS_NUM_THREADS).
type threadSetting struct {
	Name      string
	OMP, BLAS int
}

var (
	setting1    = threadSetting{"1", 1, 1}
	setting2    = threadSetting{"2", 2, 2}
	settingOMP2 = threadSetting{"omp2-blas1", 2, 1}
)

// peers runs the peer workloads in Python subprocesses.
type peers struct {
	python string
	script string
	info   map[string]any // versions and BLAS, from the first run
}

// findPeers checks that python imports numpy, torch and sklearn, writes
// peers.py into dir and returns a runner.
func findPeers(python, dir string) (*peers, error) {
	out, err := exec.Command(python, "-c", "import numpy, torch, sklearn").CombinedOutput()
	if err != nil {
		return nil, fmt.Errorf("%s cannot import numpy, torch and sklearn: %v: %s", python, err, bytes.TrimSpace(out))
	}
	script := filepath.Join(dir, "peers.py")
	if err := os.WriteFile(script, peersPy, 0o644); err != nil {
		return nil, err
	}
	return &peers{python: python, script: script}, nil
}

// run runs one peer job under a thread setting and returns its results,
// each labelled with the setting. Progress lines of the script (stderr)
// go to logw.
func (p *peers) run(job map[string]any, st threadSetting, logw *os.File) ([]Result, error) {
	job["setting"] = st.Name
	job["omp"] = st.OMP
	js, _ := json.Marshal(job)
	cmd := exec.Command(p.python, p.script, string(js))
	env := []string{}
	for _, kv := range os.Environ() {
		k, _, _ := strings.Cut(kv, "=")
		switch k {
		case "OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS", "GOTO_NUM_THREADS", "PYTHONPATH", "PYTHONHOME":
			continue
		}
		env = append(env, kv)
	}
	env = append(env,
		"OMP_NUM_THREADS="+strconv.Itoa(st.OMP),
		"MKL_NUM_THREADS="+strconv.Itoa(st.OMP),
		"OPENBLAS_NUM_THREADS="+strconv.Itoa(st.BLAS),
		"PYTHONDONTWRITEBYTECODE=1")
	cmd.Env = env
	var out, errb bytes.Buffer
	cmd.Stdout = &out
	cmd.Stderr = &errb
	runErr := cmd.Run()
	if logw != nil && errb.Len() > 0 {
		logw.Write(errb.Bytes())
	}
	var res []Result
	sc := bufio.NewScanner(&out)
	sc.Buffer(nil, 1<<20)
	for sc.Scan() {
		line := sc.Bytes()
		if len(line) == 0 || line[0] != '{' {
			continue
		}
		var info struct {
			Info map[string]any `json:"info"`
		}
		if json.Unmarshal(line, &info) == nil && info.Info != nil {
			if p.info == nil {
				p.info = info.Info
			}
			continue
		}
		var r Result
		if err := json.Unmarshal(line, &r); err != nil {
			return res, fmt.Errorf("peers.py: bad line %q: %v", line, err)
		}
		r.Threads = st.Name
		res = append(res, r)
	}
	if runErr != nil {
		tail := errb.String()
		if i := strings.LastIndex(strings.TrimSpace(tail), "\n"); i >= 0 {
			tail = tail[i+1:]
		}
		return res, fmt.Errorf("peers.py %v (setting %s): %v: %s", job["workload"], st.Name, runErr, strings.TrimSpace(tail))
	}
	return res, nil
}
