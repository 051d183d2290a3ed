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

/**
 * Same rule as `portsConnect` of @beluga/graph. Mirrored rather than imported: the package's
 * entry pulls in @beluga/orchestration, whose executor needs Node APIs the browser lacks.
 * connectionRules.test.ts pins the two together.
 */
export function portsConnect(from: PortType, to: PortType): boolean {
  return from === 'any' || to === 'any' || from === to;
}
