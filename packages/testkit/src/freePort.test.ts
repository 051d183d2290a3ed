import { createServer } from 'node:net';
import { describe, expect, it } from 'vitest';
import { freePort } from './freePort.js';

describe('freePort', () => {
  it('returns a loopback port that a server can then listen on', async () => {
    const port = await freePort();
    const server = createServer();
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject).listen(port, '127.0.0.1', resolve);
    });
    expect(server.address()).toMatchObject({ port });
    await new Promise<void>((resolve) => server.close(() => resolve()));
  });
});
