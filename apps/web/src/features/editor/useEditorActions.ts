import { useReactFlow, useStoreApi } from '@xyflow/react';
import { useMemo } from 'react';
import { toast } from '../../components/toast';
import { useCatalogMap } from './catalog/CatalogContext';
import { editDocument, useEditorStore } from './editorStore';
import type { XY } from './model/documentEdits';
import { addNode, moveNodes, removeElements } from './model/documentEdits';
import { copySelection, parseClipboard, pasteInto, type ClipboardPayload } from './model/clipboard';
import { layoutPositions, type Size } from './model/layout';
import { addNote, DEFAULT_NOTE_SIZE, noteFlowId, notesOf } from './model/notes';
import { useNoteEditing } from './canvas/noteEditing';
import { pointerOverCanvas } from './canvas/pointer';
import { canvasDocument } from './viewingRun';

/** Hidden nodes count: the far-zoom overview hides every node from React Flow. */
const FIT = { duration: 300, padding: 0.2, includeHiddenNodes: true };

/** Kept for when the system clipboard cannot be read (permission refused): same tab only. */
let lastCopied: ClipboardPayload | undefined;
const NODE_WIDTH = 224;

async function readClipboard(): Promise<ClipboardPayload | undefined> {
  try {
    const text = await navigator.clipboard.readText();
    return parseClipboard(text) ?? lastCopied;
  } catch {
    return lastCopied;
  }
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

/** "2 nodes", "1 note", "2 nodes and 1 note". */
function copiedWhat(payload: ClipboardPayload): string {
  const parts = [];
  if (payload.nodes.length > 0) parts.push(plural(payload.nodes.length, 'node'));
  if (payload.notes?.length) parts.push(plural(payload.notes.length, 'note'));
  return parts.join(' and ');
}

/** The editor's commands, shared by the toolbar, the palette, the panels and the shortcuts. */
export function useEditorActions() {
  const flow = useReactFlow();
  const flowStore = useStoreApi();
  const catalog = useCatalogMap();
  return useMemo(() => {
    const select = (nodeIds: string[], edgeIds: string[] = []) =>
      useEditorStore.getState().setSelection(nodeIds, edgeIds);

    /** The flow position at the middle of the visible canvas, nudged so adds do not stack. */
    const visibleCenter = (): XY => {
      const rect = flowStore.getState().domNode?.getBoundingClientRect();
      const count = useEditorStore.getState().document?.nodes.length ?? 0;
      const nudge = (count % 5) * 24;
      if (!rect) return { x: nudge, y: nudge };
      const at = flow.screenToFlowPosition({
        x: rect.left + rect.width / 2,
        y: rect.top + rect.height / 2,
      });
      return { x: at.x + nudge, y: at.y + nudge };
    };

    /** The top-left corner that centres a box of this size in the view. */
    const centered = (width: number, height: number): XY => {
      const c = visibleCenter();
      return { x: c.x - width / 2, y: c.y - height / 2 };
    };

    const addNodeOfType = (typeName: string, position?: XY) => {
      const type = catalog.get(typeName);
      if (!type) return;
      let id: string | undefined;
      editDocument((doc) => {
        const added = addNode(doc, type, position ?? centered(NODE_WIDTH, 80));
        id = added.id;
        return added.document;
      });
      if (id) select([id]);
      return id;
    };

    /**
     * Adds a note and opens its text for typing: under the pointer when it is over the canvas
     * (the `N` shortcut), else in the middle of the view (the toolbar button).
     */
    const addNoteAt = (where: 'pointer' | 'center') => {
      const pointer = where === 'pointer' ? pointerOverCanvas() : undefined;
      const position = pointer
        ? flow.screenToFlowPosition(pointer)
        : centered(DEFAULT_NOTE_SIZE.width, DEFAULT_NOTE_SIZE.height);
      let id: string | undefined;
      editDocument((doc) => {
        const added = addNote(doc, position);
        id = added.id;
        return added.document;
      });
      if (!id) return;
      select([noteFlowId(id)]);
      useNoteEditing.getState().start(id);
    };

    const deleteSelection = () => {
      const { selectedNodeIds, selectedEdgeIds } = useEditorStore.getState();
      editDocument((doc) => removeElements(doc, selectedNodeIds, selectedEdgeIds));
      select([]);
    };

    const copy = async () => {
      const { document, selectedNodeIds } = useEditorStore.getState();
      const payload = document && copySelection(document, new Set(selectedNodeIds));
      if (!payload) return;
      lastCopied = payload;
      try {
        await navigator.clipboard.writeText(JSON.stringify(payload, null, 2));
      } catch {
        // The in-tab copy above still serves paste in this tab.
      }
      toast({ tone: 'info', title: `Copied ${copiedWhat(payload)}` });
    };

    const paste = async () => {
      const payload = await readClipboard();
      if (!payload) {
        toast({
          tone: 'info',
          title: 'Nothing to paste',
          description: 'Copy nodes or notes first (Ctrl+C).',
        });
        return;
      }
      let ids: string[] = [];
      editDocument((doc) => {
        const pasted = pasteInto(doc, payload);
        ids = pasted.nodeIds;
        return pasted.document;
      });
      select(ids);
    };

    const autoLayout = async () => {
      const { document } = useEditorStore.getState();
      if (!document) return;
      const sizes = new Map<string, Size>();
      for (const node of flow.getNodes()) {
        if (node.measured?.width && node.measured.height) {
          sizes.set(node.id, { width: node.measured.width, height: node.measured.height });
        }
      }
      const positions = await layoutPositions(document, sizes);
      // The document may have changed while ELK worked; move only what still exists.
      editDocument((doc) => moveNodes(doc, positions));
      requestAnimationFrame(() => void flow.fitView(FIT));
    };

    const fit = () => void flow.fitView(FIT);

    /** Selects a node or an edge and brings it into view (problems panel, search). */
    const focusElement = (target: { nodeId?: string | undefined; edgeId?: string | undefined }) => {
      const document = canvasDocument();
      const edge = target.edgeId ? document?.edges.find((e) => e.id === target.edgeId) : undefined;
      if (edge) {
        select([], [edge.id]);
        void flow.fitView({
          ...FIT,
          nodes: [{ id: edge.source }, { id: edge.target }],
          maxZoom: 1.2,
        });
      } else if (target.nodeId && document?.nodes.some((n) => n.id === target.nodeId)) {
        select([target.nodeId]);
        void flow.fitView({ ...FIT, nodes: [{ id: target.nodeId }], maxZoom: 1.2 });
      }
    };

    const selectAll = () => {
      const { document } = useEditorStore.getState();
      if (!document) return;
      const notes = notesOf(document).map((n) => noteFlowId(n.id));
      select(
        [...notes, ...document.nodes.map((n) => n.id)],
        document.edges.map((e) => e.id),
      );
    };

    return {
      addNodeOfType,
      addNoteAt,
      deleteSelection,
      copy,
      paste,
      autoLayout,
      fit,
      focusElement,
      selectAll,
    };
  }, [flow, flowStore, catalog]);
}

export type EditorActions = ReturnType<typeof useEditorActions>;
