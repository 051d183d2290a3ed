import { randomUUID } from 'node:crypto';
import type { GraphDocument } from '@beluga/graph';
import type { RunEvent } from '@beluga/orchestration';
import { schema, type CreateRunInput, type Database } from '../src/index.js';

/** A unique id for one test, so tests can share a database. */
export const uniqueId = (prefix: string): string => `${prefix}-${randomUUID()}`;

/** A valid graph document with `nodeCount` transform nodes in a chain. */
export function makeDocument(id: string, nodeCount = 2, config: Record<string, unknown> = {}) {
  const nodes = Array.from({ length: nodeCount }, (_, i) => ({
    id: `n${i}`,
    type: 'transform',
    position: { x: i * 100, y: 0 },
    config: { expression: `$.step${i}`, ...config },
    continueOnError: false,
  }));
  const edges = nodes.slice(1).map((node, i) => ({
    id: `e${i}`,
    source: `n${i}`,
    sourcePort: 'out',
    target: node.id,
    targetPort: 'in',
  }));
  return {
    format: 'beluga.graph/v1',
    id,
    name: `Graph ${id}`,
    description: '',
    nodes,
    edges,
    notes: [],
    settings: { maxWorkers: 16, defaultExecutor: 'local' },
  } as GraphDocument;
}

/** The workspace the suites' graphs and runs belong to, made by prepareWorkspace(). */
export const TEST_WORKSPACE = 'ws-test';

/** Adds a user row (as the auth library would on sign-up); returns its id. */
export async function addUser(db: Database, id = uniqueId('user'), name = `User ${id}`) {
  const now = new Date();
  await db.orm
    .insert(schema.users)
    .values({ id, name, email: `${id}@example.test`, createdAt: now, updatedAt: now })
    .onConflictDoNothing();
  return id;
}

/** The user `user-1` owning TEST_WORKSPACE; once per database. */
export async function prepareWorkspace(db: Database): Promise<void> {
  await addUser(db, 'user-1', 'User One');
  if (!(await db.teams.roleOf(TEST_WORKSPACE, 'user-1')))
    await db.teams.createWorkspace({ id: TEST_WORKSPACE, name: 'Tests', ownerId: 'user-1' });
}

/** Creates a graph with a fresh id; returns the record. */
export async function createGraph(db: Database, nodeCount = 2) {
  await prepareWorkspace(db);
  const id = uniqueId('graph');
  return db.graphs.create({
    id,
    workspaceId: TEST_WORKSPACE,
    name: `Graph ${id}`,
    description: 'made by a test',
    document: makeDocument(id, nodeCount),
    author: 'user-1',
  });
}

export function runInput(overrides: Partial<CreateRunInput> = {}): CreateRunInput {
  return {
    id: uniqueId('run'),
    workspaceId: TEST_WORKSPACE,
    graphId: 'graph-x',
    graphVersion: 1,
    graphName: 'Graph X',
    executor: 'local',
    input: { question: 'why?' },
    startedBy: 'user-1',
    instanceId: 'instance-1',
    ...overrides,
  };
}

/** `count` node.progress events of one run, seq from `firstSeq`. */
export function makeEvents(runId: string, firstSeq: number, count: number): RunEvent[] {
  return Array.from({ length: count }, (_, i) => ({
    type: 'node.progress',
    runId,
    seq: firstSeq + i,
    ts: 1_700_000_000_000 + i,
    nodeId: `n${i % 7}`,
    attempt: 1,
    data: { chunk: `token ${i}` },
  }));
}

/** Resolves with the first payload a listener receives, or rejects after `ms`. */
export function nextPayload(
  db: Database,
  channel: string,
  ms = 5_000,
): Promise<{ payload: Promise<string>; stop: () => Promise<void> }> {
  let resolvePayload: (payload: string) => void = () => undefined;
  const payload = new Promise<string>((resolve, reject) => {
    resolvePayload = resolve;
    setTimeout(
      () => reject(new Error(`no notification on ${channel} within ${ms} ms`)),
      ms,
    ).unref();
  });
  return db.notifier.listen(channel, (p) => resolvePayload(p)).then((stop) => ({ payload, stop }));
}
