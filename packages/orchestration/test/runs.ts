import { afterEach, beforeEach, expect } from 'vitest';
import type { RunEvent } from '../src/events.js';

/** A promise that never settles: a node that hangs. */
export const never = (): Promise<never> => new Promise<never>(() => undefined);

/** Collects a run's events; `types()` gives them as `type:nodeId` strings. */
export function collect() {
  const events: RunEvent[] = [];
  const types = () => events.map((e) => `${e.type}${e.nodeId ? `:${e.nodeId}` : ''}`);
  return { events, types, onEvent: (event: RunEvent) => events.push(event) };
}

/** Fails every test of the file that makes the process emit a warning (e.g. MaxListeners). */
export function failOnProcessWarnings(): void {
  let warnings: Error[] = [];
  const onWarning = (warning: Error) => warnings.push(warning);
  beforeEach(() => {
    warnings = [];
    process.on('warning', onWarning);
  });
  afterEach(() => {
    process.off('warning', onWarning);
    expect(warnings.map((w) => `${w.name}: ${w.message}`)).toEqual([]);
  });
}
