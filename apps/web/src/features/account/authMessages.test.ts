import { describe, expect, it } from 'vitest';
import { AuthRequestError } from '../../lib/authClient';
import { authErrorMessage } from './authMessages';

const refused = (status: number, code?: string, retryAfter?: number, message = 'refused') =>
  new AuthRequestError(status, message, code, retryAfter);

describe('authErrorMessage', () => {
  it('tells how long to wait when rate limited', () => {
    expect(authErrorMessage(refused(429, undefined, 42))).toBe('Too many attempts: retry in 42 s.');
  });

  it('says a minute when the server did not say how long', () => {
    expect(authErrorMessage(refused(429))).toBe('Too many attempts: retry in 60 s.');
  });

  it('explains better-auth codes in plain words', () => {
    expect(authErrorMessage(refused(401, 'INVALID_EMAIL_OR_PASSWORD'))).toBe(
      'Wrong email or password.',
    );
    expect(authErrorMessage(refused(400, 'PASSWORD_TOO_SHORT'))).toBe(
      'The password needs at least 10 characters.',
    );
  });

  it("shows the server's own sentence otherwise", () => {
    const message = 'This invitation is for a@example.com: sign up with that address';
    expect(authErrorMessage(refused(403, undefined, undefined, message))).toBe(message);
  });

  it('names an unreachable server', () => {
    expect(authErrorMessage(new TypeError('Failed to fetch'))).toMatch(/could not be reached/);
  });
});
