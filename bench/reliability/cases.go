package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"math/rand/v2"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"time"

	"github.com/descentgo/descent/data"
	"github.com/descentgo/descent/shard"
)

// editBlock rewrites block s of the 3 blocks in dir with edit.
func editBlock(dir string, s int, edit func([]byte) []byte) {
	p := filepath.Join(dir, shard.Name(s, 3))
	b, err := os.ReadFile(p)
	if err != nil {
		fail(err)
	}
	if err := os.WriteFile(p, edit(b), 0o644); err != nil {
		fail(err)
	}
}

// curated returns the hand-written invalid cases.
func curated(dir, root string) []kase {
	iris := filepath.Join(root, "testdata/datasets/iris.csv")
	var cs []kase
	add := func(name string, args ...string) { cs = append(cs, kase{name: name, args: args, invalid: true}) }

	// Commands and flags.
	add("unknown command", "frobnicate")
	add("extra argument", "minimize", "--func", "sphere", "extra")
	add("unknown flag", "minimize", "--func", "sphere", "--bogus")
	add("no function", "minimize")
	add("func and expr", "minimize", "--func", "sphere", "--expr", "x^2")
	for _, v := range []string{"-1", "abc", "1.5", "99999999999999999999"} {
		add("--max-iters "+v, "minimize", "--func", "sphere", "--max-iters", v)
	}
	for _, v := range []string{"-1", "nan", "inf", "x"} {
		add("--grad-tol "+v, "minimize", "--func", "sphere", "--grad-tol", v)
	}
	for _, v := range []string{"1,2,3", "abc", "", "1,,2", "nan,1", "1e400,1", "1;2"} {
		add("--start "+v, "minimize", "--func", "sphere", "--start", v)
	}
	for _, f := range []string{"nosuch", "rosenbrock:n=0", "rosenbrock:n=-5", "rosenbrock:n=100000000", "rosenbrock:q=1", "quadratic:kappa=-1", "rosenbrock:n=abc", "sphere:"} {
		add("--func "+f, "minimize", "--func", f)
	}
	for _, e := range []string{"", "x^", "sin(", "x y", "2x", "x**2", "foo(x)", "x +* y", ")", "pi(2)", "x^^2", "1/0*x", "log(-1)+x", strings.Repeat("(", 5000) + "x" + strings.Repeat(")", 5000), strings.Repeat("x+", 60000) + "x"} {
		add(fmt.Sprintf("--expr %.20q", e), "minimize", "--expr", e, "--start", "1")
	}
	for _, o := range []string{"nosuch", "adam:lr=-1", "adam:beta1=1", "adam:beta2=1.5", "adam:eps=-1", "adam:lr=1e-400", "adam:lr=nan", "adam:foo=1",
		"sgd:momentum=-0.1", "sgd:nesterov=maybe", "sgd:nesterov=true", "rmsprop:alpha=2", "rmsprop:alpha=-1", "lbfgs:history=0", "lbfgs:history=100000000",
		"bb:memory=1000000000", "adagrad:lr_decay=-1", "adamw:weight_decay=-1", "radam:beta1=2", "nadam:momentum_decay=-1", "adadelta:rho=1.5", "rprop:etas=2;0.5",
		"asgd:alpha=-1", "lion:beta1=1", "polyak:f_star=nan", "adam:lr", "adam:=1", "adam:lr=1,lr=2", ":lr=1", "adam:lr=0x"} {
		add("--opt "+o, "minimize", "--func", "sphere", "--opt", o)
	}
	for _, s := range []string{"nosuch", "cosine:t_max=-1", "step:step_size=0", "onecycle:max_lr=-1", "exponential:gamma=-1", "multistep:milestones=5;2", "cyclic:base_lr=1,max_lr=0.1", "lambda:expr=t^", "sequential:schedulers=cosine", "plateau:factor=2"} {
		add("--schedule "+s, "minimize", "--func", "sphere", "--schedule", s)
	}
	add("--warmup -3", "minimize", "--func", "sphere", "--warmup", "-3")
	add("--clip-norm -1", "minimize", "--func", "sphere", "--clip-norm", "-1")
	add("--timeout -1s", "minimize", "--func", "sphere", "--timeout", "-1s")
	add("--plot .txt", "minimize", "--func", "sphere", "--plot", "x.txt")
	add("--plot no dir", "minimize", "--func", "sphere", "--plot", "/nonexistent/d/x.png")
	add("--trace .txt", "minimize", "--func", "sphere", "--trace", "x.txt")
	os.MkdirAll(filepath.Join(dir, "adir.csv"), 0o755)
	add("--trace directory", "minimize", "--func", "sphere", "--trace", filepath.Join(dir, "adir.csv"))
	add("--trace 1.4 GB", "minimize", "--func", "sphere", "--opt", "gd:lr=1e-9", "--grad-tol", "0", "--max-iters", "10000000", "--trace", "big.csv")
	for _, v := range []string{"0", "-1", "abc", "", "0.1,-1", "nan"} {
		add("compare --lr "+v, "compare", "--func", "sphere", "--opt", "gd", "--lr", v)
	}
	add("compare --window", "compare", "--func", "sphere", "--window", "1,2,3")
	for _, a := range [][]string{{"--steps", "0"}, {"--steps", "100000000"}, {"--start-lr", "0"}, {"--end-lr", "0"}, {"--start-lr", "10", "--end-lr", "1"}, {"--rule", "slide"}, {"--validation-steps", "-2"}} {
		add("lrfind "+strings.Join(a, " "), append([]string{"lrfind", "--func", "sphere"}, a...)...)
	}
	add("schedule nosuch", "schedule", "nosuch")
	add("schedule no spec", "schedule")
	add("schedule --steps 0", "schedule", "cosine", "--steps", "0")

	// Data files.
	files := map[string]string{
		"empty.csv":        "",
		"header.csv":       "a,b,y\n",
		"ragged.csv":       "a,b,y\n1,2,0\n1,2\n",
		"word.csv":         "a,b,y\n1,two,0\n3,4,1\n",
		"nan.csv":          "a,b,y\n1,NaN,0\n3,4,1\n",
		"inf.csv":          "a,b,y\n1,Inf,0\n3,4,1\n",
		"huge.csv":         "a,b,y\n1,1e400,0\n3,4,1\n",
		"dup.csv":          "a,a,y\n1,2,0\n3,4,1\n",
		"noheader.csv":     "1,2,0\n3,4,1\n",
		"quote.csv":        "a,b,y\n\"1,2,0\n3,4,1\n",
		"binary.csv":       "\x00\x01\x02\xff\xfe\n\x00",
		"frac.csv":         "a,y\n1,0.5\n2,1.5\n3,2.5\n",
		"const.csv":        "a,y\n1,0\n2,0\n3,0\n",
		"bom.csv":          "\xef\xbb\xbfa,y\n1,0\n2,1\n",
		"idx0.svm":         "1 0:1\n",
		"decr.svm":         "1 3:1 2:1\n",
		"big.svm":          "0 2147483647:1\n1 1:2\n",
		"bigger.svm":       "0 99999999999:1\n",
		"label.svm":        "yes 1:1\n",
		"pair.svm":         "1 a:b\n",
		"svmnan.svm":       "1 1:nan\n0 2:1\n",
		"svmdup.svm":       "1 1:1 1:2\n",
		"emptyline.svm":    "\n\n",
		"longline.csv":     "a,y\n" + strings.Repeat("1", 1<<20) + ",0\n",
		"manycols.csv":     strings.Repeat("c,", 100000) + "y\n" + strings.Repeat("1,", 100000) + "0\n" + strings.Repeat("2,", 100000) + "1\n",
		"onecolumn.csv":    "y\n0\n1\n",
		"negzero.csv":      "a,y\n-0,0\n0,1\n",
		"spaces.csv":       "a, b ,y\n1, 2 ,0\n",
		"crlfbad.csv":      "a,y\r\n1\r\n",
		"unterminated.csv": "a,y\n1,0\n2,\"1\n",
	}
	for name, body := range files {
		p := write(dir, name, body)
		model := "logistic"
		if strings.HasPrefix(name, "frac") {
			model = "softmax"
		}
		if name == "negzero.csv" || name == "spaces.csv" || name == "bom.csv" {
			continue // valid input, whatever it looks like
		}
		add("train "+name, "train", "--data", p, "--model", model, "--epochs", "2")
	}
	add("train no file", "train", "--data", "/nonexistent/x.csv", "--model", "linear")
	add("train directory", "train", "--data", dir, "--model", "linear")
	for _, m := range []string{"nosuch", "mlp:hidden=0", "mlp:hidden=40000,40000", "linear:l2=-1", "mlp:act=nosuch", "mlp:hidden=-3", "softmax:l1=nan"} {
		add("train --model "+m, "train", "--data", iris, "--model", m)
	}
	for _, a := range [][]string{{"--batch", "0"}, {"--batch", "-5"}, {"--batch", "abc"}, {"--val", "1.5"}, {"--val", "-0.1"}, {"--epochs", "-1"}, {"--epochs", "0"},
		{"--stream", "--buffer", "0"}, {"--save", "x.txt"}, {"--save", filepath.Join(dir, "adir.csv")}, {"--target", "nope"}, {"--features", "nope"},
		{"--resume", "/nonexistent"}, {"--shards", "-1"}, {"--checkpoint-every", "0"}, {"--patience", "-1"}, {"--opt", "lbfgs", "--batch", "8"},
		{"--metric-rows", "-2"}, {"--metric-rows", "abc"}} {
		add("train "+strings.Join(a, " "), append([]string{"train", "--data", iris, "--model", "softmax"}, a...)...)
	}
	// Checkpoints and model files.
	ck := filepath.Join(dir, "ck")
	run(dir, "train", "--data", iris, "--model", "softmax", "--opt", "adam", "--epochs", "2", "--checkpoint", ck, "--save", filepath.Join(dir, "good.json"))
	good, _ := os.ReadFile(filepath.Join(ck, "checkpoint.json"))
	gm, _ := os.ReadFile(filepath.Join(dir, "good.json"))
	edits := map[string]func(map[string]any){
		"truncated params": func(m map[string]any) { m["best"].(map[string]any)["params"] = []any{1.0} },
		"epoch -1":         func(m map[string]any) { m["epoch"] = -1 },
		"history cut":      func(m map[string]any) { m["history"] = []any{} },
		"format":           func(m map[string]any) { m["format"] = "other" },
		"version 99":       func(m map[string]any) { m["version"] = 99 },
		"model garbage":    func(m map[string]any) { m["model"] = "x" },
		"batch past end":   func(m map[string]any) { m["batch"] = 1000000 },
		"opt vector short": func(m map[string]any) {
			if o, ok := m["optimizer"].(map[string]any); ok {
				for k := range o["vectors"].(map[string]any) {
					o["vectors"].(map[string]any)[k] = []any{1.0}
				}
			}
		},
	}
	for name, e := range edits {
		var m map[string]any
		json.Unmarshal(good, &m)
		e(m)
		b, _ := json.Marshal(m)
		d := filepath.Join(dir, "ck-"+strings.ReplaceAll(name, " ", "-"))
		os.MkdirAll(d, 0o755)
		write(d, "checkpoint.json", string(b))
		add("resume: "+name, "train", "--resume", d, "--epochs", "3")
	}
	for i, cut := range []int{0, 1, len(good) / 2, len(good) - 2} {
		d := filepath.Join(dir, fmt.Sprintf("ck-cut%d", i))
		os.MkdirAll(d, 0o755)
		write(d, "checkpoint.json", string(good[:cut]))
		add(fmt.Sprintf("resume: checkpoint cut at %d bytes", cut), "train", "--resume", d)
	}
	medits := map[string]func(map[string]any){
		"params short":  func(m map[string]any) { m["params"] = []any{1.0} },
		"params nan":    func(m map[string]any) { m["params"].([]any)[0] = "NaN" },
		"model nosuch":  func(m map[string]any) { m["model"] = "nosuch" },
		"features none": func(m map[string]any) { m["features"] = []any{} },
		"classes one":   func(m map[string]any) { m["classes"] = []any{0.0} },
		"format":        func(m map[string]any) { m["format"] = "x" },
		"std short": func(m map[string]any) {
			if s, ok := m["standardize"].(map[string]any); ok && s != nil {
				s["mean"] = []any{0.0}
			} else {
				m["standardize"] = map[string]any{"mean": []any{0.0}, "std": []any{1.0}, "center": true}
			}
		},
	}
	for name, e := range medits {
		var m map[string]any
		json.Unmarshal(gm, &m)
		e(m)
		b, _ := json.Marshal(m)
		p := write(dir, "model-"+strings.ReplaceAll(name, " ", "-")+".json", string(b))
		add("evaluate model: "+name, "evaluate", "--model", p, "--data", iris)
		add("predict model: "+name, "predict", "--model", p, "--data", iris, "--out", filepath.Join(dir, "p.csv"))
	}
	add("evaluate no model", "evaluate", "--model", "/nonexistent.json", "--data", iris)
	add("evaluate model cut", "evaluate", "--model", write(dir, "cut.json", string(gm[:len(gm)/2])), "--data", iris)
	add("evaluate wrong data", "evaluate", "--model", filepath.Join(dir, "good.json"), "--data", write(dir, "other.csv", "q,r\n1,2\n"))

	// Data stored as blocks (descent shard, package shard).
	out := filepath.Join(dir, "blocks-out")
	add("shard --shards 0", "shard", "--data", iris, "--shards", "0", "--out", out)
	add("shard more blocks than rows", "shard", "--data", iris, "--shards", "151", "--out", out)
	add("shard no --out", "shard", "--data", iris, "--shards", "2")
	add("shard --out is a file", "shard", "--data", iris, "--shards", "2", "--out", iris)
	add("shard bad csv", "shard", "--data", write(dir, "bad-shard.csv", "a,b\n1\n"), "--shards", "1", "--out", out)
	for _, c := range []struct {
		name string
		edit func(blockDir string)
	}{
		{"flipped byte", func(bd string) { editBlock(bd, 1, func(b []byte) []byte { b[len(b)-20] ^= 1; return b }) }},
		{"truncated", func(bd string) { editBlock(bd, 2, func(b []byte) []byte { return b[:len(b)/2] }) }},
		{"header cut", func(bd string) { editBlock(bd, 0, func(b []byte) []byte { return b[:30] }) }},
		{"garbage", func(bd string) { editBlock(bd, 0, func([]byte) []byte { return []byte("a,b,c\n1,2,3\n") }) }},
		{"missing", func(bd string) { os.Remove(filepath.Join(bd, shard.Name(1, 3))) }},
		{"duplicate", func(bd string) {
			b, _ := os.ReadFile(filepath.Join(bd, shard.Name(0, 3)))
			os.WriteFile(filepath.Join(bd, "extra"+shard.Ext), b, 0o644)
		}},
		{"empty directory", func(bd string) {
			for s := range 3 {
				os.Remove(filepath.Join(bd, shard.Name(s, 3)))
			}
		}},
	} {
		bd := filepath.Join(dir, "blocks-"+strings.ReplaceAll(c.name, " ", "-"))
		d, err := data.ReadCSVFile(iris, data.CSVOptions{})
		if err != nil {
			fail(err)
		}
		if _, err := shard.WriteDir(bd, d, 3, iris); err != nil {
			fail(err)
		}
		c.edit(bd)
		add("train on blocks: "+c.name, "train", "--data", bd, "--model", "softmax", "--epochs", "3")
		add("evaluate on blocks: "+c.name, "evaluate", "--model", filepath.Join(dir, "good.json"), "--data", bd)
	}
	return cs
}

