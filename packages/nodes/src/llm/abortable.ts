/**
 * Settles like `promise`, or rejects with the signal's reason as soon as `signal` aborts, so a
 * stalled read cannot outlive a cancellation. The listener is removed either way.
 */
export function raceAbort<T>(promise: Promise<T>, signal: AbortSignal | undefined): Promise<T> {
  if (!signal) return promise;
  if (signal.aborted) {
    promise.catch(() => undefined);
    return Promise.reject(signal.reason as Error);
  }
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => {
      promise.catch(() => undefined);
      reject(signal.reason as Error);
    };
    signal.addEventListener('abort', onAbort, { once: true });
    // Both outcomes are handled, so the chain itself never rejects.
    void promise.finally(() => signal.removeEventListener('abort', onAbort)).then(resolve, reject);
  });
}
