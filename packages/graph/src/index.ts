export {
  GRAPH_FORMAT,
  GraphDocumentSchema,
  GraphEdgeSchema,
  GraphNoteSchema,
  GraphNodeSchema,
  GraphSettingsSchema,
  IdSchema,
  PositionSchema,
  RetryPolicySchema,
} from './document.js';
export type {
  GraphDocument,
  GraphDocumentInput,
  GraphEdge,
  GraphNote,
  GraphNode,
  GraphSettings,
} from './document.js';
export { exportGraphDocument } from './exportDocument.js';
export { importGraphDocument } from './importDocument.js';
export type { ImportOptions } from './importDocument.js';
export { graphDocumentJsonSchema } from './jsonSchema.js';
export { KNOWN_FORMATS, MIGRATIONS, migrateToCurrent } from './migrations.js';
export type { Migration } from './migrations.js';
export type { DocumentProblem, ImportResult } from './problems.js';
export { createCatalog, portsConnect } from './catalog.js';
export type { NodeCatalog, NodeTypeSpec, PortSpec, PortType } from './catalog.js';
export { validate } from './validate.js';
export type { ValidationCode, ValidationProblem, ValidationResult } from './validate.js';
export type { GraphPlan } from './plan.js';
export { compile } from './compile.js';
export type { CompileOptions } from './compile.js';
