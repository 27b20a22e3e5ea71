// descent playground: the page behind `descent serve`. Plain JavaScript, no
// build step; charts by uPlot (vendor/), the contour map drawn on a canvas.
"use strict";

(function () {
  const $ = (id) => document.getElementById(id);
  const COLORS = ["#e63946", "#f77f00", "#00a6d6", "#d63aaf", "#5fb000", "#7b61ff"];
  const MAX_RUNS = 6;
  const FORMULA = "__formula";
  const ANIM_MS = 1800;

  // ---------- state (mirrored in the URL hash) ----------
  // Specifications are held as {name, params: {key: value}}: the page builds
  // their text (specText) but never parses it; the text of a shared link is
  // decoded by the server (POST /api/spec).
  const S = {};
  let DEF = null; // the initial state, from the server's defaults (initialState)
  let writtenHash = "";
  const C = { functions: [], optimizers: [], schedules: [], datasets: [], limits: {}, defaults: {} }; // catalogues
  // initialState starts the controls from the defaults of the command line
  // (GET /api/defaults); the playground's own choices are the function, the
  // MLP's hidden layer and the validation share.
  function initialState(opt, dopt) {
    const m = C.defaults.minimize, tr = C.defaults.train;
    const ls = !!(optEntry(dopt.name) || {}).line_search;
    const batch = ls ? tr.default_batch.line_search : tr.default_batch.step_based;
    return {
      tab: "fn",
      fn: { name: "rosenbrock", params: {} }, n: 2, expr: "", start: null,
      opt, sched: null, steps: m.max_iters,
      runs: [], // {opt, sched}: specification texts, sent as they are
      win: null,
      d: { ds: "iris", model: "softmax", hidden: "16", act: "tanh", opt: dopt, mode: batch === 0 ? "batch" : "minibatch",
        bs: tr.default_batch.step_based, ep: batch === 0 ? tr.default_epochs.full_batch : tr.default_epochs.mini_batch, vf: 0.25, seed: tr.seed, l2: 0, fx: 0, fy: 1,
        // prev: the rate of the run whose advice ("Use lr") set lr, which
        // /api/train gets as prev_lr while lr stays at that advice (to).
        prev: 0, to: 0 },
    };
  }
  let pinfo = null; // problem info from the server
  let grid = null; // grid response
  let results = []; // run results aligned with S.runs
  let colorOf = []; // color index per run
  let fitWindow = null;
  let anim = null; // {start, runs: Set of indices}
  let lossPlot = null, trainPlot = null, metricPlot = null;
  let hover = null;
  let busy = 0;
  // Step, play, scrub: cursor is the iteration shown (null: every run in
  // full); focus the run whose step the map and the panel detail (-1: the
  // last); play the Play state {t0, k0}.
  let cursor = null, focus = -1, play = null;
  let lrPlot = null;

  // ---------- helpers ----------
  function fmt(v, d = 4) {
    if (v === null || v === undefined || Number.isNaN(v)) return "—";
    if (v === 0) return "0";
    const a = Math.abs(v);
    if (a >= 1e5 || a < 1e-3) return v.toExponential(Math.max(0, d - 2)).replace("e+", "e");
    return String(Number(v.toPrecision(d)));
  }
  function fmtLR(v) {
    if (!(v > 0)) return "";
    const s = v.toPrecision(2);
    return String(Number(s));
  }
  function el(tag, attrs, ...kids) {
    const e = document.createElement(tag);
    for (const [k, v] of Object.entries(attrs || {})) {
      if (k === "class") e.className = v;
      else if (k === "text") e.textContent = v;
      else if (k.startsWith("on")) e.addEventListener(k.slice(2), v);
      else if (v !== false && v !== null && v !== undefined) e.setAttribute(k, v === true ? "" : v);
    }
    for (const c of kids) if (c !== null && c !== undefined) e.append(c);
    return e;
  }
  function toast(msg) {
    const t = $("toast");
    t.textContent = msg; t.hidden = false;
    clearTimeout(toast.timer);
    toast.timer = setTimeout(() => { t.hidden = true; }, 2200);
  }
  async function api(path, body) {
    for (let attempt = 0; ; attempt++) {
      const opts = body === undefined ? {} : { method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify(body) };
      // The static export answers in the page (engine.js, WebAssembly).
      const res = await (globalThis.descentEngine ? globalThis.descentEngine.fetch(path, opts) : fetch("api/" + path, opts));
      let data = null;
      try { data = await res.json(); } catch (e) { data = null; }
      if (res.status === 503 && attempt < 4) {
        const wait = 1000 * (Number(res.headers.get("Retry-After")) || 1);
        await new Promise((r) => setTimeout(r, wait));
        continue;
      }
      if (!res.ok) throw new Error((data && data.error) || ("HTTP " + res.status));
      return data;
    }
  }
  function setBusy(on) {
    busy += on ? 1 : -1;
    for (const id of ["run", "suggest", "train"]) $(id).disabled = busy > 0;
    document.body.setAttribute("aria-busy", busy > 0 ? "true" : "false");
  }

  // ---------- specs ----------
  // The page builds specification text from its controls; it never parses
  // it. Text from a link is decoded by the server (decodeSpec).
  function specString(name, params) {
    const kv = Object.entries(params).filter(([, v]) => v !== "" && v !== undefined && v !== null).map(([k, v]) => k + "=" + v);
    return kv.length ? name + ":" + kv.join(",") : name;
  }
  function specText(sp) { return sp ? specString(sp.name, sp.params || {}) : ""; }
  async function decodeSpec(kind, text) {
    const r = await api("spec", { kind, spec: text });
    return { name: r.name, params: Object.fromEntries(r.params.map((p) => [p.key, p.value])) };
  }

  // ---------- URL state ----------
  function writeHash() {
    const p = new URLSearchParams();
    if (S.tab !== "fn") p.set("tab", S.tab);
    if (S.fn) p.set("f", specText(S.fn)); else p.set("e", S.expr);
    if (S.start) p.set("s", S.start.map((v) => +v.toPrecision(6)).join(","));
    p.set("o", specText(S.opt));
    if (S.sched) p.set("sc", specText(S.sched));
    p.set("n", String(S.steps));
    for (const r of S.runs) p.append("r", r.prev ? r.opt + "|" + (r.sched || "") + "|" + r.prev : r.sched ? r.opt + "|" + r.sched : r.opt);
    if (S.win) p.set("w", S.win.map((v) => +v.toPrecision(6)).join(","));
    if (S.tab === "data") {
      const d = S.d;
      p.set("ds", d.ds); p.set("dm", d.model); p.set("dh", d.hidden); p.set("da", d.act);
      p.set("do", specText(d.opt)); p.set("dmode", d.mode); p.set("dbs", d.bs); p.set("dep", d.ep); p.set("dvf", d.vf); p.set("dseed", d.seed);
      if (d.l2) p.set("dl2", d.l2);
      if (d.prev > 0) p.set("dprev", d.prev + "," + d.to);
      p.set("dxy", d.fx + "," + d.fy);
    }
    const h = "#" + p.toString();
    writtenHash = h;
    if (location.hash !== h) history.replaceState(null, "", h);
  }
  // readHash sets the state from the URL hash, decoding its specifications
  // with the server; it returns the errors of those it could not decode
  // (their settings keep their defaults).
  async function readHash() {
    Object.assign(S, structuredClone(DEF));
    const p = new URLSearchParams(location.hash.slice(1));
    const nums = (s) => s.split(",").map(Number).filter((v) => Number.isFinite(v));
    const bad = [];
    const decoded = async (key, kind) => {
      const text = p.get(key);
      if (text === null || !text.trim()) return null;
      try { return await decodeSpec(kind, text); } catch (e) { bad.push(key + "=" + text + ": " + e.message); return null; }
    };
    const [f, o, sc, dopt] = await Promise.all([p.has("e") ? null : decoded("f", "function"), decoded("o", "optimizer"), decoded("sc", "schedule"), decoded("do", "optimizer")]);
    if (p.get("tab") === "data") S.tab = "data";
    if (p.has("e")) { S.fn = null; S.expr = p.get("e"); }
    else if (f) {
      S.fn = f;
      S.n = Number(f.params.n) || (fnEntry(f.name) || {}).n || 2;
    }
    if (p.has("s")) { const v = nums(p.get("s")); if (v.length) S.start = v; }
    if (o) S.opt = o;
    if (sc) S.sched = sc;
    if (p.has("n")) S.steps = Math.max(1, Math.min(C.limits.max_steps || 20000, Number(p.get("n")) || DEF.steps));
    S.runs = p.getAll("r").slice(-MAX_RUNS).map((r) => {
      const [opt, sched, prev] = r.split("|");
      const run = { opt, sched: sched || "" };
      if (Number(prev) > 0) run.prev = Number(prev);
      return run;
    });
    if (p.has("w")) { const w = nums(p.get("w")); if (w.length === 4) S.win = w; }
    const d = S.d;
    if (p.has("ds")) d.ds = p.get("ds");
    if (p.has("dm")) d.model = p.get("dm");
    if (p.has("dh")) d.hidden = p.get("dh");
    if (p.has("da")) d.act = p.get("da");
    if (dopt) d.opt = dopt;
    if (p.has("dmode")) d.mode = p.get("dmode");
    for (const [k, key] of [["dbs", "bs"], ["dep", "ep"], ["dvf", "vf"], ["dseed", "seed"], ["dl2", "l2"]]) if (p.has(k) && Number.isFinite(Number(p.get(k)))) d[key] = Number(p.get(k));
    if (p.has("dxy")) { const v = nums(p.get("dxy")); if (v.length === 2) [d.fx, d.fy] = v; }
    if (p.has("dprev")) { const v = nums(p.get("dprev")); if (v.length === 2 && v[0] > 0 && v[1] > 0) [d.prev, d.to] = v; }
    return bad;
  }

  // ---------- tabs ----------
  function showTab(tab, focus) {
    S.tab = tab;
    for (const [t, panel] of [["fn", "panel-fn"], ["data", "panel-data"]]) {
      const b = $("tab-" + t), on = t === tab;
      b.setAttribute("aria-selected", on ? "true" : "false");
      b.tabIndex = on ? 0 : -1;
      $(panel).hidden = !on;
      if (on && focus) b.focus();
    }
    writeHash();
    if (tab === "fn") { resizeMap(); resizeLoss(); } else resizeTrain();
  }

  // ---------- problem controls ----------
  function fnEntry(name) { return C.functions.find((f) => f.name === name); }
  function fillFunctions() {
    const sel = $("fn");
    sel.replaceChildren();
    const g2 = el("optgroup", { label: "Two variables (map)" }), gn = el("optgroup", { label: "n variables" }), g3 = el("optgroup", { label: "3 or 4 variables" });
    for (const f of C.functions) {
      const nParam = f.params.some((p) => p.key === "n");
      const o = el("option", { value: f.name, text: f.title && f.title.toLowerCase() !== f.name ? f.name + " — " + f.title : f.name });
      (nParam ? gn : f.n === 2 ? g2 : g3).append(o);
    }
    sel.append(g2, gn, g3, el("option", { value: FORMULA, text: "Formula…" }));
  }
  function problemReq() {
    const pr = {};
    if (S.fn) pr.func = specText(S.fn); else pr.expr = S.expr;
    if (S.start) pr.start = S.start;
    return pr;
  }
  function syncProblemControls() {
    const isExpr = !S.fn;
    const name = isExpr ? FORMULA : S.fn.name;
    $("fn").value = name;
    $("expr-row").hidden = !isExpr;
    $("expr").value = S.expr;
    const f = isExpr ? null : fnEntry(name);
    const hasN = !!(f && f.params.some((p) => p.key === "n"));
    $("fn-n-row").hidden = !hasN;
    $("fn-n").value = String(S.n);
  }
  function describeProblem() {
    const d = $("fn-desc");
    d.replaceChildren();
    if (!pinfo) return;
    d.append(el("code", { text: "f = " + pinfo.formula }));
    const f = S.fn ? fnEntry(S.fn.name) : null;
    if (f) {
      const parts = [];
      if (f.unbounded) parts.push("unbounded below");
      else if (pinfo.f_min !== undefined && pinfo.f_min !== null) parts.push("minimum f* = " + fmt(pinfo.f_min, 6) + (pinfo.minima && pinfo.minima.length === 1 ? " at (" + pinfo.minima[0].map((v) => fmt(v, 5)).join(", ") + ")" : ""));
      if (!f.smooth) parts.push("hard for gradient methods");
      if (parts.length) d.append(el("br"), document.createTextNode(parts.join(" · ")));
    } else {
      d.append(el("br"), document.createTextNode(pinfo.dim + " variable" + (pinfo.dim === 1 ? "" : "s") + ": " + pinfo.vars.join(", ")));
    }
  }
  function showProblemError(msg) {
    $("problem-error").textContent = msg || "";
    $("expr").setAttribute("aria-invalid", msg && !S.fn ? "true" : "false");
  }

  async function loadProblem(rerun) {
    invalidateRuns();
    showProblemError("");
    let info;
    try {
      info = await api("problem", problemReq());
    } catch (e) {
      showProblemError(e.message);
      pinfo = null; grid = null; base = null; results = []; colorOf = [];
      $("fn-desc").replaceChildren();
      $("map-note").hidden = false;
      $("map-note").textContent = "Fix the problem to see its map.";
      drawMap(); updateLoss(); renderRuns();
      return false;
    }
    pinfo = info;
    if (!S.start || S.start.length !== info.dim) { S.start = null; }
    $("start").value = (S.start || info.start).map((v) => fmt(v, 6)).join(", ");
    $("start").removeAttribute("aria-invalid");
    describeProblem();
    writeHash();
    await loadGrid();
    if (rerun && S.runs.length) await runAll();
    else { renderRuns(); showAll(); }
    return true;
  }
  async function loadGrid() {
    const note = $("map-note");
    document.querySelector("#panel-fn .viz").classList.toggle("no-map", !!pinfo && pinfo.dim !== 2);
    if (!pinfo || pinfo.dim !== 2) {
      grid = null; base = null;
      note.hidden = false;
      note.textContent = pinfo ? "The map draws functions of two variables; this one has " + pinfo.dim + ". Runs still fill the loss chart." : "";
      drawMap();
      return;
    }
    note.hidden = true;
    const win = S.win || pinfo.window;
    try {
      const req = { problem: problemReq(), window: win, n: 128 };
      grid = await api("grid", req);
      grid.t = grid.t; // rows from ymin
    } catch (e) {
      showProblemError(e.message);
      grid = null;
    }
    buildBase();
    drawMap();
  }

  // ---------- optimizer controls ----------
  function optEntry(name) { return C.optimizers.find((o) => o.name === name); }
  function schedEntry(name) { return C.schedules.find((o) => o.name === name); }
  function fillOptimizers() {
    const sel = $("opt");
    sel.replaceChildren();
    const steps = el("optgroup", { label: "Step-based (torch.optim)" }), ls = el("optgroup", { label: "Line search" });
    for (const o of C.optimizers) (o.line_search ? ls : steps).append(el("option", { value: o.name, text: o.name }));
    sel.append(steps, ls);
    const ss = $("sched");
    ss.replaceChildren(el("option", { value: "", text: "constant (none)" }));
    for (const s of C.schedules) if (s.name !== "constant") ss.append(el("option", { value: s.name, text: s.name }));
  }
  const LR_MIN = -6, LR_MAX = 1;
  function setLR(lr, prefix = "") {
    const slider = $(prefix + "lr"), num = $(prefix + "lr-num");
    if (lr > 0) {
      slider.value = String(Math.max(Number(slider.min), Math.min(Number(slider.max), Math.log10(lr))));
      num.value = fmtLR(lr);
    }
  }
  function readLR(prefix = "") {
    const v = Number($(prefix + "lr-num").value);
    return v > 0 && Number.isFinite(v) ? v : Math.pow(10, Number($(prefix + "lr").value));
  }
  function paramInput(idPrefix, f, value) {
    const id = idPrefix + f.key;
    const title = f.doc + (f.default ? " (default " + f.default + ")" : "");
    if (f.kind === "bool") {
      const cb = el("input", { type: "checkbox", id, "data-key": f.key, "data-default": f.default || "false" });
      cb.checked = (value !== undefined ? value : f.default) === "true";
      return el("label", { class: "check", for: id, title }, cb, f.key);
    }
    let input;
    if (f.choices && f.choices.length) {
      input = el("select", { id, "data-key": f.key, "data-default": f.default || "" });
      if (!f.default) input.append(el("option", { value: "", text: "—" }));
      for (const c of f.choices) input.append(el("option", { value: c, text: c }));
      input.value = value !== undefined ? value : f.default || "";
    } else {
      input = el("input", { type: "text", id, "data-key": f.key, "data-default": f.default || "", placeholder: f.default || "required", spellcheck: "false", autocomplete: "off" });
      input.value = value !== undefined ? value : "";
    }
    return el("div", {}, el("label", { for: id, title, text: f.key }), input);
  }
  function renderOptParams(sp) {
    const o = optEntry(sp.name) || optEntry(DEF.opt.name);
    $("opt").value = o.name;
    $("opt-summary").textContent = o.summary;
    const box = $("opt-params");
    box.replaceChildren();
    for (const f of o.params) if (f.key !== "lr") box.append(paramInput("p-", f, sp.params[f.key]));
    $("hyper").hidden = box.children.length === 0;
    const lrf = o.params.find((f) => f.key === "lr");
    $("lr-row").hidden = !lrf;
    const autoable = !!(lrf && !lrf.default);
    $("lr-auto-label").hidden = !autoable;
    $("lr-auto").checked = autoable && !sp.params.lr;
    $("lr").disabled = $("lr-num").disabled = autoable && !sp.params.lr;
    if (lrf) setLR(Number(sp.params.lr || lrf.default || 0.01));
  }
  function collectParams(box) {
    const params = {};
    for (const inp of box.querySelectorAll("[data-key]")) {
      const k = inp.dataset.key, def = inp.dataset.default;
      const v = inp.type === "checkbox" ? (inp.checked ? "true" : "false") : inp.value.trim();
      if (v !== "" && v !== def) params[k] = v;
    }
    return params;
  }
  // paramControl is the current optimizer's text control for its
  // parameter key, when the run spec runOpt used that optimizer (an action
  // for one optimizer's parameter is not for another's); null otherwise.
  function paramControl(runOpt, key) {
    if (!key || key === "lr" || String(runOpt || "").split(":")[0] !== $("opt").value) return null;
    const inp = $("opt-params").querySelector('input[type="text"][data-key="' + CSS.escape(key) + '"]');
    return inp || null;
  }
  // schedLengthControl is the control of the length parameter of the
  // schedule a run used (the catalogue's length: polynomial's
  // total_iters) when the controls show that schedule now; null otherwise.
  function schedLengthControl(runSched) {
    const name = String(runSched || "").split(":")[0], s = name ? schedEntry(name) : null;
    if (!s || !s.length || $("sched").value !== name) return null;
    return $("sched-params").querySelector('input[type="text"][data-key="' + CSS.escape(s.length) + '"]');
  }
  // fmtParam writes a parameter's value with 6 significant digits at most.
  function fmtParam(v) { return String(Number(v.toPrecision(6))); }
  function currentOpt() {
    const name = $("opt").value;
    const o = optEntry(name);
    const params = {};
    if (o.params.some((f) => f.key === "lr") && !$("lr-auto").checked) params.lr = fmtLR(readLR());
    Object.assign(params, collectParams($("opt-params")));
    return { name, params };
  }
  function schedDefaults(name) {
    const n = S.steps;
    return { cosine: { t_max: n }, cosine_restarts: { t_0: Math.max(1, Math.round(n / 4)) }, step: { step_size: Math.max(1, Math.round(n / 4)) },
      multistep: { milestones: Math.round(n / 2) + ";" + Math.round(3 * n / 4) }, exponential: { gamma: 0.999 }, inverse_time: { decay: 0.01 },
      cyclic: { max_lr: fmtLR(readLR() * 10), step_size_up: Math.max(1, Math.round(n / 8)) }, onecycle: { max_lr: fmtLR(readLR() * 10), total_steps: n },
      polynomial: { total_iters: n } }[name] || {};
  }
  function renderSchedParams(sp) {
    const s = sp ? schedEntry(sp.name) : null;
    $("sched").value = s ? s.name : "";
    const box = $("sched-params");
    box.replaceChildren();
    if (!s) return;
    const defs = Object.keys(sp.params).length ? {} : schedDefaults(s.name);
    for (const f of s.params) {
      const v = sp.params[f.key] !== undefined ? sp.params[f.key] : defs[f.key] !== undefined ? String(defs[f.key]) : undefined;
      box.append(paramInput("s-", f, v));
    }
  }
  function currentSched() {
    const name = $("sched").value;
    if (!name) return null;
    return { name, params: collectParams($("sched-params")) };
  }
  function syncControlsToState() {
    const was = specText(S.opt) + "|" + specText(S.sched);
    S.opt = currentOpt();
    S.sched = currentSched();
    const n = Number($("steps").value);
    S.steps = Number.isFinite(n) && n >= 1 ? Math.min(Math.round(n), C.limits.max_steps || 20000) : DEF.steps;
    if (specText(S.opt) + "|" + specText(S.sched) !== was) {
      staleFn();
      // The runs' parameter buttons depend on the current optimizer's controls.
      if (results.length) renderRuns();
    }
    writeHash();
  }

  // ---------- runs ----------
  function runReq(runs) {
    return { problem: problemReq(), runs: runs.map((r) => ({ opt: r.opt, schedule: r.sched || undefined, prev_lr: r.prev || undefined, detail: true })), max_steps: S.steps };
  }
  function freeColor() {
    for (let c = 0; c < COLORS.length; c++) if (!colorOf.includes(c)) return c;
    return 0;
  }
  // addRun runs the controls' optimizer as a new run; prev, when given, is
  // the rate of the run whose advice this one follows (the API's prev_lr:
  // advice that turns back then goes at most halfway).
  async function addRun(stepping, prev) {
    stopPlay();
    syncControlsToState();
    $("run-error").textContent = "";
    if (!pinfo) { $("run-error").textContent = "Fix the problem first."; return; }
    const r = { opt: specText(S.opt), sched: specText(S.sched) };
    if (prev > 0) r.prev = prev;
    setBusy(true);
    try {
      const res = await api("run", runReq([r]));
      while (S.runs.length >= MAX_RUNS) { S.runs.shift(); results.shift(); colorOf.shift(); }
      const c = freeColor();
      S.runs.push(r); results.push(res.runs[0]); colorOf.push(c);
      fitWindow = res.fit_window || fitWindow;
      focus = -1;
      writeHash();
      autoFit();
      if (stepping) { cursor = 0; anim = null; renderRuns(); showAll(); } else { cursor = null; startAnimation([results.length - 1]); }
      return true;
    } catch (e) {
      $("run-error").textContent = e.message;
      return false;
    } finally { setBusy(false); }
  }
  async function runAll() {
    stopPlay();
    $("run-error").textContent = "";
    if (!S.runs.length) { results = []; colorOf = []; drawMap(); updateLoss(); renderRuns(); return; }
    setBusy(true);
    try {
      const res = await api("run", runReq(S.runs));
      results = res.runs;
      colorOf = results.map((_, i) => i % COLORS.length);
      fitWindow = res.fit_window || null;
      autoFit();
      if (cursor !== null) { cursor = Math.min(cursor, lastIter()); renderRuns(); showAll(); }
      else startAnimation(results.map((_, i) => i));
    } catch (e) {
      $("run-error").textContent = e.message;
      results = []; colorOf = [];
      drawMap(); updateLoss(); renderRuns();
    } finally { setBusy(false); }
  }
  function removeRun(i) {
    S.runs.splice(i, 1); results.splice(i, 1); colorOf.splice(i, 1);
    if (focus === i) focus = -1; else if (focus > i) focus--;
    if (cursor !== null) cursor = Math.min(cursor, lastIter());
    writeHash(); renderRuns(); showAll();
  }
  function clearRuns() {
    stopPlay();
    S.runs = []; results = []; colorOf = []; anim = null; fitWindow = null; cursor = null; focus = -1;
    writeHash(); renderRuns(); showAll();
  }
  // showAll redraws everything that depends on the runs and the cursor.
  function showAll() { drawMap(); updateLoss(); updateLR(); syncPlayer(); renderStepInfo(); }
  function verdictClass(v) { return "v-" + String(v || "").replace(/[^a-z_]/g, ""); }
  function renderRuns() {
    const ol = $("runs");
    ol.replaceChildren();
    $("run-count").textContent = results.length ? "(" + results.length + " of " + MAX_RUNS + ")" : "";
    if (!results.length) {
      ol.append(el("li", { class: "empty", text: S.runs.length ? "Running " + S.runs.length + " run" + (S.runs.length > 1 ? "s" : "") + " again for the new problem or start point…" : "No runs yet. Choose an optimizer and a learning rate, then press Run or Step — or click the map to pick a start point first." }));
      return;
    }
    results.forEach((r, i) => {
      const col = COLORS[colorOf[i]];
      const d = r.diagnosis || {};
      const li = el("li", { class: "run" + (i === focusRun() ? " focus" : ""), style: "--c:" + col, "data-verdict": d.verdict || "", title: "Click to follow this run with Step and the slider" });
      li.addEventListener("click", (ev) => { if (ev.target.closest("button")) return; focus = i; renderRuns(); showAll(); });
      const label = r.opt + (r.schedule ? " · " + r.schedule : "");
      li.append(el("div", { class: "run-head" },
        el("span", { class: "swatch", "aria-hidden": "true" }),
        el("span", { class: "spec", text: label }),
        el("button", { type: "button", "aria-label": "Remove run " + label, title: "Remove", onclick: () => removeRun(i), text: "×" })));
      li.append(el("span", { class: "verdict " + verdictClass(d.verdict), text: String(d.verdict || "").replace("_", " ") }));
      const dl = el("dl", { class: "stats" });
      const add = (k, v) => dl.append(el("dt", { text: k }), el("dd", { text: v }));
      add("status", r.status + " after " + r.iterations + " steps");
      add("final f", fmt(r.f, 6));
      add("best f", fmt(r.best && r.best.f, 6) + (r.best ? " (step " + r.best.iteration + ")" : ""));
      add("‖∇f‖", fmt(r.grad_norm, 3));
      if (r.curvature && r.curvature.stable_lr_bound !== null) add("stable lr <", fmt(r.curvature.stable_lr_bound, 3) + " (L = " + fmt(r.curvature.L, 3) + ")");
      li.append(dl);
      li.append(el("p", { class: "advice", text: d.advice || r.message }));
      // The diagnosis's actions as buttons: a learning rate to try (with
      // the current method), a larger step budget (for every run), a
      // schedule stretched over the run (when the controls show it), and a
      // value for one of the current optimizer's parameters (set_param's
      // step_max, set_weight_decay's weight_decay) when this run used that
      // optimizer, it has a control for the parameter and the value is not
      // the control's already.
      for (const a of d.actions || []) {
        if (a.kind === "set_lr" && !a.param && a.lr > 0 && Math.abs(a.lr - (r.lr || 0)) > 1e-12 * a.lr && $("lr-row").hidden === false) {
          li.append(el("button", { type: "button", class: "try", onclick: () => { setLR(a.lr); $("lr-auto").checked = false; $("lr").disabled = $("lr-num").disabled = false; syncControlsToState(); addRun(false, r.lr); }, text: "Try lr = " + fmtLR(a.lr) }));
        } else if (a.kind === "raise_budget" && a.budget > S.steps && a.budget <= (C.limits.max_steps || 20000)) {
          li.append(el("button", { type: "button", class: "try", onclick: () => { $("steps").value = String(a.budget); syncControlsToState(); runAll(); }, text: "Try max steps = " + a.budget }));
        } else if (a.kind === "stretch_schedule" && a.steps > 0) {
          // The schedule's rate reached 0 before the run's end: its
          // length parameter (polynomial's total_iters) over the run.
          const inp = schedLengthControl(r.schedule);
          if (!inp || Number(inp.value.trim() || inp.dataset.default) === a.steps) continue;
          li.append(el("button", { type: "button", class: "try", onclick: () => { inp.value = String(a.steps); syncControlsToState(); addRun(false); },
            text: "Try the schedule over " + a.steps + " steps" }));
        } else if (a.kind === "set_param" || a.kind === "set_weight_decay") {
          const key = a.kind === "set_param" ? a.param : "weight_decay", v = a.kind === "set_param" ? a.value : a.weight_decay;
          const inp = paramControl(r.opt, key);
          if (!inp || !Number.isFinite(v)) continue;
          const text = fmtParam(v), cur = Number(inp.value.trim() || inp.dataset.default);
          if (Number.isFinite(cur) && Math.abs(v - cur) <= 1e-12 * Math.abs(v)) continue;
          li.append(el("button", { type: "button", class: "try", onclick: () => { inp.value = text; syncControlsToState(); addRun(false); },
            text: "Try " + (key === "weight_decay" ? "weight decay" : key) + " = " + text }));
        }
      }
      ol.append(li);
    });
  }

  // ---------- animation ----------
  function maxIter(r) { return r.loss.iter.length ? r.loss.iter[r.loss.iter.length - 1] : 0; }
  function startAnimation(which) {
    const M = Math.max(1, ...which.map((i) => maxIter(results[i])));
    anim = { t0: performance.now(), which: new Set(which), M };
    renderRuns();
    if (matchMedia("(prefers-reduced-motion: reduce)").matches) anim = null;
    requestAnimationFrame(frame);
  }
  // iterAt maps animation progress τ ∈ [0, 1] to an iteration, slowly at
  // first: the early steps are where the paths move most.
  function iterAt(tau, M) {
    const c = Math.min(M / 5, 300);
    if (c < 1) return tau * M;
    return M * (Math.pow(1 + c, tau) - 1) / c;
  }
  function limitFor(i) {
    if (cursor !== null) return cursor;
    if (!anim || !anim.which.has(i)) return Infinity;
    const tau = Math.min(1, (performance.now() - anim.t0) / ANIM_MS);
    return iterAt(tau, anim.M);
  }
  function frame() {
    if (!anim) { showAll(); document.body.dataset.animating = "false"; return; } // reduced motion, or stopped by Step, Play or the slider
    drawMap();
    updateLoss();
    updateLR();
    if (anim && performance.now() - anim.t0 < ANIM_MS) requestAnimationFrame(frame);
    else if (anim) { anim = null; showAll(); document.body.dataset.animating = "false"; }
    if (anim) document.body.dataset.animating = "true";
  }

  // ---------- contour map ----------
  const VIRIDIS = [[68, 1, 84], [72, 40, 120], [62, 73, 137], [49, 104, 142], [38, 130, 142], [31, 158, 137], [53, 183, 121], [110, 206, 88], [181, 222, 43], [253, 231, 37]];
  const VSTOPS = [0, .125, .25, .375, .5, .625, .75, .875, .9375, 1];
  const LUT = (() => {
    const lut = new Uint8ClampedArray(256 * 3);
    for (let i = 0; i < 256; i++) {
      const t = i / 255;
      let k = 0;
      while (k < VSTOPS.length - 2 && t > VSTOPS[k + 1]) k++;
      const u = (t - VSTOPS[k]) / (VSTOPS[k + 1] - VSTOPS[k]);
      for (let j = 0; j < 3; j++) lut[3 * i + j] = VIRIDIS[k][j] + u * (VIRIDIS[k + 1][j] - VIRIDIS[k][j]);
    }
    return lut;
  })();
  let base = null; // offscreen canvas with the map, axes and minima
  let geo = null; // {W, H, L, T, R, B, win}
  const canvas = $("map");
  function resizeMap() {
    const wrap = $("map-wrap");
    const r = wrap.getBoundingClientRect();
    if (r.width < 10) return;
    const dpr = window.devicePixelRatio || 1;
    canvas.width = Math.round(r.width * dpr);
    canvas.height = Math.round(r.height * dpr);
    buildBase();
    drawMap();
  }
  function niceTicks(lo, hi, count) {
    const span = hi - lo;
    const step0 = span / Math.max(1, count);
    const mag = Math.pow(10, Math.floor(Math.log10(step0)));
    const norm = step0 / mag;
    const step = (norm < 1.5 ? 1 : norm < 3 ? 2 : norm < 7 ? 5 : 10) * mag;
    const out = [];
    for (let v = Math.ceil(lo / step) * step; v <= hi + step * 1e-9; v += step) out.push(Math.abs(v) < step * 1e-9 ? 0 : v);
    return out;
  }
  function tickLabel(v) {
    const a = Math.abs(v);
    if (a !== 0 && (a >= 1e5 || a < 1e-3)) return v.toExponential(1).replace(".0e", "e").replace("e+", "e");
    return String(Number(v.toPrecision(6)));
  }
  // logSplits puts at most about six labelled decades on a log axis.
  function logSplits(u, axisIdx, min, max) {
    if (!(min > 0) || !(max > min)) return [];
    const lo = Math.floor(Math.log10(min) + 1e-9), hi = Math.ceil(Math.log10(max) - 1e-9);
    const step = Math.max(1, Math.ceil((hi - lo) / 6));
    const out = [];
    for (let k = Math.ceil(lo / step) * step; k <= hi; k += step) {
      const v = Math.pow(10, k);
      if (v >= min * 0.999 && v <= max * 1.001) out.push(v);
    }
    return out;
  }
  function buildBase() {
    const W = canvas.width, H = canvas.height;
    if (!W || !H) return;
    const dpr = window.devicePixelRatio || 1;
    const L = Math.round(46 * dpr), B = Math.round(28 * dpr), T = Math.round(8 * dpr), R = Math.round(10 * dpr);
    const win = grid ? grid.window : (S.win || (pinfo && pinfo.window) || [-1, 1, -1, 1]);
    geo = { W, H, L, T, R, B, win, dpr, pw: W - L - R, ph: H - T - B };
    canvas.dataset.geo = JSON.stringify({ L, T, pw: geo.pw, ph: geo.ph, win, dpr }); // the plot area, for tests and tools
    base = document.createElement("canvas");
    base.width = W; base.height = H;
    const g = base.getContext("2d");
    g.fillStyle = "#ffffff";
    g.fillRect(0, 0, W, H);
    if (grid) {
      const n = grid.n, t = grid.t, tmax = grid.tmax || 1;
      const img = document.createElement("canvas");
      img.width = n; img.height = n;
      const ig = img.getContext("2d");
      const data = ig.createImageData(n, n);
      for (let row = 0; row < n; row++) {
        for (let col = 0; col < n; col++) {
          const v = t[row * n + col];
          const o = 4 * ((n - 1 - row) * n + col);
          if (v === null) { data.data[o] = 200; data.data[o + 1] = 200; data.data[o + 2] = 205; data.data[o + 3] = 255; continue; }
          const k = Math.max(0, Math.min(255, Math.round(v / tmax * 255)));
          data.data[o] = LUT[3 * k]; data.data[o + 1] = LUT[3 * k + 1]; data.data[o + 2] = LUT[3 * k + 2]; data.data[o + 3] = 255;
        }
      }
      ig.putImageData(data, 0, 0);
      g.save();
      g.imageSmoothingEnabled = true;
      g.imageSmoothingQuality = "high";
      // Grid nodes sit on the window's edges: cell centers are half a cell in.
      const cw = geo.pw / (n - 1), ch = geo.ph / (n - 1);
      g.beginPath(); g.rect(L, T, geo.pw, geo.ph); g.clip();
      g.drawImage(img, L - cw / 2, T - ch / 2, geo.pw + cw, geo.ph + ch);
      drawContours(g, n, t, tmax);
      g.restore();
      // Minima.
      if (pinfo && pinfo.minima) for (const m of pinfo.minima) { const [x, y] = toPx(m[0], m[1]); if (inside(x, y)) star(g, x, y, 7 * dpr); }
    }
    // Axes.
    g.strokeStyle = "#9aa3b5"; g.lineWidth = 1;
    g.strokeRect(L + .5, T + .5, geo.pw - 1, geo.ph - 1);
    g.fillStyle = "#475069";
    g.font = (11 * dpr) + "px system-ui, sans-serif";
    g.textAlign = "center"; g.textBaseline = "top";
    for (const v of niceTicks(win[0], win[1], Math.max(3, Math.round(geo.pw / (80 * dpr))))) {
      const [x] = toPx(v, win[2]);
      g.fillRect(Math.round(x), T + geo.ph, 1, 4 * dpr);
      g.fillText(tickLabel(v), x, T + geo.ph + 6 * dpr);
    }
    g.textAlign = "right"; g.textBaseline = "middle";
    for (const v of niceTicks(win[2], win[3], Math.max(3, Math.round(geo.ph / (60 * dpr))))) {
      const [, y] = toPx(win[0], v);
      g.fillRect(L - 4 * dpr, Math.round(y), 4 * dpr, 1);
      g.fillText(tickLabel(v), L - 6 * dpr, y);
    }
    const vars = (pinfo && pinfo.vars) || ["x", "y"];
    g.textAlign = "left"; g.textBaseline = "bottom";
    g.fillText(vars[0] + " →", L + geo.pw - 28 * dpr, H - 1 * dpr);
    g.save(); g.translate(11 * dpr, T + 26 * dpr); g.rotate(-Math.PI / 2); g.textAlign = "right"; g.fillText(vars[1] + " →", 0, 0); g.restore();
  }
  function drawContours(g, n, t, tmax) {
    const levels = 14;
    const sx = geo.pw / (n - 1), sy = geo.ph / (n - 1);
    const X = (c) => geo.L + c * sx, Y = (r) => geo.T + geo.ph - r * sy;
    g.lineWidth = Math.max(1, geo.dpr * 0.9);
    for (let k = 1; k <= levels; k++) {
      const lv = tmax * k / (levels + 1);
      g.strokeStyle = k % 4 === 0 ? "rgba(255,255,255,0.55)" : "rgba(255,255,255,0.28)";
      g.beginPath();
      for (let r = 0; r < n - 1; r++) {
        for (let c = 0; c < n - 1; c++) {
          const a = t[r * n + c], b = t[r * n + c + 1], d = t[(r + 1) * n + c], e = t[(r + 1) * n + c + 1];
          if (a === null || b === null || d === null || e === null) continue;
          // Corners: a (c, r), b (c+1, r), e (c+1, r+1), d (c, r+1).
          const idx = (a > lv ? 1 : 0) | (b > lv ? 2 : 0) | (e > lv ? 4 : 0) | (d > lv ? 8 : 0);
          if (idx === 0 || idx === 15) continue;
          const pts = [];
          const edge = (p, q, pc, pr, qc, qr) => { const u = (lv - p) / (q - p); pts.push([X(pc + u * (qc - pc)), Y(pr + u * (qr - pr))]); };
          if ((a > lv) !== (b > lv)) edge(a, b, c, r, c + 1, r);
          if ((b > lv) !== (e > lv)) edge(b, e, c + 1, r, c + 1, r + 1);
          if ((e > lv) !== (d > lv)) edge(e, d, c + 1, r + 1, c, r + 1);
          if ((d > lv) !== (a > lv)) edge(d, a, c, r + 1, c, r);
          for (let j = 0; j + 1 < pts.length; j += 2) { g.moveTo(pts[j][0], pts[j][1]); g.lineTo(pts[j + 1][0], pts[j + 1][1]); }
        }
      }
      g.stroke();
    }
  }
  function toPx(x, y) {
    const w = geo.win;
    return [geo.L + (x - w[0]) / (w[1] - w[0]) * geo.pw, geo.T + (1 - (y - w[2]) / (w[3] - w[2])) * geo.ph];
  }
  function fromPx(px, py) {
    const w = geo.win;
    return [w[0] + (px - geo.L) / geo.pw * (w[1] - w[0]), w[2] + (1 - (py - geo.T) / geo.ph) * (w[3] - w[2])];
  }
  function inside(px, py) { return px >= geo.L && px <= geo.L + geo.pw && py >= geo.T && py <= geo.T + geo.ph; }
  function star(g, x, y, r) {
    g.beginPath();
    for (let i = 0; i < 10; i++) {
      const a = -Math.PI / 2 + i * Math.PI / 5, rr = i % 2 ? r * 0.45 : r;
      g.lineTo(x + rr * Math.cos(a), y + rr * Math.sin(a));
    }
    g.closePath();
    g.fillStyle = "#ffffff"; g.fill();
    g.lineWidth = Math.max(1, r / 6); g.strokeStyle = "#1c2434"; g.stroke();
  }
  function clampPx(x, y) {
    // Keep far-away points finite for the canvas while preserving direction.
    const lim = 20 * Math.max(geo.W, geo.H);
    return [Math.max(-lim, Math.min(lim, x)), Math.max(-lim, Math.min(lim, y))];
  }
  function drawMap() {
    const g = canvas.getContext("2d");
    if (!geo || !base) { g.clearRect(0, 0, canvas.width, canvas.height); return; }
    g.drawImage(base, 0, 0);
    if (!grid) return;
    const dpr = geo.dpr;
    g.save();
    g.beginPath(); g.rect(geo.L, geo.T, geo.pw, geo.ph); g.clip();
    g.lineJoin = "round"; g.lineCap = "round";
    results.forEach((r, i) => {
      const p = r.path;
      if (!p || !p.x.length) return;
      const lim = limitFor(i);
      const pts = [];
      // Every step while the run's steps are there in full; the thinned path beyond.
      if (r.steps && lim !== Infinity && lim < r.steps.length) for (let k = 0; k <= lim; k++) pts.push(clampPx(...toPx(r.steps[k].x[0], r.steps[k].x[1])));
      else for (let k = 0; k < p.x.length && p.iter[k] <= lim; k++) pts.push(clampPx(...toPx(p.x[k], p.y[k])));
      if (!pts.length) return;
      const col = COLORS[colorOf[i]];
      for (const [w, s] of [[5.5, "rgba(255,255,255,0.85)"], [2.6, col]]) {
        g.lineWidth = w * dpr; g.strokeStyle = s;
        g.beginPath();
        pts.forEach(([x, y], k) => (k ? g.lineTo(x, y) : g.moveTo(x, y)));
        g.stroke();
      }
      const [ex, ey] = pts[pts.length - 1];
      const done = lim === Infinity || lim >= maxIter(r);
      g.beginPath(); g.arc(ex, ey, 4.5 * dpr, 0, 2 * Math.PI);
      g.fillStyle = col; g.fill(); g.lineWidth = 1.8 * dpr; g.strokeStyle = "#fff"; g.stroke();
      if (done && p.cut) { g.fillStyle = "#fff"; g.font = "bold " + 12 * dpr + "px system-ui"; g.fillText("✕", ex + 6 * dpr, ey - 6 * dpr); }
    });
    drawStepArrows(g);
    // Start point.
    const st = S.start || (pinfo && pinfo.start);
    if (st && st.length === 2) {
      const [sx, sy] = toPx(st[0], st[1]);
      g.beginPath(); g.arc(sx, sy, 6 * dpr, 0, 2 * Math.PI);
      g.fillStyle = "#ffffff"; g.fill(); g.lineWidth = 2.5 * dpr; g.strokeStyle = "#1c2434"; g.stroke();
      g.beginPath(); g.arc(sx, sy, 2 * dpr, 0, 2 * Math.PI); g.fillStyle = "#1c2434"; g.fill();
    }
    if (hover && inside(hover[0], hover[1])) {
      g.strokeStyle = "rgba(255,255,255,0.6)"; g.lineWidth = 1; g.setLineDash([4 * dpr, 4 * dpr]);
      g.beginPath(); g.moveTo(hover[0], geo.T); g.lineTo(hover[0], geo.T + geo.ph); g.moveTo(geo.L, hover[1]); g.lineTo(geo.L + geo.pw, hover[1]); g.stroke();
      g.setLineDash([]);
    }
    g.restore();
  }
  // arrow draws a line from (x0, y0) to (x1, y1) in pixels with a head.
  function arrow(g, x0, y0, x1, y1, color, width, dash) {
    const dpr = geo.dpr, len = Math.hypot(x1 - x0, y1 - y0);
    if (!(len > 0.5)) return;
    const ux = (x1 - x0) / len, uy = (y1 - y0) / len, h = Math.min(10 * dpr, len * 0.4);
    g.save();
    g.strokeStyle = color; g.fillStyle = color; g.lineWidth = width * dpr; g.setLineDash(dash ? [5 * dpr, 4 * dpr] : []);
    g.beginPath(); g.moveTo(x0, y0); g.lineTo(x1 - ux * h * 0.8, y1 - uy * h * 0.8); g.stroke();
    g.setLineDash([]);
    g.beginPath(); g.moveTo(x1, y1); g.lineTo(x1 - ux * h - uy * h * 0.5, y1 - uy * h + ux * h * 0.5); g.lineTo(x1 - ux * h + uy * h * 0.5, y1 - uy * h - ux * h * 0.5); g.closePath(); g.fill();
    g.restore();
  }
  // drawStepArrows shows, for the followed run at the cursor k, the step
  // into x_k: the plain gradient step −lr·∇f(x_{k−1}) (dashed) and the
  // optimizer's actual update x_k − x_{k−1} (solid), and the point x_k; at
  // k = 0 the gradient step the first update would take.
  function drawStepArrows(g) {
    const i = focusRun();
    if (cursor === null || i < 0) return;
    const r = results[i], st = r.steps;
    if (!st || !st.length) return;
    const k = Math.min(cursor, st.length - 1);
    const col = COLORS[colorOf[i]], dpr = geo.dpr;
    const from = k > 0 ? st[k - 1] : st[0];
    const lr = k > 0 ? st[k].lr : (st.length > 1 ? st[1].lr : r.lr);
    const [fx, fy] = toPx(from.x[0], from.x[1]);
    if (from.grad && lr !== null && lr > 0) {
      const [gx, gy] = clampPx(...toPx(from.x[0] - lr * from.grad[0], from.x[1] - lr * from.grad[1]));
      arrow(g, fx, fy, gx, gy, "rgba(255,255,255,0.95)", 2, true);
    }
    if (k > 0) {
      const [tx, ty] = clampPx(...toPx(st[k].x[0], st[k].x[1]));
      arrow(g, fx, fy, tx, ty, "#1c2434", 4.2, false);
      arrow(g, fx, fy, tx, ty, col, 2.4, false);
    }
    const [px, py] = clampPx(...toPx(st[k].x[0], st[k].x[1]));
    g.beginPath(); g.arc(px, py, 7 * dpr, 0, 2 * Math.PI);
    g.lineWidth = 2.5 * dpr; g.strokeStyle = "#fff"; g.stroke();
  }
  function gridValueAt(x, y) {
    if (!grid) return null;
    const w = grid.window, n = grid.n;
    const c = Math.round((x - w[0]) / (w[1] - w[0]) * (n - 1)), r = Math.round((y - w[2]) / (w[3] - w[2]) * (n - 1));
    if (c < 0 || r < 0 || c >= n || r >= n) return null;
    const t = grid.t[r * n + c];
    return t === null ? null : grid.f_min + grid.scale * (Math.pow(10, t) - 1);
  }
  function canvasPoint(ev) {
    const r = canvas.getBoundingClientRect();
    return [(ev.clientX - r.left) * canvas.width / r.width, (ev.clientY - r.top) * canvas.height / r.height];
  }
  function roundCoord(v) {
    const w = geo.win, span = Math.max(w[1] - w[0], w[3] - w[2]);
    const q = Math.pow(10, Math.floor(Math.log10(span)) - 3);
    return Math.round(v / q) * q;
  }
  async function moveStart(x, y) {
    invalidateRuns();
    S.start = [roundCoord(x), roundCoord(y)];
    $("start").value = S.start.map((v) => fmt(v, 6)).join(", ");
    writeHash();
    drawMap();
    if (S.runs.length) await runAll();
  }

  // ---------- loss chart ----------
  function lossTransform() {
    // Plot f − f* when the minimum is known, else f; a linear scale if
    // anything is ≤ 0 (unbounded functions).
    let ref = 0, label = "f";
    if (pinfo && pinfo.f_min !== undefined && pinfo.f_min !== null) { ref = pinfo.f_min; label = ref === 0 ? "f" : "f − f*"; }
    let pos = true;
    for (const r of results) for (const v of r.loss.f) if (!(v - ref > 0)) { if (v - ref < 0 || ref === 0 && v < 0) pos = false; }
    return { ref, label, log: pos };
  }
  function chartSize(id, ratio, minH) {
    const w = Math.max(200, $(id).clientWidth);
    return { width: w, height: Math.max(minH, Math.round(w * ratio)) };
  }
  function updateLoss() {
    if (!results.length) {
      if (lossPlot) { lossPlot.destroy(); lossPlot = null; }
      $("loss-label").textContent = "";
      $("loss-chart").replaceChildren(el("p", { class: "placeholder", text: "The loss of each run appears here, step by step, on a log scale." }));
      return;
    }
    const tf = lossTransform();
    $("loss-label").textContent = results.length ? (tf.log ? "log scale: " : "") + tf.label + " per step" : "";
    const xsSet = new Set();
    const lims = results.map((_, i) => curveLimit(i));
    results.forEach((r, i) => { for (const it of r.loss.iter) if (it <= lims[i]) xsSet.add(it); });
    const xs = Array.from(xsSet).sort((a, b) => a - b);
    const pos = new Map(xs.map((x, k) => [x, k]));
    const data = [xs];
    const floor = 1e-20;
    results.forEach((r, i) => {
      const ys = new Array(xs.length).fill(null);
      r.loss.iter.forEach((it, k) => { if (it <= lims[i]) { let v = r.loss.f[k] - tf.ref; if (tf.log) v = Math.max(v, floor); ys[pos.get(it)] = v; } });
      data.push(ys);
    });
    const key = results.map((r, i) => colorOf[i] + r.opt + r.schedule).join("|") + tf.log + tf.label;
    if (!lossPlot || lossPlot._key !== key) {
      if (lossPlot) lossPlot.destroy();
      const series = [{ label: "step" }];
      results.forEach((r, i) => series.push({ label: r.opt + (r.schedule ? " · " + r.schedule : "") + " — " + String((r.diagnosis || {}).verdict || "").replace("_", " "), stroke: COLORS[colorOf[i]], width: 2, spanGaps: true, points: { show: false } }));
      const yAxis = { label: tf.label, stroke: "#475069", grid: { stroke: "#eef1f6" }, ticks: { stroke: "#d5dae4" }, size: 58, values: (u, vals) => vals.map((v) => v === null ? "" : tickLabel(v)) };
      if (tf.log) { yAxis.splits = logSplits; yAxis.filter = (u, splits) => splits; }
      const opts = {
        ...lossSize(),
        series,
        scales: { x: { time: false }, y: { ...(tf.log ? { distr: 3 } : {}), range: (u, lo, hi) => lossRange(tf, lo, hi) } },
        hooks: { draw: [drawLossMarks] },
        axes: [{ label: "step", stroke: "#475069", grid: { stroke: "#eef1f6" }, ticks: { stroke: "#d5dae4" } }, yAxis],
        legend: { live: false },
        cursor: { drag: { x: true, y: false } },
      };
      $("loss-chart").replaceChildren();
      lossPlot = new uPlot(opts, data.length > 1 ? data : [[0], ], $("loss-chart"));
      lossPlot._key = key;
      lossPlot._tf = tf;
    } else {
      lossPlot._tf = tf;
      lossPlot.setData(data);
    }
  }
  // curveLimit is the last iteration of run i drawn on the charts: all of
  // it while the slider shows a step (the cursor line marks it), the
  // animation's progress otherwise.
  function curveLimit(i) { return cursor !== null ? Infinity : limitFor(i); }
  // lossRange is the loss chart's y range: the data's, except that a run
  // that blows up does not squeeze the others to a flat line — the top
  // stops at 100× (log axis) or 3× the span (linear) of the largest
  // starting value, and a curve above it is clipped at the top edge.
  function lossRange(tf, lo, hi) {
    let f0 = -Infinity;
    for (const r of results) if (r.loss.f.length) f0 = Math.max(f0, r.loss.f[0] - tf.ref);
    if (tf.log) {
      if (!(lo > 0)) lo = 1e-20;
      if (!(hi > lo)) hi = lo * 10;
      if (f0 > 0 && hi > f0 * 100) hi = f0 * 100;
      return [Math.pow(10, Math.floor(Math.log10(lo))), Math.pow(10, Math.ceil(Math.log10(hi)))];
    }
    if (!(hi > lo)) { const d = Math.abs(lo) || 1; return [lo - d, lo + d]; }
    if (Number.isFinite(f0) && hi > f0 + 2 * (f0 - lo) && f0 > lo) hi = f0 + 2 * (f0 - lo);
    const pad = (hi - lo) * 0.04;
    return [lo - pad, hi + pad];
  }
  // drawLossMarks draws the cursor's iteration as a vertical line and a ✕
  // on each run that diverged, at the iteration where it did, at its last
  // finite value (clipped to the plot).
  function drawLossMarks(u) {
    const ctx = u.ctx, b = u.bbox, dpr = window.devicePixelRatio || 1;
    ctx.save();
    ctx.beginPath(); ctx.rect(b.left, b.top, b.width, b.height); ctx.clip();
    if (cursor !== null) {
      const x = Math.round(u.valToPos(cursor, "x", true)) + 0.5;
      ctx.strokeStyle = "#1c2434"; ctx.lineWidth = dpr; ctx.setLineDash([4 * dpr, 3 * dpr]);
      ctx.beginPath(); ctx.moveTo(x, b.top); ctx.lineTo(x, b.top + b.height); ctx.stroke(); ctx.setLineDash([]);
    }
    const tf = u._tf || { ref: 0, log: false };
    const marks = [];
    results.forEach((r, i) => {
      const dv = r.loss.diverged;
      if (dv === undefined || dv === null || dv > curveLimit(i) || !r.loss.f.length) return;
      let v = r.loss.f[r.loss.f.length - 1] - tf.ref;
      const [lo, hi] = [u.scales.y.min, u.scales.y.max];
      v = Math.min(Math.max(v, lo), hi);
      const x = u.valToPos(dv, "x", true), y = Math.max(b.top + 8 * dpr, Math.min(b.top + b.height - 8 * dpr, u.valToPos(v, "y", true)));
      ctx.fillStyle = COLORS[colorOf[i]]; ctx.strokeStyle = "#fff"; ctx.lineWidth = 3 * dpr;
      ctx.font = "bold " + 15 * dpr + "px system-ui, sans-serif"; ctx.textAlign = "center"; ctx.textBaseline = "middle";
      ctx.strokeText("✕", x, y); ctx.fillText("✕", x, y);
      marks.push({ run: i, iter: dv, x: x / dpr, y: y / dpr });
    });
    ctx.restore();
    // What the chart shows, in CSS pixels of its canvas, for tests and tools.
    u.root.dataset.marks = JSON.stringify(marks);
    u.root.dataset.y = JSON.stringify([u.scales.y.min, u.scales.y.max]);
    u.root.dataset.cursorX = cursor === null ? "" : String(u.valToPos(cursor, "x", true) / dpr);
  }
  // lossSize matches the loss chart to the map beside it (two columns) or
  // gives it a landscape shape (one column).
  function lossSize() {
    const w = Math.max(200, $("loss-chart").clientWidth);
    const map = $("map-wrap").getBoundingClientRect();
    const side = Math.abs(map.top - $("loss-chart").getBoundingClientRect().top) < 60;
    const legend = 28 + 22 * Math.ceil(results.length / 2);
    const h = side && map.height > 200 ? map.height + 24 - legend : Math.round(w * 0.6);
    return { width: w, height: Math.max(220, h) };
  }
  function resizeLoss() { if (lossPlot) lossPlot.setSize(lossSize()); }

  // ---------- learning rate per step ----------
  // updateLR draws the rate each step used (schedules, warmup) for the runs
  // that have one; hidden when no run has a rate (line searches).
  function updateLR() {
    const have = results.map((r) => !!(r.loss.lr && r.loss.lr.some((v) => v !== null)));
    if (!have.some(Boolean)) {
      if (lrPlot) { lrPlot.destroy(); lrPlot = null; }
      $("lr-box").hidden = true;
      return;
    }
    $("lr-box").hidden = false;
    const xsSet = new Set();
    const lims = results.map((_, i) => curveLimit(i));
    results.forEach((r, i) => { if (have[i]) for (const it of r.loss.iter) if (it <= lims[i]) xsSet.add(it); });
    const xs = Array.from(xsSet).sort((a, b) => a - b);
    const pos = new Map(xs.map((x, k) => [x, k]));
    const data = [xs];
    let allPos = true;
    results.forEach((r, i) => {
      const ys = new Array(xs.length).fill(null);
      if (have[i]) r.loss.iter.forEach((it, k) => { const v = r.loss.lr[k]; if (it <= lims[i] && v !== null) { ys[pos.get(it)] = v; if (!(v > 0)) allPos = false; } });
      data.push(ys);
    });
    $("lr-label").textContent = allPos ? "log scale" : "";
    const key = results.map((r, i) => colorOf[i] + r.opt + r.schedule).join("|") + allPos;
    if (!lrPlot || lrPlot._key !== key) {
      if (lrPlot) lrPlot.destroy();
      const series = [{ label: "step" }];
      results.forEach((r, i) => series.push({ label: r.opt + (r.schedule ? " · " + r.schedule : ""), stroke: COLORS[colorOf[i]], width: 2, spanGaps: true, points: { show: false } }));
      const yAxis = { label: "lr", stroke: "#475069", grid: { stroke: "#eef1f6" }, ticks: { stroke: "#d5dae4" }, size: 58, values: (u, vals) => vals.map((v) => v === null ? "" : tickLabel(v)) };
      if (allPos) { yAxis.splits = logSplits; yAxis.filter = (u, splits) => splits; }
      $("lr-chart").replaceChildren();
      lrPlot = new uPlot({ ...chartSize("lr-chart", 0.3, 150), series, legend: { show: false },
        scales: { x: { time: false }, y: allPos ? { distr: 3, range: (u, lo, hi) => [Math.pow(10, Math.floor(Math.log10(lo) - 1e-9)), Math.pow(10, Math.ceil(Math.log10(hi) + 1e-9))] } : {} },
        axes: [{ label: "step", stroke: "#475069", grid: { stroke: "#eef1f6" }, ticks: { stroke: "#d5dae4" } }, yAxis],
        hooks: { draw: [drawCursorLine] } }, data, $("lr-chart"));
      lrPlot._key = key;
    } else lrPlot.setData(data);
  }
  function drawCursorLine(u) {
    if (cursor === null) return;
    const ctx = u.ctx, b = u.bbox, dpr = window.devicePixelRatio || 1;
    const x = Math.round(u.valToPos(cursor, "x", true)) + 0.5;
    if (x < b.left || x > b.left + b.width) return;
    ctx.save(); ctx.strokeStyle = "#1c2434"; ctx.lineWidth = dpr; ctx.setLineDash([4 * dpr, 3 * dpr]);
    ctx.beginPath(); ctx.moveTo(x, b.top); ctx.lineTo(x, b.top + b.height); ctx.stroke(); ctx.restore();
  }

  // ---------- step, play, scrub ----------
  function lastIter() { return results.length ? Math.max(...results.map(maxIter)) : 0; }
  function focusRun() { return focus >= 0 && focus < results.length ? focus : results.length - 1; }
  function setCursor(k) {
    anim = null;
    cursor = Math.max(0, Math.min(lastIter(), Math.round(k)));
    showAll();
  }
  function syncPlayer() {
    const M = lastIter(), k = cursor === null ? M : cursor;
    const sc = $("scrub");
    sc.max = String(M); sc.value = String(k);
    sc.disabled = !results.length;
    sc.setAttribute("aria-valuetext", "step " + k + " of " + M);
    $("scrub-out").textContent = results.length ? "step " + k + " of " + M : "no run yet";
    $("play").textContent = play ? "❚❚ Pause" : "▶ Play";
    $("play").setAttribute("aria-pressed", play ? "true" : "false");
    $("step-reset").disabled = $("play").disabled = !results.length;
  }
  // controlsMatch reports whether the followed run was made with the
  // optimizer and schedule the controls show now.
  function controlsMatch() {
    const i = focusRun();
    if (i < 0) return false;
    const r = S.runs[i];
    return r.opt === specText(currentOpt()) && (r.sched || "") === specText(currentSched());
  }
  // stepOnce takes exactly one optimizer step of the followed run: the
  // map shows the gradient step, the update and the new point, the panel
  // the numbers. With no run, or after the controls changed, it first runs
  // the controls' settings and shows their first step.
  async function stepOnce() {
    stopPlay();
    if (!results.length || !controlsMatch()) {
      if (await addRun(true)) setCursor(1);
      return;
    }
    const r = results[focusRun()];
    const k = cursor === null || cursor >= maxIter(r) ? 1 : cursor + 1;
    setCursor(Math.min(k, maxIter(r)));
  }
  function startPlay() {
    if (!results.length) return;
    anim = null;
    if (cursor === null || cursor >= lastIter()) cursor = 0;
    play = { t0: performance.now(), k0: cursor };
    syncPlayer();
    requestAnimationFrame(playFrame);
  }
  function stopPlay() { if (play) { play = null; syncPlayer(); } }
  function playFrame() {
    if (!play) return;
    const M = lastIter();
    cursor = Math.min(M, play.k0 + Math.floor((performance.now() - play.t0) / 1000 * Number($("speed").value)));
    showAll();
    if (cursor >= M) { play = null; syncPlayer(); return; }
    requestAnimationFrame(playFrame);
  }
  const STATE_NAMES = { exp_avg: "m (exp_avg)", exp_avg_sq: "v (exp_avg_sq)", square_avg: "v (square_avg)", momentum_buffer: "momentum buffer", grad_avg: "mean g (grad_avg)", sum: "Σg² (sum)", exp_inf: "u (exp_inf)", acc_delta: "Σ Δ² (acc_delta)", max_exp_avg_sq: "max v" };
  // renderStepInfo writes the followed run's numbers at the cursor.
  function renderStepInfo() {
    const box = $("step-info");
    const i = focusRun();
    if (cursor === null || i < 0) { box.replaceChildren(); return; }
    const r = results[i], st = r.steps || [];
    const vars = (pinfo && pinfo.vars) || [];
    const label = r.opt + (r.schedule ? " · " + r.schedule : "");
    const k = Math.min(cursor, maxIter(r));
    const head = el("p", {}, el("span", { class: "swatch", style: "--c:" + COLORS[colorOf[i]], "aria-hidden": "true" }), " ", el("strong", { text: label }), " — ");
    if (cursor > maxIter(r)) head.append("stopped at step " + maxIter(r) + " (" + r.status + "). ");
    if (k >= st.length) {
      head.append("step " + k + ": the server sent the first " + st.length + " steps in full; beyond them the map shows the thinned path.");
      box.replaceChildren(head);
      return;
    }
    const s = st[k], prev = k > 0 ? st[k - 1] : null;
    const lrNext = k > 0 ? s.lr : (st.length > 1 ? st[1].lr : r.lr);
    head.append("step " + k + (k === 0 ? " (the start)" : "") + ": f = " + fmt(s.f, 6) + ", ‖∇f‖ = " + fmt(Math.hypot(...s.grad), 4) + (s.lr !== null ? ", lr " + (k === 0 ? "" : "used ") + fmt(k === 0 ? lrNext : s.lr, 4) : ""));
    const cols = [["x", s.x], ["∇f(x)", s.grad]];
    if (prev) {
      cols.push(["update x − x_prev", s.x.map((v, j) => v - prev.x[j])]);
      if (s.lr !== null) cols.push(["−lr·∇f(x_prev)", prev.grad.map((g) => -s.lr * g)]);
    }
    for (const name of Object.keys(s.state || {})) cols.push([STATE_NAMES[name] || name, s.state[name]]);
    if (s.effective_lr) cols.push(["effective lr", s.effective_lr]);
    const n = Math.min(s.x.length, 6);
    const table = el("table", {}, el("thead", {}, el("tr", {}, el("th", { text: "" }), ...cols.map(([h]) => el("th", { scope: "col", text: h })))));
    const tb = el("tbody");
    for (let j = 0; j < n; j++) tb.append(el("tr", {}, el("th", { scope: "row", text: vars[j] || "x" + (j + 1) }), ...cols.map(([, v]) => el("td", { text: fmt(v[j], 5) }))));
    table.append(tb);
    const notes = [];
    if (s.x.length > n) notes.push("first " + n + " of " + s.x.length + " coordinates");
    if (s.effective_lr) notes.push("effective lr = lr/(√v̂ + ε): the step per unit of (averaged) gradient on each coordinate");
    if (prev && s.lr !== null && cols.length) notes.push("the dashed arrow on the map is −lr·∇f, the solid one the update taken");
    box.replaceChildren(head, table, notes.length ? el("p", { class: "muted", text: notes.join(" · ") }) : null);
  }

  // ---------- fitting the map ----------
  // autoFit frames the paths when the user has not chosen a window (zoom,
  // a link's w=) and a path leaves the current one; the window goes into
  // the link so that a shared view shows the same frame.
  function autoFit() {
    if (!fitWindow || !pinfo || pinfo.dim !== 2 || S.win) return;
    const w = (grid && grid.window) || pinfo.window;
    const f = fitWindow;
    if (!w || (f[0] >= w[0] && f[1] <= w[1] && f[2] >= w[2] && f[3] <= w[3])) return;
    S.win = f.slice();
    writeHash();
    loadGrid();
  }

  // ---------- stale results ----------
  // staleFn clears what belonged to the previous inputs of the function
  // tab: the learning-rate suggestion and its bound.
  function staleFn() {
    const out = $("suggest-out");
    out.hidden = true; out.replaceChildren();
  }
  // invalidateRuns drops the results (verdicts, advice, bounds) of runs
  // whose problem or start point changed, until they are run again.
  function invalidateRuns() {
    staleFn();
    lrmap = null; $("lrmap-wrap").hidden = true; $("lrmap-out").textContent = "";
    if (!results.length) return;
    stopPlay();
    results = []; colorOf = []; cursor = null; anim = null;
    renderRuns(); showAll();
  }

  // ---------- learning rate × momentum ----------
  let lrmap = null;
  async function runLRMap() {
    syncControlsToState();
    $("run-error").textContent = "";
    if (!pinfo) { $("run-error").textContent = "Fix the problem first."; return; }
    const req = { problem: problemReq(), max_steps: S.steps };
    const b = results.map((r) => r.curvature && r.curvature.stable_lr_bound).find((v) => v > 0);
    if (b) { req.lr_min = b / 1000; req.lr_max = b * 8; }
    setBusy(true);
    $("lrmap-run").disabled = true;
    try {
      lrmap = await api("lrmap", req);
      $("lrmap-wrap").hidden = false;
      drawLRMap();
      const best = lrmap.best;
      $("lrmap-out").textContent = lrmap.lrs.length + " × " + lrmap.momenta.length + " runs of " + lrmap.iterations + " steps. Best: lr = " + fmtLR(best.lr) + ", momentum = " + best.momentum + ", final f = " + fmt(best.f, 4) + (lrmap.L !== null ? " · L = " + fmt(lrmap.L, 4) + " at the start" : "") + ".";
    } catch (e) {
      $("run-error").textContent = e.message;
    } finally { setBusy(false); $("lrmap-run").disabled = false; }
  }
  function drawLRMap() {
    const cv = $("lrmap"), wrap = $("lrmap-wrap");
    const rect = wrap.getBoundingClientRect(), dpr = window.devicePixelRatio || 1;
    if (rect.width < 10) return;
    cv.width = Math.round(rect.width * dpr); cv.height = Math.round(rect.height * dpr);
    const g = cv.getContext("2d");
    g.fillStyle = "#fff"; g.fillRect(0, 0, cv.width, cv.height);
    if (!lrmap) return;
    const m = lrmap, nx = m.lrs.length, ny = m.momenta.length;
    const L = 56 * dpr, R = 12 * dpr, T = 8 * dpr, B = 34 * dpr, pw = cv.width - L - R, ph = cv.height - T - B;
    const cw = pw / nx, ch = ph / ny;
    const lx = (lr) => { const a = Math.log10(m.lrs[0]), z = Math.log10(m.lrs[nx - 1]); return L + (nx === 1 ? 0.5 : (Math.log10(lr) - a) / (z - a) * (nx - 1) + 0.5) * cw; };
    // Colour: log10 of f above the lowest final f, over the decades the
    // cells span (a converged cell can be 20 decades below a slow one).
    let lo = Infinity, hi = -Infinity;
    for (const row of m.f) for (const v of row) if (typeof v === "number" && Number.isFinite(v)) { lo = Math.min(lo, v); hi = Math.max(hi, v); }
    let tiny = Infinity;
    for (const row of m.f) for (const v of row) if (typeof v === "number" && Number.isFinite(v) && v > lo) tiny = Math.min(tiny, v - lo);
    if (!Number.isFinite(tiny)) tiny = 1;
    const dlo = Math.log10(tiny), dhi = Math.log10(Math.max(hi - lo, tiny));
    const scale = (v) => { const t = dhi > dlo ? (Math.log10(Math.max(v - lo, tiny)) - dlo) / (dhi - dlo) : 0; return Math.max(0, Math.min(255, Math.round(t * 255))); };
    for (let i = 0; i < ny; i++) for (let j = 0; j < nx; j++) {
      const v = m.f[i][j], x = L + j * cw, y = T + (ny - 1 - i) * ch;
      if (m.status[i][j] === "diverged" || typeof v !== "number" || !Number.isFinite(v)) g.fillStyle = "rgb(200,200,205)";
      else { const k = scale(v); g.fillStyle = "rgb(" + LUT[3 * k] + "," + LUT[3 * k + 1] + "," + LUT[3 * k + 2] + ")"; }
      g.fillRect(Math.floor(x), Math.floor(y), Math.ceil(cw) + 1, Math.ceil(ch) + 1);
    }
    // Theory 2(1+β)/L per row (white line) and the measured largest stable rate (ticks).
    g.lineWidth = 2.5 * dpr; g.strokeStyle = "#ffffff"; g.beginPath();
    let on = false;
    for (let i = 0; i < ny; i++) {
      const t = m.theory && m.theory[i];
      if (!(t > 0)) { on = false; continue; }
      const x = Math.max(L, Math.min(L + pw, lx(t))), y = T + (ny - 1 - i + 0.5) * ch;
      if (on) g.lineTo(x, y); else g.moveTo(x, y);
      on = true;
    }
    g.stroke();
    g.fillStyle = "#1c2434";
    for (let i = 0; i < ny; i++) { const s = m.stable && m.stable[i]; if (s > 0) g.fillRect(Math.round(lx(s) + cw / 2) - dpr, T + (ny - 1 - i) * ch + ch * 0.2, 2 * dpr, ch * 0.6); }
    // Best cell.
    const bi = m.momenta.indexOf(m.best.momentum), bj = m.lrs.indexOf(m.best.lr);
    if (bi >= 0 && bj >= 0) { star(g, L + (bj + 0.5) * cw, T + (ny - 1 - bi + 0.5) * ch, Math.min(cw, ch) * 0.35); }
    // Axes with labelled ticks.
    g.strokeStyle = "#9aa3b5"; g.lineWidth = 1; g.strokeRect(L + .5, T + .5, pw - 1, ph - 1);
    g.fillStyle = "#475069"; g.font = (11 * dpr) + "px system-ui, sans-serif";
    g.textAlign = "center"; g.textBaseline = "top";
    const every = Math.max(1, Math.ceil(nx / Math.max(2, pw / (70 * dpr))));
    for (let j = 0; j < nx; j += every) { const x = L + (j + 0.5) * cw; g.fillRect(Math.round(x), T + ph, 1, 4 * dpr); g.fillText(tickLabel(+m.lrs[j].toPrecision(2)), x, T + ph + 6 * dpr); }
    g.textAlign = "right"; g.textBaseline = "middle";
    for (let i = 0; i < ny; i++) { const y = T + (ny - 1 - i + 0.5) * ch; g.fillRect(L - 4 * dpr, Math.round(y), 4 * dpr, 1); g.fillText(String(m.momenta[i]), L - 6 * dpr, y); }
    g.textAlign = "left"; g.textBaseline = "bottom";
    g.fillText("learning rate (log) →", L + pw - 130 * dpr, cv.height - 1 * dpr);
    g.save(); g.translate(11 * dpr, T + ph / 2 + 30 * dpr); g.rotate(-Math.PI / 2); g.fillText("momentum β →", 0, 0); g.restore();
  }

  // ---------- suggest ----------
  async function suggest() {
    syncControlsToState();
    const out = $("suggest-out");
    $("run-error").textContent = "";
    const name = $("opt").value;
    const o = optEntry(name);
    if (o.line_search) { out.hidden = false; out.textContent = name + " chooses its own steps by a line search: no learning rate to suggest."; return; }
    const params = collectParams($("opt-params"));
    setBusy(true);
    try {
      const res = await api("lrfind", { problem: problemReq(), opt: specString(name, params) });
      out.hidden = false;
      out.replaceChildren();
      const rec = res.recommended_lr;
      out.append(el("div", {}, "Recommended: ", el("span", { class: "big", id: "suggested-lr", text: rec ? fmtLR(rec) : "—" })));
      const parts = [];
      if (res.suggested_lr) parts.push("range test (" + res.rule + "): " + fmtLR(res.suggested_lr));
      if (res.curvature && res.curvature.stable_lr_bound) parts.push("stable bound 2/L = " + fmt(res.curvature.stable_lr_bound, 3) + " (L = " + fmt(res.curvature.L, 3) + " at the start)");
      out.append(el("div", { class: "muted", text: parts.join(" · ") }));
      out.append(el("div", { class: "muted", text: res.reason }));
      if (rec) out.append(el("button", { type: "button", class: "small", onclick: () => { setLR(rec); $("lr-auto").checked = false; $("lr").disabled = $("lr-num").disabled = false; syncControlsToState(); $("lr").focus(); }, text: "Use " + fmtLR(rec) }));
      out.scrollIntoView({ block: "nearest" });
    } catch (e) {
      $("run-error").textContent = e.message;
    } finally { setBusy(false); }
  }

  // ---------- data tab ----------
  // An uploaded CSV file ({name, text, target, features}) is held in the
  // page only: the server parses it on every training request and keeps
  // nothing; links do not carry it.
  const UPLOAD = "__upload";
  const UPLOAD_MODELS = ["mlp", "softmax", "logistic", "linear"];
  let upload = null;
  function dsEntry(name) {
    if (name === UPLOAD && upload) {
      return { name: UPLOAD, about: upload.name + " (" + upload.text.length + " bytes, uploaded)", task: "chosen by the model", target: upload.target || "the last column",
        models: UPLOAD_MODELS, features: upload.features || [] };
    }
    return C.datasets.find((d) => d.name === name);
  }
  function fillData() {
    const sel = $("ds");
    sel.replaceChildren(...C.datasets.map((d) => el("option", { value: d.name, text: d.name + " — " + d.title })));
    if (upload) sel.append(el("option", { value: UPLOAD, text: "upload — " + upload.name }));
    $("dupload-limit").textContent = fmtBytes(C.limits.max_upload_bytes || 1 << 20);
    const os = $("dopt");
    os.replaceChildren(el("optgroup", { label: "Step-based" }, ...C.optimizers.filter((o) => !o.line_search).map((o) => el("option", { value: o.name, text: o.name }))),
      el("optgroup", { label: "Line search (batch only)" }, ...C.optimizers.filter((o) => o.line_search).map((o) => el("option", { value: o.name, text: o.name }))));
  }
  function syncDataControls() {
    const d = S.d;
    const ds = dsEntry(d.ds) || C.datasets[0];
    d.ds = ds.name;
    $("ds").value = ds.name;
    $("ds-desc").textContent = ds.about + " · task: " + ds.task + " · target: " + ds.target;
    $("dtarget-row").hidden = ds.name !== UPLOAD;
    if (upload) $("dtarget").value = upload.target;
    $("dl2").value = String(d.l2 || 0);
    fillPickers(ds.features || []);
    const ms = $("dmodel");
    ms.replaceChildren(...ds.models.map((m) => el("option", { value: m, text: m === "mlp" ? "mlp (neural network)" : m })));
    if (!ds.models.includes(d.model)) d.model = ds.models[0];
    ms.value = d.model;
    $("mlp-row").hidden = d.model !== "mlp";
    $("dhidden").value = d.hidden; $("dact").value = d.act;
    const oe = optEntry(d.opt.name) || optEntry(DEF.d.opt.name);
    $("dopt").value = oe.name;
    const lrf = oe.params.find((f) => f.key === "lr");
    $("dlr-row").hidden = !lrf;
    if (lrf) setLR(Number(d.opt.params.lr || lrf.default || 0.1), "d");
    // The optimizer's weight decay, when it has one; empty is its default.
    const wdf = oe.params.find((f) => f.key === "weight_decay");
    $("dwd-row").hidden = !wdf;
    $("dwd").value = wdf && d.opt.params.weight_decay !== undefined ? d.opt.params.weight_decay : "";
    $("dwd").placeholder = wdf ? wdf.default || "0" : "";
    $("dwd-hint").textContent = wdf ? oe.name + "'s weight_decay (" + wdf.doc + "); empty: its default, " + (wdf.default || "0") + "." : "";
    if (oe.line_search) d.mode = "batch";
    for (const r of document.querySelectorAll('input[name="mode"]')) r.disabled = oe.line_search && r.value !== "batch";
    for (const r of document.querySelectorAll('input[name="mode"]')) r.checked = r.value === d.mode;
    $("dbs").value = d.bs; $("depochs").value = d.ep; $("dval").value = d.vf; $("dseed").value = d.seed;
    $("dbs").disabled = d.mode !== "minibatch";
    $("metric-title").textContent = (ds.task === "regression" ? "R² " : "Accuracy ") + "per epoch";
    showPrevNote();
  }
  // showPrevNote says which run's advice the data tab's lr follows.
  function showPrevNote() {
    const d = S.d;
    $("dprev-note").hidden = !(d.prev > 0);
    $("dprev-note").textContent = d.prev > 0 ? "follows the advice of the run at lr " + fmtLR(d.prev) : "";
  }
  function readDataControls() {
    const d = S.d;
    d.ds = $("ds").value; d.model = $("dmodel").value; d.hidden = $("dhidden").value.trim() || "16"; d.act = $("dact").value;
    const o = optEntry($("dopt").value);
    const same = d.opt.name === o.name;
    const params = same ? { ...d.opt.params } : {};
    if (o.params.some((f) => f.key === "lr")) params.lr = fmtLR(readLR("d")); else delete params.lr;
    // The weight-decay field holds the value of the optimizer it shows
    // (another optimizer starts from its own default); a bad value goes to
    // the server, which names it.
    const wd = $("dwd").value.trim();
    if (same && o.params.some((f) => f.key === "weight_decay") && wd !== "") params.weight_decay = wd; else delete params.weight_decay;
    d.opt = { name: o.name, params };
    // The memory of the advice followed holds while lr is the advised
    // rate (as the control shows it); another rate is a run of its own.
    if (d.prev > 0 && !(Math.abs(Number(params.lr) - d.to) <= 1e-2 * d.to)) d.prev = d.to = 0;
    showPrevNote();
    d.mode = (document.querySelector('input[name="mode"]:checked') || {}).value || DEF.d.mode;
    d.bs = Number($("dbs").value) || DEF.d.bs; d.ep = Number($("depochs").value) || DEF.d.ep; d.vf = Number($("dval").value) || DEF.d.vf; d.seed = Number($("dseed").value) || 0;
    const l2 = $("dl2").value.trim();
    d.l2 = l2 === "" ? 0 : Number(l2); // a bad value goes to the server, which names the range
    if ($("dfx").options.length) { d.fx = Number($("dfx").value); d.fy = Number($("dfy").value); }
    if (upload) upload.target = $("dtarget").value.trim();
    // The verdict and its suggestions belong to the run that was trained:
    // they go when a control asks for another run.
    if (trainRes && !$("train-summary").hidden && runKey(trainBody()) !== trainRes._key) {
      $("train-summary").hidden = true;
      $("train-label").textContent = "the settings have changed: train to update";
    }
    writeHash();
  }
  let trainRes = null, trainAnim = null;
  // trainBody is the POST /api/train request of the controls.
  function trainBody() {
    const d = S.d;
    const model = d.model === "mlp" ? "mlp:hidden=" + d.hidden.replace(/\s+/g, "") + ",act=" + d.act : d.model;
    const src = d.ds === UPLOAD && upload ? { csv: upload.text, csv_name: upload.name, target: upload.target || undefined } : { dataset: d.ds };
    return { ...src, model, opt: specText(d.opt), mode: d.mode, batch_size: d.mode === "minibatch" ? d.bs : undefined, epochs: d.ep, val_frac: d.vf, seed: d.seed,
      l2: d.l2 || undefined, prev_lr: d.prev > 0 ? d.prev : undefined, plot: [d.fx, d.fy] };
  }
  // runKey names the run a request asks for (not the features plotted).
  function runKey(b) { return JSON.stringify({ ...b, csv: b.csv === undefined ? undefined : b.csv.length, plot: undefined }); }
  async function train() {
    readDataControls();
    const d = S.d;
    $("train-error").textContent = "";
    setBusy(true);
    try {
      const body = trainBody();
      trainRes = await api("train", body);
      trainRes._key = runKey(body);
      trainRes._lr = Number(d.opt.params.lr) || 0;
      if (d.ds === UPLOAD && upload) { upload.features = trainRes.features; fillPickers(trainRes.features); }
      trainAnim = performance.now();
      document.body.dataset.training = "true";
      requestAnimationFrame(trainFrame);
    } catch (e) {
      $("train-error").textContent = e.message;
      document.body.dataset.trainError = String(Number(document.body.dataset.trainError || 0) + 1);
    } finally { setBusy(false); }
  }
  function fmtBytes(n) { return n >= 1 << 20 && n % (1 << 20) === 0 ? n / (1 << 20) + " MiB" : n >= 1024 ? Math.round(n / 1024) + " KiB" : n + " bytes"; }
  // fillPickers lists the features for the decision map's axes.
  function fillPickers(features) {
    const d = S.d;
    for (const [id, key, def] of [["dfx", "fx", 0], ["dfy", "fy", 1]]) {
      const sel = $(id);
      sel.replaceChildren(...features.map((f, i) => el("option", { value: String(i), text: f })));
      if (!(d[key] >= 0 && d[key] < features.length)) d[key] = Math.min(def, Math.max(0, features.length - 1));
      sel.value = String(d[key]);
      sel.disabled = features.length < 2;
    }
  }
  // readUpload reads the chosen file as text (after checking its size
  // against the server's limit) and trains on it.
  async function readUpload() {
    const f = $("dupload").files[0];
    $("train-error").textContent = "";
    if (!f) return;
    const lim = C.limits.max_upload_bytes || 1 << 20;
    if (f.size > lim) {
      $("train-error").textContent = "csv: " + f.name + " has " + f.size + " bytes, over the upload limit of " + lim + " bytes (" + fmtBytes(lim) + ")";
      return;
    }
    upload = { name: f.name, text: await f.text(), target: "", features: null };
    Object.assign(S.d, { ds: UPLOAD, model: UPLOAD_MODELS[0], fx: 0, fy: 1 });
    fillData(); syncDataControls();
    await train();
  }

  // ---------- decision map (a canvas) ----------
  // The classes' colours: points in full colour, regions lightened.
  const CLASS_COLORS = ["#e63946", "#3451b2", "#2a9d8f", "#f4a261", "#7b61ff", "#8d6e63", "#d63aaf", "#5fb000", "#00a6d6", "#6c757d"];
  function lighten(hex, t) {
    const n = parseInt(hex.slice(1), 16), mix = (c) => Math.round(c + (255 - c) * t);
    return "rgb(" + mix(n >> 16) + "," + mix((n >> 8) & 255) + "," + mix(n & 255) + ")";
  }
  // drawDecision draws the map at the last snapshot at or before epoch.
  let dmapEpoch = Infinity; // the epoch the map shows
  function drawDecision(epoch) {
    dmapEpoch = epoch;
    const r = trainRes, cv = $("dmap"), m = r && r.map;
    const dpr = window.devicePixelRatio || 1;
    const w = Math.max(200, cv.clientWidth || 600);
    const W = Math.round(w * dpr), H = Math.round(Math.min(460, w * 0.62) * dpr);
    if (cv.width !== W || cv.height !== H) { cv.width = W; cv.height = H; }
    const g = cv.getContext("2d");
    g.fillStyle = "#ffffff"; g.fillRect(0, 0, W, H);
    cv.hidden = !m;
    if (!m) {
      $("dmap-label").textContent = "";
      $("dmap-legend").replaceChildren();
      $("dmap-note").textContent = r ? (r.task === "regression" ? "Decision regions are drawn for classifiers: this is a regression." : "Decision regions need two features.")
        : "Train a classifier to see the class it predicts over two features, epoch by epoch.";
      cv.dataset.epoch = "";
      return;
    }
    let k = 0;
    for (let i = 0; i < m.epochs.length; i++) if (m.epochs[i] <= epoch) k = i;
    const L = 56 * dpr, B = 40 * dpr, T = 10 * dpr, R = 12 * dpr, pw = W - L - R, ph = H - T - B;
    const [x0, x1, y0, y1] = m.window, n = m.cells;
    const px = (x) => L + (x - x0) / (x1 - x0) * pw, py = (y) => T + ph - (y - y0) / (y1 - y0) * ph;
    const grid = m.grids[k], conf = m.confidence[k], cw = pw / n, ch = ph / n;
    // fills[class][digit]: paler where the model is less sure (digit 0:
    // chance, 9: certain).
    const fills = CLASS_COLORS.map((c) => Array.from({ length: 10 }, (_, d) => lighten(c, 0.88 - 0.04 * d)));
    for (let row = 0; row < n; row++) {
      for (let col = 0; col < n; col++) {
        g.fillStyle = fills[grid[row * n + col] % fills.length][conf.charCodeAt(row * n + col) - 48];
        g.fillRect(Math.floor(L + col * cw), Math.floor(T + ph - (row + 1) * ch), Math.ceil(cw) + 1, Math.ceil(ch) + 1);
      }
    }
    g.lineWidth = dpr;
    for (let i = 0; i < m.x.length; i++) {
      if (m.x[i] === null || m.y[i] === null) continue;
      g.beginPath();
      g.arc(px(m.x[i]), py(m.y[i]), 3.5 * dpr, 0, 2 * Math.PI);
      g.fillStyle = CLASS_COLORS[m.class[i] % CLASS_COLORS.length]; g.fill();
      g.strokeStyle = "#1b2444"; g.stroke();
    }
    // Axes with labelled ticks.
    g.strokeStyle = "#475069"; g.strokeRect(L, T, pw, ph);
    g.fillStyle = "#475069"; g.font = Math.round(11 * dpr) + "px system-ui, sans-serif";
    g.textAlign = "center"; g.textBaseline = "top";
    for (const v of niceTicks(x0, x1, Math.max(3, Math.round(pw / (80 * dpr))))) {
      g.beginPath(); g.moveTo(px(v), T + ph); g.lineTo(px(v), T + ph + 4 * dpr); g.stroke();
      g.fillText(tickLabel(v), px(v), T + ph + 6 * dpr);
    }
    g.fillText(m.names[0], L + pw / 2, T + ph + 22 * dpr);
    g.textAlign = "right"; g.textBaseline = "middle";
    for (const v of niceTicks(y0, y1, Math.max(3, Math.round(ph / (50 * dpr))))) {
      g.beginPath(); g.moveTo(L - 4 * dpr, py(v)); g.lineTo(L, py(v)); g.stroke();
      g.fillText(tickLabel(v), L - 6 * dpr, py(v));
    }
    g.save(); g.translate(14 * dpr, T + ph / 2); g.rotate(-Math.PI / 2); g.textAlign = "center"; g.fillText(m.names[1], 0, 0); g.restore();
    const last = r.epoch[r.epoch.length - 1];
    $("dmap-label").textContent = "epoch " + m.epochs[k] + " of " + last + (m.stride > 1 ? " · every " + m.stride + "th row shown" : "");
    $("dmap-legend").replaceChildren(...m.classes.map((c, i) => el("span", {}, el("span", { class: "swatch", style: "background:" + CLASS_COLORS[i % CLASS_COLORS.length] }), "class " + c)));
    $("dmap-note").textContent = "Colour: the class the model predicts from " + m.names[0] + " and " + m.names[1] + " with every other feature at its training mean (0 after standardization), paler where its probability is nearer chance; points and axes in the data's units.";
    cv.dataset.epoch = String(m.epochs[k]);
  }
  function trainFrame() {
    const r = trainRes;
    if (!r) return;
    const tau = Math.min(1, (performance.now() - trainAnim) / 1200);
    const k = Math.max(1, Math.ceil(tau * r.epoch.length));
    drawTrain(k);
    drawDecision(r.epoch[k - 1]);
    if (tau < 1) requestAnimationFrame(trainFrame);
    else { renderTrainSummary(); document.body.dataset.training = "false"; }
  }
  // trainRanges returns the y ranges of the loss and metric charts for the
  // whole run, so that the axes hold still while the curves are drawn: the
  // loss in whole decades from its smallest to its largest finite value,
  // except that a diverged run's axis stops at 100× its starting loss, as the function tab's
  // (larger values are drawn on the top edge); R² from max(−1, its
  // minimum) to 1 (lower values on the bottom edge); accuracy 0 to 1. It
  // also finds where a diverged run diverged: its first epoch off the axis
  // or not finite, else its last.
  function trainRanges(r) {
    const fin = (a) => a.filter((v) => v !== null && Number.isFinite(v));
    const pos = fin(r.train_loss.concat(r.val_loss)).filter((v) => v > 0);
    let lo = pos.length ? Math.min(...pos) : 0.1, hi = pos.length ? Math.max(...pos) : 1;
    const diverged = r.status === "diverged";
    if (diverged && r.train_loss[0] > 0) hi = Math.min(hi, r.train_loss[0] * 100);
    lo = Math.pow(10, Math.floor(Math.log10(lo) + 1e-9)); hi = Math.pow(10, Math.ceil(Math.log10(hi) - 1e-9));
    if (!(hi > lo)) hi = lo * 10;
    const metric = r.metric === "r2" ? [Math.max(-1, Math.min(0, ...fin(trainMetric(r).concat(valMetric(r))))), 1] : [0, 1];
    let div = null;
    if (diverged) {
      const i = r.train_loss.findIndex((v) => v === null || !Number.isFinite(v) || v > hi);
      div = r.epoch[i < 0 ? r.epoch.length - 1 : i];
    }
    return { loss: [lo, hi], metric, div };
  }
  // clipTo puts the values of a beyond [lo, hi] on its edges; nulls (not
  // finite) stay gaps.
  function clipTo(a, [lo, hi]) { return a.map((v) => v === null ? null : Math.min(hi, Math.max(lo, v))); }
  // divergedMark is a uPlot plugin that marks the epoch where a run
  // diverged with a red ✕ on the top edge and a dashed line.
  function divergedMark(epoch) {
    return { hooks: { draw: [(u) => {
      if (epoch === null) return;
      const c = u.ctx, dpr = window.devicePixelRatio || 1, x = u.valToPos(epoch, "x", true), y = u.bbox.top + 8 * dpr, s = 5 * dpr;
      c.save();
      c.strokeStyle = "#c1121f"; c.lineWidth = 2 * dpr;
      c.setLineDash([4 * dpr, 4 * dpr]); c.beginPath(); c.moveTo(x, u.bbox.top); c.lineTo(x, u.bbox.top + u.bbox.height); c.stroke();
      c.setLineDash([]); c.beginPath(); c.moveTo(x - s, y - s); c.lineTo(x + s, y + s); c.moveTo(x + s, y - s); c.lineTo(x - s, y + s); c.stroke();
      c.fillStyle = "#c1121f"; c.font = Math.round(11 * dpr) + "px system-ui, sans-serif"; c.textBaseline = "middle";
      const label = "diverged at epoch " + epoch;
      c.textAlign = x + c.measureText(label).width + 12 * dpr < u.bbox.left + u.bbox.width ? "left" : "right";
      c.fillText(label, c.textAlign === "left" ? x + 9 * dpr : x - 9 * dpr, y);
      c.restore();
    }] } };
  }
  // tickValues formats a y axis's ticks and records them on the chart's
  // element (data-yticks), where tests read what the axis shows.
  function tickValues(u, vals) {
    const out = vals.map((v) => v === null ? "" : tickLabel(v));
    u.root.dataset.yticks = out.filter((v) => v !== "").join("|");
    return out;
  }
  let trainSeq = 0;
  function drawTrain(k) {
    const r = trainRes;
    const rg = r._ranges || (r._ranges = trainRanges(r));
    const ep = r.epoch.slice(0, k);
    const data = [ep, clipTo(r.train_loss.slice(0, k), rg.loss), clipTo(r.val_loss.slice(0, k), rg.loss)];
    const mdata = [ep, clipTo(trainMetric(r).slice(0, k), rg.metric), clipTo(valMetric(r).slice(0, k), rg.metric)];
    const key = r._seq || (r._seq = ++trainSeq);
    $("train-label").textContent = "log scale · " + r.mode + (r.mode === "minibatch" ? " (batch " + r.batch_size + ")" : "") + (rg.div !== null ? " · values above " + tickLabel(rg.loss[1]) + " on the top edge" : "");
    if (!trainPlot || trainPlot._key !== key) {
      if (trainPlot) trainPlot.destroy();
      if (metricPlot) metricPlot.destroy();
      $("train-chart").replaceChildren(); $("metric-chart").replaceChildren();
      const ax = (label) => ({ label, stroke: "#475069", grid: { stroke: "#eef1f6" } });
      const xs = { time: false, range: [0, Math.max(1, r.epoch[r.epoch.length - 1])] };
      const epochAxis = { ...ax("epoch"), incrs: [1, 2, 5, 10, 20, 50, 100, 200, 500, 1000, 2000, 5000, 10000] }; // whole epochs
      trainPlot = new uPlot({ ...chartSize("train-chart", 0.5, 240), scales: { x: xs, y: { distr: 3, range: rg.loss } }, plugins: [divergedMark(rg.div)],
        series: [{ label: "epoch" }, { label: "training loss", stroke: "#3451b2", width: 2, spanGaps: true }, { label: "validation loss", stroke: "#e63946", width: 2, dash: [6, 4], spanGaps: true }],
        legend: { live: false },
        axes: [epochAxis, { ...ax("loss"), size: 60, splits: logSplits, filter: (u, splits) => splits, values: tickValues }] }, data, $("train-chart"));
      const mname = r.metric === "r2" ? "R²" : "accuracy";
      metricPlot = new uPlot({ ...chartSize("metric-chart", 0.5, 240), scales: { x: xs, y: { range: rg.metric } }, plugins: [divergedMark(rg.div)],
        series: [{ label: "epoch" }, { label: "training " + mname, stroke: "#3451b2", width: 2 }, { label: "validation " + mname, stroke: "#e63946", width: 2, dash: [6, 4] }],
        legend: { live: false },
        axes: [epochAxis, { ...ax(mname + (r.metric === "r2" && rg.metric[0] === -1 ? " (below −1 on the edge)" : "")), size: 60, values: tickValues }] }, mdata, $("metric-chart"));
      trainPlot._key = key;
    } else {
      trainPlot.setData(data);
      metricPlot.setData(mdata);
    }
  }
  function resizeTrain() {
    if (trainPlot) trainPlot.setSize(chartSize("train-chart", 0.5, 240));
    if (metricPlot) metricPlot.setSize(chartSize("metric-chart", 0.5, 240));
    drawDecision(dmapEpoch);
  }
  function renderTrainSummary() {
    const r = trainRes, box = $("train-summary");
    const last = r.epoch.length - 1;
    const name = r.metric === "accuracy" ? "accuracy" : "R²";
    const m = (v) => v === null || v === undefined ? "—" : r.metric === "accuracy" ? (100 * v).toFixed(1) + "%" : fmt(v, 3);
    const d = r.diagnosis || {};
    const bad = r.status === "diverged" || r.status === "timeout";
    box.hidden = false;
    box.replaceChildren(
      el("div", { class: "summary-head" },
        el("span", { class: "big " + (bad ? "status-diverged" : ""), text: bad ? (r.status === "timeout" ? "Stopped: time budget" : "Diverged") : "Validation " + name + " " + m(valMetric(r)[last]) }),
        d.verdict ? el("span", { class: "verdict " + verdictClass(d.verdict), text: String(d.verdict).replaceAll("_", " ") }) : null),
      el("p", { class: "advice", text: d.advice || "" }),
      trainActions(d) || "",
      el("p", { text: r.message }),
      el("p", { class: "muted", text: r.model + " · " + r.params + " parameters · " + r.n_train + " training rows" + (r.metric_rows ? " (each epoch's curves measured on a seeded sample of " + r.metric_rows + ")" : "") + ", " + r.n_val + " validation rows · " + r.steps + " optimizer steps · " + r.opt + " · training " + name + " " + m(trainMetric(r)[last]) }));
  }

  // dataWD is the weight decay of the data tab's optimizer (its default
  // when the field is empty), null when it has none.
  function dataWD() {
    const f = ((optEntry(S.d.opt.name) || {}).params || []).find((p) => p.key === "weight_decay");
    if (!f) return null;
    const v = S.d.opt.params.weight_decay;
    return Number(v !== undefined ? v : f.default || 0);
  }
  // fmtValue writes a penalty the way a number field and a specification
  // take it (six significant digits).
  function fmtValue(v) { return String(Number(v.toPrecision(6))); }
  // trainActions renders the diagnosis's learning rate, batch size, epoch
  // budget, L2 penalty and weight decay as buttons that set the data tab's
  // controls.
  function trainActions(d) {
    const box = el("div", { class: "actions" });
    for (const a of d.actions || []) {
      if (a.kind === "set_lr" && !a.param && a.lr > 0 && !$("dlr-row").hidden) {
        box.append(el("button", { type: "button", class: "try", onclick: () => {
          // The next run follows this run's advice: its own rate goes with
          // it (prev_lr), so advice that turns back bisects the two.
          const from = trainRes ? trainRes._lr : 0;
          setLR(a.lr, "d");
          [S.d.prev, S.d.to] = from > 0 ? [from, Number(fmtLR(a.lr))] : [0, 0];
          readDataControls(); $("dlr").focus();
        }, text: "Use lr = " + fmtLR(a.lr) }));
      } else if (a.kind === "raise_batch" && a.batch > 0 && S.d.mode === "minibatch") {
        box.append(el("button", { type: "button", class: "try", onclick: () => { $("dbs").value = String(Math.min(a.batch, Number($("dbs").max) || 1000)); readDataControls(); $("dbs").focus(); }, text: "Use batch " + a.batch }));
      } else if (a.kind === "early_stop" && a.epoch > 0 && a.epoch < S.d.ep) {
        box.append(el("button", { type: "button", class: "try", onclick: () => { $("depochs").value = String(a.epoch); readDataControls(); $("depochs").focus(); }, text: "Stop at epoch " + a.epoch }));
      } else if (a.kind === "raise_budget" && a.budget > S.d.ep && a.budget <= (C.limits.max_epochs || 1000)) {
        box.append(el("button", { type: "button", class: "try", onclick: () => { $("depochs").value = String(a.budget); readDataControls(); $("depochs").focus(); }, text: "Use " + a.budget + " epochs" }));
      } else if (a.kind === "set_l2" && a.l2 >= Number($("dl2").min) && a.l2 <= Number($("dl2").max) && Number(fmtValue(a.l2)) !== S.d.l2) {
        const v = fmtValue(a.l2);
        box.append(el("button", { type: "button", class: "try", onclick: () => { $("dl2").value = v; readDataControls(); $("dl2").focus(); }, text: "Use L2 λ = " + v }));
      } else if (a.kind === "set_weight_decay" && a.weight_decay > 0 && !$("dwd-row").hidden && dataWD() !== null && Number(fmtValue(a.weight_decay)) !== dataWD()) {
        const v = fmtValue(a.weight_decay);
        box.append(el("button", { type: "button", class: "try", onclick: () => { $("dwd").value = v; readDataControls(); $("dwd").focus(); }, text: "Use weight decay " + v }));
      }
    }
    return box.children.length ? box : null;
  }

  // ---------- events ----------
  function wire() {
    $("tab-fn").addEventListener("click", () => showTab("fn"));
    $("tab-data").addEventListener("click", () => { showTab("data"); if (!trainRes) syncDataControls(); });
    for (const id of ["tab-fn", "tab-data"]) $(id).addEventListener("keydown", (e) => {
      if (e.key === "ArrowRight" || e.key === "ArrowLeft") { e.preventDefault(); const t = S.tab === "fn" ? "data" : "fn"; showTab(t, true); if (t === "data") syncDataControls(); }
    });
    $("share").addEventListener("click", async () => {
      writeHash();
      try { await navigator.clipboard.writeText(location.href); toast("Link copied: it reproduces this view."); }
      catch (e) { toast("Copy the address bar: the link reproduces this view."); }
    });
    $("fn").addEventListener("change", () => {
      const v = $("fn").value;
      S.start = null; S.win = null; fitWindow = null;
      if (v === FORMULA) { S.fn = null; S.expr = S.expr || "x^2 + 10*y^2"; }
      else {
        const f = fnEntry(v);
        S.n = 2;
        S.fn = { name: v, params: f.params.some((p) => p.key === "n") && f.n !== 2 ? { n: "2" } : {} };
      }
      syncProblemControls();
      loadProblem(true);
    });
    const applyExpr = () => { const v = $("expr").value.trim(); if (v === S.expr && pinfo) return; S.expr = v; S.start = null; S.win = null; loadProblem(true); };
    $("expr").addEventListener("change", applyExpr);
    $("expr").addEventListener("keydown", (e) => { if (e.key === "Enter") { e.preventDefault(); e.stopPropagation(); applyExpr(); } });
    $("fn-n").addEventListener("change", () => {
      const n = Math.max(1, Math.min(C.limits.max_dim || 100, Math.round(Number($("fn-n").value) || 2)));
      S.n = n; S.start = null; S.win = null;
      const f = fnEntry(S.fn.name), params = { ...S.fn.params };
      if (f && f.n === n) delete params.n; else params.n = String(n);
      S.fn = { name: S.fn.name, params };
      loadProblem(true);
    });
    $("start").addEventListener("change", () => {
      const v = $("start").value.split(",").map((s) => Number(s.trim()));
      if (!pinfo || v.length !== pinfo.dim || v.some((x) => !Number.isFinite(x))) {
        $("start").setAttribute("aria-invalid", "true");
        showProblemError("start: give " + (pinfo ? pinfo.dim : "the") + " comma-separated numbers");
        return;
      }
      $("start").removeAttribute("aria-invalid");
      showProblemError("");
      invalidateRuns();
      S.start = v; writeHash();
      // A start outside the window (that the user did not choose) gets a
      // new default window around it and its minima.
      const w = geo && geo.win;
      if (!S.win && pinfo.dim === 2 && w && !(v[0] >= w[0] && v[0] <= w[1] && v[1] >= w[2] && v[1] <= w[3])) { loadProblem(true); return; }
      drawMap();
      if (S.runs.length) runAll();
    });
    $("opt").addEventListener("change", () => { const o = optEntry($("opt").value); const lrf = o.params.find((f) => f.key === "lr"); renderOptParams({ name: o.name, params: lrf && lrf.default ? { lr: fmtLR(readLR()) } : {} }); syncControlsToState(); });
    $("lr").addEventListener("input", () => { $("lr-num").value = fmtLR(Math.pow(10, Number($("lr").value))); syncControlsToState(); });
    $("lr-num").addEventListener("change", () => { const v = Number($("lr-num").value); if (v > 0) setLR(v); else $("lr-num").value = fmtLR(readLR()); syncControlsToState(); });
    $("lr-auto").addEventListener("change", () => { $("lr").disabled = $("lr-num").disabled = $("lr-auto").checked; syncControlsToState(); });
    $("sched").addEventListener("change", () => { const v = $("sched").value; renderSchedParams(v ? { name: v, params: {} } : null); syncControlsToState(); });
    $("opt-params").addEventListener("change", syncControlsToState);
    $("sched-params").addEventListener("change", syncControlsToState);
    $("steps").addEventListener("change", syncControlsToState);
    $("controls").addEventListener("submit", (e) => { e.preventDefault(); addRun(); });
    $("controls").addEventListener("keydown", (e) => {
      if (e.key === "Enter" && e.target.tagName === "SELECT") { e.preventDefault(); addRun(); }
    });
    $("suggest").addEventListener("click", suggest);
    $("clear").addEventListener("click", clearRuns);
    $("step").addEventListener("click", stepOnce);
    $("step-reset").addEventListener("click", () => { stopPlay(); if (results.length) setCursor(0); });
    $("play").addEventListener("click", () => (play ? stopPlay() : startPlay()));
    $("speed").addEventListener("change", () => { if (play) play = { t0: performance.now(), k0: cursor }; });
    $("scrub").addEventListener("input", () => { stopPlay(); setCursor(Number($("scrub").value)); });
    $("scrub").addEventListener("keydown", (e) => { if (e.key === " ") { e.preventDefault(); play ? stopPlay() : startPlay(); } });
    $("lrmap-run").addEventListener("click", runLRMap);
    new ResizeObserver(() => drawLRMap()).observe($("lrmap-wrap"));
    const zoom = (f) => {
      const w = S.win || (grid && grid.window) || pinfo.window;
      const cx = (w[0] + w[1]) / 2, cy = (w[2] + w[3]) / 2, hx = (w[1] - w[0]) / 2 * f, hy = (w[3] - w[2]) / 2 * f;
      S.win = [cx - hx, cx + hx, cy - hy, cy + hy]; writeHash(); loadGrid();
    };
    $("zoom-in").addEventListener("click", () => pinfo && zoom(0.5));
    $("zoom-out").addEventListener("click", () => pinfo && zoom(2));
    $("fit").addEventListener("click", () => { if (fitWindow) { S.win = fitWindow.slice(); writeHash(); loadGrid(); } else toast("Run first: Fit frames the paths."); });
    $("reset-view").addEventListener("click", () => { S.win = null; writeHash(); loadGrid(); });
    canvas.addEventListener("click", (ev) => {
      if (!geo || !grid) return;
      const [px, py] = canvasPoint(ev);
      if (!inside(px, py)) return;
      const [x, y] = fromPx(px, py);
      moveStart(x, y);
    });
    canvas.addEventListener("mousemove", (ev) => {
      if (!geo || !grid) return;
      hover = canvasPoint(ev);
      if (!inside(hover[0], hover[1])) { $("readout").textContent = "\u00a0"; drawMap(); return; }
      const [x, y] = fromPx(...hover);
      const f = gridValueAt(x, y);
      const v = (pinfo && pinfo.vars) || ["x", "y"];
      $("readout").textContent = v[0] + " = " + fmt(x, 4) + ", " + v[1] + " = " + fmt(y, 4) + (f !== null ? ", f ≈ " + fmt(f, 4) : "");
      if (!anim) drawMap();
    });
    canvas.addEventListener("mouseleave", () => { hover = null; $("readout").textContent = "\u00a0"; if (!anim) drawMap(); });
    canvas.addEventListener("keydown", (ev) => {
      if (!geo || !grid) return;
      const st = S.start || pinfo.start, w = geo.win;
      const dx = (w[1] - w[0]) / 50, dy = (w[3] - w[2]) / 50;
      const moves = { ArrowLeft: [-dx, 0], ArrowRight: [dx, 0], ArrowUp: [0, dy], ArrowDown: [0, -dy] };
      if (moves[ev.key]) {
        ev.preventDefault();
        invalidateRuns();
        S.start = [roundCoord(st[0] + moves[ev.key][0]), roundCoord(st[1] + moves[ev.key][1])];
        $("start").value = S.start.map((v) => fmt(v, 6)).join(", ");
        writeHash(); drawMap();
        clearTimeout(wire.keyTimer);
        if (S.runs.length) wire.keyTimer = setTimeout(runAll, 400);
      } else if (ev.key === "Enter") { ev.preventDefault(); addRun(); }
    });
    // Data tab.
    $("ds").addEventListener("change", () => { S.d.ds = $("ds").value; S.d.model = dsEntry(S.d.ds).models[0]; S.d.fx = 0; S.d.fy = 1; syncDataControls(); writeHash(); });
    $("dupload").addEventListener("change", readUpload);
    for (const id of ["dfx", "dfy"]) $(id).addEventListener("change", () => { readDataControls(); if (trainRes) train(); });
    $("dmodel").addEventListener("change", () => { S.d.model = $("dmodel").value; $("mlp-row").hidden = S.d.model !== "mlp"; writeHash(); });
    $("dlr").addEventListener("input", () => { $("dlr-num").value = fmtLR(Math.pow(10, Number($("dlr").value))); });
    $("dlr-num").addEventListener("change", () => { const v = Number($("dlr-num").value); if (v > 0) setLR(v, "d"); });
    for (const r of document.querySelectorAll('input[name="mode"]')) r.addEventListener("change", () => { $("dbs").disabled = r.value !== "minibatch" || !r.checked; readDataControls(); });
    $("data-controls").addEventListener("change", readDataControls);
    $("dopt").addEventListener("change", () => {
      // Switching between a line search and a step-based optimizer applies
      // the default batch rule (train.DefaultBatch): full batch or mini-batches.
      const was = !!(optEntry(S.d.opt.name) || {}).line_search, now = !!(optEntry($("dopt").value) || {}).line_search;
      if (was !== now) {
        const b = now ? C.defaults.train.default_batch.line_search : C.defaults.train.default_batch.step_based;
        for (const r of document.querySelectorAll('input[name="mode"]')) r.checked = r.value === (b === 0 ? "batch" : "minibatch");
      }
      readDataControls(); syncDataControls(); writeHash();
    });
    $("data-controls").addEventListener("submit", (e) => { e.preventDefault(); train(); });
    $("data-controls").addEventListener("keydown", (e) => { if (e.key === "Enter" && e.target.tagName === "SELECT") { e.preventDefault(); train(); } });
    new ResizeObserver(() => { resizeMap(); resizeLoss(); }).observe($("map-wrap"));
    new ResizeObserver(() => resizeLoss()).observe($("loss-chart"));
    new ResizeObserver(() => { if (lrPlot) lrPlot.setSize(chartSize("lr-chart", 0.3, 150)); }).observe($("lr-chart"));
    new ResizeObserver(() => resizeTrain()).observe($("train-chart"));
    // A link pasted into this tab (a new hash) loads its view.
    window.addEventListener("hashchange", () => { if (location.hash !== writtenHash) boot(false); });
  }

  async function boot(first) {
    const bad = await readHash();
    if (bad.length) toast("The link holds a setting the server rejects (" + bad.join("; ") + "): using the default.");
    results = []; colorOf = []; fitWindow = null; anim = null; cursor = null; focus = -1; stopPlay();
    syncProblemControls();
    renderOptParams(S.opt);
    renderSchedParams(S.sched);
    $("steps").value = String(S.steps);
    $("steps").max = String(C.limits.max_steps || 20000);
    $("depochs").max = String(C.limits.max_epochs || 1000);
    syncDataControls();
    showTab(S.tab);
    const ok = await loadProblem(false);
    if (ok && S.runs.length) await runAll();
    else { renderRuns(); showAll(); }
    document.body.dataset.ready = "true";
    if (first && S.tab === "data" && S.runs.length === 0) { /* the user trains by pressing Train */ }
  }

  async function init() {
    try {
      const [functions, optimizers, schedules, datasets, limits, defaults] = await Promise.all(["functions", "optimizers", "schedules", "datasets", "limits", "defaults"].map((p) => api(p)));
      Object.assign(C, { functions, optimizers, schedules, datasets, limits, defaults });
      const [opt, dopt] = await Promise.all([decodeSpec("optimizer", defaults.minimize.opt), decodeSpec("optimizer", defaults.train.opt)]);
      DEF = initialState(opt, dopt);
    } catch (e) {
      $("problem-error").textContent = "Cannot reach the server: " + e.message;
      return;
    }
    fillFunctions();
    fillOptimizers();
    fillData();
    wire();
    resizeMap();
    await boot(true);
  }
  init();
})();

// The per-epoch metric series of a training response: accuracy for
// classification, R² for regression (the names the command line uses).
function trainMetric(r) { return r.train_accuracy || r.train_r2 || []; }
function valMetric(r) { return r.val_accuracy || r.val_r2 || []; }
