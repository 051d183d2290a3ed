import { previewOf } from '@beluga/orchestration';
import { describe, expect, it } from 'vitest';
import { createRedactor, REDACTED } from './redactor.js';

const SECRET = 'sk-live-0123456789abcdef';

describe('createRedactor', () => {
  it('replaces a secret in strings, keys and nested values, copying only what changed', () => {
    const redactor = createRedactor([SECRET]);
    const untouched = { a: [1, 'two', { three: true }] };
    const value = {
      header: `Bearer ${SECRET}`,
      [SECRET]: 'as a key',
      list: [SECRET, 'plain', { deep: `x${SECRET}y${SECRET}` }],
      untouched,
    };
    const redacted = redactor.redact(value);
    expect(redacted).toEqual({
      header: `Bearer ${REDACTED}`,
      [REDACTED]: 'as a key',
      list: [REDACTED, 'plain', { deep: `x${REDACTED}y${REDACTED}` }],
      untouched,
    });
    expect(redacted.untouched).toBe(untouched);
    expect(value.header).toBe(`Bearer ${SECRET}`);
    const clean = { a: 'nothing here' };
    expect(redactor.redact(clean)).toBe(clean);
  });

  it('finds the secret base64-, base64url-, URL- and JSON-encoded', () => {
    const secret = 'ada:p@ss/word+"quoted"?';
    const redactor = createRedactor([secret]);
    const forms = [
      Buffer.from(secret).toString('base64'),
      Buffer.from(secret).toString('base64url'),
      encodeURIComponent(secret),
      JSON.stringify(secret).slice(1, -1),
    ];
    for (const form of forms)
      expect(redactor.redact(`before ${form} after`)).toBe(`before ${REDACTED} after`);
  });

  it('removes the start of a secret that a preview cut in the middle', () => {
    const redactor = createRedactor([SECRET]);
    const cut = previewOf(`echo: ${SECRET}`, 16) as string;
    expect(cut).toBe('echo: sk-live-01…');
    expect(redactor.redact(cut)).toBe(`echo: ${REDACTED}…`);
    const json = previewOf({ echo: SECRET }, 15) as { preview: string };
    expect(redactor.redact(json).preview).not.toContain('sk-live');
  });

  it('learns secrets added later, leaves other values alone, survives cycles', () => {
    const redactor = createRedactor();
    const cyclic: Record<string, unknown> = { text: SECRET };
    cyclic.self = cyclic;
    expect(redactor.redact(SECRET)).toBe(SECRET);
    redactor.add(SECRET);
    redactor.add(SECRET);
    expect(redactor.size).toBe(1);
    expect(redactor.redact([SECRET, 42, null, true, undefined])).toEqual([
      REDACTED,
      42,
      null,
      true,
      undefined,
    ]);
    const date = new Date(0);
    expect(redactor.redact({ date }).date).toBe(date);
    expect((redactor.redact(cyclic) as { text: string }).text).toBe(REDACTED);
  });
});
