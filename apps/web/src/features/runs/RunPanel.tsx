import { useEffect } from 'react';
import { useEditorStore } from '../editor/editorStore';
import { RunTrace } from '../observability/RunTrace';
import { ApprovalCard } from './ApprovalCard';
import { ConnectionIndicator } from './ConnectionIndicator';
import { JsonBlock, Section } from './JsonBlock';
import { NodeRunDetails } from './NodeRunDetails';
import { formatDuration, RUN_STATUS, runDurationMs, shortId } from './runFormat';
import { useRunView } from './runStore';
import { RunTimeline } from './RunTimeline';
import type { RunSummary, WaitingApproval } from './runTypes';
import { useNodeLabel } from './useNodeLabel';
import { useNow } from './useNow';
import { UserName } from '../workspaces/UserName';

/** The panel of the run shown on the canvas: timeline, node details, approvals (the runs feature). */
export function RunPanel() {
  const run = useRunView((state) => state.run);
  const connection = useRunView((state) => state.connection);
  useFollowCanvasSelection();
  if (!run) {
    return (
      <div className="p-4 text-sm text-slate-500">
        {connection === 'connecting' ? (
          'Loading the run…'
        ) : connection === 'error' ? (
          <span role="alert" className="text-red-600">
            {useRunView.getState().connectionError ?? 'The run could not be loaded.'}
          </span>
        ) : (
          'No run shown. Press Run to start one, or open a past run from the run history.'
        )}
      </div>
    );
  }
  return <RunView run={run} />;
}

/** Selecting one node on the canvas shows its run details here. */
function useFollowCanvasSelection(): void {
  const selected = useEditorStore((state) =>
    state.selectedNodeIds.length === 1 ? state.selectedNodeIds[0] : undefined,
  );
  useEffect(() => {
    if (selected) useRunView.getState().selectNode(selected);
  }, [selected]);
}

function RunView({ run }: { run: RunSummary }) {
  const running = run.status === 'running';
  const now = useNow(running);
  const approvals = useRunView((state) => state.approvals);
  const selected = useRunView((state) => state.selectedNodeId);
  const runId = useRunView((state) => state.runId) as string;
  const from = Date.parse(run.createdAt);
  const to = run.finishedAt ? Date.parse(run.finishedAt) : now;
  return (
    <div data-testid="run-panel" data-run-id={run.id} className="flex flex-col gap-4 p-3">
      <RunHeader run={run} now={now} />
      {Object.values(approvals).map((approval) => (
        <PanelApproval key={approval.nodeId} runId={runId} approval={approval} />
      ))}
      <Section title="Timeline">
        <RunTimeline from={from} to={to} now={now} />
      </Section>
      {selected ? (
        <NodeRunDetails nodeId={selected} />
      ) : (
        <p className="text-xs text-slate-500">Choose a node in the timeline or on the canvas.</p>
      )}
      {run.status === 'succeeded' && (
        <Section title="Run output">
          <JsonBlock value={run.output} label="Run output" />
        </Section>
      )}
      <RunTrace runId={run.id} status={run.status} />
    </div>
  );
}

function PanelApproval({ runId, approval }: { runId: string; approval: WaitingApproval }) {
  const label = useNodeLabel(approval.nodeId);
  return <ApprovalCard runId={runId} approval={approval} label={label} />;
}

function RunHeader({ run, now }: { run: RunSummary; now: number }) {
  const look = RUN_STATUS[run.status];
  return (
    <header className="flex flex-col gap-1">
      <div className="flex items-center gap-2">
        <span
          data-testid="run-status"
          data-status={run.status}
          className={`inline-flex items-center gap-1 text-sm font-semibold ${look.text}`}
        >
          <look.Icon aria-hidden className={`size-4 ${look.spin ? 'animate-spin' : ''}`} />
          {look.label}
        </span>
        <span className="text-xs text-slate-500 tabular-nums">
          {formatDuration(runDurationMs(run, now))}
        </span>
        <span className="flex-1" />
        <ConnectionIndicator />
      </div>
      <p className="text-xs text-slate-500">
        Run {shortId(run.id)} · version {run.graphVersion} · {run.executor} · by{' '}
        <UserName id={run.startedBy} workspaceId={run.workspaceId} />
        {' · '}
        {new Date(run.createdAt).toLocaleString()}
      </p>
      {run.error && (
        <p
          role="alert"
          data-testid="run-error"
          className="rounded-md bg-red-50 p-2 text-xs text-red-800 dark:bg-red-950 dark:text-red-200"
        >
          <span className="font-mono font-semibold">{run.error.code}</span> {run.error.message}
        </p>
      )}
    </header>
  );
}
