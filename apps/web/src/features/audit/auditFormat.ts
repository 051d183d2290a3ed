import type { RouterOutputs } from '@beluga/api';

export type AuditEntry = RouterOutputs['audit']['list']['entries'][number];

const ACTIONS: Record<string, string> = {
  'graph.share': 'Shared a graph',
  'graph.unshare': 'Stopped sharing a graph',
  'graph.delete': 'Deleted a graph',
  'link.create': 'Created a share link',
  'link.revoke': 'Revoked a share link',
  'member.invite': 'Invited someone',
  'member.role': 'Changed a role',
  'member.remove': 'Removed a member',
};

const text = (value: unknown): string | undefined =>
  typeof value === 'string' || typeof value === 'number' ? String(value) : undefined;

/** "Shared a graph"; an action this page does not know yet shows as its code. */
export function actionLabel(action: string): string {
  return ACTIONS[action] ?? action;
}

/**
 * What the entry is about: a member by name, a graph by the name it had then, else its type and
 * short id.
 */
export function targetLabel(
  entry: Pick<AuditEntry, 'targetType' | 'targetId' | 'targetName' | 'details'>,
) {
  if (entry.targetName) return `${entry.targetType} ${entry.targetName}`;
  const details = entry.details ?? {};
  const name =
    text(details.graphName) ?? (entry.targetType === 'graph' ? text(details.name) : undefined);
  if (name) return `${entry.targetType} “${name}”`;
  return `${entry.targetType} ${entry.targetId.slice(0, 8)}`;
}

/** The details in words where the action is known, else its plain values as `key: value`. */
export function detailsText(entry: Pick<AuditEntry, 'action' | 'details'>): string {
  const d = entry.details ?? {};
  switch (entry.action) {
    case 'graph.share':
      return `with ${text(d.workspaceName) ?? text(d.workspaceId)} as ${text(d.access)}${d.previous ? ` (was ${text(d.previous)})` : ''}`;
    case 'graph.unshare':
      return `with ${text(d.workspaceName) ?? text(d.workspaceId)} (was ${text(d.access)})`;
    case 'member.role':
      return `${text(d.from)} → ${text(d.to)}`;
    case 'member.invite':
      return `${text(d.email)} as ${text(d.role)}`;
    case 'member.remove':
      return `was ${text(d.role)}`;
    case 'graph.delete':
      return `at version ${text(d.version)}`;
    default:
      return Object.entries(d)
        .filter(([, value]) => text(value) !== undefined)
        .map(([key, value]) => `${key}: ${text(value)}`)
        .join(', ');
  }
}
