import { emitApiSignal } from './apiSignals';

/**
 * The header a sign-up carries its invitation token in (the server's INVITATION_HEADER; the web
 * imports only types from @beluga/api, so the name is repeated here).
 */
export const INVITATION_HEADER = 'x-beluga-invitation';

/** A call to the accounts API (`/api/auth/*`) that the server refused. */
export class AuthRequestError extends Error {
  override name = 'AuthRequestError';
  constructor(
    readonly status: number,
    message: string,
    /** better-auth's code (`INVALID_EMAIL_OR_PASSWORD`, `PASSWORD_TOO_SHORT`…), when it sent one. */
    readonly code: string | undefined,
    /** Seconds to wait before trying again (rate limited: 429 with `X-Retry-After`). */
    readonly retryAfterSeconds: number | undefined,
  ) {
    super(message);
  }
}

interface CallOptions {
  method?: 'GET' | 'POST';
  body?: unknown;
  headers?: Record<string, string>;
  /** The call needs the session: a 401 means it ended, and the app goes back to sign-in. */
  session?: boolean;
}

async function refusal(response: Response): Promise<AuthRequestError> {
  const body = (await response.json().catch(() => ({}))) as { message?: string; code?: string };
  const retryAfter = Number(response.headers.get('X-Retry-After'));
  return new AuthRequestError(
    response.status,
    body.message || response.statusText || `HTTP ${response.status}`,
    body.code,
    Number.isFinite(retryAfter) && retryAfter > 0 ? retryAfter : undefined,
  );
}

async function call<T>(path: string, options: CallOptions = {}): Promise<T> {
  const method = options.method ?? 'POST';
  const response = await fetch(`/api/auth${path}`, {
    method,
    credentials: 'same-origin',
    headers: {
      ...(method === 'POST' ? { 'content-type': 'application/json' } : {}),
      ...options.headers,
    },
    ...(method === 'POST' ? { body: JSON.stringify(options.body ?? {}) } : {}),
  });
  if (!response.ok) {
    if (response.status === 401 && options.session) emitApiSignal('unauthorized');
    throw await refusal(response);
  }
  return (await response.json()) as T;
}

/** An API token as listed: the secret itself is only in the answer that created it. */
export interface ApiToken {
  id: string;
  name: string | null;
  /** The first characters of the key, prefix included, to recognise it by. */
  start: string | null;
  createdAt: string;
  expiresAt: string | null;
  lastRequest: string | null;
}

export interface SignUpInput {
  name: string;
  email: string;
  password: string;
}

/** better-auth's endpoints, as the web app uses them (cookies carry the session). */
export const authApi = {
  signIn: (input: { email: string; password: string }) => call('/sign-in/email', { body: input }),
  /** With an invitation token, the new account joins the invitation's workspace. */
  signUp: (input: SignUpInput, invitationToken?: string) =>
    call('/sign-up/email', {
      body: input,
      ...(invitationToken ? { headers: { [INVITATION_HEADER]: invitationToken } } : {}),
    }),
  signOut: () => call('/sign-out'),
  /** Ends every session of the signed-in user, this one included. */
  revokeSessions: () => call('/revoke-sessions', { session: true }),
  createApiToken: (input: { name: string; expiresIn?: number }) =>
    call<ApiToken & { key: string }>('/api-key/create', { body: input, session: true }),
  listApiTokens: () =>
    call<{ apiKeys: ApiToken[] }>('/api-key/list', { method: 'GET', session: true }).then(
      (answer) => answer.apiKeys,
    ),
  deleteApiToken: (keyId: string) => call('/api-key/delete', { body: { keyId }, session: true }),
};
