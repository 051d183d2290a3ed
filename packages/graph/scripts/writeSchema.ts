// Writes schema/beluga.graph.v1.schema.json from the zod schema (`pnpm --filter @beluga/graph schema`).
import { writeFileSync } from 'node:fs';
import { graphDocumentJsonSchema } from '../src/jsonSchema.js';

const file = new URL('../schema/beluga.graph.v1.schema.json', import.meta.url);
writeFileSync(file, `${JSON.stringify(graphDocumentJsonSchema(), null, 2)}\n`);
console.log(`wrote ${file.pathname}`);
