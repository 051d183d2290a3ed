import type { CredentialSummary, Database } from '@beluga/db';
import { OrchestratorError } from '@beluga/orchestration';
import { openCredential } from './credentialCipher.js';
import { createRedactor, type Redactor } from './redactor.js';

/** The run a scope belongs to, as its record says. */
export interface ScopedRun {
  id: string;
  workspaceId: string;
  startedBy: string;
}

/**
 * What a run may reach of its workspace, and what it must never write: the workspace its
 * subgraphs and credentials come from, and a redactor of every credential value of that
 * workspace (whether the run uses it or not).
 */
export interface RunScope {
  readonly run: ScopedRun;
  /** The value of the workspace's credential `name`; undefined when it has none of that name. */
  resolve(name: string): Promise<string | undefined>;
  redact<T>(value: T): T;
}

export interface RunScopes {
  /** Opens the scope of a run this process executes (before its first node runs). */
  open(run: ScopedRun): Promise<RunScope>;
  /** Forgets a run opened here once it ended. */
  close(runId: string): void;
  /**
   * The scope of a run, of a subgraph in it (`<run id>/<node id>`), or of a run this process did
   * not start (a Temporal worker's): opened here, else loaded from the run's record.
   */
  scopeOf(runId: string): Promise<RunScope>;
}

export interface RunScopesOptions {
  db: Database;
  /** The key credentials are sealed with; without it none can be resolved here. */
  key: Buffer | undefined;
  /** Scopes of runs this process did not open that it keeps (least recently used go). Default 500. */
  cacheSize?: number;
}

const OP = 'credential.resolve';

/** The run a subgraph's run id (`<run>/<node>/<node>…`) belongs to. */
export const rootRunIdOf = (runId: string): string => runId.split('/')[0] ?? runId;

function noKey(name: string): OrchestratorError {
  return new OrchestratorError({
    code: 'INVALID_STATE',
    op: OP,
    field: 'credential',
    retryable: false,
    message: `The credential "${name}" cannot be read here: this process has no credentials key (set BELUGA_CREDENTIALS_KEY to the server's key)`,
  });
}

interface Opened {
  summary: CredentialSummary;
  /** The value, or why it cannot be read (a node that uses it fails with that). */
  value: string | OrchestratorError;
}

class Scope implements RunScope {
  private readonly redactor: Redactor = createRedactor();
  private readonly values = new Map<string, Opened>();
  private readonly used = new Set<string>();

  constructor(
    readonly run: ScopedRun,
    private readonly db: Database,
    private readonly key: Buffer | undefined,
  ) {}

  /** Reads and opens every credential of the workspace: they are all redacted from the run. */
  async load(): Promise<this> {
    for (const sealed of await this.db.credentials.listSealed(this.run.workspaceId))
      this.keep(sealed, sealed.secret);
    return this;
  }

  private keep(summary: CredentialSummary, sealed: string): Opened {
    const { key } = this;
    let value: Opened['value'];
    try {
      value = key ? openCredential(key, summary, sealed) : noKey(summary.name);
    } catch (error) {
      value = error as OrchestratorError;
    }
    if (typeof value === 'string') this.redactor.add(value);
    const opened = { summary, value };
    this.values.set(summary.name, opened);
    return opened;
  }

  async resolve(name: string): Promise<string | undefined> {
    let opened = this.values.get(name);
    if (!opened) {
      // Made after the run started: read it now, and redact it from then on.
      const sealed = await this.db.credentials.get(this.run.workspaceId, name);
      if (!sealed) return undefined;
      opened = this.keep(sealed, sealed.secret);
    }
    if (typeof opened.value !== 'string') throw opened.value;
    if (!this.used.has(name)) {
      await this.db.credentials.recordUse({
        workspaceId: this.run.workspaceId,
        credential: opened.summary,
        runId: this.run.id,
        actorId: this.run.startedBy,
      });
      this.used.add(name);
    }
    return opened.value;
  }

  redact<T>(value: T): T {
    return this.redactor.redact(value);
  }
}

/**
 * The scopes of runs: a server opens its local runs' scopes as they start; a worker loads the
 * scope of a run from its record when one of its nodes first needs it.
 *
 * @example
 * const scopes = createRunScopes({ db, key });
 * const registry = createNodeRegistry({
 *   resolveCredential: async (name, { runId }) => (await scopes.scopeOf(runId)).resolve(name),
 * });
 */
export function createRunScopes(options: RunScopesOptions): RunScopes {
  const { db, key } = options;
  const cacheSize = options.cacheSize ?? 500;
  const opened = new Map<string, Promise<RunScope>>();
  const loaded = new Map<string, Promise<RunScope>>();

  const load = async (runId: string): Promise<RunScope> => {
    const run = await db.runs.get(runId);
    if (!run)
      throw new OrchestratorError({
        code: 'NOT_FOUND',
        op: OP,
        message: `Run "${runId}" is not stored: only runs of a workspace reach its graphs and credentials`,
      });
    return new Scope(run, db, key).load();
  };

  return {
    open: (run) => {
      const scope = new Scope(run, db, key).load();
      opened.set(run.id, scope);
      scope.catch(() => opened.delete(run.id));
      return scope;
    },
    close: (runId) => void opened.delete(runId),
    scopeOf(runId) {
      const root = rootRunIdOf(runId);
      const own = opened.get(root);
      if (own) return own;
      let scope = loaded.get(root);
      if (scope) loaded.delete(root);
      else scope = load(root);
      loaded.set(root, scope);
      scope.catch(() => loaded.delete(root));
      if (loaded.size > cacheSize) loaded.delete(loaded.keys().next().value as string);
      return scope;
    },
  };
}
