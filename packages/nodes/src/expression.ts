import jsonata from 'jsonata';
import { z } from 'zod';
import {
  abortedError,
  inputNotJson,
  inputTooLarge,
  toExpressionError,
} from './expression/expressionErrors.js';
import { expressionPool, WORKER_LIMITS } from './expression/expressionPool.js';
import type { ExpressionJob } from './expression/protocol.js';
import { jsonNestsDeeperThan, MAX_JSON_DEPTH } from './jsonDepth.js';

export { closeExpressionWorkers } from './expression/expressionPool.js';

/** Limits of one JSONata evaluation; an expression cannot run away with the process. */
export const EXPRESSION_LIMITS = {
  timeoutMs: 1000,
  stackDepth: WORKER_LIMITS.stackDepth,
  sequenceLength: WORKER_LIMITS.sequenceLength,
  maxInputBytes: 10 * 1024 * 1024,
  maxOutputBytes: WORKER_LIMITS.maxOutputBytes,
};

/** The parse error of a JSONata expression, or undefined when it parses. Never evaluates it. */
export function expressionSyntaxError(expression: string): string | undefined {
  try {
    jsonata(expression);
    return undefined;
  } catch (error) {
    const { message, position } = (typeof error === 'object' && error !== null ? error : {}) as {
      message?: string;
      position?: number;
    };
    return `${message ?? 'invalid expression'}${position === undefined ? '' : ` (at character ${position})`}`;
  }
}

/** A JSONata expression string whose syntax is checked when the config is parsed. */
export const ExpressionSchema = z
  .string()
  .min(1)
  .max(100_000)
  .superRefine((expression, ctx) => {
    const problem = expressionSyntaxError(expression);
    if (problem) ctx.addIssue({ code: 'custom', message: `Invalid JSONata: ${problem}` });
  });

export interface EvaluateExpressionOptions {
  /** The operation named by errors, e.g. "node:transform". */
  op: string;
  /** Stops the evaluation (its process is killed); usually the node's context.signal. */
  signal?: AbortSignal;
}

/**
 * Evaluates a JSONata expression against `input` in a child process, so that no expression can
 * stall or exhaust the host: JSONata's own time (1 s), stack and sequence limits apply inside,
 * a watchdog kills the process shortly after the time limit, and the process's heap is capped
 * (past it only that process dies). Values cross as JSON (at most 10 MB in and out); the result is plain JSON, `undefined`
 * becoming null. JSONata sees only the input and its own function library.
 *
 * Errors (OrchestratorError, not retryable): RESOURCE_EXHAUSTED for any limit, EXECUTION_FAILED
 * for the expression's own errors, the signal's reason (else CANCELLED) when aborted.
 *
 * @example
 * const total = await evaluateExpression('$sum(items.price)', order, {
 *   op: 'node:transform',
 *   signal: context.signal,
 * });
 */
export async function evaluateExpression(
  expression: string,
  input: unknown,
  { op, signal = new AbortController().signal }: EvaluateExpressionOptions,
): Promise<unknown> {
  const job: ExpressionJob = {
    expression,
    inputJson: toInputJson(input, op),
    timeLimitMs: EXPRESSION_LIMITS.timeoutMs,
  };
  let outcome;
  try {
    outcome = await expressionPool().run(job, { signal });
  } catch (error) {
    throw signal.aborted ? abortedError(signal, op) : error;
  }
  if (signal.aborted) throw abortedError(signal, op);
  const context = { op, timeLimitMs: job.timeLimitMs };
  if (!outcome.ok) throw toExpressionError(outcome.failure, context);
  if (jsonNestsDeeperThan(outcome.outputJson)) {
    const message = `the result nests deeper than ${MAX_JSON_DEPTH} levels`;
    throw toExpressionError({ kind: 'too-large', message }, context);
  }
  return JSON.parse(outcome.outputJson) as unknown;
}

function toInputJson(input: unknown, op: string): string | undefined {
  let json: string | undefined;
  try {
    json = JSON.stringify(input);
  } catch (error) {
    throw inputNotJson(op, error);
  }
  if (json === undefined) return undefined;
  // A string's UTF-8 size is at most three bytes per UTF-16 unit: count exactly only near the cap.
  const max = EXPRESSION_LIMITS.maxInputBytes;
  const bytes = json.length * 3 <= max ? json.length : Buffer.byteLength(json, 'utf8');
  if (bytes > max) throw inputTooLarge(op, bytes, max);
  return json;
}
