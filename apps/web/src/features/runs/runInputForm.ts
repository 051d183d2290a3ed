import type { GraphDocument } from '@beluga/graph';

export type RunFieldType = 'string' | 'number' | 'boolean' | 'object' | 'array';

/** A field of an input node's config: what the run form asks for. */
export interface RunField {
  name: string;
  type: RunFieldType;
  required: boolean;
  description?: string;
  default?: unknown;
}

const TYPES: readonly string[] = ['string', 'number', 'boolean', 'object', 'array'];

function toField(raw: unknown): RunField | undefined {
  if (typeof raw !== 'object' || raw === null) return undefined;
  const field = raw as Record<string, unknown>;
  if (typeof field.name !== 'string' || field.name === '') return undefined;
  const type = typeof field.type === 'string' && TYPES.includes(field.type) ? field.type : 'string';
  return {
    name: field.name,
    type: type as RunFieldType,
    required: field.required === true,
    ...(typeof field.description === 'string' ? { description: field.description } : {}),
    ...(field.default === undefined ? {} : { default: field.default }),
  };
}

/** The fields of the graph's input nodes (the first declaration of a name wins). */
export function runFieldsOf(document: GraphDocument | undefined): RunField[] {
  const fields = new Map<string, RunField>();
  for (const node of document?.nodes ?? []) {
    if (node.type !== 'input') continue;
    const raw = node.config.fields;
    for (const field of Array.isArray(raw) ? raw.map(toField) : []) {
      if (field && !fields.has(field.name)) fields.set(field.name, field);
    }
  }
  return [...fields.values()];
}

/** What the form's inputs hold: text for every type ('' is "not given"). */
export type RunFormValues = Record<string, string>;

export function initialRunValues(fields: readonly RunField[]): RunFormValues {
  return Object.fromEntries(
    fields.map((field) => {
      const value = field.default;
      if (value === undefined || value === null) return [field.name, ''];
      if (field.type === 'object' || field.type === 'array')
        return [field.name, JSON.stringify(value, null, 2)];
      return [field.name, typeof value === 'string' ? value : JSON.stringify(value)];
    }),
  );
}

type Parsed = { value: unknown } | { error: string } | undefined;

function parseField(field: RunField, text: string): Parsed {
  if (field.type === 'string' ? text === '' : text.trim() === '') return undefined;
  switch (field.type) {
    case 'string':
      return { value: text };
    case 'number': {
      const value = Number(text);
      return Number.isFinite(value) ? { value } : { error: 'Must be a number' };
    }
    case 'boolean':
      return text === 'true' || text === 'false'
        ? { value: text === 'true' }
        : { error: 'Must be true or false' };
    default:
      return parseJsonOf(field.type, text);
  }
}

function parseJsonOf(type: 'object' | 'array', text: string): Parsed {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    return { error: `Not valid JSON: ${error instanceof Error ? error.message : String(error)}` };
  }
  const isArray = Array.isArray(value);
  const isObject = typeof value === 'object' && value !== null && !isArray;
  if (type === 'array' ? isArray : isObject) return { value };
  return { error: type === 'array' ? 'Must be a JSON array' : 'Must be a JSON object' };
}

export type RunInputResult =
  { ok: true; input: unknown } | { ok: false; errors: Record<string, string> };

/**
 * The run input from the form: typed values, empty optional fields left out (the input node
 * fills defaults), a message per field that is missing or malformed.
 */
export function toRunInput(fields: readonly RunField[], values: RunFormValues): RunInputResult {
  const input: Record<string, unknown> = {};
  const errors: Record<string, string> = {};
  for (const field of fields) {
    const parsed = parseField(field, values[field.name] ?? '');
    if (parsed === undefined) {
      if (field.required && field.default === undefined) errors[field.name] = 'Required';
    } else if ('error' in parsed) {
      errors[field.name] = parsed.error;
    } else {
      input[field.name] = parsed.value;
    }
  }
  return Object.keys(errors).length > 0 ? { ok: false, errors } : { ok: true, input };
}

/** A graph without fields takes any JSON; an empty editor means no input (null). */
export function parseRawInput(
  text: string,
): { ok: true; input: unknown } | { ok: false; error: string } {
  if (text.trim() === '') return { ok: true, input: null };
  try {
    return { ok: true, input: JSON.parse(text) as unknown };
  } catch (error) {
    return {
      ok: false,
      error: `Not valid JSON: ${error instanceof Error ? error.message : String(error)}`,
    };
  }
}
