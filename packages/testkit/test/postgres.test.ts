import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { readTestDatabaseUrl } from '../src/env.js';
import { createTestDatabase, type TestDatabase } from '../src/index.js';

const created: TestDatabase[] = [];
async function newDatabase(): Promise<TestDatabase> {
  const database = await createTestDatabase();
  created.push(database);
  return database;
}

async function withClient<T>(url: string, use: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await use(client);
  } finally {
    await client.end();
  }
}

async function databaseExists(name: string): Promise<boolean> {
  return withClient(readTestDatabaseUrl(), async (client) => {
    const result = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [name]);
    return result.rowCount === 1;
  });
}

describe('createTestDatabase', () => {
  afterAll(async () => {
    await Promise.all(created.map((database) => database.drop()));
  });

  it('creates an empty database that a client can write to and read from', async () => {
    const database = await newDatabase();
    const rows = await withClient(database.url, async (client) => {
      const current = await client.query<{ name: string }>('SELECT current_database() AS name');
      expect(current.rows[0]?.name).toBe(database.name);
      await client.query('CREATE TABLE greeting (id serial PRIMARY KEY, text text NOT NULL)');
      await client.query('INSERT INTO greeting (text) VALUES ($1), ($2)', ['hello', 'world']);
      const result = await client.query<{ text: string }>('SELECT text FROM greeting ORDER BY id');
      await client.query('DROP TABLE greeting');
      return result.rows.map((row) => row.text);
    });
    expect(rows).toEqual(['hello', 'world']);
  });

  it('keeps each database isolated from the others', async () => {
    const [first, second] = await Promise.all([newDatabase(), newDatabase()]);
    expect(first.name).not.toBe(second.name);
    await withClient(first.url, (client) => client.query('CREATE TABLE only_here (id int)'));
    const seen = await withClient(second.url, (client) =>
      client.query<{ table: string | null }>(`SELECT to_regclass('only_here')::text AS table`),
    );
    expect(seen.rows[0]?.table).toBeNull();
  });

  it('drop() removes the database even while a connection is still open', async () => {
    const database = await createTestDatabase();
    const forgotten = new pg.Client({ connectionString: database.url });
    const terminated = new Promise<Error>((resolve) => forgotten.on('error', resolve));
    await forgotten.connect();
    await database.drop();
    expect(await databaseExists(database.name)).toBe(false);
    await expect(terminated).resolves.toBeInstanceOf(Error);
    await database.drop(); // a second drop is harmless
  });
});
