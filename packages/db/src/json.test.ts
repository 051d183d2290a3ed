import { describe, expect, it } from 'vitest';
import { fromJsonb, toJsonbText } from './json.js';

const roundTrip = (value: unknown): unknown => fromJsonb(JSON.parse(toJsonbText(value)));

describe('jsonb escaping', () => {
  it('leaves JSON without U+0000 or U+FDD0 untouched', () => {
    const value = { a: [1, 'two', { 'three \\u0000': null }], b: 'żółw 🐢' };
    expect(toJsonbText(value)).toBe(JSON.stringify(value));
  });

  it('removes every U+0000 from the text it sends, in keys and values', () => {
    const text = toJsonbText({ 'k\u0000': ['\u0000', 'a\u0000\u0000b'] });
    expect(text).not.toContain('\\u0000');
    expect(text).not.toContain('\u0000');
  });

  it('restores exactly what it escaped, the escape character included', () => {
    for (const value of [
      '\u0000',
      '\uFDD0',
      '\uFDD00',
      '\uFDD0\u0000\uFDD0\uFDD0',
      '\\u0000',
      '\\\u0000',
      '\\\\u0000',
      { 'a\u0000': { '\uFDD0': ['x\u0000y', 1, null] } },
      'plain',
      42,
      null,
    ]) {
      expect(roundTrip(value)).toEqual(value);
    }
  });

  it('stores undefined as null', () => {
    expect(toJsonbText(undefined)).toBe('null');
  });
});
