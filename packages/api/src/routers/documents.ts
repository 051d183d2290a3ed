import {
  importGraphDocument,
  validate,
  type GraphDocument,
  type NodeCatalog,
  type ValidationResult,
} from '@beluga/graph';
import { apiError } from '../errors.js';
import type { ApiLimits } from '../context.js';

/**
 * Reads a document sent by a client (a JSON value or JSON text) with the import rules of the
 * format: size, nesting, forbidden keys, migrations, schema. Refuses it with every problem.
 */
export function readDocument(source: unknown, limits: ApiLimits): GraphDocument {
  const result = importGraphDocument(source);
  if (!result.ok) {
    const first = result.problems[0];
    throw apiError({
      code: 'BAD_REQUEST',
      errorCode: 'INVALID_DOCUMENT',
      message: `The graph document is invalid: ${first?.path ? `${first.path}: ` : ''}${first?.message ?? ''}`,
      details: { problems: result.problems },
    });
  }
  const { document } = result;
  // Name and description are stored in text columns too, which cannot hold U+0000.
  for (const field of ['name', 'description'] as const) {
    if (document[field].includes('\u0000')) {
      throw apiError({
        code: 'BAD_REQUEST',
        errorCode: 'INVALID_DOCUMENT',
        message: `The graph document is invalid: ${field}: must not contain the character U+0000`,
        field,
      });
    }
  }
  if (document.nodes.length > limits.maxGraphNodes) {
    throw apiError({
      code: 'PAYLOAD_TOO_LARGE',
      errorCode: 'GRAPH_TOO_LARGE',
      message: `The graph has ${document.nodes.length} nodes; this server accepts at most ${limits.maxGraphNodes}`,
      field: 'nodes',
    });
  }
  return document;
}

/** Validation problems and the plan, JSON-ready. */
export function validationOf(document: GraphDocument, catalog: NodeCatalog): ValidationResult {
  return validate(document, catalog);
}
