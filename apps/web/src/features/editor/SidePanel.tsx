import { Tabs } from 'radix-ui';
import { useEffect, useRef, useState } from 'react';
import { RunPanel } from '../runs/RunPanel';
import { useRunView } from '../runs/runStore';
import { useEditorStore } from './editorStore';
import { Inspector } from './inspector/Inspector';
import type { EditorActions } from './useEditorActions';
import { ProblemsPanel } from './validation/ProblemsPanel';
import { useValidation } from './validation/validationStore';

const TAB =
  'flex-1 border-b-2 border-transparent px-2 py-2 text-xs font-medium text-slate-500 hover:text-slate-800 focus-visible:ring-2 focus-visible:ring-sky-500 focus-visible:outline-none data-[state=active]:border-sky-600 data-[state=active]:text-slate-900 dark:hover:text-slate-100 dark:data-[state=active]:text-slate-100';

/** Starting or opening a run (the run store's `revealCount` moves) shows the run tab. */
function useRevealRun(setTab: (tab: string) => void): void {
  const revealCount = useRunView((state) => state.revealCount);
  const seen = useRef(revealCount);
  useEffect(() => {
    if (seen.current === revealCount) return;
    seen.current = revealCount;
    setTab('run');
  }, [revealCount, setTab]);
}

/** The right-hand panel: inspector, problems, and the runs feature's panel. */
export function SidePanel({ actions }: { actions: EditorActions }) {
  const [tab, setTab] = useState('inspector');
  const count = useValidation((state) => state.problems.length);
  const selected = useEditorStore((state) => state.selectedNodeIds.length);
  // Selecting a node shows it in the inspector (unless the run panel is open).
  useEffect(() => {
    if (selected > 0) setTab((current) => (current === 'run' ? current : 'inspector'));
  }, [selected]);
  useRevealRun(setTab);
  return (
    <Tabs.Root value={tab} onValueChange={setTab} className="flex h-full flex-col">
      <Tabs.List
        aria-label="Side panel"
        className="flex shrink-0 border-b border-slate-200 dark:border-slate-800"
      >
        <Tabs.Trigger value="inspector" className={TAB}>
          Inspector
        </Tabs.Trigger>
        <Tabs.Trigger value="problems" className={TAB}>
          Problems
          {count > 0 && (
            <span className="ml-1 rounded-full bg-red-100 px-1.5 text-[10px] text-red-700 dark:bg-red-900 dark:text-red-200">
              {count}
            </span>
          )}
        </Tabs.Trigger>
        <Tabs.Trigger value="run" className={TAB}>
          Run
        </Tabs.Trigger>
      </Tabs.List>
      <Tabs.Content value="inspector" className="min-h-0 flex-1 overflow-y-auto">
        <Inspector />
      </Tabs.Content>
      <Tabs.Content value="problems" className="min-h-0 flex-1 overflow-y-auto">
        <ProblemsPanel actions={actions} />
      </Tabs.Content>
      <Tabs.Content value="run" className="min-h-0 flex-1 overflow-y-auto">
        <RunPanel />
      </Tabs.Content>
    </Tabs.Root>
  );
}
