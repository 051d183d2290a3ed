import type { NodeRegistry } from '@beluga/nodes';
import { isOrchestratorError, isRetryable } from '@beluga/orchestration';
import { ApplicationFailure } from '@temporalio/common';
import type { RunEventSink, RunRedaction } from '../eventSink.js';
import type {
  CompiledRunSpec,
  GraphOutline,
  GraphPart,
  RunNodeInput,
  RunNodeResult,
} from '../shared.js';
import { DocumentParts, type LoadDocument } from './documentParts.js';
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
  /** Resolves `documentRef`s (saved graph versions); without it only inline documents run. */
  loadDocument?: LoadDocument;
  /** Nodes and edges per part of a graph given by reference. Default 2,000. */
  partSize?: number;
  /**
   * Replaces secrets in node outputs and errors before they leave the activity (Temporal keeps
   * them in the workflow's history); the sink is redacted by its caller (createGraphWorker).
   */
  redact?: RunRedaction;
}

/** The activities of the graph workflow, as the worker registers them. */
export interface GraphActivities {
  prepareGraph(document: unknown): Promise<CompiledRunSpec>;
  describeGraph(ref: string): Promise<GraphOutline>;
  graphPart(ref: string, index: number): Promise<GraphPart>;
  runNode(input: RunNodeInput): Promise<RunNodeResult>;
}

/**
 * Builds the graph workflow's activities around what they need (createActivities(deps), as
 * Temporal's samples do): node implementations run here, in the worker's Node process.
 */
export function createGraphActivities(options: GraphActivitiesOptions): GraphActivities {
  const documents = new DocumentParts({
    registry: options.registry,
    partSize: options.partSize ?? 2000,
    ...(options.loadDocument ? { loadDocument: options.loadDocument } : {}),
  });
  const deps = {
    registry: options.registry,
    sink: options.sink,
    maxValueChars: options.maxValueChars ?? 1_000_000,
    previewChars: options.previewChars ?? 2048,
    documents,
    redact: options.redact ?? (<T>(_runId: string, value: T) => Promise.resolve(value)),
  };
  return {
    prepareGraph: (document) => Promise.resolve().then(() => prepareGraph(deps.registry, document)),
    describeGraph: (ref) => documents.outline(ref).catch(toActivityFailure),
    graphPart: (ref, index) => documents.part(ref, index).catch(toActivityFailure),
    runNode: (input) => runNode(deps, input),
  };
}

/** An error that retrying cannot fix ends the activity at once, with its code as the type. */
function toActivityFailure(thrown: unknown): never {
  if (!isOrchestratorError(thrown) || isRetryable(thrown)) throw thrown;
  throw ApplicationFailure.create({
    type: thrown.code,
    message: thrown.message,
    nonRetryable: true,
  });
}
