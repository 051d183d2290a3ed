/**
 * The evaluation half of the sandbox worker (see ./workerSource.ts, which it is appended to):
 * prelude, user code, promise jobs, console, and turning what was thrown into a failure.
 */
export const WORKER_EVALUATE = String.raw`
const LEVELS = new Set(['debug', 'info', 'warn', 'error']);
const MAX_LOG_CHARS = 2000;
// Time to describe a thrown value: its getters and toJSON are user code too.
const DESCRIBE_BUDGET_MS = 250;
// Promise jobs run in batches so that a returned value is seen while other jobs keep spinning.
const JOBS_PER_BATCH = 1000;

function evaluate({ runtime, context, id, job, clock, own, exhausted }) {
  const failed = (handle) => describe(context, own(handle), clock, exhausted);
  const run = context.evalCode(workerData.prelude, 'beluga-prelude.js', { type: 'global' });
  if (run.error) return failed(run.error);
  own(run.value);
  const compiled = context.evalCode(job.source, workerData.userFilename, { type: 'global' });
  if (compiled.error) return failed(compiled.error);
  const input = job.inputJson === undefined ? context.undefined : own(context.newString(job.inputJson));
  const log = own(context.newFunction('log', logger(context, id, job)));
  const call = context.callFunction(run.value, context.undefined, own(compiled.value), input, log);
  if (call.error) return failed(call.error);
  const settled = settle(runtime, context, own(call.value), clock);
  if (settled.error) return failed(settled.error);
  if (clock.timedOut) return fail('timeout', 'interrupted');
  if (settled.pending) {
    return fail('pending', 'the code awaits a promise that never settles (the sandbox has no timers or I/O)');
  }
  own(settled.value);
  if (context.typeof(settled.value) !== 'string') return fail('error', 'the code did not produce JSON');
  const outputJson = context.getString(settled.value);
  const bytes = Buffer.byteLength(outputJson, 'utf8');
  if (bytes > job.maxOutputBytes) {
    return fail('too-large', bytes + ' bytes of JSON, more than the limit of ' + job.maxOutputBytes);
  }
  return { ok: true, outputJson };
}

// Runs promise jobs until the code's promise settles; the interrupt handler bounds them too.
function settle(runtime, context, promise, clock) {
  for (;;) {
    const state = context.getPromiseState(promise);
    if (state.type === 'fulfilled') return { value: state.value };
    if (state.type === 'rejected') return { error: state.error };
    if (clock.timedOut || !runtime.hasPendingJob()) return { pending: true };
    const jobs = runtime.executePendingJobs(JOBS_PER_BATCH);
    if (jobs.error) return { error: jobs.error };
    jobs.dispose();
  }
}

function logger(context, id, job) {
  let count = 0;
  return (levelHandle, textHandle) => {
    count += 1;
    if (count > job.maxLogEntries + 1) return;
    const level = levelHandle && context.typeof(levelHandle) === 'string' ? context.getString(levelHandle) : 'info';
    let message = '';
    if (count > job.maxLogEntries) message = '… further console output dropped (limit ' + job.maxLogEntries + ')';
    else if (textHandle && context.typeof(textHandle) === 'string') message = context.getString(textHandle).slice(0, MAX_LOG_CHARS);
    parentPort.postMessage({ type: 'log', id, log: { level: LEVELS.has(level) ? level : 'info', message } });
  };
}

function describe(context, handle, clock, exhausted) {
  if (clock.timedOut) return fail('timeout', 'interrupted');
  clock.running = false;
  clock.deadline = Date.now() + DESCRIBE_BUDGET_MS;
  let thrown;
  try {
    thrown = context.dump(handle);
  } catch (error) {
    return exhausted() ? fail('memory', 'out of memory') : fail('error', 'the code threw a value that cannot be described');
  }
  // QuickJS throws null when it cannot even allocate the "out of memory" error.
  if (thrown === null && exhausted()) return fail('memory', 'out of memory');
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
  if (typeof value === 'string') return value;
  try {
    const json = JSON.stringify(value);
    return json === undefined ? String(value) : json;
  } catch (error) {
    return String(value);
  }
}
`;
