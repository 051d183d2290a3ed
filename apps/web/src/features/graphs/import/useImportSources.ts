import { useEffect, useState, type DragEvent } from 'react';
import type { ImportSource } from './ImportDialog';

const hasFiles = (event: DragEvent) => event.dataTransfer.types.includes('Files');

function isTextField(target: EventTarget | null): boolean {
  return (
    target instanceof HTMLElement &&
    (target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName))
  );
}

let nextId = 1;

/**
 * The import dialog's state, fed from three places: its own picker, a file dropped on the page
 * (the returned drop handlers), and JSON pasted anywhere on the page outside a text field.
 * Disabled (no paste, no drop) for those who may not create graphs in the workspace.
 */
export function useImportSources(enabled = true) {
  const [open, setOpen] = useState(false);
  const [source, setSource] = useState<ImportSource>();
  const [dragging, setDragging] = useState(false);
  const choose = (text: string, label: string) => {
    setSource({ id: nextId++, text, label });
    setOpen(true);
  };
  useEffect(() => {
    if (!enabled) return;
    const onPaste = (event: ClipboardEvent) => {
      const text = event.clipboardData?.getData('text/plain') ?? '';
      if (isTextField(event.target) || !text.trim().startsWith('{')) return;
      event.preventDefault();
      setSource({ id: nextId++, text, label: 'pasted JSON' });
      setOpen(true);
    };
    document.addEventListener('paste', onPaste);
    return () => document.removeEventListener('paste', onPaste);
  }, [enabled]);
  const dropHandlers = {
    onDragOver: (event: DragEvent) => {
      if (!enabled || !hasFiles(event)) return;
      event.preventDefault();
      event.dataTransfer.dropEffect = 'copy';
      setDragging(true);
    },
    onDragLeave: (event: DragEvent) => {
      if (event.currentTarget === event.target) setDragging(false);
    },
    onDrop: (event: DragEvent) => {
      setDragging(false);
      const file = event.dataTransfer.files[0];
      if (!enabled || !file) return;
      event.preventDefault();
      void file.text().then((text) => choose(text, file.name));
    },
  };
  return {
    dialog: {
      open,
      source,
      onOpenChange: (next: boolean) => {
        setOpen(next);
        if (!next) setSource(undefined);
      },
      onSource: choose,
      onReset: () => setSource(undefined),
    },
    openPicker: () => {
      setSource(undefined);
      setOpen(true);
    },
    dragging,
    dropHandlers,
  };
}
