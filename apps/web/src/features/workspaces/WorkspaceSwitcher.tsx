import { Building2, Check, ChevronDown, KeyRound, Plus, ScrollText, Settings } from 'lucide-react';
import { DropdownMenu } from 'radix-ui';
import { useState } from 'react';
import { Dialog } from '../../components/Dialog';
import { toast } from '../../components/toast';
import { navigate, useRoute } from '../../lib/route';
import { NewWorkspaceForm } from './NewWorkspaceForm';
import { roleCan } from './permissions';
import { useWorkspace } from './WorkspaceContext';

export const MENU_CONTENT =
  'z-50 min-w-56 rounded-md border border-slate-200 bg-white p-1 text-slate-800 shadow-lg dark:border-slate-700 dark:bg-slate-900 dark:text-slate-100';
export const MENU_ITEM =
  'flex cursor-default items-center gap-2 rounded px-2 py-1.5 text-sm outline-none select-none data-[highlighted]:bg-slate-100 dark:data-[highlighted]:bg-slate-800';
export const MENU_TRIGGER =
  'flex items-center gap-1.5 rounded px-2 py-1 text-sm hover:bg-slate-100 focus-visible:ring-2 focus-visible:ring-sky-500 focus-visible:outline-none dark:hover:bg-slate-800';

/** The header's workspace menu: the current one and the user's role in it, switch, create. */
export function WorkspaceSwitcher() {
  const { me, current, select } = useWorkspace();
  const route = useRoute();
  const [creating, setCreating] = useState(false);
  const switchTo = (workspaceId: string) => {
    if (workspaceId === current.workspaceId) return;
    select(workspaceId);
    // A graph stays open across a switch only by address; the list is what the switch is for.
    if (route.page === 'editor') navigate({ page: 'graphs' });
  };
  return (
    <>
      <DropdownMenu.Root>
        <DropdownMenu.Trigger
          className={MENU_TRIGGER}
          aria-label={`Workspace: ${current.name}, your role: ${current.role}`}
          data-testid="workspace-switcher"
        >
          <Building2 aria-hidden className="size-4 text-slate-500" />
          <span className="max-w-48 truncate font-medium">{current.name}</span>
          <span className="rounded bg-slate-100 px-1.5 text-xs text-slate-600 dark:bg-slate-800 dark:text-slate-300">
            {current.role}
          </span>
          <ChevronDown aria-hidden className="size-3" />
        </DropdownMenu.Trigger>
        <DropdownMenu.Portal>
          <DropdownMenu.Content align="start" sideOffset={4} className={MENU_CONTENT}>
            <DropdownMenu.Label className="px-2 py-1 text-xs font-semibold text-slate-500">
              Your workspaces
            </DropdownMenu.Label>
            <DropdownMenu.RadioGroup value={current.workspaceId} onValueChange={switchTo}>
              {me.workspaces.map((workspace) => (
                <DropdownMenu.RadioItem
                  key={workspace.workspaceId}
                  value={workspace.workspaceId}
                  className={MENU_ITEM}
                >
                  <span className="flex size-4 items-center">
                    <DropdownMenu.ItemIndicator>
                      <Check aria-hidden className="size-4" />
                    </DropdownMenu.ItemIndicator>
                  </span>
                  <span className="min-w-0 flex-1 truncate">{workspace.name}</span>
                  <span className="text-xs text-slate-500">{workspace.role}</span>
                </DropdownMenu.RadioItem>
              ))}
            </DropdownMenu.RadioGroup>
            <DropdownMenu.Separator className="my-1 h-px bg-slate-200 dark:bg-slate-700" />
            <DropdownMenu.Item
              className={MENU_ITEM}
              onSelect={() => navigate({ page: 'settings', section: 'workspace' })}
            >
              <Settings aria-hidden className="size-4" /> Workspace settings
            </DropdownMenu.Item>
            <DropdownMenu.Item
              className={MENU_ITEM}
              onSelect={() => navigate({ page: 'settings', section: 'credentials' })}
            >
              <KeyRound aria-hidden className="size-4" /> Credentials
            </DropdownMenu.Item>
            {roleCan(current.role, 'manage') && (
              <DropdownMenu.Item
                className={MENU_ITEM}
                onSelect={() => navigate({ page: 'settings', section: 'audit' })}
              >
                <ScrollText aria-hidden className="size-4" /> Audit log
              </DropdownMenu.Item>
            )}
            <DropdownMenu.Item className={MENU_ITEM} onSelect={() => setCreating(true)}>
              <Plus aria-hidden className="size-4" /> New workspace…
            </DropdownMenu.Item>
          </DropdownMenu.Content>
        </DropdownMenu.Portal>
      </DropdownMenu.Root>
      <Dialog open={creating} onOpenChange={setCreating} title="New workspace">
        <NewWorkspaceForm
          onCancel={() => setCreating(false)}
          onCreated={(workspaceId) => {
            setCreating(false);
            switchTo(workspaceId);
            toast({ tone: 'success', title: 'Workspace created: you are its owner' });
          }}
        />
      </Dialog>
    </>
  );
}
