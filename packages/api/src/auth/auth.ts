import { apiKey } from '@better-auth/api-key';
import { schema, type Database } from '@beluga/db';
import { betterAuth } from 'better-auth';
import { drizzleAdapter } from 'better-auth/adapters/drizzle';
import { APIError } from 'better-auth/api';
import { fromNodeHeaders, toNodeHandler } from 'better-auth/node';
import { createHash, randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { ApiUser } from '../context.js';

/** The header the server sets to the client's address, which the rate limiter keys on. */
export const CLIENT_IP_HEADER = 'x-beluga-client-ip';
/** The header a sign-up carries its invitation token in (sign-up is by invitation by default). */
export const INVITATION_HEADER = 'x-beluga-invitation';

export interface AuthOptions {
  db: Database;
  /** Signs session cookies; at least 32 characters (see loadAuthSecret). */
  secret: string;
  /**
   * `invite` (default): after the first account, signing up needs an invitation to a workspace.
   * `open`: anyone who reaches the server may sign up (and gets a workspace of their own).
   */
  signUp?: 'invite' | 'open';
  /** Sign-in attempts allowed per client address and per minute. Default 10. */
  signInPerMinute?: number;
  /** Cookies with the Secure flag (serve over https). Default false. */
  secureCookies?: boolean;
  /** How long a session lasts without use, in seconds. Default 7 days. */
  sessionSeconds?: number;
}

/** SHA-256 hex of a token: what is stored for invitation and share-link tokens. */
export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

function requestOrigin(request: Request | undefined): string[] {
  if (!request) return [];
  // The page calls the server it was served from: its own origin is the one trusted origin.
  const host = request.headers.get('host');
  const url = new URL(request.url);
  return host ? [`${url.protocol}//${host}`] : [url.origin];
}

function refuse(message: string): never {
  throw new APIError('FORBIDDEN', { message });
}

/**
 * Accounts on better-auth: email and password (scrypt), sessions in httpOnly SameSite=Lax
 * cookies stored in the database, API tokens (`x-api-key` or `Authorization: Bearer`), sign-in
 * rate limits kept in the database, origin checks against cross-site requests.
 */
export function createAuth(options: AuthOptions) {
  const { db } = options;
  const invitationOf = async (headers: Headers | undefined) => {
    const token = headers?.get(INVITATION_HEADER);
    return token ? db.teams.findInvitation(hashToken(token)) : undefined;
  };
  const signInMax = options.signInPerMinute ?? 10;
  const auth = betterAuth({
    secret: options.secret,
    basePath: '/api/auth',
    database: drizzleAdapter(db.orm, {
      provider: 'pg',
      schema: {
        user: schema.users,
        session: schema.sessions,
        account: schema.accounts,
        verification: schema.verifications,
        apikey: schema.apiKeys,
        rateLimit: schema.rateLimits,
      },
    }),
    emailAndPassword: {
      enabled: true,
      minPasswordLength: 10,
      maxPasswordLength: 200,
      autoSignIn: true,
    },
    session: {
      expiresIn: options.sessionSeconds ?? 7 * 24 * 3600,
      updateAge: 24 * 3600,
    },
    trustedOrigins: (request) => requestOrigin(request),
    rateLimit: {
      enabled: true,
      storage: 'database',
      window: 60,
      max: 300,
      customRules: {
        '/sign-in/email': { window: 60, max: signInMax },
        '/sign-up/email': { window: 60, max: signInMax },
      },
    },
    advanced: {
      useSecureCookies: options.secureCookies ?? false,
      cookiePrefix: 'beluga',
      defaultCookieAttributes: { httpOnly: true, sameSite: 'lax' },
      ipAddress: { ipAddressHeaders: [CLIENT_IP_HEADER] },
      database: { generateId: () => randomUUID() },
    },
    telemetry: { enabled: false },
    logger: { disabled: true },
    databaseHooks: {
      user: {
        create: {
          before: async (user, context) => {
            if ((await db.teams.countUsers()) === 0 || options.signUp === 'open') return;
            const invitation = await invitationOf(context?.headers);
            if (!invitation || invitation.acceptedAt || invitation.revokedAt)
              refuse('Sign-up is by invitation: ask a workspace admin for an invitation link');
            if (invitation.expiresAt.getTime() <= Date.now())
              refuse('This invitation has expired: ask for a new one');
            if (invitation.email.toLowerCase() !== user.email.toLowerCase())
              refuse(`This invitation is for ${invitation.email}: sign up with that address`);
          },
          after: async (user, context) => {
            const owner = await db.teams.claimInstance(user.id);
            await db.teams.createWorkspace({
              id: randomUUID(),
              name: `${user.name}'s workspace`.slice(0, 200),
              ownerId: user.id,
            });
            // The instance's owner also gets what was stored before accounts existed.
            if (owner) await db.teams.claimOrphanWorkspaces(user.id);
            const token = context?.headers?.get(INVITATION_HEADER);
            if (token) await db.teams.acceptInvitation(hashToken(token), user.id);
          },
        },
      },
    },
    plugins: [
      apiKey({
        enableSessionForAPIKeys: true,
        defaultPrefix: 'blg_',
        apiKeyHeaders: ['x-api-key'],
        customAPIKeyGetter: (ctx: { headers?: Headers | undefined }) => {
          const header = ctx.headers?.get('authorization') ?? '';
          const bearer = /^Bearer\s+(\S+)$/i.exec(header)?.[1];
          return bearer ?? ctx.headers?.get('x-api-key') ?? null;
        },
        rateLimit: { enabled: false },
      }),
    ],
  });

  const nodeHandler = toNodeHandler(auth);
  return {
    auth,
    /** Serves /api/auth/*: sign-up, sign-in, sign-out, sessions, API keys. */
    handle(request: IncomingMessage, response: ServerResponse): Promise<void> {
      return nodeHandler(request, response);
    },
    /** The signed-in user of a request (session cookie or API token), or null. */
    async userOf(headers: IncomingMessage['headers']): Promise<ApiUser | null> {
      let session;
      try {
        session = await auth.api.getSession({ headers: fromNodeHeaders(headers) });
      } catch (error) {
        // An unknown, expired or deleted API token: the caller is not signed in. Anything else
        // (the database gone) is the server's failure, not the caller's.
        if (error instanceof APIError && error.statusCode >= 400 && error.statusCode < 500)
          return null;
        throw error;
      }
      if (!session) return null;
      const { id, name, email } = session.user;
      return { id, name, email };
    },
  };
}

export type Auth = ReturnType<typeof createAuth>;
