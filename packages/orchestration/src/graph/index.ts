export { createGraph, Graph } from './graph.js';
export type { NodeHandler } from './graph.js';
export type { CompiledGraph, CompiledNode, NodeContext, NodeFunction } from './executor.js';
export { GraphOptionsSchema, NodeOptionsSchema } from './options.js';
export type { EdgeOptions, GraphOptions, NodeOptions, ResolvedGraphOptions } from './options.js';
