import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { OrchestratorError } from '@beluga/orchestration';
import { CREDENTIALS_KEY_BYTES } from './credentialsKey.js';

/** The format of sealed values; a later key or cipher gets `v2:` and both are read. */
const VERSION = 'v1';
const IV_BYTES = 12;
const TAG_BYTES = 16;

/** Where a credential belongs: its seal binds the value to them (the AAD). */
export interface CredentialPlace {
  workspaceId: string;
  name: string;
}

// JSON keeps the two parts apart whatever characters they hold.
const aadOf = (place: CredentialPlace) =>
  Buffer.from(JSON.stringify([place.workspaceId, place.name]));

function checkKey(key: Buffer): void {
  if (key.length !== CREDENTIALS_KEY_BYTES)
    throw new Error(`A credentials key has ${CREDENTIALS_KEY_BYTES} bytes, not ${key.length}`);
}

/**
 * Encrypts a credential's value with AES-256-GCM: `v1:<iv>:<tag>:<ciphertext>`, base64 parts, a
 * random 12-byte IV each time, the workspace and name as additional authenticated data.
 */
export function sealCredential(key: Buffer, place: CredentialPlace, value: string): string {
  checkKey(key);
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv('aes-256-gcm', key, iv, { authTagLength: TAG_BYTES });
  cipher.setAAD(aadOf(place));
  const ciphertext = Buffer.concat([cipher.update(value, 'utf8'), cipher.final()]);
  const parts = [iv, cipher.getAuthTag(), ciphertext].map((part) => part.toString('base64'));
  return [VERSION, ...parts].join(':');
}

function unreadable(place: CredentialPlace, why: string): OrchestratorError {
  return new OrchestratorError({
    code: 'INVALID_STATE',
    op: 'credential.open',
    message: `The credential "${place.name}" cannot be read: ${why}`,
    field: 'credential',
    retryable: false,
  });
}

/**
 * The value {@link sealCredential} sealed for this place. A value sealed for another workspace or
 * name, with another key, or altered fails the GCM tag check: an OrchestratorError
 * `INVALID_STATE` naming the credential, never any part of the value.
 */
export function openCredential(key: Buffer, place: CredentialPlace, sealed: string): string {
  checkKey(key);
  const [version, iv, tag, ciphertext, ...rest] = sealed.split(':');
  if (version !== VERSION || ciphertext === undefined || rest.length > 0)
    throw unreadable(place, `it is not a ${VERSION} sealed value`);
  const ivBytes = Buffer.from(iv!, 'base64');
  const tagBytes = Buffer.from(tag!, 'base64');
  if (ivBytes.length !== IV_BYTES || tagBytes.length !== TAG_BYTES)
    throw unreadable(place, `it is not a ${VERSION} sealed value`);
  const decipher = createDecipheriv('aes-256-gcm', key, ivBytes, { authTagLength: TAG_BYTES });
  decipher.setAAD(aadOf(place));
  decipher.setAuthTag(tagBytes);
  try {
    return Buffer.concat([decipher.update(ciphertext, 'base64'), decipher.final()]).toString(
      'utf8',
    );
  } catch {
    throw unreadable(
      place,
      'it was sealed with another key (BELUGA_CREDENTIALS_KEY), for another workspace or name, or altered',
    );
  }
}
