// Messages between the host and a sandbox worker. The worker side is plain JavaScript
// (./workerSource.ts), so these types are the one place the contract is written down.

/** One execution, everything the worker needs: values cross the boundary only as JSON text. */
export interface SandboxJob {
  /** The user's source, already wrapped by wrapUserSource(). */
  source: string;
  /** The node input as JSON, or undefined when the input is undefined. */
  inputJson: string | undefined;
  timeLimitMs: number;
  memoryLimitBytes: number;
  maxOutputBytes: number;
  maxLogEntries: number;
}

export type SandboxLogLevel = 'debug' | 'info' | 'warn' | 'error';

export interface SandboxLog {
  level: SandboxLogLevel;
  message: string;
}

/**
 * Why an execution failed. `timeout`, `memory` and `stack` are the sandbox's limits, `error` is
 * the user's code (syntax, throw, non-JSON output), `pending` a promise that can never settle,
 * `too-large` the output cap, `crash` the worker itself.
 */
export type SandboxFailureKind =
  'timeout' | 'memory' | 'stack' | 'error' | 'pending' | 'too-large' | 'crash';

export interface SandboxFailure {
  kind: SandboxFailureKind;
  message: string;
  /** The sandbox error's name (SyntaxError, TypeError, …) when it was an Error. */
  name?: string;
  /** 1-based line in the user's source, when QuickJS reported one. */
  line?: number;
}

export type SandboxOutcome =
  { ok: true; outputJson: string } | { ok: false; failure: SandboxFailure };

export interface RunMessage {
  type: 'run';
  id: number;
  job: SandboxJob;
}

export type WorkerMessage =
  | { type: 'ready' }
  | { type: 'log'; id: number; log: SandboxLog }
  /** `retire`: the worker's runtime could not be cleaned up; do not reuse it. */
  | { type: 'done'; id: number; outcome: SandboxOutcome; retire: boolean };

/** Failures after which a worker is replaced: its WASM heap may have grown or be inconsistent. */
export function retiresWorker(outcome: SandboxOutcome): boolean {
  if (outcome.ok) return false;
  const { kind } = outcome.failure;
  return kind === 'timeout' || kind === 'memory' || kind === 'stack' || kind === 'crash';
}
