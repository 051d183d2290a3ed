import type { NodeContext } from '@beluga/orchestration';

export interface TestContext extends NodeContext {
  readonly progressed: unknown[];
  readonly waited: unknown[];
  readonly controller: AbortController;
}

/** A NodeContext for calling a node type's `run` directly, recording what the node reports. */
export function testContext(nodeId = 'node'): TestContext {
  const controller = new AbortController();
  const progressed: unknown[] = [];
  const waited: unknown[] = [];
  return {
    controller,
    progressed,
    waited,
    signal: controller.signal,
    runId: 'run-test',
    nodeId,
    attempt: 1,
    progress: (data) => progressed.push(data),
    waiting: (data) => waited.push(data),
    // The nodes under test never start spans; the engine supplies a real context in graph runs.
    traceContext: {} as NodeContext['traceContext'],
  };
}
