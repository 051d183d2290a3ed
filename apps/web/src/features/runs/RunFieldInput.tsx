import type { RunField } from './runInputForm';

export interface RunFieldInputProps {
  field: RunField;
  value: string;
  error: string | undefined;
  onChange: (value: string) => void;
}

const CONTROL =
  'w-full rounded-md border bg-white px-2 py-1.5 text-sm dark:bg-slate-950 focus-visible:ring-2 focus-visible:ring-sky-500 focus-visible:outline-none';

/** One field of the run form: a control by type, its description and its error. */
export function RunFieldInput({ field, value, error, onChange }: RunFieldInputProps) {
  const id = `run-field-${field.name}`;
  const hintId = `${id}-hint`;
  const errorId = `${id}-error`;
  const describedBy = [field.description ? hintId : '', error ? errorId : '']
    .filter(Boolean)
    .join(' ');
  const common = {
    id,
    name: field.name,
    'aria-invalid': error ? true : undefined,
    'aria-required': field.required || undefined,
    'aria-describedby': describedBy || undefined,
    className: `${CONTROL} ${error ? 'border-red-500' : 'border-slate-300 dark:border-slate-700'}`,
  };
  return (
    <div className="flex flex-col gap-1">
      <label htmlFor={id} className="flex items-baseline gap-1 text-sm font-medium">
        {field.name}
        {field.required && (
          <span className="text-red-600" title="Required">
            *<span className="sr-only"> (required)</span>
          </span>
        )}
        <span className="ml-auto font-mono text-[11px] font-normal text-slate-500">
          {field.type}
        </span>
      </label>
      {field.type === 'boolean' ? (
        <select {...common} value={value} onChange={(e) => onChange(e.target.value)}>
          <option value="">— not set —</option>
          <option value="true">true</option>
          <option value="false">false</option>
        </select>
      ) : field.type === 'object' || field.type === 'array' ? (
        <textarea
          {...common}
          rows={4}
          spellCheck={false}
          className={`${common.className} font-mono text-xs`}
          placeholder={field.type === 'array' ? '[]' : '{}'}
          value={value}
          onChange={(e) => onChange(e.target.value)}
        />
      ) : (
        <input
          {...common}
          type="text"
          inputMode={field.type === 'number' ? 'decimal' : undefined}
          value={value}
          onChange={(e) => onChange(e.target.value)}
        />
      )}
      {field.description && (
        <p id={hintId} className="text-xs text-slate-500">
          {field.description}
        </p>
      )}
      {error && (
        <p id={errorId} className="text-xs text-red-600">
          {error}
        </p>
      )}
    </div>
  );
}
