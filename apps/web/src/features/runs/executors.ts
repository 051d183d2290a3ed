import { useQuery } from '@tanstack/react-query';
import { create } from 'zustand';
import { api } from '../../lib/trpc';

export type Executor = 'local' | 'temporal';

/**
 * Whether the server can run on Temporal now (`runs.executors`: configured and answering),
 * asked again every 10 s while a run dialog is open; undefined while the answer is on its way.
 */
export function useTemporalReachable(enabled = true): boolean | undefined {
  const query = useQuery({
    queryKey: ['runs', 'executors'],
    queryFn: () => api.runs.executors.query(),
    enabled,
    staleTime: 10_000,
  });
  return query.data?.executors.includes('temporal');
}

/**
 * A start that Temporal refused (EXECUTOR_UNAVAILABLE) although it answered a moment before:
 * Temporal is then shown disabled for the rest of the session.
 */
interface ExecutorsState {
  temporalUnavailable: string | undefined;
  markUnavailable: (message: string) => void;
}

export const useExecutors = create<ExecutorsState>((set) => ({
  temporalUnavailable: undefined,
  markUnavailable: (message) => set({ temporalUnavailable: message }),
}));

export const TEMPORAL_UNAVAILABLE = 'Temporal is not configured on this server';
