import { OrchestratorError } from '@beluga/orchestration';
import jsonata from 'jsonata';
import { z } from 'zod';

/** Limits of one JSONata evaluation; an expression cannot run away with the process. */
export const EXPRESSION_LIMITS = { timeoutMs: 1000, stackDepth: 500, sequenceLength: 1_000_000 };

interface JsonataFailure {
  code?: string;
  message?: string;
  position?: number;
}

function describe(error: unknown): JsonataFailure {
  return typeof error === 'object' && error !== null ? error : {};
}

/** The parse error of a JSONata expression, or undefined when it parses. Never evaluates it. */
export function expressionSyntaxError(expression: string): string | undefined {
  try {
    jsonata(expression);
    return undefined;
  } catch (error) {
    const { message, position } = describe(error);
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

/**
 * Evaluates a JSONata expression against `input` with a time, stack and sequence limit. JSONata
 * has no access to the host: it sees only the input and its own function library.
 */
export async function evaluateExpression(
  expression: string,
  input: unknown,
  op: string,
): Promise<unknown> {
  const compiled = jsonata(expression, {
    timeout: EXPRESSION_LIMITS.timeoutMs,
    stack: EXPRESSION_LIMITS.stackDepth,
    sequence: EXPRESSION_LIMITS.sequenceLength,
  });
  try {
    const result: unknown = await compiled.evaluate(input);
    // JSONata marks sequences with extra properties; a JSON round trip keeps plain values only.
    return result === undefined ? null : (JSON.parse(JSON.stringify(result)) as unknown);
  } catch (error) {
    const { code, message, position } = describe(error);
    const limited = code === 'D1012' || code === 'D1011' || code === 'D2015';
    throw new OrchestratorError({
      code: limited ? 'RESOURCE_EXHAUSTED' : 'EXECUTION_FAILED',
      op,
      retryable: false,
      message: `The expression failed: ${message ?? String(error)}${position === undefined ? '' : ` (at character ${position})`}`,
      details: { jsonataCode: code },
    });
  }
}
