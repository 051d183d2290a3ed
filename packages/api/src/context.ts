import type { Database } from '@beluga/db';
import type { NodeRegistry } from '@beluga/nodes';
import type { RunNotifications } from './runs/runEventStream.js';
import type { RunService } from './runs/runService.js';
import type { ApiMetrics, TraceReader } from './telemetry.js';

/** Who calls. One local user until accounts arrive (issue 7); every procedure already gets it. */
export interface ApiUser {
  id: string;
}

export interface ApiLimits {
  /** Largest graph accepted for save, import and validate, in nodes. */
  maxGraphNodes: number;
  /** Runs one user may have running at once. */
  maxRunningPerUser: number;
}

export const DEFAULT_LIMITS: ApiLimits = { maxGraphNodes: 10_000, maxRunningPerUser: 20 };

/** What every procedure receives: the services of this server process and the caller. */
export interface ApiContext {
  db: Database;
  registry: NodeRegistry;
  runs: RunService;
  notifications: RunNotifications;
  limits: ApiLimits;
  metrics: ApiMetrics;
  /** Recent traces, when the server keeps them (the run panel's trace view). */
  traces?: TraceReader;
  user: ApiUser;
}
