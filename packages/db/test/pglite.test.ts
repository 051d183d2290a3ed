import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../src/index.js';
import { createGraph, makeEvents, runInput } from './fixtures.js';
import { repositorySuite } from './suites/index.js';

const root = await mkdtemp(join(tmpdir(), 'beluga-db-'));
afterAll(() => rm(root, { recursive: true, force: true }));

repositorySuite('PGlite in memory', () => openDatabase({ dataDir: 'memory://' }));
repositorySuite('PGlite in a folder', () => openDatabase({ dataDir: join(root, 'suite') }));

describe('PGlite folder', () => {
  it('creates missing parent folders, and keeps data across close and reopen', async () => {
    const dataDir = join(root, 'a', 'b', 'pglite');
    const db = await openDatabase({ dataDir });
    expect(db.kind).toBe('pglite');
    const graph = await createGraph(db);
    const run = await db.runs.create(runInput({ graphId: graph.id }));
    await db.events.append(makeEvents(run.id, 1, 3));
    await db.close();
    await db.close();
    await expect(db.ping()).rejects.toThrow();

    // Opening again runs the migrations again: they find nothing to do.
    const reopened = await openDatabase({ dataDir });
    expect(await reopened.graphs.get(graph.id)).toEqual(graph);
    expect(await reopened.runs.get(run.id)).toEqual(run);
    expect(await reopened.events.lastSeq(run.id)).toBe(3);
    await reopened.close();
  });

  it('refuses a second open of the same folder in this process, clearly', async () => {
    const dataDir = join(root, 'twice');
    const db = await openDatabase({ dataDir });
    const graph = await createGraph(db);
    await expect(openDatabase({ dataDir: join(root, '.', 'twice') })).rejects.toThrow(
      /already open in this process/,
    );
    expect(await db.graphs.get(graph.id)).toEqual(graph);
    await db.close();
    const again = await openDatabase({ dataDir });
    expect(await again.graphs.get(graph.id)).toEqual(graph);
    await again.close();
  });

  it('refuses a folder whose lock file names another live process, takes over a stale one', async () => {
    const dataDir = join(root, 'locked');
    await (await openDatabase({ dataDir })).close();
    const lockFile = join(dataDir, 'beluga.lock');
    expect(existsSync(lockFile)).toBe(false);

    await writeFile(lockFile, `${process.ppid}\n`);
    await expect(openDatabase({ dataDir })).rejects.toThrow(`process ${process.ppid}`);

    const exited = spawnSync(process.execPath, ['-e', '']).pid;
    await writeFile(lockFile, `${exited}\n`);
    const db = await openDatabase({ dataDir });
    expect(await readFile(lockFile, 'utf8')).toBe(`${process.pid}\n`);
    await db.close();
  });

  it('needs a url or a dataDir', async () => {
    await expect(openDatabase({})).rejects.toThrow(
      /needs a PostgreSQL `url` or a PGlite `dataDir`/,
    );
  });
});
