import { z } from 'zod';

/** CLI configuration from the environment, read here and nowhere else. */
const EnvSchema = z.object({
  BELUGA_ALLOW_PRIVATE_NETWORK: z
    .enum(['true', 'false', '1', '0', ''])
    .default('false')
    .transform((value) => value === 'true' || value === '1'),
  NO_COLOR: z.string().optional(),
  /** An API token for `beluga run --server`; `--token` wins over it. */
  BELUGA_TOKEN: z.string().optional(),
});

export interface CliEnv {
  allowPrivateNetwork: boolean;
  color: boolean;
  /** The API token from BELUGA_TOKEN (empty counts as none). */
  token: string | undefined;
  /** The value of credential `name`, from `BELUGA_CREDENTIAL_<NAME>`. */
  credential: (name: string) => string | undefined;
}

/** `openai-key` → `BELUGA_CREDENTIAL_OPENAI_KEY`. */
export function credentialVariable(name: string): string {
  return `BELUGA_CREDENTIAL_${name.toUpperCase().replace(/[^A-Z0-9]/g, '_')}`;
}

export function loadEnv(source: NodeJS.ProcessEnv): CliEnv {
  const parsed = EnvSchema.safeParse(source);
  if (!parsed.success) {
    const problems = parsed.error.issues.map(
      (issue) => `${issue.path.join('.')}: ${issue.message}`,
    );
    throw new Error(`Invalid environment: ${problems.join('; ')}`);
  }
  return {
    allowPrivateNetwork: parsed.data.BELUGA_ALLOW_PRIVATE_NETWORK,
    color: parsed.data.NO_COLOR === undefined,
    token: parsed.data.BELUGA_TOKEN || undefined,
    credential: (name) => source[credentialVariable(name)],
  };
}
