import { OrchestratorError } from '@beluga/orchestration';

const PLACEHOLDER = /\{\{\s*([\w$-]+(?:\.[\w$-]+)*)\s*\}\}/g;

/** Whether a URL template has `{{path}}` placeholders. */
export function hasPlaceholders(template: string): boolean {
  return template.includes('{{');
}

/**
 * Fills `{{path.to.value}}` placeholders from `input`, URL-encoding each value, so an input can
 * add a path segment or a query value but never a `/`, `?`, `#` or `@` of its own. Deliberately
 * no expressions: only own properties are followed (never `__proto__` or `constructor`), and
 * only strings, numbers and booleans are substituted.
 *
 * @example
 * fillUrlTemplate('https://api.example.com/users/{{user.id}}?q={{query}}', { user: { id: 7 }, query: 'a b' }, op)
 * // 'https://api.example.com/users/7?q=a%20b'
 */
export function fillUrlTemplate(template: string, input: unknown, op: string): string {
  const filled = template.replace(PLACEHOLDER, (_match, path: string) => {
    const value = valueAt(input, path.split('.'));
    if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') {
      return encodeURIComponent(String(value));
    }
    throw new OrchestratorError({
      code: 'VALIDATION_FAILED',
      op,
      field: 'url',
      message: `URL placeholder {{${path}}} has no string, number or boolean value in the input`,
    });
  });
  if (hasPlaceholders(filled)) {
    const message = 'the URL has a malformed placeholder: use {{path.to.value}}';
    throw new OrchestratorError({ code: 'INVALID_CONFIG', op, field: 'url', message });
  }
  return filled;
}

function valueAt(input: unknown, path: readonly string[]): unknown {
  let current = input;
  for (const key of path) {
    if (typeof current !== 'object' || current === null || !Object.hasOwn(current, key)) {
      return undefined;
    }
    current = (current as Record<string, unknown>)[key];
  }
  return current;
}
