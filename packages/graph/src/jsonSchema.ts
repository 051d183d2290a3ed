import { z } from 'zod';
import { GRAPH_FORMAT, GraphDocumentSchema } from './document.js';

/** The published JSON Schema of the current format, generated from the zod schema. */
export function graphDocumentJsonSchema(): Record<string, unknown> {
  return {
    ...z.toJSONSchema(GraphDocumentSchema, { io: 'input' }),
    $id: `urn:beluga:schema:${GRAPH_FORMAT}`,
    title: 'Beluga graph document',
  };
}
