import { mkdir } from 'node:fs/promises';
import { resolve } from 'node:path';
import type { PGlite } from '@electric-sql/pglite';
import { drizzle } from 'drizzle-orm/pglite';
import { lockFolder } from './folderLock.js';
import { migratePgliteDatabase } from './migrations.js';
import { PgliteThread } from './pgliteThread/pgliteThread.js';
import { createMemoryNotifier } from './notifier/memoryNotifier.js';
import { createRepositories, once } from './repositories.js';
import type { Database } from './types.js';

const MEMORY = 'memory://';

/** Opens PGlite on `memory://` or a folder; the folder is claimed (see lockFolder) first. */
async function startPglite(
  dataDir: string,
): Promise<{ client: PgliteThread; release: () => Promise<void> }> {
  if (dataDir.startsWith(MEMORY))
    return { client: await PgliteThread.open(dataDir), release: async () => {} };
  const folder = resolve(dataDir.replace(/^file:\/\//, ''));
  // PGlite creates only the last level of the path itself.
  await mkdir(folder, { recursive: true });
  const release = await lockFolder(folder);
  try {
    return { client: await PgliteThread.open(folder), release };
  } catch (error) {
    await release();
    throw error;
  }
}

/**
 * The embedded database: PGlite in `dataDir` on a thread of its own (see PgliteThread), migrated,
 * with in-process notifications.
 */
export async function openPglite(dataDir: string): Promise<Database> {
  const { client, release } = await startPglite(dataDir);
  // drizzle's PGlite driver calls only query() and transaction(), which the thread offers.
  const db = drizzle({ client: client as unknown as PGlite });
  try {
    await migratePgliteDatabase(db);
  } catch (error) {
    await client.close();
    await release();
    throw error;
  }
  return {
    kind: 'pglite',
    ...createRepositories(db),
    notifier: createMemoryNotifier(),
    async ping() {
      await client.query('SELECT 1');
    },
    close: once(async () => {
      try {
        await client.close();
      } finally {
        await release();
      }
    }),
  };
}
