import type { GraphDocument } from '@beluga/graph';
import { and, desc, eq, isNotNull, or, sql } from 'drizzle-orm';
import type { Db } from './db.js';
import { duplicateError, isUniqueViolation, pageSize } from './errors.js';
import { graphShares, graphs, graphVersions } from './schema.js';
import type {
  CreateGraphInput,
  GraphRecord,
  GraphRepository,
  GraphSummary,
  GraphVersionRecord,
  GraphVersionSummary,
  UpdateGraphInput,
  UpdateGraphResult,
} from './types.js';

type GraphRow = typeof graphs.$inferSelect;

function toRecord(row: GraphRow): GraphRecord {
  const { nodeCount: _nodeCount, ...record } = row;
  return { ...record, document: row.document as GraphDocument };
}

const summaryColumns = {
  id: graphs.id,
  workspaceId: graphs.workspaceId,
  name: graphs.name,
  description: graphs.description,
  version: graphs.version,
  nodeCount: graphs.nodeCount,
  updatedAt: graphs.updatedAt,
  updatedBy: graphs.updatedBy,
};

const versionSummaryColumns = {
  graphId: graphVersions.graphId,
  version: graphVersions.version,
  message: graphVersions.message,
  author: graphVersions.author,
  createdAt: graphVersions.createdAt,
};

/** The graph repository over drizzle (see {@link GraphRepository}). */
export function createGraphRepository(db: Db): GraphRepository {
  const get = async (id: string): Promise<GraphRecord | undefined> => {
    const [row] = await db.select().from(graphs).where(eq(graphs.id, id));
    return row && toRecord(row);
  };

  return {
    async list(options): Promise<GraphSummary[]> {
      const { before, workspaceId } = options;
      const rows = await db
        .select({ ...summaryColumns, sharedAccess: graphShares.access })
        .from(graphs)
        .leftJoin(
          graphShares,
          and(eq(graphShares.graphId, graphs.id), eq(graphShares.workspaceId, workspaceId)),
        )
        .where(
          and(
            // The workspace's own graphs and those shared with it.
            or(eq(graphs.workspaceId, workspaceId), isNotNull(graphShares.access)),
            before &&
              sql`(${graphs.updatedAt}, ${graphs.id}) < (${before.updatedAt.toISOString()}::timestamptz, ${before.id})`,
          ),
        )
        .orderBy(desc(graphs.updatedAt), desc(graphs.id))
        .limit(pageSize(options.limit, 100, 1000));
      return rows.map((row) => ({
        ...row,
        sharedAccess:
          row.workspaceId === workspaceId ? null : (row.sharedAccess as 'viewer' | 'editor'),
      }));
    },

    get,

    async currentVersion(id: string): Promise<number | undefined> {
      const [row] = await db
        .select({ version: graphs.version })
        .from(graphs)
        .where(eq(graphs.id, id));
      return row?.version;
    },

    async create(input: CreateGraphInput): Promise<GraphRecord> {
      const now = new Date();
      try {
        return await db.transaction(async (tx) => {
          const [row] = await tx
            .insert(graphs)
            .values({
              id: input.id,
              workspaceId: input.workspaceId,
              name: input.name,
              description: input.description,
              version: 1,
              document: input.document,
              nodeCount: input.document.nodes.length,
              createdAt: now,
              updatedAt: now,
              createdBy: input.author,
              updatedBy: input.author,
            })
            .returning();
          await tx.insert(graphVersions).values({
            graphId: input.id,
            version: 1,
            document: input.document,
            message: input.message ?? '',
            author: input.author,
            createdAt: now,
          });
          return toRecord(row!);
        });
      } catch (error) {
        if (!isUniqueViolation(error)) throw error;
        throw duplicateError(
          'graphs.create',
          `A graph with id "${input.id}" already exists.`,
          error,
        );
      }
    },

    async update(input: UpdateGraphInput): Promise<UpdateGraphResult> {
      const now = new Date();
      const result = await db.transaction(async (tx) => {
        // The version condition makes this a compare-and-set: a concurrent update from the same
        // base waits for the row lock, then finds the version moved on and matches nothing.
        const [row] = await tx
          .update(graphs)
          .set({
            name: input.name,
            description: input.description,
            version: sql`${graphs.version} + 1`,
            document: input.document,
            nodeCount: input.document.nodes.length,
            updatedAt: now,
            updatedBy: input.author,
          })
          .where(and(eq(graphs.id, input.id), eq(graphs.version, input.baseVersion)))
          .returning();
        if (!row) return undefined;
        await tx.insert(graphVersions).values({
          graphId: row.id,
          version: row.version,
          document: input.document,
          message: input.message ?? '',
          author: input.author,
          createdAt: now,
        });
        return toRecord(row);
      });
      if (result) return { ok: true, graph: result };
      const current = await get(input.id);
      return current
        ? { ok: false, reason: 'conflict', current }
        : { ok: false, reason: 'not_found' };
    },

    async delete(id: string): Promise<boolean> {
      // graph_versions rows go with it (ON DELETE CASCADE).
      const deleted = await db.delete(graphs).where(eq(graphs.id, id)).returning({ id: graphs.id });
      return deleted.length > 0;
    },

    async listVersions(id: string): Promise<GraphVersionSummary[]> {
      return db
        .select(versionSummaryColumns)
        .from(graphVersions)
        .where(eq(graphVersions.graphId, id))
        .orderBy(desc(graphVersions.version));
    },

    async getVersion(id: string, version: number): Promise<GraphVersionRecord | undefined> {
      const [row] = await db
        .select()
        .from(graphVersions)
        .where(and(eq(graphVersions.graphId, id), eq(graphVersions.version, version)));
      return row && { ...row, document: row.document as GraphDocument };
    },
  };
}
