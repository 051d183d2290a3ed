import type { Db } from './db.js';
import type { GraphDocument } from '@beluga/graph';
import type { RunEvent } from '@beluga/orchestration';

/** A stored graph: its current document and version. */
export interface GraphRecord {
  id: string;
  /** The workspace that owns it. */
  workspaceId: string;
  name: string;
  description: string;
  /** Starts at 1; every successful update adds 1. */
  version: number;
  document: GraphDocument;
  createdAt: Date;
  updatedAt: Date;
  createdBy: string;
  updatedBy: string;
}

/** A graph as listed: no document. */
export interface GraphSummary {
  id: string;
  workspaceId: string;
  /** Set when the graph belongs to another workspace and is shared with the listed one. */
  sharedAccess: 'viewer' | 'editor' | null;
  name: string;
  description: string;
  version: number;
  nodeCount: number;
  updatedAt: Date;
  updatedBy: string;
}

/** One immutable version of a graph, written by create() and each update(). */
export interface GraphVersionRecord {
  graphId: string;
  version: number;
  document: GraphDocument;
  message: string;
  author: string;
  createdAt: Date;
}

export type GraphVersionSummary = Omit<GraphVersionRecord, 'document'>;

/** Keyset cursor: the last item of the previous page. */
export interface GraphCursor {
  updatedAt: Date;
  id: string;
}

export interface CreateGraphInput {
  id: string;
  workspaceId: string;
  name: string;
  description: string;
  document: GraphDocument;
  author: string;
  message?: string;
}

export interface UpdateGraphInput {
  id: string;
  /** The version the caller edited; the update applies only while it is still current. */
  baseVersion: number;
  document: GraphDocument;
  name: string;
  description: string;
  author: string;
  message?: string;
}

export type UpdateGraphResult =
  | { ok: true; graph: GraphRecord }
  | { ok: false; reason: 'not_found' }
  | { ok: false; reason: 'conflict'; current: GraphRecord };

/** Graphs and their versions. */
export interface GraphRepository {
  /**
   * A workspace's graphs and those shared with it, newest first (by updatedAt, then id),
   * keyset-paginated; default limit 100, at most 1000.
   */
  list(options: {
    workspaceId: string;
    limit?: number;
    before?: GraphCursor;
  }): Promise<GraphSummary[]>;
  get(id: string): Promise<GraphRecord | undefined>;
  /** The graph's current version number, without its document; undefined when it does not exist. */
  currentVersion(id: string): Promise<number | undefined>;
  /**
   * Creates version 1 and its version row in one transaction.
   * @throws OrchestratorError with code `INVALID_STATE` when the id exists.
   */
  create(input: CreateGraphInput): Promise<GraphRecord>;
  /**
   * Optimistic concurrency: applies only while `baseVersion` is current, and then writes the
   * next version row in the same transaction. Of two updates from one base, exactly one wins.
   */
  update(input: UpdateGraphInput): Promise<UpdateGraphResult>;
  /** Removes the graph and its versions (runs keep their rows). False when there was none. */
  delete(id: string): Promise<boolean>;
  /** Newest first. Empty when the graph does not exist. */
  listVersions(id: string): Promise<GraphVersionSummary[]>;
  getVersion(id: string, version: number): Promise<GraphVersionRecord | undefined>;
}

export type RunStatus = 'running' | 'succeeded' | 'failed' | 'cancelled' | 'interrupted';
export type RunExecutor = 'local' | 'temporal';

export interface RunRecord {
  id: string;
  /** The workspace of its graph when it started. */
  workspaceId: string;
  graphId: string;
  graphVersion: number;
  graphName: string;
  executor: RunExecutor;
  status: RunStatus;
  /** JSON; `undefined` is stored as null. */
  input: unknown;
  output: unknown;
  error: { code: string; message: string } | null;
  startedBy: string;
  /** The server instance that runs it (local executor): see markInterrupted(). */
  instanceId: string;
  createdAt: Date;
  finishedAt: Date | null;
  workflowId: string | null;
  workflowRunId: string | null;
  /** The owning server's last heartbeat for the run, on the database's clock. */
  heartbeatAt: Date;
}

export interface CreateRunInput {
  id: string;
  workspaceId: string;
  graphId: string;
  graphVersion: number;
  graphName: string;
  executor: RunExecutor;
  input: unknown;
  startedBy: string;
  instanceId: string;
}

