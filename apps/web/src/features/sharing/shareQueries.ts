import type { RouterOutputs } from '@beluga/api';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { toast } from '../../components/toast';
import { api, errorInfo } from '../../lib/trpc';

export type SharingList = RouterOutputs['sharing']['list'];

export const sharingKey = (graphId: string) => ['sharing', graphId] as const;

/** Who a graph is shared with, and its links. */
export function useSharing(graphId: string) {
  return useQuery({
    queryKey: sharingKey(graphId),
    queryFn: () => api.sharing.list.query({ id: graphId }),
  });
}

/** A sharing change: refreshes the list after it, says what went wrong if it failed. */
export function useSharingMutation<Input, Output>(
  graphId: string,
  mutationFn: (input: Input) => Promise<Output>,
  failure: string,
) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn,
    onSettled: () => queryClient.invalidateQueries({ queryKey: sharingKey(graphId) }),
    onError: (error) =>
      toast({ tone: 'error', title: failure, description: errorInfo(error).message }),
  });
}

/** The page a share link opens: this app's address with `#/shared/<token>`. */
export function shareLinkUrl(token: string, location: Pick<Location, 'origin' | 'pathname'>) {
  return `${location.origin}${location.pathname}#/shared/${encodeURIComponent(token)}`;
}
