import { Fragment } from 'react';
import { Dialog } from '../../../components/Dialog';
import { Kbd } from '../../../components/Kbd';
import { SHORTCUTS } from './shortcutList';

/** The cheat sheet of keyboard shortcuts (opened with `?`). */
export function ShortcutsDialog({
  open,
  onOpenChange,
}: {
  open: boolean;
  onOpenChange: (open: boolean) => void;
}) {
  return (
    <Dialog open={open} onOpenChange={onOpenChange} title="Keyboard shortcuts" width="max-w-xl">
      <div className="grid gap-4 sm:grid-cols-2">
        {SHORTCUTS.map((group) => (
          <section key={group.group}>
            <h3 className="mb-1.5 text-xs font-semibold tracking-wide text-slate-500 uppercase">
              {group.group}
            </h3>
            <dl className="grid grid-cols-[auto_1fr] gap-x-3 gap-y-1.5 text-sm">
              {group.items.map((item) => (
                <Fragment key={item.does}>
                  <dt className="flex items-center gap-0.5 whitespace-nowrap">
                    {item.keys.map((key, i) => (
                      <Fragment key={key}>
                        {i > 0 && <span className="text-slate-400">+</span>}
                        <Kbd>{key}</Kbd>
                      </Fragment>
                    ))}
                  </dt>
                  <dd className="text-slate-700 dark:text-slate-300">{item.does}</dd>
                </Fragment>
              ))}
            </dl>
          </section>
        ))}
      </div>
    </Dialog>
  );
}
