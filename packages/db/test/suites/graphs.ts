import { isOrchestratorError } from '@beluga/orchestration';
import { expect, it } from 'vitest';
import type { Database, GraphRecord } from '../../src/index.js';
import { createGraph, makeDocument, TEST_WORKSPACE, uniqueId } from '../fixtures.js';

/** Graph repository behaviour, the same on every backend. */
export function graphTests(database: () => Database): void {
  it('creates version 1 and reads it back', async () => {
    const db = database();
    const created = await createGraph(db, 3);
    expect(created).toMatchObject({ version: 1, createdBy: 'user-1', updatedBy: 'user-1' });
    expect(created.createdAt).toBeInstanceOf(Date);
    expect(await db.graphs.get(created.id)).toEqual(created);
    expect(await db.graphs.listVersions(created.id)).toEqual([
      {
        graphId: created.id,
        version: 1,
        message: '',
        author: 'user-1',
        createdAt: created.createdAt,
      },
    ]);
    expect(await db.graphs.get(uniqueId('missing'))).toBeUndefined();
  });

  it('refuses a duplicate id with INVALID_STATE and keeps the first graph', async () => {
    const db = database();
    const first = await createGraph(db);
    const again = db.graphs.create({
      id: first.id,
      workspaceId: TEST_WORKSPACE,
      name: 'other',
      description: '',
      document: makeDocument(first.id, 5),
      author: 'user-2',
    });
    const error: unknown = await again.catch((e: unknown) => e);
    expect(isOrchestratorError(error) && error.code).toBe('INVALID_STATE');
    expect(await db.graphs.get(first.id)).toEqual(first);
    expect(await db.graphs.listVersions(first.id)).toHaveLength(1);
  });

  it('lists newest first with keyset pagination, each graph once', async () => {
    const db = database();
    const mine: GraphRecord[] = [];
    for (let i = 0; i < 5; i++) mine.push(await createGraph(db, i));
    const seen = [];
    let before: { updatedAt: Date; id: string } | undefined;
    for (;;) {
      const page = await db.graphs.list({ workspaceId: TEST_WORKSPACE, limit: 2, before });
      if (page.length === 0) break;
      expect(page.length).toBeLessThanOrEqual(2);
      seen.push(...page);
      const last = page[page.length - 1]!;
      before = { updatedAt: last.updatedAt, id: last.id };
    }
    const ids = seen.map((g) => g.id);
    expect(new Set(ids).size).toBe(ids.length);
    for (let i = 1; i < seen.length; i++) {
      const [a, b] = [seen[i - 1]!, seen[i]!];
      const order = b.updatedAt.getTime() - a.updatedAt.getTime() || (b.id < a.id ? -1 : 1);
      expect(order).toBeLessThan(0);
    }
    const mineListed = seen.filter((g) => mine.some((m) => m.id === g.id));
    expect(mineListed.map((g) => g.id)).toEqual(
      [...mine]
        .sort((a, b) => b.updatedAt.getTime() - a.updatedAt.getTime() || (b.id < a.id ? -1 : 1))
        .map((g) => g.id),
    );
    expect(mineListed.find((g) => g.id === mine[3]!.id)).toEqual({
      id: mine[3]!.id,
      workspaceId: TEST_WORKSPACE,
      sharedAccess: null,
      name: mine[3]!.name,
      description: 'made by a test',
      version: 1,
      nodeCount: 3,
      updatedAt: mine[3]!.updatedAt,
      updatedBy: 'user-1',
    });
  });

  it('updates from the current version and keeps every version immutable', async () => {
    const db = database();
    const graph = await createGraph(db, 1);
    const v2doc = makeDocument(graph.id, 4);
    const result = await db.graphs.update({
      id: graph.id,
      baseVersion: 1,
      document: v2doc,
      name: 'Renamed',
      description: 'second',
      author: 'user-2',
      message: 'four nodes',
    });
    if (!result.ok) throw new Error(`update failed: ${result.reason}`);
    expect(result.graph).toMatchObject({ version: 2, name: 'Renamed', updatedBy: 'user-2' });
    expect(result.graph.createdAt).toEqual(graph.createdAt);
    expect(await db.graphs.get(graph.id)).toEqual(result.graph);
    const versions = await db.graphs.listVersions(graph.id);
    expect(versions.map((v) => [v.version, v.message, v.author])).toEqual([
      [2, 'four nodes', 'user-2'],
      [1, '', 'user-1'],
    ]);
    expect((await db.graphs.getVersion(graph.id, 1))?.document).toEqual(graph.document);
    expect((await db.graphs.getVersion(graph.id, 2))?.document).toEqual(v2doc);
    expect(await db.graphs.getVersion(graph.id, 3)).toBeUndefined();
    expect(
      (await db.graphs.list({ workspaceId: TEST_WORKSPACE, limit: 1000 })).find(
        (g) => g.id === graph.id,
      )?.nodeCount,
    ).toBe(4);
  });

  it('answers a stale base with a conflict and the current record, changing nothing', async () => {
    const db = database();
    const graph = await createGraph(db);
    const update = { id: graph.id, name: 'n', description: 'd', author: 'user-2' };
    const won = await db.graphs.update({
      ...update,
      baseVersion: 1,
      document: makeDocument(graph.id, 3),
    });
    expect(won.ok).toBe(true);
    const stale = await db.graphs.update({
      ...update,
      baseVersion: 1,
      document: makeDocument(graph.id, 9),
    });
    const current = await db.graphs.get(graph.id);
    expect(stale).toEqual({ ok: false, reason: 'conflict', current });
    expect(current?.version).toBe(2);
    expect(current?.document.nodes).toHaveLength(3);
    expect(await db.graphs.listVersions(graph.id)).toHaveLength(2);
  });

  it('answers an update of a missing graph with not_found', async () => {
    const db = database();
    const id = uniqueId('missing');
    const result = await db.graphs.update({
      id,
      baseVersion: 1,
      document: makeDocument(id),
      name: 'x',
      description: '',
      author: 'user-1',
    });
    expect(result).toEqual({ ok: false, reason: 'not_found' });
    expect(await db.graphs.get(id)).toBeUndefined();
  });

  it('deletes a graph with its versions, and says whether there was one', async () => {
    const db = database();
    const graph = await createGraph(db);
    expect(await db.graphs.delete(graph.id)).toBe(true);
    expect(await db.graphs.get(graph.id)).toBeUndefined();
    expect(await db.graphs.listVersions(graph.id)).toEqual([]);
    expect(await db.graphs.getVersion(graph.id, 1)).toBeUndefined();
    expect(await db.graphs.delete(graph.id)).toBe(false);
    // The id is free again: a new graph starts over at version 1.
    const again = await db.graphs.create({ ...graph, author: 'user-3' });
    expect(again.version).toBe(1);
  });

  it("knows a graph's current version without reading its document", async () => {
    const db = database();
    const graph = await createGraph(db);
    expect(await db.graphs.currentVersion(graph.id)).toBe(1);
    const updated = await db.graphs.update({
      id: graph.id,
      baseVersion: 1,
      document: makeDocument(graph.id, 3),
      name: 'Renamed',
      description: 'second',
      author: 'user-2',
      message: 'three nodes',
    });
    expect(updated.ok).toBe(true);
    expect(await db.graphs.currentVersion(graph.id)).toBe(2);
    expect(await db.graphs.currentVersion('no-such-graph')).toBeUndefined();
  });
}
