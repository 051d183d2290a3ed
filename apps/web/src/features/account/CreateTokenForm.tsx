import { useState } from 'react';
import { Button } from '../../components/Button';
import { ErrorNote } from '../graphs/ui/ErrorNote';
import { Field, INPUT } from './ui/Field';

const DAY = 24 * 3600;
const EXPIRIES: { label: string; seconds?: number }[] = [
  { label: 'Never' },
  { label: 'In 30 days', seconds: 30 * DAY },
  { label: 'In 90 days', seconds: 90 * DAY },
  { label: 'In a year', seconds: 365 * DAY },
];

export interface CreateTokenFormProps {
  busy: boolean;
  error: string | undefined;
  onCreate: (input: { name: string; expiresIn?: number }) => void;
}

/** Names a new API token and says when it expires. */
export function CreateTokenForm({ busy, error, onCreate }: CreateTokenFormProps) {
  const [name, setName] = useState('');
  const [expiry, setExpiry] = useState(0);
  const trimmed = name.trim();
  const seconds = EXPIRIES[expiry]?.seconds;
  return (
    <form
      aria-label="Create an API token"
      className="flex flex-col gap-2"
      onSubmit={(event) => {
        event.preventDefault();
        if (!trimmed) return;
        onCreate(seconds ? { name: trimmed, expiresIn: seconds } : { name: trimmed });
        setName('');
      }}
    >
      <div className="flex flex-wrap items-end gap-2">
        <Field
          className="min-w-48 flex-1"
          label="Token name"
          required
          maxLength={100}
          placeholder="e.g. CI pipeline"
          value={name}
          onChange={setName}
        />
        <label className="flex flex-col gap-1 text-sm font-medium">
          Expires
          <select
            className={INPUT}
            value={expiry}
            onChange={(event) => setExpiry(Number(event.target.value))}
          >
            {EXPIRIES.map((option, index) => (
              <option key={option.label} value={index}>
                {option.label}
              </option>
            ))}
          </select>
        </label>
        <Button type="submit" variant="primary" disabled={busy || !trimmed}>
          Create token
        </Button>
      </div>
      {error && <ErrorNote message={error} />}
    </form>
  );
}