// run runs descent for setup, ignoring the outcome.
func run(dir string, args ...string) {
	bin := filepath.Join(dir, "descent")
	c := exec.Command(bin, args...)
	c.Dir = dir
	c.Run()
}

// mutated returns n seeded mutants of valid inputs: data files for
// train, formulas for minimize, model files for evaluate. A mutant may be
// valid; only crashes, hangs, OOM and NaN results fail.
func mutated(dir, root string, r *rand.Rand, n int) []kase {
	irisB, _ := os.ReadFile(filepath.Join(root, "testdata/datasets/iris.csv"))
	iris := string(irisB[:2000])
	svm := "1 1:0.5 3:2\n0 2:1.5 4:-1\n1 1:1 2:1 3:1 4:1\n0 4:3\n"
	formulas := []string{"(1-x)^2 + 100*(y-x^2)^2", "x^2 + 10*y^2", "sin(x)*cos(y) + 0.1*(x^2+y^2)", "log(1+exp(x)) + abs(y)", "sqrt(x^2+1) + max(x,y)^2"}
	gm, _ := os.ReadFile(filepath.Join(dir, "good.json"))
	junk := []string{"\x00", "\xff", ",", "\n", "\"", "NaN", "-Inf", "1e308", "1e-320", "9999999999999999999999", " ", "\r", "#", ":", "e", "(", ")", "^", "-", "0x10", "∞", "١"}
	mutate := func(s string) string {
		b := []byte(s)
		for k := 1 + r.IntN(4); k > 0 && len(b) > 0; k-- {
			i := r.IntN(len(b))
			switch r.IntN(4) {
			case 0: // delete a span
				j := min(len(b), i+1+r.IntN(8))
				b = append(b[:i:i], b[j:]...)
			case 1: // insert junk
				b = append(b[:i:i], append([]byte(junk[r.IntN(len(junk))]), b[i:]...)...)
			case 2: // replace a byte
				b[i] = byte(r.IntN(256))
			case 3: // duplicate a span
				j := min(len(b), i+1+r.IntN(40))
				b = append(b[:j:j], append(append([]byte(nil), b[i:j]...), b[j:]...)...)
			}
		}
		return string(b)
	}
	var cs []kase
	for i := range n {
		switch i % 4 {
		case 0:
			p := write(dir, fmt.Sprintf("m%d.csv", i), mutate(iris))
			cs = append(cs, kase{name: fmt.Sprintf("mutant %d: train on a mutated iris.csv", i), args: []string{"train", "--data", p, "--model", "softmax", "--epochs", "3"}})
		case 1:
			p := write(dir, fmt.Sprintf("m%d.svm", i), mutate(svm))
			cs = append(cs, kase{name: fmt.Sprintf("mutant %d: train on a mutated LIBSVM file", i), args: []string{"train", "--data", p, "--model", "logistic", "--epochs", "3"}})
		case 2:
			// Arguments cannot hold NUL bytes (exec refuses them).
			e := strings.ReplaceAll(mutate(formulas[r.IntN(len(formulas))]), "\x00", "")
			cs = append(cs, kase{name: fmt.Sprintf("mutant %d: minimize %.40q", i, e), args: []string{"minimize", "--expr", e, "--max-iters", "200"}})
		case 3:
			p := write(dir, fmt.Sprintf("m%d.json", i), mutate(string(gm)))
			cs = append(cs, kase{name: fmt.Sprintf("mutant %d: evaluate a mutated model file", i), args: []string{"evaluate", "--model", p, "--data", filepath.Join(root, "testdata/datasets/iris.csv")}})
		}
	}
	return cs
}

