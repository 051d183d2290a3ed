/**
 * The program of an expression process, plain CommonJS run with `node -e` so that it starts from
 * the TypeScript sources and from dist/ alike; jsonata's path and the limits arrive resolved as
 * JSON in its last argument. Follows ./protocol.ts and ./processWorker.ts.
 */
export const EXPRESSION_PROCESS_SOURCE = String.raw`'use strict';
const { jsonataPath, limits } = JSON.parse(process.argv[process.argv.length - 1]);
const jsonata = require(jsonataPath);
const MAX_COMPILED = 256;
const compiled = new Map();

// The process's heap limit is what keeps the host safe: past it V8 aborts this process, and the
// host fails the evaluation. These guards only make the common bombs fail with a clear message
// first: no string past maxStringChars (at most 8 MB, two bytes a character) is built in one step.
// Array.prototype.join is JSONata's one big single allocation ($pad pads with new Array(n).join,
// $join joins whole arrays) and refuses first; String.prototype.concat, JSONata's '&', refuses
// longer results, which would be flattened in one step later.
const join = Array.prototype.join;
Array.prototype.join = function (separator) {
  const glue = separator === undefined ? 1 : String(separator).length;
  let chars = this.length > 0 ? (this.length - 1) * glue : 0;
  if (chars > limits.maxStringChars) tooLong(chars);
  for (let i = 0; i < this.length; i += 1) {
    const item = this[i];
    chars += typeof item === 'string' ? item.length : item == null ? 0 : 24;
    if (chars > limits.maxStringChars) tooLong(chars);
  }
  return join.call(this, separator);
};
const concat = String.prototype.concat;
String.prototype.concat = function (...parts) {
  const result = concat.apply(this, parts);
  if (result.length > limits.maxStringChars) tooLong(result.length);
  return result;
};

function tooLong(chars) {
  const error = new Error('a string of ' + chars + ' characters or more, more than the limit of ' + limits.maxStringChars);
  error.tooLarge = true;
  throw error;
}

function compile(expression, timeLimitMs) {
  const key = timeLimitMs + ':' + expression;
  let found = compiled.get(key);
  if (found) return found;
  found = jsonata(expression, { timeout: timeLimitMs, stack: limits.stackDepth, sequence: limits.sequenceLength });
  if (compiled.size >= MAX_COMPILED) compiled.delete(compiled.keys().next().value);
  compiled.set(key, found);
  return found;
}

async function evaluate(job) {
  const input = job.inputJson === undefined ? undefined : JSON.parse(job.inputJson);
  const result = await compile(job.expression, job.timeLimitMs).evaluate(input);
  // JSONata marks sequences with extra properties; JSON keeps the plain values only.
  const outputJson = result === undefined ? 'null' : JSON.stringify(result, measured());
  if (outputJson === undefined) return { ok: true, outputJson: 'null' };
  const bytes = Buffer.byteLength(outputJson, 'utf8');
  if (bytes > limits.maxOutputBytes) {
    throw outputTooLarge(bytes + ' bytes');
  }
  return { ok: true, outputJson };
}

function outputTooLarge(size) {
  const error = new Error('the result is ' + size + ' of JSON, more than the limit of ' + limits.maxOutputBytes + ' bytes');
  error.tooLarge = true;
  return error;
}

// A JSON.stringify replacer that sees every key and string before stringify writes it, and
// stops at the output cap: stringify would flatten a long string (built by $replace) in one step.
// JSONata's functions become undefined, as JSON has no functions.
function measured() {
  let chars = 0;
  return (key, value) => {
    chars += key.length + (typeof value === 'string' ? value.length : 1);
    if (chars > limits.maxOutputBytes) throw outputTooLarge(chars + ' characters or more');
    if (value && (value._jsonata_lambda || value._jsonata_function)) return undefined;
    return value;
  };
}

function failed(kind, message, extra) {
  return { ok: false, failure: { kind, message, ...extra } };
}

function describe(error) {
  if (error && error.tooLarge) return failed('too-large', error.message);
  if (error instanceof Error && !error.code) return failed('error', error.message, { name: error.name });
  const thrown = typeof error === 'object' && error !== null ? error : {};
  const message = typeof thrown.message === 'string' ? thrown.message : String(error);
  return failed('error', message, {
    ...(typeof thrown.code === 'string' ? { code: thrown.code } : {}),
    ...(thrown.error && typeof thrown.error.code === 'string' ? { innerCode: thrown.error.code } : {}),
    ...(typeof thrown.position === 'number' ? { position: thrown.position } : {}),
  });
}

// The host sends one job at a time and waits for its 'done'; a host that is gone wants nothing.
const reply = (message) => process.connected && process.send(message, () => {});
process.on('message', (message) => {
  if (message.type !== 'run') return;
  evaluate(message.job).then(
    (outcome) => reply({ type: 'done', id: message.id, outcome }),
    (error) => reply({ type: 'done', id: message.id, outcome: describe(error) }),
  );
});
process.on('disconnect', () => process.exit(0));
reply({ type: 'ready' });
// 'disconnect' waits for the event loop, which a catastrophic regex can hold for hours: a thread
// of its own ends the process once its host is gone (it was killed), so no orphan burns a CPU.
const { Worker } = require('node:worker_threads');
const orphanCheck = 'setInterval(() => process.ppid !== ' + process.ppid + " && process.kill(process.pid, 'SIGKILL'), 500);";
new Worker(orphanCheck, { eval: true, resourceLimits: { maxOldGenerationSizeMb: 8 } }).unref();
`;
