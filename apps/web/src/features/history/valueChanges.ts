import { stableJson } from './stableJson';

/** One value that differs between two versions, at a dotted path such as `config.headers.Accept`. */
export interface ValueChange {
  path: string;
  /** Undefined: the key is absent on that side. */
  before: unknown;
  after: unknown;
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isPosition(value: unknown): value is { x: number; y: number } {
  return isPlainObject(value) && typeof value.x === 'number' && typeof value.y === 'number';
}

/**
 * The values that differ between two JSON values. Plain objects are descended key by key, so a
 * nested config names the key that changed; anything else (arrays included) is compared whole.
 */
export function valueChanges(before: unknown, after: unknown, path = ''): ValueChange[] {
  if (isPlainObject(before) && isPlainObject(after)) {
    const keys = [...new Set([...Object.keys(before), ...Object.keys(after)])].sort();
    return keys.flatMap((key) =>
      valueChanges(before[key], after[key], path ? `${path}.${key}` : key),
    );
  }
  return stableJson(before) === stableJson(after) ? [] : [{ path, before, after }];
}

const MAX_VALUE_CHARS = 40;

/** A value in a line of text: strings quoted, positions as (x, y), long values cut short. */
export function formatValue(value: unknown): string {
  if (value === undefined) return '(none)';
  const text = isPosition(value)
    ? `(${Math.round(value.x)}, ${Math.round(value.y)})`
    : typeof value === 'string'
      ? JSON.stringify(value)
      : stableJson(value);
  return text.length > MAX_VALUE_CHARS ? `${text.slice(0, MAX_VALUE_CHARS - 1)}…` : text;
}

/** "config.ms: 1000 → 250". */
export function formatChange(change: ValueChange): string {
  return `${change.path}: ${formatValue(change.before)} → ${formatValue(change.after)}`;
}
