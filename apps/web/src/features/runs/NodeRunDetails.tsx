import { useMemo } from 'react';
import { ApprovalCard } from './ApprovalCard';
import { JsonBlock, Section } from './JsonBlock';
import { progressParts } from './progressParts';
import { formatDuration, NODE_STATUS } from './runFormat';
import { useRunView } from './runStore';
import type { AttemptSpan, NodeRunState } from './runTypes';
import { useNodeLabel } from './useNodeLabel';

/**
 * Everything the shown run knows of one node: status, attempts, error, streamed output (LLM
 * tokens as they arrive), logs, input and output. The editor's inspector may embed it too.
 */
export function NodeRunDetails({ nodeId }: { nodeId: string }) {
  const node = useRunView((state) => state.nodes[nodeId]);
  const runId = useRunView((state) => state.runId);
  const spans = useRunView((state) => state.attempts[nodeId]);
  const approval = useRunView((state) => state.approvals[nodeId]);
  const label = useNodeLabel(nodeId);
  if (!node || !runId) return null;
  const look = NODE_STATUS[node.status];
  return (
    <div data-testid="node-run-details" data-node-id={nodeId} className="flex flex-col gap-3">
      <header className="flex flex-col gap-0.5">
        <h2 className="truncate text-sm font-semibold">{label}</h2>
        <p className={`flex items-center gap-1.5 text-xs ${look.text}`}>
          <look.Icon aria-hidden className={`size-3.5 ${look.spin ? 'animate-spin' : ''}`} />
          <span data-testid="node-run-status">{look.label}</span>
          <span className="text-slate-500">
            · {node.type}
            {node.attempt > 1 ? ` · attempt ${node.attempt}` : ''}
            {node.durationMs === undefined ? '' : ` · ${formatDuration(node.durationMs)}`}
          </span>
        </p>
      </header>
      {approval && <ApprovalCard runId={runId} approval={approval} label={label} compact />}
      {node.error && <ErrorBox node={node} />}
      <ProgressView progress={node.progress} live={node.status === 'running'} />
      {spans && spans.length > 0 && <Attempts spans={spans} />}
      <Section title="Input">
        <JsonBlock value={node.input} label="Input" />
      </Section>
      <Section title="Output">
        <JsonBlock value={node.output} label="Output" />
      </Section>
    </div>
  );
}

function ErrorBox({ node }: { node: NodeRunState }) {
  const error = node.error;
  if (!error) return null;
  const earlier = node.status !== 'failed';
  return (
    <Section title={earlier ? 'Error of an earlier attempt' : 'Error'}>
      <div
        data-testid="node-run-error"
        className="rounded-md border border-red-300 bg-red-50 p-2 text-xs text-red-800 dark:border-red-800 dark:bg-red-950 dark:text-red-200"
      >
        <p className="font-mono font-semibold">{error.code}</p>
        <p className="mt-1 whitespace-pre-wrap">{error.message}</p>
        <p className="mt-1 text-red-700/80 dark:text-red-300/80">
          {error.retryable ? 'Retryable' : 'Not retryable'}
        </p>
      </div>
    </Section>
  );
}

function ProgressView({ progress, live }: { progress: readonly unknown[]; live: boolean }) {
  const parts = useMemo(() => progressParts(progress), [progress]);
  return (
    <>
      {parts.hasText && (
        <Section title={live ? 'Streaming output' : 'Streamed output'}>
          <pre
            data-testid="node-run-stream"
            aria-live="polite"
            className="max-h-60 overflow-auto rounded-md bg-slate-50 p-2 text-xs whitespace-pre-wrap dark:bg-slate-950"
          >
            {parts.text}
            {live && (
              <span
                aria-hidden
                className="ml-0.5 inline-block h-3 w-1.5 animate-pulse bg-sky-500"
              />
            )}
          </pre>
        </Section>
      )}
      {parts.logs.length > 0 && (
        <Section title="Logs">
          <ol
            data-testid="node-run-logs"
            className="max-h-60 overflow-auto rounded-md bg-slate-50 p-2 font-mono text-[11px] dark:bg-slate-950"
          >
            {parts.logs.map((line, i) => (
              <li
                key={i}
                className={
                  line.level === 'error'
                    ? 'text-red-600'
                    : line.level === 'warn'
                      ? 'text-amber-600'
                      : ''
                }
              >
                <span className="text-slate-400">[{line.level}]</span> {line.text}
              </li>
            ))}
          </ol>
        </Section>
      )}
      {parts.other.length > 0 && (
        <Section title="Progress">
          <JsonBlock value={parts.other} label="Progress" />
        </Section>
      )}
    </>
  );
}

const OUTCOME_TEXT: Record<AttemptSpan['outcome'], string> = {
  running: 'running',
  retried: 'failed, retried',
  succeeded: 'succeeded',
  failed: 'failed',
  cancelled: 'cancelled',
};

function Attempts({ spans }: { spans: readonly AttemptSpan[] }) {
  return (
    <Section title="Attempts">
      <ol data-testid="node-run-attempts" className="flex flex-col gap-1 text-xs">
        {spans.map((span) => (
          <li key={`${span.attempt}-${span.startedAt}`} className="flex flex-col">
            <span>
              {span.merged ? `Attempts 1–${span.attempt}` : `Attempt ${span.attempt}`}:{' '}
              {OUTCOME_TEXT[span.outcome]}
              {span.endedAt === undefined
                ? ''
                : ` after ${formatDuration(span.endedAt - span.startedAt)}`}
              {span.delayMs === undefined ? '' : `, next in ${formatDuration(span.delayMs)}`}
            </span>
            {span.error && span.outcome === 'retried' && (
              <span className="text-red-600">
                {span.error.code}: {span.error.message}
              </span>
            )}
          </li>
        ))}
      </ol>
    </Section>
  );
}
