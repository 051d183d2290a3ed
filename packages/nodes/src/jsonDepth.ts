/**
 * The deepest nesting of arrays and objects accepted from outside (code node output, HTTP
 * response bodies). V8's JSON.parse takes any depth, but JSON.stringify and structuredClone
 * overflow the stack at a few thousand levels, so a deeper value would break whatever stores,
 * sends or prints a run's result. No real document comes near this.
 */
export const MAX_JSON_DEPTH = 1000;

const QUOTE = 0x22;
const BACKSLASH = 0x5c;
const OPENERS = new Set([0x5b, 0x7b]);
const CLOSERS = new Set([0x5d, 0x7d]);

/** Whether JSON text nests arrays and objects deeper than `maxDepth`; strings do not count. */
export function jsonNestsDeeperThan(json: string, maxDepth = MAX_JSON_DEPTH): boolean {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < json.length; i += 1) {
    const char = json.charCodeAt(i);
    if (inString) {
      if (char === BACKSLASH) i += 1;
      else if (char === QUOTE) inString = false;
    } else if (char === QUOTE) inString = true;
    else if (OPENERS.has(char) && ++depth > maxDepth) return true;
    else if (CLOSERS.has(char)) depth -= 1;
  }
  return false;
}
