import { readFile, realpath, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { OrchestratorError } from '@beluga/orchestration';

/** The lock file inside a PGlite folder; PostgreSQL ignores files it does not know. */
export const LOCK_FILE = 'beluga.lock';

/** Folders open in this process, by real path. */
const openFolders = new Set<string>();

function inUse(folder: string, holder: string): OrchestratorError {
  return new OrchestratorError({
    code: 'INVALID_STATE',
    op: 'db.open',
    message:
      `The PGlite folder ${folder} is already open in ${holder}. PGlite runs one instance per ` +
      'folder (a second one would corrupt it): use the open Database, or close it first.',
  });
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: the process exists but belongs to someone else.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Writes our pid into the lock file unless a live other process holds it. */
async function takeLockFile(folder: string): Promise<void> {
  const path = join(folder, LOCK_FILE);
  try {
    await writeFile(path, `${process.pid}\n`, { flag: 'wx' });
    return;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  }
  const holder = Number.parseInt(await readFile(path, 'utf8').catch(() => ''), 10);
  if (Number.isInteger(holder) && holder !== process.pid && isAlive(holder)) {
    throw inUse(folder, `process ${holder} (delete ${path} if that process is not Beluga)`);
  }
  // A stale lock (its process is gone, or it is ours from a Database that was never closed).
  await writeFile(path, `${process.pid}\n`);
}

/**
 * Claims a PGlite folder for this Database: refused when it is open in this process (a module
 * registry) or in another live process (a pid lock file). Returns the release function.
 */
export async function lockFolder(folder: string): Promise<() => Promise<void>> {
  const real = await realpath(folder);
  if (openFolders.has(real)) throw inUse(real, 'this process');
  openFolders.add(real);
  try {
    await takeLockFile(real);
  } catch (error) {
    openFolders.delete(real);
    throw error;
  }
  return async () => {
    openFolders.delete(real);
    await rm(join(real, LOCK_FILE), { force: true });
  };
}
