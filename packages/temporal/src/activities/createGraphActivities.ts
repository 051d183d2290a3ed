import type { NodeRegistry } from '@beluga/nodes';
import type { RunEventSink } from '../eventSink.js';
import type { CompiledRunSpec, RunNodeInput, RunNodeResult } from '../shared.js';
import { prepareGraph } from './prepareGraph.js';
import { runNode } from './runNode.js';

export interface GraphActivitiesOptions {
  /** The node types the worker runs (createNodeRegistry(services)). */
  registry: NodeRegistry;
  /** Where node events go. */
  sink: RunEventSink;
  /** Largest node output in JSON characters. Default 1,000,000 (Temporal refuses 2 MB payloads). */
  maxValueChars?: number;
  /** Bound of event data previews. Default 2,048 characters. */
  previewChars?: number;
}

/** The activities of the graph workflow, as the worker registers them. */
export interface GraphActivities {
  prepareGraph(document: unknown): Promise<CompiledRunSpec>;
  runNode(input: RunNodeInput): Promise<RunNodeResult>;
}

/**
 * Builds the graph workflow's activities around what they need (createActivities(deps), as
 * Temporal's samples do): node implementations run here, in the worker's Node process.
 */
export function createGraphActivities(options: GraphActivitiesOptions): GraphActivities {
  const deps = {
    registry: options.registry,
    sink: options.sink,
    maxValueChars: options.maxValueChars ?? 1_000_000,
    previewChars: options.previewChars ?? 2048,
  };
  return {
    prepareGraph: (document) => Promise.resolve().then(() => prepareGraph(deps.registry, document)),
    runNode: (input) => runNode(deps, input),
  };
}
