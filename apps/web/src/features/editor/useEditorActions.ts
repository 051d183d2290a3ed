import { useReactFlow, useStoreApi } from '@xyflow/react';
import { useMemo } from 'react';
import { toast } from '../../components/toast';
import { useCatalogMap } from './catalog/CatalogContext';
import { editDocument, useEditorStore } from './editorStore';
import type { XY } from './model/documentEdits';
import { addNode, moveNodes, removeElements } from './model/documentEdits';
import { copySelection, parseClipboard, pasteInto, type ClipboardPayload } from './model/clipboard';
import { layoutPositions, type Size } from './model/layout';

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
      return { x: at.x - NODE_WIDTH / 2 + nudge, y: at.y - 40 + nudge };
    };

    const addNodeOfType = (typeName: string, position?: XY) => {
      const type = catalog.get(typeName);
      if (!type) return;
      let id: string | undefined;
      editDocument((doc) => {
        const added = addNode(doc, type, position ?? visibleCenter());
        id = added.id;
        return added.document;
      });
      if (id) select([id]);
      return id;
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
      const n = payload.nodes.length;
      toast({ tone: 'info', title: `Copied ${n} node${n > 1 ? 's' : ''}` });
    };

    const paste = async () => {
      const payload = await readClipboard();
      if (!payload) {
        toast({
          tone: 'info',
          title: 'Nothing to paste',
          description: 'Copy nodes first (Ctrl+C).',
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
      requestAnimationFrame(() => void flow.fitView({ duration: 300, padding: 0.2 }));
    };

    const fit = () => void flow.fitView({ duration: 300, padding: 0.2 });

    /** Selects a node or an edge and brings it into view (problems panel, search). */
    const focusElement = (target: { nodeId?: string | undefined; edgeId?: string | undefined }) => {
      const { document } = useEditorStore.getState();
      const edge = target.edgeId ? document?.edges.find((e) => e.id === target.edgeId) : undefined;
      if (edge) {
        select([], [edge.id]);
        void flow.fitView({
          nodes: [{ id: edge.source }, { id: edge.target }],
          duration: 300,
          maxZoom: 1.2,
        });
      } else if (target.nodeId && document?.nodes.some((n) => n.id === target.nodeId)) {
        select([target.nodeId]);
        void flow.fitView({ nodes: [{ id: target.nodeId }], duration: 300, maxZoom: 1.2 });
      }
    };

    const selectAll = () => {
      const { document } = useEditorStore.getState();
      select(document?.nodes.map((n) => n.id) ?? [], document?.edges.map((e) => e.id) ?? []);
    };

    return {
      addNodeOfType,
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
