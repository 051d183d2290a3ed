/**
 * JavaScript evaluated inside each fresh QuickJS context before the user's code is compiled. It
 * captures JSON.parse/stringify first, so code that overwrites them cannot fake the output, and
 * evaluates to `run(userFn, inputJson, hostLog)`, which parses the input, hands the code a
 * `console` and resolves to the output as JSON text. Non-JSON output is refused here with a
 * message that says what was wrong; the host parses the text again either way.
 */
export const SANDBOX_PRELUDE = String.raw`(function () {
  'use strict';
  const parse = JSON.parse;
  const stringify = JSON.stringify;
  const MAX_LOG_CHARS = 2000;

  function text(value) {
    if (typeof value === 'string') return value;
    try {
      const json = stringify(value);
      return json === undefined ? String(value) : json;
    } catch (error) {
      return String(value);
    }
  }

  function makeConsole(hostLog) {
    const write = (level) => (...args) => {
      const line = args.map(text).join(' ');
      hostLog(level, line.length > MAX_LOG_CHARS ? line.slice(0, MAX_LOG_CHARS) + '…' : line);
    };
    return Object.freeze({
      log: write('info'),
      info: write('info'),
      debug: write('debug'),
      warn: write('warn'),
      error: write('error'),
    });
  }

  function notJson(reason) {
    return new TypeError('the output is not JSON: ' + reason);
  }

  function replacer(key, value) {
    const type = typeof value;
    if (type === 'function' || type === 'symbol') {
      throw notJson('it contains a ' + type + (key === '' ? '' : ' at key "' + key + '"'));
    }
    return value;
  }

  function toJson(output) {
    if (output === undefined) {
      throw new TypeError('the code returned undefined: return a JSON value (null for nothing)');
    }
    try {
      return stringify(output, replacer);
    } catch (error) {
      const message = error && typeof error.message === 'string' ? error.message : String(error);
      throw message.startsWith('the output is not JSON') ? error : notJson(message);
    }
  }

  return async function run(userFn, inputJson, hostLog) {
    const input = inputJson === undefined ? undefined : parse(inputJson);
    return toJson(await userFn(input, makeConsole(hostLog)));
  };
})()`;

/** Wraps the user's source so that line N of the source is line N of the compiled script. */
export function wrapUserSource(source: string): string {
  return `(async function (input, console) {${source}\n})`;
}

/** The file name QuickJS reports in stack traces of user code. */
export const USER_FILENAME = 'code.js';
