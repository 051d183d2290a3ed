import type { RunEventSink } from '@beluga/temporal';

/**
 * A sink for a worker on its own: writes each event as a JSON line (with its `key`, without a
 * `seq`) and keeps nothing, so a long-lived process does not grow. It is a log, not the event
 * store: the server runs workers with its database sink, which numbers and deduplicates.
 */
export function createLogSink(write: (line: string) => void): RunEventSink {
  return {
    append(_runId, events) {
      for (const event of events) write(JSON.stringify({ msg: 'run event', ...event }));
      return Promise.resolve();
    },
  };
}
