import { OrchestratorError } from '@beluga/orchestration';
import { openPglite } from './openPglite.js';
import { openPostgres } from './openPostgres.js';
import type { Database } from './types.js';

export interface OpenDatabaseOptions {
  /** A PostgreSQL URL (`DATABASE_URL`). When set, `dataDir` is ignored. */
  url?: string;
  /**
   * The PGlite folder (created, with its parents, when missing), or `memory://` for a
   * throwaway database. One Database per folder at a time, in this process or any other.
   */
  dataDir?: string;
}

/**
 * Opens the storage and brings its schema up to date (the migrations shipped in the package)
 * before returning. Safe when several processes open the same PostgreSQL database at once.
 *
 * @example
 * const db = await openDatabase(
 *   env.DATABASE_URL ? { url: env.DATABASE_URL } : { dataDir: './data/pglite' },
 * );
 * try {
 *   const graph = await db.graphs.get('triage');
 * } finally {
 *   await db.close();
 * }
 */
export async function openDatabase(options: OpenDatabaseOptions): Promise<Database> {
  if (options.url) return openPostgres(options.url);
  if (options.dataDir) return openPglite(options.dataDir);
  throw new OrchestratorError({
    code: 'INVALID_CONFIG',
    op: 'db.open',
    message: 'openDatabase needs a PostgreSQL `url` or a PGlite `dataDir` (or memory://).',
  });
}
