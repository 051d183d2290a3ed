import type { AppRouter } from '@beluga/api';
import type { GraphDocumentInput } from '@beluga/graph';
import type { RunEvent } from '@beluga/orchestration';
import { TRPCClientError, type TRPCClient } from '@trpc/client';

type NodeInput = GraphDocumentInput['nodes'][number];
type EdgeInput = GraphDocumentInput['edges'][number];

export function node(id: string, type: string, config: Record<string, unknown> = {}): NodeInput {
  return { id, type, position: { x: 0, y: 0 }, config: config as NodeInput['config'] };
}

export function edge(source: string, target: string, sourcePort = 'out'): EdgeInput {
  return { id: `${source}.${sourcePort}-${target}`, source, sourcePort, target, targetPort: 'in' };
}

export function graphDocument(
  name: string,
  nodes: NodeInput[],
  edges: EdgeInput[],
): GraphDocumentInput {
  return { format: 'beluga.graph/v1', id: 'draft', name, description: `${name}.`, nodes, edges };
}

/** An order is checked, then routed: large amounts to review, the others approved at once. */
export function routingDocument(): GraphDocumentInput {
  return graphDocument(
    'Order routing',
    [
      node('order', 'input', { fields: [{ name: 'amount', type: 'number', required: true }] }),
      node('price', 'transform', { expression: '{ "amount": amount, "currency": "EUR" }' }),
      node('large', 'branch', { condition: 'amount >= 1000' }),
      node('review', 'transform', { expression: '$merge([$, { "route": "review" }])' }),
      node('auto', 'transform', { expression: '$merge([$, { "route": "auto" }])' }),
      node('join', 'merge', { mode: 'first' }),
      node('result', 'output'),
    ],
    [
      edge('order', 'price'),
      edge('price', 'large'),
      edge('large', 'review', 'true'),
      edge('large', 'auto', 'false'),
      edge('review', 'join'),
      edge('auto', 'join'),
      edge('join', 'result'),
    ],
  );
}

/** A release waits for a person; approved and rejected paths meet again before the output. */
export function approvalDocument(): GraphDocumentInput {
  return graphDocument(
    'Release approval',
    [
      node('release', 'input'),
      node('gate', 'approval', { prompt: 'Ship this release?' }),
      node('ship', 'transform', {
        expression: '{ "shipped": true, "version": input.version, "comment": comment }',
      }),
      node('hold', 'transform', {
        expression: '{ "shipped": false, "version": input.version, "comment": comment }',
      }),
      node('join', 'merge', { mode: 'first' }),
      node('result', 'output'),
    ],
    [
      edge('release', 'gate'),
      edge('gate', 'ship', 'approved'),
      edge('gate', 'hold', 'rejected'),
      edge('ship', 'join'),
      edge('hold', 'join'),
      edge('join', 'result'),
    ],
  );
}

/** A nightly job that waits ten minutes: long enough to be cancelled, never to finish here. */
export function slowDocument(): GraphDocumentInput {
  return graphDocument(
    'Nightly export',
    [node('start', 'input'), node('wait', 'delay', { ms: 600_000 }), node('result', 'output')],
    [edge('start', 'wait'), edge('wait', 'result')],
  );
}

/** A retry loop drawn by mistake: check → fix → check. Savable (work in progress), not runnable. */
export function cyclicDocument(): GraphDocumentInput {
  return graphDocument(
    'Retry loop',
    [
      node('start', 'input'),
      node('check', 'merge'),
      node('fix', 'transform', { expression: '$' }),
      node('result', 'output'),
    ],
    [edge('start', 'check'), edge('check', 'fix'), edge('fix', 'check'), edge('fix', 'result')],
  );
}

/** input → (size - 2) transforms → output. */
export function chainDocument(size: number): GraphDocumentInput {
  const steps = Array.from({ length: size - 2 }, (_, i) =>
    node(`step${i}`, 'transform', { expression: '$' }),
  );
  const ids = ['start', ...steps.map((step) => step.id), 'result'];
  return graphDocument(
    `Chain of ${size}`,
    [node('start', 'input'), ...steps, node('result', 'output')],
    ids.slice(1).map((id, i) => edge(ids[i] as string, id)),
  );
}

export type Client = TRPCClient<AppRouter>;

/** The error a call fails with; fails the test when the call succeeds. */
export async function rejection(call: Promise<unknown>): Promise<TRPCClientError<AppRouter>> {
  try {
    await call;
  } catch (error) {
    if (error instanceof TRPCClientError) return error as TRPCClientError<AppRouter>;
    throw error;
  }
  throw new Error('Expected the call to fail, it succeeded');
}

/**
 * Follows a run's events over the real SSE subscription until one matches; resolves with every
 * event received so far.
 */
export function waitForEvent(
  client: Client,
  runId: string,
  matches: (event: RunEvent) => boolean,
): Promise<RunEvent[]> {
  return new Promise((resolve, reject) => {
    const received: RunEvent[] = [];
    const subscription = client.runs.events.subscribe(
      { runId },
      {
        onData: ({ data }) => {
          received.push(...(data as RunEvent[]));
          // Settled before unsubscribing: unsubscribe() completes the subscription at once.
          if (received.some(matches)) {
            resolve(received);
            subscription.unsubscribe();
          }
        },
        onError: (error) => {
          reject(error);
          subscription.unsubscribe();
        },
        onComplete: () => reject(new Error(`Run ${runId} ended without the expected event`)),
      },
    );
  });
}

export const isRunEnd = (event: RunEvent) =>
  event.type === 'run.succeeded' || event.type === 'run.failed' || event.type === 'run.cancelled';
