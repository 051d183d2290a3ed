import type { Database } from '@beluga/db';
import type { NodeRegistry } from '@beluga/nodes';
import type { RunNotifications } from './runs/runEventStream.js';
import type { RunService } from './runs/runService.js';
import type { ApiMetrics, TraceReader } from './telemetry.js';
import type { CredentialVault } from './credentials/credentialVault.js';

/** Who calls: the signed-in user of the session cookie or API token. */
export interface ApiUser {
  id: string;
  name: string;
  email: string;
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
  /** Seals and opens credential values with the server's key (credentials.*). */
  vault: CredentialVault;
  /** Recent traces, when the server keeps them (the run panel's trace view). */
  traces?: TraceReader;
  /** Writes an entry of the audit log as the caller (sharing, roles, credentials, deletes). */
  audit(entry: {
    workspaceId: string;
    action: string;
    targetType: string;
    targetId: string;
    details?: Record<string, unknown>;
  }): Promise<void>;
  /** Null for a caller who is not signed in: only public procedures answer them. */
  user: ApiUser | null;
}
