import type { GraphDocument, GraphEdge, GraphNode, GraphNote } from '@beluga/graph';
import { uniqueId } from './ids';
import { NOTE_COLORS, NOTE_MAX_TEXT, noteFlowId, notesOf } from './notes';

/**
 * What the editor puts on the clipboard: plain JSON, readable and pasteable into any graph.
 * `notes` came later; payloads without it (copied by an older editor) still paste.
 */
export interface ClipboardPayload {
  kind: typeof CLIPBOARD_KIND;
  nodes: GraphNode[];
  edges: GraphEdge[];
  notes?: GraphNote[];
}

export const CLIPBOARD_KIND = 'beluga.clipboard/v1';
const PASTE_OFFSET = 40;

/** The selected nodes, the edges between them, and the selected notes (by flow id). */
export function copySelection(
  document: GraphDocument,
  nodeIds: ReadonlySet<string>,
): ClipboardPayload | undefined {
  const nodes = document.nodes.filter((n) => nodeIds.has(n.id));
  const notes = notesOf(document).filter((n) => nodeIds.has(noteFlowId(n.id)));
  if (nodes.length === 0 && notes.length === 0) return undefined;
  const edges = document.edges.filter((e) => nodeIds.has(e.source) && nodeIds.has(e.target));
  return { kind: CLIPBOARD_KIND, nodes, edges, ...(notes.length > 0 ? { notes } : {}) };
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isNode(value: unknown): value is GraphNode {
  return (
    isRecord(value) &&
    typeof value.id === 'string' &&
    typeof value.type === 'string' &&
    isRecord(value.position) &&
    typeof value.position.x === 'number' &&
    typeof value.position.y === 'number'
  );
}

function isEdge(value: unknown): value is GraphEdge {
  return (
    isRecord(value) &&
    typeof value.id === 'string' &&
    typeof value.source === 'string' &&
    typeof value.target === 'string'
  );
}

function isNote(value: unknown): value is GraphNote {
  return (
    isRecord(value) &&
    typeof value.id === 'string' &&
    typeof value.text === 'string' &&
    isRecord(value.position) &&
    typeof value.position.x === 'number' &&
    typeof value.position.y === 'number'
  );
}

/**
 * Reads clipboard text: our payload, or a whole graph document (its nodes, edges and notes).
 * Anything else gives undefined. The server's validate still checks what is pasted.
 */
export function parseClipboard(text: string): ClipboardPayload | undefined {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return undefined;
  }
  if (!isRecord(value) || !Array.isArray(value.nodes)) return undefined;
  if (value.kind !== CLIPBOARD_KIND && value.format !== 'beluga.graph/v1') return undefined;
  const nodes = value.nodes.filter(isNode);
  const edges = Array.isArray(value.edges) ? value.edges.filter(isEdge) : [];
  const notes = Array.isArray(value.notes) ? value.notes.filter(isNote) : [];
  if (nodes.length === 0 && notes.length === 0) return undefined;
  return { kind: CLIPBOARD_KIND, nodes, edges, ...(notes.length > 0 ? { notes } : {}) };
}

/**
 * Adds the payload's nodes with fresh ids (edges remapped, edges to nodes outside dropped),
 * and its notes, shifted so a paste never hides what it copied. Returns the new document and
 * the flow ids of what was added (to select it).
 */
export function pasteInto(
  document: GraphDocument,
  payload: ClipboardPayload,
  offset = PASTE_OFFSET,
): { document: GraphDocument; nodeIds: string[] } {
  const taken = new Set(document.nodes.map((n) => n.id));
  const idOf = new Map<string, string>();
  const nodes = payload.nodes.map((node): GraphNode => {
    const id = uniqueId(node.id, taken);
    taken.add(id);
    idOf.set(node.id, id);
    return {
      ...structuredClone(node),
      id,
      position: { x: node.position.x + offset, y: node.position.y + offset },
      config: structuredClone(node.config ?? {}),
      continueOnError: node.continueOnError ?? false,
    };
  });
  const edgeIds = new Set(document.edges.map((e) => e.id));
  const edges = payload.edges.flatMap((edge): GraphEdge[] => {
    const source = idOf.get(edge.source);
    const target = idOf.get(edge.target);
    if (!source || !target) return [];
    const id = uniqueId(`${source}-${target}`, edgeIds);
    edgeIds.add(id);
    return [
      {
        id,
        source,
        target,
        sourcePort: edge.sourcePort ?? 'out',
        targetPort: edge.targetPort ?? 'in',
      },
    ];
  });
  const notes = pastedNotes(document, payload, offset);
  return {
    document: {
      ...document,
      nodes: [...document.nodes, ...nodes],
      edges: [...document.edges, ...edges],
      notes: [...notesOf(document), ...notes],
    },
    nodeIds: [...nodes.map((n) => n.id), ...notes.map((n) => noteFlowId(n.id))],
  };
}

/** Pasted notes with fresh ids, shifted; anything the format would refuse is made valid. */
function pastedNotes(document: GraphDocument, payload: ClipboardPayload, offset: number) {
  const taken = new Set(notesOf(document).map((n) => n.id));
  return (payload.notes ?? []).map((note): GraphNote => {
    const id = uniqueId(note.id, taken);
    taken.add(id);
    return {
      id,
      text: note.text.slice(0, NOTE_MAX_TEXT),
      position: { x: note.position.x + offset, y: note.position.y + offset },
      ...(note.size ? { size: { ...note.size } } : {}),
      color: NOTE_COLORS.includes(note.color) ? note.color : 'yellow',
    };
  });
}
