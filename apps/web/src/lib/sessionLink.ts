import type { AppRouter } from '@beluga/api';
import { TRPCClientError, type TRPCLink } from '@trpc/client';
import { observable } from '@trpc/server/observable';
import { emitApiSignal, type ApiSignal } from './apiSignals';

/** The signal a failed call carries, by its tRPC code (set by the server's access checks). */
export function signalOf(error: unknown): ApiSignal | undefined {
  if (!(error instanceof TRPCClientError)) return undefined;
  const code = (error.data as { code?: unknown } | undefined)?.code;
  if (code === 'UNAUTHORIZED') return 'unauthorized';
  if (code === 'FORBIDDEN') return 'forbidden';
  return undefined;
}

/** Passes every call through and announces the ones refused for who the caller is. */
export const sessionLink: TRPCLink<AppRouter> =
  () =>
  ({ op, next }) =>
    observable((observer) => {
      const subscription = next(op).subscribe({
        next: (value) => observer.next(value),
        error: (error) => {
          const signal = signalOf(error);
          if (signal) emitApiSignal(signal);
          observer.error(error);
        },
        complete: () => observer.complete(),
      });
      return () => subscription.unsubscribe();
    });
