import type { RouterOutputs } from '@beluga/api';

/** A node type as `catalog.list` describes it: ports, role, UI metadata, config JSON Schema. */
export type NodeTypeInfo = RouterOutputs['catalog']['list'][number];
export type PortInfo = NodeTypeInfo['inputs'][number];
export type PortType = PortInfo['type'];
/** Node types by type name. */
export type Catalog = ReadonlyMap<string, NodeTypeInfo>;

export function catalogOf(types: readonly NodeTypeInfo[]): Catalog {
  return new Map(types.map((type) => [type.type, type]));
}
