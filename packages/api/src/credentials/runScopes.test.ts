import { openDatabase, schema, type Database } from '@beluga/db';
import { randomBytes, randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCredentialVault } from './credentialVault.js';
import { createRunScopes } from './runScopes.js';
import { scopedRunServices } from './scopedRunServices.js';

const key = randomBytes(32);
const vault = createCredentialVault(key);
const VALUE_A = 'sk-workspace-a-0123456789';
const OTHER_A = 'unused-but-secret-987654';
let db: Database;

async function workspace(): Promise<{ id: string; owner: string }> {
  const owner = `user-${randomUUID()}`;
  const now = new Date();
  await db.orm.insert(schema.users).values({
    id: owner,
    name: 'Owner',
    email: `${owner}@example.test`,
    createdAt: now,
    updatedAt: now,
  });
  const id = `ws-${randomUUID()}`;
  await db.teams.createWorkspace({ id, name: id, ownerId: owner });
  return { id, owner };
}

async function setCredential(workspaceId: string, name: string, value: string, actorId: string) {
  const secret = vault.seal({ workspaceId, name }, value);
  await db.credentials.set({ id: randomUUID(), workspaceId, name, secret, hint: '', actorId });
}

async function run(workspaceId: string, startedBy: string) {
  return db.runs.create({
    id: randomUUID(),
    workspaceId,
    graphId: 'g',
    graphVersion: 1,
    graphName: 'G',
    executor: 'temporal',
    input: null,
    startedBy,
    instanceId: 'test',
  });
}

let a: { id: string; owner: string };
let b: { id: string; owner: string };
beforeAll(async () => {
  db = await openDatabase({ dataDir: 'memory://' });
  a = await workspace();
  b = await workspace();
  await setCredential(a.id, 'openai', VALUE_A, a.owner);
  await setCredential(a.id, 'other', OTHER_A, a.owner);
});
afterAll(() => db.close());

describe('run scopes', () => {
  it("resolves the run's workspace credentials, and redacts all of them from what it writes", async () => {
    const scopes = createRunScopes({ db, key });
    const inA = await run(a.id, a.owner);
    const scope = await scopes.open(inA);
    expect(await scope.resolve('openai')).toBe(VALUE_A);
    expect(await scope.resolve('missing')).toBeUndefined();
    expect(scope.redact({ echo: `${VALUE_A} and ${OTHER_A}` })).toEqual({
      echo: '[redacted] and [redacted]',
    });
    // A subgraph of the run asks with its own run id.
    expect(await (await scopes.scopeOf(`${inA.id}/sub/inner`)).resolve('openai')).toBe(VALUE_A);
  });

  it("never resolves another workspace's credential, even by the same name", async () => {
    const scopes = createRunScopes({ db, key });
    const { resolveCredential } = scopedRunServices(db, scopes);
    const inB = await run(b.id, b.owner);
    expect(await resolveCredential('openai', { runId: inB.id })).toBeUndefined();
    expect((await scopes.scopeOf(inB.id)).redact(VALUE_A)).toBe(VALUE_A);
  });

  it('writes credential.use once per run and credential, as whoever started the run', async () => {
    const scopes = createRunScopes({ db, key });
    const first = await run(a.id, a.owner);
    const second = await run(a.id, a.owner);
    const { resolveCredential } = scopedRunServices(db, scopes);
    for (const runId of [first.id, first.id, `${first.id}/n1`, second.id])
      await resolveCredential('openai', { runId });
    // Another process (a worker) resolving for the same run adds nothing.
    await scopedRunServices(db, createRunScopes({ db, key })).resolveCredential('openai', {
      runId: first.id,
    });
    const uses = (await db.audit.list(a.id)).filter(
      (entry) =>
        entry.action === 'credential.use' &&
        [first.id, second.id].includes(entry.details?.runId as string),
    );
    expect(uses.map((entry) => [entry.details?.runId, entry.actorId]).sort()).toEqual(
      [
        [first.id, a.owner],
        [second.id, a.owner],
      ].sort(),
    );
  });

  it('reads a credential made after the run started, and redacts it from then on', async () => {
    const scopes = createRunScopes({ db, key });
    const scope = await scopes.open(await run(a.id, a.owner));
    await setCredential(a.id, 'late', 'late-value-123456', a.owner);
    expect(scope.redact('late-value-123456')).toBe('late-value-123456');
    expect(await scope.resolve('late')).toBe('late-value-123456');
    expect(scope.redact('late-value-123456')).toBe('[redacted]');
  });

  it('fails clearly without the key or with another one, naming only the credential', async () => {
    const inA = await run(a.id, a.owner);
    const keyless = await createRunScopes({ db, key: undefined }).scopeOf(inA.id);
    await expect(keyless.resolve('openai')).rejects.toThrow(
      `The credential "openai" cannot be read here: this process has no credentials key (set BELUGA_CREDENTIALS_KEY to the server's key)`,
    );
    const wrong = await createRunScopes({ db, key: randomBytes(32) }).scopeOf(inA.id);
    await expect(wrong.resolve('openai')).rejects.toThrow(
      /^The credential "openai" cannot be read: it was sealed with another key/,
    );
    expect(keyless.redact(VALUE_A)).toBe(VALUE_A);
  });

  it('refuses a run that is not stored, and subgraphs of another workspace', async () => {
    const scopes = createRunScopes({ db, key });
    const { resolveGraph } = scopedRunServices(db, scopes);
    await expect(scopes.scopeOf('no-such-run')).rejects.toThrow('Run "no-such-run" is not stored');
    const graphId = `graph-${randomUUID()}`;
    await db.graphs.create({
      id: graphId,
      workspaceId: a.id,
      name: 'A graph',
      description: '',
      author: a.owner,
      document: {
        format: 'beluga.graph/v1',
        id: graphId,
        name: 'A graph',
        description: '',
        nodes: [],
        edges: [],
        notes: [],
        settings: { maxWorkers: 16, defaultExecutor: 'local' },
      } as never,
    });
    const signal = new AbortController().signal;
    const inA = await run(a.id, a.owner);
    const inB = await run(b.id, b.owner);
    expect(await resolveGraph(graphId, { runId: inA.id, signal, from: [] })).toMatchObject({
      id: graphId,
    });
    await expect(resolveGraph(graphId, { runId: inB.id, signal, from: [] })).rejects.toMatchObject({
      code: 'NOT_FOUND',
      message: `Subgraph "${graphId}" is not a saved graph of this workspace`,
    });
  });
});
