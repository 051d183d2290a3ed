// The database schema, one PostgreSQL dialect for PGlite and PostgreSQL. `pnpm db:generate`
// turns changes into a new SQL migration in ../drizzle (commit it with the change).
//
// Accounts (users, sessions, accounts, verifications, api_keys, rate_limits) have the shape
// better-auth's drizzle adapter reads; the server's auth module maps its models onto them.
// `created_by`, `updated_by`, `author` and `started_by` stay plain text user ids: history keeps
// naming a user who has left. Graphs, runs and credentials belong to a workspace.
import { sql } from 'drizzle-orm';
import {
  bigint,
  boolean,
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

export const users = pgTable('users', {
  id: text('id').primaryKey(),
  name: text('name').notNull(),
  email: text('email').notNull().unique(),
  emailVerified: boolean('email_verified').notNull().default(false),
  image: text('image'),
  createdAt: timestamptz('created_at').notNull(),
  updatedAt: timestamptz('updated_at').notNull(),
});

export const sessions = pgTable(
  'sessions',
  {
    id: text('id').primaryKey(),
    expiresAt: timestamptz('expires_at').notNull(),
    token: text('token').notNull().unique(),
    createdAt: timestamptz('created_at').notNull(),
    updatedAt: timestamptz('updated_at').notNull(),
    ipAddress: text('ip_address'),
    userAgent: text('user_agent'),
    userId: text('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
  },
  (t) => [index('sessions_user_idx').on(t.userId)],
);

/** Sign-in methods of a user; `password` holds the scrypt hash of an email account. */
export const accounts = pgTable(
  'accounts',
  {
    id: text('id').primaryKey(),
    accountId: text('account_id').notNull(),
    providerId: text('provider_id').notNull(),
    userId: text('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    accessToken: text('access_token'),
    refreshToken: text('refresh_token'),
    idToken: text('id_token'),
    accessTokenExpiresAt: timestamptz('access_token_expires_at'),
    refreshTokenExpiresAt: timestamptz('refresh_token_expires_at'),
    scope: text('scope'),
    password: text('password'),
    createdAt: timestamptz('created_at').notNull(),
    updatedAt: timestamptz('updated_at').notNull(),
  },
  (t) => [index('accounts_user_idx').on(t.userId)],
);

export const verifications = pgTable(
  'verifications',
  {
    id: text('id').primaryKey(),
    identifier: text('identifier').notNull(),
    value: text('value').notNull(),
    expiresAt: timestamptz('expires_at').notNull(),
    createdAt: timestamptz('created_at').notNull(),
    updatedAt: timestamptz('updated_at').notNull(),
  },
  (t) => [index('verifications_identifier_idx').on(t.identifier)],
);

/** API tokens (better-auth's api-key plugin): only a hash of the key is stored. */
export const apiKeys = pgTable(
  'api_keys',
  {
    id: text('id').primaryKey(),
    configId: text('config_id').notNull().default('default'),
    name: text('name'),
    start: text('start'),
    referenceId: text('reference_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    prefix: text('prefix'),
    key: text('key').notNull(),
    refillInterval: integer('refill_interval'),
    refillAmount: integer('refill_amount'),
    lastRefillAt: timestamptz('last_refill_at'),
    enabled: boolean('enabled').default(true),
    rateLimitEnabled: boolean('rate_limit_enabled').default(true),
    rateLimitTimeWindow: integer('rate_limit_time_window'),
    rateLimitMax: integer('rate_limit_max'),
    requestCount: integer('request_count').default(0),
    remaining: integer('remaining'),
    lastRequest: timestamptz('last_request'),
    expiresAt: timestamptz('expires_at'),
    createdAt: timestamptz('created_at').notNull(),
    updatedAt: timestamptz('updated_at').notNull(),
    permissions: text('permissions'),
    metadata: text('metadata'),
  },
  (t) => [index('api_keys_key_idx').on(t.key), index('api_keys_reference_idx').on(t.referenceId)],
);

/** Request counts of rate-limited auth endpoints, shared by every server on the database. */
export const rateLimits = pgTable('rate_limits', {
  id: text('id').primaryKey(),
  key: text('key').notNull().unique(),
  count: integer('count').notNull(),
  lastRequest: bigint('last_request', { mode: 'number' }).notNull(),
});

/** One row: the account that owns this instance (the first one signed up). */
export const instance = pgTable(
  'instance',
  {
    id: integer('id').primaryKey(),
    ownerId: text('owner_id').references(() => users.id, { onDelete: 'set null' }),
    createdAt: timestamptz('created_at').notNull(),
  },
  (t) => [check('instance_single_row', sql`${t.id} = 1`)],
);

/** Secrets the servers sharing this database must agree on (the session cookies' key). */
export const instanceSecrets = pgTable('instance_secrets', {
  name: text('name').primaryKey(),
  value: text('value').notNull(),
  createdAt: timestamptz('created_at').notNull(),
});

export const workspaces = pgTable('workspaces', {
  id: text('id').primaryKey(),
  name: text('name').notNull(),
  createdAt: timestamptz('created_at').notNull(),
  createdBy: text('created_by').notNull(),
});

export const WORKSPACE_ROLES = ['owner', 'admin', 'editor', 'runner', 'viewer'] as const;

export const workspaceMembers = pgTable(
  'workspace_members',
  {
    workspaceId: text('workspace_id')
      .notNull()
      .references(() => workspaces.id, { onDelete: 'cascade' }),
    userId: text('user_id')
      .notNull()
      .references(() => users.id, { onDelete: 'cascade' }),
    role: text('role').notNull(),
    createdAt: timestamptz('created_at').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.workspaceId, t.userId] }),
    index('workspace_members_user_idx').on(t.userId),
    check(
      'workspace_members_role_check',
      sql`${t.role} in ('owner', 'admin', 'editor', 'runner', 'viewer')`,
    ),
  ],
);

/** An invitation to a workspace; only a SHA-256 of its token is stored. */
export const invitations = pgTable(
  'invitations',
  {
    id: text('id').primaryKey(),
    workspaceId: text('workspace_id')
      .notNull()
      .references(() => workspaces.id, { onDelete: 'cascade' }),
    email: text('email').notNull(),
    role: text('role').notNull(),
    tokenHash: text('token_hash').notNull().unique(),
    invitedBy: text('invited_by').notNull(),
    createdAt: timestamptz('created_at').notNull(),
    expiresAt: timestamptz('expires_at').notNull(),
    acceptedAt: timestamptz('accepted_at'),
    acceptedBy: text('accepted_by'),
    revokedAt: timestamptz('revoked_at'),
  },
  (t) => [
    index('invitations_workspace_idx').on(t.workspaceId),
    check('invitations_role_check', sql`${t.role} in ('admin', 'editor', 'runner', 'viewer')`),
  ],
);

/** A workspace's secret, encrypted with AES-256-GCM; the value never leaves the server. */
export const credentials = pgTable(
  'credentials',
  {
    id: text('id').primaryKey(),
    workspaceId: text('workspace_id')
      .notNull()
      .references(() => workspaces.id, { onDelete: 'cascade' }),
    name: text('name').notNull(),
    /** `v1:<iv>:<tag>:<ciphertext>`, base64 parts; the workspace and name are its AAD. */
    secret: text('secret').notNull(),
    /** The first characters a user may see to tell two values apart, or empty. */
    hint: text('hint').notNull().default(''),
    createdAt: timestamptz('created_at').notNull(),
    createdBy: text('created_by').notNull(),
    updatedAt: timestamptz('updated_at').notNull(),
    updatedBy: text('updated_by').notNull(),
  },
  (t) => [uniqueIndex('credentials_workspace_name_idx').on(t.workspaceId, t.name)],
);

/** Who changed what that matters: sharing, roles, credentials, deletes. Append-only. */
export const auditLog = pgTable(
  'audit_log',
  {
    id: text('id').primaryKey(),
    workspaceId: text('workspace_id').notNull(),
    actorId: text('actor_id').notNull(),
    action: text('action').notNull(),
    targetType: text('target_type').notNull(),
    targetId: text('target_id').notNull(),
    details: jsonbValue('details'),
    createdAt: timestamptz('created_at').notNull(),
  },
  (t) => [index('audit_log_workspace_idx').on(t.workspaceId, t.createdAt, t.id)],
);

export const graphs = pgTable(
  'graphs',
  {
    id: text('id').primaryKey(),
    workspaceId: text('workspace_id')
      .notNull()
      .references(() => workspaces.id, { onDelete: 'cascade' }),
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
  (t) => [
    index('graphs_updated_idx').on(t.updatedAt, t.id),
    index('graphs_workspace_updated_idx').on(t.workspaceId, t.updatedAt, t.id),
  ],
);

/** A graph shared with another workspace, read-only (`viewer`) or to edit (`editor`). */
export const graphShares = pgTable(
  'graph_shares',
  {
    graphId: text('graph_id')
      .notNull()
      .references(() => graphs.id, { onDelete: 'cascade' }),
    workspaceId: text('workspace_id')
      .notNull()
      .references(() => workspaces.id, { onDelete: 'cascade' }),
    access: text('access').notNull(),
    createdAt: timestamptz('created_at').notNull(),
    createdBy: text('created_by').notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.graphId, t.workspaceId] }),
    index('graph_shares_workspace_idx').on(t.workspaceId),
    check('graph_shares_access_check', sql`${t.access} in ('viewer', 'editor')`),
  ],
);

/** A revocable read-only link to a graph; only a SHA-256 of its token is stored. */
export const shareLinks = pgTable(
  'share_links',
  {
    id: text('id').primaryKey(),
    graphId: text('graph_id')
      .notNull()
      .references(() => graphs.id, { onDelete: 'cascade' }),
    tokenHash: text('token_hash').notNull().unique(),
    createdAt: timestamptz('created_at').notNull(),
    createdBy: text('created_by').notNull(),
    revokedAt: timestamptz('revoked_at'),
  },
  (t) => [index('share_links_graph_idx').on(t.graphId)],
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
    /** The graph's workspace when the run started; no foreign key, like graph_id. */
    workspaceId: text('workspace_id').notNull(),
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
    index('runs_workspace_created_idx').on(t.workspaceId, t.createdAt, t.id),
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
