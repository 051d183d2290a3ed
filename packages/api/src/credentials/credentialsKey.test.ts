import { randomBytes } from 'node:crypto';
import { mkdtemp, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { CredentialsKeySchema, loadCredentialsKey, parseCredentialsKey } from './credentialsKey.js';

const dir = await mkdtemp(join(tmpdir(), 'beluga-key-'));
afterAll(() => rm(dir, { recursive: true, force: true }));

describe('credentials key', () => {
  it('reads 32 bytes written in hex, base64 or base64url', () => {
    const key = randomBytes(32);
    for (const text of [
      key.toString('hex'),
      key.toString('hex').toUpperCase(),
      key.toString('base64'),
      key.toString('base64url'),
      ` ${key.toString('base64')}\n`,
    ])
      expect(parseCredentialsKey(text).equals(key)).toBe(true);
  });

  it('refuses any other length or alphabet, saying why without repeating the key', () => {
    const short = randomBytes(16).toString('base64');
    const result = CredentialsKeySchema.safeParse(short);
    expect(result.error?.issues[0]?.message).toBe(
      'must be 32 bytes written as 64 hex digits or 44 base64 characters (make one with `openssl rand -base64 32`); its 24 base64 characters decode to 16 bytes',
    );
    expect(result.error?.message).not.toContain(short);
    expect(() => parseCredentialsKey('a passphrase, not a key!')).toThrow(
      /^The credentials key must be 32 bytes .*; it holds 24 characters, some neither hex nor base64$/,
    );
    expect(() => parseCredentialsKey(randomBytes(48).toString('base64'))).toThrow(
      'decode to 48 bytes',
    );
  });

  it('prefers the environment, else makes a 0600 key file once and reads it back', async () => {
    const fromEnv = randomBytes(32);
    const file = join(dir, 'data', 'credentials.key');
    expect(loadCredentialsKey({ fromEnv, file })).toBe(fromEnv);
    const made = loadCredentialsKey({ file });
    expect(made).toHaveLength(32);
    expect((await stat(file)).mode & 0o777).toBe(0o600);
    expect(loadCredentialsKey({ file }).equals(made)).toBe(true);
    expect(parseCredentialsKey(await readFile(file, 'utf8')).equals(made)).toBe(true);
  });

  it('refuses a key file that holds no key, naming the file', async () => {
    const file = join(dir, 'bad.key');
    await writeFile(file, 'x'.repeat(40));
    expect(() => loadCredentialsKey({ file })).toThrow(`The key file ${file} must be 32 bytes`);
  });
});
