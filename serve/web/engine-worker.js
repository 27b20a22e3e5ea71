// descent playground, static export: the Web Worker that runs the engine
// (engine.wasm, serve/wasm) for engine.js. It loads the Go runtime's
// wasm_exec.js and engine.wasm, says {type: "ready"} once the engine has
// defined descentAPI, and answers each {type: "call", id, method, path,
// body} with {type: "answer", id, answer: {status, body, headers}} (or
// error). A computation blocks this thread only, not the page's.
"use strict";

importScripts("wasm_exec.js");

self.descentEngineReady = () => postMessage({ type: "ready" }); // called by serve/wasm's main
const go = new Go();
fetch("engine.wasm")
  .then((r) => {
    if (!r.ok) throw new Error("engine.wasm: HTTP " + r.status);
    return r.arrayBuffer();
  })
  .then((b) => WebAssembly.instantiate(b, go.importObject))
  .then(({ instance }) => go.run(instance))
  .then(
    () => postMessage({ type: "failed", error: "the engine stopped" }),
    (e) => postMessage({ type: "failed", error: String((e && e.message) || e) }),
  );

self.onmessage = async (e) => {
  const m = e.data;
  if (m.type !== "call") return;
  try {
    const a = await self.descentAPI(m.method, m.path, m.body);
    postMessage({ type: "answer", id: m.id, answer: { status: a.status, body: a.body, headers: a.headers } });
  } catch (err) {
    postMessage({ type: "answer", id: m.id, error: String((err && err.message) || err) });
  }
};
