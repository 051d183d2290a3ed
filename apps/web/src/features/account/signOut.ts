import { authApi } from '../../lib/authClient';

/**
 * Signs out (this session, or every session of the user) and reloads the app at its start:
 * nothing the user saw stays in memory for whoever uses the browser next.
 */
export async function signOut(everywhere = false): Promise<void> {
  await (everywhere ? authApi.revokeSessions() : authApi.signOut());
  window.location.replace(`${window.location.pathname}#/`);
  window.location.reload();
}
