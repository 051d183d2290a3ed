import type { GraphDocument } from '@beluga/graph';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Play, TriangleAlert } from 'lucide-react';
import { useState, type FormEvent } from 'react';
import { Button } from '../../components/Button';
import { Dialog } from '../../components/Dialog';
import { api, errorInfo } from '../../lib/trpc';
import { useEditorStore } from '../editor/editorStore';
import { ExecutorChoice } from './ExecutorChoice';
import { useExecutors, useTemporalReachable, type Executor } from './executors';
import { RunFieldInput } from './RunFieldInput';
import {
  initialRunValues,
  parseRawInput,
  runFieldsOf,
  toRunInput,
  type RunFormValues,
} from './runInputForm';
import { runsListKey } from './useRunsList';

export interface RunDialogProps {
  graphId: string;
  open: boolean;
  onOpenChange: (open: boolean) => void;
  /** Called with the new run's id once the server started it. */
  onStarted: (runId: string) => void;
}

/** Starts a run of the saved graph: the input form of its input node, and the executor. */
export function RunDialog({ graphId, open, onOpenChange, onStarted }: RunDialogProps) {
  // Runs execute the saved version, so the form follows that one, not the edited document.
  const saved = useQuery({
    queryKey: ['runs', 'saved-graph', graphId],
    queryFn: () => api.graphs.get.query({ id: graphId }),
    enabled: open,
    staleTime: 0,
  });
  return (
    <Dialog open={open} onOpenChange={onOpenChange} title="Run graph" width="max-w-xl">
      {saved.isError ? (
        <p role="alert" className="text-sm text-red-600">
          {errorInfo(saved.error).message}
        </p>
      ) : !saved.data ? (
        <p className="text-sm text-slate-500">Loading…</p>
      ) : (
        <RunForm
          key={saved.data.version}
          graphId={graphId}
          version={saved.data.version}
          document={saved.data.document}
          onCancel={() => onOpenChange(false)}
          onStarted={onStarted}
        />
      )}
    </Dialog>
  );
}

interface RunFormProps {
  graphId: string;
  version: number;
  document: GraphDocument;
  onCancel: () => void;
  onStarted: (runId: string) => void;
}

function RunForm({ graphId, version, document, onCancel, onStarted }: RunFormProps) {
  const fields = runFieldsOf(document);
  const [values, setValues] = useState<RunFormValues>(() => initialRunValues(fields));
  const [raw, setRaw] = useState('{}');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const temporalUnavailable = useExecutors((state) => state.temporalUnavailable);
  const reachable = useTemporalReachable() === true && temporalUnavailable === undefined;
  const [chosen, setExecutor] = useState<Executor>(document.settings.defaultExecutor);
  // The choice exists only while Temporal answers; otherwise every run is local.
  const executor: Executor = reachable ? chosen : 'local';
  const dirty = useEditorStore((state) => state.dirty);
  const queryClient = useQueryClient();
  const start = useMutation({
    mutationFn: (input: unknown) => api.runs.start.mutate({ graphId, version, input, executor }),
    onSuccess: (run) => {
      void queryClient.invalidateQueries({ queryKey: runsListKey(graphId) });
      onStarted(run.id);
    },
    onError: (error) => {
      const info = errorInfo(error);
      if (info.errorCode === 'EXECUTOR_UNAVAILABLE' && executor === 'temporal') {
        useExecutors.getState().markUnavailable(info.message);
        setExecutor('local');
      }
    },
  });

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (fields.length === 0) {
      const parsed = parseRawInput(raw);
      setErrors(parsed.ok ? {} : { '': parsed.error });
      if (parsed.ok) start.mutate(parsed.input);
      return;
    }
    const result = toRunInput(fields, values);
    if (result.ok) {
      setErrors({});
      start.mutate(result.input);
      return;
    }
    setErrors(result.errors);
    const first = fields.find((field) => result.errors[field.name]);
    if (first) window.document.getElementById(`run-field-${first.name}`)?.focus();
  };

  return (
    <form onSubmit={submit} noValidate className="flex flex-col gap-4">
      <VersionNote version={version} dirty={dirty} />
      {fields.length > 0 ? (
        <fieldset className="flex flex-col gap-3">
          <legend className="mb-2 text-sm font-semibold">Input</legend>
          {fields.map((field) => (
            <RunFieldInput
              key={field.name}
              field={field}
              value={values[field.name] ?? ''}
              error={errors[field.name]}
              onChange={(value) => setValues((current) => ({ ...current, [field.name]: value }))}
            />
          ))}
        </fieldset>
      ) : (
        <RawInput value={raw} error={errors['']} onChange={setRaw} />
      )}
      {reachable ? (
        <ExecutorChoice value={executor} onChange={setExecutor} />
      ) : (
        document.settings.defaultExecutor === 'temporal' && (
          <p data-testid="temporal-unreachable" className="text-xs text-slate-500">
            This graph prefers Temporal, which this server cannot reach now: the run goes to the
            local executor.
          </p>
        )
      )}
      {start.isError && (
        <p
          role="alert"
          className="rounded-md bg-red-50 p-2 text-sm text-red-700 dark:bg-red-950 dark:text-red-200"
        >
          The run could not start: {errorInfo(start.error).message}
        </p>
      )}
      <div className="flex justify-end gap-2">
        <Button onClick={onCancel}>Cancel</Button>
        <Button
          type="submit"
          variant="primary"
          disabled={start.isPending}
          icon={<Play className="size-4" aria-hidden />}
        >
          {start.isPending ? 'Starting…' : 'Start run'}
        </Button>
      </div>
    </form>
  );
}

function VersionNote({ version, dirty }: { version: number; dirty: boolean }) {
  return (
    <div className="flex flex-col gap-1 text-sm text-slate-600 dark:text-slate-400">
      <p>Runs execute the saved version of the graph (version {version}).</p>
      {dirty && (
        <p
          role="note"
          className="flex items-start gap-2 rounded-md bg-amber-50 p-2 text-amber-800 dark:bg-amber-950 dark:text-amber-200"
        >
          <TriangleAlert aria-hidden className="mt-0.5 size-4 shrink-0" />
          You have unsaved changes: this run will not include them. Save first to run them.
        </p>
      )}
    </div>
  );
}

function RawInput(props: {
  value: string;
  error: string | undefined;
  onChange: (v: string) => void;
}) {
  return (
    <div className="flex flex-col gap-1">
      <label htmlFor="run-input-json" className="text-sm font-medium">
        Input (JSON)
      </label>
      <textarea
        id="run-input-json"
        rows={6}
        spellCheck={false}
        aria-invalid={props.error ? true : undefined}
        aria-describedby="run-input-json-hint"
        className="rounded-md border border-slate-300 bg-white px-2 py-1.5 font-mono text-xs dark:border-slate-700 dark:bg-slate-950"
        value={props.value}
        onChange={(e) => props.onChange(e.target.value)}
      />
      <p
        id="run-input-json-hint"
        className={`text-xs ${props.error ? 'text-red-600' : 'text-slate-500'}`}
      >
        {props.error ?? 'The graph declares no input fields: any JSON value, or empty for none.'}
      </p>
    </div>
  );
}
