import { openDatabase, type Database } from '@beluga/db';
import { createTestDatabase } from '@beluga/testkit';

export type Backend = 'pglite' | 'postgres';

/**
 * The PostgreSQL server the bench creates its throwaway database on: BENCH_DATABASE_URL, else
 * TEST_DATABASE_URL (what `ensure_postgres` in scripts/lib.sh exports). Read here only.
 */
export function postgresServerUrl(): string | undefined {
  return (
    process.env.BENCH_DATABASE_URL?.trim() || process.env.TEST_DATABASE_URL?.trim() || undefined
  );
}

/** PGlite in memory, or a fresh database on the PostgreSQL server, migrated. */
export async function openBackend(
  backend: Backend,
): Promise<{ db: Database; close: () => Promise<void> }> {
  if (backend === 'pglite') {
    const db = await openDatabase({ dataDir: 'memory://' });
    return { db, close: () => db.close() };
  }
  const created = await createTestDatabase({
    serverUrl: postgresServerUrl(),
    prefix: 'beluga_bench',
  });
  const db = await openDatabase({ url: created.url });
  return {
    db,
    close: async () => {
      await db.close();
      await created.drop();
    },
  };
}
