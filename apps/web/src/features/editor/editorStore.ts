import type { GraphDocument } from '@beluga/graph';
import { create } from 'zustand';
import { isComparing } from '../history/compareStore';
import { useRunView } from '../runs/runStore';
import { graphIsReadOnly } from '../workspaces/graphAccess';

/**
 * A past run is open (the canvas shows the version that ran), or two versions are compared
 * (the canvas shows both), or the user may not edit this graph: no gesture edits this one.
 */
const locked = () => useRunView.getState().readOnly || isComparing() || graphIsReadOnly();

/** How many edits undo reaches back. */
const HISTORY_LIMIT = 200;
const COALESCE_MS = 1500;

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
  /** Replaces the document after an edit; marks it dirty. The previous one goes on the undo stack. */
  setDocument: (document: GraphDocument) => void;
  /** After a successful save: the new stored version, and the document as stored. */
  markSaved: (version: number, document: GraphDocument) => void;

  /** Earlier documents, oldest first (undo pops the last). */
  past: GraphDocument[];
  /** Undone documents, the next redo last. */
  future: GraphDocument[];
  undo: () => void;
  redo: () => void;
  /** Selected node and edge ids on the canvas (the inspector shows a single selected node). */
  selectedNodeIds: string[];
  selectedEdgeIds: string[];
  setSelection: (nodeIds: string[], edgeIds: string[]) => void;
  /**
   * Like setDocument, but successive edits with the same key within a moment make one undo
   * step (typing a label is one edit, not one per keystroke).
   */
  setDocumentCoalesced: (document: GraphDocument, key: string) => void;
  coalesce: { key: string; at: number } | undefined;
  /** Paint the validation plan (layers, critical path) on the canvas. */
  showPlan: boolean;
  setShowPlan: (show: boolean) => void;
}

function sameIds(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((id, i) => id === b[i]);
}

export const useEditorStore = create<EditorState>((set) => ({
  graphId: undefined,
  baseVersion: 0,
  document: undefined,
  dirty: false,
  load: ({ id, version, document }) =>
    set({
      graphId: id,
      baseVersion: version,
      document,
      dirty: false,
      past: [],
      future: [],
      selectedNodeIds: [],
      selectedEdgeIds: [],
    }),
  setDocument: (document) =>
    set((state) => {
      if (state.document === document) return state;
      const past = state.document ? [...state.past, state.document] : state.past;
      return {
        document,
        dirty: true,
        past: past.slice(-HISTORY_LIMIT),
        future: [],
        coalesce: undefined,
      };
    }),
  setDocumentCoalesced: (document, key) =>
    set((state) => {
      const now = Date.now();
      const same = state.coalesce?.key === key && now - state.coalesce.at < COALESCE_MS;
      if (!same || !state.document) {
        const past = state.document ? [...state.past, state.document] : state.past;
        return {
          document,
          dirty: true,
          past: past.slice(-HISTORY_LIMIT),
          future: [],
          coalesce: { key, at: now },
        };
      }
      return { document, dirty: true, future: [], coalesce: { key, at: now } };
    }),
  coalesce: undefined,
  markSaved: (version, document) => set({ baseVersion: version, document, dirty: false }),

  past: [],
  future: [],
  undo: () =>
    set((state) => {
      const previous = state.past.at(-1);
      if (!previous || !state.document || locked()) return state;
      return {
        document: previous,
        dirty: true,
        past: state.past.slice(0, -1),
        future: [...state.future, state.document],
        coalesce: undefined,
      };
    }),
  redo: () =>
    set((state) => {
      const next = state.future.at(-1);
      if (!next || !state.document || locked()) return state;
      return {
        document: next,
        dirty: true,
        past: [...state.past, state.document],
        future: state.future.slice(0, -1),
        coalesce: undefined,
      };
    }),
  selectedNodeIds: [],
  selectedEdgeIds: [],
  setSelection: (nodeIds, edgeIds) =>
    set((state) =>
      sameIds(state.selectedNodeIds, nodeIds) && sameIds(state.selectedEdgeIds, edgeIds)
        ? state
        : { selectedNodeIds: nodeIds, selectedEdgeIds: edgeIds },
    ),
  showPlan: false,
  setShowPlan: (showPlan) => set({ showPlan }),
}));

/**
 * Applies an edit to the current document (no-op while none is loaded, or while a past run is
 * viewed: every gesture passes here, so this one check keeps the document as it was). With `coalesce`,
 * quick successive edits under that key are one undo step.
 */
export function editDocument(
  change: (document: GraphDocument) => GraphDocument,
  coalesce?: string,
): void {
  const { document, setDocument, setDocumentCoalesced } = useEditorStore.getState();
  if (!document || locked()) return;
  const next = change(document);
  if (next === document) return;
  if (coalesce) setDocumentCoalesced(next, coalesce);
  else setDocument(next);
}
