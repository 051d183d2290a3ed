import { randomBytes } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { openCredential, sealCredential } from './credentialCipher.js';

const key = randomBytes(32);
const place = { workspaceId: 'ws-a', name: 'openai' };
const VALUE = 'sk-live-0123456789abcdef';

describe('credential cipher', () => {
  it('seals as v1:<iv>:<tag>:<ciphertext> with a fresh IV each time, and opens it back', () => {
    const one = sealCredential(key, place, VALUE);
    const two = sealCredential(key, place, VALUE);
    expect(one).toMatch(/^v1:[A-Za-z0-9+/=]+:[A-Za-z0-9+/=]+:[A-Za-z0-9+/=]+$/);
    expect(Buffer.from(one.split(':')[1]!, 'base64')).toHaveLength(12);
    expect(one).not.toBe(two);
    expect(one).not.toContain(VALUE);
    expect(openCredential(key, place, one)).toBe(VALUE);
    expect(openCredential(key, place, two)).toBe(VALUE);
  });

  it('refuses a value moved to another workspace or name, another key, or altered', () => {
    const sealed = sealCredential(key, place, VALUE);
    const [version, iv, tag, data] = sealed.split(':') as [string, string, string, string];
    const flipped = Buffer.from(data, 'base64');
    flipped[0]! ^= 1;
    const attempts: [Parameters<typeof openCredential>[1], string, Buffer][] = [
      [{ workspaceId: 'ws-b', name: 'openai' }, sealed, key],
      [{ workspaceId: 'ws-a', name: 'github' }, sealed, key],
      [place, sealed, randomBytes(32)],
      [place, [version, iv, tag, flipped.toString('base64')].join(':'), key],
      [place, [version, iv, Buffer.alloc(16).toString('base64'), data].join(':'), key],
    ];
    for (const [where, text, withKey] of attempts) {
      let thrown: unknown;
      try {
        openCredential(withKey, where, text);
      } catch (error) {
        thrown = error;
      }
      expect(thrown).toMatchObject({
        name: 'OrchestratorError',
        code: 'INVALID_STATE',
        message: `The credential "${where.name}" cannot be read: it was sealed with another key (BELUGA_CREDENTIALS_KEY), for another workspace or name, or altered`,
      });
    }
  });

  it('refuses what is not a v1 sealed value, and a key of the wrong size', () => {
    expect(() => openCredential(key, place, 'plain text')).toThrow(
      'The credential "openai" cannot be read: it is not a v1 sealed value',
    );
    expect(() => openCredential(key, place, 'v2:a:b:c')).toThrow('not a v1 sealed value');
    expect(() => sealCredential(randomBytes(16), place, VALUE)).toThrow('32 bytes, not 16');
  });
});
