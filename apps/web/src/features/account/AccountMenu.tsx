import { CircleUser, LogOut, Settings } from 'lucide-react';
import { DropdownMenu } from 'radix-ui';
import { toast } from '../../components/toast';
import { navigate } from '../../lib/route';
import { useWorkspace } from '../workspaces/WorkspaceContext';
import { MENU_CONTENT, MENU_ITEM, MENU_TRIGGER } from '../workspaces/WorkspaceSwitcher';
import { authErrorMessage } from './authMessages';
import { signOut } from './signOut';

/** The header's account menu: who is signed in, their settings, sign out. */
export function AccountMenu() {
  const { me } = useWorkspace();
  const leave = () =>
    signOut().catch((error: unknown) =>
      toast({ tone: 'error', title: 'Could not sign out', description: authErrorMessage(error) }),
    );
  return (
    <DropdownMenu.Root>
      <DropdownMenu.Trigger className={MENU_TRIGGER} aria-label={`Account: ${me.user.name}`}>
        <CircleUser aria-hidden className="size-4" />
        <span className="max-w-40 truncate">{me.user.name}</span>
      </DropdownMenu.Trigger>
      <DropdownMenu.Portal>
        <DropdownMenu.Content align="end" sideOffset={4} className={MENU_CONTENT}>
          <DropdownMenu.Label className="px-2 py-1 text-xs text-slate-500">
            {me.user.email}
          </DropdownMenu.Label>
          <DropdownMenu.Item
            className={MENU_ITEM}
            onSelect={() => navigate({ page: 'settings', section: 'account' })}
          >
            <Settings aria-hidden className="size-4" /> Account settings
          </DropdownMenu.Item>
          <DropdownMenu.Item className={MENU_ITEM} onSelect={() => void leave()}>
            <LogOut aria-hidden className="size-4" /> Sign out
          </DropdownMenu.Item>
        </DropdownMenu.Content>
      </DropdownMenu.Portal>
    </DropdownMenu.Root>
  );
}
