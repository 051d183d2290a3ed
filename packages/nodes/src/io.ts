import { OrchestratorError } from '@beluga/orchestration';
import { z } from 'zod';
import { defineNodeType } from './types.js';

const FIELD_TYPES = ['string', 'number', 'boolean', 'object', 'array'] as const;

export const InputFieldSchema = z
  .object({
    name: z.string().min(1).max(200),
    type: z.enum(FIELD_TYPES).default('string'),
    required: z.boolean().default(false),
    description: z.string().max(2000).optional(),
    default: z.json().optional(),
  })
  .strict();

export const InputConfigSchema = z
  .object({
    /** The fields of the run input; the run dialog builds its form from them. Empty: any JSON. */
    fields: z.array(InputFieldSchema).max(200).default([]),
  })
  .strict();

export type InputField = z.output<typeof InputFieldSchema>;

/** JSON Schema of the run input an input node accepts, for forms and API clients. */
export function inputJsonSchema(fields: readonly InputField[]): Record<string, unknown> {
  if (fields.length === 0) return {};
  return {
    type: 'object',
    properties: Object.fromEntries(
      fields.map((field) => [
        field.name,
        {
          type: field.type,
          ...(field.description ? { description: field.description } : {}),
          ...(field.default === undefined ? {} : { default: field.default }),
        },
      ]),
    ),
    required: fields.filter((field) => field.required).map((field) => field.name),
  };
}

function typeOf(value: unknown): string {
  if (Array.isArray(value)) return 'array';
  if (value === null) return 'null';
  return typeof value;
}

/** Checks the run input against the fields and fills defaults; unknown keys pass through. */
export function checkRunInput(fields: readonly InputField[], input: unknown): unknown {
  if (fields.length === 0) return input ?? null;
  const fail = (field: string, message: string) =>
    new OrchestratorError({ code: 'VALIDATION_FAILED', op: 'node:input', field, message });
  if (typeof input !== 'object' || input === null || Array.isArray(input)) {
    throw fail(
      'input',
      `The run input must be an object with ${fields.map((f) => f.name).join(', ')}`,
    );
  }
  const values: Record<string, unknown> = { ...(input as Record<string, unknown>) };
  for (const field of fields) {
    const value = Object.hasOwn(values, field.name) ? values[field.name] : undefined;
    if (value === undefined) {
      if (field.default !== undefined) values[field.name] = field.default;
      else if (field.required) throw fail(field.name, `The run input needs "${field.name}"`);
      continue;
    }
    if (typeOf(value) !== field.type) {
      throw fail(
        field.name,
        `"${field.name}" must be ${field.type === 'array' || field.type === 'object' ? 'an' : 'a'} ${field.type}, got ${typeOf(value)}`,
      );
    }
  }
  return values;
}

/** Where a run starts: receives the run input, checked against its fields. */
export const inputNode = defineNodeType({
  type: 'input',
  role: 'input',
  inputs: [],
  outputs: [{ name: 'out', type: 'any' }],
  config: InputConfigSchema,
  estimatedMs: 0,
  ui: {
    title: 'Input',
    category: 'Input/Output',
    icon: 'log-in',
    description: 'Where a run starts. Its fields describe the run input and build the run form.',
    defaultConfig: { fields: [] },
  },
  run: ({ input, config }) => checkRunInput(config.fields, input),
});

export const OutputConfigSchema = z.object({}).strict();

/** Where a run ends: its input becomes the run output. */
export const outputNode = defineNodeType({
  type: 'output',
  role: 'output',
  inputs: [{ name: 'in', type: 'any', required: true }],
  outputs: [],
  config: OutputConfigSchema,
  estimatedMs: 0,
  ui: {
    title: 'Output',
    category: 'Input/Output',
    icon: 'log-out',
    description: 'Where a run ends. What arrives here is the run output.',
    defaultConfig: {},
  },
  run: ({ input }) => input ?? null,
});
