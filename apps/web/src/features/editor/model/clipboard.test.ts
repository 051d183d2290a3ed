import type { GraphDocument } from '@beluga/graph';
import { describe, expect, it } from 'vitest';
import { CLIPBOARD_KIND, copySelection, parseClipboard, pasteInto } from './clipboard';

const base: GraphDocument = {
  format: 'beluga.graph/v1',
  id: 'g',
  name: 'g',
  description: '',
  nodes: [
    {
      id: 'a',
      type: 'input',
      position: { x: 0, y: 0 },
      config: { fields: [] },
      continueOnError: false,
    },
    {
      id: 'b',
      type: 'transform',
      label: 'B',
      position: { x: 200, y: 0 },
      config: { expression: '$' },
      continueOnError: false,
    },
    { id: 'c', type: 'output', position: { x: 400, y: 0 }, config: {}, continueOnError: false },
  ],
  edges: [
    { id: 'a-b', source: 'a', sourcePort: 'out', target: 'b', targetPort: 'in' },
    { id: 'b-c', source: 'b', sourcePort: 'out', target: 'c', targetPort: 'in' },
  ],
  notes: [],
  settings: { maxWorkers: 16, defaultExecutor: 'local' },
};

describe('clipboard', () => {
  it('copies the selected nodes and only the edges between them', () => {
    const payload = copySelection(base, new Set(['a', 'b']));
    expect(payload?.nodes.map((n) => n.id)).toEqual(['a', 'b']);
    expect(payload?.edges.map((e) => e.id)).toEqual(['a-b']);
    expect(copySelection(base, new Set())).toBeUndefined();
  });

  it('pastes with fresh ids, remapped edges and an offset, leaving the copy intact', () => {
    const payload = copySelection(base, new Set(['a', 'b']));
    if (!payload) throw new Error('nothing copied');
    const { document, nodeIds } = pasteInto(base, payload);
    expect(nodeIds).toEqual(['a-2', 'b-2']);
    expect(document.nodes).toHaveLength(5);
    expect(document.edges.at(-1)).toMatchObject({ source: 'a-2', target: 'b-2' });
    expect(document.nodes.at(-1)).toMatchObject({ label: 'B', position: { x: 240, y: 40 } });
    expect(base.nodes).toHaveLength(3);
  });

  it('round-trips through JSON text, and reads a whole graph document too', () => {
    const text = JSON.stringify(copySelection(base, new Set(['b'])));
    expect(parseClipboard(text)).toMatchObject({ kind: CLIPBOARD_KIND, nodes: [{ id: 'b' }] });
    expect(parseClipboard(JSON.stringify(base))?.nodes).toHaveLength(3);
    expect(parseClipboard('hello')).toBeUndefined();
    expect(parseClipboard('{"nodes": [1, 2]}')).toBeUndefined();
  });

  it('copies and pastes notes with the nodes; payloads without notes still paste', () => {
    const withNote: GraphDocument = {
      ...base,
      notes: [
        {
          id: 'why',
          text: 'Why',
          position: { x: 1, y: 2 },
          size: { width: 90, height: 60 },
          color: 'pink',
        },
      ],
    };
    const payload = copySelection(withNote, new Set(['a', 'note:why']));
    expect(payload?.notes).toEqual(withNote.notes);
    expect(copySelection(withNote, new Set(['note:why']))?.nodes).toEqual([]);
    const read = parseClipboard(JSON.stringify(payload));
    if (!read) throw new Error('nothing read');
    const { document, nodeIds } = pasteInto(withNote, read);
    expect(nodeIds).toEqual(['a-2', 'note:why-2']);
    expect(document.notes.at(-1)).toEqual({
      id: 'why-2',
      text: 'Why',
      position: { x: 41, y: 42 },
      size: { width: 90, height: 60 },
      color: 'pink',
    });
    expect(copySelection(base, new Set(['a']))).not.toHaveProperty('notes');
  });
});
