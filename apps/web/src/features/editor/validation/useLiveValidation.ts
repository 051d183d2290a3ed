import { useEffect } from 'react';
import { api, errorInfo } from '../../../lib/trpc';
import { useComparing } from '../../history/compareStore';
import { useRunView } from '../../runs/runStore';
import { useCanvasDocument } from '../viewingRun';
import { useValidation } from './validationStore';

const DEBOUNCE_MS = 300;

/** Which document is checked: the one being edited, or the version a past run ran. */
function useValidatedSource(): string {
  const run = useRunView((state) => (state.readOnly ? `run:${state.runId ?? ''}` : 'editing'));
  // Two versions compared: their union is drawn, which is no graph of its own to check.
  return useComparing() ? 'comparing' : run;
}

/**
 * Validates the document on the canvas on the server ~300 ms after the last edit; stale answers
 * are dropped. While a past run is open that is the version it ran, so the problems panel and
 * the nodes show that version's problems, never those of the edits waiting underneath.
 */
export function useLiveValidation(): void {
  const document = useCanvasDocument();
  const source = useValidatedSource();
  // Another document: the last one's problems must not show while this one is checked.
  useEffect(() => useValidation.getState().reset(), [source]);
  useEffect(() => {
    if (!document || source === 'comparing') return;
    let current = true;
    useValidation.getState().setPending(true);
    const timer = setTimeout(() => {
      api.validate
        .mutate({ document })
        .then((result) => {
          if (current) useValidation.getState().setResult(result);
        })
        .catch((error: unknown) => {
          if (current) useValidation.getState().setError(errorInfo(error).message);
        });
    }, DEBOUNCE_MS);
    return () => {
      current = false;
      clearTimeout(timer);
    };
  }, [document, source]);
  useEffect(() => () => useValidation.getState().reset(), []);
}
