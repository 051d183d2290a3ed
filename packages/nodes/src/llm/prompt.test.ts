import { describe, expect, it } from 'vitest';
import { renderPrompt, sessionIdOf, userMessageOf, valueAt } from './prompt.js';

describe('valueAt', () => {
  it('follows own properties of a dot path, and `.` is the input itself', () => {
    const input = { a: { b: [10, 20] } };
    expect(valueAt(input, 'a.b.1')).toBe(20);
    expect(valueAt(input, '.')).toBe(input);
    expect(valueAt(input, 'a.missing.x')).toBeUndefined();
  });

  it('does not reach the prototype chain', () => {
    expect(valueAt({}, '__proto__')).toBeUndefined();
    expect(valueAt({}, 'constructor.name')).toBeUndefined();
    expect(valueAt('text', 'length')).toBeUndefined();
  });
});

describe('renderPrompt', () => {
  it('fills placeholders with strings as they are and other values as JSON', () => {
    const input = { name: 'Ada', tags: ['x'], n: 3 };
    expect(renderPrompt('Hi {{name}} {{ tags }} {{n}} {{.}}', input)).toBe(
      `Hi Ada ["x"] 3 ${JSON.stringify(input)}`,
    );
  });

  it('refuses a placeholder the input lacks, naming it', () => {
    expect(() => renderPrompt('{{user.name}}', { user: {} })).toThrow(
      expect.objectContaining({ code: 'VALIDATION_FAILED', field: 'user.name' }),
    );
  });

  it('does not evaluate anything: expressions are just unknown paths', () => {
    expect(() => renderPrompt('{{process.exit()}}', {})).toThrow(/process\.exit\(\)/);
  });
});

describe('userMessageOf', () => {
  it('takes the rendered prompt, else a string input, else input.message', () => {
    expect(userMessageOf({ q: 'why' }, 'Q: {{q}}')).toBe('Q: why');
    expect(userMessageOf('hello', undefined)).toBe('hello');
    expect(userMessageOf({ message: 'hey', sessionId: 's' }, undefined)).toBe('hey');
  });

  it('refuses inputs without a message, and empty messages', () => {
    expect(() => userMessageOf(42, undefined)).toThrow(/string or \{ message: string \}/);
    expect(() => userMessageOf({ message: '  ' }, undefined)).toThrow(/empty/);
  });
});

describe('sessionIdOf', () => {
  it('reads a string or number id, and refuses a missing one naming the path', () => {
    expect(sessionIdOf({ chat: { id: 7 } }, 'chat.id')).toBe('7');
    expect(() => sessionIdOf({}, 'sessionId')).toThrow(/no session id at "sessionId"/);
  });
});
