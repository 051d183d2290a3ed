import { BaseEdge, EdgeLabelRenderer, getBezierPath, type EdgeProps } from '@xyflow/react';
import { TriangleAlert } from 'lucide-react';
import { memo } from 'react';
import { useEdgeDiff } from '../../history/compareStore';
import { diffEdgeStyle } from '../../history/diffLook';
import { EdgeDiffMark } from '../../history/DiffMarks';
import { useNodeRunState } from '../../runs/runStore';
import { useEditorStore } from '../editorStore';
import type { GraphFlowEdge } from '../model/toFlow';
import { useEdgeProblems, useValidation } from '../validation/validationStore';

const FLOWING = new Set(['queued', 'running', 'retrying', 'waiting']);

/** Data flows along an edge whose source delivered while its target is at work. */
function useFlowing(source: string, target: string): boolean {
  const from = useNodeRunState(source)?.status;
  const to = useNodeRunState(target)?.status;
  return from === 'succeeded' && to !== undefined && FLOWING.has(to);
}

function useCriticalEdge(source: string, target: string): boolean {
  const show = useEditorStore((state) => state.showPlan);
  return useValidation((state) => {
    if (!show) return false;
    const at = state.criticalIndex[source];
    return at !== undefined && state.criticalIndex[target] === at + 1;
  });
}

/**
 * An edge: red with a marker when validate() flags it, amber on the critical path, dashed while
 * data flows; while two versions are compared, drawn and labelled by how it differs.
 */
export const FlowEdge = memo(function FlowEdge(props: EdgeProps<GraphFlowEdge>) {
  const { id, source, target, selected } = props;
  const problems = useEdgeProblems(id);
  const diff = useEdgeDiff(id);
  const flowing = useFlowing(source, target) && !diff;
  const critical = useCriticalEdge(source, target);
  const [path, labelX, labelY] = getBezierPath(props);
  const stroke =
    problems.length > 0 ? '#dc2626' : critical ? '#f59e0b' : selected ? '#0284c7' : undefined;
  return (
    <>
      <BaseEdge
        id={id}
        path={path}
        {...(props.markerEnd ? { markerEnd: props.markerEnd } : {})}
        className={flowing ? 'beluga-edge-flowing' : ''}
        style={{
          ...(stroke ? { stroke } : {}),
          strokeWidth: critical || selected ? 2.5 : 1.5,
          ...(diff ? diffEdgeStyle(diff.state) : {}),
        }}
      />
      {diff && (
        <EdgeDiffMark id={id} source={source} target={target} diff={diff} x={labelX} y={labelY} />
      )}
      {problems.length > 0 && (
        <EdgeLabelRenderer>
          <span
            data-testid="edge-problem"
            role="img"
            aria-label={problems.map((p) => p.message).join('; ')}
            title={problems.map((p) => p.message).join('\n')}
            style={{ transform: `translate(-50%, -50%) translate(${labelX}px, ${labelY}px)` }}
            className="nodrag nopan pointer-events-auto absolute rounded-full bg-white p-0.5 text-red-600 dark:bg-slate-900"
          >
            <TriangleAlert aria-hidden className="size-3.5" />
          </span>
        </EdgeLabelRenderer>
      )}
    </>
  );
});
