import type { GraphNode, ValidationProblem } from '@beluga/graph';
import { useCallback, useMemo } from 'react';
import { NodeIcon } from '../catalog/NodeIcon';
import { editDocument } from '../editorStore';
import type { NodeTypeInfo } from '../model/catalogTypes';
import { updateNode } from '../model/documentEdits';
import { formOf, setAt } from '../model/schemaForm';
import { useNodeProblems } from '../validation/validationStore';
import { ConfigForm } from './ConfigForm';
import { ExecutionSettings } from './ExecutionSettings';
import { TextField } from './fields';
import { useViewingRun } from '../viewingRun';

/** `Node "x": config.url: Invalid URL` → `Invalid URL`: the field already says where. */
function shortMessage(problem: ValidationProblem): string {
  const prefix = problem.field ? `: ${problem.field}: ` : undefined;
  const at = prefix ? problem.message.indexOf(prefix) : -1;
  return at >= 0 && prefix ? problem.message.slice(at + prefix.length) : problem.message;
}

function useErrorsOf(problems: readonly ValidationProblem[]) {
  return useMemo(() => {
    const byField = new Map<string, string[]>();
    for (const problem of problems) {
      if (!problem.field) continue;
      const list = byField.get(problem.field) ?? [];
      list.push(shortMessage(problem));
      byField.set(problem.field, list);
    }
    const none: string[] = [];
    return (field: string) => byField.get(field) ?? none;
  }, [problems]);
}

/** The selected node: label, config form from its type's schema, execution settings. */
export function NodeInspector({ node, spec }: { node: GraphNode; spec: NodeTypeInfo | undefined }) {
  const problems = useNodeProblems(node.id);
  const errorsOf = useErrorsOf(problems);
  const fields = useMemo(() => (spec ? formOf(spec.configSchema) : []), [spec]);
  const change = useCallback(
    (recipe: (n: GraphNode) => GraphNode, key: string) =>
      editDocument((doc) => updateNode(doc, node.id, recipe), `${node.id}:${key}`),
    [node.id],
  );
  const onConfig = useCallback(
    (path: (string | number)[], value: unknown) =>
      change(
        (n) => ({ ...n, config: setAt(n.config, path, value) as GraphNode['config'] }),
        `config.${path.join('.')}`,
      ),
    [change],
  );
  const locked = useViewingRun();
  const general = problems.filter((p) => !p.field || p.field === 'config' || p.field === 'type');
  return (
    <form
      aria-label={`Node ${node.label || node.id}`}
      className="flex flex-col gap-4 p-3"
      onSubmit={(e) => e.preventDefault()}
    >
      <header className="flex items-start gap-2">
        <span className="flex size-8 shrink-0 items-center justify-center rounded bg-sky-50 text-sky-700 dark:bg-sky-950 dark:text-sky-300">
          <NodeIcon name={spec?.ui.icon} />
        </span>
        <div className="min-w-0">
          <h2 className="text-sm font-semibold">{spec?.ui.title ?? node.type}</h2>
          <p className="text-xs text-slate-500">
            {spec?.ui.description ?? `Unknown node type “${node.type}”.`}
          </p>
          <p className="mt-0.5 font-mono text-[11px] text-slate-400">id: {node.id}</p>
        </div>
      </header>
      {general.length > 0 && (
        <ul
          role="alert"
          className="rounded-md bg-red-50 p-2 text-xs text-red-700 dark:bg-red-950 dark:text-red-300"
        >
          {general.map((p, i) => (
            <li key={i}>{p.message}</li>
          ))}
        </ul>
      )}
      {locked && (
        <p
          data-testid="inspector-readonly"
          className="rounded-md bg-slate-100 p-2 text-xs text-slate-600 dark:bg-slate-800 dark:text-slate-300"
        >
          This is the node as it was when the run started. Go back to editing to change it.
        </p>
      )}
      {/* A disabled fieldset disables every control inside it, custom ones included. */}
      <fieldset disabled={locked} className="flex min-w-0 flex-col gap-4">
        <TextField
          id="inspector-label"
          label="Label"
          description="Shown on the canvas instead of the id."
          errors={[]}
          value={node.label}
          placeholder={node.id}
          onChange={(label) =>
            change((n) => {
              const { label: _old, ...rest } = n;
              return label === undefined ? rest : { ...rest, label };
            }, 'label')
          }
        />
        {fields.length > 0 && (
          <section aria-label="Configuration" className="flex flex-col gap-2">
            <h3 className="text-xs font-semibold tracking-wide text-slate-500 uppercase">
              Configuration
            </h3>
            <ConfigForm
              fields={fields}
              value={node.config}
              onChange={onConfig}
              errorsOf={errorsOf}
            />
          </section>
        )}
        <ExecutionSettings node={node} onChange={(recipe) => change(recipe, 'execution')} />
      </fieldset>
    </form>
  );
}
