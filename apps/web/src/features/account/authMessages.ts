import { AuthRequestError } from '../../lib/authClient';
import { errorInfo } from '../../lib/trpc';

const BY_CODE: Record<string, string> = {
  INVALID_EMAIL_OR_PASSWORD: 'Wrong email or password.',
  INVALID_EMAIL: 'That is not a valid email address.',
  PASSWORD_TOO_SHORT: 'The password needs at least 10 characters.',
  PASSWORD_TOO_LONG: 'The password is too long (at most 200 characters).',
  USER_ALREADY_EXISTS: 'An account with this email already exists: sign in instead.',
  USER_ALREADY_EXISTS_USE_ANOTHER_EMAIL:
    'An account with this email already exists: sign in instead.',
};

/** What the sign-in, sign-up and account pages say when the accounts API refuses a call. */
export function authErrorMessage(error: unknown): string {
  if (error instanceof AuthRequestError) {
    if (error.status === 429)
      return `Too many attempts: retry in ${error.retryAfterSeconds ?? 60} s.`;
    const known = error.code && BY_CODE[error.code];
    if (known) return known;
    // Refusals of our own (an invitation for another address…) come with a sentence to show.
    return error.message;
  }
  if (error instanceof TypeError) return 'The server could not be reached: check the connection.';
  return errorInfo(error).message;
}
