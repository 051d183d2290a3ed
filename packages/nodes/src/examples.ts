import { importGraphDocument, type GraphDocument } from '@beluga/graph';
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/** The folder of the example graphs (the same from `src/` and from `dist/`). */
export const EXAMPLES_DIR = fileURLToPath(new URL('../examples/', import.meta.url));

export interface ExampleGraph {
  /** The file name, e.g. `github-repo-triage.json`. */
  file: string;
  path: string;
  document: GraphDocument;
}

/**
 * The example graphs that ship with the product: realistic workflows the tests run and the app
 * offers as templates. Each one is imported like any user document, so a broken example fails
 * loudly here rather than in front of a user.
 */
export function exampleGraphs(): ExampleGraph[] {
  return readdirSync(EXAMPLES_DIR)
    .filter((file) => file.endsWith('.json'))
    .sort()
    .map((file) => {
      const path = `${EXAMPLES_DIR}${file}`;
      const result = importGraphDocument(readFileSync(path, 'utf8'));
      if (!result.ok) {
        const first = result.problems[0];
        throw new Error(`Example ${file} is invalid: ${first?.path ?? ''} ${first?.message ?? ''}`);
      }
      return { file, path, document: result.document };
    });
}
