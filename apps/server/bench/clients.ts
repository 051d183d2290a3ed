import { Worker } from 'node:worker_threads';
import type { ConsumeRequest, ConsumeResponse, StreamResult } from './clientWorker.js';

/** The client thread, asked to read streams and answering with what arrived and when. */
export interface Clients {
  /** Opens one SSE stream per run at once; resolves when all have ended. */
  consume(request: Omit<ConsumeRequest, 'id'>): Promise<StreamResult[]>;
  close(): Promise<void>;
}

export function startClients(): Clients {
  // Node 20 does not apply `--import tsx` to a worker's entry module, so the worker registers
  // tsx itself before importing it (it inherits --conditions from this process).
  const tsx = import.meta.resolve('tsx/esm/api');
  const entry = new URL('./clientWorker.ts', import.meta.url).href;
  const worker = new Worker(
    `import(${JSON.stringify(tsx)}).then(({ register }) => { register(); return import(${JSON.stringify(entry)}); });`,
    { eval: true },
  );
  const waiting = new Map<number, (streams: StreamResult[]) => void>();
  let next = 0;
  worker.on('message', (response: ConsumeResponse) => {
    waiting.get(response.id)?.(response.streams);
    waiting.delete(response.id);
  });
  worker.on('error', (error) => {
    console.error('client worker failed', error);
    process.exit(1);
  });
  return {
    consume: (request) =>
      new Promise((resolve) => {
        const id = next++;
        waiting.set(id, resolve);
        worker.postMessage({ ...request, id } satisfies ConsumeRequest);
      }),
    close: () => worker.terminate().then(() => undefined),
  };
}
