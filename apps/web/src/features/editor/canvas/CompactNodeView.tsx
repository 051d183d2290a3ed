import { Handle, Position } from '@xyflow/react';
import { NODE_STATUS } from '../../runs/runFormat';
import type { NodeRunState } from '../../runs/runStore';
import type { PortInfo } from '../model/catalogTypes';

const HANDLE = '!size-2.5 !border-0 !bg-slate-400';

/** One row per port pair, handles only (same rows as PortHandles, so edges meet the same places). */
function CompactHandles({
  inputs,
  outputs,
}: {
  inputs: readonly PortInfo[];
  outputs: readonly PortInfo[];
}) {
  const rows = Math.max(inputs.length, outputs.length);
  return (
    <div className="flex flex-col gap-0.5 py-1">
      {Array.from({ length: rows }, (_, i) => (
        <div key={i} className="relative h-5">
          {inputs[i] && (
            <Handle type="target" position={Position.Left} id={inputs[i].name} className={HANDLE} />
          )}
          {outputs[i] && (
            <Handle
              type="source"
              position={Position.Right}
              id={outputs[i].name}
              className={HANDLE}
            />
          )}
        </div>
      ))}
    </div>
  );
}

export interface CompactNodeProps {
  label: string;
  inputs: readonly PortInfo[];
  outputs: readonly PortInfo[];
  run: NodeRunState | undefined;
  problems: number;
  /** Border, ring and outline classes: the same frame as the full node. */
  frame: string;
}

/**
 * A node as seen from far away (the canvas zoomed out below a fifth): its label in large
 * type and its run status as a coloured band, without the icon, the port names or the badge.
 * Type and port names are unreadable at that size, and leaving them out makes a 2,000-node
 * graph open, pan and light up several times faster.
 */
export function CompactNodeView({
  label,
  inputs,
  outputs,
  run,
  problems,
  frame,
}: CompactNodeProps) {
  const look = run ? NODE_STATUS[run.status] : undefined;
  return (
    <div
      data-testid="graph-node"
      data-problems={problems}
      data-compact
      className={`w-56 rounded-lg border-2 bg-white text-slate-900 dark:bg-slate-900 dark:text-slate-100 ${frame}`}
    >
      <div data-testid="node-label" className="truncate px-3 pt-2 text-2xl font-semibold">
        {label}
      </div>
      <CompactHandles inputs={inputs} outputs={outputs} />
      {run && look && (
        <div
          data-testid="run-state"
          data-status={run.status}
          role="img"
          aria-label={look.label}
          title={look.label}
          className={`h-3 rounded-b-md ${look.bar}`}
        />
      )}
    </div>
  );
}
