import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createApiToken,
  signUpOwner,
  startBelugaServer,
  type BelugaServer,
} from './belugaServer.js';
import { jsonOf, runCli } from './runCli.js';

/** input → transform → output: doubles `n`. */
const DOUBLER = {
  format: 'beluga.graph/v1',
  id: 'doubler',
  name: 'Doubler',
  nodes: [
    { id: 'in', type: 'input', position: { x: 0, y: 0 } },
    {
      id: 'double',
      type: 'transform',
      position: { x: 200, y: 0 },
      config: { expression: '{ "doubled": n * 2 }' },
    },
    { id: 'out', type: 'output', position: { x: 400, y: 0 } },
  ],
  edges: [
    { id: 'a', source: 'in', target: 'double' },
    { id: 'b', source: 'double', target: 'out' },
  ],
};

let server: BelugaServer;
let apiToken: string;
let graphId: string;
let workspaceId: string;
let call: Awaited<ReturnType<typeof signUpOwner>>['call'];

beforeAll(async () => {
  server = await startBelugaServer();
  const owner = await signUpOwner(server.url);
  call = owner.call;
  workspaceId = owner.workspaceId;
  apiToken = await createApiToken(server.url, owner.cookie);
  const imported = (await call.mutate('graphs.import', {
    workspaceId: owner.workspaceId,
    document: DOUBLER,
  })) as { graph: { id: string } };
  graphId = imported.graph.id;
}, 60_000);
afterAll(async () => {
  await server?.stop();
});

/** Neither the API token nor a link's token ever shows in what the CLI prints. */
function expectNoSecret(result: { stdout: string; stderr: string }, secret: string) {
  expect(result.stdout).not.toContain(secret);
  expect(result.stderr).not.toContain(secret);
}

describe('beluga run against a server', () => {
  it('fetches a graph with an API token (--token or BELUGA_TOKEN) and runs it here', async () => {
    const args = ['run', '--server', server.url, graphId, '--input', '{"n":21}', '--json'];
    const withFlag = await runCli([...args.slice(0, 3), '--token', apiToken, ...args.slice(3)]);
    expect(withFlag.code).toBe(0);
    expect(jsonOf(withFlag)).toMatchObject({
      status: 'succeeded',
      output: { doubled: 42 },
      nodes: { double: { state: 'succeeded' } },
    });
    expectNoSecret(withFlag, apiToken);

    const withEnv = await runCli(args, { env: { BELUGA_TOKEN: apiToken } });
    expect(jsonOf(withEnv)).toMatchObject({ status: 'succeeded', output: { doubled: 42 } });
    // The run happened here: the server has no run of the graph.
    expect(await call.query('runs.list', { workspaceId, graphId })).toEqual([]);
  });

  it('refuses without a token, or with one the server does not accept, never printing it', async () => {
    const missing = await runCli(['run', '--server', server.url, graphId]);
    expect(missing.code).toBe(64);
    expect(missing.stderr).toContain('BELUGA_TOKEN');

    const wrong = 'blg_not-a-real-token-1234567890';
    const refused = await runCli(['run', '--server', server.url, graphId, '--token', wrong]);
    expect(refused.code).toBe(66);
    expect(refused.stderr).toContain(`${server.url} refused graphs.export`);
    expectNoSecret(refused, wrong);
  });

  it('runs the graph of a share link, and says so when the link is revoked', async () => {
    const { link, token } = (await call.mutate('sharing.createLink', { id: graphId })) as {
      link: { id: string };
      token: string;
    };
    const shareUrl = `${server.url}/#/shared/${token}`;
    const shared = await runCli(['run', shareUrl, '--input', '{"n":5}', '--json']);
    expect(shared.code).toBe(0);
    expect(jsonOf(shared)).toMatchObject({ status: 'succeeded', output: { doubled: 10 } });
    expectNoSecret(shared, token);

    await call.mutate('sharing.revokeLink', { id: graphId, linkId: link.id });
    const revoked = await runCli(['run', shareUrl, '--input', '{"n":5}']);
    expect(revoked.code).toBe(66);
    expect(revoked.stderr).toContain('share link is not valid');
    expectNoSecret(revoked, token);
  });

  it('refuses a URL that is not a share link', async () => {
    const result = await runCli(['run', `${server.url}/#/graphs/${graphId}`]);
    expect(result.code).toBe(64);
    expect(result.stderr).toContain('not a share link');
  });
});
