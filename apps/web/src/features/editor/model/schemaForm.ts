/** A JSON Schema as catalog.list gives it (zod's toJSONSchema output). */
export type JsonSchema = Record<string, unknown>;

interface FieldBase {
  key: string;
  label: string;
  /** Path from the parent value (the config, an object, a list item), e.g. ['enabled']. */
  path: (string | number)[];
  required: boolean;
  description?: string;
  default?: unknown;
}

export type FormField =
  | (FieldBase & { kind: 'text'; multiline: boolean; minLength?: number; maxLength?: number })
  | (FieldBase & { kind: 'number'; integer: boolean; min?: number; max?: number })
  | (FieldBase & { kind: 'boolean' })
  | (FieldBase & { kind: 'enum'; options: string[] })
  | (FieldBase & { kind: 'object'; fields: FormField[] })
  | (FieldBase & { kind: 'list'; item: FormField[] })
  | (FieldBase & { kind: 'json' });

/** Text fields that hold code or prose get a multi-line editor. */
const MULTILINE = new Set(['expression', 'source', 'prompt', 'system', 'condition', 'description']);

/** `timeLimitMs` → "Time limit (ms)", `baseUrl` → "Base URL". */
export function labelOf(key: string): string {
  if (key === 'ms') return 'Milliseconds';
  const words = key
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .toLowerCase()
    .split(' ');
  const unit = words.at(-1) === 'ms' || words.at(-1) === 'mb' ? words.pop() : undefined;
  const text = words.map((w) => (w === 'url' ? 'URL' : w)).join(' ');
  const sentence = text.charAt(0).toUpperCase() + text.slice(1);
  return unit ? `${sentence} (${unit === 'ms' ? 'ms' : 'MB'})` : sentence;
}

function optionalNumber(value: unknown): number | undefined {
  return typeof value === 'number' ? value : undefined;
}

function fieldOf(
  key: string,
  schema: JsonSchema,
  path: FieldBase['path'],
  required: boolean,
): FormField {
  const base: FieldBase = {
    key,
    label: labelOf(key),
    path,
    required,
    ...(typeof schema.description === 'string' ? { description: schema.description } : {}),
    ...('default' in schema ? { default: schema.default } : {}),
  };
  if (Array.isArray(schema.enum) && schema.enum.every((v) => typeof v === 'string')) {
    return { ...base, kind: 'enum', options: schema.enum };
  }
  switch (schema.type) {
    case 'string':
      return {
        ...base,
        kind: 'text',
        multiline: MULTILINE.has(key),
        ...(typeof schema.minLength === 'number' ? { minLength: schema.minLength } : {}),
        ...(typeof schema.maxLength === 'number' ? { maxLength: schema.maxLength } : {}),
      };
    case 'number':
    case 'integer': {
      const min = optionalNumber(schema.minimum) ?? optionalNumber(schema.exclusiveMinimum);
      const max = optionalNumber(schema.maximum) ?? optionalNumber(schema.exclusiveMaximum);
      return {
        ...base,
        kind: 'number',
        integer: schema.type === 'integer',
        ...(min === undefined ? {} : { min }),
        ...(max === undefined ? {} : { max }),
      };
    }
    case 'boolean':
      return { ...base, kind: 'boolean' };
    case 'object':
      if (isRecord(schema.properties) && Object.keys(schema.properties).length > 0) {
        return { ...base, kind: 'object', fields: formOf(schema) };
      }
      return { ...base, kind: 'json' };
    case 'array': {
      const items = schema.items;
      if (isRecord(items) && items.type === 'object' && isRecord(items.properties)) {
        return { ...base, kind: 'list', item: formOf(items, []) };
      }
      return { ...base, kind: 'json' };
    }
    default:
      return { ...base, kind: 'json' };
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The form of an object schema: one field per property, in schema order. */
export function formOf(schema: JsonSchema, path: FieldBase['path'] = []): FormField[] {
  const properties = isRecord(schema.properties) ? schema.properties : {};
  const required = new Set(Array.isArray(schema.required) ? schema.required : []);
  return Object.entries(properties).map(([key, sub]) =>
    fieldOf(key, isRecord(sub) ? sub : {}, [...path, key], required.has(key)),
  );
}

/** The name validate() gives a config field: `config.memory.enabled`, `config.fields.0.name`. */
export function problemFieldOf(path: FieldBase['path']): string {
  return ['config', ...path.map(String)].join('.');
}

export function getAt(value: unknown, path: FieldBase['path']): unknown {
  let at = value;
  for (const key of path) {
    if (typeof at !== 'object' || at === null) return undefined;
    at = (at as Record<string | number, unknown>)[key];
  }
  return at;
}

/** A copy of `value` with `path` set (undefined removes the key); parents are created. */
export function setAt(value: unknown, path: FieldBase['path'], next: unknown): unknown {
  if (path.length === 0) return next;
  const [key, ...rest] = path as [string | number, ...(string | number)[]];
  if (typeof key === 'number') {
    const list = Array.isArray(value) ? [...(value as unknown[])] : [];
    list[key] = setAt(list[key], rest, next);
    return list;
  }
  const record = isRecord(value) ? { ...value } : {};
  const child = setAt(record[key], rest, next);
  if (child === undefined) delete record[key];
  else record[key] = child;
  return record;
}
