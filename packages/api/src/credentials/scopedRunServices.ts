import type { Database } from '@beluga/db';
import type { CredentialResolver, GraphResolver } from '@beluga/nodes';
import { OrchestratorError } from '@beluga/orchestration';
import type { RunRedaction } from '@beluga/temporal';
import type { RunScopes } from './runScopes.js';

/** What the nodes and workers of the server's runs get from their run's scope. */
export interface ScopedRunServices {
  /** Credentials of the run's workspace (llm.chat, http.request auth). */
  resolveCredential: CredentialResolver;
  /** Saved graphs of the run's workspace, and of no other (subgraph nodes). */
  resolveGraph: GraphResolver;
  /** The run's secrets out of a value it writes (a Temporal worker's events and results). */
  redact: RunRedaction;
}

/**
 * Resolvers bound to the asking run's workspace, for a node registry shared by every run of a
 * process (the server's, a worker's).
 *
 * @example
 * const scoped = scopedRunServices(db, createRunScopes({ db, key }));
 * const registry = createNodeRegistry({ resolveCredential: scoped.resolveCredential, resolveGraph: scoped.resolveGraph });
 */
export function scopedRunServices(db: Database, scopes: RunScopes): ScopedRunServices {
  return {
    resolveCredential: async (name, { runId }) => (await scopes.scopeOf(runId)).resolve(name),
    resolveGraph: async (ref, { runId }) => {
      const { run } = await scopes.scopeOf(runId);
      const graph = await db.graphs.get(ref);
      // Another workspace's graph is answered as missing: its existence is not this run's to know.
      if (!graph || graph.workspaceId !== run.workspaceId)
        throw new OrchestratorError({
          code: 'NOT_FOUND',
          op: 'node:subgraph',
          field: 'graph',
          retryable: false,
          message: `Subgraph "${ref}" is not a saved graph of this workspace`,
        });
      return graph.document;
    },
    redact: async (runId, value) => (await scopes.scopeOf(runId)).redact(value),
  };
}
