import { useMutation } from '@tanstack/react-query';
import { toast } from '../../components/toast';
import { api, errorInfo } from '../../lib/trpc';

/** Cancels a running run; the run.cancelled event then arrives over the stream. */
export function useCancelRun() {
  return useMutation({
    mutationFn: (runId: string) => api.runs.cancel.mutate({ runId }),
    onError: (error) =>
      toast({
        tone: 'error',
        title: 'The run could not be cancelled',
        description: errorInfo(error).message,
      }),
  });
}

/** Stops a Temporal run at once (no cleanup in the workflow); it ends cancelled. */
export function useTerminateRun() {
  return useMutation({
    mutationFn: (runId: string) => api.runs.terminate.mutate({ runId }),
    onError: (error) =>
      toast({
        tone: 'error',
        title: 'The run could not be terminated',
        description: errorInfo(error).message,
      }),
  });
}

export interface Decision {
  runId: string;
  nodeId: string;
  decision: 'approve' | 'reject';
  comment: string;
}

/** Approves or rejects a waiting approval node. */
export function useDecideApproval() {
  return useMutation({
    mutationFn: async ({ runId, nodeId, decision, comment }: Decision): Promise<void> => {
      const input = { runId, nodeId, ...(comment.trim() ? { comment: comment.trim() } : {}) };
      if (decision === 'approve') await api.runs.approve.mutate(input);
      else await api.runs.reject.mutate(input);
    },
  });
}
