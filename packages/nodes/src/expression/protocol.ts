// Messages between the host and an expression process. The process's side is plain JavaScript
// (./processSource.ts), so these types are the one place the contract is written down.

/** One evaluation: values cross the boundary only as JSON text. */
export interface ExpressionJob {
  expression: string;
  /** The input as JSON, or undefined when the input is undefined. */
  inputJson: string | undefined;
  /** JSONata's own timeout; the host's watchdog kills the process a margin later. */
  timeLimitMs: number;
}

/**
 * Why an evaluation failed. `error` is JSONata's (or a RangeError of V8's), `too-large` the
 * output or a string past the caps, `timeout` the host's watchdog, `memory` a process that died
 * under the job (its heap limit, or a kill), `crash` a process the host ended (the pool closed).
 */
export type ExpressionFailureKind = 'error' | 'too-large' | 'timeout' | 'memory' | 'crash';

export interface ExpressionFailure {
  kind: ExpressionFailureKind;
  message: string;
  /** JSONata's error code (D1012, T2001, …). */
  code?: string;
  /** The code of the error `$eval` wrapped in D3121. */
  innerCode?: string;
  /** The JavaScript error's name when V8 threw (RangeError). */
  name?: string;
  position?: number;
}

export type ExpressionOutcome =
  { ok: true; outputJson: string } | { ok: false; failure: ExpressionFailure };

/** Limits fixed per process, sent in its arguments. */
export interface ExpressionWorkerLimits {
  stackDepth: number;
  sequenceLength: number;
  /** Longest string join or concat may build in one step (see the worker source). */
  maxStringChars: number;
  maxOutputBytes: number;
}
