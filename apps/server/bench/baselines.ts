/**
 * What the end-to-end path is made of, each measured alone in this process: the same events sent
 * over raw SSE and over a tRPC subscription without a database, the database append alone, and
 * the engine alone.
 */
import type { Database } from '@beluga/db';
import { compile, GraphDocumentSchema, type GraphDocumentInput } from '@beluga/graph';
import { createApprovalBroker, createNodeRegistry } from '@beluga/nodes';
import type { RunEvent } from '@beluga/orchestration';
import { initTRPC, tracked } from '@trpc/server';
import { createExpressMiddleware } from '@trpc/server/adapters/express';
import express from 'express';
import { randomUUID } from 'node:crypto';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { z } from 'zod';

/** Messages as the API sends them: pages of at most 500 events. */
export const PAGE = 500;

export function pagesOf(events: readonly RunEvent[]): RunEvent[][] {
  const pages: RunEvent[][] = [];
  for (let i = 0; i < events.length; i += PAGE) pages.push(events.slice(i, i + PAGE));
  return pages;
}

export interface BaselineServer {
  url: string;
  stop(): Promise<void>;
}

async function listen(app: express.Express): Promise<BaselineServer> {
  const server: Server = app.listen(0, '127.0.0.1');
  await new Promise<void>((resolve) => server.once('listening', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    stop: async () => {
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

/**
 * express writing the events in tRPC's SSE wire format by hand (JSON.stringify per message,
 * honouring backpressure), at the path the API uses, so both readers work against it unchanged.
 */
export function rawSseServer(events: readonly RunEvent[]): Promise<BaselineServer> {
  const app = express();
  app.get('/trpc/runs.events', (_req, res) => {
    res.writeHead(200, { 'content-type': 'text/event-stream', 'cache-control': 'no-cache' });
    void (async () => {
      res.write('event: connected\ndata: {}\n\n');
      for (const page of pagesOf(events)) {
        const message = `id: ${page.at(-1)?.seq}\ndata: ${JSON.stringify(page)}\n\n`;
        if (!res.write(message)) await new Promise((resolve) => res.once('drain', resolve));
      }
      res.end('event: return\ndata: \n\n');
    })();
  });
  return listen(app);
}

/** A tRPC v11 subscription with the API's SSE options, yielding the events as tracked pages. */
export function trpcSseServer(events: readonly RunEvent[]): Promise<BaselineServer> {
  const t = initTRPC.create({
    sse: {
      ping: { enabled: true, intervalMs: 15_000 },
      client: { reconnectAfterInactivityMs: 45_000 },
    },
  });
  const router = t.router({
    runs: t.router({
      events: t.procedure
        .input(z.object({ runId: z.string(), lastEventId: z.string().nullish() }))
        .subscription(async function* () {
          // One await per page, as the API's stream awaits its read.
          for (const page of pagesOf(events)) {
            await Promise.resolve();
            yield tracked(String(page.at(-1)?.seq), page);
          }
        }),
    }),
  });
  const app = express();
  app.use('/trpc', createExpressMiddleware({ router }));
  return listen(app);
}

/** Appends the events to a fresh run in pages, one statement each: events per second. */
export async function appendAlone(db: Database, events: readonly RunEvent[]): Promise<number> {
  const run = await db.runs.create({
    id: randomUUID(),
    workspaceId: 'bench',
    graphId: 'bench',
    graphVersion: 1,
    graphName: 'bench',
    executor: 'local',
    input: null,
    startedBy: 'bench',
    instanceId: 'bench',
  });
  const renamed = events.map((event) => ({ ...event, runId: run.id }));
  const start = performance.now();
  for (const page of pagesOf(renamed)) await db.events.append(page);
  return (renamed.length * 1000) / (performance.now() - start);
}

/** The graph run by the engine with an event listener, no database, no HTTP: events per second. */
export async function engineAlone(graph: GraphDocumentInput, input: unknown): Promise<number> {
  const registry = createNodeRegistry({ approvals: createApprovalBroker() });
  const executable = compile(GraphDocumentSchema.parse(graph), registry);
  let events = 0;
  const start = performance.now();
  await executable.invoke(input, { onEvent: () => events++ });
  return (events * 1000) / (performance.now() - start);
}
