import type { NodeProps } from '@xyflow/react';
import { TriangleAlert } from 'lucide-react';
import { memo, useMemo } from 'react';
import { useNodeDiff } from '../../history/compareStore';
import { diffFrame } from '../../history/diffLook';
import { NodeDiffMark } from '../../history/DiffMarks';
import { NodeApprovalSlot } from '../../runs/NodeApprovalSlot';
import { useNodeRunState } from '../../runs/runStore';
import { NodeIcon } from '../catalog/NodeIcon';
import { useNodeType } from '../catalog/CatalogContext';
import { useEditorStore } from '../editorStore';
import type { GraphFlowNode } from '../model/toFlow';
import { useNodeProblems, useValidation } from '../validation/validationStore';
import { PortHandles } from './PortHandles';
import { RunStateBadge, STATUS_FRAME } from './RunStateBadge';

/** The plan's layer of a node and whether it is on the critical path, when the plan is shown. */
function usePlanMark(id: string): { layer?: number; critical: boolean } {
  const show = useEditorStore((state) => state.showPlan);
  const layer = useValidation((state) => (show ? state.layerOf[id] : undefined));
  const critical = useValidation((state) => show && state.criticalIndex[id] !== undefined);
  return layer === undefined ? { critical } : { layer, critical };
}

/**
 * A node on the canvas: its type's icon and title, its label, typed ports as handles, its run
 * state and its validation problems. Each node subscribes only to its own slices of the stores.
 */
export const GraphNodeView = memo(function GraphNodeView({
  id,
  data,
  selected,
}: NodeProps<GraphFlowNode>) {
  const { node } = data;
  const spec = useNodeType(node.type);
  const diff = useNodeDiff(id);
  // Two versions compared: the canvas shows how they differ, not the run.
  const shownRun = useNodeRunState(id);
  const run = diff ? undefined : shownRun;
  const problems = useNodeProblems(id);
  const plan = usePlanMark(id);
  const problemPorts = useMemo(
    () => new Set(problems.flatMap((p) => (p.field?.startsWith('inputs.') ? [p.field] : []))),
    [problems],
  );
  const frame = diff
    ? diffFrame(diff.state)
    : run
      ? (STATUS_FRAME[run.status] ?? 'border-slate-300 dark:border-slate-700')
      : problems.length > 0
        ? 'border-red-400 dark:border-red-500'
        : 'border-slate-300 dark:border-slate-700';
  return (
    <div
      data-testid="graph-node"
      data-problems={problems.length}
      data-diff={diff?.state}
      className={`w-56 rounded-lg border bg-white text-slate-900 shadow-sm dark:bg-slate-900 dark:text-slate-100 ${frame} ${selected ? 'outline-2 outline-offset-2 outline-sky-500' : ''} ${plan.critical ? 'shadow-[0_0_0_3px_rgba(245,158,11,0.55)]' : ''}`}
    >
      <div className="flex items-center gap-2 border-b border-slate-100 px-3 py-2 dark:border-slate-800">
        <span className="flex size-6 shrink-0 items-center justify-center rounded bg-sky-50 text-sky-700 dark:bg-sky-950 dark:text-sky-300">
          <NodeIcon name={spec?.ui.icon} className="size-3.5" />
        </span>
        <div className="min-w-0 flex-1">
          <div className="truncate text-[10px] tracking-wide text-slate-500 uppercase">
            {spec?.ui.title ?? node.type}
          </div>
          <div data-testid="node-label" className="truncate text-sm font-medium">
            {node.label || node.id}
          </div>
        </div>
        {plan.layer !== undefined && (
          <span
            data-testid="plan-layer"
            title={`Runs in parallel layer ${plan.layer}${plan.critical ? ', on the critical path' : ''}`}
            className={`rounded px-1.5 text-[10px] font-semibold ${plan.critical ? 'bg-amber-100 text-amber-800 dark:bg-amber-900/60 dark:text-amber-200' : 'bg-slate-100 text-slate-600 dark:bg-slate-800 dark:text-slate-300'}`}
          >
            L{plan.layer}
          </span>
        )}
        {problems.length > 0 && (
          <span
            data-testid="node-problem"
            role="img"
            aria-label={`${problems.length} problem${problems.length > 1 ? 's' : ''}: ${problems.map((p) => p.message).join('; ')}`}
            title={problems.map((p) => p.message).join('\n')}
            className="flex items-center gap-0.5 text-xs font-medium text-red-600"
          >
            <TriangleAlert aria-hidden className="size-3.5" />
            {problems.length}
          </span>
        )}
      </div>
      {spec ? (
        <PortHandles inputs={spec.inputs} outputs={spec.outputs} problemPorts={problemPorts} />
      ) : (
        <p className="px-3 py-1 text-[11px] text-red-600">Unknown type “{node.type}”</p>
      )}
      {diff && <NodeDiffMark diff={diff} />}
      {run && (
        <div className="border-t border-slate-100 px-3 py-1 dark:border-slate-800">
          <RunStateBadge state={run} />
          {run.status === 'waiting' && <NodeApprovalSlot nodeId={id} />}
        </div>
      )}
    </div>
  );
});
