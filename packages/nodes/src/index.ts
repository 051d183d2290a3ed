export { defineNodeType } from './types.js';
export type { NodeCategory, NodeRunArgs, NodeType, NodeTypeDefinition, NodeUi } from './types.js';
