import type { GraphDocument, GraphNote } from '@beluga/graph';
import type { XY } from './documentEdits';
import { uniqueId } from './ids';

export type NoteColor = GraphNote['color'];
export const NOTE_COLORS: readonly NoteColor[] = ['yellow', 'blue', 'green', 'pink', 'gray'];
export const NOTE_MIN_SIZE = 40;
export const NOTE_MAX_SIZE = 4000;
export const NOTE_MAX_TEXT = 10_000;
/** The size a note is drawn at until it is resized (then its size is saved). */
export const DEFAULT_NOTE_SIZE = { width: 200, height: 140 };

/**
 * Notes share the canvas with nodes, and React Flow needs one id space: a note's flow id is
 * prefixed, so a note may keep any id of the document even one a node also uses.
 */
const NOTE_PREFIX = 'note:';

export function noteFlowId(noteId: string): string {
  return NOTE_PREFIX + noteId;
}

/** The note id behind a flow id, or undefined for a graph node's flow id. */
export function noteIdOf(flowId: string): string | undefined {
  return flowId.startsWith(NOTE_PREFIX) ? flowId.slice(NOTE_PREFIX.length) : undefined;
}

/** The document's notes; stored documents written before notes existed have none. */
export function notesOf(document: GraphDocument): GraphNote[] {
  return document.notes ?? [];
}

function clampSize(value: number): number {
  return Math.min(NOTE_MAX_SIZE, Math.max(NOTE_MIN_SIZE, Math.round(value)));
}

/** Adds an empty yellow note with its top-left corner at `position`. */
export function addNote(
  document: GraphDocument,
  position: XY,
): { document: GraphDocument; id: string } {
  const notes = notesOf(document);
  const id = uniqueId('note', new Set(notes.map((n) => n.id)));
  const note: GraphNote = {
    id,
    text: '',
    position: { x: Math.round(position.x), y: Math.round(position.y) },
    color: 'yellow',
  };
  return { document: { ...document, notes: [...notes, note] }, id };
}

export function updateNote(
  document: GraphDocument,
  id: string,
  change: (note: GraphNote) => GraphNote,
): GraphDocument {
  const notes = notesOf(document);
  if (!notes.some((n) => n.id === id)) return document;
  return { ...document, notes: notes.map((note) => (note.id === id ? change(note) : note)) };
}

/** A finished resize: the new size (clamped to what the format accepts) and top-left corner. */
export function resizeNote(
  document: GraphDocument,
  id: string,
  box: XY & { width: number; height: number },
): GraphDocument {
  return updateNote(document, id, (note) => ({
    ...note,
    position: { x: Math.round(box.x), y: Math.round(box.y) },
    size: { width: clampSize(box.width), height: clampSize(box.height) },
  }));
}
