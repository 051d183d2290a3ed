import { useId, type InputHTMLAttributes, type Ref } from 'react';

export interface FieldProps extends Omit<InputHTMLAttributes<HTMLInputElement>, 'onChange'> {
  label: string;
  value: string;
  onChange: (value: string) => void;
  /** A line under the input, tied to it for assistive technology. */
  hint?: string;
  ref?: Ref<HTMLInputElement>;
}

export const INPUT =
  'rounded-md border border-slate-300 bg-white px-2 py-1.5 text-sm font-normal focus-visible:ring-2 focus-visible:ring-sky-500 focus-visible:outline-none read-only:bg-slate-50 dark:border-slate-700 dark:bg-slate-950 dark:read-only:bg-slate-900';

/** A labelled text input of the account and workspace forms. */
export function Field({ label, value, onChange, hint, className = '', ...input }: FieldProps) {
  const hintId = useId();
  return (
    <label className={`flex flex-col gap-1 text-sm font-medium ${className}`}>
      {label}
      <input
        className={INPUT}
        value={value}
        onChange={(event) => onChange(event.target.value)}
        {...(hint ? { 'aria-describedby': hintId } : {})}
        {...input}
      />
      {hint && (
        <span id={hintId} className="text-xs font-normal text-slate-500">
          {hint}
        </span>
      )}
    </label>
  );
}
