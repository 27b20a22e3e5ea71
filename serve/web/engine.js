// descent playground, static export (`descent serve --export DIR`): loads
// the engine — package serve's API compiled to WebAssembly (serve/wasm),
// engine.wasm, run by the Go release's wasm_exec.js — and gives app.js's
// api() a fetch-like entry point to it, descentEngine.fetch(path, opts),
// that answers with a real Response: the same status, JSON and errors as
// the server's /api/<path>. Only the exported index.html loads this file;
// the page served by `descent serve` asks the server.
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
  const ready = new Promise((resolve, reject) => {
    if (typeof Go !== "function") {
      reject(new Error("wasm_exec.js did not load"));
      return;
    }
    globalThis.descentEngineReady = resolve; // called by serve/wasm's main
    const go = new Go();
    fetch("engine.wasm")
      .then((r) => {
        if (!r.ok) throw new Error("engine.wasm: HTTP " + r.status);
        return r.arrayBuffer();
      })
      .then((b) => WebAssembly.instantiate(b, go.importObject))
      .then(({ instance }) => go.run(instance))
      .then(() => reject(new Error("the engine stopped")), reject);
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
      const r = await globalThis.descentAPI(o.method || "GET", path, o.body || "");
      return new Response(r.body, { status: r.status, headers: r.headers });
    },
  };
})();
