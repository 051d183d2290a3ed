import { useState, type FormEvent } from 'react';
import { authErrorMessage } from './authMessages';

/**
 * A form's submit handler with its busy flag and error message: the action runs once at a
 * time, and what it throws becomes a sentence for the form's alert.
 */
export function useFormSubmit(action: () => Promise<void>) {
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string>();
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    if (busy) return;
    setBusy(true);
    setError(undefined);
    action().then(
      () => setBusy(false),
      (failure: unknown) => {
        setError(authErrorMessage(failure));
        setBusy(false);
      },
    );
  };
  return { busy, error, onSubmit };
}
