// Every example graph on both executors: the same outputs and the same final node states.
import type { GraphDocument } from '@beluga/graph';
import { exampleGraphs, type NodeServices } from '@beluga/nodes';
import {
  startExampleApis,
  startOpenAiCompatibleServer,
  type ExampleApis,
  type OpenAiServer,
} from '@beluga/testkit';
import { Worker } from '@temporalio/worker';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRunEventSinks } from '../src/index.js';
import {
  localExecutor,
  temporalExecutor,
  type Executor,
  type RunCase,
  type RunOutcome,
} from './executors.js';
import { startHarness, type Harness } from './harness.js';

const API_KEY = 'sk-test-temporal-7c1d';
let h: Harness;
let apis: ExampleApis;
let llm: OpenAiServer;
const services: NodeServices = {
  network: { allowPrivateNetworks: true },
  resolveCredential: (name) => (name === 'llm' ? API_KEY : undefined),
};

beforeAll(async () => {
  [apis, llm] = await Promise.all([
    startExampleApis(),
    startOpenAiCompatibleServer({ apiKey: API_KEY }),
  ]);
  h = await startHarness({ services });
});
afterAll(async () => {
  await Promise.all([h?.stop(), apis?.close(), llm?.close()]);
});

/** An example with some nodes' config overridden (the local stand-ins' URLs), like `--set`. */
function example(id: string, overrides: Record<string, Record<string, unknown>>): GraphDocument {
  const found = exampleGraphs().find((candidate) => candidate.document.id === id);
  if (!found) throw new Error(`no example ${id}`);
  const document = structuredClone(found.document);
  for (const node of document.nodes) Object.assign(node.config, overrides[node.id]);
  return document;
}

const cases: Record<string, () => RunCase> = {
  'github-repo-triage, a busy repository': () => ({
    document: example('github-repo-triage', {
      fetch: { url: `${apis.url}/repos/{{owner}}/{{repo}}` },
    }),
    input: { owner: 'nodejs', repo: 'node' },
  }),
  'github-repo-triage, the API failing once': () => {
    apis.failNext('/repos/nodejs/node', 1);
    return {
      document: example('github-repo-triage', {
        fetch: { url: `${apis.url}/repos/{{owner}}/{{repo}}` },
      }),
      input: { owner: 'nodejs', repo: 'node' },
    };
  },
  'github-repo-triage, a healthy one': () => ({
    document: example('github-repo-triage', {
      fetch: { url: `${apis.url}/repos/{{owner}}/{{repo}}` },
    }),
    input: { owner: 'acme', repo: 'tiny' },
  }),
  'user-activity-fan-out': () => ({
    document: example('user-activity-fan-out', {
      user: { url: `${apis.url}/users/{{userId}}` },
      posts: { url: `${apis.url}/posts?userId={{userId}}` },
      todos: { url: `${apis.url}/todos?userId={{userId}}` },
    }),
    input: { userId: 2 },
  }),
  'llm-draft-review, approved': () => ({
    document: example('llm-draft-review', {
      outline: { baseUrl: llm.url, credential: 'llm' },
      draft: { baseUrl: llm.url, credential: 'llm' },
    }),
    input: { topic: 'graph schedulers', sessionId: 'approved' },
    decisions: { review: { decision: 'approved', comment: 'ship it', by: 'ada' } },
  }),
  'llm-draft-review, rejected': () => ({
    document: example('llm-draft-review', {
      outline: { baseUrl: llm.url, credential: 'llm' },
      draft: { baseUrl: llm.url, credential: 'llm' },
    }),
    input: { topic: 'graph schedulers', sessionId: 'rejected' },
    decisions: { review: { decision: 'rejected', comment: 'too vague' } },
  }),
  'github-repo-triage, an unknown repository with continue-on-error': () => {
    const document = example('github-repo-triage', {
      fetch: { url: `${apis.url}/repos/{{owner}}/{{repo}}` },
    });
    const fetch = document.nodes.find((node) => node.id === 'fetch');
    if (fetch) fetch.continueOnError = true;
    return { document, input: { owner: 'acme', repo: 'missing' } };
  },
  'github-repo-triage, a missing input field': () => ({
    document: example('github-repo-triage', {}),
    input: { owner: 'nodejs' },
  }),
};

