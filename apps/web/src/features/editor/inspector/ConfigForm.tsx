import { Plus, Trash2 } from 'lucide-react';
import { Button } from '../../../components/Button';
import { CredentialField } from '../../credentials/CredentialField';
import { getAt, problemFieldOf, type FormField } from '../model/schemaForm';
import { CheckboxField, JsonField, NumberField, SelectField, TextField } from './fields';

type Path = (string | number)[];

export interface ConfigFormProps {
  fields: readonly FormField[];
  /** The node's config. */
  value: unknown;
  onChange: (path: Path, value: unknown) => void;
  /** Problem messages by field name (`config.url`). */
  errorsOf: (field: string) => readonly string[];
  /** Where these fields sit in the config (empty at the top). */
  base?: Path;
}

/** A form generated from a node type's config schema, nested objects and lists included. */
export function ConfigForm({ fields, value, onChange, errorsOf, base = [] }: ConfigFormProps) {
  return (
    <div className="flex flex-col gap-3">
      {fields.map((field) => (
        <SchemaField
          key={field.key}
          field={field}
          path={[...base, field.key]}
          value={value}
          onChange={onChange}
          errorsOf={errorsOf}
        />
      ))}
    </div>
  );
}

interface SchemaFieldProps {
  field: FormField;
  path: Path;
  value: unknown;
  onChange: ConfigFormProps['onChange'];
  errorsOf: ConfigFormProps['errorsOf'];
}

function SchemaField({ field, path, value, onChange, errorsOf }: SchemaFieldProps) {
  const current = getAt(value, path);
  const common = {
    label: field.label,
    required: field.required,
    description: field.description,
    errors: errorsOf(problemFieldOf(path)),
    onChange: (next: unknown) => onChange(path, next),
  };
  switch (field.kind) {
    case 'text':
      if (field.key === 'credential')
        return (
          <CredentialField {...common} value={typeof current === 'string' ? current : undefined} />
        );
      return (
        <TextField
          {...common}
          multiline={field.multiline}
          value={typeof current === 'string' ? current : undefined}
          placeholder={typeof field.default === 'string' ? field.default : undefined}
        />
      );
    case 'number':
      return (
        <NumberField
          {...common}
          integer={field.integer}
          min={field.min}
          max={field.max}
          value={typeof current === 'number' ? current : undefined}
        />
      );
    case 'boolean':
      return (
        <CheckboxField
          {...common}
          value={typeof current === 'boolean' ? current : field.default === true}
        />
      );
    case 'enum':
      return (
        <SelectField
          {...common}
          options={field.options}
          value={typeof current === 'string' ? current : undefined}
        />
      );
    case 'object':
      return (
        <fieldset className="rounded-md border border-slate-200 p-3 dark:border-slate-800">
          <legend className="px-1 text-xs font-semibold">{field.label}</legend>
          <ConfigForm
            fields={field.fields}
            value={value}
            onChange={onChange}
            errorsOf={errorsOf}
            base={path}
          />
        </fieldset>
      );
    case 'list':
      return (
        <ListField
          field={field}
          path={path}
          value={value}
          onChange={onChange}
          errorsOf={errorsOf}
        />
      );
    case 'json':
      return <JsonField {...common} value={current} />;
  }
}

/** A list of objects (an input node's `fields`): one group per item, add and remove. */
function ListField({
  field,
  path,
  value,
  onChange,
  errorsOf,
}: SchemaFieldProps & { field: Extract<FormField, { kind: 'list' }> }) {
  const items = getAt(value, path);
  const list = Array.isArray(items) ? (items as unknown[]) : [];
  const fresh = () =>
    Object.fromEntries(
      field.item.flatMap((f) =>
        f.required && f.kind === 'text'
          ? [[f.key, '']]
          : f.default !== undefined
            ? [[f.key, f.default]]
            : [],
      ),
    );
  const errors = errorsOf(problemFieldOf(path));
  return (
    <fieldset className="rounded-md border border-slate-200 p-3 dark:border-slate-800">
      <legend className="px-1 text-xs font-semibold">{field.label}</legend>
      {list.length === 0 && <p className="mb-2 text-xs text-slate-500">None yet.</p>}
      <ol className="flex flex-col gap-3">
        {list.map((_, i) => (
          <li key={i} className="rounded border border-slate-200 p-2 dark:border-slate-800">
            <div className="mb-1 flex items-center justify-between">
              <span className="text-[11px] font-semibold text-slate-500">
                {field.label} {i + 1}
              </span>
              <Button
                size="sm"
                variant="ghost"
                aria-label={`Remove ${field.label.toLowerCase()} ${i + 1}`}
                icon={<Trash2 className="size-3.5" aria-hidden />}
                onClick={() =>
                  onChange(
                    path,
                    list.filter((__, j) => j !== i),
                  )
                }
              />
            </div>
            <ConfigForm
              fields={field.item}
              value={value}
              onChange={onChange}
              errorsOf={errorsOf}
              base={[...path, i]}
            />
          </li>
        ))}
      </ol>
      {errors.length > 0 && (
        <p role="alert" data-testid="field-error" className="mt-1 text-xs text-red-600">
          {errors.join(' · ')}
        </p>
      )}
      <Button
        size="sm"
        className="mt-2"
        icon={<Plus className="size-3.5" aria-hidden />}
        onClick={() => onChange(path, [...list, fresh()])}
      >
        Add {field.label.toLowerCase().replace(/s$/, '')}
      </Button>
    </fieldset>
  );
}
