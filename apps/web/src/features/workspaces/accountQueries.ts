import { api } from '../../lib/trpc';

/** Query keys of who is signed in; invalidating ['account'] refreshes both. */
export const STATUS_KEY = ['account', 'status'] as const;
export const ME_KEY = ['account', 'me'] as const;

export const membersKey = (workspaceId: string) => ['workspaces', 'members', workspaceId] as const;
export const invitationsKey = (workspaceId: string) =>
  ['workspaces', 'invitations', workspaceId] as const;

export const fetchStatus = () => api.account.status.query();
export const fetchMe = () => api.account.me.query();
