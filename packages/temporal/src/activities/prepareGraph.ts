import { importGraphDocument, validate, type GraphNode, type NodeTypeSpec } from '@beluga/graph';
import type { NodeRegistry } from '@beluga/nodes';
import { toRetryPolicy } from '@beluga/orchestration';
import type { PlanNodeSpec } from '@beluga/orchestration/scheduler';
import { ApplicationFailure } from '@temporalio/common';
import type { CompiledRunSpec, NodeSpec } from '../shared.js';

/** The node type whose decision the workflow itself waits for (a signal), not an activity. */
const APPROVAL_TYPE = 'approval';

function invalid(message: string, problems: unknown[]): ApplicationFailure {
  return ApplicationFailure.create({
    type: 'VALIDATION_FAILED',
    message,
    nonRetryable: true,
    details: [{ problems }],
  });
}

/** Ports as compile() declares them: only when they differ from the single `in` and `out`. */
function planNode(node: GraphNode, spec: NodeTypeSpec): PlanNodeSpec {
  const inputs = spec.inputs.map((port) => port.name);
  const outputs = spec.outputs.map((port) => port.name);
  return {
    id: node.id,
    ...(inputs.length === 1 && inputs[0] === 'in' ? {} : inputs.length > 0 ? { inputs } : {}),
    ...(outputs.length === 1 && outputs[0] === 'out' ? {} : outputs.length > 0 ? { outputs } : {}),
    ...(spec.join ? { join: spec.join } : {}),
    ...(node.continueOnError ? { continueOnError: true } : {}),
  };
}

/** The node's timeout or its type's bound from the config, whichever is smaller; or neither. */
function maxMsOf(node: GraphNode, spec: NodeTypeSpec): number | undefined {
  const parsed = spec.maxMs ? spec.config.safeParse(node.config) : undefined;
  const bounds = [node.timeoutMs, parsed?.success ? spec.maxMs?.(parsed.data) : undefined];
  const known = bounds.filter((ms): ms is number => ms !== undefined);
  return known.length === 0 ? undefined : Math.min(...known);
}

function nodeSpec(node: GraphNode, spec: NodeTypeSpec): NodeSpec {
  const maxMs = maxMsOf(node, spec);
  const result: NodeSpec = {
    id: node.id,
    type: node.type,
    config: node.config,
    retry: toRetryPolicy(node.retry),
    continueOnError: node.continueOnError,
    ...(node.timeoutMs === undefined ? {} : { timeoutMs: node.timeoutMs }),
    ...(maxMs === undefined ? {} : { maxMs }),
  };
  if (node.type === APPROVAL_TYPE) {
    const config = spec.config.parse(node.config) as { prompt: string; timeoutMs?: number };
    result.approval = {
      prompt: config.prompt,
      ...(config.timeoutMs === undefined ? {} : { timeoutMs: config.timeoutMs }),
    };
  }
  return result;
}

/**
 * Imports, validates and compiles a document with the worker's node registry (the same checks
 * as compile()), into what the workflow needs: the scheduler's plan and each node's settings.
 * Problems fail the run at once (VALIDATION_FAILED, not retried).
 */
export function prepareGraph(registry: NodeRegistry, source: unknown): CompiledRunSpec {
  const imported = importGraphDocument(source);
  if (!imported.ok) {
    const first = imported.problems[0];
    throw invalid(`The graph document is invalid: ${first?.message ?? ''}`, imported.problems);
  }
  const document = imported.document;
  const { problems } = validate(document, registry);
  if (problems.length > 0) {
    const message = `The graph "${document.name}" has ${problems.length} problem(s): ${problems[0]?.message ?? ''}`;
    throw invalid(message, problems);
  }
  const entryPoints: string[] = [];
  const finishPoints: string[] = [];
  const planNodes: PlanNodeSpec[] = [];
  const nodes: NodeSpec[] = [];
  for (const node of document.nodes) {
    const spec = registry.get(node.type) as NodeTypeSpec;
    planNodes.push(planNode(node, spec));
    nodes.push(nodeSpec(node, spec));
    if (spec.role === 'input') entryPoints.push(node.id);
    if (spec.role === 'output') finishPoints.push(node.id);
  }
  const edges = document.edges.map(({ source, sourcePort, target, targetPort }) => ({
    source,
    sourcePort,
    target,
    targetPort,
  }));
  const { settings } = document;
  return {
    name: document.name,
    maxWorkers: settings.maxWorkers,
    ...(settings.runTimeoutMs === undefined ? {} : { runTimeoutMs: settings.runTimeoutMs }),
    plan: { nodes: planNodes, edges, entryPoints, finishPoints },
    nodes,
  };
}
