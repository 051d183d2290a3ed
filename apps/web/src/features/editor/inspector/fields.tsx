import { useId, useState, type ReactNode } from 'react';

const INPUT =
  'w-full rounded-md border bg-white px-2 py-1 text-sm focus:ring-2 focus:outline-none dark:bg-slate-900';
const INPUT_OK =
  'border-slate-300 focus:border-sky-500 focus:ring-sky-500/30 dark:border-slate-700';
const INPUT_BAD = 'border-red-500 focus:ring-red-500/30';

export interface FieldShellProps {
  /** The control's id; generated when not given. */
  id?: string | undefined;
  label: string;
  required?: boolean | undefined;
  description?: string | undefined;
  errors: readonly string[];
  children: (control: {
    id: string;
    describedBy: string | undefined;
    invalid: boolean;
    className: string;
  }) => ReactNode;
}

/** Label, control, help and inline errors, wired for assistive technology. */
export function FieldShell({
  id: given,
  label,
  required,
  description,
  errors,
  children,
}: FieldShellProps) {
  const generated = useId();
  const id = given ?? generated;
  const help = description ? `${id}-help` : undefined;
  const error = errors.length > 0 ? `${id}-error` : undefined;
  const describedBy = [help, error].filter(Boolean).join(' ') || undefined;
  const invalid = errors.length > 0;
  return (
    <div className="flex flex-col gap-1">
      <label htmlFor={id} className="text-xs font-medium text-slate-700 dark:text-slate-300">
        {label}
        {required && (
          <span className="text-red-600" aria-hidden>
            {' '}
            *
          </span>
        )}
      </label>
      {children({
        id,
        describedBy,
        invalid,
        className: `${INPUT} ${invalid ? INPUT_BAD : INPUT_OK}`,
      })}
      {description && (
        <p id={help} className="text-[11px] text-slate-500">
          {description}
        </p>
      )}
      {error && (
        <p
          id={error}
          role="alert"
          data-testid="field-error"
          className="text-xs text-red-600 dark:text-red-400"
        >
          {errors.join(' · ')}
        </p>
      )}
    </div>
  );
}

interface ValueFieldProps<T> {
  label: string;
  required?: boolean | undefined;
  description?: string | undefined;
  errors: readonly string[];
  value: T | undefined;
  onChange: (value: T | undefined) => void;
  /** The id of the control, for shortcuts that focus it. */
  id?: string;
}

export function TextField({
  multiline = false,
  placeholder,
  ...props
}: ValueFieldProps<string> & { multiline?: boolean; placeholder?: string | undefined }) {
  const { value, onChange, required } = props;
  const change = (text: string) => onChange(text === '' && !required ? undefined : text);
  return (
    <FieldShell {...props}>
      {({ id, describedBy, invalid, className }) =>
        multiline ? (
          <textarea
            id={id}
            rows={4}
            spellCheck={false}
            value={value ?? ''}
            placeholder={placeholder}
            aria-describedby={describedBy}
            aria-invalid={invalid}
            aria-required={required}
            onChange={(e) => change(e.target.value)}
            className={`${className} font-mono text-xs`}
          />
        ) : (
          <input
            id={id}
            type="text"
            value={value ?? ''}
            placeholder={placeholder}
            aria-describedby={describedBy}
            aria-invalid={invalid}
            aria-required={required}
            onChange={(e) => change(e.target.value)}
            className={className}
          />
        )
      }
    </FieldShell>
  );
}

/**
 * Keeps what the user types while it is not a value yet (`-`, `1.`); writes once it parses.
 * A value changed from outside (undo, another field) replaces the draft unless the draft
 * already means that value.
 */
function useDraft<T>(
  value: T | undefined,
  format: (v: T | undefined) => string,
  means: (draft: string, value: T | undefined) => boolean,
) {
  const [draft, setDraft] = useState(format(value));
  const [seen, setSeen] = useState(value);
  if (seen !== value) {
    setSeen(value);
    if (!means(draft, value)) setDraft(format(value));
  }
  return [draft, setDraft] as const;
}

function sameJson(draft: string, value: unknown): boolean {
  try {
    return JSON.stringify(JSON.parse(draft)) === JSON.stringify(value);
  } catch {
    return false;
  }
}

