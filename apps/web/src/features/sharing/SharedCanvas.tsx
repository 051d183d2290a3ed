import type { GraphDocument } from '@beluga/graph';
import {
  Background,
  Controls,
  Handle,
  Position,
  ReactFlow,
  type Edge,
  type Node,
  type NodeProps,
  type NodeTypes,
} from '@xyflow/react';
import { useMemo } from 'react';

type SharedNodeData = { label: string; type: string };
type NoteData = { text: string };
type SharedFlowNode = Node<SharedNodeData, 'shared'> | Node<NoteData, 'note'>;

function SharedNodeView({ data }: NodeProps<Node<SharedNodeData, 'shared'>>) {
  return (
    <div className="min-w-40 rounded-md border border-slate-300 bg-white px-3 py-2 text-sm shadow-sm dark:border-slate-700 dark:bg-slate-900">
      <Handle type="target" position={Position.Left} isConnectable={false} />
      <p className="font-medium">{data.label}</p>
      <p className="text-xs text-slate-500">{data.type}</p>
      <Handle type="source" position={Position.Right} isConnectable={false} />
    </div>
  );
}

function SharedNoteView({ data }: NodeProps<Node<NoteData, 'note'>>) {
  return (
    <div className="size-full rounded-md bg-amber-100 p-2 text-xs whitespace-pre-wrap text-amber-950">
      {data.text}
    </div>
  );
}

const nodeTypes: NodeTypes = { shared: SharedNodeView, note: SharedNoteView };

/** A graph drawn read-only: its nodes (label and type), notes and edges; nothing moves. */
export function SharedCanvas({ document }: { document: GraphDocument }) {
  const { nodes, edges } = useMemo(() => toSharedFlow(document), [document]);
  return (
    <ReactFlow<SharedFlowNode, Edge>
      nodes={nodes}
      edges={edges}
      nodeTypes={nodeTypes}
      nodesDraggable={false}
      nodesConnectable={false}
      elementsSelectable={false}
      edgesFocusable={false}
      deleteKeyCode={null}
      fitView
      fitViewOptions={{ padding: 0.2, maxZoom: 1.2 }}
      minZoom={0.05}
      aria-label="Shared graph (read-only)"
    >
      <Background />
      <Controls showInteractive={false} />
    </ReactFlow>
  );
}

function toSharedFlow(document: GraphDocument): { nodes: SharedFlowNode[]; edges: Edge[] } {
  const notes: SharedFlowNode[] = document.notes.map((note) => ({
    id: `note:${note.id}`,
    type: 'note',
    position: note.position,
    width: note.size?.width ?? 200,
    height: note.size?.height ?? 120,
    data: { text: note.text },
  }));
  const nodes: SharedFlowNode[] = document.nodes.map((node) => ({
    id: node.id,
    type: 'shared',
    position: node.position,
    data: { label: node.label ?? node.id, type: node.type },
  }));
  const edges = document.edges.map((edge) => ({
    id: edge.id,
    source: edge.source,
    target: edge.target,
  }));
  return { nodes: [...notes, ...nodes], edges };
}
