import { OrchestratorError } from '@beluga/orchestration';

const OP = 'llm.chat';
const PLACEHOLDER = /\{\{\s*([^{}\s]+)\s*\}\}/g;

/**
 * The value at a dot path of `input` (`.` is the input itself). Only own properties are
 * followed, so a path such as `__proto__.constructor` reaches nothing.
 */
export function valueAt(input: unknown, path: string): unknown {
  if (path === '.') return input;
  let current = input;
  for (const key of path.split('.')) {
    if (typeof current !== 'object' || current === null || !Object.hasOwn(current, key)) {
      return undefined;
    }
    current = (current as Record<string, unknown>)[key];
  }
  return current;
}

/**
 * Fills `{{path}}` placeholders from `input`: strings as they are, other values as JSON. Plain
 * substitution, no expressions, so a graph document cannot run code through a prompt.
 *
 * @example
 * renderPrompt('Summarise {{doc.title}}', { doc: { title: 'Q3' } }); // 'Summarise Q3'
 */
export function renderPrompt(template: string, input: unknown): string {
  return template.replace(PLACEHOLDER, (_match, path: string) => {
    const value = valueAt(input, path);
    if (value === undefined) {
      throw invalidInput(`The prompt needs "${path}", which the input does not have`, path);
    }
    return typeof value === 'string' ? value : JSON.stringify(value);
  });
}

/**
 * The user message of a call: the rendered `prompt` when the config has one, else the input
 * when it is a string, else the input's `message` string.
 */
export function userMessageOf(input: unknown, prompt: string | undefined): string {
  const message = prompt === undefined ? directMessage(input) : renderPrompt(prompt, input);
  if (message === undefined) {
    throw invalidInput(
      'Expected a string or { message: string } as input, or a prompt in the config',
      'message',
    );
  }
  if (message.trim() === '') throw invalidInput('The user message is empty', 'message');
  return message;
}

/** The session id at `path` of the input: a non-empty string or a number. */
export function sessionIdOf(input: unknown, path: string): string {
  const value = valueAt(input, path);
  if ((typeof value === 'string' && value !== '') || typeof value === 'number') {
    return String(value);
  }
  throw invalidInput(`Memory is enabled but the input has no session id at "${path}"`, path);
}

function directMessage(input: unknown): string | undefined {
  if (typeof input === 'string') return input;
  const message = valueAt(input, 'message');
  return typeof message === 'string' ? message : undefined;
}

function invalidInput(message: string, field: string): OrchestratorError {
  return new OrchestratorError({ code: 'VALIDATION_FAILED', op: OP, message, field });
}
