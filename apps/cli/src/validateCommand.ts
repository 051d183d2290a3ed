import {
  validate,
  type DocumentProblem,
  type GraphPlan,
  type ValidationProblem,
} from '@beluga/graph';
import type { NodeCatalog } from '@beluga/graph';
import { EXIT, type ExitCode } from './exitCodes.js';
import { loadGraph } from './loadGraph.js';
import type { Paint } from './style.js';

export interface Output {
  out: (text: string) => void;
  err: (text: string) => void;
  paint: Paint;
}

type AnyProblem = (ValidationProblem | DocumentProblem) & { path?: unknown };

function where(problem: AnyProblem): string {
  if ('nodeId' in problem || 'edgeId' in problem) {
    const validation = problem;
    const parts = [
      validation.nodeId === undefined ? '' : `node "${validation.nodeId}"`,
      validation.edgeId === undefined ? '' : `edge "${validation.edgeId}"`,
      validation.field ?? '',
    ];
    return parts.filter(Boolean).join(' ');
  }
  return typeof problem.path === 'string' && problem.path !== '' ? `at ${problem.path}` : '';
}

export function printProblems(
  problems: readonly AnyProblem[],
  write: (text: string) => void,
  paint: Paint,
): void {
  write(paint('red', `✗ ${problems.length} problem${problems.length === 1 ? '' : 's'}`));
  for (const problem of problems) {
    const place = where(problem);
    write(
      `  ${paint('bold', problem.code)}${place ? ` ${paint('cyan', place)}` : ''}: ${problem.message}`,
    );
  }
}

const MAX_LAYERS_SHOWN = 20;

export function printPlan(plan: GraphPlan, write: (text: string) => void, paint: Paint): void {
  write(`Plan: ${plan.layers.length} parallel layer${plan.layers.length === 1 ? '' : 's'}`);
  plan.layers.slice(0, MAX_LAYERS_SHOWN).forEach((layer, index) => {
    const shown =
      layer.length > 8
        ? `${layer.slice(0, 8).join(', ')} … (+${layer.length - 8})`
        : layer.join(', ');
    write(`  ${String(index + 1).padStart(3)}. ${shown}`);
  });
  if (plan.layers.length > MAX_LAYERS_SHOWN)
    write(`  … ${plan.layers.length - MAX_LAYERS_SHOWN} more layers`);
  write(
    `Critical path (≈ ${plan.criticalPathMs} ms): ${paint('bold', plan.criticalPath.join(' → '))}`,
  );
}

/** `beluga validate <file>`: every problem at once, then the plan. */
export async function validateCommand(
  file: string,
  options: { json: boolean; catalog: NodeCatalog },
  output: Output,
): Promise<ExitCode> {
  const loaded = await loadGraph(file);
  if (!loaded.ok) {
    if (options.json)
      output.out(JSON.stringify({ file, valid: false, problems: loaded.problems }, null, 2));
    else printProblems(loaded.problems, output.out, output.paint);
    return EXIT.invalid;
  }
  const { document } = loaded;
  const result = validate(document, options.catalog);
  if (options.json) {
    output.out(JSON.stringify({ file, name: document.name, ...result }, null, 2));
    return result.valid ? EXIT.ok : EXIT.invalid;
  }
  const { out, paint } = output;
  out(
    `${file}: "${document.name}", ${document.nodes.length} nodes, ${document.edges.length} edges`,
  );
  if (result.valid) out(paint('green', '✓ valid'));
  else printProblems(result.problems, out, paint);
  if (result.plan) printPlan(result.plan, out, paint);
  return result.valid ? EXIT.ok : EXIT.invalid;
}
