import type { Database } from '@beluga/db';
import { createApprovalBroker, createNodeRegistry, type NetworkPolicy } from '@beluga/nodes';
import { DEFAULT_LIMITS, type ApiContext, type ApiLimits, type ApiUser } from './context.js';
import { RunNotifications } from './runs/runEventStream.js';
import { RunService } from './runs/runService.js';

export interface ApiServicesOptions {
  db: Database;
  instanceId: string;
  network?: NetworkPolicy;
  limits?: Partial<ApiLimits>;
  log?: (message: string, fields: Record<string, unknown>) => void;
  /** See RunServiceOptions.leaseMs. */
  runLeaseMs?: number;
}

/** The long-lived services of one server process; `contextFor(user)` makes each call's context. */
export interface ApiServices {
  contextFor(user: ApiUser): ApiContext;
  /** Runs interrupted by this instance's last stop, now marked so. */
  interrupted: string[];
  close(): Promise<void>;
}

/**
 * Wires the API: the node registry (subgraphs load saved graphs by id), the approval broker, the
 * run service and the run-event notifications; marks the runs a crash left running.
 */
export async function createApiServices(options: ApiServicesOptions): Promise<ApiServices> {
  const { db } = options;
  const limits = { ...DEFAULT_LIMITS, ...options.limits };
  const log = options.log ?? (() => undefined);
  const approvals = createApprovalBroker();
  const registry = createNodeRegistry({
    approvals,
    network: options.network ?? { allowPrivateNetworks: false },
    resolveGraph: async (ref) => {
      const graph = await db.graphs.get(ref);
      if (!graph) throw new Error(`Subgraph "${ref}" is not a saved graph`);
      return graph.document;
    },
  });
  const notifications = new RunNotifications(db);
  await notifications.open();
  const runs = new RunService({
    db,
    registry,
    approvals,
    instanceId: options.instanceId,
    limits,
    log,
    notifications,
    ...(options.runLeaseMs === undefined ? {} : { leaseMs: options.runLeaseMs }),
  });
  const interrupted = await runs.open();
  return {
    interrupted,
    contextFor: (user) => ({ db, registry, runs, notifications, limits, user }),
    close: async () => {
      await runs.close();
      await notifications.close();
    },
  };
}
