import type { NodeType } from '../src/types.js';
import { testContext, type TestContext } from './nodeContext.js';

export interface CodeRun {
  /** What run() resolved to, or undefined when it rejected. */
  output: unknown;
  /** What run() rejected with, or undefined when it resolved. */
  error: unknown;
  context: TestContext;
  elapsedMs: number;
}

/** Runs a code node directly (config parsed by its schema, as compile() would) and records how. */
export async function runCode(
  node: NodeType,
  config: Record<string, unknown>,
  input?: unknown,
  context: TestContext = testContext('code'),
): Promise<CodeRun> {
  const parsed: unknown = node.config.parse(config);
  const started = performance.now();
  try {
    const output: unknown = await node.run({ input, config: parsed, context });
    return { output, error: undefined, context, elapsedMs: performance.now() - started };
  } catch (error) {
    return { output: undefined, error, context, elapsedMs: performance.now() - started };
  }
}
