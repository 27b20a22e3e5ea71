// descent playground, static export (`descent serve --export DIR`): starts
// the engine — package serve's API compiled to WebAssembly (serve/wasm),
// engine.wasm — in a Web Worker (engine-worker.js), so that the page stays
// responsive while it computes, and gives app.js's api() a fetch-like entry
// point to it, descentEngine.fetch(path, opts), that answers with a real
// Response: the same status, JSON and errors as the server's /api/<path>.
// Only the exported index.html loads this file; the page served by
// `descent serve` asks the server.
"use strict";

(function () {
  // The state shows on <body data-engine="loading|ready|failed"> and, until
  // the engine is ready, in a status line at the bottom of the page.
  let line = null;
  function show(state, text) {
    const put = () => {
      document.body.dataset.engine = state;
      if (!line) {
        line = document.createElement("div");
        line.id = "engine-status";
        line.className = "toast";
        line.setAttribute("role", "status");
        line.setAttribute("aria-live", "polite");
        document.body.append(line);
      }
      line.textContent = text;
      line.hidden = state === "ready";
    };
    if (document.body) put(); else document.addEventListener("DOMContentLoaded", put, { once: true });
  }

  show("loading", "loading engine…");
  const pending = new Map(); // call id → {resolve, reject}
  let nextID = 0;
  const worker = new Worker("engine-worker.js");
  const ready = new Promise((resolve, reject) => {
    worker.onmessage = (e) => {
      const m = e.data;
      if (m.type === "ready") resolve();
      else if (m.type === "failed") reject(new Error(m.error));
      else if (m.type === "answer") {
        const p = pending.get(m.id);
        pending.delete(m.id);
        if (p) m.error ? p.reject(new Error(m.error)) : p.resolve(m.answer);
      }
    };
    worker.onerror = (e) => {
      e.preventDefault();
      reject(new Error(e.message || "the engine's worker did not start"));
    };
  });
  ready.then(
    () => show("ready", ""),
    (e) => show("failed", "Could not load the engine: " + e.message + " (the page must be served over HTTP, with engine.wasm beside it)"),
  );

  globalThis.descentEngine = {
    ready,
    // fetch answers api/<path> as the server would: opts is fetch's
    // ({method, body}); the body is JSON text.
    async fetch(path, opts) {
      await ready;
      const o = opts || {};
      const r = await new Promise((resolve, reject) => {
        const id = nextID++;
        pending.set(id, { resolve, reject });
        worker.postMessage({ type: "call", id, method: o.method || "GET", path, body: o.body || "" });
      });
      return new Response(r.body, { status: r.status, headers: r.headers });
    },
  };
})();
