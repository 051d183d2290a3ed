/**
 * What an API answer tells the whole app, whichever feature made the call: the session has
 * ended (`unauthorized`: back to sign-in, keeping the page's state) or the server refused the
 * caller's role (`forbidden`: what the app knows of its roles may be out of date).
 */
export type ApiSignal = 'unauthorized' | 'forbidden';

type Listener = (signal: ApiSignal) => void;
const listeners = new Set<Listener>();

/** Calls `listener` for each signal until the returned function is called. */
export function onApiSignal(listener: Listener): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

export function emitApiSignal(signal: ApiSignal): void {
  for (const listener of listeners) listener(signal);
}
