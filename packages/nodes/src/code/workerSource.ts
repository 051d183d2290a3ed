/**
 * The body of a sandbox worker thread, plain CommonJS run with `new Worker(source, { eval: true })`.
 * It is a string rather than a module file so that the same code starts from the TypeScript
 * sources (tests, where no .js exists next to this file) and from the built dist/. The paths of
 * quickjs-emscripten-core, its release-sync variant and its .wasm arrive resolved in
 * `workerData`, so the worker needs no module resolution of its own. Follows the messages of ./protocol.ts.
 */
export const WORKER_SOURCE = String.raw`'use strict';
const { readFileSync } = require('node:fs');
const { parentPort, workerData } = require('node:worker_threads');
const { newQuickJSWASMModuleFromVariant, newVariant } = require(workerData.corePath);
const variant = require(workerData.variantPath).default;

const LEVELS = new Set(['debug', 'info', 'warn', 'error']);
const MAX_LOG_CHARS = 2000;
// Time to describe a thrown value: its getters and toJSON are user code too.
const DESCRIBE_BUDGET_MS = 250;
const PAGE_BYTES = 65536;
// The build's smallest memory (16 MiB): static data and a 5 MiB C stack, the rest is heap.
const BASE_PAGES = 256;
const BASE_OVERHEAD_BYTES = 6 * 1024 * 1024;

// Compiled once per worker; instantiated per memory limit (see instanceFor).
const wasmModule = new WebAssembly.Module(readFileSync(workerData.wasmPath));
let instance;

// QuickJS's own limit (setMemoryLimit) only sees single allocations in this build: emscripten
// reports no usable size, so the total never accumulates. The hard cap is therefore the WASM
// memory itself, created with a maximum of the limit plus the build's fixed overhead; growing
// past it makes malloc fail and QuickJS throw "out of memory". One instance serves every job
// with the same limit; jobs still get a fresh runtime each.
async function instanceFor(memoryLimitBytes) {
  const maximum = Math.max(BASE_PAGES, Math.ceil((memoryLimitBytes + BASE_OVERHEAD_BYTES) / PAGE_BYTES));
  if (instance && instance.maximum === maximum) return instance.quickjs;
  const wasmMemory = new WebAssembly.Memory({ initial: BASE_PAGES, maximum });
  instance = undefined;
  const quickjs = await newQuickJSWASMModuleFromVariant(newVariant(variant, { wasmModule, wasmMemory }));
  instance = { maximum, quickjs };
  return quickjs;
}

// The host sends one job at a time and waits for its 'done'.
parentPort.on('message', (message) => {
  instanceFor(message.job.memoryLimitBytes)
    .then(
      (quickjs) => runJob(quickjs, message.id, message.job),
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

function runJob(quickjs, id, job) {
  const clock = { deadline: Date.now() + job.timeLimitMs, running: true, timedOut: false };
  const runtime = quickjs.newRuntime();
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
    outcome = evaluate({ runtime, context, id, job, clock, own: (h) => (owned.push(h), h) });
  } catch (error) {
    // A host-side exception: the WASM stack outgrew the thread's, or QuickJS could not allocate.
    const message = error && error.message ? String(error.message) : String(error);
    if (clock.timedOut) outcome = fail('timeout', 'interrupted');
    else if (error instanceof RangeError) outcome = fail('stack', message);
    else outcome = fail('crash', message);
  }
  let retire = false;
  try {
    for (const handle of owned) if (handle.alive) handle.dispose();
    if (context) context.dispose();
    runtime.dispose();
  } catch (error) {
    retire = true;
  }
  return { outcome, retire };
}

function evaluate({ runtime, context, id, job, clock, own }) {
  const run = context.evalCode(workerData.prelude, 'beluga-prelude.js', { type: 'global' });
  if (run.error) return describe(context, own(run.error), clock);
  own(run.value);
  const compiled = context.evalCode(job.source, workerData.userFilename, { type: 'global' });
  if (compiled.error) return describe(context, own(compiled.error), clock);
  const input = job.inputJson === undefined ? context.undefined : own(context.newString(job.inputJson));
  const log = own(context.newFunction('log', logger(context, id, job)));
  const call = context.callFunction(run.value, context.undefined, own(compiled.value), input, log);
  if (call.error) return describe(context, own(call.error), clock);
  const settled = settle(runtime, context, own(call.value), own);
  if (settled.error) return describe(context, settled.error, clock);
  if (settled.pending) {
    return fail('pending', 'the code awaits a promise that never settles (the sandbox has no timers or I/O)');
  }
  if (context.typeof(settled.value) !== 'string') return fail('error', 'the code did not produce JSON');
  const outputJson = context.getString(settled.value);
  const bytes = Buffer.byteLength(outputJson, 'utf8');
  if (bytes > job.maxOutputBytes) {
    return fail('too-large', 'the output is ' + bytes + ' bytes of JSON, more than the limit of ' + job.maxOutputBytes);
  }
  return { ok: true, outputJson };
}

// Runs promise jobs until the code's promise settles; the interrupt handler bounds them too.
function settle(runtime, context, promise, own) {
  for (;;) {
    const state = context.getPromiseState(promise);
    if (state.type === 'fulfilled') return { value: own(state.value) };
    if (state.type === 'rejected') return { error: own(state.error) };
    if (!runtime.hasPendingJob()) return { pending: true };
    const jobs = runtime.executePendingJobs();
    if (jobs.error) return { error: own(jobs.error) };
    jobs.dispose();
  }
}

function logger(context, id, job) {
  let count = 0;
  return (levelHandle, textHandle) => {
    count += 1;
    if (count > job.maxLogEntries + 1) return;
    const level = levelHandle && context.typeof(levelHandle) === 'string' ? context.getString(levelHandle) : 'info';
    let message;
    if (count > job.maxLogEntries) message = '… further console output dropped (limit ' + job.maxLogEntries + ')';
    else if (textHandle && context.typeof(textHandle) === 'string') message = context.getString(textHandle).slice(0, MAX_LOG_CHARS);
    else message = '';
    parentPort.postMessage({ type: 'log', id, log: { level: LEVELS.has(level) ? level : 'info', message } });
  };
}

function describe(context, handle, clock) {
  if (clock.timedOut) return fail('timeout', 'interrupted');
  clock.running = false;
  clock.deadline = Date.now() + DESCRIBE_BUDGET_MS;
  let thrown;
  try {
    thrown = context.dump(handle);
  } catch (error) {
    return fail('error', 'the code threw a value that cannot be described');
  }
  if (thrown === null || typeof thrown !== 'object') return fail('error', textOf(thrown));
  const name = typeof thrown.name === 'string' ? thrown.name : undefined;
  const message = typeof thrown.message === 'string' ? thrown.message : textOf(thrown);
  if (name === 'InternalError' && (message === 'out of memory' || message === 'string too long')) {
    return fail('memory', message);
  }
  if (name === 'InternalError' && message === 'stack overflow') return fail('stack', message);
  const line = lineOf(thrown);
  return fail('error', message, { ...(name ? { name } : {}), ...(line ? { line } : {}) });
}

function lineOf(thrown) {
  if (thrown.fileName === workerData.userFilename && Number.isInteger(thrown.lineNumber)) {
    return thrown.lineNumber;
  }
  // The innermost frame of the user's file, e.g. "at <anonymous> (code.js:3:16)".
  const stack = typeof thrown.stack === 'string' ? thrown.stack : '';
  const at = stack.indexOf(workerData.userFilename + ':');
  const line = at < 0 ? NaN : parseInt(stack.slice(at + workerData.userFilename.length + 1), 10);
  return Number.isInteger(line) ? line : undefined;
}

function textOf(value) {
  try {
    const json = JSON.stringify(value);
    return json === undefined ? String(value) : json;
  } catch (error) {
    return String(value);
  }
}
`;
