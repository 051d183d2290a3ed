import { exportGraphDocument, type GraphDocument } from '@beluga/graph';
import type { Database, GraphRecord } from '@beluga/db';
import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { graphProcedure, roleCan, workspaceProcedure } from '../access.js';
import { apiError, notFound } from '../errors.js';
import { CursorDateInput, IdInput, NameInput, textInput } from '../inputs.js';
import { router } from '../trpc.js';
import { announceSave } from '../presence/presenceOf.js';
import { readDocument, validationOf } from './documents.js';

const MessageInput = textInput(0, 2000).default('');
const PageInput = z
  .object({
    limit: z.number().int().min(1).max(200).default(50),
    cursor: z.object({ updatedAt: CursorDateInput, id: IdInput }).optional(),
  })
  .default({ limit: 50 });

/** The workspace a copy goes to: one where the caller may edit graphs. */
async function editableWorkspace(
  ctx: { db: Database; user: { id: string } },
  workspaceId: string,
): Promise<string> {
  const role = await ctx.db.teams.roleOf(workspaceId, ctx.user.id);
  if (!role) throw notFound('Workspace', workspaceId);
  if (!roleCan(role, 'edit'))
    throw apiError({
      code: 'FORBIDDEN',
      errorCode: 'FORBIDDEN',
      message: `Your role in that workspace is ${role}: copying a graph into it needs the editor role or above`,
      details: { role, needed: 'editor' },
    });
  return workspaceId;
}

/** A graph's document always carries the graph's own id, name and description. */
function withIdentity(document: GraphDocument, id: string, name?: string): GraphDocument {
  return { ...document, id, ...(name === undefined ? {} : { name }) };
}

async function conflict(db: Database, current: GraphRecord) {
  const by = (await db.teams.userNames([current.updatedBy])).get(current.updatedBy) ?? 'someone';
  return apiError({
    code: 'CONFLICT',
    errorCode: 'CONFLICT',
    message: `Graph "${current.name}" was saved by ${by} (version ${current.version}) since you opened it`,
    details: {
      current: {
        ...current,
        createdAt: current.createdAt.toISOString(),
        updatedAt: current.updatedAt.toISOString(),
      },
    },
  });
}

const NEW_GRAPH_NODES = [
  {
    id: 'input',
    type: 'input',
    position: { x: 0, y: 0 },
    config: { fields: [] },
    continueOnError: false,
  },
  { id: 'output', type: 'output', position: { x: 400, y: 0 }, config: {}, continueOnError: false },
];

