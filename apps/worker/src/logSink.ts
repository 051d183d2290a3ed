import type { RunEvent } from '@beluga/orchestration';
import { createMemoryRunEventSink, type RunEventSink } from '@beluga/temporal';

/**
 * A sink for a worker on its own: numbers events per run in memory and writes each one as a JSON
 * line. The server runs workers with its database sink instead (the event log's source of truth).
 */
export function createLogSink(write: (line: string) => void): RunEventSink {
  const memory = createMemoryRunEventSink();
  memory.subscribe((_runId, events: RunEvent[]) => {
    for (const event of events) write(JSON.stringify({ msg: 'run event', ...event }));
  });
  return memory;
}
