import type { NodeContext } from '@beluga/orchestration';
import { CodeNodeConfigSchema, DEFAULT_CODE_CONFIG } from './code/config.js';
import { abortError, inputError, inputTooLarge, toNodeError } from './code/nodeErrors.js';
import { wrapUserSource } from './code/prelude.js';
import type { SandboxJob, SandboxLog } from './code/protocol.js';
import { createCodeSandboxPool, type CodeSandboxPool } from './code/sandboxPool.js';
import { jsonNestsDeeperThan, MAX_JSON_DEPTH } from './jsonDepth.js';
import { defineNodeType, type NodeType } from './types.js';

export { CodeNodeConfigSchema, type CodeNodeConfig } from './code/config.js';
export {
  createCodeSandboxPool,
  type CodeSandboxPool,
  type CodeSandboxPoolOptions,
} from './code/sandboxPool.js';
export type { SandboxLog as CodeNodeLog } from './code/protocol.js';

const MB = 1024 * 1024;

export interface CodeNodeOptions {
  /** Where the code runs. Default: the process-wide pool that closeCodeSandboxes() ends. */
  pool?: CodeSandboxPool;
  /** Largest input, in bytes of JSON. Default 10 MB. */
  maxInputBytes?: number;
  /** Largest output, in bytes of JSON. Default 10 MB. */
  maxOutputBytes?: number;
  /** console calls forwarded per execution; later ones are dropped with one notice. Default 100. */
  maxLogEntries?: number;
}

let sharedPool: CodeSandboxPool | undefined;

function defaultPool(): CodeSandboxPool {
  return (sharedPool ??= createCodeSandboxPool());
}

/**
 * Ends the worker threads of the shared sandbox pool. Not needed for a process to exit (idle
 * workers do not hold it open); useful in servers' shutdown and in tests. Later runs restart them.
 */
export async function closeCodeSandboxes(): Promise<void> {
  await sharedPool?.close();
}

/**
 * The `code` node: JavaScript run in a QuickJS WebAssembly sandbox on a worker thread.
 *
 * The source is the body of an async function of `input` (the node's input, as JSON) and
 * `console`; the value it returns, which must be JSON (`undefined`, functions, BigInt and cycles
 * are refused), is the node's output. `await` works, but the sandbox has no timers, network,
 * file system, `process`, `require` or `import()`: nothing of the host is reachable. Every
 * execution gets a fresh runtime, so runs share no globals. `console.log/info/debug/warn/error`
 * arrive as `context.progress({ level, log })` while the code runs.
 *
 * Errors (all `OrchestratorError`, op `node:code`, not retryable): TIMEOUT past `timeLimitMs`;
 * RESOURCE_EXHAUSTED past `memoryLimitMb`, on stack overflow, for input/output over the JSON
 * caps, or for output nested deeper than 1000 levels; EXECUTION_FAILED for syntax errors, thrown
 * errors (with name, message and line) and non-JSON output. Cancellation (`context.signal`)
 * stops the code and rejects with its reason (CANCELLED when the reason is not an orchestrator
 * error). Only a sandbox that cannot start at all fails retryably (EXECUTION_FAILED).
 *
 * @example
 * const catalog = createCatalog([createCodeNode(), ...otherTypes]);
 * // node config: { source: 'return { doubled: input.value * 2 }', timeLimitMs: 500 }
 */
export function createCodeNode(options: CodeNodeOptions = {}): NodeType {
  const maxInputBytes = options.maxInputBytes ?? 10 * MB;
  const maxOutputBytes = options.maxOutputBytes ?? 10 * MB;
  const maxLogEntries = options.maxLogEntries ?? 100;
  return defineNodeType({
    type: 'code',
    inputs: [{ name: 'in', type: 'any' }],
    outputs: [{ name: 'out', type: 'any' }],
    config: CodeNodeConfigSchema,
    maxMs: (config) => config.timeLimitMs,
    ui: {
      title: 'Code',
      category: 'Code',
      icon: 'code',
      description: 'Runs JavaScript on the input in a sandbox and outputs the JSON it returns.',
      defaultConfig: DEFAULT_CODE_CONFIG,
    },
    run: async ({ input, config, context }) => {
      const job: SandboxJob = {
        source: wrapUserSource(config.source),
        inputJson: toInputJson(input, maxInputBytes),
        timeLimitMs: config.timeLimitMs,
        memoryLimitBytes: config.memoryLimitMb * MB,
        maxOutputBytes,
        maxLogEntries,
      };
      const pool = options.pool ?? defaultPool();
      const outcome = await pool.run(job, { signal: context.signal, onLog: forward(context) });
      if (context.signal.aborted) throw abortError(context.signal);
      const limits = { ...config, maxOutputBytes };
      if (!outcome.ok) throw toNodeError(outcome.failure, limits);
      if (jsonNestsDeeperThan(outcome.outputJson)) {
        const message = `it nests deeper than ${MAX_JSON_DEPTH} levels`;
        throw toNodeError({ kind: 'too-large', message }, limits);
      }
      return JSON.parse(outcome.outputJson) as unknown;
    },
  });
}

function toInputJson(input: unknown, maxBytes: number): string | undefined {
  let json: string | undefined;
  try {
    json = JSON.stringify(input);
  } catch (error) {
    throw inputError(error);
  }
  const bytes = json === undefined ? 0 : Buffer.byteLength(json, 'utf8');
  if (bytes > maxBytes) throw inputTooLarge(bytes, maxBytes);
  return json;
}

/** A progress listener that throws must not break the sandbox's message handling. */
function forward(context: NodeContext): (log: SandboxLog) => void {
  return ({ level, message }) => {
    try {
      context.progress({ level, log: message });
    } catch {
      // the engine's listener failed; the code keeps running
    }
  };
}
