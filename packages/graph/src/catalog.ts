import type { NodeContext } from '@beluga/orchestration';
import type { z } from 'zod';

/** Value types of ports; `any` connects to everything. */
export type PortType = 'any' | 'string' | 'number' | 'boolean' | 'object' | 'array';

export interface PortSpec {
  name: string;
  type: PortType;
  /** An input that must be connected. */
  required?: boolean;
  /** An input that accepts several edges (it then receives an object keyed by source id). */
  multiple?: boolean;
}

/** What validate() needs to know of a node type; the nodes package adds `run` and UI metadata. */
export interface NodeTypeSpec {
  type: string;
  inputs: readonly PortSpec[];
  outputs: readonly PortSpec[];
  config: z.ZodType;
  /** Input nodes receive the run input; output nodes make the run output. */
  role?: 'input' | 'output';
  /** Typical duration, for the critical path of the plan. Default 1. */
  estimatedMs?: number;
  /**
   * The longest one attempt of a node can take, as its parsed config bounds it (a delay's `ms`,
   * a request's `timeoutMs`); absent or `undefined` when nothing bounds it. A durable executor
   * runs nodes it knows to be short inline (Temporal: as local activities).
   */
  maxMs?: (config: unknown) => number | undefined;
  /** `any`: run once every input edge settled and at least one delivered (merge after a branch). */
  join?: 'all' | 'any';
  /**
   * Does the node's work. `input` is the value of the single `in` port, or an object keyed by
   * port for types with other inputs; types with outputs other than `out` return an object keyed
   * by port (a missing key leaves that port silent).
   */
  run?: (args: { input: unknown; config: unknown; context: NodeContext }) => unknown;
}

export interface NodeCatalog {
  get(type: string): NodeTypeSpec | undefined;
}

/** A catalog over a list of node types. */
export function createCatalog(types: Iterable<NodeTypeSpec>): NodeCatalog {
  const byType = new Map<string, NodeTypeSpec>();
  for (const spec of types) byType.set(spec.type, spec);
  return { get: (type) => byType.get(type) };
}

export function portsConnect(from: PortType, to: PortType): boolean {
  return from === 'any' || to === 'any' || from === to;
}
