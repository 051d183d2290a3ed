import { expect, test, type APIRequestContext } from '@playwright/test';
import { replyTo, startOpenAiCompatibleServer, type OpenAiServer } from '@beluga/testkit';
import { ownerWorkspaceId } from './account.helpers.js';

// The llm.chat node against the local OpenAI-compatible test server (127.0.0.1, reachable because
// playwright.config.ts lets this e2e server call private addresses). The server's gate holds the
// stream after a few words, so the test sees the partial reply in the browser before releasing
// the rest: no sleeps, no timing guesses.

const HELD_AFTER = 3;

interface HeldServer {
  server: OpenAiServer;
  release: () => void;
}

/** A test server that streams the first `HELD_AFTER` tokens, then waits for `release()`. */
async function startHeldServer(): Promise<HeldServer> {
  let release!: () => void;
  const released = new Promise<void>((resolve) => (release = resolve));
  const server = await startOpenAiCompatibleServer({
    gate: (index) => (index < HELD_AFTER ? Promise.resolve() : released),
  });
  return { server, release };
}

function llmGraph(baseUrl: string) {
  const node = (id: string, type: string, config: object, x: number) => ({
    id,
    type,
    config,
    position: { x, y: 0 },
  });
  return {
    format: 'beluga.graph/v1',
    id: 'imported',
    name: 'Streamed answer',
    nodes: [
      node('in', 'input', { fields: [{ name: 'topic', type: 'string', required: true }] }, 0),
      node(
        'ask',
        'llm.chat',
        { baseUrl, model: 'beluga-test-model', prompt: 'Write about {{topic}}', stream: true },
        260,
      ),
      node('out', 'output', {}, 520),
    ],
    edges: [
      { id: 'in-ask', source: 'in', sourcePort: 'out', target: 'ask' },
      { id: 'ask-out', source: 'ask', sourcePort: 'out', target: 'out' },
    ],
  };
}

async function importGraph(request: APIRequestContext, document: unknown): Promise<string> {
  const response = await request.post('/trpc/graphs.import', {
    data: { workspaceId: ownerWorkspaceId(), document },
  });
  expect(response.ok(), await response.text()).toBe(true);
  const body = (await response.json()) as { result: { data: { graph: { id: string } } } };
  return body.result.data.graph.id;
}

test('the node details show an LLM reply growing as its tokens stream in', async ({ page }) => {
  const { server, release } = await startHeldServer();
  try {
    const graphId = await importGraph(page.request, llmGraph(server.url));
    const messages = [{ role: 'user', content: 'Write about whales' }];
    const tokens = replyTo({ messages }).tokens;
    const full = tokens.join('');
    expect(full).toBe('You said: Write about whales; I remember 0 earlier messages');

    await page.goto(`/#/graphs/${graphId}`);
    await expect(page.locator('.react-flow__node').first()).toBeVisible();
    await page.getByRole('tab', { name: 'Run' }).click();
    await page.getByRole('button', { name: 'Run', exact: true }).click();
    const dialog = page.getByRole('dialog', { name: 'Run graph' });
    await dialog.getByRole('textbox', { name: /topic/ }).fill('whales');
    await dialog.getByRole('button', { name: 'Start run' }).click();
    await expect(dialog).toBeHidden();

    await page.locator('[data-testid="timeline-row"][data-node-id="ask"]').click();
    const details = page.getByTestId('node-run-details');
    await expect(details).toHaveAttribute('data-node-id', 'ask');

    // Held: the first words are shown while the node is still running, and nothing after them.
    const streaming = details.getByRole('region', { name: 'Streaming output' });
    await expect(streaming.getByTestId('node-run-stream')).toHaveText(
      tokens.slice(0, HELD_AFTER).join(''),
    );
    await expect(details.getByTestId('node-run-status')).toHaveText('Running');
    await expect(page.getByTestId('run-status')).toHaveAttribute('data-status', 'running');
    expect((server.requests[0]?.body as { messages: unknown }).messages).toEqual(messages);

    release();
    const streamed = details.getByRole('region', { name: 'Streamed output' });
    await expect(streamed.getByTestId('node-run-stream')).toHaveText(full);
    await expect(details.getByTestId('node-run-status')).toHaveText('Succeeded');
    await expect(details.getByRole('region', { name: 'Output', exact: true })).toContainText(
      `"text": "${full}"`,
    );
    await expect(page.getByTestId('run-status')).toHaveAttribute('data-status', 'succeeded');
    await expect(page.getByRole('region', { name: 'Run output' })).toContainText(
      `"text": "${full}"`,
    );
  } finally {
    release();
    await server.close();
  }
});
