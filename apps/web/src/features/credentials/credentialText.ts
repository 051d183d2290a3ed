/** What the server accepts as a name (the API's CredentialNameInput). */
const NAME = /^[A-Za-z0-9][A-Za-z0-9._-]{0,99}$/;
/** The server's shortest value: shorter ones could not be kept out of run output. */
export const MIN_VALUE_LENGTH = 8;

/** Why a name would be refused, before asking the server; undefined when it is fine. */
export function nameProblem(name: string): string | undefined {
  if (name === '') return undefined;
  return NAME.test(name)
    ? undefined
    : 'Use letters, digits, ".", "_" and "-", starting with a letter or digit';
}

/** Why a value would be refused; undefined when it is fine (or still empty). */
export function valueProblem(value: string): string | undefined {
  if (value === '') return undefined;
  if (value.length < MIN_VALUE_LENGTH) return `At least ${MIN_VALUE_LENGTH} characters`;
  if (!/^[\x20-\x7e]+$/.test(value)) return 'Printable ASCII only: it is sent in HTTP headers';
  if (value.trim() !== value) return 'No spaces at the start or end';
  return undefined;
}

/** `sk-p…` for a hint, a dash without one (short values show nothing of themselves). */
export function hintLabel(hint: string): string {
  return hint === '' ? '—' : `${hint}…`;
}
