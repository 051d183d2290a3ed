import { createTestDatabase } from '@beluga/testkit';
import type { TestDatabase } from '@beluga/testkit';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readdir } from 'node:fs/promises';
import { MIGRATIONS_FOLDER, openDatabase } from '../src/index.js';
import type { Database } from '../src/index.js';
import { createGraph, makeDocument, nextPayload } from './fixtures.js';
import { repositorySuite } from './suites/index.js';

// No TEST_DATABASE_URL is a failure with the testkit's explanation, never a skip: these tests
// are what proves the PostgreSQL backend.
const testDatabase = await createTestDatabase({ prefix: 'beluga_db' });
const url = testDatabase.url;
afterAll(() => testDatabase.drop());

repositorySuite('PostgreSQL', () => openDatabase({ url }));

describe('PostgreSQL with several Databases (as several server processes)', () => {
  let first: Database;
  let second: Database;
  let fresh: TestDatabase;
  beforeAll(async () => {
    // Opened at once on one new database: the migrations must serialise, not collide.
    fresh = await createTestDatabase({ prefix: 'beluga_db_pair' });
    [first, second] = await Promise.all([
      openDatabase({ url: fresh.url }),
      openDatabase({ url: fresh.url }),
    ]);
  });
  afterAll(async () => {
    await first?.close();
    await second?.close();
    await fresh?.drop();
  });

  it('applied the migrations exactly once', async () => {
    expect(first.kind).toBe('postgres');
    const client = new pg.Client({ connectionString: fresh.url });
    await client.connect();
    const { rows } = await client.query<{ n: string }>(
      'SELECT count(*) AS n FROM drizzle.__drizzle_migrations',
    );
    await client.end();
    const shipped = (await readdir(MIGRATIONS_FOLDER)).filter((name) => name.endsWith('.sql'));
    expect(shipped.length).toBeGreaterThan(1);
    expect(Number(rows[0]!.n)).toBe(shipped.length);
  });

  it('lets exactly one of two concurrent updates from one base win', async () => {
    for (let round = 0; round < 5; round++) {
      const graph = await createGraph(first);
      const update = (db: Database, nodes: number) =>
        db.graphs.update({
          id: graph.id,
          baseVersion: 1,
          document: makeDocument(graph.id, nodes),
          name: `by ${nodes}`,
          description: '',
          author: `user-${nodes}`,
        });
      const results = await Promise.all([update(first, 3), update(second, 4)]);
      const winners = results.filter((r) => r.ok);
      const losers = results.filter((r) => !r.ok);
      expect(winners).toHaveLength(1);
      expect(losers).toHaveLength(1);
      const current = await first.graphs.get(graph.id);
      expect(losers[0]).toEqual({ ok: false, reason: 'conflict', current });
      expect(winners[0]!.ok && winners[0]!.graph).toEqual(current);
      expect(await first.graphs.listVersions(graph.id)).toHaveLength(2);
    }
  });

  it('delivers a notification sent through one Database to listeners of the other', async () => {
    const { payload, stop } = await nextPayload(second, 'run_events');
    await first.notifier.notify('run_events', 'run-42');
    expect(await payload).toBe('run-42');
    await stop();
  });

  it('listens again after the listening connection is killed', async () => {
    const received: string[] = [];
    const stop = await second.notifier.listen('reconnect_test', (p) => received.push(p));
    const admin = new pg.Client({ connectionString: fresh.url });
    await admin.connect();
    const killed = await admin.query(
      `SELECT pg_terminate_backend(pid) FROM pg_stat_activity
       WHERE application_name = 'beluga-listen' AND datname = current_database()`,
    );
    await admin.end();
    expect(killed.rowCount).toBeGreaterThan(0);
    const deadline = Date.now() + 10_000;
    while (!received.includes('back') && Date.now() < deadline) {
      await first.notifier.notify('reconnect_test', 'back');
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    expect(received).toContain('back');
    await stop();
  });
});

describe('PostgreSQL that cannot be reached', () => {
  it('fails to open with a clear message and no password', async () => {
    const bad = new URL(url);
    bad.port = '1';
    bad.password = 'secret';
    const error = await openDatabase({ url: bad.toString() }).catch((e: unknown) => e);
    expect(String((error as Error).message)).toMatch(/Could not connect to PostgreSQL/);
    expect(String((error as Error).message)).not.toContain('secret');
  });
});
