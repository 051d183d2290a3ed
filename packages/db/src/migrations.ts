import { fileURLToPath } from 'node:url';
import { drizzle } from 'drizzle-orm/node-postgres';
import { migrate as migrateNodePg } from 'drizzle-orm/node-postgres/migrator';
import type { PgliteDatabase } from 'drizzle-orm/pglite';
import { migrate as migratePglite } from 'drizzle-orm/pglite/migrator';
import type pg from 'pg';

/** The drizzle-kit SQL folder, shipped beside src/ and dist/ (both one level below it). */
export const MIGRATIONS_FOLDER = fileURLToPath(new URL('../drizzle', import.meta.url));

/** An arbitrary constant: the advisory lock that serialises migrations across processes. */
const MIGRATION_LOCK_KEY = 0x62656c75; // "belu"

/** PGlite has one connection, owned by this process: nothing can race. */
export async function migratePgliteDatabase(db: PgliteDatabase): Promise<void> {
  await migratePglite(db, { migrationsFolder: MIGRATIONS_FOLDER });
}

/**
 * drizzle's migrator reads the last applied migration, then applies the newer ones in a
 * transaction; two processes starting together would both try to create the same tables. A
 * session advisory lock on one dedicated connection makes the second wait, then find nothing
 * left to do.
 */
export async function migratePostgresDatabase(pool: pg.Pool): Promise<void> {
  const client = await pool.connect();
  let broken: Error | undefined;
  try {
    await client.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK_KEY]);
    try {
      await migrateNodePg(drizzle({ client }), { migrationsFolder: MIGRATIONS_FOLDER });
    } finally {
      await client.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK_KEY]);
    }
  } catch (error) {
    broken = error as Error;
    throw error;
  } finally {
    // A connection that failed mid-way is destroyed, releasing any lock it still holds.
    client.release(broken);
  }
}