// httpCases starts descent serve and sends it bad requests: each must
// get a 4xx status with a JSON {"error": …} body.
func httpCases(bin string) []outcome {
	addr := freePort()
	srv := exec.Command(bin, "serve", "--addr", addr)
	if err := srv.Start(); err != nil {
		fail(err)
	}
	defer func() { srv.Process.Signal(os.Interrupt); srv.Wait() }()
	base := "http://" + addr
	for range 100 {
		if resp, err := http.Get(base + "/api/limits"); err == nil {
			resp.Body.Close()
			break
		}
		time.Sleep(50 * time.Millisecond)
	}
	type req struct {
		name, method, path, host, ctype, body string
		header                                map[string]string
	}
	js := "application/json"
	reqs := []req{
		{"foreign host", "GET", "/api/functions", "evil.example", "", "", nil},
		{"rebinding POST", "POST", "/api/run", "attacker.test:80", js, `{"problem":{"func":"sphere"}}`, nil},
		{"cross-origin POST", "POST", "/api/run", "", js, `{"problem":{"func":"sphere"},"runs":[{}]}`, map[string]string{"Origin": "http://evil.example"}},
		{"null origin", "POST", "/api/run", "", js, `{}`, map[string]string{"Origin": "null"}},
		{"bad path encoding", "GET", "/%ff", "", "", "", nil},
		{"directory listing", "GET", "/vendor/", "", "", "", nil},
		{"unknown api", "GET", "/api/nosuch", "", "", "", nil},
		{"GET on POST api", "GET", "/api/run", "", "", "", nil},
		{"POST on GET api", "POST", "/api/functions", "", js, `{}`, nil},
		{"wrong content type", "POST", "/api/run", "", "text/plain", `{}`, nil},
		{"oversized body", "POST", "/api/run", "", js, `{"x":"` + strings.Repeat("a", 1<<20) + `"}`, nil},
	}
	bodies := []string{``, `{`, `[]`, `null`, `"x"`, `{"problem":1}`, `{"problem":{}}`, `{"problem":{"func":"nosuch"}}`, `{"problem":{"expr":"x^"}}`,
		`{"problem":{"expr":"` + strings.Repeat("(", 3000) + `x"}}`, `{"problem":{"func":"sphere"},"runs":[{"opt":"nosuch"}]}`,
		`{"problem":{"func":"sphere"},"runs":[{"opt":"adam:lr=-1"}]}`, `{"problem":{"func":"sphere"},"runs":[{"opt":"gd","schedule":"nosuch"}]}`,
		`{"problem":{"func":"sphere"},"runs":[{}],"max_steps":-1}`, `{"problem":{"func":"sphere"},"runs":[{}],"max_steps":1e12}`,
		`{"problem":{"func":"sphere","start":[1,2,3]},"runs":[{}]}`, `{"problem":{"func":"sphere"},"runs":[{},{},{},{},{},{},{},{},{},{}]}`,
		`{"problem":{"func":"sphere"},"runs":[{}],"extra":1}`, `{"problem":{"func":"rosenbrock:n=100000"},"runs":[{}]}`,
		"\xff\xfe", `{"problem":{"func":"sphere"},"runs":[{"opt":"gd","lr":"x"}]}`}
	for i, b := range bodies {
		reqs = append(reqs, req{fmt.Sprintf("run body %d", i), "POST", "/api/run", "", js, b, nil})
	}
	for i, b := range []string{`{}`, `{"problem":{"func":"sphere"},"window":[1,0,0,1]}`, `{"problem":{"func":"sphere"},"window":[-1,1,-1,1],"n":100000}`, `{"problem":{"func":"sphere"},"n":-1}`} {
		reqs = append(reqs, req{fmt.Sprintf("grid body %d", i), "POST", "/api/grid", "", js, b, nil})
	}
	for i, b := range []string{`{}`, `{"dataset":"nosuch"}`, `{"dataset":"iris","model":"nosuch"}`, `{"dataset":"iris","model":"mlp:hidden=100000"}`, `{"dataset":"iris","epochs":-1}`,
		`{"dataset":"iris","epochs":1000000}`, `{"dataset":"iris","val_frac":2}`, `{"dataset":"iris","mode":"sideways"}`, `{"dataset":"iris","batch_size":-1}`, `{"dataset":"iris","opt":"lbfgs","mode":"stochastic"}`} {
		reqs = append(reqs, req{fmt.Sprintf("train body %d", i), "POST", "/api/train", "", js, b, nil})
	}
	for i, b := range []string{`{}`, `{"kind":"nosuch","spec":"x"}`, `{"kind":"optimizer","spec":"adam:lr="}`, `{"kind":"optimizer","spec":"nosuch"}`} {
		reqs = append(reqs, req{fmt.Sprintf("spec body %d", i), "POST", "/api/spec", "", js, b, nil})
	}
	for i, b := range []string{`{}`, `{"problem":{"func":"sphere"},"opt":"nosuch"}`, `{"problem":{"func":"sphere"},"steps":-1}`} {
		reqs = append(reqs, req{fmt.Sprintf("lrfind body %d", i), "POST", "/api/lrfind", "", js, b, nil})
	}
	for i, b := range []string{`{}`, `{"problem":{"func":"sphere"},"lr_min":-1}`, `{"problem":{"func":"sphere"},"lr_min":1,"lr_max":0.5}`, `{"problem":{"func":"sphere"},"lr_n":1000}`,
		`{"problem":{"func":"sphere"},"momenta":[1.5]}`, `{"problem":{"func":"sphere"},"momenta":[0.9,0.1]}`, `{"problem":{"func":"sphere"},"opt":"adam"}`, `{"problem":{"func":"sphere"},"max_steps":1e9}`} {
		reqs = append(reqs, req{fmt.Sprintf("lrmap body %d", i), "POST", "/api/lrmap", "", js, b, nil})
	}
	client := &http.Client{Timeout: timeout}
	var outs []outcome
	for _, q := range reqs {
		o := outcome{kase: kase{name: "HTTP " + q.name, invalid: true}}
		r, _ := http.NewRequest(q.method, base+q.path, bytes.NewBufferString(q.body))
		if q.ctype != "" {
			r.Header.Set("Content-Type", q.ctype)
		}
		if q.host != "" {
			r.Host = q.host
		}
		for k, v := range q.header {
			r.Header.Set(k, v)
		}
		resp, err := client.Do(r)
		if err != nil {
			o.class, o.detail = "hang", err.Error()
			outs = append(outs, o)
			continue
		}
		body, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		var v map[string]any
		isErr := json.Unmarshal(body, &v) == nil && v["error"] != nil
		switch {
		case resp.StatusCode >= 400 && resp.StatusCode < 500 && isErr:
			o.class = "clean"
		case resp.StatusCode < 300:
			o.class = "accepted"
		default:
			o.class = "other"
		}
		o.detail = fmt.Sprintf("status %d: %s", resp.StatusCode, firstLine(string(body)))
		outs = append(outs, o)
	}
	return outs
}
