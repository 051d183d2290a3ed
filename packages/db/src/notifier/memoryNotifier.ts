import type { Notifier } from '../types.js';
import { checkPayload, deliver, quoteChannel } from './channel.js';
import { ListenerSet } from './listenerSet.js';

/** Runs `fn` as a promise: what it throws becomes a rejection. */
const attempt = <T>(fn: () => T): Promise<T> => new Promise((resolve) => resolve(fn()));

/**
 * In-process notifications for PGlite, where one process owns the database folder. Delivery is
 * asynchronous, as with PostgreSQL: listeners never run inside notify().
 */
export function createMemoryNotifier(): Notifier {
  const listeners = new ListenerSet();
  return {
    notify: (channel, payload) =>
      attempt(() => {
        quoteChannel(channel);
        checkPayload(payload);
        for (const listener of listeners.get(channel)) {
          queueMicrotask(() => deliver(listener, payload));
        }
      }),
    listen: (channel, listener) =>
      attempt(() => {
        quoteChannel(channel);
        // A fresh entry per call, so one function may listen twice and unlisten once.
        const entry = (payload: string): void => listener(payload);
        listeners.add(channel, entry);
        return () => attempt(() => void listeners.remove(channel, entry));
      }),
  };
}
