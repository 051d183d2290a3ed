import { useEffect, useState } from 'react';
import { useNoteEditing } from '../canvas/noteEditing';
import { useEditorStore } from '../editorStore';
import { noteIdOf } from '../model/notes';
import type { EditorActions } from '../useEditorActions';
import { ShortcutsDialog } from './ShortcutsDialog';

function isInDialog(target: EventTarget | null): boolean {
  return target instanceof HTMLElement && target.closest('[role="dialog"]') !== null;
}

/** Typing in a field, or a dialog open: the canvas shortcuts stay out of the way. */
function isTyping(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  if (target.closest('[role="dialog"]')) return true;
  return target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName);
}

function focusById(id: string): void {
  const element = document.getElementById(id);
  if (element instanceof HTMLElement) {
    element.focus();
    if (element instanceof HTMLInputElement) element.select();
  }
}

/** Enter on the canvas with one note selected: edit its text. */
function editSelectedNote(target: EventTarget | null): (() => void) | undefined {
  const onCanvas =
    target === document.body || (target instanceof HTMLElement && target.closest('.react-flow'));
  const ids = useEditorStore.getState().selectedNodeIds;
  const noteId = ids.length === 1 && ids[0] !== undefined ? noteIdOf(ids[0]) : undefined;
  if (!onCanvas || noteId === undefined) return undefined;
  return () => useNoteEditing.getState().start(noteId);
}

function commandOf(event: KeyboardEvent, actions: EditorActions, openCheatSheet: () => void) {
  const store = useEditorStore.getState();
  const key = event.key.toLowerCase();
  if (event.ctrlKey || event.metaKey) {
    if (key === 'z' && event.shiftKey) return store.redo;
    if (key === 'z' || (key === 'y' && !event.shiftKey))
      return key === 'z' ? store.undo : store.redo;
    if (key === 'c') return () => void actions.copy();
    if (key === 'v') return () => void actions.paste();
    if (key === 'a') return actions.selectAll;
    return undefined;
  }
  if (event.altKey) return undefined;
  switch (event.key) {
    case '?':
      return openCheatSheet;
    case '/':
      return () => focusById('palette-search');
    case 'Escape':
      return () => store.setSelection([], []);
    case 'Enter':
      return editSelectedNote(event.target);
  }
  if (event.shiftKey) return undefined;
  switch (key) {
    case 'l':
      return () => void actions.autoLayout();
    case 'f':
      return actions.fit;
    case 'p':
      return () => store.setShowPlan(!store.showPlan);
    case 'i':
      return focusInspectorLabel;
    case 'n':
      return () => actions.addNoteAt('pointer');
  }
  return undefined;
}

export function focusInspectorLabel(): void {
  focusById('inspector-label');
}

/** The editor's keyboard shortcuts, and the cheat sheet that lists them. */
export function useEditorShortcuts(actions: EditorActions) {
  const [open, setOpen] = useState(false);
  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      if (event.defaultPrevented) return;
      if (isTyping(event.target)) {
        // Escape leaves a field of the editor, so the canvas shortcuts work again.
        if (event.key === 'Escape' && !isInDialog(event.target))
          (event.target as HTMLElement).blur();
        return;
      }
      const command = commandOf(event, actions, () => setOpen(true));
      if (!command) return;
      event.preventDefault();
      command();
    };
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, [actions]);
  return {
    openCheatSheet: () => setOpen(true),
    cheatSheet: <ShortcutsDialog open={open} onOpenChange={setOpen} />,
  };
}
