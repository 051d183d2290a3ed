import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { readTestDatabaseUrl } from './env.js';

/** A database that exists for one test file (or one test) only. */
export interface TestDatabase {
  /** Connection URL of the new database. */
  readonly url: string;
  /** Its name, unique per call. */
  readonly name: string;
  /** Drops the database, closing any connection still open on it. Safe to call twice. */
  drop(): Promise<void>;
}

export interface CreateTestDatabaseOptions {
  /** The server to create it on; defaults to TEST_DATABASE_URL. */
  serverUrl?: string;
  /** A readable prefix for the database name. */
  prefix?: string;
}

/**
 * Creates a uniquely named, empty database on the test PostgreSQL server, so test files that run
 * in parallel never see each other's tables.
 *
 * @example
 * const db = await createTestDatabase();
 * afterAll(() => db.drop());
 * const client = new pg.Client({ connectionString: db.url });
 */
export async function createTestDatabase(
  options: CreateTestDatabaseOptions = {},
): Promise<TestDatabase> {
  const serverUrl = options.serverUrl ?? readTestDatabaseUrl();
  const name = `${options.prefix ?? 'beluga_test'}_${process.pid}_${randomBytes(6).toString('hex')}`;
  await withAdminClient(serverUrl, (client) =>
    client.query(`CREATE DATABASE ${client.escapeIdentifier(name)}`),
  );
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return { url: url.toString(), name, drop: () => dropTestDatabase(url.toString(), serverUrl) };
}

/**
 * Drops the database of a `createTestDatabase` URL (from another process than the one that
 * made it, e.g. a test runner's teardown), ending the sessions still open on it.
 */
export async function dropTestDatabase(
  databaseUrl: string,
  serverUrl = readTestDatabaseUrl(),
): Promise<void> {
  const name = decodeURIComponent(new URL(databaseUrl).pathname.slice(1));
  await withAdminClient(serverUrl, async (client) => {
    const drop = `DROP DATABASE IF EXISTS ${client.escapeIdentifier(name)}`;
    try {
      // WITH (FORCE) ends sessions a test forgot to close instead of failing the cleanup.
      await client.query(`${drop} WITH (FORCE)`);
    } catch (error) {
      // ...but it may not end a session of another role: an autovacuum worker that came to
      // the database. A plain DROP asks autovacuum to leave, and waits for it.
      if ((error as { code?: string }).code !== INSUFFICIENT_PRIVILEGE) throw error;
      await client.query(drop);
    }
  });
}

/** SQLSTATE insufficient_privilege. */
const INSUFFICIENT_PRIVILEGE = '42501';

async function withAdminClient<T>(url: string, use: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  try {
    await client.connect();
  } catch (cause) {
    const reason = cause instanceof Error ? cause.message : String(cause);
    throw new Error(`Could not connect to the test PostgreSQL server ${redact(url)}: ${reason}`, {
      cause,
    });
  }
  try {
    return await use(client);
  } finally {
    await client.end();
  }
}

/** The URL without its password, fit for an error message. */
function redact(url: string): string {
  const parsed = new URL(url);
  if (parsed.password) parsed.password = '***';
  return parsed.toString();
}