export interface RunResult {
  status: Exclude<RunStatus, 'running'>;
  output?: unknown;
  error?: { code: string; message: string };
  /**
   * The run's last events (its final event among them), stored in the same transaction as the
   * final status: a reader never sees the final event while the run still says `running`.
   */
  events?: readonly RunEvent[];
}

export interface RunCursor {
  createdAt: Date;
  id: string;
}

/** Runs: one row per run, its status and result. */
export interface RunRepository {
  /** A new run, status `running`. */
  create(input: CreateRunInput): Promise<RunRecord>;
  get(id: string): Promise<RunRecord | undefined>;
  /** Newest first (by createdAt, then id); default limit 100, at most 1000. */
  list(options?: {
    workspaceId?: string;
    graphId?: string;
    limit?: number;
    before?: RunCursor;
  }): Promise<RunRecord[]>;
  /** Records the end of a run. Only a `running` run changes: false when it was not. */
  finish(id: string, result: RunResult): Promise<boolean>;
  /** How many runs of this user are running now (for per-user limits). */
  countRunning(startedBy: string): Promise<number>;
  /**
   * Marks every `running` local run owned by `instanceId` (or, with no argument, every running
   * local run) as `interrupted`; returns their ids. Temporal runs are left alone: they survive.
   */
  markInterrupted(instanceId?: string): Promise<string[]>;
  /**
   * Renews the lease of every `running` local run owned by `instanceId` (its heartbeat becomes
   * the database's now) and returns their ids: a run missing from them was taken from this
   * instance (interruptStale() by another server) and must stop.
   */
  heartbeat(instanceId: string): Promise<string[]>;
  /**
   * Marks `interrupted` every `running` local run whose owner's heartbeat is at least `leaseMs`
   * old on the database's clock, whatever its instance (a server that died and never came back);
   * returns their ids. Safe to call from many servers at once: each run is taken once.
   */
  interruptStale(leaseMs: number): Promise<string[]>;
  setWorkflow(id: string, ids: { workflowId: string; workflowRunId: string }): Promise<void>;
  /** Running runs of an executor, oldest first (default limit 100, at most 1000). */
  listRunning(executor: RunExecutor, options?: { limit?: number }): Promise<RunRecord[]>;
}

/** An event whose writer may append it twice: the store numbers it and skips a repeated key. */
export type KeyedRunEvent = Omit<RunEvent, 'seq'> & { key: string };

/** The append-only run event log. */
export interface RunEventRepository {
  /**
   * Writes the events in one INSERT statement (batching is the caller's job). The run must
   * exist. (runId, seq) is unique: a duplicate fails the whole call with an OrchestratorError
   * `INVALID_STATE`, nothing of it written.
   */
  append(events: readonly RunEvent[]): Promise<void>;
  /**
   * Appends events that carry a `key` instead of a `seq` (writers that may repeat themselves
   * after a crash, like Temporal activities): numbers them after the run's last seq, in order,
   * without gaps; skips any whose key the run already has; returns what was stored, with seqs.
   * Calls for one run are serialised by a lock on its run row, so writers on several processes
   * never interleave. With `finish`, the run also ends in the same transaction (as
   * RunRepository.finish: only a `running` run changes). NOT_FOUND when the run does not exist.
   */
  appendKeyed(
    runId: string,
    events: readonly KeyedRunEvent[],
    finish?: RunResult,
  ): Promise<{ stored: RunEvent[]; finished: boolean }>;
  /** Ascending seq, after `afterSeq` (default 0); default limit 1000, at most 10,000. */
  list(runId: string, options?: { afterSeq?: number; limit?: number }): Promise<RunEvent[]>;
  /** The highest seq stored for the run; 0 when none. */
  lastSeq(runId: string): Promise<number>;
}

/**
 * Small messages between the processes that share a database ("run X has new events").
 * Delivery is at most once: a listener that must not miss anything re-reads the database.
 */
export interface Notifier {
  /**
   * Sends `payload` (under 8000 bytes) to every listener of `channel`, this process's too.
   * Channels match /^[a-z_][a-z0-9_]{0,62}$/.
   */
  notify(channel: string, payload: string): Promise<void>;
  /** Calls `listener` for each notification until the returned function is called. */
  listen(channel: string, listener: (payload: string) => void): Promise<() => Promise<void>>;
}

export type WorkspaceRole = 'owner' | 'admin' | 'editor' | 'runner' | 'viewer';

