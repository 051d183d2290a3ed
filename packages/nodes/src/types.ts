import type { NodeTypeSpec, PortSpec } from '@beluga/graph';
import type { NodeContext } from '@beluga/orchestration';
import type { z } from 'zod';

/** Palette groups of the editor. */
export type NodeCategory = 'Input/Output' | 'Data' | 'Flow' | 'Code' | 'Network' | 'AI' | 'Human';

/** What the editor shows for a node type. Icons are names from the lucide set. */
export interface NodeUi {
  title: string;
  category: NodeCategory;
  icon: string;
  description: string;
  /**
   * The config a freshly dropped node starts with. It satisfies the config schema except for a
   * choice only the user can make (which graph a subgraph runs), which validate() then points at.
   */
  defaultConfig: Record<string, unknown>;
}

/** What `run` receives, with the config already parsed by the type's schema. */
export interface NodeRunArgs<Config> {
  input: unknown;
  config: Config;
  context: NodeContext;
}

/** A built-in or application node type: ports, config schema, UI metadata and the work it does. */
export interface NodeType extends NodeTypeSpec {
  ui: NodeUi;
  run: (args: { input: unknown; config: unknown; context: NodeContext }) => unknown;
}

export interface NodeTypeDefinition<Schema extends z.ZodType> {
  type: string;
  inputs: readonly PortSpec[];
  outputs: readonly PortSpec[];
  config: Schema;
  role?: 'input' | 'output';
  estimatedMs?: number;
  /** See NodeTypeSpec.maxMs: the longest one attempt can take, from the parsed config. */
  maxMs?: (config: z.output<Schema>) => number | undefined;
  join?: 'all' | 'any';
  ui: NodeUi;
  run: (args: NodeRunArgs<z.output<Schema>>) => unknown;
}

/**
 * Declares a node type with `run` typed by its config schema. compile() parses each node's
 * config with the schema before the run, so `run` always gets the parsed value.
 *
 * @example
 * const upper = defineNodeType({
 *   type: 'text.upper',
 *   inputs: [{ name: 'in', type: 'string', required: true }],
 *   outputs: [{ name: 'out', type: 'string' }],
 *   config: z.object({}),
 *   ui: { title: 'Upper case', category: 'Data', icon: 'case-upper', description: '…', defaultConfig: {} },
 *   run: ({ input }) => String(input).toUpperCase(),
 * });
 */
export function defineNodeType<Schema extends z.ZodType>(
  definition: NodeTypeDefinition<Schema>,
): NodeType {
  return definition as unknown as NodeType;
}
