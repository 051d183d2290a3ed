import { createOrchestrator, GraphOptionsSchema, type Orchestrator } from '@beluga/orchestration';

/** What a plain `createGraph` gives a graph when the document says nothing. */
const PLAIN_GRAPH = GraphOptionsSchema.parse({});

export interface RunOrchestratorOptions {
  /** Local runs this process executes at once; one more is refused. Default 1,000. */
  maxActiveRuns?: number;
}

/**
 * The orchestrator the local executor runs every graph through, one per server process, so that
 * its check() (capacity, error rate) and counters describe this process's runs. It only makes
 * graphs, and with a plain graph's defaults: no run deadline unless the document sets one (the
 * orchestrator's own default would end every run after 5 minutes), the same workers and queue.
 * Spans and metrics go, as before, to the global OpenTelemetry providers.
 */
export function createRunOrchestrator(options: RunOrchestratorOptions = {}): Orchestrator {
  return createOrchestrator({
    enableChains: false,
    enableWorkflows: false,
    defaultTimeoutMs: 0,
    maxConcurrentExecutions: options.maxActiveRuns ?? 1000,
    graph: { maxWorkers: PLAIN_GRAPH.maxWorkers, queueSize: PLAIN_GRAPH.queueSize },
  });
}
