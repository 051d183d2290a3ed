import { NodeToolbar, Position } from '@xyflow/react';
import { Pencil } from 'lucide-react';
import { editDocument } from '../editorStore';
import { NOTE_COLORS, updateNote, type NoteColor } from '../model/notes';
import { NOTE_SWATCH } from './noteColors';
import { useNoteEditing } from './noteEditing';

/** Above a selected note: its colour swatches and a button to edit its text. */
export function NoteColorMenu({ noteId, color }: { noteId: string; color: NoteColor }) {
  const setColor = (next: NoteColor) =>
    editDocument((doc) =>
      updateNote(doc, noteId, (note) => (note.color === next ? note : { ...note, color: next })),
    );
  return (
    <NodeToolbar
      position={Position.Top}
      className="flex items-center gap-1 rounded-md border border-slate-200 bg-white p-1 shadow-sm dark:border-slate-700 dark:bg-slate-900"
    >
      <div role="radiogroup" aria-label="Note colour" className="flex gap-1">
        {NOTE_COLORS.map((c) => (
          <button
            key={c}
            type="button"
            role="radio"
            aria-checked={c === color}
            aria-label={c}
            title={c}
            onClick={() => setColor(c)}
            className={`size-5 rounded-full border border-black/10 focus-visible:ring-2 focus-visible:ring-sky-500 focus-visible:outline-none ${NOTE_SWATCH[c]} ${c === color ? 'ring-2 ring-sky-500 ring-offset-1 dark:ring-offset-slate-900' : ''}`}
          />
        ))}
      </div>
      <button
        type="button"
        aria-label="Edit note text"
        title="Edit text (Enter)"
        onClick={() => useNoteEditing.getState().start(noteId)}
        className="flex size-6 items-center justify-center rounded text-slate-600 hover:bg-slate-100 focus-visible:ring-2 focus-visible:ring-sky-500 focus-visible:outline-none dark:text-slate-300 dark:hover:bg-slate-800"
      >
        <Pencil aria-hidden className="size-3.5" />
      </button>
    </NodeToolbar>
  );
}
