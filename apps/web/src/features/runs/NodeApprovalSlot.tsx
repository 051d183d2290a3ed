import { Check, X } from 'lucide-react';
import { useRunView, useWaitingApproval } from './runStore';
import { useDecideApproval } from './useRunActions';

/**
 * Approve and Reject on a waiting approval node, for the editor's node component to render
 * (`nodrag` keeps clicks from dragging the node). Renders nothing unless the node waits.
 */
export function NodeApprovalSlot({ nodeId }: { nodeId: string }) {
  const approval = useWaitingApproval(nodeId);
  const runId = useRunView((state) => state.runId);
  const decide = useDecideApproval();
  if (!approval || !runId) return null;
  const send = (decision: 'approve' | 'reject') =>
    decide.mutate({ runId, nodeId, decision, comment: '' });
  const button =
    'nodrag inline-flex items-center gap-1 rounded px-1.5 py-0.5 text-[11px] font-medium disabled:opacity-50';
  return (
    <div className="flex gap-1" role="group" aria-label="Approval">
      <button
        type="button"
        disabled={decide.isPending || decide.isSuccess}
        className={`${button} bg-emerald-600 text-white hover:bg-emerald-700`}
        onClick={() => send('approve')}
      >
        <Check aria-hidden className="size-3" />
        Approve
      </button>
      <button
        type="button"
        disabled={decide.isPending || decide.isSuccess}
        className={`${button} bg-red-600 text-white hover:bg-red-700`}
        onClick={() => send('reject')}
      >
        <X aria-hidden className="size-3" />
        Reject
      </button>
    </div>
  );
}
