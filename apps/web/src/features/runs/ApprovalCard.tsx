import { Check, Hand, X } from 'lucide-react';
import { useState } from 'react';
import { Button } from '../../components/Button';
import { errorInfo } from '../../lib/trpc';
import { useGraphAccess } from '../workspaces/graphAccess';
import { JsonBlock } from './JsonBlock';
import type { WaitingApproval } from './runTypes';
import { useDecideApproval } from './useRunActions';

export interface ApprovalCardProps {
  runId: string;
  approval: WaitingApproval;
  /** The node's label on the canvas. */
  label: string;
  /** Without the input preview (on a node, where space is short). */
  compact?: boolean;
}

/** A waiting approval: its prompt and input, an optional comment, Approve and Reject. */
export function ApprovalCard({ runId, approval, label, compact = false }: ApprovalCardProps) {
  const [comment, setComment] = useState('');
  const decide = useDecideApproval();
  const canDecide = useGraphAccess((state) => state.run);
  const send = (decision: 'approve' | 'reject') =>
    decide.mutate({ runId, nodeId: approval.nodeId, decision, comment });
  const commentId = `approval-comment-${approval.nodeId}`;
  return (
    <div
      role="group"
      aria-label={`Approval: ${label}`}
      data-testid="approval-card"
      className="flex flex-col gap-2 rounded-md border border-violet-300 bg-violet-50 p-3 text-sm dark:border-violet-800 dark:bg-violet-950/40"
    >
      <p className="flex items-center gap-1.5 font-medium text-violet-800 dark:text-violet-200">
        <Hand aria-hidden className="size-4" />
        {label} waits for approval
      </p>
      {approval.prompt && <p className="whitespace-pre-wrap">{approval.prompt}</p>}
      {!compact && approval.input !== undefined && (
        <JsonBlock value={approval.input} label={`Input of ${label}`} />
      )}
      <label htmlFor={commentId} className="text-xs font-medium text-slate-600 dark:text-slate-300">
        Comment (optional)
      </label>
      <textarea
        id={commentId}
        rows={2}
        value={comment}
        onChange={(e) => setComment(e.target.value)}
        className="rounded-md border border-slate-300 bg-white px-2 py-1 text-sm dark:border-slate-700 dark:bg-slate-950"
      />
      {decide.isError && (
        <p role="alert" className="text-xs text-red-600">
          {errorInfo(decide.error).message}
        </p>
      )}
      {!canDecide && (
        <p className="text-xs text-slate-600 dark:text-slate-300">
          Deciding needs the runner role or above in this graph's workspace.
        </p>
      )}
      <div className="flex gap-2">
        <Button
          variant="primary"
          size="sm"
          disabled={!canDecide || decide.isPending || decide.isSuccess}
          icon={<Check aria-hidden className="size-3.5" />}
          onClick={() => send('approve')}
        >
          Approve
        </Button>
        <Button
          variant="danger"
          size="sm"
          disabled={!canDecide || decide.isPending || decide.isSuccess}
          icon={<X aria-hidden className="size-3.5" />}
          onClick={() => send('reject')}
        >
          Reject
        </Button>
        {decide.isSuccess && <span className="self-center text-xs text-slate-500">Sent…</span>}
      </div>
    </div>
  );
}
