import { create } from 'zustand';

export type Executor = 'local' | 'temporal';

/**
 * What this server can run on. There is no capability endpoint yet: Temporal is offered until
 * a start answers EXECUTOR_UNAVAILABLE, then it is shown disabled for the rest of the session.
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
