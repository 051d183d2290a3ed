import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PgliteThread } from './pgliteThread.js';

describe('PGlite on its own thread', () => {
  let db: PgliteThread;

  beforeAll(async () => {
    db = await PgliteThread.open('memory://');
    await db.query('CREATE TABLE t (id integer PRIMARY KEY, note text)');
  });
  afterAll(() => db.close());

  it('answers queries in both row modes, with parameters', async () => {
    await db.query('INSERT INTO t VALUES ($1, $2)', [1, 'one']);
    await expect(db.query('SELECT id, note FROM t WHERE id = $1', [1])).resolves.toMatchObject({
      rows: [{ id: 1, note: 'one' }],
    });
    const arrays = await db.query('SELECT id, note FROM t WHERE id = 1', [], { rowMode: 'array' });
    expect(arrays.rows).toEqual([[1, 'one']]);
  });

  it("keeps a transaction's writes when it returns and drops them when it throws", async () => {
    await db.transaction(async (tx) => {
      await tx.query('INSERT INTO t VALUES (10, $1)', ['kept']);
    });
    const failure = new Error('changed my mind');
    await expect(
      db.transaction(async (tx) => {
        await tx.query('INSERT INTO t VALUES (11, $1)', ['dropped']);
        throw failure;
      }),
    ).rejects.toBe(failure);
    const { rows } = await db.query('SELECT id FROM t WHERE id IN (10, 11) ORDER BY id');
    expect(rows).toEqual([{ id: 10 }]);
  });

  it('makes a query from outside an open transaction wait until it commits', async () => {
    let release = () => {};
    const held = new Promise<void>((resolve) => (release = resolve));
    const transaction = db.transaction(async (tx) => {
      await tx.query('INSERT INTO t VALUES (20, $1)', ['inside']);
      await held;
    });
    // Sent while the transaction is open: it sees the committed row, never a partial state.
    const outside = db.query('SELECT note FROM t WHERE id = 20');
    release();
    await transaction;
    await expect(outside).resolves.toMatchObject({ rows: [{ note: 'inside' }] });
  });

  it("carries PostgreSQL's error fields across, so a unique violation is recognised", async () => {
    await db.query('INSERT INTO t VALUES (30, $1)', ['first']);
    const error: unknown = await db
      .query('INSERT INTO t VALUES (30, $1)', ['second'])
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(Error);
    expect(error).toMatchObject({
      code: '23505',
      message: expect.stringMatching(/duplicate key value violates unique constraint/) as unknown,
    });
  });

  it('keeps the calling thread free while the database works', async () => {
    let ticks = 0;
    const timer = setInterval(() => (ticks += 1), 1);
    const { rows } = await db.query(
      'SELECT count(*)::int AS n FROM generate_series(1, 3000000) AS s WHERE s % 7 = 0',
    );
    clearInterval(timer);
    expect(rows).toEqual([{ n: 428571 }]);
    // In-process PGlite holds the event loop for the whole statement: no tick at all.
    expect(ticks).toBeGreaterThan(0);
  });

  it('refuses requests with a clear error once closed', async () => {
    const closed = await PgliteThread.open('memory://');
    await closed.close();
    await expect(closed.query('SELECT 1')).rejects.toMatchObject({
      code: 'DEPENDENCY_FAILED',
      message: 'The embedded database is not available: the embedded database is closed',
    });
    await closed.close();
  });

  it('lets a program that never closes it exit once its work is done', async () => {
    const source = fileURLToPath(new URL('./pgliteThread.ts', import.meta.url));
    const program = `
      const { PgliteThread } = await import(${JSON.stringify(source)});
      const db = await PgliteThread.open('memory://');
      const { rows } = await db.query('SELECT 41 + 1 AS answer');
      console.log(rows[0].answer);
    `;
    const { stdout } = await promisify(execFile)(
      process.execPath,
      ['--conditions=@beluga/source', '--import', 'tsx', '--input-type=module', '-e', program],
      { timeout: 30_000 },
    );
    expect(stdout.trim()).toBe('42');
  }, 40_000);
});
