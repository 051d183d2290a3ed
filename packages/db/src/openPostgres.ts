import { OrchestratorError } from '@beluga/orchestration';
import { drizzle } from 'drizzle-orm/node-postgres';
import pg from 'pg';
import { migratePostgresDatabase } from './migrations.js';
import { createPgNotifier } from './notifier/pgNotifier.js';
import { createRepositories, once } from './repositories.js';
import type { Database } from './types.js';

/** The URL without its password, fit for an error message. */
function redact(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password) parsed.password = '***';
    return parsed.toString();
  } catch {
    return '(an unparsable URL)';
  }
}

async function connectAndMigrate(pool: pg.Pool, url: string): Promise<void> {
  try {
    await pool.query('SELECT 1');
  } catch (cause) {
    const reason = cause instanceof Error ? cause.message : String(cause);
    throw new OrchestratorError({
      code: 'DEPENDENCY_FAILED',
      op: 'db.open',
      message: `Could not connect to PostgreSQL at ${redact(url)}: ${reason}`,
      cause,
    });
  }
  await migratePostgresDatabase(pool);
}

/** A PostgreSQL server by URL (a node-postgres Pool), migrated, with LISTEN/NOTIFY. */
export async function openPostgres(url: string): Promise<Database> {
  const pool = new pg.Pool({ connectionString: url });
  // An idle connection that dies emits 'error' on the pool; unhandled, that would end the
  // process. The next query simply gets a new connection (or fails and says why).
  pool.on('error', () => undefined);
  try {
    await connectAndMigrate(pool, url);
  } catch (error) {
    await pool.end();
    throw error;
  }
  const notifier = createPgNotifier({ pool, url });
  return {
    kind: 'postgres',
    ...createRepositories(drizzle({ client: pool })),
    notifier,
    async ping() {
      await pool.query('SELECT 1');
    },
    close: once(async () => {
      await notifier.close();
      await pool.end();
    }),
  };
}
