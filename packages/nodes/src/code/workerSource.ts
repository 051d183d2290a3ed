import { WORKER_EVALUATE } from './workerEvaluate.js';

/**
 * The body of a sandbox worker thread, plain CommonJS run with `new Worker(source, { eval: true })`.
 * It is a string rather than a module file so that the same code starts from the TypeScript
 * sources (tests, where no .js exists next to this file) and from the built dist/. The paths of
 * quickjs-emscripten-core, its release-sync variant and its .wasm arrive resolved in
 * `workerData`, so the worker needs no module resolution of its own. Follows ./protocol.ts.
 */
export const WORKER_SOURCE =
  String.raw`'use strict';
const { readFileSync } = require('node:fs');
const { parentPort, workerData } = require('node:worker_threads');
const { newQuickJSWASMModuleFromVariant, newVariant } = require(workerData.corePath);
const variant = require(workerData.variantPath).default;

const PAGE_BYTES = 65536;
// The build's smallest memory (16 MiB): static data and a 5 MiB C stack, the rest is heap.
const BASE_PAGES = 256;
const BASE_OVERHEAD_BYTES = 6 * 1024 * 1024;
// After these, the instance's memory or QuickJS state is not trusted for another job.
const HARD_FAILURES = new Set(['timeout', 'memory', 'stack', 'crash']);

// Compiled once per worker; instantiated per memory limit (see instanceFor).
const wasmModule = new WebAssembly.Module(readFileSync(workerData.wasmPath));
let instance;

// QuickJS's own limit (setMemoryLimit) only sees single allocations in this build: emscripten
// reports no usable size, so the total never accumulates. The hard cap is therefore the WASM
// memory itself, created with a maximum of the limit plus the build's fixed overhead; growing
// past it makes malloc fail and QuickJS throw "out of memory". Emscripten grows by about 20%
// at a time, so a run may stop somewhat below the limit, never above it. One instance serves every job
// with the same limit; jobs still get a fresh runtime each.
async function instanceFor(memoryLimitBytes) {
  const maximum = Math.max(BASE_PAGES, Math.ceil((memoryLimitBytes + BASE_OVERHEAD_BYTES) / PAGE_BYTES));
  if (instance && instance.maximum === maximum) return instance;
  instance = undefined;
  const memory = new WebAssembly.Memory({ initial: BASE_PAGES, maximum });
  // Emscripten grows the memory through this method; a refused growth is a failed malloc.
  const grow = memory.grow.bind(memory);
  const growth = { refused: false };
  memory.grow = (pages) => {
    try {
      return grow(pages);
    } catch (error) {
      growth.refused = true;
      throw error;
    }
  };
  const quickjs = await newQuickJSWASMModuleFromVariant(newVariant(variant, { wasmModule, wasmMemory: memory }));
  instance = { maximum, quickjs, growth };
  return instance;
}

// The host sends one job at a time and waits for its 'done'.
parentPort.on('message', (message) => {
  instanceFor(message.job.memoryLimitBytes)
    .then(
      (current) => runJob(current, message.id, message.job),
      (error) => ({ outcome: fail('crash', 'no sandbox memory: ' + String(error)), retire: true }),
    )
    .then(({ outcome, retire }) => {
      parentPort.postMessage({ type: 'done', id: message.id, outcome, retire });
    });
});
parentPort.postMessage({ type: 'ready' });

function fail(kind, message, extra) {
  return { ok: false, failure: { kind, message, ...extra } };
}

function runJob(current, id, job) {
  const clock = { deadline: Date.now() + job.timeLimitMs, running: true, timedOut: false };
  const runtime = current.quickjs.newRuntime();
  current.growth.refused = false;
  const exhausted = () => current.growth.refused;
  const owned = [];
  let context;
  let outcome;
  try {
    runtime.setMemoryLimit(job.memoryLimitBytes);
    runtime.setMaxStackSize(workerData.maxStackBytes);
    runtime.setInterruptHandler(() => {
      if (Date.now() < clock.deadline) return false;
      if (clock.running) clock.timedOut = true;
      return true;
    });
    context = runtime.newContext();
    const own = (handle) => (owned.push(handle), handle);
    outcome = evaluate({ runtime, context, id, job, clock, own, exhausted });
  } catch (error) {
    // A host-side exception: the WASM stack outgrew the thread's, or QuickJS could not allocate.
    const message = error && error.message ? String(error.message) : String(error);
    if (clock.timedOut) outcome = fail('timeout', 'interrupted');
    else if (exhausted()) outcome = fail('memory', 'out of memory');
    else if (error instanceof RangeError) outcome = fail('stack', message);
    else outcome = fail('crash', message);
  }
  // Interrupted or exhausted QuickJS can leave objects that JS_FreeRuntime asserts on: drop the
  // whole instance instead of disposing into it, and let the host start a fresh worker.
  if (!outcome.ok && HARD_FAILURES.has(outcome.failure.kind)) {
    instance = undefined;
    return { outcome, retire: true };
  }
  try {
    for (const handle of owned) if (handle.alive) handle.dispose();
    if (context) context.dispose();
    runtime.dispose();
    return { outcome, retire: false };
  } catch (error) {
    instance = undefined;
    return { outcome, retire: true };
  }
}
` + WORKER_EVALUATE;
