import { exampleGraphs } from '@beluga/nodes';
import {
  startExampleApis,
  startOpenAiCompatibleServer,
  type ExampleApis,
  type OpenAiServer,
} from '@beluga/testkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { jsonOf, runCli } from './runCli.js';

const example = (id: string) => {
  const found = exampleGraphs().find((candidate) => candidate.document.id === id);
  if (!found) throw new Error(`no example ${id}`);
  return found.path;
};

let apis: ExampleApis;
let llm: OpenAiServer;
const API_KEY = 'sk-test-cli-5f3a';
beforeAll(async () => {
  [apis, llm] = await Promise.all([
    startExampleApis(),
    startOpenAiCompatibleServer({ apiKey: API_KEY }),
  ]);
});
afterAll(async () => {
  await Promise.all([apis.close(), llm.close()]);
});

const triage = (owner: string, repo: string, ...extra: string[]) =>
  runCli([
    'run',
    example('github-repo-triage'),
    '--input',
    JSON.stringify({ owner, repo }),
    '--set',
    `fetch.url=${apis.url}/repos/{{owner}}/{{repo}}`,
    ...extra,
  ]);

describe('beluga run', () => {
  it('runs the fetch → transform → branch example down the path its data chooses', async () => {
    const popular = jsonOf(await triage('nodejs', 'node', '--allow-private-network', '--json'));
    expect(popular).toMatchObject({
      status: 'succeeded',
      output: { name: 'nodejs/node', verdict: 'needs triage', issuesPerThousandStars: 15.3 },
      nodes: {
        triage: { state: 'succeeded' },
        healthy: { state: 'skipped' },
        fetch: { attempts: 1 },
      },
    });
    const small = jsonOf(await triage('acme', 'tiny', '--allow-private-network', '--json'));
    expect(small).toMatchObject({
      output: { name: 'acme/tiny', verdict: 'healthy', stars: 42 },
      nodes: { triage: { state: 'skipped' }, healthy: { state: 'succeeded' } },
    });
  });

  it('shows each node state as a line when stderr is not a terminal, and prints the output', async () => {
    apis.failNext('/repos/nodejs/node', 1);
    const result = await triage('nodejs', 'node', '--allow-private-network');
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout)).toMatchObject({ verdict: 'needs triage' });
    expect(result.stderr).toMatch(/↻ fetch +http\.request +retrying \(attempt 1.*EXECUTION_FAILED/);
    expect(result.stderr).toMatch(/✓ fetch +http\.request +succeeded \(attempt 2, \d+ ms\)/);
    expect(result.stderr).toMatch(/– healthy +transform +skipped/);
    expect(result.stderr).toContain('✓ run succeeded');
  });

  it('refuses loopback addresses unless private networks are allowed', async () => {
    const before = apis.requests.length;
    const result = await triage('nodejs', 'node', '--json');
    expect(result.code).toBe(1);
    const json = jsonOf(result);
    expect(json).toMatchObject({ status: 'failed', nodes: { fetch: { state: 'failed' } } });
    expect(JSON.stringify(json)).toMatch(/private/i);
    expect(apis.requests.length).toBe(before);
    const viaEnv = await runCli(
      [
        'run',
        example('github-repo-triage'),
        '--input',
        '{"owner":"acme","repo":"tiny"}',
        '--set',
        `fetch.url=${apis.url}/repos/{{owner}}/{{repo}}`,
        '--json',
      ],
      { env: { BELUGA_ALLOW_PRIVATE_NETWORK: 'true' } },
    );
    expect(viaEnv.code).toBe(0);
  });

  it('names the missing input field and fails with exit code 1', async () => {
    const result = await runCli([
      'run',
      example('github-repo-triage'),
      '--input',
      '{"owner":"nodejs"}',
      '--json',
    ]);
    expect(result.code).toBe(1);
    expect(jsonOf(result)).toMatchObject({
      status: 'failed',
      error: {
        code: 'VALIDATION_FAILED',
        message: 'Node "repo" failed: The run input needs "repo"',
      },
    });
  });

  it('runs the parallel HTTP fan-out example and its sandboxed report', async () => {
    const result = await runCli([
      'run',
      example('user-activity-fan-out'),
      '--input',
      '{"userId": 2}',
      '--set',
      `user.url=${apis.url}/users/{{userId}}`,
      '--set',
      `posts.url=${apis.url}/posts?userId={{userId}}`,
      '--set',
      `todos.url=${apis.url}/todos?userId={{userId}}`,
      '--allow-private-network',
      '--json',
    ]);
    expect(jsonOf(result)).toMatchObject({
      status: 'succeeded',
      output: {
        name: 'Ervin Howell',
        posts: 3,
        todos: 4,
        completion: 75,
        longestTitle: 'post 3!!!',
      },
    });
  });

  const draftReview = (
    decision: string[],
    env: NodeJS.ProcessEnv = { BELUGA_CREDENTIAL_LLM: API_KEY },
  ) =>
    runCli(
      [
        'run',
        example('llm-draft-review'),
        '--input',
        '{"topic": "graph schedulers", "sessionId": "s1"}',
        ...['outline', 'draft'].flatMap((node) => [
          '--set',
          `${node}.baseUrl=${llm.url}`,
          '--set',
          `${node}.credential=llm`,
        ]),
        '--allow-private-network',
        '--json',
        ...decision,
      ],
      { env },
    );

  it('runs the LLM chain with its approval answered on the command line', async () => {
    const published = jsonOf(await draftReview(['--approve', 'review=ship it']));
    expect(published).toMatchObject({
      status: 'succeeded',
      output: { status: 'published', comment: 'ship it', approvedBy: 'command line' },
    });
    expect((published.output as { text: string }).text).toMatch(
      /^You said: Write one short paragraph from this outline:/,
    );
    const rejected = jsonOf(await draftReview(['--reject', 'review=too vague']));
    expect(rejected).toMatchObject({ output: { status: 'rejected', comment: 'too vague' } });
    const last = llm.requests.at(-1);
    expect(last?.headers.authorization).toBe(`Bearer ${API_KEY}`);
  });

  it('fails an unanswered approval in a non-interactive run with what to pass', async () => {
    const result = await draftReview([]);
    expect(result.code).toBe(1);
    expect(jsonOf(result)).toMatchObject({
      status: 'failed',
      nodes: { review: { state: 'failed' } },
      error: { message: expect.stringContaining('--approve review') as unknown },
    });
  });

  it('never prints the API key, even when the server refuses it', async () => {
    const result = await draftReview(['--approve', 'review'], {
      BELUGA_CREDENTIAL_LLM: 'sk-wrong-key-9876',
    });
    expect(result.code).toBe(1);
    expect(result.stdout + result.stderr).not.toContain('sk-wrong-key-9876');
    expect(jsonOf(result)).toMatchObject({ nodes: { outline: { state: 'failed' } } });
  });

  it('rejects a --set aimed at a node the graph does not have', async () => {
    const result = await runCli(['run', example('github-repo-triage'), '--set', 'nope.url=x']);
    expect(result.code).toBe(64);
    expect(result.stderr).toContain('the graph has no node "nope"');
  });
});
