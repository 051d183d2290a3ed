import { createServer } from 'node:net';

/**
 * A TCP port on the loopback interface that is free right now: the kernel picks it for a
 * listener on port 0, which is closed again before the port is returned.
 *
 * @example
 * const port = await freePort();
 * spawn('node', ['server.js'], { env: { ...process.env, PORT: String(port) } });
 */
export function freePort(host = '127.0.0.1'): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.once('error', reject);
    server.listen(0, host, () => {
      const address = server.address();
      if (address === null || typeof address === 'string') {
        server.close();
        reject(new Error(`Could not read the port of a listener on ${host}`));
        return;
      }
      server.close((error) => (error ? reject(error) : resolve(address.port)));
    });
  });
}
