import { describe, expect, it } from 'vitest';
import { progressParts } from './progressParts';

describe('progressParts', () => {
  it('joins LLM tokens, lists code logs and keeps the rest', () => {
    const parts = progressParts([
      { token: 'Hel' },
      { level: 'info', log: 'step 1' },
      { token: 'lo' },
      { level: 'error', log: { n: 1 } },
      { percent: 50 },
    ]);
    expect(parts.text).toBe('Hello');
    expect(parts.hasText).toBe(true);
    expect(parts.logs).toEqual([
      { level: 'info', text: 'step 1' },
      { level: 'error', text: '{"n":1}' },
    ]);
    expect(parts.other).toEqual([{ percent: 50 }]);
  });
});
