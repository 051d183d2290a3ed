import { z } from 'zod';
import { loadOrCreateSecretFile } from '../auth/secretFile.js';

/** AES-256 takes a 32-byte key. */
export const CREDENTIALS_KEY_BYTES = 32;

const HEX = /^[0-9a-f]{64}$/i;
// Standard or URL-safe alphabet, padding optional: what `openssl rand -base64 32` and the key
// file (base64url) write.
const BASE64 = /^[A-Za-z0-9+/_-]+={0,2}$/;

/**
 * The problem with a key as written, or undefined when it is 32 bytes in hex or base64. The
 * message describes the text (its length, its alphabet), never its content.
 */
export function credentialsKeyProblem(text: string): string | undefined {
  const trimmed = text.trim();
  if (HEX.test(trimmed)) return undefined;
  const how = `must be ${CREDENTIALS_KEY_BYTES} bytes written as 64 hex digits or 44 base64 characters (make one with \`openssl rand -base64 32\`)`;
  if (!BASE64.test(trimmed))
    return `${how}; it holds ${trimmed.length} characters, some neither hex nor base64`;
  const bytes = Buffer.from(trimmed, 'base64').length;
  return bytes === CREDENTIALS_KEY_BYTES
    ? undefined
    : `${how}; its ${trimmed.length} base64 characters decode to ${bytes} bytes`;
}

/** The key's bytes; throws with {@link credentialsKeyProblem} as the message. */
export function parseCredentialsKey(text: string, source = 'The credentials key'): Buffer {
  const problem = credentialsKeyProblem(text);
  if (problem) throw new Error(`${source} ${problem}`);
  const trimmed = text.trim();
  return Buffer.from(trimmed, HEX.test(trimmed) ? 'hex' : 'base64');
}

/** `BELUGA_CREDENTIALS_KEY` in an env schema: a precise refusal at startup, the bytes after. */
export const CredentialsKeySchema = z
  .string()
  .superRefine((text, ctx) => {
    const problem = credentialsKeyProblem(text);
    if (problem) ctx.addIssue({ code: 'custom', message: problem });
  })
  .transform((text) => parseCredentialsKey(text));

/**
 * The key credentials are sealed with: `fromEnv` when set (servers sharing one database, and
 * their workers, must share it), else the key file at `file`, made with 32 random bytes (mode
 * 0600) on first start.
 *
 * @example
 * const key = loadCredentialsKey({ fromEnv: env.BELUGA_CREDENTIALS_KEY, file: join(dataDir, 'credentials.key') });
 */
export function loadCredentialsKey(options: {
  fromEnv?: Buffer | undefined;
  file: string;
}): Buffer {
  if (options.fromEnv) return options.fromEnv;
  return parseCredentialsKey(loadOrCreateSecretFile(options.file), `The key file ${options.file}`);
}
