import { fileURLToPath } from 'node:url';
import { bundleWorkflowCode, type BundleOptions, type WorkflowBundle } from '@temporalio/worker';
import { workflowTracingModule } from './tracing.js';

const here = import.meta.url;
/** Run from TypeScript sources (tests, tsx) or from the build. */
const fromSource = here.endsWith('.ts');

/** The workflows module of this package (the graph workflow and withWorkflowContext). */
export const graphWorkflowsPath = fileURLToPath(
  new URL(fromSource ? '../workflows/index.ts' : '../workflows/index.js', here),
);

/**
 * Resolution for workspace packages: from sources their `@beluga/source` export condition points
 * at TypeScript, which Temporal's bundler compiles (swc); from the build, at `dist/`.
 */
function withSourceCondition(
  config: Parameters<NonNullable<BundleOptions['webpackConfigHook']>>[0],
) {
  if (!fromSource) return config;
  config.resolve = { ...config.resolve, conditionNames: ['@beluga/source', '...'] };
  return config;
}

/**
 * Bundles workflow code once (webpack, a few seconds) for `Worker.create({ workflowBundle })`.
 * Defaults to the graph workflow's module; pass a module of your own that re-exports it to add
 * code-first workflows.
 */
export async function bundleGraphWorkflows(
  options: Partial<BundleOptions> = {},
): Promise<WorkflowBundle> {
  const hook = options.webpackConfigHook;
  return await bundleWorkflowCode({
    workflowsPath: graphWorkflowsPath,
    // Tracing: the trace of whoever started the run goes on through the workflow.
    workflowInterceptorModules: [workflowTracingModule],
    ...options,
    webpackConfigHook: (config) => withSourceCondition(hook ? hook(config) : config),
  });
}
