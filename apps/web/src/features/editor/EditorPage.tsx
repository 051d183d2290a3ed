import { useQuery } from '@tanstack/react-query';
import {
  Background,
  Controls,
  MiniMap,
  ReactFlow,
  ReactFlowProvider,
  type Edge,
  type Node,
} from '@xyflow/react';
import { useMemo } from 'react';
import { api, errorInfo } from '../../lib/trpc';

export interface EditorPageProps {
  graphId: string;
  runId?: string;
}

/** The canvas of one graph. */
export function EditorPage({ graphId }: EditorPageProps) {
  const graph = useQuery({
    queryKey: ['graph', graphId],
    queryFn: () => api.graphs.get.query({ id: graphId }),
  });
  const { nodes, edges } = useMemo(() => {
    const document = graph.data?.document;
    const nodes: Node[] = (document?.nodes ?? []).map((node) => ({
      id: node.id,
      position: node.position,
      data: { label: node.label ?? node.id },
    }));
    const edges: Edge[] = (document?.edges ?? []).map((edge) => ({
      id: edge.id,
      source: edge.source,
      target: edge.target,
    }));
    return { nodes, edges };
  }, [graph.data]);
  if (graph.isPending) return <p className="p-6 text-sm text-slate-500">Loading…</p>;
  if (graph.isError)
    return (
      <p role="alert" className="p-6 text-sm text-red-600">
        {errorInfo(graph.error).message}
      </p>
    );
  return (
    <div className="flex h-full flex-col">
      <div className="flex h-10 items-center border-b border-slate-200 px-4 text-sm font-medium dark:border-slate-800">
        <h1>{graph.data.name}</h1>
      </div>
      <div className="min-h-0 flex-1">
        <ReactFlowProvider>
          <ReactFlow nodes={nodes} edges={edges} fitView>
            <Background />
            <MiniMap />
            <Controls />
          </ReactFlow>
        </ReactFlowProvider>
      </div>
    </div>
  );
}
