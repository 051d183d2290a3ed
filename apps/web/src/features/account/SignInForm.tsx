import { useState } from 'react';
import { Button } from '../../components/Button';
import { authApi } from '../../lib/authClient';
import { ErrorNote } from '../graphs/ui/ErrorNote';
import { Field } from './ui/Field';
import { useFormSubmit } from './useFormSubmit';

export interface SignInFormProps {
  initialEmail?: string;
  /** After the session cookie is set: what comes next (reload the account, accept…). */
  onSignedIn: () => Promise<void>;
  submitLabel?: string;
}

/** Email and password; the server sets the session cookie. */
export function SignInForm({ initialEmail = '', onSignedIn, submitLabel }: SignInFormProps) {
  const [email, setEmail] = useState(initialEmail);
  const [password, setPassword] = useState('');
  const { busy, error, onSubmit } = useFormSubmit(async () => {
    await authApi.signIn({ email: email.trim(), password });
    await onSignedIn();
  });
  return (
    <form className="flex flex-col gap-3" aria-label="Sign in" onSubmit={onSubmit}>
      <Field
        label="Email"
        type="email"
        autoComplete="username"
        required
        autoFocus={!initialEmail}
        value={email}
        onChange={setEmail}
      />
      <Field
        label="Password"
        type="password"
        autoComplete="current-password"
        required
        autoFocus={Boolean(initialEmail)}
        value={password}
        onChange={setPassword}
      />
      {error && <ErrorNote message={error} />}
      <Button type="submit" variant="primary" disabled={busy}>
        {busy ? 'Signing in…' : (submitLabel ?? 'Sign in')}
      </Button>
    </form>
  );
}