/** A workspace as one of its members sees it. */
export interface Membership {
  workspaceId: string;
  name: string;
  role: WorkspaceRole;
}

export interface MemberRecord {
  userId: string;
  name: string;
  email: string;
  role: WorkspaceRole;
  since: Date;
}

export interface InvitationRecord {
  id: string;
  workspaceId: string;
  email: string;
  role: Exclude<WorkspaceRole, 'owner'>;
  invitedBy: string;
  createdAt: Date;
  expiresAt: Date;
  acceptedAt: Date | null;
  acceptedBy: string | null;
  revokedAt: Date | null;
}

/** What a user may do with a graph: their role in its workspace, and shares that reach them. */
export interface GraphAccess {
  workspaceId: string;
  /** The user's role in the graph's workspace; undefined when not a member. */
  role: WorkspaceRole | undefined;
  /** The widest share of the graph with a workspace of the user's, null when none. */
  shared: 'viewer' | 'editor' | null;
}

/** Workspaces, their members and invitations, and the instance's owner. */
export interface TeamRepository {
  /** Makes `userId` the instance's owner unless it has one; true when it became the owner. */
  claimInstance(userId: string): Promise<boolean>;
  instanceOwner(): Promise<string | undefined>;
  /**
   * A secret every server on this database shares (the session cookies' key): made by `make`
   * and stored the first time, read ever after.
   */
  instanceSecret(name: string, make: () => string): Promise<string>;
  countUsers(): Promise<number>;
  /** A workspace with `ownerId` as its owner, in one transaction. */
  createWorkspace(input: { id: string; name: string; ownerId: string }): Promise<Membership>;
  /** Makes `userId` the owner of every workspace without members; returns their ids. */
  claimOrphanWorkspaces(userId: string): Promise<string[]>;
  renameWorkspace(workspaceId: string, name: string): Promise<boolean>;
  workspaceName(workspaceId: string): Promise<string | undefined>;
  memberships(userId: string): Promise<Membership[]>;
  roleOf(workspaceId: string, userId: string): Promise<WorkspaceRole | undefined>;
  /** Undefined when the graph does not exist. */
  graphAccess(graphId: string, userId: string): Promise<GraphAccess | undefined>;
  members(workspaceId: string): Promise<MemberRecord[]>;
  /** Never leaves a workspace without an owner. */
  setRole(
    workspaceId: string,
    userId: string,
    role: WorkspaceRole,
  ): Promise<'ok' | 'not_member' | 'last_owner'>;
  removeMember(workspaceId: string, userId: string): Promise<'ok' | 'not_member' | 'last_owner'>;
  createInvitation(input: {
    id: string;
    workspaceId: string;
    email: string;
    role: InvitationRecord['role'];
    tokenHash: string;
    invitedBy: string;
    expiresAt: Date;
  }): Promise<InvitationRecord>;
  /** The workspace's open invitations (not accepted, revoked or expired). */
  listInvitations(workspaceId: string): Promise<InvitationRecord[]>;
  findInvitation(tokenHash: string): Promise<InvitationRecord | undefined>;
  /**
   * Accepts an open invitation: the user joins its workspace (keeping a wider role they had).
   * Undefined when the invitation is unknown, used, revoked or expired.
   */
  acceptInvitation(tokenHash: string, userId: string): Promise<InvitationRecord | undefined>;
  revokeInvitation(workspaceId: string, id: string): Promise<boolean>;
  /** Display names of users by id (ids of removed users are missing). */
  userNames(ids: readonly string[]): Promise<Map<string, string>>;
}

export type ShareAccess = 'viewer' | 'editor';

/** A graph shared with another workspace. */
export interface GraphShareRecord {
  graphId: string;
  /** The workspace it is shared with. */
  workspaceId: string;
  workspaceName: string;
  access: ShareAccess;
  createdAt: Date;
  createdBy: string;
}

/** A read-only link to a graph; its token is never stored (only its SHA-256). */
export interface ShareLinkRecord {
  id: string;
  graphId: string;
  createdAt: Date;
  createdBy: string;
  revokedAt: Date | null;
}

