import { useState } from 'react';
import { Button } from '../../components/Button';
import { Field, INPUT } from '../account/ui/Field';
import type { InviteRole } from './useInvitations';

export interface InviteFormProps {
  /** Only owners invite admins. */
  roles: readonly InviteRole[];
  busy: boolean;
  onInvite: (input: { email: string; role: InviteRole }) => void;
}

/** An email address and the role its owner gets on joining. */
export function InviteForm({ roles, busy, onInvite }: InviteFormProps) {
  const [email, setEmail] = useState('');
  const [role, setRole] = useState<InviteRole>('viewer');
  const trimmed = email.trim();
  return (
    <form
      aria-label="Invite someone"
      className="flex flex-wrap items-end gap-2"
      onSubmit={(event) => {
        event.preventDefault();
        if (!trimmed) return;
        onInvite({ email: trimmed, role });
        setEmail('');
      }}
    >
      <Field
        className="min-w-56 flex-1"
        label="Email"
        type="email"
        required
        maxLength={320}
        value={email}
        onChange={setEmail}
      />
      <label className="flex flex-col gap-1 text-sm font-medium">
        Role
        <select
          className={INPUT}
          value={role}
          onChange={(event) => setRole(event.target.value as InviteRole)}
        >
          {roles.map((option) => (
            <option key={option} value={option}>
              {option}
            </option>
          ))}
        </select>
      </label>
      <Button type="submit" variant="primary" disabled={busy || !trimmed}>
        Invite
      </Button>
    </form>
  );
}