export const graphsRouter = router({
  /** The workspace's graphs and those shared with it. */
  list: workspaceProcedure('read')
    .input(PageInput)
    .query(({ ctx, input }) =>
      ctx.db.graphs.list({
        workspaceId: ctx.access.workspaceId,
        limit: input.limit,
        ...(input.cursor ? { before: input.cursor } : {}),
      }),
    ),

  get: graphProcedure('read').query(async ({ ctx, input }) => {
    const graph = await ctx.db.graphs.get(input.id);
    if (!graph) throw notFound('Graph', input.id);
    return graph;
  }),

  /**
   * What the caller may do with the graph: their role in its workspace (null when they reach it
   * only by a share) and the widest share of it with a workspace of theirs.
   */
  access: graphProcedure('read').query(async ({ ctx, input }) => {
    const found = await ctx.db.teams.graphAccess(input.id, ctx.user.id);
    return { role: found?.role ?? null, shared: found?.shared ?? null };
  }),

  create: workspaceProcedure('edit')
    .input(
      z.object({
        name: NameInput,
        description: textInput(0, 10_000).default(''),
      }),
    )
    .mutation(({ ctx, input }) => {
      const id = randomUUID();
      const document = readDocument(
        {
          format: 'beluga.graph/v1',
          id,
          name: input.name,
          description: input.description,
          nodes: NEW_GRAPH_NODES,
          edges: [{ id: 'input-output', source: 'input', target: 'output' }],
        },
        ctx.limits,
      );
      return ctx.db.graphs.create({
        id,
        workspaceId: ctx.access.workspaceId,
        name: input.name,
        description: input.description,
        document,
        author: ctx.user.id,
        message: 'Created',
      });
    }),

  update: graphProcedure('edit')
    .input(
      z.object({
        baseVersion: z.number().int().min(1),
        document: z.unknown(),
        message: MessageInput,
      }),
    )
    .mutation(async ({ ctx, input }) => {
      const document = withIdentity(readDocument(input.document, ctx.limits), input.id);
      const result = await ctx.db.graphs.update({
        id: input.id,
        baseVersion: input.baseVersion,
        document,
        name: document.name,
        description: document.description,
        author: ctx.user.id,
        message: input.message,
      });
      if (result.ok) {
        await announceSave(ctx.db.notifier, {
          graphId: input.id,
          version: result.graph.version,
          userId: ctx.user.id,
          name: ctx.user.name,
        });
        return result.graph;
      }
      if (result.reason === 'not_found') throw notFound('Graph', input.id);
      throw await conflict(ctx.db, result.current);
    }),

  delete: graphProcedure('edit').mutation(async ({ ctx, input }) => {
    const graph = await ctx.db.graphs.get(input.id);
    if (!graph || !(await ctx.db.graphs.delete(input.id))) throw notFound('Graph', input.id);
    await ctx.audit({
      workspaceId: graph.workspaceId,
      action: 'graph.delete',
      targetType: 'graph',
      targetId: input.id,
      details: { name: graph.name, version: graph.version },
    });
    return { id: input.id, deleted: true };
  }),

  /** A copy in a workspace where the caller may edit (default: the graph's own). */
  duplicate: graphProcedure('read')
    .input(z.object({ name: NameInput.optional(), workspaceId: IdInput.optional() }))
    .mutation(async ({ ctx, input }) => {
      const source = await ctx.db.graphs.get(input.id);
      if (!source) throw notFound('Graph', input.id);
      const id = randomUUID();
      const name = input.name ?? `${source.name} (copy)`.slice(0, 200);
      const document = withIdentity(source.document, id, name);
      const workspaceId = await editableWorkspace(ctx, input.workspaceId ?? source.workspaceId);
      return ctx.db.graphs.create({
        id,
        workspaceId,
        name,
        description: source.description,
        document,
        author: ctx.user.id,
        message: `Duplicated from "${source.name}" v${source.version}`,
      });
    }),

  /** Saves an exported document as a new graph; the report tells what still needs fixing. */
  import: workspaceProcedure('edit')
    .input(z.object({ document: z.unknown(), name: NameInput.optional() }))
    .mutation(async ({ ctx, input }) => {
      const id = randomUUID();
      const imported = readDocument(input.document, ctx.limits);
      const document = withIdentity(imported, id, input.name);
      const graph = await ctx.db.graphs.create({
        id,
        workspaceId: ctx.access.workspaceId,
        name: document.name,
        description: document.description,
        document,
        author: ctx.user.id,
        message: 'Imported',
      });
      const { problems, plan } = validationOf(document, ctx.registry);
      return { graph, validation: { valid: problems.length === 0, problems, plan } };
    }),

  /** The canonical JSON of a graph (or one of its versions), ready to save as a file. */
  export: graphProcedure('read')
    .input(z.object({ version: z.number().int().min(1).optional() }))
    .query(async ({ ctx, input }) => {
      const source =
        input.version === undefined
          ? await ctx.db.graphs.get(input.id)
          : await ctx.db.graphs.getVersion(input.id, input.version);
      if (!source)
        throw notFound(
          input.version === undefined ? 'Graph' : `Version ${input.version} of graph`,
          input.id,
        );
      const slug =
        source.document.name
          .toLowerCase()
          .replace(/[^a-z0-9]+/g, '-')
          .replace(/^-|-$/g, '') || 'graph';
      return { fileName: `${slug}.beluga.json`, json: exportGraphDocument(source.document) };
    }),
});

export const versionsRouter = router({
  /** Newest first, each with its author's name. */
  list: graphProcedure('read', 'graphId').query(async ({ ctx, input }) => {
    const versions = await ctx.db.graphs.listVersions(input.graphId);
    const names = await ctx.db.teams.userNames(versions.map((version) => version.author));
    return versions.map((version) => ({
      ...version,
      authorName: names.get(version.author) ?? null,
    }));
  }),

  get: graphProcedure('read', 'graphId')
    .input(z.object({ version: z.number().int().min(1) }))
    .query(async ({ ctx, input }) => {
      const version = await ctx.db.graphs.getVersion(input.graphId, input.version);
      if (!version) throw notFound(`Version ${input.version} of graph`, input.graphId);
      return version;
    }),

  /** Makes an old version current again, as a new version (history is never rewritten). */
  restore: graphProcedure('edit', 'graphId')
    .input(
      z.object({
        version: z.number().int().min(1),
        baseVersion: z.number().int().min(1),
      }),
    )
    .mutation(async ({ ctx, input }) => {
      const old = await ctx.db.graphs.getVersion(input.graphId, input.version);
      if (!old) throw notFound(`Version ${input.version} of graph`, input.graphId);
      const result = await ctx.db.graphs.update({
        id: input.graphId,
        baseVersion: input.baseVersion,
        document: old.document,
        name: old.document.name,
        description: old.document.description,
        author: ctx.user.id,
        message: `Restored version ${input.version}`,
      });
      if (result.ok) {
        await announceSave(ctx.db.notifier, {
          graphId: input.graphId,
          version: result.graph.version,
          userId: ctx.user.id,
          name: ctx.user.name,
        });
        return result.graph;
      }
      if (result.reason === 'not_found') throw notFound('Graph', input.graphId);
      throw await conflict(ctx.db, result.current);
    }),
});
