import { openCredential, sealCredential, type CredentialPlace } from './credentialCipher.js';

/** Seals and opens credential values with the server's key, which stays inside. */
export interface CredentialVault {
  seal(place: CredentialPlace, value: string): string;
  open(place: CredentialPlace, sealed: string): string;
}

export function createCredentialVault(key: Buffer): CredentialVault {
  return {
    seal: (place, value) => sealCredential(key, place, value),
    open: (place, sealed) => openCredential(key, place, sealed),
  };
}
