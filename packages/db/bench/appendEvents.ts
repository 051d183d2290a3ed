/**
 * `pnpm bench` (db): events.append() of 100, 1,000 and 10,000 events (one jsonb array
 * parameter, one statement) against the baseline it replaced: drizzle multi-row VALUES inserts
 * of at most 1,000 rows (3 bind parameters a row) in one transaction. PGlite in memory always;
 * PostgreSQL too when TEST_DATABASE_URL is set (a throwaway database). Prints a markdown table;
 * timings are reported, never asserted.
 */
import { randomUUID } from 'node:crypto';
import { PGlite } from '@electric-sql/pglite';
import type { RunEvent } from '@beluga/orchestration';
import { createTestDatabase } from '@beluga/testkit';
import { drizzle } from 'drizzle-orm/node-postgres';
import { drizzle as drizzlePglite } from 'drizzle-orm/pglite';
import pg from 'pg';
import type { Db } from '../src/db.js';
import { migratePgliteDatabase, migratePostgresDatabase } from '../src/migrations.js';
import { createRepositories } from '../src/repositories.js';
import { runEvents } from '../src/schema.js';

type Append = (events: readonly RunEvent[]) => Promise<void>;
type Repositories = ReturnType<typeof createRepositories>;

function events(runId: string, count: number): RunEvent[] {
  return Array.from({ length: count }, (_, i) => ({
    type: 'node.progress',
    runId,
    seq: i + 1,
    ts: Date.now(),
    nodeId: `node-${i % 50}`,
    attempt: 1,
    traceId: '4bf92f3577b34da6a3ce929d0e0e4736',
    spanId: '00f067aa0ba902b7',
    data: { chunk: `token ${i} `, index: i },
  }));
}

/** The baseline: VALUES lists, chunked under the bind-parameter limit, in one transaction. */
function valuesAppend(db: Db): Append {
  return (batch) =>
    db.transaction(async (tx) => {
      for (let i = 0; i < batch.length; i += 1000) {
        const rows = batch.slice(i, i + 1000).map((event) => ({
          runId: event.runId,
          seq: event.seq,
          event,
        }));
        await tx.insert(runEvents).values(rows);
      }
    });
}

async function medianMs(db: Repositories, append: Append, size: number): Promise<number> {
  const samples: number[] = [];
  for (let i = 0; i < 7; i++) {
    const run = await db.runs.create({
      id: randomUUID(),
      workspaceId: 'bench',
      graphId: 'bench',
      graphVersion: 1,
      graphName: 'bench',
      executor: 'local',
      input: null,
      startedBy: 'bench',
      instanceId: 'bench',
    });
    const batch = events(run.id, size);
    const start = performance.now();
    await append(batch);
    if (i > 1) samples.push(performance.now() - start); // two warm-ups
  }
  return samples.sort((a, b) => a - b)[Math.floor(samples.length / 2)]!;
}

async function bench(name: string, drizzleDb: Db, rows: string[]): Promise<void> {
  const db = createRepositories(drizzleDb);
  const baseline = valuesAppend(drizzleDb);
  for (const size of [100, 1_000, 10_000]) {
    const ours = await medianMs(db, (batch) => db.events.append(batch), size);
    const base = await medianMs(db, baseline, size);
    const ratio = (base / ours).toFixed(2);
    rows.push(`| ${name} | ${size} | ${ours.toFixed(1)} | ${base.toFixed(1)} | ${ratio}× |`);
  }
}

const rows = [
  '| backend | events | append ms (median) | VALUES baseline ms | speed-up |',
  '|---|--:|--:|--:|--:|',
];

const client = await PGlite.create('memory://');
const pgliteDb = drizzlePglite({ client });
await migratePgliteDatabase(pgliteDb);
await bench('PGlite (memory)', pgliteDb, rows);
await client.close();

if (process.env.TEST_DATABASE_URL) {
  const testDb = await createTestDatabase({ prefix: 'beluga_bench' });
  const pool = new pg.Pool({ connectionString: testDb.url });
  await migratePostgresDatabase(pool);
  await bench('PostgreSQL', drizzle({ client: pool }), rows);
  await pool.end();
  await testDb.drop();
} else {
  rows.push('| PostgreSQL | – | set TEST_DATABASE_URL | | |');
}
console.log(rows.join('\n'));
