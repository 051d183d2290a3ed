// The two executors behind one shape, so a suite can run the same cases on both and compare.
import { compile, type GraphDocument } from '@beluga/graph';
import {
  createApprovalBroker,
  createNodeRegistry,
  type ApprovalDecision,
  type NodeServices,
} from '@beluga/nodes';
import {
  applyNodeEvent,
  isOrchestratorError,
  type NodeRunState,
  type RunEvent,
} from '@beluga/orchestration';
import { APPROVE_SIGNAL, REJECT_SIGNAL } from '../src/index.js';
import type { Harness } from './harness.js';

export interface RunCase {
  document: GraphDocument;
  input: unknown;
  /** Decisions for approval nodes, by node id. */
  decisions?: Record<string, ApprovalDecision>;
}

export interface RunOutcome {
  status: 'succeeded' | 'failed';
  output?: unknown;
  error?: { code: string; message: string };
  /** Every node's final status, by node id. */
  nodes: Record<string, string>;
  events: RunEvent[];
}

export interface Executor {
  name: string;
  run(runCase: RunCase): Promise<RunOutcome>;
}

export function foldStates(events: readonly RunEvent[]): Record<string, string> {
  const states = new Map<string, NodeRunState>();
  for (const event of events) {
    if (event.nodeId === undefined) continue;
    let state = states.get(event.nodeId);
    if (!state) {
      state = { nodeId: event.nodeId, type: '', status: 'pending', attempt: 0, progress: [] };
      states.set(event.nodeId, state);
    }
    applyNodeEvent(state, event, 5);
  }
  return Object.fromEntries([...states].map(([id, state]) => [id, state.status]));
}

function failure(thrown: unknown): RunOutcome['error'] {
  if (isOrchestratorError(thrown)) return { code: thrown.code, message: thrown.message };
  throw thrown;
}

/** The in-process executor: compile() and invoke(), approvals answered through a broker. */
export function localExecutor(services: NodeServices): Executor {
  return {
    name: 'local',
    async run({ document, input, decisions = {} }) {
      const approvals = createApprovalBroker();
      approvals.onChange(() => {
        for (const pending of approvals.pending()) {
          const decision = decisions[pending.nodeId];
          if (decision) approvals.decide(pending.runId, pending.nodeId, decision);
        }
      });
      const registry = createNodeRegistry({ ...services, approvals });
      const events: RunEvent[] = [];
      try {
        const output = await compile(document, registry).invoke(input, {
          onEvent: (event) => events.push(event),
        });
        return { status: 'succeeded', output, nodes: foldStates(events), events };
      } catch (thrown) {
        return { status: 'failed', error: failure(thrown), nodes: foldStates(events), events };
      }
    },
  };
}

/** The graph workflow on the harness's dev server; approvals answered by signals. */
export function temporalExecutor(h: Harness): Executor {
  return {
    name: 'temporal',
    async run({ document, input, decisions = {} }) {
      const { workflowId } = await h.graphs.execute({ document, input });
      for (const [nodeId, { decision, ...rest }] of Object.entries(decisions)) {
        const signal = decision === 'approved' ? APPROVE_SIGNAL : REJECT_SIGNAL;
        await h.graphs.signal(workflowId, signal, { nodeId, ...rest });
      }
      const outcome = await h.graphs.getResult(workflowId).then(
        (output) => ({ status: 'succeeded' as const, output }),
        (thrown: unknown) => ({ status: 'failed' as const, error: failure(thrown) }),
      );
      const events = h.sink.events(workflowId);
      return { ...outcome, nodes: foldStates(events), events };
    },
  };
}
