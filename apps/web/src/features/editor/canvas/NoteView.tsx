import { NodeResizer, type NodeProps, type ResizeParams } from '@xyflow/react';
import { memo, type KeyboardEvent } from 'react';
import { editDocument, useEditorStore } from '../editorStore';
import {
  DEFAULT_NOTE_SIZE,
  NOTE_MAX_TEXT,
  NOTE_MIN_SIZE,
  NOTE_MAX_SIZE,
  notesOf,
  resizeNote,
  updateNote,
} from '../model/notes';
import type { NoteFlowNode } from '../model/toFlow';
import { NoteColorMenu } from './NoteColorMenu';
import { NoteResizeHandle } from './NoteResizeHandle';
import { NOTE_STYLE } from './noteColors';
import { useNoteEditing } from './noteEditing';
import { useViewingRun } from '../viewingRun';

function NoteText({ noteId }: { noteId: string }) {
  // Read from the store, not from the flow node: flow nodes follow the document one render
  // late, and a controlled textarea fed the older text drops keystrokes typed quickly.
  const text = useEditorStore(
    (state) => (state.document && notesOf(state.document).find((n) => n.id === noteId)?.text) ?? '',
  );
  const stop = useNoteEditing((state) => state.stop);
  const onKeyDown = (event: KeyboardEvent<HTMLTextAreaElement>) => {
    if (event.key !== 'Escape') return;
    event.preventDefault();
    event.stopPropagation();
    // Back to the note itself, so Enter edits again and the arrows move it.
    event.currentTarget.closest<HTMLElement>('.react-flow__node')?.focus();
    stop();
  };
  return (
    <textarea
      aria-label="Note text"
      autoFocus
      value={text}
      maxLength={NOTE_MAX_TEXT}
      placeholder="Write a note…"
      onChange={(event) =>
        editDocument(
          (doc) => updateNote(doc, noteId, (note) => ({ ...note, text: event.target.value })),
          `note-text:${noteId}`,
        )
      }
      onKeyDown={onKeyDown}
      onBlur={stop}
      className="nodrag nowheel nopan size-full resize-none bg-transparent p-2 text-sm outline-none placeholder:opacity-60"
    />
  );
}

/**
 * A sticky note on the canvas: text for people (double-click or Enter to edit), resizable,
 * in one of five colours. It has no ports and no problems: validation and runs ignore notes.
 */
export const NoteView = memo(function NoteView({ data, selected }: NodeProps<NoteFlowNode>) {
  const { note } = data;
  const locked = useViewingRun();
  const editing = useNoteEditing((state) => state.noteId === note.id) && !locked;
  const onResizeEnd = (_: unknown, box: ResizeParams) =>
    editDocument((doc) => resizeNote(doc, note.id, box));
  return (
    <>
      <NodeResizer
        isVisible={selected && !locked}
        minWidth={NOTE_MIN_SIZE}
        minHeight={NOTE_MIN_SIZE}
        maxWidth={NOTE_MAX_SIZE}
        maxHeight={NOTE_MAX_SIZE}
        color="#0ea5e9"
        onResizeEnd={onResizeEnd}
      />
      {selected && !editing && !locked && <NoteColorMenu noteId={note.id} color={note.color} />}
      <div
        data-testid="note"
        data-color={note.color}
        data-width={note.size?.width ?? DEFAULT_NOTE_SIZE.width}
        data-height={note.size?.height ?? DEFAULT_NOTE_SIZE.height}
        onDoubleClick={() => {
          if (!locked) useNoteEditing.getState().start(note.id);
        }}
        className={`relative size-full overflow-hidden rounded-md border shadow-sm ${NOTE_STYLE[note.color]}`}
      >
        {editing ? (
          <NoteText noteId={note.id} />
        ) : (
          <div
            data-testid="note-text"
            className="nowheel size-full overflow-auto p-2 text-sm break-words whitespace-pre-wrap"
          >
            {note.text || <span className="opacity-60">Double-click to write</span>}
          </div>
        )}
        {selected && !editing && !locked && <NoteResizeHandle note={note} />}
      </div>
    </>
  );
});
