import { existsSync } from 'node:fs';
import { hostname } from 'node:os';
import { fileURLToPath } from 'node:url';
import { CredentialsKeySchema } from '@beluga/api';
import { OtelEnvSchema } from '@beluga/observability';
import { z } from 'zod';

const flag = z
  .enum(['true', 'false', '1', '0', ''])
  .default('false')
  .transform((value) => value === 'true' || value === '1');

/** Server configuration, read from the environment once, here and nowhere else. */
export const EnvSchema = z
  .object({
    PORT: z.coerce.number().int().min(0).max(65535).default(3000),
    HOST: z.string().min(1).default('0.0.0.0'),
    /** A PostgreSQL server; without it the embedded PGlite database in DATA_DIR is used. */
    DATABASE_URL: z.string().url().optional(),
    DATA_DIR: z.string().min(1).default('./data'),
    /** Stable per server across restarts, so the runs it left running are marked interrupted. */
    BELUGA_INSTANCE_ID: z.string().min(1).max(200).optional(),
    BELUGA_ALLOW_PRIVATE_NETWORK: flag,
    /** How long a server may go without a heartbeat before others mark its runs interrupted. */
    BELUGA_RUN_LEASE_MS: z.coerce.number().int().min(300).max(3_600_000).default(30_000),
    MAX_BODY_BYTES: z.coerce
      .number()
      .int()
      .min(1024)
      .default(12 * 1024 * 1024),
    MAX_GRAPH_NODES: z.coerce.number().int().min(1).default(10_000),
    MAX_RUNNING_PER_USER: z.coerce.number().int().min(1).default(20),
    /** Local runs this process executes at once; /readyz reports degraded from 90% of it. */
    MAX_ACTIVE_RUNS: z.coerce.number().int().min(1).default(1000),
    /** A Temporal frontend (`host:port`): runs may then go to Temporal (the `temporal` executor). */
    TEMPORAL_ADDRESS: z.string().min(1).optional(),
    TEMPORAL_NAMESPACE: z.string().min(1).default('default'),
    TEMPORAL_TASK_QUEUE: z.string().min(1).default('beluga'),
    /** The Temporal Web UI, linked from Temporal runs (`start.sh --temporal`: http://localhost:8233). */
    TEMPORAL_UI_URL: z.string().url().optional(),
    /** Also run a Temporal worker in the server process (single machine). */
    BELUGA_TEMPORAL_WORKER: flag,
    /** The built web app to serve at `/`; default apps/web/dist when built, else a placeholder. */
    WEB_DIR: z.string().min(1).optional(),
    /** Keep the recent traces in memory for the run panel's trace view (recording every span). */
    BELUGA_TRACE_VIEW: z
      .enum(['true', 'false', '1', '0', ''])
      .default('true')
      .transform((value) => value !== 'false' && value !== '0'),
    /** The service name the web app's spans are filed under (they reach the collector via /v1/traces). */
    BELUGA_WEB_SERVICE_NAME: z.string().min(1).default('beluga-web'),
    /** Signs session cookies; default: a random key made on first start and kept in the database. */
    BELUGA_AUTH_SECRET: z.string().min(32).optional(),
    /**
     * Seals the workspaces' credentials (AES-256-GCM): 32 bytes as hex or base64. Default: a key
     * file `DATA_DIR/credentials.key` made on first start. Servers sharing a database, and their
     * workers, need the same key.
     */
    BELUGA_CREDENTIALS_KEY: CredentialsKeySchema.optional(),
    /** `invite`: after the first account, sign-up needs an invitation; `open`: anyone may. */
    BELUGA_SIGNUP: z.enum(['invite', 'open']).default('invite'),
    /** Sign-in (and sign-up) attempts per client address per minute. */
    BELUGA_SIGNIN_PER_MINUTE: z.coerce.number().int().min(1).max(100_000).default(10),
    /** Session cookies with the Secure flag: set when users reach the server over https. */
    BELUGA_SECURE_COOKIES: flag,
    /** Express's `trust proxy` (`true`, a hop count, or addresses) behind a reverse proxy. */
    BELUGA_TRUST_PROXY: z
      .string()
      .min(1)
      .optional()
      .transform((value) =>
        value === undefined
          ? undefined
          : value === 'true'
            ? true
            : /^\d+$/.test(value)
              ? Number(value)
              : value,
      ),
    /** pino's level for the JSON log on stdout: fatal, error, warn, info, debug, trace, silent. */
    LOG_LEVEL: z
      .enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'])
      .default('info'),
  })
  .extend(OtelEnvSchema.shape);

export type Env = z.infer<typeof EnvSchema> & { instanceId: string };

export function loadEnv(source: NodeJS.ProcessEnv = process.env): Env {
  const parsed = EnvSchema.safeParse(source);
  if (!parsed.success) {
    const problems = parsed.error.issues.map(
      (issue) => `${issue.path.join('.')}: ${issue.message}`,
    );
    throw new Error(`Invalid server configuration:\n  ${problems.join('\n  ')}`);
  }
  return {
    ...parsed.data,
    WEB_DIR: parsed.data.WEB_DIR ?? builtWebApp(),
    instanceId: parsed.data.BELUGA_INSTANCE_ID ?? `${hostname()}:${parsed.data.PORT}`,
  };
}

/** The web app built next to this server in the repository (`apps/web/dist`), if it is there. */
function builtWebApp(): string | undefined {
  const dir = fileURLToPath(new URL('../../web/dist/', import.meta.url));
  return existsSync(`${dir}index.html`) ? dir : undefined;
}
