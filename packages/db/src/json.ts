import { customType } from 'drizzle-orm/pg-core';

/**
 * PostgreSQL's jsonb refuses the character U+0000 (`unsupported Unicode escape sequence`), which
 * JSON allows and node outputs may well contain. Rather than fail a run's event writes, strings
 * and keys are escaped losslessly on the way in and restored on the way out, with the Unicode
 * noncharacter U+FDD0 (reserved for exactly this kind of internal use) as the escape:
 *   U+0000 → U+FDD0 '0'      U+FDD0 → U+FDD0 U+FDD0
 *
 * jsonb also normalises objects (key order by length then bytes, duplicate keys dropped):
 * values round-trip (deep equality), key order does not.
 */
const ESCAPE = '\uFDD0';

// In JSON text, `\\` pairs are consumed first so `\\u0000` (a backslash then "u0000") is
// never mistaken for the escape of U+0000.
const ENCODE_PATTERN = /\\\\|\\u0000|\uFDD0/g;

/** JSON text of `value`, escaped for jsonb. `undefined` is stored as JSON null. */
export function toJsonbText(value: unknown): string {
  const text = JSON.stringify(value) ?? 'null';
  if (!text.includes('\\u0000') && !text.includes(ESCAPE)) return text;
  return text.replace(ENCODE_PATTERN, (match) => {
    if (match === '\\\\') return match;
    return match === ESCAPE ? ESCAPE + ESCAPE : `${ESCAPE}0`;
  });
}

const DECODE_PATTERN = /\uFDD0([\uFDD00])/g;

function decodeString(text: string): string {
  if (!text.includes(ESCAPE)) return text;
  return text.replace(DECODE_PATTERN, (_match, next: string) => (next === '0' ? '\u0000' : ESCAPE));
}

/** Undoes {@link toJsonbText} on a value the driver has already parsed (mutates it in place). */
export function fromJsonb(value: unknown): unknown {
  if (typeof value === 'string') return decodeString(value);
  if (typeof value !== 'object' || value === null) return value;
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) value[i] = fromJsonb(value[i]);
    return value;
  }
  const record = value as Record<string, unknown>;
  for (const key of Object.keys(record)) {
    const decodedKey = decodeString(key);
    const decoded = fromJsonb(record[key]);
    if (decodedKey !== key) delete record[key];
    record[decodedKey] = decoded;
  }
  return record;
}

/**
 * A jsonb column with the escaping above. Unlike drizzle's own `jsonb()`, reading never
 * JSON.parses a value the driver already parsed (that turns the stored string "42" into 42).
 */
export const jsonbValue = customType<{ data: unknown; driverData: unknown }>({
  dataType: () => 'jsonb',
  toDriver: (value) => toJsonbText(value),
  fromDriver: (value) => fromJsonb(value),
});
