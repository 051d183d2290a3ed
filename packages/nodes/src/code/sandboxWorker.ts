import { createRequire } from 'node:module';
import { abortError } from './nodeErrors.js';
import { SANDBOX_PRELUDE, USER_FILENAME } from './prelude.js';
import type { SandboxOutcome } from './protocol.js';
import type { ThreadWorkerSpec } from './threadWorker.js';
import { WORKER_SOURCE } from './workerSource.js';

/** QuickJS's stack limit: far inside the thread's stack, so recursion fails in QuickJS, not V8. */
const MAX_STACK_BYTES = 1024 * 1024;
const THREAD_STACK_MB = 8;
/** The interrupt handler stops code at its limit; this backstop covers code it cannot interrupt. */
export const WATCHDOG_GRACE_MS = 1000;

let spec: ThreadWorkerSpec<SandboxOutcome> | undefined;

function crashed(message: string): SandboxOutcome {
  return { ok: false, failure: { kind: 'crash', message } };
}

/**
 * How a sandbox worker thread starts: QuickJS loaded once per thread. Paths are resolved from
 * this file on first use, so it works from src/ (tests) and from dist/ alike.
 */
export function sandboxThreadSpec(): ThreadWorkerSpec<SandboxOutcome> {
  if (!spec) {
    const require = createRequire(import.meta.url);
    spec = {
      source: WORKER_SOURCE,
      workerData: {
        corePath: require.resolve('quickjs-emscripten-core'),
        variantPath: require.resolve('@jitl/quickjs-wasmfile-release-sync'),
        wasmPath: require.resolve('@jitl/quickjs-wasmfile-release-sync/wasm'),
        prelude: SANDBOX_PRELUDE,
        userFilename: USER_FILENAME,
        maxStackBytes: MAX_STACK_BYTES,
      },
      resourceLimits: { stackSizeMb: THREAD_STACK_MB },
      name: 'the code sandbox worker',
      lost: (reason) => crashed(reason),
      unresponsive: () => ({ ok: false, failure: { kind: 'timeout', message: 'unresponsive' } }),
      abortError: (signal) => abortError(signal),
    };
  }
  return spec;
}