/** Graph shares with other workspaces, and revocable read-only links. */
export interface ShareRepository {
  /** The workspaces a graph is shared with, by workspace name. */
  list(graphId: string): Promise<GraphShareRecord[]>;
  /** Shares a graph with a workspace, or changes the access of its share; `previous` was it. */
  share(input: {
    graphId: string;
    workspaceId: string;
    access: ShareAccess;
    createdBy: string;
  }): Promise<{ previous: ShareAccess | null }>;
  /** Removes a share; the access it gave, undefined when there was none. */
  unshare(graphId: string, workspaceId: string): Promise<ShareAccess | undefined>;
  /** The graph's links, revoked ones too, oldest first. */
  links(graphId: string): Promise<ShareLinkRecord[]>;
  createLink(input: {
    id: string;
    graphId: string;
    tokenHash: string;
    createdBy: string;
  }): Promise<ShareLinkRecord>;
  /** False when the graph has no such link, or it was revoked already. */
  revokeLink(graphId: string, linkId: string): Promise<boolean>;
  /** The link with this token hash unless it is revoked (or its graph deleted). */
  findOpenLink(tokenHash: string): Promise<ShareLinkRecord | undefined>;
}

export interface AuditEntry {
  id: string;
  workspaceId: string;
  actorId: string;
  /** `member.role`, `member.remove`, `member.invite`, `graph.share`, `credential.use`… */
  action: string;
  targetType: string;
  targetId: string;
  details: Record<string, unknown> | null;
  createdAt: Date;
}

/** The audit log of sensitive actions: append-only. */
export interface AuditRepository {
  append(entry: Omit<AuditEntry, 'id' | 'createdAt'>): Promise<AuditEntry>;
  /** Newest first; default limit 100, at most 1000. */
  list(
    workspaceId: string,
    options?: { limit?: number; before?: { createdAt: Date; id: string } },
  ): Promise<AuditEntry[]>;
}

/** A workspace's credential as anyone may see it: never its value. */
export interface CredentialSummary {
  id: string;
  workspaceId: string;
  name: string;
  /** The first characters of the value, or empty (see the API's credentials.set). */
  hint: string;
  createdAt: Date;
  createdBy: string;
  updatedAt: Date;
  updatedBy: string;
}

/** A credential with its sealed value (`v1:…`, see @beluga/api's credential cipher). */
export interface SealedCredential extends CredentialSummary {
  secret: string;
}

/** Named secrets of workspaces, stored sealed: this repository never sees a plain value. */
export interface CredentialRepository {
  /** The workspace's credentials by name, without their values. */
  list(workspaceId: string): Promise<CredentialSummary[]>;
  get(workspaceId: string, name: string): Promise<SealedCredential | undefined>;
  /** Every credential of the workspace with its sealed value (a run's redaction). */
  listSealed(workspaceId: string): Promise<SealedCredential[]>;
  /** Creates (workspace, name) with `id`, or replaces its value; `created` tells which. */
  set(input: {
    id: string;
    workspaceId: string;
    name: string;
    secret: string;
    hint: string;
    actorId: string;
  }): Promise<{ credential: CredentialSummary; created: boolean }>;
  /**
   * Renames a credential; its value is sealed again by the caller (the name is part of what the
   * seal binds). `exists` when the new name is taken.
   */
  rename(input: {
    workspaceId: string;
    from: string;
    to: string;
    secret: string;
    actorId: string;
  }): Promise<
    { ok: true; credential: CredentialSummary } | { ok: false; reason: 'not_found' | 'exists' }
  >;
  /** The removed credential, or undefined when there was none. */
  delete(workspaceId: string, name: string): Promise<CredentialSummary | undefined>;
  /**
   * Writes the audit entry `credential.use` of a run once, whichever process asks first (runs on
   * Temporal resolve credentials on several workers); true when this call wrote it.
   */
  recordUse(input: {
    workspaceId: string;
    credential: CredentialSummary;
    runId: string;
    actorId: string;
  }): Promise<boolean>;
}

/** The storage of the app, on PGlite (embedded) or PostgreSQL. */
export interface Database {
  kind: 'pglite' | 'postgres';
  graphs: GraphRepository;
  runs: RunRepository;
  events: RunEventRepository;
  teams: TeamRepository;
  audit: AuditRepository;
  shares: ShareRepository;
  credentials: CredentialRepository;
  notifier: Notifier;
  /**
   * The drizzle database itself, for libraries that bring their own queries over the tables of
   * ./schema (the auth library's adapter). Application code uses the repositories.
   */
  orm: Db;
  /** `SELECT 1`; throws when the database cannot be reached (for /readyz). */
  ping(): Promise<void>;
  /** Closes connections (PGlite: the instance and its folder lock). Safe to call twice. */
  close(): Promise<void>;
}
