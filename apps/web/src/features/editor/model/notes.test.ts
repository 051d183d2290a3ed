import type { GraphDocument, GraphNote } from '@beluga/graph';
import { describe, expect, it } from 'vitest';
import { moveNodes, removeElements } from './documentEdits';
import { addNote, noteFlowId, noteIdOf, notesOf, resizeNote, updateNote } from './notes';

const note = (id: string, x = 0): GraphNote => ({
  id,
  text: id,
  position: { x, y: 0 },
  color: 'yellow',
});

const base: GraphDocument = {
  format: 'beluga.graph/v1',
  id: 'g',
  name: 'G',
  description: '',
  nodes: [
    { id: 'a', type: 'transform', position: { x: 0, y: 0 }, config: {}, continueOnError: false },
  ],
  edges: [],
  notes: [note('note'), note('a', 10)],
  settings: { maxWorkers: 16, defaultExecutor: 'local' },
};

describe('notes in the document', () => {
  it('adds an empty yellow note with a fresh id at a rounded position', () => {
    const { document, id } = addNote(base, { x: 10.4, y: 20.6 });
    expect(id).toBe('note-2');
    expect(document.notes.at(-1)).toEqual({
      id: 'note-2',
      text: '',
      position: { x: 10, y: 21 },
      color: 'yellow',
    });
    expect(document.nodes).toBe(base.nodes);
  });

  it('adds to a stored document written before notes existed', () => {
    const { notes: _, ...old } = base;
    const { document } = addNote(old as GraphDocument, { x: 0, y: 0 });
    expect(notesOf(document).map((n) => n.id)).toEqual(['note']);
  });

  it('keeps note and node flow ids apart, even when the ids are equal', () => {
    expect(noteFlowId('a')).toBe('note:a');
    expect(noteIdOf('note:a')).toBe('a');
    expect(noteIdOf('a')).toBeUndefined();
    // Deleting the node "a" leaves the note "a", and the other way round.
    expect(removeElements(base, ['a']).notes).toEqual(base.notes);
    const noNote = removeElements(base, [noteFlowId('a')]);
    expect(noNote.nodes).toEqual(base.nodes);
    expect(noNote.notes.map((n) => n.id)).toEqual(['note']);
  });

  it('moves notes by flow id, keeping the identity of what did not move', () => {
    const moved = moveNodes(base, new Map([[noteFlowId('a'), { x: 50.2, y: 7 }]]));
    expect(moved.notes[1]?.position).toEqual({ x: 50, y: 7 });
    expect(moved.notes[0]).toBe(base.notes[0]);
    expect(moved.nodes).toBe(base.nodes);
    expect(moveNodes(base, new Map([[noteFlowId('a'), { x: 10, y: 0 }]]))).toBe(base);
  });

  it('edits text and colour; a resize sets size (clamped to 40..4000) and corner', () => {
    const edited = updateNote(base, 'note', (n) => ({ ...n, text: 'hi', color: 'green' }));
    expect(edited.notes[0]).toMatchObject({ text: 'hi', color: 'green' });
    expect(updateNote(base, 'missing', (n) => n)).toBe(base);
    const resized = resizeNote(base, 'note', { x: -3.2, y: 4, width: 12, height: 9000 });
    expect(resized.notes[0]).toMatchObject({
      position: { x: -3, y: 4 },
      size: { width: 40, height: 4000 },
    });
  });
});
