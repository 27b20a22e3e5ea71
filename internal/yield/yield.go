// Package yield lets long computations give the Go scheduler a turn on a
// platform without preemption. Under js/wasm (the playground's static
// export runs the engines in the browser's one thread) a goroutine that
// computes never lets timers fire, so a time budget (context.WithTimeout,
// minimize.Stop.Timeout) would never end a run: the engines call Point at
// their check points, once per iteration or batch, and there every 64th
// call yields (runtime.Gosched), which runs the expired timers. Elsewhere
// Point does nothing and costs nothing (the runtime preempts).
package yield
