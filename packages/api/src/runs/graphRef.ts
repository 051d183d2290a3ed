import type { Database } from '@beluga/db';
import { OrchestratorError } from '@beluga/orchestration';

const PREFIX = 'graph:';

/**
 * The reference a Temporal run carries instead of its document: a saved, immutable graph
 * version. The document stays out of the workflow's history; workers load it from the database.
 */
export function graphRefOf(graphId: string, version: number): string {
  return `${PREFIX}${graphId}@${version}`;
}

/** Resolves {@link graphRefOf} references against the database (a worker's `loadDocument`). */
export function createGraphDocumentLoader(db: Database): (ref: string) => Promise<unknown> {
  return async (ref) => {
    const at = ref.lastIndexOf('@');
    const version = Number(ref.slice(at + 1));
    if (!ref.startsWith(PREFIX) || at < 0 || !Number.isInteger(version)) {
      throw new OrchestratorError({
        code: 'VALIDATION_FAILED',
        op: 'graph.load',
        message: `"${ref}" is not a graph reference (graph:<id>@<version>)`,
      });
    }
    const graphId = ref.slice(PREFIX.length, at);
    const found = await db.graphs.getVersion(graphId, version);
    if (!found) {
      throw new OrchestratorError({
        code: 'NOT_FOUND',
        op: 'graph.load',
        message: `Version ${version} of graph "${graphId}" does not exist`,
      });
    }
    return found.document;
  };
}