/** What each case must give, whichever executor runs it. */
const expected: Record<string, Partial<RunOutcome>> = {
  'github-repo-triage, a busy repository': {
    status: 'succeeded',
    output: { name: 'nodejs/node', verdict: 'needs triage', issuesPerThousandStars: 15.3 },
  },
  'github-repo-triage, the API failing once': {
    status: 'succeeded',
    output: { name: 'nodejs/node', verdict: 'needs triage' },
    nodes: expect.objectContaining({ fetch: 'succeeded' }) as Record<string, string>,
  },
  'github-repo-triage, a healthy one': {
    status: 'succeeded',
    output: { name: 'acme/tiny', verdict: 'healthy', stars: 42 },
  },
  'user-activity-fan-out': {
    status: 'succeeded',
    output: { name: 'Ervin Howell', posts: 3, todos: 4, completion: 75, longestTitle: 'post 3!!!' },
  },
  'llm-draft-review, approved': {
    status: 'succeeded',
    output: { status: 'published', comment: 'ship it', approvedBy: 'ada' },
  },
  'llm-draft-review, rejected': {
    status: 'succeeded',
    output: { status: 'rejected', comment: 'too vague' },
  },
  'github-repo-triage, an unknown repository with continue-on-error': {
    status: 'succeeded',
    nodes: {
      repo: 'succeeded',
      fetch: 'failed',
      summary: 'skipped',
      backlog: 'skipped',
      triage: 'skipped',
      healthy: 'skipped',
      verdict: 'skipped',
      result: 'skipped',
    },
  },
  'github-repo-triage, a missing input field': {
    status: 'failed',
    error: {
      code: 'VALIDATION_FAILED',
      message: expect.stringContaining('The run input needs "repo"') as string,
    },
  },
};

const outcomes: Record<string, Record<string, RunOutcome>> = {};
const executors: [string, () => Executor][] = [
  ['local', () => localExecutor(services)],
  ['temporal', () => temporalExecutor(h)],
];

describe.each(executors)('the examples on the %s executor', (_name, make) => {
  it.each(Object.keys(cases))('%s', async (name) => {
    const executor = make();
    const outcome = await executor.run((cases[name] as () => RunCase)());
    (outcomes[name] ??= {})[executor.name] = outcome;
    expect(outcome).toMatchObject(expected[name] as object);
    expect(outcome.events.at(-1)?.type).toBe(
      outcome.status === 'succeeded' ? 'run.succeeded' : 'run.failed',
    );
  });
});

describe('the two executors', () => {
  it.each(Object.keys(cases))('agree on the output and every node state: %s', (name) => {
    const { local, temporal } = outcomes[name] ?? {};
    expect(local).toBeDefined();
    expect(temporal?.output).toEqual(local?.output);
    expect(temporal?.nodes).toEqual(local?.nodes);
    expect(temporal?.error?.code).toBe(local?.error?.code);
    const retries = (outcome?: RunOutcome) =>
      outcome?.events
        .filter((e) => e.type === 'node.retrying')
        .map((e) => `${e.nodeId} ${e.attempt}`);
    expect(retries(temporal)).toEqual(retries(local));
    if (name.includes('failing once')) expect(retries(local)).toEqual(['fetch 1']);
  });
});

describe('the histories of the example runs', () => {
  it('replay without non-determinism', async () => {
    const runs = Object.values(outcomes).map((byExecutor) => byExecutor.temporal);
    const histories = await Promise.all(
      runs.map(async (outcome) => {
        const workflowId = outcome?.events[0]?.runId as string;
        return {
          workflowId,
          history: await h.client.workflow.getHandle(workflowId).fetchHistory(),
        };
      }),
    );
    const sinks = createRunEventSinks({ append: () => Promise.resolve() });
    const failures: string[] = [];
    for await (const result of Worker.runReplayHistories(
      { workflowBundle: h.bundle, sinks },
      histories,
    )) {
      if (result.error) failures.push(`${result.workflowId}: ${String(result.error)}`);
    }
    expect(failures).toEqual([]);
    expect(histories).toHaveLength(Object.keys(cases).length);
  });
});
