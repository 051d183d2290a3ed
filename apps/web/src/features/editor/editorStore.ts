import type { GraphDocument } from '@beluga/graph';
import { create } from 'zustand';

/**
 * The graph being edited. `document` is the source of truth that is saved, exported and run;
 * canvas state (React Flow nodes/edges, selection) is derived from it and written back to it.
 */
export interface EditorState {
  graphId: string | undefined;
  /** The stored version the document is based on (sent as `baseVersion` when saving). */
  baseVersion: number;
  document: GraphDocument | undefined;
  /** The document differs from the stored version. */
  dirty: boolean;
  /** Opens a stored graph (replaces everything, clears history). */
  load: (graph: { id: string; version: number; document: GraphDocument }) => void;
  /** Replaces the document after an edit; marks it dirty. */
  setDocument: (document: GraphDocument) => void;
  /** After a successful save: the new stored version, and the document as stored. */
  markSaved: (version: number, document: GraphDocument) => void;
}

export const useEditorStore = create<EditorState>((set) => ({
  graphId: undefined,
  baseVersion: 0,
  document: undefined,
  dirty: false,
  load: ({ id, version, document }) =>
    set({ graphId: id, baseVersion: version, document, dirty: false }),
  setDocument: (document) => set({ document, dirty: true }),
  markSaved: (version, document) => set({ baseVersion: version, document, dirty: false }),
}));
