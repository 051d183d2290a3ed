import { useState } from 'react';
import { Button } from '../../components/Button';
import { authApi } from '../../lib/authClient';
import { ErrorNote } from '../graphs/ui/ErrorNote';
import { Field } from './ui/Field';
import { useFormSubmit } from './useFormSubmit';

/** The server's shortest password. */
export const MIN_PASSWORD = 10;

export interface SignUpFormProps {
  /** The invited address: shown, not editable (the invitation is for it alone). */
  invitedEmail?: string;
  invitationToken?: string;
  submitLabel: string;
  /** After the account is made and signed in. */
  onSignedUp: () => Promise<void>;
}

/** Name, email and password of a new account (the server signs it in at once). */
export function SignUpForm(props: SignUpFormProps) {
  const { invitedEmail, invitationToken, submitLabel, onSignedUp } = props;
  const [name, setName] = useState('');
  const [email, setEmail] = useState(invitedEmail ?? '');
  const [password, setPassword] = useState('');
  const { busy, error, onSubmit } = useFormSubmit(async () => {
    await authApi.signUp({ name: name.trim(), email: email.trim(), password }, invitationToken);
    await onSignedUp();
  });
  return (
    <form className="flex flex-col gap-3" aria-label="Create an account" onSubmit={onSubmit}>
      <Field
        label="Name"
        autoComplete="name"
        required
        maxLength={200}
        autoFocus
        value={name}
        onChange={setName}
      />
      <Field
        label="Email"
        type="email"
        autoComplete="username"
        required
        readOnly={invitedEmail !== undefined}
        value={email}
        onChange={setEmail}
        {...(invitedEmail ? { hint: 'The invitation is for this address.' } : {})}
      />
      <Field
        label="Password"
        type="password"
        autoComplete="new-password"
        required
        minLength={MIN_PASSWORD}
        maxLength={200}
        hint={`At least ${MIN_PASSWORD} characters.`}
        value={password}
        onChange={setPassword}
      />
      {error && <ErrorNote message={error} />}
      <Button type="submit" variant="primary" disabled={busy}>
        {busy ? 'Creating the account…' : submitLabel}
      </Button>
    </form>
  );
}
