import { create } from 'zustand';

/**
 * Which note's text is being edited. Kept apart from the document: starting to edit is not an
 * edit, and the shortcut (Enter), a double-click and "Add note" all start it.
 */
export const useNoteEditing = create<{
  noteId: string | undefined;
  start: (noteId: string) => void;
  stop: () => void;
}>((set) => ({
  noteId: undefined,
  start: (noteId) => set({ noteId }),
  stop: () => set({ noteId: undefined }),
}));
