import { GraphDocumentSchema, type GraphDocument } from './document.js';
import { KNOWN_FORMATS, migrateToCurrent } from './migrations.js';
import { problemAt, type DocumentProblem, type ImportResult } from './problems.js';

export interface ImportOptions {
  /** Largest accepted document, in UTF-8 bytes. Default 10 MB. */
  maxBytes?: number;
  /** Deepest accepted nesting of arrays and objects. Default 64. */
  maxDepth?: number;
  /** At most this many schema problems are listed. Default 100. */
  maxProblems?: number;
}

const DEFAULTS = { maxBytes: 10 * 1024 * 1024, maxDepth: 64, maxProblems: 100 };

/**
 * Reads a graph document from JSON text (or an already parsed value): size, syntax, nesting and
 * forbidden keys first, then the format (older formats go through explicit migrations), then the
 * schema. Never throws, never runs code from the document, never touches the network.
 *
 * @example
 * const result = importGraphDocument(await file.text());
 * if (!result.ok) for (const p of result.problems) console.error(`${p.path}: ${p.message}`);
 */
export function importGraphDocument(
  source: unknown,
  options: ImportOptions = {},
): ImportResult<GraphDocument> {
  const limits = { ...DEFAULTS, ...options };
  const parsed =
    typeof source === 'string' ? parseText(source, limits.maxBytes) : { value: source };
  if ('problem' in parsed) return { ok: false, problems: [parsed.problem] };
  const shapeProblem = checkShape(parsed.value, limits.maxDepth);
  if (shapeProblem) return { ok: false, problems: [shapeProblem] };
  const raw = parsed.value;
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    return {
      ok: false,
      problems: [problemAt('SCHEMA_MISMATCH', [], 'A graph document is a JSON object')],
    };
  }
  const format = (raw as { format?: unknown }).format;
  if (typeof format !== 'string' || !KNOWN_FORMATS.includes(format)) {
    const message = `Unknown format ${JSON.stringify(format) ?? 'undefined'}; expected one of ${KNOWN_FORMATS.join(', ')}`;
    return { ok: false, problems: [problemAt('UNKNOWN_FORMAT', ['format'], message)] };
  }
  return validateSchema(raw as Record<string, unknown>, limits.maxProblems);
}

function validateSchema(
  raw: Record<string, unknown>,
  maxProblems: number,
): ImportResult<GraphDocument> {
  let migrated: { document: Record<string, unknown>; from?: string };
  try {
    migrated = migrateToCurrent(raw);
  } catch (error) {
    return { ok: false, problems: [problemAt('MIGRATION_FAILED', ['format'], String(error))] };
  }
  const result = GraphDocumentSchema.safeParse(migrated.document);
  if (!result.success) {
    const problems = result.error.issues
      .slice(0, maxProblems)
      .map((issue) =>
        problemAt('SCHEMA_MISMATCH', issue.path as (string | number)[], issue.message),
      );
    return { ok: false, problems };
  }
  return migrated.from === undefined
    ? { ok: true, document: result.data }
    : { ok: true, document: result.data, migratedFrom: migrated.from };
}

function parseText(
  text: string,
  maxBytes: number,
): { value: unknown } | { problem: DocumentProblem } {
  if (utf8Length(text, maxBytes) > maxBytes) {
    return {
      problem: problemAt('DOCUMENT_TOO_LARGE', [], `The document is larger than ${maxBytes} bytes`),
    };
  }
  try {
    return { value: JSON.parse(text) as unknown };
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    return {
      problem: problemAt('DOCUMENT_MALFORMED', [], `The document is not valid JSON: ${reason}`),
    };
  }
}

/** UTF-8 length, computed only when the character count leaves it in doubt. */
function utf8Length(text: string, maxBytes: number): number {
  if (text.length > maxBytes) return text.length;
  if (text.length * 3 <= maxBytes) return text.length;
  return new TextEncoder().encode(text).length;
}

/**
 * Walks the value without recursion: refuses nesting deeper than `maxDepth` (schema checks
 * recurse) and `__proto__` keys, which a JSON parser keeps as data but an object copy would
 * turn into a prototype.
 */
function checkShape(value: unknown, maxDepth: number): DocumentProblem | undefined {
  const stack: { value: unknown; path: (string | number)[] }[] = [{ value, path: [] }];
  while (stack.length > 0) {
    const { value: item, path } = stack.pop() as { value: unknown; path: (string | number)[] };
    if (typeof item !== 'object' || item === null) continue;
    if (path.length >= maxDepth) {
      return problemAt('DOCUMENT_TOO_DEEP', path, `Nested deeper than ${maxDepth} levels`);
    }
    if (Array.isArray(item)) {
      item.forEach((entry, index) => stack.push({ value: entry, path: [...path, index] }));
      continue;
    }
    for (const key of Object.keys(item)) {
      if (key === '__proto__') {
        return problemAt('FORBIDDEN_KEY', [...path, key], 'The key "__proto__" is not allowed');
      }
      stack.push({ value: (item as Record<string, unknown>)[key], path: [...path, key] });
    }
  }
  return undefined;
}
