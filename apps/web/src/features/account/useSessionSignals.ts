import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { onApiSignal } from '../../lib/apiSignals';

/**
 * Follows what API answers say about the session: `expired` turns true when a call is refused
 * because the session ended (until `resume`), and a refusal for a role refreshes the account,
 * whose roles may have changed since they were read.
 */
export function useSessionSignals(signedIn: boolean) {
  const queryClient = useQueryClient();
  const [expired, setExpired] = useState(false);
  useEffect(
    () =>
      onApiSignal((signal) => {
        if (signal === 'unauthorized' && signedIn) setExpired(true);
        if (signal === 'forbidden') void queryClient.invalidateQueries({ queryKey: ['account'] });
      }),
    [signedIn, queryClient],
  );
  return { expired, resume: () => setExpired(false) };
}
