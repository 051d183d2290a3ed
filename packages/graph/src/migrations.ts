import { GRAPH_FORMAT } from './document.js';

/**
 * A step from one format to the next. Migrations are explicit and chained: a document of any
 * known format is brought up to the current one, one step at a time, never guessed at.
 */
export interface Migration {
  from: string;
  to: string;
  migrate(document: Record<string, unknown>): Record<string, unknown>;
}

/**
 * `beluga.graph/v0` is the pre-release format: edges were `{ from, to }` keyed by node id with
 * implicit `out`/`in` ports, nodes had `kind` instead of `type`, and settings were top-level
 * `maxWorkers`.
 */
const v0ToV1: Migration = {
  from: 'beluga.graph/v0',
  to: GRAPH_FORMAT,
  migrate(document) {
    const { maxWorkers, nodes, edges, ...rest } = document;
    return {
      ...rest,
      format: GRAPH_FORMAT,
      nodes: asArray(nodes).map((node) => {
        const { kind, ...fields } = asRecord(node);
        return { ...fields, type: kind };
      }),
      edges: asArray(edges).map((edge, index) => {
        const { from, to, ...fields } = asRecord(edge);
        return { id: `e${index}`, ...fields, source: from, target: to };
      }),
      ...(maxWorkers === undefined ? {} : { settings: { maxWorkers } }),
    };
  },
};

export const MIGRATIONS: readonly Migration[] = [v0ToV1];

/** The formats import understands, oldest first. */
export const KNOWN_FORMATS: readonly string[] = [...MIGRATIONS.map((m) => m.from), GRAPH_FORMAT];

/** Brings a document up to the current format; returns the chain of formats it went through. */
export function migrateToCurrent(document: Record<string, unknown>): {
  document: Record<string, unknown>;
  from?: string;
} {
  const start = document.format;
  let current = document;
  for (let guard = 0; current.format !== GRAPH_FORMAT && guard <= MIGRATIONS.length; guard++) {
    const step = MIGRATIONS.find((m) => m.from === current.format);
    if (!step) break;
    current = step.migrate(current);
  }
  return start === GRAPH_FORMAT
    ? { document: current }
    : { document: current, from: String(start) };
}

function asArray(value: unknown): unknown[] {
  return Array.isArray(value) ? value : [];
}

function asRecord(value: unknown): Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : {};
}
