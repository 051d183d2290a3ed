import { z } from 'zod';

/** Longest accepted source, in characters (about 100 KB of ASCII). */
export const MAX_SOURCE_CHARS = 100_000;
export const MAX_TIME_LIMIT_MS = 30_000;
/** The sandbox's WASM build starts with 16 MiB; a smaller limit could not be honoured. */
export const MIN_MEMORY_LIMIT_MB = 16;
export const MAX_MEMORY_LIMIT_MB = 256;

/**
 * Config of the `code` node. `source` is the body of an async function `(input, console)`:
 * `input` is the node's input as parsed JSON, and what the body returns (JSON) is the output.
 */
export const CodeNodeConfigSchema = z.object({
  /** JavaScript (ES2023, QuickJS), the body of an async function of `input` and `console`. */
  source: z.string().min(1).max(MAX_SOURCE_CHARS),
  /** Wall-clock budget of one execution, including awaited promises. */
  timeLimitMs: z.number().int().min(1).max(MAX_TIME_LIMIT_MS).default(1000),
  /**
   * Heap of the sandbox; using more fails with RESOURCE_EXHAUSTED. Never exceeded, but a run can
   * stop up to about a fifth below it: the WASM memory grows in steps of about 20%.
   */
  memoryLimitMb: z.number().int().min(MIN_MEMORY_LIMIT_MB).max(MAX_MEMORY_LIMIT_MB).default(32),
});

export type CodeNodeConfig = z.output<typeof CodeNodeConfigSchema>;

/** What a freshly dropped node starts with: it runs on any input. */
export const DEFAULT_CODE_CONFIG = {
  source: [
    '// `input` is the JSON this node receives; the value you return is its output.',
    'const items = Array.isArray(input) ? input : [input];',
    "console.log('received', items.length, 'item(s)');",
    'return { count: items.length, items };',
  ].join('\n'),
  timeLimitMs: 1000,
  memoryLimitMb: 32,
} satisfies z.input<typeof CodeNodeConfigSchema>;
