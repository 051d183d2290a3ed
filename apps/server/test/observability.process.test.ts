import { startOtlpReceiver, type OtlpReceiver } from '@beluga/testkit';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signedInClient } from './harness.js';
import { callerSpan, scrape, total, tracedClient } from './observability.js';
import { killServers, spawnServer, type ServerProcess } from './serverProcess.js';
import { collectRun, importGraph, transformChain } from './streaming.js';

// The server process as `pnpm dev` starts it, configured only by the standard OTEL_* variables:
// main.ts registers the SDK before anything is compiled, exports to the collector it names,
// and logs JSON lines carrying trace ids — without the collector's credentials.
describe('the server process configured by OTEL_* variables', () => {
  let receiver: OtlpReceiver;
  let server: ServerProcess;
  let dataDir: string;

  beforeAll(async () => {
    receiver = await startOtlpReceiver();
    dataDir = await mkdtemp(join(tmpdir(), 'beluga-otel-'));
    server = await spawnServer({
      DATA_DIR: dataDir,
      OTEL_EXPORTER_OTLP_ENDPOINT: receiver.url,
      OTEL_EXPORTER_OTLP_HEADERS: 'authorization=Bearer%20collector-s3cret',
      OTEL_SERVICE_NAME: 'beluga-api-test',
      OTEL_RESOURCE_ATTRIBUTES: 'deployment.environment=test',
      OTEL_BSP_SCHEDULE_DELAY: '50',
    });
  });
  afterAll(async () => {
    await killServers();
    await receiver?.stop();
    await rm(dataDir, { recursive: true, force: true });
  });

  it('exports the run’s trace, counts it at /metrics and logs it with its trace id', async () => {
    const caller = callerSpan();
    const { client, workspaceId, cookie } = await signedInClient(server.url);
    const graphId = await importGraph(client, transformChain(2), workspaceId);
    const run = await tracedClient(server.url, caller.traceparent, cookie).runs.start.mutate({
      graphId,
    });
    await collectRun(client, { runId: run.id });

    const spans = await receiver.waitFor((all) =>
      all.some((span) => span.traceId === caller.traceId && span.name === 'node out'),
    );
    const graph = spans.find((span) => span.name === 'graph streaming test');
    expect(graph).toMatchObject({ traceId: caller.traceId, service: 'beluga-api-test' });
    expect(receiver.requests()[0]?.headers.authorization).toBe('Bearer collector-s3cret');

    const metrics = await scrape(server.url);
    expect(total(metrics, 'beluga_runs_started_total', { executor: 'local' })).toBe(1);
    expect(total(metrics, 'beluga_orchestration_nodes_total')).toBe(4);
    expect(total(metrics, 'target_info', { deployment_environment: 'test' })).toBe(1);

    const lines = server
      .output()
      .split('\n')
      .filter((line) => line.startsWith('{'))
      .map((line) => JSON.parse(line) as Record<string, unknown>);
    const started = lines.find((line) => line.msg === 'run started' && line.runId === run.id);
    expect(started).toMatchObject({ level: 'info', service: 'beluga-api-test' });
    expect(started?.trace_id).toBe(caller.traceId);
    expect(server.output()).not.toContain('collector-s3cret');
  });
});
