import { useQueryClient } from '@tanstack/react-query';
import { ArrowLeft, Eye, OctagonX, Play, Square } from 'lucide-react';
import { useEffect, useRef, useState } from 'react';
import { Button } from '../../components/Button';
import { navigate, useRoute } from '../../lib/route';
import { useGraphAccess } from '../workspaces/graphAccess';
import { useEditorStore } from '../editor/editorStore';
import { ConnectionIndicator } from './ConnectionIndicator';
import { RunDialog } from './RunDialog';
import { RunHistoryMenu } from './RunHistoryMenu';
import { shortId } from './runFormat';
import { closeRun, showRun, shownRunId } from './runSession';
import { useRunView } from './runStore';
import { useCancelRun, useTerminateRun } from './useRunActions';
import { runsListKey } from './useRunsList';

/** Keeps the shown run in step with the route: `#/graphs/:id/runs/:runId` opens one read-only. */
function useRouteRun(): string | undefined {
  const route = useRoute();
  const routeRunId = route.page === 'editor' ? route.runId : undefined;
  const opened = useRef<string | undefined>(undefined);
  useEffect(() => {
    if (routeRunId) {
      opened.current = routeRunId;
      void showRun(routeRunId, { readOnly: true });
      useRunView.getState().reveal();
    } else if (opened.current && shownRunId() === opened.current) {
      // Left the run's address: back to editing, without the past run's states.
      opened.current = undefined;
      closeRun();
    }
  }, [routeRunId]);
  useEffect(() => () => closeRun(), []);
  return routeRunId;
}

/** Run button, run dialog, cancel, live indicator and run history for the open graph. */
export function RunControls() {
  const graphId = useEditorStore((state) => state.graphId);
  const routeRunId = useRouteRun();
  const [open, setOpen] = useState(false);
  const runId = useRunView((state) => state.runId);
  const status = useRunView((state) => state.run?.status);
  const readOnly = useRunView((state) => state.readOnly);
  const version = useRunView((state) => state.run?.graphVersion);
  const executor = useRunView((state) => state.run?.executor);
  const cancel = useCancelRun();
  const terminate = useTerminateRun();
  // Runners and above run, cancel and terminate; the history stays readable to everyone.
  const canRun = useGraphAccess((state) => state.run);
  const queryClient = useQueryClient();
  useEffect(() => {
    // A run that ends changes the history's statuses and durations.
    if (graphId && status && status !== 'running')
      void queryClient.invalidateQueries({ queryKey: runsListKey(graphId) });
  }, [graphId, status, queryClient]);
  if (!graphId) return null;

  const started = (newRunId: string) => {
    setOpen(false);
    if (routeRunId) navigate({ page: 'editor', graphId });
    void showRun(newRunId, { readOnly: false });
    useRunView.getState().reveal();
  };
  return (
    <div className="flex items-center gap-1.5">
      {routeRunId && readOnly && (
        <span
          data-testid="run-readonly"
          className="inline-flex items-center gap-1.5 rounded-md bg-slate-100 px-2 py-1 text-xs text-slate-700 dark:bg-slate-800 dark:text-slate-200"
        >
          <Eye aria-hidden className="size-3.5" />
          Viewing run {shortId(routeRunId)}
          {version === undefined ? '' : ` (version ${version})`} — read-only
          <button
            type="button"
            className="inline-flex items-center gap-0.5 rounded px-1 py-0.5 font-medium text-sky-700 hover:bg-slate-200 dark:text-sky-300 dark:hover:bg-slate-700"
            onClick={() => navigate({ page: 'editor', graphId })}
          >
            <ArrowLeft aria-hidden className="size-3" />
            Back to editing
          </button>
        </span>
      )}
      {runId && <ConnectionIndicator />}
      {canRun && runId && status === 'running' && (
        <Button
          variant="secondary"
          disabled={cancel.isPending}
          icon={<Square aria-hidden className="size-3.5" />}
          onClick={() => cancel.mutate(runId)}
        >
          {cancel.isPending ? 'Cancelling…' : 'Cancel run'}
        </Button>
      )}
      {canRun && runId && status === 'running' && executor === 'temporal' && (
        <Button
          variant="secondary"
          disabled={terminate.isPending}
          title="Stop the workflow at once, without letting its nodes clean up"
          icon={<OctagonX aria-hidden className="size-3.5" />}
          onClick={() => terminate.mutate(runId)}
        >
          {terminate.isPending ? 'Terminating…' : 'Terminate'}
        </Button>
      )}
      <RunHistoryMenu graphId={graphId} />
      {canRun && (
        <>
          <Button
            variant="primary"
            icon={<Play aria-hidden className="size-4" />}
            onClick={() => setOpen(true)}
          >
            Run
          </Button>
          <RunDialog graphId={graphId} open={open} onOpenChange={setOpen} onStarted={started} />
        </>
      )}
    </div>
  );
}
