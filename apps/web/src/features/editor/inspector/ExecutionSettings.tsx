import type { GraphNode } from '@beluga/graph';
import { CheckboxField, NumberField } from './fields';

export interface ExecutionSettingsProps {
  node: GraphNode;
  onChange: (change: (node: GraphNode) => GraphNode) => void;
}

const NONE: readonly string[] = [];

function withRetry(
  node: GraphNode,
  key: 'maxAttempts' | 'initialDelayMs',
  value: number | undefined,
): GraphNode {
  const retry = { ...node.retry };
  if (value === undefined) delete retry[key];
  else retry[key] = value;
  const { retry: _old, ...rest } = node;
  return Object.keys(retry).length > 0 ? { ...rest, retry } : rest;
}

/** Retry policy, timeout and continue-on-error: how the engine treats this node's failures. */
export function ExecutionSettings({ node, onChange }: ExecutionSettingsProps) {
  return (
    <fieldset className="flex flex-col gap-3 rounded-md border border-slate-200 p-3 dark:border-slate-800">
      <legend className="px-1 text-xs font-semibold">Execution</legend>
      <NumberField
        label="Timeout (ms)"
        description="Fail the attempt after this long. Empty: no timeout."
        integer
        min={1}
        errors={NONE}
        value={node.timeoutMs}
        onChange={(timeoutMs) =>
          onChange((n) => {
            const { timeoutMs: _old, ...rest } = n;
            return timeoutMs === undefined ? rest : { ...rest, timeoutMs };
          })
        }
      />
      <NumberField
        label="Retry: attempts in total"
        description="1 means no retry. Retries back off exponentially."
        integer
        min={1}
        max={100}
        errors={
          node.retry?.maxAttempts !== undefined &&
          (node.retry.maxAttempts < 1 || node.retry.maxAttempts > 100)
            ? ['Between 1 and 100']
            : NONE
        }
        value={node.retry?.maxAttempts}
        onChange={(value) => onChange((n) => withRetry(n, 'maxAttempts', value))}
      />
      <NumberField
        label="Retry: first delay (ms)"
        integer
        min={0}
        errors={NONE}
        value={node.retry?.initialDelayMs}
        onChange={(value) => onChange((n) => withRetry(n, 'initialDelayMs', value))}
      />
      <CheckboxField
        label="Continue on error"
        description="A failure is routed to the error output instead of failing the run."
        errors={NONE}
        value={node.continueOnError}
        onChange={(continueOnError) =>
          onChange((n) => ({ ...n, continueOnError: continueOnError ?? false }))
        }
      />
    </fieldset>
  );
}
