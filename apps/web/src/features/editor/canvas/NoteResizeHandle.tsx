import { MoveDiagonal2 } from 'lucide-react';
import { useId, type KeyboardEvent } from 'react';
import { editDocument } from '../editorStore';
import { DEFAULT_NOTE_SIZE, resizeNote } from '../model/notes';
import type { GraphNote } from '@beluga/graph';

const STEP = 10;
const BIG_STEP = 50;

/** Width and height change per arrow key: right/left the width, down/up the height. */
const GROW: Record<string, [number, number]> = {
  ArrowRight: [1, 0],
  ArrowLeft: [-1, 0],
  ArrowDown: [0, 1],
  ArrowUp: [0, -1],
};

/**
 * The keyboard's way to resize a selected note (the mouse has React Flow's resizer around it):
 * a focusable grip in the corner that arrow keys resize by 10 px, 50 px with Shift. Held keys
 * make one undo step. The arrows stop here so React Flow does not move the note as well.
 */
export function NoteResizeHandle({ note }: { note: GraphNote }) {
  const hint = useId();
  const size = note.size ?? DEFAULT_NOTE_SIZE;
  const onKeyDown = (event: KeyboardEvent<HTMLButtonElement>) => {
    const grow = GROW[event.key];
    if (!grow || event.ctrlKey || event.metaKey || event.altKey) return;
    event.preventDefault();
    event.stopPropagation();
    const step = event.shiftKey ? BIG_STEP : STEP;
    editDocument(
      (doc) =>
        resizeNote(doc, note.id, {
          ...note.position,
          width: size.width + grow[0] * step,
          height: size.height + grow[1] * step,
        }),
      `note-size:${note.id}`,
    );
  };
  return (
    <>
      <button
        type="button"
        data-testid="note-resize"
        aria-label={`Resize note, ${size.width} by ${size.height} pixels`}
        aria-describedby={hint}
        title="Resize: arrow keys (Shift: larger steps)"
        onKeyDown={onKeyDown}
        className="nodrag nopan absolute right-0.5 bottom-0.5 flex size-5 cursor-se-resize items-center justify-center rounded text-slate-600 hover:bg-black/5 focus-visible:ring-2 focus-visible:ring-sky-500 focus-visible:outline-none dark:text-slate-300"
      >
        <MoveDiagonal2 aria-hidden className="size-3.5" />
      </button>
      <span id={hint} hidden>
        Right and left arrows change the width, down and up the height; hold Shift for 50 pixel
        steps.
      </span>
      <span aria-live="polite" className="sr-only">
        {size.width} by {size.height}
      </span>
    </>
  );
}
