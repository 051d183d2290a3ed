type SetMaxListeners = (n: number, ...targets: EventTarget[]) => void;

// Resolved at run time instead of `import 'node:events'`, so browsers (the editor bundles
// @beluga/graph, which uses this package's schemas) load this module without a Node shim.
const nodeEvents = (
  globalThis as { process?: { getBuiltinModule?: (id: string) => unknown } }
).process?.getBuiltinModule?.('node:events') as { setMaxListeners?: SetMaxListeners } | undefined;

/**
 * Lifts Node's "possible EventTarget memory leak" warning on a signal that every running node
 * listens to; does nothing outside Node.
 */
export function allowManyListeners(signal: AbortSignal): void {
  nodeEvents?.setMaxListeners?.(0, signal);
}
