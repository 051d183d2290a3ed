import { proxySinks, type Sinks } from '@temporalio/workflow';
import type { RunEventDraft } from '../shared.js';

/**
 * The workflow's events leave through a Temporal sink: no history events, and skipped while a
 * worker replays history. The worker calls the sink after each activation and before it reports
 * the activation's result, so the events of a decision are stored before its consequences (the
 * activities it schedules, the workflow's completion) exist.
 */
export interface RunEventSinks extends Sinks {
  runEvents: {
    append(runId: string, events: RunEventDraft[]): void;
  };
}

export const { runEvents } = proxySinks<RunEventSinks>();
