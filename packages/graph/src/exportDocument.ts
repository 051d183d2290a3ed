import type { GraphDocument, GraphEdge, GraphNode, GraphNote } from './document.js';

/**
 * Writes a document as canonical JSON: fields in a fixed order, config keys sorted, two-space
 * indentation and a final newline, so two exports of the same graph are byte-identical and
 * a change diffs as the lines it touched.
 */
export function exportGraphDocument(document: GraphDocument): string {
  const { settings } = document;
  const canonical = {
    format: document.format,
    id: document.id,
    name: document.name,
    description: document.description,
    settings: {
      maxWorkers: settings.maxWorkers,
      runTimeoutMs: settings.runTimeoutMs,
      defaultExecutor: settings.defaultExecutor,
    },
    nodes: document.nodes.map(canonicalNode),
    edges: document.edges.map(canonicalEdge),
    notes: document.notes.map(canonicalNote),
  };
  return `${JSON.stringify(canonical, null, 2)}\n`;
}

function canonicalNode(node: GraphNode) {
  const retry = node.retry;
  return {
    id: node.id,
    type: node.type,
    label: node.label,
    position: { x: node.position.x, y: node.position.y },
    config: sortKeys(node.config),
    retry: retry && {
      maxAttempts: retry.maxAttempts,
      initialDelayMs: retry.initialDelayMs,
      maxDelayMs: retry.maxDelayMs,
      multiplier: retry.multiplier,
      jitter: retry.jitter,
    },
    timeoutMs: node.timeoutMs,
    continueOnError: node.continueOnError,
  };
}

function canonicalEdge(edge: GraphEdge) {
  return {
    id: edge.id,
    source: edge.source,
    sourcePort: edge.sourcePort,
    target: edge.target,
    targetPort: edge.targetPort,
  };
}

function canonicalNote(note: GraphNote) {
  return {
    id: note.id,
    text: note.text,
    position: { x: note.position.x, y: note.position.y },
    size: note.size && { width: note.size.width, height: note.size.height },
    color: note.color,
  };
}

/** Object keys in code-point order, at every depth (import bounds the depth). */
function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (typeof value !== 'object' || value === null) return value;
  const sorted: Record<string, unknown> = {};
  for (const key of Object.keys(value).sort())
    sorted[key] = sortKeys((value as Record<string, unknown>)[key]);
  return sorted;
}
