import { useEffect } from 'react';
import { api, errorInfo } from '../../../lib/trpc';
import { useEditorStore } from '../editorStore';
import { useValidation } from './validationStore';

const DEBOUNCE_MS = 300;

/** Validates the document on the server ~300 ms after the last edit; stale answers are dropped. */
export function useLiveValidation(): void {
  const document = useEditorStore((state) => state.document);
  useEffect(() => {
    if (!document) return;
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
  }, [document]);
  useEffect(() => () => useValidation.getState().reset(), []);
}
