import { exportGraphDocument } from '@beluga/graph';
import { exampleGraphs } from '@beluga/nodes';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  chainDocument,
  cyclicDocument,
  rejection,
  routingDocument,
  type Client,
} from './fixtures.js';
import {
  BACKENDS,
  startTestServer,
  testDatabase,
  trpcClient,
  type TestServer,
  TEST_USER,
  TEST_WORKSPACE,
} from './harness.js';

describe.each(BACKENDS)('graphs, versions, validate and catalog on %s', (backend) => {
  let server: TestServer;
  let client: Client;
  let drop: () => Promise<void>;
  beforeAll(async () => {
    const database = await testDatabase(backend);
    drop = database.drop;
    server = await startTestServer({ db: database.db });
    client = server.client;
  }, 60_000);
  afterAll(async () => {
    await server.stop();
    await drop();
  });

  /** A saved routing graph at version 2 (created, then its document saved). */
  async function savedRoutingGraph(name = 'Order routing') {
    const created = await client.graphs.create.mutate({
      workspaceId: TEST_WORKSPACE,
      name,
      description: 'Routes orders',
    });
    return client.graphs.update.mutate({
      id: created.id,
      baseVersion: created.version,
      document: { ...routingDocument(), name },
      message: 'Routing drawn',
    });
  }

  describe('catalog', () => {
    it('describes every built-in node type with ports, config JSON Schema and UI metadata', async () => {
      const catalog = await client.catalog.list.query();
      const types = catalog.map((entry) => entry.type);
      for (const type of ['input', 'transform', 'branch', 'merge', 'approval', 'delay', 'output'])
        expect(types).toContain(type);
      const branch = catalog.find((entry) => entry.type === 'branch');
      expect(branch?.inputs).toEqual([expect.objectContaining({ name: 'in' })]);
      expect(branch?.outputs.map((port) => port.name)).toEqual(['true', 'false']);
      expect(branch?.ui).toMatchObject({ title: 'Branch', category: 'Flow' });
      expect(branch?.configSchema).toMatchObject({ type: 'object', required: ['condition'] });
      expect(branch?.configSchema.properties).toHaveProperty('condition');
      expect(catalog.find((entry) => entry.type === 'input')?.role).toBe('input');
      expect(
        catalog.find((entry) => entry.type === 'approval')?.outputs.map((p) => p.name),
      ).toEqual(['approved', 'rejected', 'timeout']);
    });
  });

  describe('graphs', () => {
    it('creates a graph at version 1 with a runnable starter document, and gets it back', async () => {
      const created = await client.graphs.create.mutate({
        workspaceId: TEST_WORKSPACE,
        name: 'Invoices',
        description: 'Q3',
      });
      expect(created).toMatchObject({
        name: 'Invoices',
        description: 'Q3',
        version: 1,
        createdBy: server.userId,
        workspaceId: TEST_WORKSPACE,
      });
      expect(created.document).toMatchObject({ id: created.id, name: 'Invoices' });
      expect(created.document.nodes.map((n) => n.type)).toEqual(['input', 'output']);
      expect(await client.graphs.get.query({ id: created.id })).toEqual(created);
      const check = await client.validate.mutate({ document: created.document });
      expect(check.valid).toBe(true);
    });

    it('lists graphs newest first as summaries, page by page with a cursor', async () => {
      const made = [];
      for (const name of ['Page A', 'Page B', 'Page C'])
        made.push(await client.graphs.create.mutate({ workspaceId: TEST_WORKSPACE, name }));
      const all = await client.graphs.list.query({ workspaceId: TEST_WORKSPACE, limit: 200 });
      expect(all.slice(0, 3).map((g) => g.name)).toEqual(['Page C', 'Page B', 'Page A']);
      expect(all[0]).toMatchObject({ id: made[2]?.id, version: 1, nodeCount: 2 });
      expect(all[0]).not.toHaveProperty('document');
      const first = await client.graphs.list.query({ workspaceId: TEST_WORKSPACE, limit: 2 });
      const last = first.at(-1);
      const second = await client.graphs.list.query({
        workspaceId: TEST_WORKSPACE,
        limit: 2,
        cursor: { updatedAt: last?.updatedAt, id: last?.id ?? '' },
      });
      expect([...first, ...second].map((g) => g.id)).toEqual(all.slice(0, 4).map((g) => g.id));
    });

    it('saves a document as the next version, keeping the graph id and taking its name', async () => {
      const created = await client.graphs.create.mutate({
        workspaceId: TEST_WORKSPACE,
        name: 'Draft',
      });
      const document = { ...routingDocument(), id: 'some-other-id', name: 'Order routing v2' };
      const saved = await client.graphs.update.mutate({
        id: created.id,
        baseVersion: 1,
        document,
        message: 'Add routing',
      });
      expect(saved).toMatchObject({ id: created.id, version: 2, name: 'Order routing v2' });
      expect(saved.document.id).toBe(created.id);
      expect(saved.document.nodes.map((n) => n.id)).toEqual(document.nodes.map((n) => n.id));
      expect(await client.graphs.get.query({ id: created.id })).toEqual(saved);
    });

    it('refuses a stale base version with CONFLICT carrying the current graph, and keeps it', async () => {
      const current = await savedRoutingGraph('Stale edit');
      const error = await rejection(
        client.graphs.update.mutate({
          id: current.id,
          baseVersion: 1,
          document: { ...chainDocument(3), name: 'Overwrite' },
        }),
      );
      expect(error.data).toMatchObject({
        code: 'CONFLICT',
        httpStatus: 409,
        errorCode: 'CONFLICT',
      });
      expect(error.message).toMatch(/version 2/);
      expect(error.data?.details?.current).toMatchObject({ id: current.id, version: 2 });
      expect(await client.graphs.get.query({ id: current.id })).toEqual(current);
    });

    it('lets exactly one of two simultaneous saves from the same version win', async () => {
      const created = await client.graphs.create.mutate({
        workspaceId: TEST_WORKSPACE,
        name: 'Contested',
      });
      const other = trpcClient(server.url, server.cookie);
      const attempts = ['Alice edit', 'Bob edit'].map((name, i) =>
        (i === 0 ? client : other).graphs.update.mutate({
          id: created.id,
          baseVersion: 1,
          document: { ...routingDocument(), name },
        }),
      );
      const results = await Promise.allSettled(attempts);
      const won = results.filter((r) => r.status === 'fulfilled');
      const lost = results.filter((r) => r.status === 'rejected');
      expect(won).toHaveLength(1);
      expect(lost).toHaveLength(1);
      const winner = (won[0] as PromiseFulfilledResult<Awaited<(typeof attempts)[0]>>).value;
      const error = (lost[0] as PromiseRejectedResult).reason as Awaited<
        ReturnType<typeof rejection>
      >;
      expect(error.data).toMatchObject({ code: 'CONFLICT', errorCode: 'CONFLICT' });
      expect(error.data?.details?.current).toMatchObject({ version: 2, name: winner.name });
      const stored = await client.graphs.get.query({ id: created.id });
      expect(stored).toEqual(winner);
      expect(await client.versions.list.query({ graphId: created.id })).toHaveLength(2);
    });

    it('refuses an invalid document with every problem and its path, and keeps the graph', async () => {
      const current = await savedRoutingGraph('Bad save');
      const broken = { ...routingDocument(), nodes: [{ id: 'x', type: 'input' }] };
      const error = await rejection(
        client.graphs.update.mutate({ id: current.id, baseVersion: 2, document: broken }),
      );
      expect(error.data).toMatchObject({ code: 'BAD_REQUEST', errorCode: 'INVALID_DOCUMENT' });
      expect(error.data?.details?.problems).toContainEqual(
        expect.objectContaining({ code: 'SCHEMA_MISMATCH', path: 'nodes.0.position' }),
      );
      expect(await client.graphs.get.query({ id: current.id })).toEqual(current);
    });

    it('answers NOT_FOUND for an unknown graph on every graph procedure', async () => {
      const id = '00000000-0000-4000-8000-000000000000';
      const calls = [
        () => client.graphs.get.query({ id }),
        () => client.graphs.update.mutate({ id, baseVersion: 1, document: routingDocument() }),
        () => client.graphs.delete.mutate({ id }),
        () => client.graphs.duplicate.mutate({ id }),
        () => client.graphs.export.query({ id }),
        () => client.versions.list.query({ graphId: id }),
      ];
      for (const call of calls) {
        const error = await rejection(call());
        expect(error.data).toMatchObject({ code: 'NOT_FOUND', httpStatus: 404 });
        expect(error.data?.errorCode).toBe('NOT_FOUND');
        expect(error.message).toContain(id);
      }
      expect(
        (await client.graphs.list.query({ workspaceId: TEST_WORKSPACE, limit: 200 })).some(
          (graph) => graph.id === id,
        ),
      ).toBe(false);
    });

    it('deletes a graph with its versions; a second delete is NOT_FOUND', async () => {
      const graph = await savedRoutingGraph('Short-lived');
      expect(await client.graphs.delete.mutate({ id: graph.id })).toEqual({
        id: graph.id,
        deleted: true,
      });
      expect((await rejection(client.graphs.get.query({ id: graph.id }))).data?.code).toBe(
        'NOT_FOUND',
      );
      expect(
        (await rejection(client.versions.get.query({ graphId: graph.id, version: 1 }))).data?.code,
      ).toBe('NOT_FOUND');
      expect((await rejection(client.graphs.delete.mutate({ id: graph.id }))).data?.code).toBe(
        'NOT_FOUND',
      );
    });

    it('duplicates a graph as a new graph at version 1, leaving the source as it was', async () => {
      const source = await savedRoutingGraph('Template');
      const copy = await client.graphs.duplicate.mutate({ id: source.id });
      expect(copy).toMatchObject({ name: 'Template (copy)', version: 1 });
      expect(copy.id).not.toBe(source.id);
      expect(copy.document).toEqual({ ...source.document, id: copy.id, name: 'Template (copy)' });
      const named = await client.graphs.duplicate.mutate({ id: source.id, name: 'For Q4' });
      expect(named.document.name).toBe('For Q4');
      const [version] = await client.versions.list.query({ graphId: copy.id });
      expect(version?.message).toBe('Duplicated from "Template" v2');
      expect(await client.graphs.get.query({ id: source.id })).toEqual(source);
    });
  });

  describe('import and export', () => {
    it.each(exampleGraphs().map((example) => [example.file, example.document] as const))(
      'imports the example %s as a new valid graph with its plan',
      async (_file, document) => {
        const { graph, validation } = await client.graphs.import.mutate({
          workspaceId: TEST_WORKSPACE,
          document,
        });
        expect(graph.version).toBe(1);
        expect(graph.id).not.toBe(document.id);
        expect(graph.document).toEqual({ ...document, id: graph.id });
        expect(validation).toMatchObject({ valid: true, problems: [] });
        expect(validation.plan).toBeDefined();
      },
    );

    it('imports JSON text with a new name, and reports what still needs fixing', async () => {
      const text = JSON.stringify(cyclicDocument());
      const { graph, validation } = await client.graphs.import.mutate({
        workspaceId: TEST_WORKSPACE,
        document: text,
        name: 'Imported loop',
      });
      expect(graph).toMatchObject({ name: 'Imported loop', version: 1 });
      expect(validation.valid).toBe(false);
      expect(validation.problems).toContainEqual(expect.objectContaining({ code: 'CYCLE' }));
    });

    it('refuses malformed, unknown-format and polluting documents, storing nothing', async () => {
      const before = await client.graphs.list.query({ workspaceId: TEST_WORKSPACE, limit: 200 });
      const cases = [
        { document: '{"format": "beluga.graph/v1", "nodes": [', problem: 'DOCUMENT_MALFORMED' },
        { document: { ...routingDocument(), format: 'other/v9' }, problem: 'UNKNOWN_FORMAT' },
        {
          document: '{"format":"beluga.graph/v1","__proto__":{"admin":true}}',
          problem: 'FORBIDDEN_KEY',
        },
        { document: [routingDocument()], problem: 'SCHEMA_MISMATCH' },
      ];
      for (const { document, problem } of cases) {
        const error = await rejection(
          client.graphs.import.mutate({ workspaceId: TEST_WORKSPACE, document }),
        );
        expect(error.data).toMatchObject({ code: 'BAD_REQUEST', errorCode: 'INVALID_DOCUMENT' });
        expect(error.data?.details?.problems).toContainEqual(
          expect.objectContaining({ code: problem }),
        );
      }
      expect(await client.graphs.list.query({ workspaceId: TEST_WORKSPACE, limit: 200 })).toEqual(
        before,
      );
    });

    it('exports the canonical JSON of the stored document, which imports back equal', async () => {
      const graph = await savedRoutingGraph('Export me: Orders & Refunds');
      const exported = await client.graphs.export.query({ id: graph.id });
      expect(exported.fileName).toBe('export-me-orders-refunds.beluga.json');
      expect(exported.json).toBe(exportGraphDocument(graph.document));
      const { graph: again } = await client.graphs.import.mutate({
        workspaceId: TEST_WORKSPACE,
        document: exported.json,
      });
      expect(again.document).toEqual({ ...graph.document, id: again.id });
      const reExported = await client.graphs.export.query({ id: again.id });
      expect(reExported.json).toBe(exported.json.replace(graph.id, again.id));
    });

    it('exports an earlier version, and NOT_FOUND for one that does not exist', async () => {
      const graph = await savedRoutingGraph('Versioned export');
      const first = await client.versions.get.query({ graphId: graph.id, version: 1 });
      const exported = await client.graphs.export.query({ id: graph.id, version: 1 });
      expect(exported.json).toBe(exportGraphDocument(first.document));
      const error = await rejection(client.graphs.export.query({ id: graph.id, version: 9 }));
      expect(error.data).toMatchObject({ code: 'NOT_FOUND', errorCode: 'NOT_FOUND' });
    });
  });

  describe('versions', () => {
    it('keeps every save as an immutable version, newest first', async () => {
      const graph = await savedRoutingGraph('History');
      const versions = await client.versions.list.query({ graphId: graph.id });
      expect(versions.map((v) => [v.version, v.message, v.author, v.authorName])).toEqual([
        [2, 'Routing drawn', server.userId, TEST_USER.name],
        [1, 'Created', server.userId, TEST_USER.name],
      ]);
      expect(versions[0]).not.toHaveProperty('document');
      const second = await client.versions.get.query({ graphId: graph.id, version: 2 });
      expect(second.document).toEqual(graph.document);
      const first = await client.versions.get.query({ graphId: graph.id, version: 1 });
      expect(first.document.nodes.map((n) => n.type)).toEqual(['input', 'output']);
    });

    it('restores an old version as a new one, history untouched', async () => {
      const graph = await savedRoutingGraph('Restorable');
      const first = await client.versions.get.query({ graphId: graph.id, version: 1 });
      const restored = await client.versions.restore.mutate({
        graphId: graph.id,
        version: 1,
        baseVersion: 2,
      });
      expect(restored.version).toBe(3);
      expect(restored.document).toEqual(first.document);
      expect(await client.graphs.get.query({ id: graph.id })).toEqual(restored);
      const versions = await client.versions.list.query({ graphId: graph.id });
      expect(versions.map((v) => v.message)).toEqual([
        'Restored version 1',
        'Routing drawn',
        'Created',
      ]);
      expect((await client.versions.get.query({ graphId: graph.id, version: 2 })).document).toEqual(
        graph.document,
      );
    });

    it('refuses a restore from a stale version or of a missing one, and keeps the graph', async () => {
      const graph = await savedRoutingGraph('Restore refused');
      const stale = await rejection(
        client.versions.restore.mutate({ graphId: graph.id, version: 1, baseVersion: 1 }),
      );
      expect(stale.data).toMatchObject({ code: 'CONFLICT', errorCode: 'CONFLICT' });
      expect(stale.data?.details?.current).toMatchObject({ version: 2 });
      const missing = await rejection(
        client.versions.restore.mutate({ graphId: graph.id, version: 7, baseVersion: 2 }),
      );
      expect(missing.data).toMatchObject({ code: 'NOT_FOUND', errorCode: 'NOT_FOUND' });
      expect(missing.message).toMatch(/Version 7/);
      expect(await client.graphs.get.query({ id: graph.id })).toEqual(graph);
      expect(await client.versions.list.query({ graphId: graph.id })).toHaveLength(2);
    });
  });

  describe('validate', () => {
    it('gives an unsaved valid document no problems and its plan', async () => {
      const result = await client.validate.mutate({ document: routingDocument() });
      expect(result.problems).toEqual([]);
      expect(result.valid).toBe(true);
      expect(result.plan).toBeDefined();
    });

    it('lists every problem of a broken document, each pointing at its node or field', async () => {
      const document = routingDocument();
      document.nodes.push({ id: 'mystery', type: 'quantum.compute', position: { x: 0, y: 0 } });
      const price = document.nodes.find((n) => n.id === 'price');
      if (price) price.config = { expression: 42 };
      const result = await client.validate.mutate({ document });
      expect(result.valid).toBe(false);
      expect(result.problems).toContainEqual(
        expect.objectContaining({ code: 'UNKNOWN_NODE_TYPE', nodeId: 'mystery' }),
      );
      expect(result.problems).toContainEqual(
        expect.objectContaining({
          code: 'INVALID_CONFIG',
          nodeId: 'price',
          field: 'config.expression',
        }),
      );
    });

    it('reports a cycle with the nodes around it and no plan', async () => {
      const result = await client.validate.mutate({ document: cyclicDocument() });
      const cycle = result.problems.find((problem) => problem.code === 'CYCLE');
      expect(cycle?.path).toEqual(expect.arrayContaining(['check', 'fix']));
      expect(result.plan).toBeUndefined();
    });

    it('refuses something that is not a graph document', async () => {
      const error = await rejection(client.validate.mutate({ document: { hello: 'world' } }));
      expect(error.data).toMatchObject({ code: 'BAD_REQUEST', errorCode: 'INVALID_DOCUMENT' });
    });
  });

  describe('graph size cap', () => {
    let small: TestServer;
    beforeAll(async () => {
      small = await startTestServer({ db: server.db, limits: { maxGraphNodes: 50 } });
    });
    afterAll(() => small.stop());

    it('accepts 50 nodes and refuses 51 with PAYLOAD_TOO_LARGE on save, import and validate', async () => {
      const graph = await small.client.graphs.create.mutate({
        workspaceId: TEST_WORKSPACE,
        name: 'Big',
      });
      const fifty = await small.client.graphs.update.mutate({
        id: graph.id,
        baseVersion: 1,
        document: chainDocument(50),
      });
      expect(fifty.document.nodes).toHaveLength(50);
      const document = chainDocument(51);
      const before = await small.client.graphs.list.query({
        workspaceId: TEST_WORKSPACE,
        limit: 200,
      });
      const calls = [
        () => small.client.graphs.update.mutate({ id: graph.id, baseVersion: 2, document }),
        () => small.client.graphs.import.mutate({ workspaceId: TEST_WORKSPACE, document }),
        () => small.client.validate.mutate({ document }),
      ];
      for (const call of calls) {
        const error = await rejection(call());
        expect(error.data).toMatchObject({
          code: 'PAYLOAD_TOO_LARGE',
          httpStatus: 413,
          errorCode: 'GRAPH_TOO_LARGE',
          field: 'nodes',
        });
        expect(error.message).toMatch(/51 nodes.*at most 50/);
      }
      expect(await small.client.graphs.get.query({ id: graph.id })).toEqual(fifty);
      expect(
        await small.client.graphs.list.query({ workspaceId: TEST_WORKSPACE, limit: 200 }),
      ).toEqual(before);
    });
  });
});
