import { portsConnect, type GraphDocument } from '@beluga/graph';
import type { Catalog } from './catalogTypes';
import type { Connection } from './documentEdits';

function nameOf(document: GraphDocument, id: string): string {
  const node = document.nodes.find((n) => n.id === id);
  return node?.label || id;
}

/** Does a path of edges lead from `from` to `to`? */
function reaches(document: GraphDocument, from: string, to: string): boolean {
  const next = new Map<string, string[]>();
  for (const edge of document.edges) {
    const list = next.get(edge.source);
    if (list) list.push(edge.target);
    else next.set(edge.source, [edge.target]);
  }
  const seen = new Set([from]);
  const stack = [from];
  while (stack.length > 0) {
    const node = stack.pop() as string;
    if (node === to) return true;
    for (const t of next.get(node) ?? []) {
      if (!seen.has(t)) {
        seen.add(t);
        stack.push(t);
      }
    }
  }
  return false;
}

/**
 * Why the editor refuses a new edge, in words for the user; undefined when it may be drawn.
 * Mirrors validate()'s edge rules (ports exist, types connect, one edge into a single-value
 * port) and refuses cycles, which validate() would report anyway.
 */
export function connectionRefusal(
  document: GraphDocument,
  catalog: Catalog,
  c: Connection,
): string | undefined {
  if (c.source === c.target) return 'A node cannot be connected to itself.';
  const from = document.nodes.find((n) => n.id === c.source);
  const to = document.nodes.find((n) => n.id === c.target);
  if (!from || !to) return 'That node no longer exists.';
  const out = catalog.get(from.type)?.outputs.find((p) => p.name === c.sourcePort);
  const into = catalog.get(to.type)?.inputs.find((p) => p.name === c.targetPort);
  if (!out) return `"${nameOf(document, c.source)}" has no output "${c.sourcePort}".`;
  if (!into) return `"${nameOf(document, c.target)}" has no input "${c.targetPort}".`;
  if (!portsConnect(out.type, into.type)) {
    return `Incompatible ports: "${nameOf(document, c.source)}" ${c.sourcePort} gives ${out.type}, "${nameOf(document, c.target)}" ${c.targetPort} takes ${into.type}.`;
  }
  const into_ = document.edges.filter(
    (e) => e.target === c.target && e.targetPort === c.targetPort,
  );
  if (into_.some((e) => e.source === c.source && e.sourcePort === c.sourcePort)) {
    return 'These ports are already connected.';
  }
  if (!into.multiple && into_.length > 0) {
    return `The input "${c.targetPort}" of "${nameOf(document, c.target)}" takes one edge and is already connected.`;
  }
  if (reaches(document, c.target, c.source)) {
    return `This edge would make a cycle: "${nameOf(document, c.target)}" already leads to "${nameOf(document, c.source)}".`;
  }
  return undefined;
}
