import { isOrchestratorError, OrchestratorError, toError } from './errors.js';
import type { MemoryValues } from './memory.js';
import type { ResolvedChainOptions } from './chainOptions.js';
import { untilAborted } from './runScope.js';

/** The first step's input, and the caller's input as a record (what memory saves). */
export interface PreparedInput {
  value: unknown;
  record: MemoryValues;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function validationError(
  op: string,
  message: string,
  field: string | undefined,
): OrchestratorError {
  return new OrchestratorError({ code: 'VALIDATION_FAILED', op, message, field });
}

/** An object input as it is; a string, as the seed does, under the single input key (or `input`). */
function toInputRecord(options: ResolvedChainOptions, input: unknown): MemoryValues {
  const { inputKeys, name } = options;
  if (isRecord(input)) return input;
  if (typeof input === 'string' && inputKeys.length <= 1)
    return { [inputKeys[0] ?? 'input']: input };
  const keys = inputKeys.length > 0 ? ` with keys ${inputKeys.join(', ')}` : '';
  const message = `Chain "${name}" expects an object input${keys}, got ${Array.isArray(input) ? 'array' : typeof input}`;
  throw validationError('chain.input', message, inputKeys[0]);
}

/** Missing keys: absent or undefined. */
function missingKeys(record: Record<string, unknown>, keys: readonly string[]): string[] {
  return keys.filter((key) => record[key] === undefined);
}

/**
 * Checks the required input keys and merges the memory variables in (the caller's values win).
 * Without memory or input keys the input passes through untouched, whatever its type.
 */
export async function prepareInput(
  options: ResolvedChainOptions,
  input: unknown,
  signal: AbortSignal,
): Promise<PreparedInput> {
  const { memory, inputKeys, name } = options;
  if (!memory && inputKeys.length === 0) return { value: input, record: {} };
  const record = toInputRecord(options, input);
  const missing = missingKeys(record, inputKeys);
  if (missing.length > 0) {
    const message = `Chain "${name}" input is missing ${missing.map((key) => `"${key}"`).join(', ')}`;
    throw validationError('chain.input', message, missing[0]);
  }
  if (!memory) return { value: record, record };
  try {
    const variables = await untilAborted(() => memory.loadMemoryVariables(record), signal);
    return { value: { ...variables, ...record }, record };
  } catch (thrown) {
    throw memoryError('loadMemoryVariables', thrown, signal);
  }
}

/** The final output: the last step's, or only its `outputKeys` when the chain has some. */
export function pickOutputs(options: ResolvedChainOptions, value: unknown): unknown {
  const { outputKeys, name } = options;
  if (outputKeys.length === 0) return value;
  if (!isRecord(value)) {
    const message = `Chain "${name}" expects its last step to return an object with keys ${outputKeys.join(', ')}`;
    throw validationError('chain.output', message, outputKeys[0]);
  }
  const missing = missingKeys(value, outputKeys);
  if (missing.length > 0) {
    const message = `Chain "${name}" output is missing ${missing.map((key) => `"${key}"`).join(', ')}`;
    throw validationError('chain.output', message, missing[0]);
  }
  return Object.fromEntries(outputKeys.map((key) => [key, value[key]]));
}

/** The output as memory saves it: an object as it is, anything else under the output key. */
export function toOutputRecord(options: ResolvedChainOptions, output: unknown): MemoryValues {
  return isRecord(output) ? output : { [options.outputKeys[0] ?? 'output']: output };
}

/** Memory failures are the chain's own (EXECUTION_FAILED), unless the run was aborted meanwhile. */
export function memoryError(method: string, thrown: unknown, signal: AbortSignal): Error {
  if (signal.aborted) return toError(signal.reason);
  if (isOrchestratorError(thrown)) return toError(thrown);
  const original = toError(thrown);
  return new OrchestratorError({
    code: 'EXECUTION_FAILED',
    op: `chain.memory.${method}`,
    message: `Chain memory ${method} failed: ${original.message}`,
    cause: original,
  });
}