export function NumberField({
  integer,
  min,
  max,
  ...props
}: ValueFieldProps<number> & {
  integer: boolean;
  min?: number | undefined;
  max?: number | undefined;
}) {
  const [draft, setDraft] = useDraft(
    props.value,
    (v) => (v === undefined ? '' : String(v)),
    (d, v) => (d.trim() === '' ? v === undefined : Number(d) === v),
  );
  const [local, setLocal] = useState<string | undefined>();
  const onText = (text: string) => {
    setDraft(text);
    if (text.trim() === '') {
      setLocal(undefined);
      props.onChange(undefined);
      return;
    }
    const n = Number(text);
    if (!Number.isFinite(n)) return setLocal('Enter a number');
    if (integer && !Number.isInteger(n)) return setLocal('Enter a whole number');
    setLocal(undefined);
    props.onChange(n);
  };
  const errors = local ? [local, ...props.errors] : props.errors;
  const range =
    min !== undefined || max !== undefined ? `${min ?? '…'} – ${max ?? '…'}` : undefined;
  return (
    <FieldShell {...props} errors={errors}>
      {({ id, describedBy, invalid, className }) => (
        <input
          id={id}
          type="text"
          inputMode={integer ? 'numeric' : 'decimal'}
          value={draft}
          placeholder={range}
          aria-describedby={describedBy}
          aria-invalid={invalid}
          aria-required={props.required}
          onChange={(e) => onText(e.target.value)}
          className={className}
        />
      )}
    </FieldShell>
  );
}

export function SelectField({
  options,
  ...props
}: ValueFieldProps<string> & { options: readonly string[] }) {
  return (
    <FieldShell {...props}>
      {({ id, describedBy, invalid, className }) => (
        <select
          id={id}
          value={props.value ?? ''}
          aria-describedby={describedBy}
          aria-invalid={invalid}
          onChange={(e) => props.onChange(e.target.value === '' ? undefined : e.target.value)}
          className={className}
        >
          {!props.required && <option value="">(default)</option>}
          {options.map((option) => (
            <option key={option} value={option}>
              {option}
            </option>
          ))}
        </select>
      )}
    </FieldShell>
  );
}

export function CheckboxField(props: ValueFieldProps<boolean>) {
  const generated = useId();
  const id = props.id ?? generated;
  return (
    <div className="flex flex-col gap-1">
      <label htmlFor={id} className="flex items-center gap-2 text-sm">
        <input
          id={id}
          type="checkbox"
          checked={props.value ?? false}
          onChange={(e) => props.onChange(e.target.checked)}
          className="size-4 rounded border-slate-300 accent-sky-600"
        />
        {props.label}
      </label>
      {props.description && <p className="text-[11px] text-slate-500">{props.description}</p>}
      {props.errors.length > 0 && (
        <p role="alert" data-testid="field-error" className="text-xs text-red-600">
          {props.errors.join(' · ')}
        </p>
      )}
    </div>
  );
}

/** Any JSON value, as text; refused locally until it parses. */
export function JsonField(props: ValueFieldProps<unknown>) {
  const [draft, setDraft] = useDraft(
    props.value,
    (v) => (v === undefined ? '' : JSON.stringify(v, null, 2)),
    (d, v) => (d.trim() === '' ? v === undefined : sameJson(d, v)),
  );
  const [local, setLocal] = useState<string | undefined>();
  const onText = (text: string) => {
    setDraft(text);
    if (text.trim() === '') return props.onChange(undefined);
    try {
      props.onChange(JSON.parse(text) as unknown);
      setLocal(undefined);
    } catch {
      setLocal('Not valid JSON yet');
    }
  };
  const errors = local ? [local, ...props.errors] : props.errors;
  return (
    <FieldShell {...props} errors={errors}>
      {({ id, describedBy, invalid, className }) => (
        <textarea
          id={id}
          rows={3}
          spellCheck={false}
          value={draft}
          placeholder="JSON"
          aria-describedby={describedBy}
          aria-invalid={invalid}
          onChange={(e) => onText(e.target.value)}
          className={`${className} font-mono text-xs`}
        />
      )}
    </FieldShell>
  );
}
