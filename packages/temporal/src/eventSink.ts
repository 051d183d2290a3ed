import type { RunEvent } from '@beluga/orchestration';
import type { RunEventDraft } from './shared.js';

/**
 * Where the graph workflow and its activities write run events. The worker is given one; the
 * server backs it with the database, tests with {@link createMemoryRunEventSink}.
 *
 * Sequence numbers are the sink's job, because events of one run come from several places at
 * once (the workflow, and activities on any worker, in parallel, with retries) and only the
 * store sees them all. What an implementation must do:
 *
 * - **Number**: give each new event the run's next `seq` (1, 2, 3… without gaps, in the order
 *   the events are stored), so a subscriber can resume after its last seq.
 * - **Keep order**: store the events of one call in the given order. Calls for the same run
 *   may arrive concurrently from several processes; serialise them per run (a transaction that
 *   locks the run, or an atomic counter).
 * - **Deduplicate by `key`**: skip an event whose `key` the run already has (a unique index on
 *   run id + key). Temporal re-executes work after a crash, so the same event can be appended
 *   twice; its key is deterministic.
 * - **Resolve once stored**. A rejection fails the activity that appended (it is retried);
 *   the workflow's own events cannot be retried that way, so a database sink should retry
 *   transient errors itself before rejecting.
 */
export interface RunEventSink {
  append(runId: string, events: readonly RunEventDraft[]): Promise<void>;
}

/** An in-process sink that keeps every run's events in memory (tests, embedded use). */
export interface MemoryRunEventSink extends RunEventSink {
  /** The run's events so far, in seq order. */
  events(runId: string): RunEvent[];
  /** Called after each append with the events it stored. Returns an unsubscribe function. */
  subscribe(listener: (runId: string, events: RunEvent[]) => void): () => void;
}

interface RunLog {
  events: RunEvent[];
  keys: Set<string>;
}

/**
 * Creates a {@link MemoryRunEventSink}: numbers events per run, skips known keys.
 *
 * @example
 * const sink = createMemoryRunEventSink();
 * await startGraphWorker({ connection, sink, ... });
 * sink.events(runId).map((event) => event.type); // ['run.started', 'node.queued', ...]
 */
export function createMemoryRunEventSink(): MemoryRunEventSink {
  const runs = new Map<string, RunLog>();
  const listeners = new Set<(runId: string, events: RunEvent[]) => void>();
  return {
    append(runId, drafts) {
      let log = runs.get(runId);
      if (!log) runs.set(runId, (log = { events: [], keys: new Set() }));
      const stored: RunEvent[] = [];
      for (const { key, ...draft } of drafts) {
        if (log.keys.has(key)) continue;
        log.keys.add(key);
        const event: RunEvent = { ...draft, runId, seq: log.events.length + 1 };
        log.events.push(event);
        stored.push(event);
      }
      if (stored.length > 0) for (const listener of listeners) listener(runId, stored);
      return Promise.resolve();
    },
    events: (runId) => [...(runs.get(runId)?.events ?? [])],
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}

/**
 * Wraps a sink so that the calls of this process for one run are applied one after the other,
 * in call order (Temporal calls the workflow's sinks concurrently; activities append while
 * their progress callbacks fire).
 */
export function serialisePerRun(sink: RunEventSink): RunEventSink {
  const tails = new Map<string, Promise<void>>();
  return {
    append(runId, events) {
      const previous = tails.get(runId) ?? Promise.resolve();
      const next = previous.then(
        () => sink.append(runId, events),
        () => sink.append(runId, events),
      );
      const tail = next.catch(() => undefined);
      tails.set(runId, tail);
      void tail.then(() => {
        if (tails.get(runId) === tail) tails.delete(runId);
      });
      return next;
    },
  };
}

/**
 * Replaces secrets in a value a run writes (its events, a node's output or error), for the run
 * `runId` (a subgraph's is `<run id>/<node id>`). Async: a worker may first load what the run's
 * secrets are.
 */
export type RunRedaction = <T>(runId: string, value: T) => Promise<T>;

/** A sink that redacts every event before `sink` stores it. */
export function redactingSink(sink: RunEventSink, redact: RunRedaction): RunEventSink {
  return {
    append: async (runId, events) => sink.append(runId, await redact(runId, events)),
  };
}
