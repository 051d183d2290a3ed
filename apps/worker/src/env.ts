import { CredentialsKeySchema, parseCredentialsKey } from '@beluga/api';
import { OtelEnvSchema, telemetryConfigOf, type TelemetryConfig } from '@beluga/observability';
import { readFileSync } from 'node:fs';
import { z } from 'zod';

const flag = z
  .enum(['true', 'false', '1', '0', ''])
  .default('false')
  .transform((value) => value === 'true' || value === '1');

/** Worker configuration, read from the environment once, here and nowhere else. */
export const EnvSchema = z
  .object({
    /** The Temporal frontend, `host:port`. */
    TEMPORAL_ADDRESS: z.string().min(1).default('localhost:7233'),
    TEMPORAL_NAMESPACE: z.string().min(1).default('default'),
    TEMPORAL_TASK_QUEUE: z.string().min(1).default('beluga'),
    /** Node activities this worker runs at once. */
    BELUGA_WORKER_MAX_ACTIVITIES: z.coerce.number().int().min(1).max(10_000).default(100),
    /** Workflow tasks this worker processes at once (at least 2, as Temporal requires). */
    BELUGA_WORKER_MAX_WORKFLOW_TASKS: z.coerce.number().int().min(2).max(10_000).default(40),
    /** How long a shutdown waits for running node activities before cancelling them. */
    BELUGA_WORKER_SHUTDOWN_GRACE_MS: z.coerce.number().int().min(0).max(3_600_000).default(10_000),
    BELUGA_ALLOW_PRIVATE_NETWORK: flag,
    /**
     * The server's PostgreSQL: run events go into its log, saved graphs come from it. Without it
     * the worker only logs events (a PGlite folder belongs to its one server process).
     */
    DATABASE_URL: z.string().url().optional(),
    /**
     * The server's credentials key (32 bytes, hex or base64): with DATABASE_URL, runs resolve
     * their workspace's credentials with it. Or BELUGA_CREDENTIALS_KEY_FILE: the server's key
     * file (`DATA_DIR/credentials.key`) when the worker can read it.
     */
    BELUGA_CREDENTIALS_KEY: CredentialsKeySchema.optional(),
    BELUGA_CREDENTIALS_KEY_FILE: z.string().min(1).optional(),
    /** pino's level for the JSON log on stdout. */
    LOG_LEVEL: z
      .enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'])
      .default('info'),
  })
  .extend(OtelEnvSchema.shape);

export interface WorkerEnv {
  address: string;
  namespace: string;
  taskQueue: string;
  maxConcurrentActivities: number;
  maxConcurrentWorkflowTasks: number;
  shutdownGraceMs: number;
  allowPrivateNetwork: boolean;
  databaseUrl: string | undefined;
  logLevel: string;
  /** Traces from the OTEL_* variables (service name default `beluga-worker`). */
  telemetry: TelemetryConfig;
  /** Without a database: the value of credential `name`, from `BELUGA_CREDENTIAL_<NAME>`. */
  credential: (name: string) => string | undefined;
  /** With a database: the key the server sealed its workspaces' credentials with. */
  credentialsKey: Buffer | undefined;
}

/** The key file is the server's: a worker reads it, never makes one of its own. */
function readKeyFile(file: string | undefined): Buffer | undefined {
  if (file === undefined) return undefined;
  const source = `BELUGA_CREDENTIALS_KEY_FILE (${file})`;
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    throw new Error(
      `${source} cannot be read: ${(error as NodeJS.ErrnoException).code ?? 'error'}`,
    );
  }
  return parseCredentialsKey(text, source);
}

/** `openai-key` → `BELUGA_CREDENTIAL_OPENAI_KEY`, as the server and the CLI spell it. */
export function credentialVariable(name: string): string {
  return `BELUGA_CREDENTIAL_${name.toUpperCase().replace(/[^A-Z0-9]/g, '_')}`;
}

export function loadEnv(source: NodeJS.ProcessEnv = process.env): WorkerEnv {
  const parsed = EnvSchema.safeParse(source);
  if (!parsed.success) {
    const problems = parsed.error.issues.map(
      (issue) => `${issue.path.join('.')}: ${issue.message}`,
    );
    throw new Error(`Invalid worker configuration:\n  ${problems.join('\n  ')}`);
  }
  const env = parsed.data;
  return {
    address: env.TEMPORAL_ADDRESS,
    namespace: env.TEMPORAL_NAMESPACE,
    taskQueue: env.TEMPORAL_TASK_QUEUE,
    maxConcurrentActivities: env.BELUGA_WORKER_MAX_ACTIVITIES,
    maxConcurrentWorkflowTasks: env.BELUGA_WORKER_MAX_WORKFLOW_TASKS,
    shutdownGraceMs: env.BELUGA_WORKER_SHUTDOWN_GRACE_MS,
    allowPrivateNetwork: env.BELUGA_ALLOW_PRIVATE_NETWORK,
    databaseUrl: env.DATABASE_URL,
    logLevel: env.LOG_LEVEL,
    telemetry: telemetryConfigOf(env, 'beluga-worker'),
    credential: (name) => source[credentialVariable(name)],
    credentialsKey: env.BELUGA_CREDENTIALS_KEY ?? readKeyFile(env.BELUGA_CREDENTIALS_KEY_FILE),
  };
}
