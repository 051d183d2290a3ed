// The database schema, one PostgreSQL dialect for PGlite and PostgreSQL. `pnpm db:generate`
// turns changes into a new SQL migration in ../drizzle (commit it with the change).
//
// Ahead (not built yet): users, workspaces and credentials tables. Until then `created_by`,
// `updated_by`, `author` and `started_by` are plain text user ids; they become foreign keys to
// users(id) then, and graphs/runs gain a workspace_id.
import { sql } from 'drizzle-orm';
import {
  check,
  foreignKey,
  index,
  integer,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
} from 'drizzle-orm/pg-core';
import { jsonbValue } from './json.js';

// Indexes are ascending: a backward scan serves `ORDER BY x DESC, id DESC` (NULLS FIRST, the
// default) and the keyset condition `(x, id) < (...)`.
//
// Timestamps are always written from JavaScript Dates (millisecond precision), never now():
// keyset cursors are Dates, and a microsecond-precise value would not compare equal to them.
const timestamptz = (name: string) => timestamp(name, { withTimezone: true, mode: 'date' });

export const graphs = pgTable(
  'graphs',
  {
    id: text('id').primaryKey(),
    name: text('name').notNull(),
    description: text('description').notNull(),
    version: integer('version').notNull(),
    document: jsonbValue('document').notNull(),
    /** Kept beside the document so that listing graphs never reads documents. */
    nodeCount: integer('node_count').notNull(),
    createdAt: timestamptz('created_at').notNull(),
    updatedAt: timestamptz('updated_at').notNull(),
    createdBy: text('created_by').notNull(),
    updatedBy: text('updated_by').notNull(),
  },
  (t) => [index('graphs_updated_idx').on(t.updatedAt, t.id)],
);

export const graphVersions = pgTable(
  'graph_versions',
  {
    graphId: text('graph_id').notNull(),
    version: integer('version').notNull(),
    document: jsonbValue('document').notNull(),
    message: text('message').notNull(),
    author: text('author').notNull(),
    createdAt: timestamptz('created_at').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.graphId, t.version] }),
    foreignKey({ columns: [t.graphId], foreignColumns: [graphs.id] }).onDelete('cascade'),
  ],
);

/** Runs keep their rows when their graph is deleted: no foreign key to graphs. */
export const runs = pgTable(
  'runs',
  {
    id: text('id').primaryKey(),
    graphId: text('graph_id').notNull(),
    graphVersion: integer('graph_version').notNull(),
    graphName: text('graph_name').notNull(),
    executor: text('executor').notNull(),
    status: text('status').notNull(),
    input: jsonbValue('input'),
    output: jsonbValue('output'),
    error: jsonbValue('error'),
    startedBy: text('started_by').notNull(),
    instanceId: text('instance_id').notNull(),
    createdAt: timestamptz('created_at').notNull(),
    finishedAt: timestamptz('finished_at'),
    workflowId: text('workflow_id'),
    workflowRunId: text('workflow_run_id'),
    /** The owning server's last sign of life (database clock): see RunRepository.heartbeat(). */
    heartbeatAt: timestamptz('heartbeat_at').notNull().defaultNow(),
  },
  (t) => [
    check('runs_executor_check', sql`${t.executor} in ('local', 'temporal')`),
    check(
      'runs_status_check',
      sql`${t.status} in ('running', 'succeeded', 'failed', 'cancelled', 'interrupted')`,
    ),
    index('runs_created_idx').on(t.createdAt, t.id),
    index('runs_graph_created_idx').on(t.graphId, t.createdAt, t.id),
    index('runs_running_user_idx')
      .on(t.startedBy)
      .where(sql`${t.status} = 'running'`),
    index('runs_running_instance_idx')
      .on(t.instanceId)
      .where(sql`${t.status} = 'running'`),
  ],
);

/** The append-only event log: the whole RunEvent in `event`, keyed by run and seq. */
export const runEvents = pgTable(
  'run_events',
  {
    runId: text('run_id').notNull(),
    seq: integer('seq').notNull(),
    // The whole event; nothing queries inside it, so no column repeats its fields (each one
    // extracted on insert cost a third of the write rate).
    event: jsonbValue('event').notNull(),
    /** Set by writers that may append the same event twice (Temporal's): see appendKeyed(). */
    key: text('key'),
  },
  (t) => [
    // The primary key (run_id, seq) is also the index of list(runId, afterSeq).
    primaryKey({ columns: [t.runId, t.seq] }),
    // Partial: the local executor's events (no key) cost no extra index entry.
    uniqueIndex('run_events_key_idx')
      .on(t.runId, t.key)
      .where(sql`${t.key} is not null`),
    foreignKey({ columns: [t.runId], foreignColumns: [runs.id] }).onDelete('cascade'),
  ],
);
