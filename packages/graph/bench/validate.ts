/**
 * `pnpm bench` (graph): validate() on generated documents of 1k, 10k and 100k nodes (random DAGs,
 * 1–2 parents per node, half the nodes with a config to check). Target: 100k nodes in < 200 ms.
 * Prints a markdown table; timings are reported, never asserted.
 */
import { z } from 'zod';
import {
  createCatalog,
  GRAPH_FORMAT,
  GraphDocumentSchema,
  validate,
  type GraphDocument,
} from '../src/index.js';

const catalog = createCatalog([
  {
    type: 'input',
    role: 'input',
    inputs: [],
    outputs: [{ name: 'out', type: 'any' }],
    config: z.object({}),
  },
  {
    type: 'output',
    role: 'output',
    inputs: [{ name: 'in', type: 'any', required: true, multiple: true }],
    outputs: [],
    config: z.object({}),
  },
  {
    type: 'step',
    inputs: [{ name: 'in', type: 'any', multiple: true }],
    outputs: [{ name: 'out', type: 'any' }],
    config: z.object({ factor: z.number().default(1) }),
  },
]);

function randomDocument(size: number, seed: number): GraphDocument {
  let state = seed;
  const random = () => (state = (state * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
  const type = (i: number) => (i === 0 ? 'input' : i === size - 1 ? 'output' : 'step');
  const nodes = Array.from({ length: size }, (_, i) => ({
    id: `node-${i}`,
    type: type(i),
    position: { x: i, y: 0 },
    config: i % 2 ? { factor: 2 } : {},
  }));
  const edges: { id: string; source: string; target: string }[] = [];
  for (let i = 1; i < size; i++) {
    const parents = 1 + Math.floor(random() * 2);
    for (let j = 0; j < parents; j++) {
      edges.push({
        id: `e${edges.length}`,
        source: `node-${Math.floor(random() * i)}`,
        target: `node-${i}`,
      });
    }
  }
  return GraphDocumentSchema.parse({
    format: GRAPH_FORMAT,
    id: 'bench',
    name: 'bench',
    nodes,
    edges,
  });
}

const rows: string[] = [
  '| nodes | edges | median ms | best ms | µs per node | problems |',
  '|--:|--:|--:|--:|--:|--:|',
];
for (const size of [1_000, 10_000, 100_000]) {
  const document = randomDocument(size, 7);
  for (let i = 0; i < 3; i++) validate(document, catalog); // warm-up
  const samples: number[] = [];
  let problems = 0;
  for (let i = 0; i < 9; i++) {
    const start = performance.now();
    problems = validate(document, catalog).problems.length;
    samples.push(performance.now() - start);
  }
  samples.sort((a, b) => a - b);
  const median = samples[4] as number;
  rows.push(
    `| ${size.toLocaleString('en')} | ${document.edges.length.toLocaleString('en')} | ${median.toFixed(1)} | ${(samples[0] as number).toFixed(1)} | ${((median * 1000) / size).toFixed(2)} | ${problems} |`,
  );
}
console.log(`\nvalidate() — Node ${process.version}\n\n${rows.join('\n')}\n`);
